package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addCorpusSeeds seeds a fuzz target with the documents of testdata: the
// corpus, the seed and the cleaning samples.
func addCorpusSeeds(f *testing.F) {
	f.Helper()
	var files []string
	for _, pat := range []string{"testdata/corpus/*.txt", "testdata/corpus/*.html", "testdata/*.txt", "testdata/clean/*.html", "testdata/clean/*.txt"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

func FuzzExtract(f *testing.F) {
	addCorpusSeeds(f)
	f.Add("Deutschland liefert 100 Panzer. Es folgen 20 weitere.")
	f.Add("£1.5bn (€1.7bn) for 5,000 missiles, Britain said.")
	f.Fuzz(func(t *testing.T, src string) {
		res, err := Extract(strings.NewReader(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range res.Candidates {
			ev := c.Evidence
			if ev.Start < 0 || ev.End > len(res.Text) || ev.Start > ev.End || res.Text[ev.Start:ev.End] != ev.Text {
				t.Fatalf("candidate %d: evidence [%d,%d) %q does not point into the text", i, ev.Start, ev.End, ev.Text)
			}
			if c.Quantity == nil && c.Amount == nil {
				t.Fatalf("candidate %d has neither quantity nor amount", i)
			}
			if c.Amount != nil && c.Amount.Sign() <= 0 || c.Quantity != nil && *c.Quantity <= 0 {
				t.Fatalf("candidate %d: figure not positive", i)
			}
			if !c.Category.Valid() || !c.Status.Valid() {
				t.Fatalf("candidate %d: category %q or status %q invalid", i, c.Category, c.Status)
			}
			if c.Confidence < 0 || c.Confidence > 1 {
				t.Fatalf("candidate %d: confidence %v", i, c.Confidence)
			}
		}
		// Output is bounded by the input: a candidate needs a figure, and
		// a figure needs at least one byte of text.
		if len(res.Candidates) > len(src)/2+1 {
			t.Fatalf("%d candidates from %d bytes", len(res.Candidates), len(src))
		}
		if len(res.Text) > 2*len(src)+16 {
			t.Fatalf("text of %d bytes from %d bytes", len(res.Text), len(src))
		}
	})
}
