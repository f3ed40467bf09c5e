package extract

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"unsafe"
)

// DefaultMaxBytes is the largest document Extract reads unless told
// otherwise: 10 MiB, far more than any article.
const DefaultMaxBytes = 10 << 20

// ErrTooLarge is returned (wrapped, with the limit named) for a document
// larger than Options.MaxBytes.
var ErrTooLarge = errors.New("document too large")

// Options tune Extract. The zero value means automatic language detection
// and the default size limit.
type Options struct {
	// Lang is "auto" (or empty) to detect the language, or "de" or "en" to
	// force it.
	Lang string
	// MaxBytes is the largest input accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Model scores the candidates; nil means the model shipped with the
	// package.
	Model *Model
	// MinConfidence drops candidates the model scores lower; 0 means
	// DefaultMinConfidence, and a negative value keeps all.
	MinConfidence float64
}

// Extract reads a document (plain text or HTML, German or English) and
// returns its cleaned text and the pledges it reports. It reads at most
// MaxBytes+1 bytes, so memory stays bounded whatever the reader holds,
// and refuses a larger document with an error wrapping ErrTooLarge.
// Invalid UTF-8 is replaced by U+FFFD.
//
// Evidence offsets in the result are byte offsets into Result.Text.
func Extract(r io.Reader, opt Options) (*Result, error) {
	limit := opt.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	switch opt.Lang {
	case "", "auto", "de", "en":
	default:
		return nil, fmt.Errorf("extract: unknown language %q (want auto, de or en)", opt.Lang)
	}
	data, err := readAtMost(r, limit+1)
	if err != nil {
		return nil, fmt.Errorf("extract: read document: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("extract: document is larger than the limit of %d bytes: %w", limit, ErrTooLarge)
	}
	if len(data) == 0 {
		return extractString("", opt), nil
	}
	// data is never written again, so the text may share its bytes
	// rather than copy the whole document.
	return extractString(unsafe.String(&data[0], len(data)), opt), nil
}

// readAtMost reads up to n bytes of r. It is io.ReadAll on an
// io.LimitReader, with the buffer sized up front when r knows its length
// (a bytes.Reader, strings.Reader or bytes.Buffer), so that a document is
// not copied again and again as the buffer grows.
func readAtMost(r io.Reader, n int64) ([]byte, error) {
	size := int64(512)
	if l, ok := r.(interface{ Len() int }); ok {
		size = min(int64(l.Len())+1, n)
	}
	buf := make([]byte, 0, size)
	lr := io.LimitReader(r, n)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		k, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// extractString is Extract on a document already in memory.
func extractString(src string, opt Options) *Result {
	return extractWith(src, opt, false).Result
}

// extraction is one run of the extractor: the result, and the training samples if asked
// for.
type extraction struct {
	*Result
	samples []Sample
}

// extractWith is extractString, collecting training samples if sampling.
func extractWith(src string, opt Options, sampling bool) extraction {
	lang := opt.Lang
	c := clean(src)
	e := extractorPool.Get().(*extractor)
	defer extractorPool.Put(e)
	// The lower-cased copy lives in the extractor's buffer: nothing in a
	// Result points into it (evidence, items and donor names are cut from
	// the cleaned text), so the next document may overwrite it.
	if cap(e.lowerBuf) < len(c.text) {
		e.lowerBuf = make([]byte, len(c.text))
	}
	e.lowerBuf = lowerInto(e.lowerBuf[:len(c.text)], c.text)
	lower := unsafe.String(unsafe.SliceData(e.lowerBuf), len(e.lowerBuf))
	res := &Result{Title: c.title, Text: c.text, Candidates: []Candidate{}}
	switch lang {
	case "de", "en":
		res.Language = lang
	default:
		res.Language = detectLanguage(lower)
	}
	if res.Language == "uk" {
		return extraction{Result: res}
	}
	e.reset(c.text, lower, res.Language, baseYear(c.text, lower))
	if opt.Model != nil {
		e.model = opt.Model
	}
	if opt.MinConfidence != 0 {
		e.minConf = opt.MinConfidence
	}
	e.sampling = sampling
	e.run()
	res.Candidates = append(res.Candidates, e.out...)
	out := extraction{Result: res, samples: e.samples}
	e.reset("", "", "", 0)
	return out
}

// extractorPool keeps extractors, and so their token buffers, from one
// document to the next.
var extractorPool = sync.Pool{New: func() any { return new(extractor) }}
