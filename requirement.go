package pledgebook

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Requirement is something the recipient needs: a quantity of an item in a
// capability area, with a priority (1 is the most urgent) and a date by
// which it is needed.
type Requirement struct {
	ID           int64            `json:"id"`
	Ref          string           `json:"ref,omitempty"` // caller's unique key, e.g. from an import
	Recipient    string           `json:"recipient"`
	Category     Category         `json:"category"`
	Item         string           `json:"item"`
	Quantity     *int64           `json:"quantity"`
	Unit         string           `json:"unit,omitempty"`
	Amount       *decimal.Decimal `json:"amount"` // estimated value, if stated
	Currency     string           `json:"currency,omitempty"`
	AmountEUR    *decimal.Decimal `json:"amount_eur"`
	AmountUSD    *decimal.Decimal `json:"amount_usd"`
	Priority     int              `json:"priority"`
	NeededBy     Date             `json:"needed_by"`
	Illustrative bool             `json:"illustrative"` // made up for demonstration, not real data
	Notes        string           `json:"notes,omitempty"`
	Visibility   Visibility       `json:"visibility"`
	Version      int              `json:"version"`
	CreatedAt    time.Time        `json:"created_at"`
	UpdatedAt    time.Time        `json:"updated_at"`
}

// Normalize trims text fields and fills defaults.
func (r *Requirement) Normalize() {
	r.Recipient = strings.ToUpper(strings.TrimSpace(r.Recipient))
	if r.Recipient == "" {
		r.Recipient = "UA"
	}
	r.Item = strings.TrimSpace(r.Item)
	r.Unit = strings.TrimSpace(r.Unit)
	r.Currency = strings.ToUpper(strings.TrimSpace(r.Currency))
	if r.Visibility == "" {
		r.Visibility = Public
	}
	if r.Priority == 0 {
		r.Priority = 3
	}
}

// Validate checks r's own fields; references to other records are checked
// by the store.
func (r *Requirement) Validate(cat Catalog) error {
	if !r.Category.Valid() {
		return FieldError("category", "unknown capability area %q (one of %s)", r.Category, categoryList())
	}
	if r.Item == "" {
		return FieldError("item", "is required")
	}
	if utf8.RuneCountInString(r.Item) > 200 {
		return FieldError("item", "is longer than 200 characters")
	}
	if r.Quantity != nil && *r.Quantity < 0 {
		return FieldError("quantity", "must not be negative, got %d", *r.Quantity)
	}
	if r.Priority < 1 || r.Priority > 5 {
		return FieldError("priority", "must be from 1 (most urgent) to 5, got %d", r.Priority)
	}
	if err := validateMoney(r.Amount, r.Currency, cat); err != nil {
		return err
	}
	if _, err := ParseVisibility(string(r.Visibility)); err != nil {
		return err
	}
	return nil
}

// RequirementUpdate is a change to a requirement: each field that is not
// nil replaces the requirement's, and each field Clear names is emptied.
// Its recipient and key are not changed this way. In JSON it is a merge
// patch, as PledgeUpdate is.
type RequirementUpdate struct {
	Category     *Category        `json:"category,omitempty"`
	Item         *string          `json:"item,omitempty"`
	Quantity     *int64           `json:"quantity,omitempty"`
	Unit         *string          `json:"unit,omitempty"`
	Amount       *decimal.Decimal `json:"amount,omitempty"`
	Currency     *string          `json:"currency,omitempty"`
	Priority     *int             `json:"priority,omitempty"`
	NeededBy     *Date            `json:"needed_by,omitempty"`
	Illustrative *bool            `json:"illustrative,omitempty"`
	Notes        *string          `json:"notes,omitempty"`
	Visibility   *Visibility      `json:"visibility,omitempty"`
	// Clear names the fields the update empties, by their JSON names, from
	// RequirementClearable.
	Clear []string `json:"-"`
}

// requirementUpdateNames are the JSON names of RequirementUpdate's fields.
var requirementUpdateNames = []string{"category", "item", "quantity", "unit", "amount", "currency", "priority", "needed_by", "illustrative",
	"notes", "visibility"}

// UnmarshalJSON decodes a merge patch: null members go to Clear.
func (u *RequirementUpdate) UnmarshalJSON(b []byte) error {
	clear, err := nulls(b, RequirementClearable, requirementUpdateNames)
	if err != nil {
		return err
	}
	type plain RequirementUpdate // without this method
	var v plain
	if err := decodeStrict(b, &v); err != nil {
		return err
	}
	*u = RequirementUpdate(v)
	u.Clear = clear
	return nil
}

// Check checks that the fields u empties may be emptied, and that it does
// not both set and empty one.
func (u RequirementUpdate) Check() error {
	set := map[string]bool{"quantity": u.Quantity != nil, "unit": u.Unit != nil, "amount": u.Amount != nil, "currency": u.Currency != nil,
		"needed_by": u.NeededBy != nil, "notes": u.Notes != nil}
	return checkClear(u.Clear, RequirementClearable, func(n string) bool { return set[n] })
}

// Apply returns a copy of r with the fields u empties emptied and those it
// sets replaced, the pairs going together as in PledgeUpdate.Apply.
func (u RequirementUpdate) Apply(r *Requirement) *Requirement {
	c := *r
	for _, name := range u.Clear {
		switch name {
		case "quantity":
			c.Quantity, c.Unit = nil, ""
		case "unit":
			c.Unit = ""
		case "amount":
			c.Amount, c.AmountEUR, c.AmountUSD, c.Currency = nil, nil, nil, ""
		case "currency":
			c.Currency = ""
		case "needed_by":
			c.NeededBy = Date{}
		case "notes":
			c.Notes = ""
		}
	}
	if u.Category != nil {
		c.Category = *u.Category
	}
	if u.Item != nil {
		c.Item = *u.Item
	}
	if u.Quantity != nil {
		c.Quantity = u.Quantity
	}
	if u.Unit != nil {
		c.Unit = *u.Unit
	}
	if u.Amount != nil {
		c.Amount = u.Amount
	}
	if u.Currency != nil {
		c.Currency = *u.Currency
	}
	if u.Priority != nil {
		c.Priority = *u.Priority
	}
	if u.NeededBy != nil {
		c.NeededBy = *u.NeededBy
	}
	if u.Illustrative != nil {
		c.Illustrative = *u.Illustrative
	}
	if u.Notes != nil {
		c.Notes = *u.Notes
	}
	if u.Visibility != nil {
		c.Visibility = *u.Visibility
	}
	return &c
}

// RequirementFilter selects requirements; nil fields select everything.
type RequirementFilter struct {
	Category *Category
	Ref      *string
}

func validateMoney(amount *decimal.Decimal, currency string, cat Catalog) error {
	switch {
	case amount == nil && currency == "":
		return nil
	case amount == nil:
		return FieldError("amount", "is required when a currency is given")
	case currency == "":
		return FieldError("currency", "is required when an amount is given")
	case amount.IsNegative():
		return FieldError("amount", "must not be negative, got %s", amount)
	case !amount.Equal(amount.Round(4)):
		return FieldError("amount", "has more than four decimal places: %s", amount)
	case !cat.KnownCurrency(currency):
		return FieldError("currency", "unknown currency %q (an ISO 4217 code such as EUR, USD, GBP)", currency)
	}
	return nil
}
