package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestDebugDoc prints the cleaned text and candidates of the corpus
// document named by EXTRACT_DOC (a glob under testdata/corpus). It is a
// tool for working on the rules and does nothing otherwise.
func TestDebugDoc(t *testing.T) {
	pat := os.Getenv("EXTRACT_DOC")
	if pat == "" {
		t.Skip("set EXTRACT_DOC to a corpus file name or glob")
	}
	files, _ := filepath.Glob(filepath.Join("testdata/corpus", pat))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res := extractString(string(src), "")
		b, _ := json.MarshalIndent(res.Candidates, "", "  ")
		if os.Getenv("EXTRACT_TEXT") != "" {
			t.Logf("%s text:\n%s", f, res.Text)
		}
		t.Logf("%s (%s, base year %d):\n%s", f, res.Language, baseYear(res.Text, lowerSameLen(res.Text)), b)
	}
}

func TestDebugText(t *testing.T) {
	text := os.Getenv("EXTRACT_STR")
	if text == "" {
		t.Skip("set EXTRACT_STR")
	}
	res := extractString(text, "")
	b, _ := json.MarshalIndent(res, "", "  ")
	t.Logf("%s", b)
}
