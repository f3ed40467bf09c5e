package extract

import (
	"bytes"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the user plus system CPU time the process has used so
// far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the bytes processed per second of process CPU time
// (user plus system, all threads) since start, as CPU-MB/s. On a loaded
// machine wall-clock MB/s mostly measures the other jobs; CPU time does
// not, so compare runs by this metric. Run with -cpu 1 so that one
// goroutine does the work; the garbage collector's threads still count,
// as they should.
func reportCPU(b *testing.B, start time.Duration, bytesPerOp int) {
	cpu := cpuTime(b) - start
	if cpu <= 0 {
		return
	}
	b.ReportMetric(float64(b.N)*float64(bytesPerOp)/1e6/cpu.Seconds(), "CPU-MB/s")
}

// BenchmarkExtract measures throughput over the annotated corpus:
//
//	go test -run '^$' -bench Extract -benchmem -cpu 1 ./internal/extract/
//
// "documents" runs Extract on each corpus document in turn and reports
// allocations per document; "concatenated" runs it once on all documents
// joined into one input. Both report MB/s of input, and CPU-MB/s: input
// per second of process CPU time, the figure to compare on a busy
// machine (see reportCPU), e.g. with benchstat over -count 6.
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
		start := cpuTime(b)
		for b.Loop() {
			for _, d := range docs {
				if _, err := Extract(bytes.NewReader(d.Source), Options{}); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.StopTimer()
		reportCPU(b, start, all.Len())
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
		start := cpuTime(b)
		for b.Loop() {
			if _, err := Extract(bytes.NewReader(src), Options{}); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, start, len(src))
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
