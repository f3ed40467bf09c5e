package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"pledgebook"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites the file with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// TestSeed checks the project's seed report: exactly the two British
// pledges, nothing from the 57 countries, the bridge, NATO's goals, the
// summit or the page furniture.
func TestSeed(t *testing.T) {
	src, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Extract(bytes.NewReader(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "de" {
		t.Errorf("language = %q, want de", res.Language)
	}
	if len(res.Candidates) != 2 {
		t.Fatalf("got %d candidates, want 2: %+v", len(res.Candidates), res.Candidates)
	}
	drones, training := res.Candidates[0], res.Candidates[1]
	if drones.Donor != "GB" || drones.Category != pledgebook.Drones || drones.Quantity == nil || *drones.Quantity != 100000 || drones.Amount != nil || drones.Status != pledgebook.Announced {
		t.Errorf("first candidate = %+v, want GB drones quantity 100000 announced", drones)
	}
	if training.Donor != "GB" || training.Category != pledgebook.Training || training.Amount == nil || training.Amount.String() != "247000000" ||
		training.Currency == nil || *training.Currency != "GBP" || training.Quantity != nil || training.Status != pledgebook.Announced {
		t.Errorf("second candidate = %+v, want GB training 247000000 GBP announced", training)
	}
	for _, furniture := range []string{"Stellenangebote", "(m/w/d)", "Patreon", "Zur Startseite", "Kommentar", "Google-Suchmaschine", "kostenlos per eMail", "abonnieren", "respektvoll"} {
		if strings.Contains(res.Text, furniture) {
			t.Errorf("cleaned text still holds page furniture %q", furniture)
		}
	}
	checkEvidence(t, res)
	out, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "seed.golden.json", append(out, '\n'))
	golden(t, "seed.clean.txt", []byte(res.Text+"\n"))
}

// checkEvidence asserts that every evidence span points into the text.
func checkEvidence(t *testing.T, res *Result) {
	t.Helper()
	for i, c := range res.Candidates {
		ev := c.Evidence
		if ev.Start < 0 || ev.End > len(res.Text) || ev.Start > ev.End {
			t.Fatalf("candidate %d: evidence [%d,%d) outside text of %d bytes", i, ev.Start, ev.End, len(res.Text))
		}
		if res.Text[ev.Start:ev.End] != ev.Text {
			t.Fatalf("candidate %d: Text[%d:%d] = %q, evidence says %q", i, ev.Start, ev.End, res.Text[ev.Start:ev.End], ev.Text)
		}
	}
}

func TestExtractOptions(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		opt     Options
		wantErr error
		errText string
		lang    string
	}{
		{name: "over the limit", input: strings.Repeat("x", 101), opt: Options{MaxBytes: 100}, wantErr: ErrTooLarge, errText: "100 bytes"},
		{name: "at the limit", input: strings.Repeat("x", 100), opt: Options{MaxBytes: 100}},
		{name: "unknown language", input: "text", opt: Options{Lang: "fr"}, errText: `unknown language "fr"`},
		{name: "forced language", input: "The UK will send 100 drones.", opt: Options{Lang: "de"}, lang: "de"},
		{name: "auto", input: "The UK will send 100 drones to Ukraine and the US will too.", opt: Options{Lang: "auto"}, lang: "en"},
		{name: "cyrillic", input: "Велика Британія передасть Україні 100 тисяч дронів.", lang: "uk"},
		{name: "empty", input: "", lang: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract(strings.NewReader(tt.input), tt.opt)
			if tt.errText != "" || tt.wantErr != nil {
				if err == nil {
					t.Fatalf("Extract(%q) succeeded, want an error", tt.name)
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("error %v does not wrap %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.errText) {
					t.Errorf("error %q does not name %q", err, tt.errText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Language != tt.lang {
				t.Errorf("language = %q, want %q", res.Language, tt.lang)
			}
			if res.Candidates == nil {
				t.Error("Candidates is nil; want an empty list so that JSON says []")
			}
		})
	}
}

func TestExtractReadError(t *testing.T) {
	_, err := Extract(iotest.ErrReader(errors.New("disk gone")), Options{})
	if err == nil || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("error = %v, want the read error", err)
	}
}

func TestExtractInvalidUTF8(t *testing.T) {
	res, err := Extract(strings.NewReader("Deutschland liefert \xff\xfe 100 Panzer an die Ukraine."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "\uFFFD") {
		t.Errorf("text %q: invalid bytes not replaced", res.Text)
	}
	if len(res.Candidates) != 1 {
		t.Errorf("got %d candidates, want 1", len(res.Candidates))
	}
	checkEvidence(t, res)
}
