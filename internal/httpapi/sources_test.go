package httpapi_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"pledgebook"
	"pledgebook/internal/extract"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/storetest"
)

// seedDoc is the news report pledgebook was started from: the extractor
// finds two pledges in it.
const seedDoc = "../extract/testdata/corpus/001-de-seed.txt"

func readSeed(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(seedDoc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// ingestPath is POST /api/v1/sources with the metadata q.
func ingestPath(q url.Values) string { return "/api/v1/sources?" + q.Encode() }

var seedMeta = url.Values{"url": {"https://example.org/boltwise-udcg"}, "publisher": {"IT BOLTWISE"}, "published": {"2025-06-04"}}

const textPlain = "text/plain; charset=utf-8"

// TestIngestSource submits the seed through the API: a curator's
// document is stored once and its two candidates queued; the same
// document again changes nothing; refusals and bad input store nothing.
func TestIngestSource(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		seed := readSeed(t)
		sources, candidates := e.count("sources"), e.count("candidates")

		// Refusals first, before the document is a source.
		for _, c := range []struct {
			as     string
			status int
		}{{"", 401}, {"gb", 403}, {"ua", 403}, {"vic", 403}} {
			r := e.do("POST", ingestPath(seedMeta), c.as, seed, "Content-Type", textPlain)
			if r.status != c.status || r.problem(t).Status != c.status {
				t.Errorf("ingest as %q: %d %s, want %d", c.as, r.status, r.body, c.status)
			}
		}
		if e.count("sources") != sources || e.count("candidates") != candidates {
			t.Fatalf("a refused ingest stored something")
		}

		r := e.do("POST", ingestPath(seedMeta), "cura", seed, "Content-Type", textPlain)
		if r.status != http.StatusCreated {
			t.Fatalf("ingest the seed: %d %s", r.status, r.body)
		}
		var got httpapi.SourceIngested
		r.json(t, &got)
		loc := r.header.Get("Location")
		if got.Source == nil || loc != "/api/v1/sources/"+id(got.ID) || got.Queued != 2 || got.Language != "de" ||
			!regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(got.ContentHash) || got.URL != seedMeta.Get("url") ||
			got.Publisher != "IT BOLTWISE" || got.Published.String() != "2025-06-04" {
			t.Fatalf("ingest the seed: Location %q, %s; want the new source, de, with its hash and 2 candidates queued", loc, r.body)
		}
		if n := e.count("candidates"); n != candidates+2 {
			t.Errorf("%d candidates after ingesting the seed, want %d", n, candidates+2)
		}
		if r := e.do("GET", "/api/v1/candidates?state=pending&source="+id(got.ID), "cura", ""); !strings.Contains(string(r.body), `"donor":"GB"`) {
			t.Errorf("the seed's candidates are not in the queue: %s", r.body)
		}
		if r := e.do("GET", loc, "cura", ""); r.status != 200 || !strings.Contains(string(r.body), "Drohnen") {
			t.Errorf("GET %s: %d %.200s", loc, r.status, r.body)
		}

		// The same document again, as HTML of the same text or under
		// another URL: the source it already is, nothing new.
		before := e.snapshot()
		for _, q := range []url.Values{seedMeta, {"url": {"https://example.org/elsewhere"}}} {
			r := e.do("POST", ingestPath(q), "coord", seed, "Content-Type", textPlain)
			var again httpapi.SourceIngested
			r.json(t, &again)
			if r.status != http.StatusOK || again.Source == nil || again.ID != got.ID || again.Queued != 0 ||
				r.header.Get("Content-Location") != loc || r.header.Get("Location") != "" {
				t.Errorf("the same document again (%v): %d %s; want 200 with source %d, nothing queued", q, r.status, r.body, got.ID)
			}
		}
		after := e.snapshot()
		if after != before {
			t.Errorf("ingesting the same document again wrote:\nbefore:\n%s\nafter:\n%s", before, after)
		}

		// Bad input: 400 naming the field (415 and 413 for the body),
		// nothing stored.
		big := strings.Repeat("x", extract.DefaultMaxBytes+1)
		other := "Norway will send four patrol boats to Ukraine, the ministry said on Tuesday."
		for _, c := range []struct {
			name  string
			q     url.Values
			body  string
			ct    string
			want  int
			field string
		}{
			{"bad url", url.Values{"url": {"ftp://example.org/x"}}, other, textPlain, 400, "url"},
			{"relative url", url.Values{"url": {"/news/1"}}, other, textPlain, 400, "url"},
			{"bad date", url.Values{"published": {"2025-13-01"}}, other, textPlain, 400, "published"},
			{"bad lang", url.Values{"lang": {"fr"}}, other, textPlain, 400, "lang"},
			{"confidence over 1", url.Values{"min_confidence": {"1.5"}}, other, textPlain, 400, "min_confidence"},
			{"confidence not a number", url.Values{"min_confidence": {"high"}}, other, textPlain, 400, "min_confidence"},
			{"empty document", nil, " \n ", textPlain, 400, "document"},
			{"JSON", nil, `{"text":"x"}`, "application/json", 415, "Content-Type"},
			{"Latin-1", nil, other, "text/plain; charset=iso-8859-1", 415, "Content-Type"},
			{"too large", nil, big, textPlain, 413, ""},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := e.snapshot()
				r := e.do("POST", ingestPath(c.q), "cura", c.body, "Content-Type", c.ct)
				if r.status != c.want {
					t.Fatalf("%d %s, want %d", r.status, r.body, c.want)
				}
				if p := r.problem(t); p.Field != c.field || p.Detail == "" {
					t.Errorf("problem %+v, want field %q and a detail", p, c.field)
				}
				if after := e.snapshot(); after != before {
					t.Errorf("a refused ingest wrote:\nbefore:\n%s\nafter:\n%s", before, after)
				}
			})
		}

		// HTML, and a retry with the same Idempotency-Key replays the
		// answer; the same key with other metadata is refused.
		html := "<html><head><title>Patrol boats</title></head><body><nav>Home | News</nav><p>" + other + "</p></body></html>"
		q := url.Values{"url": {"https://example.org/patrol-boats"}, "lang": {"en"}, "min_confidence": {"0"}}
		first := e.do("POST", ingestPath(q), "cura", html, "Content-Type", "text/html", "Idempotency-Key", "doc-1")
		retry := e.do("POST", ingestPath(q), "cura", html, "Content-Type", "text/html", "Idempotency-Key", "doc-1")
		if first.status != 201 || retry.status != 201 || string(first.body) != string(retry.body) || retry.header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("HTML, then retried: %d %s / %d %s", first.status, first.body, retry.status, retry.body)
		}
		var boats httpapi.SourceIngested
		first.json(t, &boats)
		if boats.Title != "Patrol boats" || boats.Language != "en" {
			t.Errorf("HTML ingest: %s; want the title from the page and en", first.body)
		}
		q.Set("publisher", "Another")
		if r := e.do("POST", ingestPath(q), "cura", html, "Content-Type", "text/html", "Idempotency-Key", "doc-1"); r.status != 422 {
			t.Errorf("same key, other metadata: %d %s, want 422", r.status, r.body)
		}

		ctx := pledgebook.WithViewer(context.Background(), pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin})
		if rep, err := e.store.VerifyAudit(ctx); err != nil || !rep.OK {
			t.Errorf("VerifyAudit after ingesting: %+v, %v", rep, err)
		}
		evs, err := e.store.AuditLog(ctx, pledgebook.AuditFilter{Entity: "refusal"})
		if err != nil || !strings.Contains(auditEntities(evs), "refusal/source.ingest/sources") {
			t.Errorf("refusals audited: %s, %v; want source.ingest refused", auditEntities(evs), err)
		}
	})
}

func auditEntities(evs []pledgebook.AuditEvent) string {
	var out []string
	for _, ev := range evs {
		out = append(out, ev.Entity)
	}
	return strings.Join(out, " ")
}
