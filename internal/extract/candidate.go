// Package extract reads news reports and official releases (plain text or
// HTML, German or English) and finds the pledges they report: donor, item,
// quantity, amount and currency, capability area and status, each with the
// span of text that supports it. It does no I/O beyond the reader it is
// given and stores nothing.
package extract

import (
	"github.com/shopspring/decimal"

	"pledgebook"
)

// Result is what Extract finds in one document.
type Result struct {
	Language   string      `json:"language"` // "de", "en", or "" when undecided
	Title      string      `json:"title,omitempty"`
	Text       string      `json:"-"` // the cleaned text that Evidence offsets point into
	Candidates []Candidate `json:"candidates"`
}

// Candidate is one pledge that a document reports, proposed for review.
type Candidate struct {
	Donor     string              `json:"donor"`      // ISO 3166-1 alpha-2, or an organisation code (EU, NATO)
	DonorText string              `json:"donor_text"` // how the text names the donor
	Recipient string              `json:"recipient"`  // UA unless the text says otherwise
	Category  pledgebook.Category `json:"category"`
	Item      string              `json:"item"`
	Quantity  *int64              `json:"quantity"`
	Unit      *string             `json:"unit"`
	Amount    *Amount             `json:"amount"`   // in full units: 247 million → 247000000
	Currency  *string             `json:"currency"` // ISO 4217
	Status    pledgebook.Status   `json:"status"`   // announced, committed or delivered
	Period    *Period             `json:"period"`   // multi-year pledges
	Date      *pledgebook.Date    `json:"date"`     // when the text dates the pledge
	// Confidence is how sure the extractor is, from 0 to 1. It is a score,
	// not money, so a float is fine here.
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

// Period is the span of years a multi-year pledge covers.
type Period struct {
	From int `json:"from"` // first year
	To   int `json:"to"`   // last year
}

// Evidence is the span of the cleaned text that reports a candidate. Start
// and End are byte offsets into the UTF-8 cleaned text (Result.Text), End
// exclusive, so Text == Result.Text[Start:End].
type Evidence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Amount is an exact amount of money. It is written to JSON as a number
// (247000000), exact to the digit, never through a float.
type Amount struct{ decimal.Decimal }

// MarshalJSON writes the amount as a bare JSON number.
func (a Amount) MarshalJSON() ([]byte, error) { return []byte(a.Decimal.String()), nil }

// UnmarshalJSON reads a JSON number or string.
func (a *Amount) UnmarshalJSON(b []byte) error { return a.Decimal.UnmarshalJSON(b) }
