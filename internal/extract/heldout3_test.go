package extract

import (
	"os"
	"strings"
	"testing"

	"pledgebook"
)

// TestHeldout3 scores the extractor on the third held-out set, which was
// written without reading the extractor's rules, its development corpus or
// the earlier held-out sets (see testdata/heldout3/README.md). Like
// TestHeldout it prints only aggregates: precision, recall and F1 per
// language, and category, status and period agreement on matched pairs.
//
// It also fails on a broken annotation, so that a typo in a gold file
// cannot silently shift the score. The set has since been used for
// development (its errors were studied and general rules written from
// them), so its floor, just under the score reached, guards against a
// collapse; it is no longer an unbiased measure.
func TestHeldout3(t *testing.T) {
	const dir = "testdata/heldout3"
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
	if s.Overall.F1 < heldout3Floor {
		t.Errorf("heldout3 F1 %.3f is below the floor %.2f", s.Overall.F1, heldout3Floor)
	}
}

// heldout3Floor is just under the F1 reached on heldout3 (0.992).
const heldout3Floor = 0.98

// goldProblems checks one annotated document against the format of
// testdata/corpus/README.md: the language matches the file name, and each
// pledge has a valid category, one of the three statuses the guidelines
// use, a quantity or an amount, a currency exactly when it has an amount,
// and evidence that occurs in the source and belongs to no other pledge.
func goldProblems(d CorpusDoc) []string {
	var probs []string
	if want := "-" + d.Gold.Language + "-"; !strings.Contains(d.Name, want) {
		probs = append(probs, "language "+d.Gold.Language+" does not match the file name")
	}
	seen := map[string]bool{}
	for _, g := range d.Gold.Candidates {
		switch {
		case !g.Category.Valid():
			probs = append(probs, "invalid category "+string(g.Category))
		case g.Status != pledgebook.Announced && g.Status != pledgebook.Committed && g.Status != pledgebook.Delivered:
			probs = append(probs, "invalid status "+string(g.Status))
		case g.Quantity == nil && g.Amount == nil:
			probs = append(probs, "pledge without quantity or amount: "+g.Evidence)
		case (g.Amount == nil) != (g.Currency == nil):
			probs = append(probs, "amount and currency must be set together: "+g.Evidence)
		case g.Evidence == "" || !strings.Contains(string(d.Source), g.Evidence):
			probs = append(probs, "evidence not in the source: "+g.Evidence)
		case seen[g.Evidence]:
			probs = append(probs, "evidence used twice: "+g.Evidence)
		}
		seen[g.Evidence] = true
	}
	return probs
}
