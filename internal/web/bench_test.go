package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"pledgebook/internal/httpapi"
	"pledgebook/internal/storetest"
)

// benchLedger is the size of the large ledger BenchmarkDashboard reads.
const benchLedger = 100_000

// BenchmarkDashboard renders the dashboard for the public, server-side:
// the store's reads, the sums and the template, as serve wires the UI
// (behind the API's authentication, which finds no credentials).
//
//   - demo: over the demo data on SQLite (see newEnv).
//   - sqlite/n=100000, postgres/n=100000: over the generated ledger of
//     storetest.BulkLedger, 100,000 pledges with sources and about 3,900
//     deliveries. It is built once per run of the benchmark, in seconds,
//     and not timed; PostgreSQL needs PLEDGEBOOK_TEST_POSTGRES, and
//     -short skips both.
func BenchmarkDashboard(b *testing.B) {
	b.Run("demo", func(b *testing.B) { benchDashboard(b, newEnv(b).h) })
	engines := []struct {
		name string
		open storetest.Opener
	}{
		{"sqlite", openSQLite},
		{"postgres", openPostgres},
	}
	for _, e := range engines {
		b.Run(e.name+"/n=100000", func(b *testing.B) {
			if testing.Short() {
				b.Skip("the ledger of 100,000 pledges is skipped under -short")
			}
			s := e.open(b)
			start := time.Now()
			storetest.BulkLedger(b, s, benchLedger)
			b.Logf("setup: %d pledges stored in %v", benchLedger, time.Since(start).Round(time.Millisecond))
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			api := httpapi.NewAPI(s, log, httpapi.Options{Now: storetest.Config().Now})
			h, err := New(s, log, Options{Authenticate: api.Authenticate})
			if err != nil {
				b.Fatal(err)
			}
			benchDashboard(b, h)
		})
	}
}

func benchDashboard(b *testing.B, h http.Handler) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
