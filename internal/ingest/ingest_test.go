package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pledgebook"
	"pledgebook/internal/extract"
	"pledgebook/internal/ingest"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/storetest"
)

var adminCtx = pledgebook.WithActor(pledgebook.WithViewer(context.Background(), pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin}), "test")

func open(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "pb.db"), storetest.Config())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.SyncReference(adminCtx, storetest.Reference()); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRun ingests the seed once, then again, and refuses bad input
// naming the field, before anything is stored.
func TestRun(t *testing.T) {
	s := open(t)
	seed, err := os.ReadFile("../extract/testdata/corpus/001-de-seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := func(body string) ingest.Document {
		return ingest.Document{Body: strings.NewReader(body), MinConfidence: extract.DefaultMinConfidence,
			Source: pledgebook.Source{URL: " https://example.org/seed ", Published: pledgebook.MustDate("2025-06-04")}}
	}
	for _, c := range []struct {
		name, field string
		change      func(*ingest.Document)
	}{
		{"bad url", "url", func(d *ingest.Document) { d.Source.URL = "mailto:x@example.org" }},
		{"bad lang", "lang", func(d *ingest.Document) { d.Lang = "uk" }},
		{"negative confidence", "min_confidence", func(d *ingest.Document) { d.MinConfidence = -0.1 }},
		{"too large", "document", func(d *ingest.Document) { d.MaxBytes = 10 }},
		{"no text", "document", func(d *ingest.Document) { d.Body = strings.NewReader("<html><body><script>x()</script></body></html>") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := doc(string(seed))
			c.change(&d)
			_, err := ingest.Run(adminCtx, s, d)
			if pledgebook.ErrorKind(err) != pledgebook.KindInvalid || pledgebook.ErrorField(err) != c.field {
				t.Fatalf("Run = %v; want invalid input naming %s", err, c.field)
			}
			if c.name == "too large" && !errors.Is(err, extract.ErrTooLarge) {
				t.Errorf("Run = %v; want it to wrap extract.ErrTooLarge", err)
			}
			if ss, _ := s.FindSources(adminCtx); len(ss) != 0 {
				t.Errorf("a refused document was stored")
			}
		})
	}
	out, err := ingest.Run(adminCtx, s, doc(string(seed)))
	if err != nil || !out.Created || out.Queued != 2 || out.Source.URL != "https://example.org/seed" || out.Source.Language != "de" {
		t.Fatalf("Run(seed) = %+v, %v; want a new source with 2 queued", out, err)
	}
	again, err := ingest.Run(adminCtx, s, doc(string(seed)))
	if err != nil || again.Created || again.Queued != 0 || again.Source.ID != out.Source.ID {
		t.Fatalf("Run(seed) again = %+v, %v; want source %d, nothing queued", again, err, out.Source.ID)
	}
}

// TestPrepare keeps the given title, or takes the document's own.
func TestPrepare(t *testing.T) {
	res, err := extract.Extract(strings.NewReader("<html><head><title>Own title</title></head><body><p>Norway will send four patrol boats to Ukraine.</p></body></html>"), ingest.Options("en", 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if in := ingest.Prepare(res, pledgebook.Source{}); in.Source.Title != "Own title" || in.Source.Language != "en" || in.Text != res.Text {
		t.Errorf("Prepare without a title = %+v", in.Source)
	}
	if in := ingest.Prepare(res, pledgebook.Source{Title: "Given"}); in.Source.Title != "Given" {
		t.Errorf("Prepare with a title = %q, want Given", in.Source.Title)
	}
	for i, c := range res.Candidates {
		got := ingest.Candidate(c)
		if got.Donor != c.Donor || got.EvidenceStart != c.Evidence.Start || got.Evidence != c.Evidence.Text {
			t.Errorf("candidate %d: %+v from %+v", i, got, c)
		}
	}
	if o := ingest.Options("de", 5, 0); o.MinConfidence >= 0 || o.Lang != "de" || o.MaxBytes != 5 {
		t.Errorf("Options with confidence 0 = %+v; want a negative minimum (keep all)", o)
	}
}
