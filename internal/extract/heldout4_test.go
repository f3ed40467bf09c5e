package extract

import (
	"os"
	"strings"
	"testing"
)

// TestHeldout4 scores the extractor on the fourth held-out set, written
// after the first three had all been used for tuning, without reading the
// extractor's rules or the documents of the earlier sets (see
// testdata/heldout4/README.md). Like TestHeldout3 it prints only
// aggregates: precision, recall and F1 per language, and category, status
// and period agreement on matched pairs.
//
// The set has since been used for development (its errors were
// classified by cause and general rules written for them, see
// frame.go), so it is no longer an unbiased measure; its floor, just
// under the score reached (0.904), guards against a collapse.
func TestHeldout4(t *testing.T) {
	const dir = "testdata/heldout4"
	fsys := os.DirFS(dir)
	docs, err := LoadCorpus(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatalf("%s holds no documents", dir)
	}
	for _, d := range docs {
		for _, msg := range goldProblems(d) {
			t.Errorf("%s: %s", d.Name, msg)
		}
	}
	s, err := EvaluateCorpus(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	s.Summary(&b)
	t.Logf("%s, %d documents:\n%s", dir, len(docs), b.String())
	if s.Overall.F1 < heldout4Floor {
		t.Errorf("heldout4 F1 %.3f is below the floor %.2f", s.Overall.F1, heldout4Floor)
	}
}

// heldout4Floor is just under the F1 reached on heldout4 (0.904).
const heldout4Floor = 0.89
