package pledgebook

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// TestSum checks the figures' fast exact sum against decimal.Decimal.Add
// on random values: small and huge coefficients, every sign, exponents
// from -12 to 12, and totals that overflow an int64.
func TestSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for run := range 500 {
		var s sum
		var want decimal.Decimal
		var values []string
		for range rng.IntN(60) {
			var c int64
			switch rng.IntN(4) {
			case 0:
				c = rng.Int64N(1000)
			case 1:
				c = rng.Int64N(1_000_000_000_000)
			case 2:
				c = rng.Int64() // near the limit: sums overflow
			default:
				c = -rng.Int64N(1_000_000)
			}
			d := decimal.New(c, int32(rng.IntN(25)-12))
			if rng.IntN(10) == 0 {
				d = d.Mul(decimal.New(rng.Int64(), 0)) // beyond an int64
			}
			values = append(values, d.String())
			s.add(d)
			want = want.Add(d)
		}
		if got := s.value(); !got.Equal(want) {
			t.Fatalf("run %d: sum of %v = %s, want %s", run, values, got, want)
		}
	}
}

// TestFiguresMerge checks that figures added up in parts and merged equal
// the figures added up at once, as the store adds them up in parts.
func TestFiguresMerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	statuses := []Status{Announced, Committed, Delivering, Delivered, Cancelled}
	var ps []PledgeFigure
	var dss [][]*Delivery
	for i := range 400 {
		p := PledgeFigure{Donor: []string{"GB", "DE", "PL"}[rng.IntN(3)], Category: Categories[rng.IntN(4)].Code,
			Status: statuses[rng.IntN(len(statuses))], AnnouncedOn: MustDate("2024-01-01").AddDays(rng.IntN(700)), Quantity: ptrTo(int64(1 + rng.IntN(9)))}
		switch rng.IntN(3) {
		case 0:
			p.Value = ptrTo(decimal.New(rng.Int64N(1e9), -int32(rng.IntN(3))))
		case 1:
			p.Amount, p.Currency = ptrTo(decimal.New(rng.Int64N(1e6), 0)), []string{"UAH", "XYZ"}[rng.IntN(2)]
		}
		var ds []*Delivery
		if i%5 == 0 && p.Status != Cancelled {
			ds = append(ds, &Delivery{DeliveredOn: p.AnnouncedOn.AddDays(30), Quantity: ptrTo(int64(1))})
		}
		ps, dss = append(ps, p), append(dss, ds)
	}
	whole, a, b := NewFigures(EUR), NewFigures(EUR), NewFigures(EUR)
	for i, p := range ps {
		whole.Add(p, dss[i])
		if i%3 == 0 {
			a.Add(p, dss[i])
		} else {
			b.Add(p, dss[i])
		}
	}
	a.Merge(b)
	donor := func(d string, c Category) string { return d + "/" + string(c) }
	name := func(k string) string { return k }
	if got, want := fmt.Sprint(a.TotalsBy(donor, name)), fmt.Sprint(whole.TotalsBy(donor, name)); got != want {
		t.Errorf("merged totals differ\ngot  %s\nwant %s", got, want)
	}
	if got, want := fmt.Sprint(a.Timeline()), fmt.Sprint(whole.Timeline()); got != want {
		t.Errorf("merged timeline differs\ngot  %s\nwant %s", got, want)
	}
}

func ptrTo[T any](v T) *T { return &v }
