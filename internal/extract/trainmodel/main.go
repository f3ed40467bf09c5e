// Command trainmodel fits the candidate scorer of package extract, a
// logistic regression over hashed features, on annotated sets, and
// writes it to the model file the package embeds.
//
//	go run ./internal/extract/trainmodel        # writes internal/extract/model.bin
//	go run ./internal/extract/trainmodel -cv    # leave one set out: F1 per threshold
//
// Run it from the module root. The training sets are those whose errors
// have guided the rules already; a set kept for measuring (see
// internal/extract/testdata/heldout5/README.md) must never be one of
// them.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"pledgebook/internal/extract"
)

func main() {
	dir := flag.String("dir", "internal/extract/testdata", "folder that holds the annotated sets")
	sets := flag.String("sets", strings.Join(trainingSets, ","), "comma-separated annotated sets to train on")
	out := flag.String("out", "internal/extract/model.bin", "model file to write")
	l2 := flag.Float64("l2", defaultL2, "strength of the L2 penalty")
	cv := flag.Bool("cv", false, "cross-validate instead: train on all sets but one, score the one left out")
	unseen := flag.String("unseen", strings.Join(unseenSets, ","), "with -cv: the sets whose errors have not guided the rules")
	flag.Parse()
	if err := run(os.Stdout, *dir, strings.Split(*sets, ","), *out, *l2, *cv, strings.Split(*unseen, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "trainmodel:", err)
		os.Exit(1)
	}
}

// trainingSets are the annotated sets the shipped model is trained on.
var trainingSets = []string{"corpus", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "train", "train2"}

// unseenSets are the training sets whose errors have not guided the
// rules (see crossValidate).
var unseenSets = []string{"train", "train2"}

func run(w io.Writer, dir string, sets []string, out string, l2 float64, cv bool, unseen []string) error {
	data := map[string][]extract.Sample{}
	for _, set := range sets {
		docs, err := extract.LoadCorpus(os.DirFS(filepath.Join(dir, set)))
		if err != nil {
			return err
		}
		if len(docs) == 0 {
			return fmt.Errorf("set %s holds no documents", set)
		}
		for _, d := range docs {
			data[set] = append(data[set], extract.Samples(d)...)
		}
	}
	if cv {
		return crossValidate(w, dir, sets, data, l2, unseen)
	}
	var all []extract.Sample
	for _, set := range sets {
		all = append(all, data[set]...)
	}
	m, err := fit(all, l2)
	if err != nil {
		return err
	}
	pos := 0
	for _, s := range all {
		if s.Pledge {
			pos++
		}
	}
	fmt.Fprintf(w, "trained on %d samples (%d pledges) from %s\n", len(all), pos, strings.Join(sets, ", "))
	return os.WriteFile(out, m.Bytes(), 0o644)
}
