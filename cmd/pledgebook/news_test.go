package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"pledgebook/internal/extract"
)

// seedDoc is the news report pledgebook was started from, as kept in the
// extraction corpus.
const seedDoc = "../../internal/extract/testdata/corpus/001-de-seed.txt"

// extracted is the JSON of `pledgebook extract`.
type extracted struct {
	Language   string `json:"language"`
	Candidates []struct {
		Donor    string  `json:"donor"`
		Category string  `json:"category"`
		Quantity *int64  `json:"quantity"`
		Amount   *int64  `json:"amount"`
		Currency *string `json:"currency"`
		Status   string  `json:"status"`
		Evidence struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Text  string `json:"text"`
		} `json:"evidence"`
	} `json:"candidates"`
}

func runStdin(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(t.Context(), args, strings.NewReader(stdin), &stdout, &stderr, func(string) string { return "" })
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func TestExtractSeed(t *testing.T) {
	// extract needs no database: --db names one that cannot be opened.
	nodb := filepath.Join(t.TempDir(), "missing", "dir", "x.db")
	r := runStdin(t, "", "--db", nodb, "extract", "--format", "json", seedDoc)
	if r.code != exitOK {
		t.Fatalf("extract seed: exit %d, stderr %s", r.code, r.stderr)
	}
	var got extracted
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("extract --format json: %v\n%s", err, r.stdout)
	}
	text := runStdin(t, "", "--db", nodb, "extract", "--text", seedDoc)
	if got.Language != "de" || len(got.Candidates) != 2 {
		t.Fatalf("seed: language %q, %d candidates; want de and exactly 2\n%s", got.Language, len(got.Candidates), r.stdout)
	}
	drones, training := got.Candidates[0], got.Candidates[1]
	if drones.Donor != "GB" || drones.Category != "drones" || drones.Quantity == nil || *drones.Quantity != 100000 || drones.Status != "announced" {
		t.Errorf("first candidate = %+v; want GB drones 100000 announced", drones)
	}
	if training.Donor != "GB" || training.Category != "training" || training.Amount == nil || *training.Amount != 247000000 ||
		training.Currency == nil || *training.Currency != "GBP" || training.Status != "announced" {
		t.Errorf("second candidate = %+v; want GB training 247000000 GBP announced", training)
	}
	for _, c := range got.Candidates {
		if c.Evidence.Start < 0 || c.Evidence.End > len(text.stdout) || text.stdout[c.Evidence.Start:c.Evidence.End] != c.Evidence.Text {
			t.Errorf("evidence %d–%d %q is not that span of the cleaned text", c.Evidence.Start, c.Evidence.End, c.Evidence.Text)
		}
	}
	// The same from standard input.
	b, err := os.ReadFile(seedDoc)
	if err != nil {
		t.Fatal(err)
	}
	if r2 := runStdin(t, string(b), "--db", nodb, "extract", "--format", "json", "-"); r2.stdout != r.stdout {
		t.Errorf("extract - gave other output than extract FILE")
	}
	if r3 := runStdin(t, "", "--db", nodb, "extract", seedDoc); r3.code != exitOK || !strings.Contains(r3.stdout, "GB") {
		t.Errorf("extract as a table: exit %d\n%s", r3.code, r3.stdout)
	}
}

// TestExtractMinConfidence checks that --min-confidence drops the
// candidates the model rates lower, and that 0 keeps all.
func TestExtractMinConfidence(t *testing.T) {
	doc := filepath.Join(t.TempDir(), "report.txt")
	// A pledge beside figures that only look like one: the rules propose
	// more than one candidate, and the model rates them differently.
	text := "Berlin, 3 March 2025. Germany will send four more IRIS-T systems to Ukraine, the defence ministry said on Monday. " +
		"Germany has spent 11 billion euros on its own air defence since 2022. Norway pledged 500 million kroner for drones.\n"
	if err := os.WriteFile(doc, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	extractAt := func(min string) []extract.Candidate {
		t.Helper()
		r := runStdin(t, "", "extract", "--format", "json", "--min-confidence", min, doc)
		if r.code != exitOK {
			t.Fatalf("extract --min-confidence %s: exit %d: %s", min, r.code, r.stderr)
		}
		var res extract.Result
		if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
			t.Fatal(err)
		}
		return res.Candidates
	}
	all := extractAt("0")
	if len(all) < 2 {
		t.Fatalf("--min-confidence 0 gave %d candidates, want at least 2", len(all))
	}
	lowest, highest := 1.0, 0.0
	for _, c := range all {
		lowest, highest = min(lowest, c.Confidence), max(highest, c.Confidence)
	}
	if lowest == highest {
		t.Fatalf("every candidate has confidence %v; the test needs two levels", lowest)
	}
	kept := extractAt(strconv.FormatFloat(highest, 'f', 2, 64))
	if len(kept) == 0 || len(kept) >= len(all) {
		t.Errorf("--min-confidence %.2f kept %d of %d candidates; want the best only", highest, len(kept), len(all))
	}
	for _, c := range kept {
		if c.Confidence < highest {
			t.Errorf("kept a candidate of confidence %v below %v", c.Confidence, highest)
		}
	}
}

func TestExtractBadInput(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  string // in stderr
	}{
		{"missing file", []string{"extract", "/no/such/file.txt"}, "", "file"},
		{"over the limit", []string{"extract", "--max-bytes", "100", seedDoc}, "", "100"},
		{"bad language", []string{"extract", "--lang", "fr", seedDoc}, "", "lang"},
		{"csv", []string{"extract", "--format", "csv", seedDoc}, "", "format"},
		{"confidence over 1", []string{"extract", "--min-confidence", "1.5", seedDoc}, "", "min-confidence"},
		{"negative confidence", []string{"ingest", "--min-confidence", "-0.1", seedDoc}, "", "min-confidence"},
		{"no argument", []string{"extract"}, "", "arg"},
		{"ingest over the limit", []string{"ingest", "--max-bytes", "10", "-"}, strings.Repeat("Text. ", 10), "10"},
		{"ingest bad URL", []string{"ingest", "--url", "ftp://x", seedDoc}, "", "url"},
		{"ingest bad date", []string{"ingest", "--published", "2025-13-01", seedDoc}, "", "published"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "p.db")
			r := runStdin(t, tt.stdin, append([]string{"--db", db}, tt.args...)...)
			if r.code != exitInvalid || !strings.Contains(r.stderr, tt.want) || r.stdout != "" {
				t.Errorf("pledgebook %s: exit %d, stdout %q, stderr %q; want exit 2 and a message mentioning %q", strings.Join(tt.args, " "), r.code, r.stdout, r.stderr, tt.want)
			}
			if _, err := os.Stat(db); err == nil {
				var queue jsonListing[json.RawMessage]
				(&cli{db: db, env: map[string]string{}}).mustJSON(t, &queue, "review", "list", "--state", "all")
				if len(queue.Items) != 0 {
					t.Errorf("a refused command queued %d candidates", len(queue.Items))
				}
			}
		})
	}
}

func TestIngestAndReview(t *testing.T) {
	c := newCLI(t)
	out := c.must(t, "ingest", seedDoc, "--url", "https://example.org/boltwise-udcg", "--publisher", "IT BOLTWISE", "--published", "2025-06-04")
	if !strings.Contains(out, "source 1: 2 candidates queued") {
		t.Fatalf("ingest printed %q; want source 1 with 2 candidates", out)
	}
	before := c.state(t)
	if out := c.must(t, "ingest", seedDoc); !strings.Contains(out, "already ingested as source 1") {
		t.Errorf("second ingest printed %q; want already ingested", out)
	}
	if after := c.state(t); after != before {
		t.Errorf("ingesting the same document again changed the store")
	}
	type cand struct {
		ID      int64  `json:"id"`
		State   string `json:"state"`
		Donor   string `json:"donor"`
		Pledge  *int64 `json:"pledge"`
		Context string `json:"context"`
	}
	var queue jsonListing[cand]
	c.mustJSON(t, &queue, "review", "list")
	if len(queue.Items) != 2 || queue.Items[0].State != "pending" {
		t.Fatalf("review list = %+v; want 2 pending", queue.Items)
	}
	var shown cand
	c.mustJSON(t, &shown, "review", "show", "1")
	if !strings.Contains(shown.Context, "»") || !strings.Contains(shown.Context, "Drohnen") {
		t.Errorf("review show context = %q; want the evidence marked in its sentence", shown.Context)
	}

	// Accept the drones with a correction; the pledge cites the source.
	id := c.mustID(t, "review", "accept", "1", "--meeting", "udcg-28", "--unit", "drones")
	p := c.pledge(t, id)
	if p.Donor != "GB" || p.Meeting != "udcg-28" || len(p.Sources) != 1 || p.Sources[0].URL != "https://example.org/boltwise-udcg" {
		t.Errorf("accepted pledge = %+v; want GB at udcg-28 citing the ingested source", p)
	}
	if r := c.run(t, "review", "accept", "1"); r.code != exitConflict {
		t.Errorf("accepting twice: exit %d, want %d", r.code, exitConflict)
	}

	// The training pledge is already in the ledger: accept is refused as a
	// duplicate, and the curator links instead.
	existing := c.mustID(t, "pledge", "add", "--donor", "GB", "--category", "training", "--item", "Ausbildung ukrainischer Truppen",
		"--amount", "247m", "--currency", "GBP", "--date", "2025-06-04")
	before = c.state(t)
	r := c.run(t, "review", "accept", "2", "--item", "Ausbildung ukrainischer Truppen")
	if r.code != exitConflict || !strings.Contains(r.stderr, "pledge "+itoa(existing)) {
		t.Errorf("accepting a duplicate: exit %d, stderr %q; want %d naming pledge %d", r.code, r.stderr, exitConflict, existing)
	}
	if after := c.state(t); after != before {
		t.Errorf("a refused accept changed the store")
	}
	if r := c.run(t, "review", "reject", "2"); r.code != exitInvalid || !strings.Contains(r.stderr, "reason") {
		t.Errorf("reject without a reason: exit %d, stderr %q", r.code, r.stderr)
	}
	c.must(t, "review", "link", "2", itoa(existing))
	if p := c.pledge(t, existing); len(p.Sources) != 1 || !p.Sources[0].Reannouncement {
		t.Errorf("linked pledge sources = %+v; want the report as a re-announcement", p.Sources)
	}
	var done jsonListing[cand]
	c.mustJSON(t, &done, "review", "list", "--state", "all")
	if len(done.Items) != 2 || done.Items[0].State != "accepted" || done.Items[1].State != "linked" {
		t.Errorf("after review: %+v; want accepted and linked", done.Items)
	}
	if out := c.must(t, "audit", "verify"); !strings.Contains(out, "intact") {
		t.Errorf("audit verify after review: %s", out)
	}
	var events jsonListing[json.RawMessage]
	c.mustJSON(t, &events, "audit", "log", "--entity", "candidate/2")
	if len(events.Items) != 2 {
		t.Errorf("candidate/2 has %d audit events, want 2 (queued, linked)", len(events.Items))
	}
}
