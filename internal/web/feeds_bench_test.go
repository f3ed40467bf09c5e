package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"pledgebook"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/storetest"
)

// BenchmarkFeed renders feeds over the 10,000-pledge ledger of the store
// benchmarks (storetest.BenchLedger) on SQLite, server-side: finding each
// selected pledge's last change in the audit log, loading the 100 newest
// and encoding the Atom document. The ledger takes a while to build; the
// build is not timed.
//
//	go test -run '^$' -bench BenchmarkFeed -benchtime 50x ./internal/web/
func BenchmarkFeed(b *testing.B) {
	// Each write a second after the last, as a ledger kept over time has
	// it: the suite's own clock stands still, which would make every
	// pledge's last change equally recent.
	var tick atomic.Int64
	cfg := storetest.Config()
	cfg.Now = func() time.Time { return storetest.Now.Add(time.Duration(tick.Add(1)) * time.Second) }
	s, err := sqlite.Open(pledgebook.WithViewer(b.Context(), admin), filepath.Join(b.TempDir(), "bench.db"), cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	storetest.BenchLedger(b, s, 10_000)
	h, err := New(s, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{BaseURL: "https://pledges.example"})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, path string }{
		{"all", "/feeds/pledges.atom"},
		{"donor", "/feeds/donors/GB.atom"},
		{"area", "/feeds/areas/drones.atom"},
		{"meeting", "/feeds/meetings/udcg-28.atom"},
		{"not-modified", "/feeds/pledges.atom"},
	} {
		b.Run(c.name, func(b *testing.B) {
			r := httptest.NewRequest(http.MethodGet, c.path, nil)
			if c.name == "not-modified" {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				r.Header.Set("If-None-Match", w.Header().Get("ETag"))
			}
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != http.StatusOK && w.Code != http.StatusNotModified {
					b.Fatalf("GET %s: status %d", c.path, w.Code)
				}
			}
		})
	}
}
