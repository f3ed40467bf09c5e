package pledgebook

import (
	"time"

	"github.com/shopspring/decimal"
)

// CandidateState is where a candidate stands in review.
type CandidateState string

// The review states. A pending candidate becomes accepted (a new pledge),
// linked (a re-announcement of an existing pledge) or rejected (with a
// reason); a reviewed candidate is not reviewed again.
const (
	Pending  CandidateState = "pending"
	Accepted CandidateState = "accepted"
	Linked   CandidateState = "linked"
	Rejected CandidateState = "rejected"
)

// ParseCandidateState returns the state named s, or an invalid-input error
// naming the field "state".
func ParseCandidateState(s string) (CandidateState, error) {
	switch st := CandidateState(s); st {
	case Pending, Accepted, Linked, Rejected:
		return st, nil
	}
	return "", FieldError("state", "unknown review state %q (one of pending, accepted, linked, rejected)", s)
}

// Candidate is a pledge proposed by automatic extraction from a source,
// waiting for a curator's review. Its evidence is a span of the source's
// stored text.
type Candidate struct {
	ID            int64            `json:"id"`
	Source        int64            `json:"source"`
	Donor         string           `json:"donor"`
	DonorText     string           `json:"donor_text"`
	Recipient     string           `json:"recipient"`
	Category      Category         `json:"category"`
	Item          string           `json:"item"`
	Quantity      *int64           `json:"quantity"`
	Unit          string           `json:"unit"`
	Amount        *decimal.Decimal `json:"amount"`
	Currency      string           `json:"currency"`
	Status        Status           `json:"status"`
	PeriodFrom    int              `json:"period_from"` // year, 0 when none
	PeriodTo      int              `json:"period_to"`
	Date          Date             `json:"date"`
	Confidence    decimal.Decimal  `json:"confidence"` // 0 to 1, kept exact so the audit record round-trips
	EvidenceStart int              `json:"evidence_start"`
	EvidenceEnd   int              `json:"evidence_end"`
	Evidence      string           `json:"evidence"`
	State         CandidateState   `json:"state"`
	Reason        string           `json:"reason,omitempty"` // why it was rejected
	Pledge        *int64           `json:"pledge"`           // the pledge it became or was linked to
	ReviewedBy    string           `json:"reviewed_by,omitempty"`
	ReviewedAt    *time.Time       `json:"reviewed_at"`
	Version       int              `json:"version"`
	CreatedAt     time.Time        `json:"created_at"`
}

// CandidateFilter selects candidates; nil fields select everything.
type CandidateFilter struct {
	State  *CandidateState
	Source *int64
}

// Ingest is a document to store as a source, with the candidates extracted
// from it.
type Ingest struct {
	Source     Source
	Text       string // the cleaned text that evidence offsets point into
	Candidates []Candidate
}

// CheckReviewable reports whether c may still be reviewed.
func (c *Candidate) CheckReviewable() error {
	if c.State != Pending {
		return Errorf(KindConflict, "candidate %d was already %s", c.ID, c.State)
	}
	return nil
}

// ToPledge returns the pledge the candidate proposes, dated on, with its
// evidence as the source of the announcement.
func (c *Candidate) ToPledge(on Date) *Pledge {
	p := &Pledge{Donor: c.Donor, Recipient: c.Recipient, Category: c.Category, Item: c.Item, Quantity: c.Quantity,
		Unit: c.Unit, Amount: c.Amount, Currency: c.Currency, Status: c.Status, AnnouncedOn: on}
	if !c.Date.IsZero() {
		p.AnnouncedOn = c.Date
	}
	if c.PeriodFrom > 0 {
		p.PeriodFrom = NewDate(c.PeriodFrom, time.January, 1)
	}
	if c.PeriodTo > 0 {
		p.PeriodTo = NewDate(c.PeriodTo, time.December, 31)
	}
	return p
}
