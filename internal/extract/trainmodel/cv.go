package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"

	"pledgebook/internal/extract"
)

// thresholds are the values of MinConfidence cross-validation compares;
// -1 keeps every candidate the rules propose.
var thresholds = []float64{-1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}

// crossValidate trains on all sets but one and scores the extractor, with
// that model at each threshold, on the set left out. The row "all" sums
// the counts over the sets, and the row "unseen" over the sets named in
// unseen: those whose errors have not guided the rules, where the rules
// alone are not flattered and the figures estimate what the extractor
// does on new text. The threshold is chosen by that row.
func crossValidate(w io.Writer, dir string, sets []string, data map[string][]extract.Sample, l2 float64, unseen []string) error {
	total := make([]extract.PRF, len(thresholds))
	fresh := make([]extract.PRF, len(thresholds))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "left out\t")
	for _, t := range thresholds {
		if t < 0 {
			fmt.Fprint(tw, "rules only\t")
		} else {
			fmt.Fprintf(tw, "≥ %.1f\t", t)
		}
	}
	fmt.Fprintln(tw)
	for _, held := range sets {
		var train []extract.Sample
		for _, set := range sets {
			if set != held {
				train = append(train, data[set]...)
			}
		}
		m, err := fit(train, l2)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t", held)
		for i, t := range thresholds {
			s, err := extract.EvaluateCorpus(os.DirFS(filepath.Join(dir, held)), extract.Options{Model: m, MinConfidence: t})
			if err != nil {
				return err
			}
			fmt.Fprintf(tw, "%.3f\t", s.Overall.F1)
			total[i].Add(s.Overall)
			if slices.Contains(unseen, held) {
				fresh[i].Add(s.Overall)
			}
		}
		fmt.Fprintln(tw)
	}
	sum := func(name string, ps []extract.PRF) {
		fmt.Fprintf(tw, "%s\t", name)
		for _, p := range ps {
			p.Finish()
			fmt.Fprintf(tw, "%.3f (%d/%d/%d)\t", p.F1, p.TP, p.FP, p.FN)
		}
		fmt.Fprintln(tw)
	}
	sum("all", total)
	sum("unseen", fresh)
	return tw.Flush()
}
