package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"pledgebook"
)

// GoldPledge is one annotated pledge of the evaluation corpus (see
// testdata/corpus/README.md).
type GoldPledge struct {
	Donor    string              `json:"donor"`
	Category pledgebook.Category `json:"category"`
	Quantity *int64              `json:"quantity"`
	Amount   *Amount             `json:"amount"`
	Currency *string             `json:"currency"`
	Status   pledgebook.Status   `json:"status"`
	Period   *Period             `json:"period"`
	Evidence string              `json:"evidence"`
}

// Annotation is the gold file of one corpus document.
type Annotation struct {
	Language   string       `json:"language"`
	Candidates []GoldPledge `json:"candidates"`
}

// CorpusDoc is one annotated document: its source and its gold pledges.
type CorpusDoc struct {
	Name   string // file name of the source, e.g. "001-de-seed.txt"
	Source []byte
	Gold   Annotation
}

// EvalDoc is one document to score: the gold pledges and what the
// extractor returned.
type EvalDoc struct {
	Name string
	Lang string // the gold language, which groups the scores
	Gold []GoldPledge
	Got  []Candidate
}

// PRF is precision, recall and F1 from counts of true positives, false
// positives and false negatives.
type PRF struct {
	TP, FP, FN int
	Precision  float64
	Recall     float64
	F1         float64
}

// Add adds the counts of q to p.
func (p *PRF) Add(q PRF) { p.TP, p.FP, p.FN = p.TP+q.TP, p.FP+q.FP, p.FN+q.FN }

// Finish computes precision, recall and F1 from the counts.
func (p *PRF) Finish() {
	if p.TP+p.FP > 0 {
		p.Precision = float64(p.TP) / float64(p.TP+p.FP)
	}
	if p.TP+p.FN > 0 {
		p.Recall = float64(p.TP) / float64(p.TP+p.FN)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
}

// String formats the scores as "P 0.95 R 0.90 F1 0.92 (tp 90, fp 5, fn 10)".
func (p PRF) String() string {
	return fmt.Sprintf("P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)", p.Precision, p.Recall, p.F1, p.TP, p.FP, p.FN)
}

// Mismatch is a false positive or false negative, for the report.
type Mismatch struct {
	Doc  string
	What string // "fp" or "fn"
	Desc string
}

// Scores is the result of an evaluation.
type Scores struct {
	Overall PRF
	ByLang  map[string]PRF
	// Matched is the number of matched pairs; the accuracies below are
	// over them.
	Matched     int
	CategoryAcc float64
	StatusAcc   float64
	PeriodAcc   float64
	// NoPledgeFP lists predictions on documents whose gold list is empty.
	NoPledgeFP []Mismatch
	// Errors lists every false positive and false negative.
	Errors []Mismatch
	// Confusions lists the matched pairs whose category or status differ.
	Confusions []Mismatch
}

// Report writes the scores as text, one line each, for a test log or a
// command-line tool.
func (s Scores) Report(w io.Writer, verbose bool) {
	s.Summary(w)
	for _, m := range s.NoPledgeFP {
		fmt.Fprintf(w, "  %s: %s\n", m.Doc, m.Desc)
	}
	if verbose {
		for _, m := range s.Errors {
			fmt.Fprintf(w, "  %s %s: %s\n", m.What, m.Doc, m.Desc)
		}
		for _, m := range s.Confusions {
			fmt.Fprintf(w, "  %s %s: %s\n", m.What, m.Doc, m.Desc)
		}
	}
}

// Summary writes the aggregate scores only, with no line about any one
// document: what a held-out set may show without teaching its contents.
func (s Scores) Summary(w io.Writer) {
	fmt.Fprintf(w, "overall  %s\n", s.Overall)
	langs := make([]string, 0, len(s.ByLang))
	for l := range s.ByLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		fmt.Fprintf(w, "%-8s %s\n", l, s.ByLang[l])
	}
	fmt.Fprintf(w, "matched %d: category %.3f, status %.3f, period %.3f\n", s.Matched, s.CategoryAcc, s.StatusAcc, s.PeriodAcc)
	fmt.Fprintf(w, "false positives on no-pledge documents: %d\n", len(s.NoPledgeFP))
}

// matches applies the corpus matching rule: same donor; where the gold
// pledge has a quantity, an equal quantity; where it has an amount, an
// equal amount (as exact decimals) and the same currency.
func matches(g GoldPledge, c Candidate) bool {
	if g.Donor != c.Donor {
		return false
	}
	if g.Quantity != nil && (c.Quantity == nil || *c.Quantity != *g.Quantity) {
		return false
	}
	if g.Amount != nil {
		if c.Amount == nil || !c.Amount.Equal(g.Amount.Decimal) {
			return false
		}
		if g.Currency == nil || c.Currency == nil || *g.Currency != *c.Currency {
			return false
		}
	}
	return true
}

// Evaluate scores extractor output against gold annotations. Pairs are
// matched one to one, those that also agree on the category first, so
// that the result does not depend on the order of the lists.
func Evaluate(docs []EvalDoc) Scores {
	s := Scores{ByLang: map[string]PRF{}}
	catOK, statusOK, periodOK := 0, 0, 0
	for _, d := range docs {
		usedG := make([]bool, len(d.Gold))
		usedC := make([]bool, len(d.Got))
		type pair struct{ g, c int }
		var pairs []pair
		for pass := 0; pass < 2; pass++ {
			for gi, g := range d.Gold {
				if usedG[gi] {
					continue
				}
				for ci, c := range d.Got {
					if usedC[ci] || !matches(g, c) || pass == 0 && g.Category != c.Category {
						continue
					}
					usedG[gi], usedC[ci] = true, true
					pairs = append(pairs, pair{gi, ci})
					break
				}
			}
		}
		lp := s.ByLang[d.Lang]
		lp.TP += len(pairs)
		s.Overall.TP += len(pairs)
		for _, p := range pairs {
			g, c := d.Gold[p.g], d.Got[p.c]
			if g.Category == c.Category {
				catOK++
			} else {
				s.Confusions = append(s.Confusions, Mismatch{d.Name, "category", fmt.Sprintf("%s: got %s, want %s", describeGold(g), c.Category, g.Category)})
			}
			if g.Status == c.Status {
				statusOK++
			} else {
				s.Confusions = append(s.Confusions, Mismatch{d.Name, "status", fmt.Sprintf("%s: got %s, want %s", describeGold(g), c.Status, g.Status)})
			}
			if samePeriod(g.Period, c.Period) {
				periodOK++
			} else {
				s.Confusions = append(s.Confusions, Mismatch{d.Name, "period", fmt.Sprintf("%s: got %v, want %v", describeGold(g), fmtPeriod(c.Period), fmtPeriod(g.Period))})
			}
		}
		for gi, g := range d.Gold {
			if !usedG[gi] {
				lp.FN++
				s.Overall.FN++
				s.Errors = append(s.Errors, Mismatch{d.Name, "fn", describeGold(g)})
			}
		}
		for ci, c := range d.Got {
			if !usedC[ci] {
				lp.FP++
				s.Overall.FP++
				m := Mismatch{d.Name, "fp", describeCandidate(c)}
				s.Errors = append(s.Errors, m)
				if len(d.Gold) == 0 {
					s.NoPledgeFP = append(s.NoPledgeFP, m)
				}
			}
		}
		s.ByLang[d.Lang] = lp
		s.Matched += len(pairs)
	}
	s.Overall.Finish()
	for l, p := range s.ByLang {
		p.Finish()
		s.ByLang[l] = p
	}
	if s.Matched > 0 {
		s.CategoryAcc = float64(catOK) / float64(s.Matched)
		s.StatusAcc = float64(statusOK) / float64(s.Matched)
		s.PeriodAcc = float64(periodOK) / float64(s.Matched)
	}
	return s
}

func samePeriod(a, b *Period) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func fmtPeriod(p *Period) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprintf("%d–%d", p.From, p.To)
}

func describeGold(g GoldPledge) string {
	return describe(g.Donor, g.Category, g.Quantity, g.Amount, g.Currency, g.Status, g.Evidence)
}

func describeCandidate(c Candidate) string {
	return describe(c.Donor, c.Category, c.Quantity, c.Amount, c.Currency, c.Status, c.Evidence.Text)
}

func describe(donor string, cat pledgebook.Category, q *int64, a *Amount, cur *string, st pledgebook.Status, ev string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", donor, cat)
	if q != nil {
		fmt.Fprintf(&b, " qty %d", *q)
	}
	if a != nil {
		c := "?"
		if cur != nil {
			c = *cur
		}
		fmt.Fprintf(&b, " %s %s", a.String(), c)
	}
	fmt.Fprintf(&b, " %s", st)
	if len(ev) > 140 {
		ev = ev[:140] + "…"
	}
	fmt.Fprintf(&b, " %q", ev)
	return b.String()
}

// LoadCorpus reads the annotated documents of a corpus directory: every
// NNN-*.txt or NNN-*.html with its NNN-*.json annotation, in name order.
func LoadCorpus(fsys fs.FS) ([]CorpusDoc, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	var docs []CorpusDoc
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		if e.IsDir() || ext != ".txt" && ext != ".html" {
			continue
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("load corpus: %w", err)
		}
		annName := strings.TrimSuffix(name, ext) + ".json"
		raw, err := fs.ReadFile(fsys, annName)
		if err != nil {
			return nil, fmt.Errorf("load corpus: annotation of %s: %w", name, err)
		}
		var ann Annotation
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&ann); err != nil {
			return nil, fmt.Errorf("load corpus: parse %s: %w", annName, err)
		}
		docs = append(docs, CorpusDoc{Name: name, Source: src, Gold: ann})
	}
	return docs, nil
}

// EvaluateCorpus runs Extract on every document of a corpus directory and
// scores the output against the annotations.
func EvaluateCorpus(fsys fs.FS, opt Options) (Scores, error) {
	docs, err := LoadCorpus(fsys)
	if err != nil {
		return Scores{}, err
	}
	eval := make([]EvalDoc, 0, len(docs))
	for _, d := range docs {
		res, err := Extract(bytes.NewReader(d.Source), opt)
		if err != nil {
			return Scores{}, fmt.Errorf("evaluate %s: %w", d.Name, err)
		}
		eval = append(eval, EvalDoc{Name: d.Name, Lang: d.Gold.Language, Gold: d.Gold.Candidates, Got: res.Candidates})
	}
	return Evaluate(eval), nil
}
