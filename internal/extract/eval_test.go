package extract

import (
	"os"
	"strings"
	"testing"
)

// f1Floor is just under the overall F1 the extractor reaches on the
// corpus; a change that loses more than that fails the test. Raise it when
// the extractor improves.
const f1Floor = 0.97

// TestCorpus scores the extractor on the annotated corpus. Run with -v to
// see precision, recall and F1 per language, the secondary scores, and
// every miss.
func TestCorpus(t *testing.T) {
	fsys := os.DirFS("testdata/corpus")
	docs, err := LoadCorpus(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Skip("testdata/corpus holds no documents yet")
	}
	s, err := EvaluateCorpus(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	s.Report(&b, testing.Verbose())
	t.Logf("corpus of %d documents:\n%s", len(docs), b.String())
	if s.Overall.F1 < f1Floor {
		t.Errorf("overall F1 %.3f is below the floor %.2f", s.Overall.F1, f1Floor)
	}
}
