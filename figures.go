package pledgebook

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Figures are what a set of pledges adds up to per donor and capability
// area, and per month of announcement, with what their deliveries add up
// to per month, in one report currency. They hold what TotalsBy (by donor,
// by capability area, or both) and Timeline compute from whole pledges and
// deliveries, in a few hundred cells however many pledges there are, so
// that a store can build them while it reads a handful of columns per
// pledge (see Store.PledgeFigures) instead of whole pledges with their
// sources and history. Reports made from them equal the reports made from
// the same pledges and deliveries.
type Figures struct {
	basis     Basis
	cells     map[figureKey]*cell
	months    map[int]*TimelineRow // by month announced (see monthOf): Pledges and Pledged
	delivered map[int]decimal.Decimal
	inKind    int
}

type figureKey struct {
	donor    string
	category Category
}

// cell is Totals without Outstanding, which is Pledged less Delivered:
// adding that up pledge by pledge would cost two more additions each.
type cell struct {
	pledges, cancelled, inKind int
	pledged, delivered         decimal.Decimal
	unconverted                []Money
}

// PledgeFigure is what the figures need of one pledge.
type PledgeFigure struct {
	Donor       string
	Category    Category
	Status      Status
	AnnouncedOn Date
	// Value is the pledge's value in the report currency: nil when it is
	// in kind (it has no amount) or its amount has no exchange rate.
	Value *decimal.Decimal
	// Amount and Currency are the pledge's amount when it has no Value:
	// nil for a pledge in kind. With a Value they are not read.
	Amount   *decimal.Decimal
	Currency string
	// Quantity is read only when the pledge has deliveries.
	Quantity *int64
}

// NewFigures returns empty figures in report currency b.
func NewFigures(b Basis) *Figures {
	return &Figures{basis: b, cells: map[figureKey]*cell{}, months: map[int]*TimelineRow{}, delivered: map[int]decimal.Decimal{}}
}

// Add counts pledge p and ds, the deliveries of it that the figures'
// reader may see, as TotalsBy and Timeline count a pledge with those
// deliveries. Of the deliveries it reads the date, quantity and value in
// the report currency.
func (f *Figures) Add(p PledgeFigure, ds []*Delivery) {
	var dv *decimal.Decimal
	var whole *Pledge
	// A pledge's delivered value is zero unless it has deliveries or is
	// delivered (see Tally): most have neither, and skip the arithmetic.
	if len(ds) > 0 || p.Status == Delivered {
		whole = &Pledge{Status: p.Status, Quantity: p.Quantity}
		if f.basis == USD {
			whole.AmountUSD = p.Value
		} else {
			whole.AmountEUR = p.Value
		}
		whole.Tally(ds)
		dv = f.basis.delivered(whole)
	}
	c := f.cells[figureKey{p.Donor, p.Category}]
	if c == nil {
		c = &cell{}
		f.cells[figureKey{p.Donor, p.Category}] = c
	}
	// As Totals.add counts a pledge.
	if p.Status == Cancelled {
		c.cancelled++
		return
	}
	c.pledges++
	switch {
	case p.Value == nil && p.Amount == nil:
		c.inKind++
		f.inKind++
	case p.Value == nil:
		c.unconverted = addMoney(c.unconverted, *p.Amount, p.Currency)
	default:
		c.pledged = c.pledged.Add(*p.Value)
		if dv != nil {
			c.delivered = c.delivered.Add(*dv)
		}
	}
	mk := monthOf(p.AnnouncedOn)
	m := f.months[mk]
	if m == nil {
		m = &TimelineRow{}
		f.months[mk] = m
	}
	m.Pledges++
	if p.Value != nil {
		m.Pledged = m.Pledged.Add(*p.Value)
	}
	for _, d := range ds {
		if v := f.basis.deliveryValue(whole, d); v != nil {
			dm := monthOf(d.DeliveredOn)
			f.delivered[dm] = f.delivered[dm].Add(*v)
		}
	}
}

// monthOf numbers the month of d.
func monthOf(d Date) int { return d.Year()*12 + int(d.Time().Month()) - 1 }

func monthName(k int) string { return fmt.Sprintf("%04d-%02d", k/12, k%12+1) }

// TotalsBy adds the figures up per key of donor and capability area, as
// TotalsBy adds up the pledges; name gives each key its display name.
func (f *Figures) TotalsBy(key func(donor string, c Category) string, name func(string) string) TotalsReport {
	rows := map[string]*Totals{}
	for k, c := range f.cells {
		rk := key(k.donor, k.category)
		t := rows[rk]
		if t == nil {
			t = &Totals{Key: rk, Name: name(rk), Unconverted: []Money{}}
			rows[rk] = t
		}
		t.merge(Totals{Pledges: c.pledges, Cancelled: c.cancelled, InKind: c.inKind, Pledged: c.pledged, Delivered: c.delivered,
			Outstanding: c.pledged.Sub(c.delivered), Unconverted: c.unconverted})
	}
	return totalsReport(f.basis, rows)
}

// Timeline is the monthly timeline of the pledges and deliveries, as
// Timeline makes it.
func (f *Figures) Timeline() TimelineReport {
	r := TimelineReport{Currency: f.basis, Unconverted: []Money{}, InKind: f.inKind}
	months := map[string]*TimelineRow{}
	for k, m := range f.months {
		row := *m
		row.Month = monthName(k)
		months[row.Month] = &row
	}
	for k, v := range f.delivered {
		name := monthName(k)
		if months[name] == nil {
			months[name] = &TimelineRow{Month: name}
		}
		months[name].Delivered = v
	}
	// What the timeline leaves out is what the totals leave out: the
	// amounts of pledges that are not cancelled and have no value.
	for _, c := range f.cells {
		for _, m := range c.unconverted {
			r.Unconverted = addMoney(r.Unconverted, m.Amount, m.Currency)
		}
	}
	r.Rows = fillMonths(months)
	return r
}
