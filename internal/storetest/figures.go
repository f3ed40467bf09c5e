package storetest

import (
	"fmt"
	"strings"
	"testing"

	"pledgebook"
)

// testFigures checks PledgeFigures against the report functions over the
// full reads: on random ledgers of mixed visibility, with amounts that
// have no exchange rate, fractions of a cent after conversion, a pledge
// moved to delivered by hand and deliveries valued by share, every viewer
// must get from the figures exactly the totals per donor, per capability
// area, per both, and the timeline that TotalsBy and Timeline make of
// FindPledges and FindDeliveries, in EUR and USD, with and without dates.
func testFigures(t *testing.T, open Opener) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			s := open(t)
			NewWorld(seed).Load(t, s, All)
			figureExtras(t, s)
			from, to := pledgebook.MustDate("2025-03-01"), pledgebook.MustDate("2025-06-30")
			queries := []struct {
				name string
				q    pledgebook.ReportQuery
			}{
				{"EUR", pledgebook.ReportQuery{Basis: pledgebook.EUR}},
				{"USD", pledgebook.ReportQuery{Basis: pledgebook.USD}},
				{"EUR dated", pledgebook.ReportQuery{Basis: pledgebook.EUR, From: &from, To: &to}},
			}
			seen := map[string]bool{} // what each viewer got, to see that visibility matters
			for _, vw := range Viewers() {
				c := as(vw.Viewer)
				for _, qq := range queries {
					f, err := s.PledgeFigures(c, qq.q)
					if err != nil {
						t.Fatalf("%s, %s: PledgeFigures: %v", vw.Name, qq.name, err)
					}
					ps, _, err := s.FindPledges(c, pledgebook.PledgeFilter{From: qq.q.From, To: qq.q.To})
					if err != nil {
						t.Fatal(err)
					}
					ds, err := s.FindDeliveries(c, pledgebook.DeliveryFilter{})
					if err != nil {
						t.Fatal(err)
					}
					b := qq.q.Basis
					keys := []struct {
						name string
						fig  func(string, pledgebook.Category) string
						p    func(*pledgebook.Pledge) string
					}{
						{"donor", func(d string, _ pledgebook.Category) string { return d }, func(p *pledgebook.Pledge) string { return p.Donor }},
						{"category", func(_ string, c pledgebook.Category) string { return string(c) }, func(p *pledgebook.Pledge) string { return string(p.Category) }},
						{"cell", func(d string, c pledgebook.Category) string { return d + "/" + string(c) }, func(p *pledgebook.Pledge) string { return p.Donor + "/" + string(p.Category) }},
					}
					where := vw.Name + ", " + qq.name
					for _, k := range keys {
						got := describeTotals(f.TotalsBy(k.fig, strings.ToLower))
						want := describeTotals(pledgebook.TotalsBy(ps, b, k.p, strings.ToLower))
						if got != want {
							t.Errorf("%s, by %s: figures differ from TotalsBy\ngot:\n%s\nwant:\n%s", where, k.name, got, want)
						}
						seen[qq.name+k.name+want] = true
					}
					got, want := describeTimeline(f.Timeline()), describeTimeline(pledgebook.Timeline(ps, ds, b))
					if got != want {
						t.Errorf("%s: figures differ from Timeline\ngot:\n%s\nwant:\n%s", where, got, want)
					}
				}
			}
			if len(seen) < 2*3*len(queries) {
				t.Errorf("the viewers got only %d distinct tables: the ledger does not tell them apart", len(seen))
			}
		})
	}
}

// figureExtras adds to a random ledger the cases it lacks: an amount with
// no rate (UAH), amounts that convert to fractions, a pledge moved to
// delivered without deliveries a month after it was announced (so the
// timeline dates its value by the status move), one delivered by value in another
// currency, and a cancelled one with an amount.
func figureExtras(t *testing.T, s Store) {
	t.Helper()
	on := pledgebook.MustDate("2025-05-12")
	add := func(p pledgebook.Pledge) *pledgebook.Pledge {
		t.Helper()
		p.Category, p.AnnouncedOn = pledgebook.Drones, on
		if err := s.CreatePledge(ctx(), &p, pledgebook.CreatePledgeOptions{Force: true}); err != nil {
			t.Fatalf("CreatePledge %s: %v", p.Item, err)
		}
		return &p
	}
	add(pledgebook.Pledge{Donor: "PL", Item: "hryvnia grant", Amount: dec("1500000"), Currency: "UAH", Visibility: pledgebook.Restricted})
	add(pledgebook.Pledge{Donor: "GB", Item: "pound grant", Amount: dec("1234567.891"), Currency: "GBP"})
	p := add(pledgebook.Pledge{Donor: "DE", Item: "dollar drones", Quantity: ptr(int64(7)), Amount: dec("3333333.33"), Currency: "USD", Visibility: pledgebook.Confidential})
	if _, err := s.SetPledgeStatus(ctx(), p.ID, pledgebook.StatusMove{To: pledgebook.Delivered, On: on.AddDays(45)}); err != nil {
		t.Fatalf("SetPledgeStatus: %v", err)
	}
	q := add(pledgebook.Pledge{Donor: "FR", Item: "krone drones", Quantity: ptr(int64(9)), Amount: dec("1000000"), Currency: "NOK"})
	for _, d := range []pledgebook.Delivery{
		{Pledge: q.ID, DeliveredOn: on.AddDays(40), Quantity: ptr(int64(2))},
		{Pledge: q.ID, DeliveredOn: on.AddDays(80), Quantity: ptr(int64(3)), Amount: dec("250000"), Currency: "SEK", Visibility: pledgebook.Restricted},
	} {
		if err := s.CreateDelivery(ctx(), &d); err != nil {
			t.Fatalf("CreateDelivery: %v", err)
		}
	}
	c := add(pledgebook.Pledge{Donor: "GB", Item: "cancelled grant", Amount: dec("5000000"), Currency: "EUR"})
	if _, err := s.SetPledgeStatus(ctx(), c.ID, pledgebook.StatusMove{To: pledgebook.Cancelled, On: on.AddDays(5)}); err != nil {
		t.Fatalf("SetPledgeStatus: %v", err)
	}
}

// describeTotals writes a report as text, amounts normalised, so that
// equal figures read the same however their decimals are scaled.
func describeTotals(r pledgebook.TotalsReport) string {
	var b strings.Builder
	row := func(t pledgebook.Totals) {
		fmt.Fprintf(&b, "%s %q pledges=%d pledged=%s delivered=%s outstanding=%s cancelled=%d inkind=%d unconverted=%s\n",
			t.Key, t.Name, t.Pledges, t.Pledged.String(), t.Delivered.String(), t.Outstanding.String(), t.Cancelled, t.InKind, describeMoney(t.Unconverted))
	}
	fmt.Fprintf(&b, "currency %s\n", r.Currency)
	for _, t := range r.Rows {
		row(t)
	}
	row(r.Total)
	return b.String()
}

func describeTimeline(r pledgebook.TimelineReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "currency %s inkind=%d unconverted=%s\n", r.Currency, r.InKind, describeMoney(r.Unconverted))
	for _, m := range r.Rows {
		fmt.Fprintf(&b, "%s pledges=%d pledged=%s cumulative=%s delivered=%s cumdelivered=%s\n",
			m.Month, m.Pledges, m.Pledged.String(), m.Cumulative.String(), m.Delivered.String(), m.CumulativeDelivered.String())
	}
	return b.String()
}

func describeMoney(ms []pledgebook.Money) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, m.Currency+" "+m.Amount.String())
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
