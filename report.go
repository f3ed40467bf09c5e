package pledgebook

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"
)

// Basis is the currency in which a report adds values up: EUR or USD.
// Reports add converted values only, never raw amounts of mixed currencies.
type Basis string

// The report currencies.
const (
	EUR Basis = "EUR"
	USD Basis = "USD"
)

// ParseBasis returns the report currency named s ("" means EUR).
func ParseBasis(s string) (Basis, error) {
	switch Basis(s) {
	case "", EUR:
		return EUR, nil
	case USD:
		return USD, nil
	}
	return "", FieldError("currency", "reports add up in EUR or USD, not %q", s)
}

func (b Basis) pledged(p *Pledge) *decimal.Decimal {
	if b == USD {
		return p.AmountUSD
	}
	return p.AmountEUR
}

func (b Basis) delivered(p *Pledge) *decimal.Decimal {
	if b == USD {
		return p.DeliveredUSD
	}
	return p.DeliveredEUR
}

func (b Basis) delivery(d *Delivery) *decimal.Decimal {
	if b == USD {
		return d.AmountUSD
	}
	return d.AmountEUR
}

// Money is an exact amount in one currency.
type Money struct {
	Amount   decimal.Decimal `json:"amount"`
	Currency string          `json:"currency"`
}

// Totals is what a set of pledges adds up to in a report currency, and what
// it had to leave out.
type Totals struct {
	Key         string          `json:"key"`  // donor code, capability area, ...
	Name        string          `json:"name"` // for people
	Pledges     int             `json:"pledges"`
	Pledged     decimal.Decimal `json:"pledged"`
	Delivered   decimal.Decimal `json:"delivered"`
	Outstanding decimal.Decimal `json:"outstanding"`
	Cancelled   int             `json:"cancelled"` // not counted in the figures
	// InKind counts pledges stated only as quantities: they are in Pledges
	// but carry no value.
	InKind int `json:"in_kind"`
	// Unconverted lists, per currency, the amounts that have no exchange
	// rate for their date and so are left out of Pledged.
	Unconverted []Money `json:"unconverted"`
	// GDPShare is the value pledged in USD as a percentage of the donor's
	// GDP in GDPYear, when both are known; set by SetGDPShares.
	GDPShare *decimal.Decimal `json:"gdp_share,omitempty"`
	GDPYear  int              `json:"gdp_year,omitempty"`
}

func (t *Totals) add(p *Pledge, b Basis) {
	if p.Status == Cancelled {
		t.Cancelled++
		return
	}
	t.Pledges++
	v := b.pledged(p)
	switch {
	case p.Amount == nil:
		t.InKind++
	case v == nil:
		t.Unconverted = addMoney(t.Unconverted, *p.Amount, p.Currency)
	}
	if v != nil {
		t.Pledged = t.Pledged.Add(*v)
		d := decimal.Zero
		if dv := b.delivered(p); dv != nil {
			d = *dv
		}
		t.Delivered = t.Delivered.Add(d)
		t.Outstanding = t.Outstanding.Add(v.Sub(d))
	}
}

func (t *Totals) merge(u Totals) {
	t.Pledges += u.Pledges
	t.Pledged = t.Pledged.Add(u.Pledged)
	t.Delivered = t.Delivered.Add(u.Delivered)
	t.Outstanding = t.Outstanding.Add(u.Outstanding)
	t.Cancelled += u.Cancelled
	t.InKind += u.InKind
	for _, m := range u.Unconverted {
		t.Unconverted = addMoney(t.Unconverted, m.Amount, m.Currency)
	}
}

func addMoney(ms []Money, amount decimal.Decimal, currency string) []Money {
	for i := range ms {
		if ms[i].Currency == currency {
			ms[i].Amount = ms[i].Amount.Add(amount)
			return ms
		}
	}
	ms = append(ms, Money{Amount: amount, Currency: currency})
	slices.SortFunc(ms, func(a, b Money) int { return cmp.Compare(a.Currency, b.Currency) })
	return ms
}

// TotalsReport is a table of totals, one row per key, and the grand total.
type TotalsReport struct {
	Currency Basis    `json:"currency"`
	Rows     []Totals `json:"items"`
	Total    Totals   `json:"total"`
}

// TotalsBy adds pledges up per key, in the report currency b, largest
// pledged value first. name gives each key its display name.
func TotalsBy(pledges []*Pledge, b Basis, key func(*Pledge) string, name func(string) string) TotalsReport {
	rows := map[string]*Totals{}
	for _, p := range pledges {
		k := key(p)
		t := rows[k]
		if t == nil {
			t = &Totals{Key: k, Name: name(k), Unconverted: []Money{}}
			rows[k] = t
		}
		t.add(p, b)
	}
	return totalsReport(b, rows)
}

// totalsReport sorts rows into a report, largest pledged value first, and
// adds up their total.
func totalsReport(b Basis, rows map[string]*Totals) TotalsReport {
	r := TotalsReport{Currency: b, Rows: []Totals{}, Total: Totals{Key: "total", Name: "Total", Unconverted: []Money{}}}
	for _, t := range rows {
		r.Rows = append(r.Rows, *t)
		r.Total.merge(*t)
	}
	slices.SortFunc(r.Rows, func(a, b Totals) int {
		if c := b.Pledged.Cmp(a.Pledged); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Pledges, a.Pledges); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return r
}

// SetGDPShares sets each row's share of GDP: the row's pledged value in
// USD (from usd, the same pledges added up in USD) over the GDP that gdp
// gives for the row's key, in percent to four places.
func (r *TotalsReport) SetGDPShares(usd TotalsReport, gdp func(key string) (year int, usdGDP decimal.Decimal, ok bool)) {
	pledged := map[string]decimal.Decimal{}
	for _, row := range usd.Rows {
		pledged[row.Key] = row.Pledged
	}
	for i := range r.Rows {
		year, g, ok := gdp(r.Rows[i].Key)
		v, have := pledged[r.Rows[i].Key]
		if !ok || !have || !g.IsPositive() || !v.IsPositive() {
			continue
		}
		share := v.Shift(2).DivRound(g, 4)
		r.Rows[i].GDPShare, r.Rows[i].GDPYear = &share, year
	}
}

// CoverageRow says how far the pledges that answer one requirement cover
// it, in quantity and in value.
type CoverageRow struct {
	Requirement     int64            `json:"requirement"`
	Category        Category         `json:"category"`
	Item            string           `json:"item"`
	Priority        int              `json:"priority"`
	NeededBy        Date             `json:"needed_by"`
	Unit            string           `json:"unit,omitempty"`
	Illustrative    bool             `json:"illustrative"`
	Required        *int64           `json:"required"`
	Pledged         int64            `json:"pledged"`
	Delivered       int64            `json:"delivered"`
	Gap             *int64           `json:"gap"` // required less pledged, never below zero
	RequiredValue   *decimal.Decimal `json:"required_value"`
	PledgedValue    decimal.Decimal  `json:"pledged_value"`
	DeliveredValue  decimal.Decimal  `json:"delivered_value"`
	GapValue        *decimal.Decimal `json:"gap_value"`
	Covered         decimal.Decimal  `json:"covered"` // share of the requirement pledged, 0 to 1
	Measure         string           `json:"measure"` // what Covered compares: "quantity", "value", or "" when the requirement states neither
	Pledges         int              `json:"pledges"`
	UnvaluedPledges int              `json:"unvalued_pledges"` // answering pledges with no value in the report currency
}

// CoverageArea sums coverage up for one capability area.
type CoverageArea struct {
	Category       Category        `json:"category"`
	Requirements   int             `json:"requirements"`
	Covered        int             `json:"covered"`   // fully pledged
	Partial        int             `json:"partial"`   // partly pledged
	Uncovered      int             `json:"uncovered"` // nothing pledged
	RequiredValue  decimal.Decimal `json:"required_value"`
	PledgedValue   decimal.Decimal `json:"pledged_value"`
	DeliveredValue decimal.Decimal `json:"delivered_value"`
	GapValue       decimal.Decimal `json:"gap_value"`
	// OtherPledged is the value pledged in this area that answers no
	// requirement: support the recipient did not ask for in this form.
	OtherPledged decimal.Decimal `json:"other_pledged"`
}

// CoverageReport is requirement coverage: per requirement, most urgent and
// largest gaps first, and per capability area, largest value gap first.
type CoverageReport struct {
	Currency     Basis          `json:"currency"`
	Requirements []CoverageRow  `json:"items"`
	Areas        []CoverageArea `json:"areas"`
}

// Coverage measures how far pledges cover requirements. Cancelled pledges
// count for nothing.
func Coverage(reqs []*Requirement, pledges []*Pledge, b Basis) CoverageReport {
	rows := make([]CoverageRow, len(reqs))
	index := map[int64]int{}
	for i, r := range reqs {
		index[r.ID] = i
		rv := r.AmountEUR
		if b == USD {
			rv = r.AmountUSD
		}
		rows[i] = CoverageRow{Requirement: r.ID, Category: r.Category, Item: r.Item, Priority: r.Priority, NeededBy: r.NeededBy,
			Unit: r.Unit, Illustrative: r.Illustrative, Required: r.Quantity, RequiredValue: rv}
	}
	areas := map[Category]*CoverageArea{}
	area := func(c Category) *CoverageArea {
		if areas[c] == nil {
			areas[c] = &CoverageArea{Category: c}
		}
		return areas[c]
	}
	for _, p := range pledges {
		if p.Status == Cancelled {
			continue
		}
		i, ok := -1, false
		if p.Requirement != nil {
			i, ok = index[*p.Requirement]
		}
		v, dv := b.pledged(p), b.delivered(p)
		if !ok {
			if v != nil {
				a := area(p.Category)
				a.OtherPledged = a.OtherPledged.Add(*v)
			}
			continue
		}
		row := &rows[i]
		row.Pledges++
		if p.Quantity != nil {
			row.Pledged += *p.Quantity
			row.Delivered += p.DeliveredQuantity
		}
		if v == nil {
			row.UnvaluedPledges++
		} else {
			row.PledgedValue = row.PledgedValue.Add(*v)
		}
		if dv != nil {
			row.DeliveredValue = row.DeliveredValue.Add(*dv)
		}
	}
	one := decimal.NewFromInt(1)
	for i := range rows {
		row := &rows[i]
		row.Covered = decimal.Zero
		byValue := row.RequiredValue != nil && row.RequiredValue.IsPositive()
		byQuantity := row.Required != nil && *row.Required > 0
		if byQuantity {
			gap := max(*row.Required-row.Pledged, 0)
			row.Gap = &gap
		}
		// A requirement known by quantity is measured by quantity, unless
		// it also has a value and what answers it is money only: then
		// the value is the only measure that sees those pledges.
		if byQuantity && byValue && row.Pledged == 0 && row.PledgedValue.IsPositive() {
			byQuantity = false
		}
		switch {
		case byQuantity:
			row.Covered = decimal.Min(one, decimal.NewFromInt(row.Pledged).DivRound(decimal.NewFromInt(*row.Required), 4))
			row.Measure = "quantity"
		case byValue:
			row.Covered = decimal.Min(one, row.PledgedValue.DivRound(*row.RequiredValue, 4))
			row.Measure = "value"
		}
		if row.RequiredValue != nil {
			gv := decimal.Max(decimal.Zero, row.RequiredValue.Sub(row.PledgedValue))
			if byQuantity {
				// The value gap is the unpledged share of the requirement's
				// value, taken from the quantities (not from Covered, which
				// is rounded to four places).
				gv = row.RequiredValue.Mul(decimal.NewFromInt(*row.Gap)).DivRound(decimal.NewFromInt(*row.Required), 2)
			}
			row.GapValue = &gv
		}
		a := area(row.Category)
		a.Requirements++
		switch {
		case row.Covered.GreaterThanOrEqual(one):
			a.Covered++
		case row.Pledges > 0:
			a.Partial++
		default:
			a.Uncovered++
		}
		if row.RequiredValue != nil {
			a.RequiredValue = a.RequiredValue.Add(*row.RequiredValue)
		}
		if row.GapValue != nil {
			a.GapValue = a.GapValue.Add(*row.GapValue)
		}
		a.PledgedValue = a.PledgedValue.Add(row.PledgedValue)
		a.DeliveredValue = a.DeliveredValue.Add(row.DeliveredValue)
	}
	slices.SortStableFunc(rows, func(x, y CoverageRow) int {
		if c := cmp.Compare(x.Priority, y.Priority); c != 0 {
			return c
		}
		if c := x.Covered.Cmp(y.Covered); c != 0 {
			return c
		}
		return gapValue(y).Cmp(gapValue(x))
	})
	r := CoverageReport{Currency: b, Requirements: rows, Areas: []CoverageArea{}}
	for _, a := range areas {
		r.Areas = append(r.Areas, *a)
	}
	slices.SortFunc(r.Areas, func(x, y CoverageArea) int {
		if c := y.GapValue.Cmp(x.GapValue); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Uncovered, x.Uncovered); c != 0 {
			return c
		}
		return cmp.Compare(x.Category, y.Category)
	})
	return r
}

func gapValue(r CoverageRow) decimal.Decimal {
	if r.GapValue == nil {
		return decimal.Zero
	}
	return *r.GapValue
}

// TimelineRow is one month of the timeline.
type TimelineRow struct {
	Month               string          `json:"month"` // YYYY-MM
	Pledges             int             `json:"pledges"`
	Pledged             decimal.Decimal `json:"pledged"`
	Cumulative          decimal.Decimal `json:"cumulative"`
	Delivered           decimal.Decimal `json:"delivered"`
	CumulativeDelivered decimal.Decimal `json:"cumulative_delivered"`
}

// TimelineReport is pledges and deliveries per month, and running totals.
type TimelineReport struct {
	Currency    Basis         `json:"currency"`
	Rows        []TimelineRow `json:"items"`
	Unconverted []Money       `json:"unconverted"` // amounts left out for want of a rate
	InKind      int           `json:"in_kind"`     // pledges with no amount, counted but not valued
}

// Timeline counts pledges by the month they were announced and values
// deliveries by the month they arrived: a delivery's own value, or else
// its share of the pledge's value by quantity. Cancelled pledges are left
// out; every month from the first to the last appears, empty or not.
func Timeline(pledges []*Pledge, deliveries []*Delivery, b Basis) TimelineReport {
	months := map[string]*TimelineRow{}
	row := func(d Date) *TimelineRow {
		k := d.String()[:7]
		if months[k] == nil {
			months[k] = &TimelineRow{Month: k}
		}
		return months[k]
	}
	r := TimelineReport{Currency: b, Rows: []TimelineRow{}, Unconverted: []Money{}}
	for _, p := range pledges {
		if p.Status == Cancelled {
			continue
		}
		m := row(p.AnnouncedOn)
		m.Pledges++
		switch v := b.pledged(p); {
		case v != nil:
			m.Pledged = m.Pledged.Add(*v)
		case p.Amount != nil:
			r.Unconverted = addMoney(r.Unconverted, *p.Amount, p.Currency)
		default:
			r.InKind++
		}
	}
	byPledge := map[int64][]*Delivery{}
	for _, d := range deliveries {
		byPledge[d.Pledge] = append(byPledge[d.Pledge], d)
	}
	for _, p := range pledges {
		if p.Status == Cancelled {
			continue
		}
		b.spreadDelivered(p, b.delivered(p), byPledge[p.ID], p.DeliveredOn(), func(on Date, v decimal.Decimal) {
			m := row(on)
			m.Delivered = m.Delivered.Add(v)
		})
	}
	r.Rows = fillMonths(months)
	return r
}

// spreadDelivered hands add the value pledge p has delivered by the dates
// it arrived: each delivery's value (deliveryValue) on its date, and what
// the pledge's delivered value, total (see Tally), has beyond them, as for
// a pledge recorded delivered whole, on the date it was recorded delivered
// (deliveredOn), else on its last delivery's date, else on its
// announcement's. So a timeline's delivered line ends where the totals do.
func (b Basis) spreadDelivered(p *Pledge, total *decimal.Decimal, ds []*Delivery, deliveredOn Date, add func(Date, decimal.Decimal)) {
	var sum decimal.Decimal
	last := p.AnnouncedOn
	for _, d := range ds {
		if d.DeliveredOn.After(last) {
			last = d.DeliveredOn
		}
		if v := b.deliveryValue(p, d); v != nil {
			add(d.DeliveredOn, *v)
			sum = sum.Add(*v)
		}
	}
	if total != nil && total.GreaterThan(sum) {
		if !deliveredOn.IsZero() {
			last = deliveredOn
		}
		add(last, total.Sub(sum))
	}
}

// deliveryValue is what delivery d of pledge p adds to the timeline: its
// own value, or else its share of the pledge's value by quantity; nil when
// neither is known.
func (b Basis) deliveryValue(p *Pledge, d *Delivery) *decimal.Decimal {
	if dv := b.delivery(d); dv != nil {
		return dv
	}
	if pv := b.pledged(p); pv != nil && d.Quantity != nil && p.Quantity != nil && *p.Quantity > 0 {
		share := pv.Mul(decimal.NewFromInt(*d.Quantity)).DivRound(decimal.NewFromInt(*p.Quantity), 2)
		return &share
	}
	return nil
}

// fillMonths returns the timeline's rows: every month from the first to
// the last in months, empty or not, with the running totals.
func fillMonths(months map[string]*TimelineRow) []TimelineRow {
	rows := []TimelineRow{}
	if len(months) == 0 {
		return rows
	}
	keys := make([]string, 0, len(months))
	for k := range months {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	first, _ := ParseDate(keys[0] + "-01")
	last, _ := ParseDate(keys[len(keys)-1] + "-01")
	var cum, cumD decimal.Decimal
	for d := first; !d.After(last); d = NewDate(d.Year(), d.Time().Month()+1, 1) {
		m := months[d.String()[:7]]
		if m == nil {
			m = &TimelineRow{Month: d.String()[:7]}
		}
		cum, cumD = cum.Add(m.Pledged), cumD.Add(m.Delivered)
		m.Cumulative, m.CumulativeDelivered = cum, cumD
		rows = append(rows, *m)
	}
	return rows
}
