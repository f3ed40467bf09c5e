package pledgebook

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Pledge is what a donor promises the recipient: a quantity of an item, an
// amount of money, or both, in one capability area.
//
// Amount and Currency keep what was announced; AmountEUR and AmountUSD are
// derived at the ECB reference rate of the announcement date (see FXDate)
// and are nil when no rate exists for that currency and date.
type Pledge struct {
	ID          int64            `json:"id"`
	Ref         string           `json:"ref,omitempty"` // caller's unique key, e.g. from an import
	Donor       string           `json:"donor"`
	Recipient   string           `json:"recipient"`
	Category    Category         `json:"category"`
	Item        string           `json:"item"`
	Quantity    *int64           `json:"quantity"`
	Unit        string           `json:"unit"`
	Amount      *decimal.Decimal `json:"amount"`
	Currency    string           `json:"currency"`
	AmountEUR   *decimal.Decimal `json:"amount_eur"`
	AmountUSD   *decimal.Decimal `json:"amount_usd"`
	FXDate      Date             `json:"fx_date"` // the ECB business day whose rate was used
	Status      Status           `json:"status"`
	AnnouncedOn Date             `json:"announced_on"`
	PeriodFrom  Date             `json:"period_from"` // multi-year pledges: first day covered
	PeriodTo    Date             `json:"period_to"`   // last day covered
	Meeting     string           `json:"meeting"`
	Requirement *int64           `json:"requirement"`
	Coalition   string           `json:"coalition"`
	Visibility  Visibility       `json:"visibility"`
	Notes       string           `json:"notes,omitempty"`

	// Filled in by the store on reads.
	Sources           []PledgeSource   `json:"sources"`
	History           []StatusChange   `json:"history"`
	DeliveredQuantity int64            `json:"delivered_quantity"`
	DeliveredEUR      *decimal.Decimal `json:"delivered_eur"`
	DeliveredUSD      *decimal.Decimal `json:"delivered_usd"`
	Deliveries        int              `json:"deliveries"`

	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// PledgeSource is one announcement of a pledge: the first one, or a later
// re-announcement of the same pledge, with the evidence that reports it.
type PledgeSource struct {
	URL            string `json:"url"`
	Publisher      string `json:"publisher,omitempty"`
	Title          string `json:"title,omitempty"`
	Published      Date   `json:"published"`
	AnnouncedOn    Date   `json:"announced_on"`
	Meeting        string `json:"meeting"`
	Reannouncement bool   `json:"reannouncement"`
	Evidence       string `json:"evidence,omitempty"` // the text span that supports the record
}

// Normalize trims text fields and fills defaults: recipient UA, status
// announced, visibility public.
func (p *Pledge) Normalize() {
	p.Donor = strings.ToUpper(strings.TrimSpace(p.Donor))
	p.Recipient = strings.ToUpper(strings.TrimSpace(p.Recipient))
	if p.Recipient == "" {
		p.Recipient = "UA"
	}
	p.Item = strings.TrimSpace(p.Item)
	p.Unit = strings.TrimSpace(p.Unit)
	p.Currency = strings.ToUpper(strings.TrimSpace(p.Currency))
	p.Meeting = strings.TrimSpace(p.Meeting)
	p.Coalition = strings.TrimSpace(p.Coalition)
	if p.Status == "" {
		p.Status = Announced
	}
	if p.Visibility == "" {
		p.Visibility = Public
	}
}

// Validate checks the pledge's own fields. That the donor, recipient,
// meeting, requirement and coalition exist is checked by the store.
func (p *Pledge) Validate(cat Catalog) error {
	switch {
	case p.Donor == "":
		return FieldError("donor", "is required (an ISO 3166-1 alpha-2 code such as GB, or an organisation code such as EU)")
	case p.Donor == p.Recipient:
		return FieldError("recipient", "is the same party as the donor (%s)", p.Donor)
	case !p.Category.Valid():
		return FieldError("category", "unknown capability area %q (one of %s)", p.Category, categoryList())
	case p.Item == "":
		return FieldError("item", "is required")
	case utf8.RuneCountInString(p.Item) > 200:
		return FieldError("item", "is longer than 200 characters")
	case p.Quantity != nil && *p.Quantity < 0:
		return FieldError("quantity", "must not be negative, got %d", *p.Quantity)
	case p.Quantity == nil && p.Amount == nil:
		return FieldError("quantity", "a pledge needs a quantity, an amount, or both")
	case p.Quantity == nil && p.Unit != "":
		return FieldError("unit", "is given without a quantity")
	case !p.Status.Valid():
		return FieldError("status", "unknown status %q (one of announced, committed, contracted, delivering, delivered, cancelled)", p.Status)
	case p.AnnouncedOn.IsZero():
		return FieldError("date", "the announcement date is required")
	case !p.PeriodFrom.IsZero() && !p.PeriodTo.IsZero() && p.PeriodTo.Before(p.PeriodFrom):
		return FieldError("period", "ends (%s) before it begins (%s)", p.PeriodTo, p.PeriodFrom)
	}
	if err := validateMoney(p.Amount, p.Currency, cat); err != nil {
		return err
	}
	if _, err := ParseVisibility(string(p.Visibility)); err != nil {
		return err
	}
	return nil
}

// Window returns the span of time the pledge covers, for duplicate
// detection: its stated period, or else the year after its announcement,
// the time in which it is typically announced again.
func (p *Pledge) Window() (from, to Date) {
	from, to = p.PeriodFrom, p.PeriodTo
	if from.IsZero() {
		from = p.AnnouncedOn
	}
	if to.IsZero() {
		to = from.AddYears(1)
	}
	return from, to
}

// LooksLike reports whether p and q look like the same pledge counted twice:
// same donor, capability area and item, the same quantity or the same
// amount, and overlapping periods. Cancelled pledges look like nothing.
func (p *Pledge) LooksLike(q *Pledge) bool {
	if p.Status == Cancelled || q.Status == Cancelled {
		return false
	}
	if p.Donor != q.Donor || p.Category != q.Category || NormalizeItem(p.Item) != NormalizeItem(q.Item) {
		return false
	}
	sameQuantity := p.Quantity != nil && q.Quantity != nil && *p.Quantity == *q.Quantity
	sameAmount := p.Amount != nil && q.Amount != nil && p.Currency == q.Currency && p.Amount.Equal(*q.Amount)
	if !sameQuantity && !sameAmount {
		return false
	}
	pf, pt := p.Window()
	qf, qt := q.Window()
	return !pt.Before(qf) && !qt.Before(pf)
}

// NormalizeItem folds an item's name for comparison: lower case, single
// spaces, and no trailing plural "s".
func NormalizeItem(item string) string {
	s := strings.Join(strings.Fields(strings.ToLower(item)), " ")
	if len(s) > 3 && strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") {
		s = strings.TrimSuffix(s, "s")
	}
	return s
}

// PledgeFilter selects pledges. Nil fields select everything.
type PledgeFilter struct {
	// IDs, when not nil, selects the pledges with these IDs (none when
	// empty): the pledges of a page of deliveries, read at once.
	IDs         []int64
	Donor       *string
	Category    *Category
	Status      *Status
	Meeting     *string
	Requirement *int64
	Coalition   *string
	Ref         *string
	Source      *int64 // cited by the source with this ID
	From, To    *Date  // announced on or after From, on or before To
	// After, when set, selects only the pledges that come after it in the
	// listing's order, so that a listing is paged by its last key rather
	// than by an offset: a page costs a page however deep it is, and
	// records added meanwhile do not shift it.
	After *PledgeCursor
	// Search, when set, selects the pledges whose item or notes contain it,
	// ignoring case.
	Search *string
	Sort   PledgeSort // the listing's order; by announcement date when ""
	Desc   bool       // the order reversed: newest, largest, last first
	Offset int
	Limit  int // 0 for no limit
}

// PledgeSort is the order of a pledge listing: by one key, ties by ID.
type PledgeSort string

// The orders of a pledge listing. By donor is by the donor's code, which is
// the same in every language. By value is by the value in EUR, pledges
// without one counting as less than any value; stores may compare values
// at float precision (about 15 significant digits). By status is in the
// order of Statuses, the way a pledge moves.
const (
	SortAnnounced PledgeSort = "announced"
	SortDonor     PledgeSort = "donor"
	SortValue     PledgeSort = "value"
	SortStatus    PledgeSort = "status"
)

// PledgeSorts lists the orders a listing may be sorted by.
var PledgeSorts = []PledgeSort{SortAnnounced, SortDonor, SortValue, SortStatus}

// ParsePledgeSort parses the name of a listing order; "" is by date.
func ParsePledgeSort(s string) (PledgeSort, error) {
	if s == "" {
		return SortAnnounced, nil
	}
	for _, o := range PledgeSorts {
		if string(o) == s {
			return o, nil
		}
	}
	return "", FieldError("sort", "unknown order %q (one of announced, donor, value, status)", s)
}

// PledgeCursor is a pledge's position in the order of a pledge listing:
// its sort key, then its ID. AnnouncedOn is the key of the order by date;
// Key that of the others (see CursorOf).
type PledgeCursor struct {
	AnnouncedOn Date
	Key         string
	ID          int64
}

// CursorOf returns p's position in a listing sorted by s: for the order by
// donor the donor's code, by value the exact EUR value ("" for none), by
// status the status.
func CursorOf(p *Pledge, s PledgeSort) PledgeCursor {
	c := PledgeCursor{ID: p.ID}
	switch s {
	case SortDonor:
		c.Key = p.Donor
	case SortValue:
		if p.AmountEUR != nil {
			c.Key = p.AmountEUR.String()
		}
	case SortStatus:
		c.Key = string(p.Status)
	default:
		c.AnnouncedOn = p.AnnouncedOn
	}
	return c
}

// CreatePledgeOptions says how CreatePledge treats a pledge that looks like
// one already in the ledger.
type CreatePledgeOptions struct {
	Force  bool         // record it as new even if it looks like an existing pledge
	Source PledgeSource // the evidence of the announcement; may be empty
}

// StatusMove asks to move a pledge to a new status on a date.
type StatusMove struct {
	To   Status
	On   Date
	Note string
}

// Tally fills in what p's deliveries add up to: the quantity delivered and
// the value delivered in EUR and USD. The value is, in this order of
// preference: the whole pledge once it is delivered; the sum of the
// deliveries' own values, capped at the pledge's value; or the pledge's
// value pro rata of the quantity delivered. It stays nil when the pledge
// has no EUR value to take a share of and no delivery states one.
func (p *Pledge) Tally(ds []*Delivery) {
	p.Deliveries = len(ds)
	p.DeliveredQuantity = 0
	p.DeliveredEUR, p.DeliveredUSD = nil, nil
	var eur, usd decimal.Decimal
	valuedEUR, valuedUSD := false, false
	for _, d := range ds {
		if d.Quantity != nil {
			p.DeliveredQuantity += *d.Quantity
		}
		if d.AmountEUR != nil {
			eur, valuedEUR = eur.Add(*d.AmountEUR), true
		}
		if d.AmountUSD != nil {
			usd, valuedUSD = usd.Add(*d.AmountUSD), true
		}
	}
	p.DeliveredEUR = deliveredValue(p, p.AmountEUR, eur, valuedEUR)
	p.DeliveredUSD = deliveredValue(p, p.AmountUSD, usd, valuedUSD)
}

func deliveredValue(p *Pledge, pledged *decimal.Decimal, sum decimal.Decimal, valued bool) *decimal.Decimal {
	var v decimal.Decimal
	switch {
	case p.Status == Delivered && pledged != nil:
		v = *pledged
	case valued:
		v = sum
		if pledged != nil && v.GreaterThan(*pledged) {
			v = *pledged
		}
	case pledged != nil && p.Quantity != nil && *p.Quantity > 0:
		v = pledged.Mul(decimal.NewFromInt(p.DeliveredQuantity)).DivRound(decimal.NewFromInt(*p.Quantity), 2)
	case pledged != nil:
		v = decimal.Zero
	default:
		return nil
	}
	return &v
}

// DeliveredOn is the date pledge p was recorded delivered: the date of
// its last move to Delivered while it is delivered, else zero.
func (p *Pledge) DeliveredOn() Date {
	if p.Status != Delivered {
		return Date{}
	}
	for i := len(p.History) - 1; i >= 0; i-- {
		if p.History[i].To == Delivered {
			return p.History[i].On
		}
	}
	return Date{}
}

// Snapshot returns the pledge as the audit trail records it: the stored
// record without the totals derived from its deliveries, which change when
// a delivery is recorded and are audited there.
func (p *Pledge) Snapshot() *Pledge {
	c := *p
	c.DeliveredQuantity, c.Deliveries = 0, 0
	c.DeliveredEUR, c.DeliveredUSD = nil, nil
	return &c
}

// PledgeUpdate is a change to a pledge: each field that is not nil
// replaces the pledge's, and each field Clear names is emptied. Who gives
// and receives a pledge, its key and its status are not changed this way:
// a status moves with SetPledgeStatus.
//
// In JSON it is a merge patch (RFC 7396): a member that is null empties
// its field (see PledgeClearable), and unknown members are refused.
type PledgeUpdate struct {
	Category    *Category        `json:"category,omitempty"`
	Item        *string          `json:"item,omitempty"`
	Quantity    *int64           `json:"quantity,omitempty"`
	Unit        *string          `json:"unit,omitempty"`
	Amount      *decimal.Decimal `json:"amount,omitempty"`
	Currency    *string          `json:"currency,omitempty"`
	AnnouncedOn *Date            `json:"announced_on,omitempty"`
	PeriodFrom  *Date            `json:"period_from,omitempty"`
	PeriodTo    *Date            `json:"period_to,omitempty"`
	Meeting     *string          `json:"meeting,omitempty"`
	Requirement *int64           `json:"requirement,omitempty"`
	Coalition   *string          `json:"coalition,omitempty"`
	Visibility  *Visibility      `json:"visibility,omitempty"`
	Notes       *string          `json:"notes,omitempty"`
	// Clear names the fields the update empties, by their JSON names, from
	// PledgeClearable.
	Clear []string `json:"-"`
}

// pledgeUpdateNames are the JSON names of PledgeUpdate's fields.
var pledgeUpdateNames = []string{"category", "item", "quantity", "unit", "amount", "currency", "announced_on", "period_from", "period_to",
	"meeting", "requirement", "coalition", "visibility", "notes"}

// UnmarshalJSON decodes a merge patch: null members go to Clear.
func (u *PledgeUpdate) UnmarshalJSON(b []byte) error {
	clear, err := nulls(b, PledgeClearable, pledgeUpdateNames)
	if err != nil {
		return err
	}
	type plain PledgeUpdate // without this method
	var v plain
	if err := decodeStrict(b, &v); err != nil {
		return err
	}
	*u = PledgeUpdate(v)
	u.Clear = clear
	return nil
}

// Check checks that the fields u empties may be emptied, and that it does
// not both set and empty one.
func (u PledgeUpdate) Check() error {
	set := map[string]bool{"quantity": u.Quantity != nil, "unit": u.Unit != nil, "amount": u.Amount != nil, "currency": u.Currency != nil,
		"period_from": u.PeriodFrom != nil, "period_to": u.PeriodTo != nil, "meeting": u.Meeting != nil, "requirement": u.Requirement != nil,
		"coalition": u.Coalition != nil, "notes": u.Notes != nil}
	return checkClear(u.Clear, PledgeClearable, func(n string) bool { return set[n] })
}

// Apply returns a copy of p with the fields u empties emptied and those it
// sets replaced. An emptied quantity takes its unit with it, and an
// emptied amount its currency, unless u sets them; the EUR and USD values
// are the store's to derive again.
func (u PledgeUpdate) Apply(p *Pledge) *Pledge {
	c := *p
	for _, name := range u.Clear {
		switch name {
		case "quantity":
			c.Quantity = nil
			c.Unit = ""
		case "unit":
			c.Unit = ""
		case "amount":
			c.Amount, c.AmountEUR, c.AmountUSD, c.FXDate = nil, nil, nil, Date{}
			c.Currency = ""
		case "currency":
			c.Currency = ""
		case "period_from":
			c.PeriodFrom = Date{}
		case "period_to":
			c.PeriodTo = Date{}
		case "meeting":
			c.Meeting = ""
		case "requirement":
			c.Requirement = nil
		case "coalition":
			c.Coalition = ""
		case "notes":
			c.Notes = ""
		}
	}
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	if u.Category != nil {
		c.Category = *u.Category
	}
	set(&c.Item, u.Item)
	if u.Quantity != nil {
		c.Quantity = u.Quantity
	}
	set(&c.Unit, u.Unit)
	if u.Amount != nil {
		c.Amount = u.Amount
	}
	set(&c.Currency, u.Currency)
	if u.AnnouncedOn != nil {
		c.AnnouncedOn = *u.AnnouncedOn
	}
	if u.PeriodFrom != nil {
		c.PeriodFrom = *u.PeriodFrom
	}
	if u.PeriodTo != nil {
		c.PeriodTo = *u.PeriodTo
	}
	set(&c.Meeting, u.Meeting)
	if u.Requirement != nil {
		c.Requirement = u.Requirement
	}
	set(&c.Coalition, u.Coalition)
	if u.Visibility != nil {
		c.Visibility = *u.Visibility
	}
	set(&c.Notes, u.Notes)
	return &c
}
