package extract

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// BenchmarkExtract measures throughput over the annotated corpus:
//
//	go test -run '^$' -bench Extract -benchmem -cpu 1 ./internal/extract/
//
// "documents" runs Extract on each corpus document in turn and reports
// allocations per document; "concatenated" runs it once on all documents
// joined into one input. Both report MB/s of input.
func BenchmarkExtract(b *testing.B) {
	docs, err := LoadCorpus(os.DirFS("testdata/corpus"))
	if err != nil {
		b.Fatal(err)
	}
	if len(docs) == 0 {
		b.Skip("no corpus documents")
	}
	var all bytes.Buffer
	for _, d := range docs {
		all.Write(d.Source)
		all.WriteString("\n\n")
	}
	b.Run("documents", func(b *testing.B) {
		b.SetBytes(int64(all.Len()))
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				if _, err := Extract(bytes.NewReader(d.Source), Options{}); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.StopTimer()
		perDoc := testing.AllocsPerRun(3, func() {
			for _, d := range docs {
				Extract(bytes.NewReader(d.Source), Options{})
			}
		}) / float64(len(docs))
		b.ReportMetric(perDoc, "allocs/doc")
	})
	b.Run("concatenated", func(b *testing.B) {
		src := all.Bytes()
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Extract(bytes.NewReader(src), Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStages splits the work of BenchmarkExtract into its stages,
// to show where the time goes: cleaning, language detection,
// tokenization, and the rest of extraction on cleaned text.
func BenchmarkStages(b *testing.B) {
	docs, err := LoadCorpus(os.DirFS("testdata/corpus"))
	if err != nil || len(docs) == 0 {
		b.Skip("no corpus documents")
	}
	n := 0
	for _, d := range docs {
		n += len(d.Source)
	}
	b.Run("clean", func(b *testing.B) {
		b.SetBytes(int64(n))
		for b.Loop() {
			for _, d := range docs {
				clean(string(d.Source))
			}
		}
	})
	var texts []string
	for _, d := range docs {
		texts = append(texts, clean(string(d.Source)).text)
	}
	b.Run("language", func(b *testing.B) {
		b.SetBytes(int64(n))
		for b.Loop() {
			for _, t := range texts {
				detectLanguage(lowerSameLen(t))
			}
		}
	})
	b.Run("tokenize", func(b *testing.B) {
		b.SetBytes(int64(n))
		var toks []token
		for b.Loop() {
			for _, t := range texts {
				toks = tokenize(t, lowerSameLen(t), 0, len(t), toks[:0])
			}
		}
	})
	b.Run("extract", func(b *testing.B) {
		b.SetBytes(int64(n))
		e := &extractor{}
		for b.Loop() {
			for _, t := range texts {
				l := lowerSameLen(t)
				e.reset(t, l, detectLanguage(l), baseYear(t, l))
				e.run()
			}
		}
	})
}

// BenchmarkPathological runs inputs built to make the extractor slow: a
// megabyte-long sentence full of figures, thousands of one-figure
// sentences, deep HTML nesting, a run of bare digits. Their MB/s should
// stay within a small factor of BenchmarkExtract's; a quadratic step
// shows here first.
func BenchmarkPathological(b *testing.B) {
	inputs := []struct{ name, src string }{
		{"long sentence", strings.Repeat("Deutschland liefert 100 Panzer und ", 30000)},
		{"many sentences", strings.Repeat("Deutschland liefert 100 Panzer. ", 30000)},
		{"deep html", strings.Repeat("<div>", 100000) + "Deutschland liefert 100 Panzer."},
		{"digits", strings.Repeat("1 ", 500000)},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			for b.Loop() {
				if _, err := Extract(strings.NewReader(in.src), Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
