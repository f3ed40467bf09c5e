package pledgebook

import (
	"fmt"
	"math"

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
	basis  Basis
	cells  map[figureKey]*cell
	months map[int]*month // by month announced or delivered (see monthOf)
	inKind int
}

type figureKey struct {
	donor    string
	category Category
}

// cell is Totals without Outstanding, which is Pledged less Delivered:
// adding that up pledge by pledge would cost two more additions each.
type cell struct {
	pledges, cancelled, inKind int
	pledged, delivered         sum
	unconverted                []Money
}

// month is a month of the timeline: the pledges announced in it, what
// they are worth, and the value delivered in it.
type month struct {
	pledges            int
	pledged, delivered sum
	deliveries         bool // whether a delivery with a value arrived in it
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
	// DeliveredOn is the date a delivered pledge was recorded delivered
	// (Pledge.DeliveredOn); zero for any other.
	DeliveredOn Date
}

// NewFigures returns empty figures in report currency b.
func NewFigures(b Basis) *Figures {
	return &Figures{basis: b, cells: map[figureKey]*cell{}, months: map[int]*month{}}
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
		whole = &Pledge{Status: p.Status, Quantity: p.Quantity, AnnouncedOn: p.AnnouncedOn}
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
		c.pledged.add(*p.Value)
		if dv != nil {
			c.delivered.add(*dv)
		}
	}
	m := f.month(p.AnnouncedOn)
	m.pledges++
	if p.Value != nil {
		m.pledged.add(*p.Value)
	}
	if whole != nil {
		f.basis.spreadDelivered(whole, dv, ds, p.DeliveredOn, func(on Date, v decimal.Decimal) {
			m := f.month(on)
			m.delivered.add(v)
			m.deliveries = true
		})
	}
}

func (f *Figures) month(d Date) *month {
	k := monthOf(d)
	m := f.months[k]
	if m == nil {
		m = &month{}
		f.months[k] = m
	}
	return m
}

// Merge adds the figures g, in the same report currency, to f: figures
// of two sets of pledges merge into the figures of both.
func (f *Figures) Merge(g *Figures) {
	for k, gc := range g.cells {
		c := f.cells[k]
		if c == nil {
			c = &cell{}
			f.cells[k] = c
		}
		c.pledges += gc.pledges
		c.cancelled += gc.cancelled
		c.inKind += gc.inKind
		c.pledged.add(gc.pledged.value())
		c.delivered.add(gc.delivered.value())
		for _, m := range gc.unconverted {
			c.unconverted = addMoney(c.unconverted, m.Amount, m.Currency)
		}
	}
	for k, gm := range g.months {
		m := f.months[k]
		if m == nil {
			m = &month{}
			f.months[k] = m
		}
		m.pledges += gm.pledges
		m.pledged.add(gm.pledged.value())
		m.delivered.add(gm.delivered.value())
		m.deliveries = m.deliveries || gm.deliveries
	}
	f.inKind += g.inKind
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
		pledged, delivered := c.pledged.value(), c.delivered.value()
		t.merge(Totals{Pledges: c.pledges, Cancelled: c.cancelled, InKind: c.inKind, Pledged: pledged, Delivered: delivered,
			Outstanding: pledged.Sub(delivered), Unconverted: c.unconverted})
	}
	return totalsReport(f.basis, rows)
}

// Timeline is the monthly timeline of the pledges and deliveries, as
// Timeline makes it.
func (f *Figures) Timeline() TimelineReport {
	r := TimelineReport{Currency: f.basis, Unconverted: []Money{}, InKind: f.inKind}
	months := map[string]*TimelineRow{}
	for k, m := range f.months {
		// Timeline has a row for a month with a pledge that counts or a
		// delivery with a value; so do the figures.
		if m.pledges > 0 || m.deliveries {
			name := monthName(k)
			months[name] = &TimelineRow{Month: name, Pledges: m.pledges, Pledged: m.pledged.value(), Delivered: m.delivered.value()}
		}
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

// sum adds decimals up exactly and fast: coefficients that fit in an
// int64, at the smallest exponent seen, are added as integers while the
// total fits; anything else goes into a decimal.Decimal. The figures add
// up one or two values per pledge, and decimal.Decimal.Add allocates on
// every call.
type sum struct {
	n    int64 // the total of the values added as integers, times 10^-exp
	exp  int32
	used bool // whether n and exp hold anything
	rest decimal.Decimal
}

// pow10 are the powers of ten that fit in an int64.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// scale returns c × 10^k and whether it fits in an int64.
func scale(c int64, k int32) (int64, bool) {
	if k == 0 || c == 0 {
		return c, true
	}
	if k < 0 || int(k) >= len(pow10) {
		return 0, false
	}
	m := pow10[k]
	if c > math.MaxInt64/m || c < math.MinInt64/m {
		return 0, false
	}
	return c * m, true
}

func (s *sum) add(d decimal.Decimal) {
	if d.NumDigits() <= 18 {
		c, e := d.CoefficientInt64(), d.Exponent()
		if !s.used {
			s.n, s.exp, s.used = 0, e, true
		}
		if e < s.exp {
			// Bring the total down to the new, smaller exponent.
			if n, ok := scale(s.n, s.exp-e); ok {
				s.n, s.exp = n, e
			}
		}
		if c, ok := scale(c, e-s.exp); ok {
			if t := s.n + c; (c >= 0 && t >= s.n) || (c < 0 && t < s.n) {
				s.n = t
				return
			}
		}
	}
	s.rest = s.rest.Add(d)
}

// value is the total.
func (s *sum) value() decimal.Decimal {
	if !s.used {
		return s.rest
	}
	return s.rest.Add(decimal.New(s.n, s.exp))
}
