package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pledgebook/internal/extract"
)

// TestShippedModelIsCurrent retrains the model on the training sets and
// compares it with the one the package embeds, so that a change to the
// features or the sets cannot ship with a stale model. Run
// `go run ./internal/extract/trainmodel` from the module root to renew it.
func TestShippedModelIsCurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "model.bin")
	var log bytes.Buffer
	if err := run(&log, "../testdata", trainingSets, out, defaultL2, false, nil); err != nil {
		t.Fatal(err)
	}
	fresh, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile("../model.bin")
	if err != nil {
		t.Fatal(err)
	}
	a, err := extract.ReadModel(fresh)
	if err != nil {
		t.Fatal(err)
	}
	b, err := extract.ReadModel(shipped)
	if err != nil {
		t.Fatal(err)
	}
	for i := uint32(0); i < 1<<extract.FeatureBits; i++ {
		if d := a.Weight(i) - b.Weight(i); d > 1e-4 || d < -1e-4 {
			t.Fatalf("weight %d is %v retrained and %v shipped; run go run ./internal/extract/trainmodel from the module root", i, a.Weight(i), b.Weight(i))
		}
	}
	t.Log(strings.TrimSpace(log.String()))
}

// TestFitLearns fits samples in which one feature marks pledges and
// another marks the rest, with a third on all of them.
func TestFitLearns(t *testing.T) {
	var samples []extract.Sample
	for i := 0; i < 20; i++ {
		samples = append(samples,
			extract.Sample{Features: []uint32{1, 7}, Pledge: true},
			extract.Sample{Features: []uint32{2, 7}, Pledge: false})
	}
	m, err := fit(samples, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	if p := m.Probability([]uint32{1, 7}); p < 0.9 {
		t.Errorf("P(pledge | feature 1) = %.3f, want > 0.9", p)
	}
	if p := m.Probability([]uint32{2, 7}); p > 0.1 {
		t.Errorf("P(pledge | feature 2) = %.3f, want < 0.1", p)
	}
	if w := m.Weight(3); w != 0 {
		t.Errorf("a feature no sample has got weight %v", w)
	}
}

func TestRunRefusesMissingAndEmptySets(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "model.bin")
	for _, set := range []string{"missing", "empty"} {
		if err := run(&bytes.Buffer{}, dir, []string{set}, out, defaultL2, false, nil); err == nil {
			t.Errorf("training on the %s set gave no error", set)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed training wrote a model")
	}
	if _, err := fit(nil, defaultL2); err == nil {
		t.Error("fitting no samples gave no error")
	}
}

// TestCrossValidate runs the cross-validation on two small sets and
// checks that it prints a row per set left out, the total, and the total
// over the unseen set, which is that set's row.
func TestCrossValidate(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, "../testdata", []string{"heldout", "heldout2"}, "", defaultL2, true, []string{"heldout2"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 5 || !strings.Contains(lines[0], "rules only") ||
		!strings.HasPrefix(strings.TrimSpace(lines[1]), "heldout") || !strings.HasPrefix(strings.TrimSpace(lines[3]), "all") ||
		strings.Fields(lines[2])[1] != strings.Fields(lines[4])[1] {
		t.Errorf("cross-validation printed:\n%s", out.String())
	}
}
