// Package ingest turns a news report into a stored source and the review
// candidates found in it: the one path that the CLI's ingest, the API's
// POST /api/v1/sources and the web form /sources/new share, so that a
// document submitted any way is cleaned, extracted and queued alike.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/extract"
)

// Document is a document to ingest and what its submitter says of it.
type Document struct {
	Body io.Reader // plain text or HTML, in any of the extractor's languages
	// Source holds the metadata given: URL (empty: the document is known
	// by the hash of its text), publisher, title (empty: the document's
	// own) and date published.
	Source pledgebook.Source
	// Lang is auto (or empty), de or en.
	Lang string
	// MinConfidence drops candidates the scoring model rates lower: 0 to
	// 1, and 0 keeps every candidate.
	MinConfidence float64
	// MaxBytes is the largest document accepted; extract.DefaultMaxBytes
	// when 0.
	MaxBytes int64
}

// Outcome is what ingesting a document did.
type Outcome struct {
	Source  *pledgebook.Source
	Created bool // false: the document was already a source, and nothing changed
	Queued  int  // candidates queued for review
}

// Run checks d, extracts the document and stores it as a source with its
// candidates queued for review, through Store.IngestSource: the same
// document twice is one source. Invalid metadata is an invalid-input
// error naming url, lang or min_confidence; a document over the limit
// wraps extract.ErrTooLarge and, like one with no text, names document.
// Nothing is stored on any error.
func Run(ctx context.Context, s pledgebook.Store, d Document) (Outcome, error) {
	d.Source.URL = strings.TrimSpace(d.Source.URL)
	if err := Check(d); err != nil {
		return Outcome{}, err
	}
	res, err := extract.Extract(d.Body, Options(d.Lang, d.MaxBytes, d.MinConfidence))
	if errors.Is(err, extract.ErrTooLarge) {
		limit := d.MaxBytes
		if limit <= 0 {
			limit = extract.DefaultMaxBytes
		}
		e := pledgebook.FieldError("document", "is larger than the limit of %d bytes", limit)
		e.Err = err
		return Outcome{}, e
	}
	if err != nil {
		return Outcome{}, fmt.Errorf("ingest: %w", err)
	}
	if strings.TrimSpace(res.Text) == "" {
		return Outcome{}, pledgebook.FieldError("document", "has no text left after cleaning")
	}
	in := Prepare(res, d.Source)
	src, created, err := s.IngestSource(ctx, in)
	if err != nil {
		return Outcome{}, err
	}
	out := Outcome{Source: src, Created: created}
	if created {
		out.Queued = len(in.Candidates)
	}
	return out, nil
}

// Check checks what is said of a document, before it is read: its URL
// (an absolute http or https one, when given), the language and the
// minimum confidence. Errors name url, lang or min_confidence.
func Check(d Document) error {
	if u := strings.TrimSpace(d.Source.URL); u != "" {
		if err := pledgebook.CheckURL("url", u); err != nil {
			return err
		}
	}
	switch d.Lang {
	case "", "auto", "de", "en":
	default:
		return pledgebook.FieldError("lang", "%q: want auto, de or en", d.Lang)
	}
	if !(d.MinConfidence >= 0 && d.MinConfidence <= 1) {
		return pledgebook.FieldError("min_confidence", "must be between 0 and 1, got %v", d.MinConfidence)
	}
	return nil
}

// Options are the extractor's options for a language (auto, de or en), a
// size limit (0: the default) and a minimum confidence where 0 keeps
// every candidate, as the CLI's --min-confidence means it.
func Options(lang string, maxBytes int64, minConfidence float64) extract.Options {
	if minConfidence == 0 {
		minConfidence = -1 // keep all
	}
	return extract.Options{Lang: lang, MaxBytes: maxBytes, MinConfidence: minConfidence}
}

// Prepare is what an extraction puts in the store: a source with meta's
// metadata (the document's own title when meta has none, and the
// language found), its cleaned text, and its candidates for review.
func Prepare(res *extract.Result, meta pledgebook.Source) pledgebook.Ingest {
	if meta.Title == "" {
		meta.Title = res.Title
	}
	meta.Language = res.Language
	in := pledgebook.Ingest{Source: meta, Text: res.Text}
	for _, c := range res.Candidates {
		in.Candidates = append(in.Candidates, Candidate(c))
	}
	return in
}

// Candidate turns what the extractor found into a review candidate.
func Candidate(c extract.Candidate) pledgebook.Candidate {
	out := pledgebook.Candidate{Donor: c.Donor, DonorText: c.DonorText, Recipient: c.Recipient, Category: c.Category, Item: c.Item,
		Quantity: c.Quantity, Unit: deref(c.Unit), Currency: deref(c.Currency), Status: c.Status,
		Confidence:    decimal.NewFromFloat(c.Confidence).Round(2),
		EvidenceStart: c.Evidence.Start, EvidenceEnd: c.Evidence.End, Evidence: c.Evidence.Text}
	if c.Amount != nil {
		d := c.Amount.Decimal
		out.Amount = &d
	}
	if c.Period != nil {
		out.PeriodFrom, out.PeriodTo = c.Period.From, c.Period.To
	}
	if c.Date != nil {
		out.Date = *c.Date
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
