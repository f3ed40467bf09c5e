package pledgebook

import (
	"net/url"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Delivery is a full or partial fulfilment of a pledge. The recipient
// confirms it separately.
type Delivery struct {
	ID          int64            `json:"id"`
	Ref         string           `json:"ref,omitempty"`
	Pledge      int64            `json:"pledge"`
	DeliveredOn Date             `json:"delivered_on"`
	Quantity    *int64           `json:"quantity"`
	Amount      *decimal.Decimal `json:"amount"`
	Currency    string           `json:"currency,omitempty"`
	AmountEUR   *decimal.Decimal `json:"amount_eur"`
	AmountUSD   *decimal.Decimal `json:"amount_usd"`
	FXDate      Date             `json:"fx_date"`
	Confirmed   bool             `json:"confirmed"`
	Visibility  Visibility       `json:"visibility"`
	Source      string           `json:"source,omitempty"` // URL of the evidence
	Notes       string           `json:"notes,omitempty"`
	Version     int              `json:"version"`
	CreatedAt   time.Time        `json:"created_at"`
	UpdatedAt   time.Time        `json:"updated_at"`
}

// Normalize trims text fields and fills defaults.
func (d *Delivery) Normalize() {
	d.Currency = strings.ToUpper(strings.TrimSpace(d.Currency))
	d.Source = strings.TrimSpace(d.Source)
	if d.Visibility == "" {
		d.Visibility = Public
	}
}

// Validate checks the delivery's own fields. That it fits its pledge is
// checked by CheckDelivery.
func (d *Delivery) Validate(cat Catalog) error {
	switch {
	case d.Pledge <= 0:
		return FieldError("pledge", "is required")
	case d.DeliveredOn.IsZero():
		return FieldError("date", "the delivery date is required")
	case d.Quantity != nil && *d.Quantity < 0:
		return FieldError("quantity", "must not be negative, got %d", *d.Quantity)
	case d.Quantity == nil && d.Amount == nil:
		return FieldError("quantity", "a delivery needs a quantity, an amount, or both")
	}
	if err := validateMoney(d.Amount, d.Currency, cat); err != nil {
		return err
	}
	if _, err := ParseVisibility(string(d.Visibility)); err != nil {
		return err
	}
	return nil
}

// CheckDelivery checks that d fits pledge p: the pledge is not cancelled,
// the delivery does not precede the announcement, and the quantity
// delivered so far plus d's never exceeds the quantity pledged.
func CheckDelivery(p *Pledge, d *Delivery) error {
	if p.Status == Cancelled {
		return FieldError("pledge", "pledge %d is cancelled; it takes no deliveries", p.ID)
	}
	if d.DeliveredOn.Before(p.AnnouncedOn) {
		return FieldError("date", "%s is before the pledge was announced (%s)", d.DeliveredOn, p.AnnouncedOn)
	}
	if d.Quantity != nil {
		if p.Quantity == nil {
			return FieldError("quantity", "pledge %d has no quantity to deliver against; give an amount instead", p.ID)
		}
		if p.DeliveredQuantity+*d.Quantity > *p.Quantity {
			return FieldError("quantity", "%d more would bring deliveries to %d, above the %d pledged", *d.Quantity, p.DeliveredQuantity+*d.Quantity, *p.Quantity)
		}
	}
	return nil
}

// DeliveryFilter selects deliveries; nil fields select everything.
type DeliveryFilter struct {
	Pledge    *int64
	Donor     *string
	Category  *Category // the capability area of the delivery's pledge
	Confirmed *bool     // confirmed by the recipient, or not yet
	From, To  *Date     // delivered on or after From, on or before To
	Ref       *string
	After     *DeliveryCursor // only the deliveries after it in the order
	Desc      bool            // newest first
	Limit     int             // 0 for no limit
}

// DeliveryCursor is a delivery's position in the order of a delivery
// listing: by delivery date, then by ID.
type DeliveryCursor struct {
	DeliveredOn Date
	ID          int64
}

// Source is a piece of evidence: a news article, an official release or a
// document, identified by its URL.
//
// A document ingested without a URL is identified by the hash of its text,
// as urn:sha256:HEX.
type Source struct {
	ID        int64  `json:"id"`
	URL       string `json:"url"`
	Publisher string `json:"publisher,omitempty"`
	Title     string `json:"title,omitempty"`
	Published Date   `json:"published"`
	Language  string `json:"language,omitempty"`
	// ContentHash is the hex SHA-256 of Text; the same document ingested
	// twice is one source. Empty for sources recorded without their text.
	ContentHash string    `json:"content_hash,omitempty"`
	Text        string    `json:"-"` // the stored, cleaned text
	CreatedAt   time.Time `json:"created_at"`
}

// ContentURN is the identifier of a source known only by its text.
func ContentURN(hash string) string { return "urn:sha256:" + hash }

// CheckURL checks that s is an absolute http or https URL, as the evidence
// of a record must be.
func CheckURL(field, s string) error {
	if h, ok := strings.CutPrefix(s, "urn:sha256:"); ok && len(h) == 64 && strings.Trim(h, "0123456789abcdef") == "" {
		return nil // a source known by the hash of its text
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return FieldError(field, "%q is not an absolute http(s) URL", s)
	}
	if len(s) > 2000 {
		return FieldError(field, "is longer than 2000 characters")
	}
	return nil
}
