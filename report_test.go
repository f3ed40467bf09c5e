package pledgebook

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestTotalsBy(t *testing.T) {
	var pledges []*Pledge
	// Ten GB pledges of 0.1 each: float64 would add them up to
	// 0.9999999999999999, decimals to exactly 1.
	for range 10 {
		pledges = append(pledges, &Pledge{Donor: "GB", Status: Announced, Amount: dec("0.09"), Currency: "GBP",
			AmountEUR: dec("0.1"), AmountUSD: dec("0.11")})
	}
	pledges = append(pledges,
		// In kind: counted, not valued.
		&Pledge{Donor: "GB", Status: Announced, Quantity: qty(5)},
		// Cancelled: counted apart and never in the figures.
		&Pledge{Donor: "GB", Status: Cancelled, Amount: dec("1000"), Currency: "GBP", AmountEUR: dec("1200"), AmountUSD: dec("1300")},
		// No rate: listed per currency, summed exactly, never added in.
		&Pledge{Donor: "PL", Status: Announced, Amount: dec("100.1"), Currency: "PLN"},
		&Pledge{Donor: "PL", Status: Committed, Amount: dec("0.2"), Currency: "PLN"},
		&Pledge{Donor: "PL", Status: Announced, Amount: dec("3"), Currency: "UAH", Quantity: qty(1)},
		// Valued in EUR but not in USD, with a delivery.
		&Pledge{Donor: "PL", Status: Delivering, Amount: dec("0.3"), Currency: "EUR", AmountEUR: dec("0.3"),
			DeliveredEUR: dec("0.1")},
		// Delivered, in both currencies.
		&Pledge{Donor: "DE", Status: Delivered, Amount: dec("0.7"), Currency: "EUR", AmountEUR: dec("0.7"), AmountUSD: dec("0.77"),
			DeliveredEUR: dec("0.7"), DeliveredUSD: dec("0.77")},
	)
	var f float64
	for range 10 {
		f += 0.1
	}
	if f == 1 {
		t.Fatalf("float64 adds ten times 0.1 up to 1 exactly; this test no longer shows why decimals are needed")
	}

	type row struct {
		key                             string
		pledges, cancelled, inKind      int
		pledged, delivered, outstanding string
		unconverted                     string
	}
	tests := []struct {
		name  string
		basis Basis
		rows  []row // in the expected order
		total row
	}{
		{"EUR", EUR, []row{
			{"GB", 11, 1, 1, "1", "0", "1", "[]"},
			{"DE", 1, 0, 0, "0.7", "0.7", "0", "[]"},
			{"PL", 4, 0, 0, "0.3", "0.1", "0.2", "[PLN 100.3, UAH 3]"},
		}, row{"total", 16, 1, 1, "2", "0.8", "1.2", "[PLN 100.3, UAH 3]"}},
		{"USD uses the USD values", USD, []row{
			{"GB", 11, 1, 1, "1.1", "0", "1.1", "[]"},
			{"DE", 1, 0, 0, "0.77", "0.77", "0", "[]"},
			{"PL", 4, 0, 0, "0", "0", "0", "[EUR 0.3, PLN 100.3, UAH 3]"},
		}, row{"total", 16, 1, 1, "1.87", "0.77", "1.1", "[EUR 0.3, PLN 100.3, UAH 3]"}},
	}
	check := func(t *testing.T, got Totals, want row) {
		t.Helper()
		g := row{got.Key, got.Pledges, got.Cancelled, got.InKind,
			got.Pledged.String(), got.Delivered.String(), got.Outstanding.String(), moneyList(got.Unconverted)}
		if g != want {
			t.Errorf("row %s:\n got %+v\nwant %+v", want.key, g, want)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := TotalsBy(pledges, tt.basis, func(p *Pledge) string { return p.Donor }, strings.ToLower)
			if r.Currency != tt.basis {
				t.Errorf("Currency = %q, want %q", r.Currency, tt.basis)
			}
			if len(r.Rows) != len(tt.rows) {
				t.Fatalf("got %d rows, want %d: %+v", len(r.Rows), len(tt.rows), r.Rows)
			}
			for i, want := range tt.rows {
				check(t, r.Rows[i], want)
				if r.Rows[i].Name != strings.ToLower(want.key) {
					t.Errorf("row %d: Name = %q, want %q", i, r.Rows[i].Name, strings.ToLower(want.key))
				}
			}
			check(t, r.Total, tt.total)
		})
	}
	t.Run("no pledges", func(t *testing.T) {
		r := TotalsBy(nil, EUR, func(p *Pledge) string { return p.Donor }, strings.ToLower)
		if r.Rows == nil || len(r.Rows) != 0 || r.Total.Unconverted == nil || !r.Total.Pledged.IsZero() || r.Total.Pledges != 0 {
			t.Errorf("TotalsBy(nil) = %+v, want empty, non-nil rows and a zero total", r)
		}
	})
	t.Run("ties go to more pledges, then key", func(t *testing.T) {
		ps := []*Pledge{
			{Donor: "NL", Status: Announced, Quantity: qty(1)},
			{Donor: "DK", Status: Announced, Quantity: qty(1)},
			{Donor: "SE", Status: Announced, Quantity: qty(1)},
			{Donor: "SE", Status: Announced, Quantity: qty(2)},
		}
		r := TotalsBy(ps, EUR, func(p *Pledge) string { return p.Donor }, strings.ToLower)
		var keys []string
		for _, row := range r.Rows {
			keys = append(keys, row.Key)
		}
		if got, want := strings.Join(keys, " "), "SE DK NL"; got != want {
			t.Errorf("row order = %s, want %s", got, want)
		}
	})
}

func TestCoverage(t *testing.T) {
	reqs := []*Requirement{
		{ID: 1, Category: AirDefence, Item: "IRIS-T launchers", Quantity: qty(10), AmountEUR: dec("1000"), AmountUSD: dec("1100"), Priority: 1},
		{ID: 2, Category: Drones, Item: "FPV drones", AmountEUR: dec("500"), AmountUSD: dec("550"), Priority: 2},
		{ID: 3, Category: AirDefence, Item: "Gepard ammunition", Quantity: qty(100), Priority: 1},
		{ID: 4, Category: Drones, Item: "interceptor drones", Quantity: qty(4), AmountEUR: dec("400"), AmountUSD: dec("440"), Priority: 3},
	}
	pledges := []*Pledge{
		{ID: 11, Requirement: qty(1), Category: AirDefence, Status: Delivering, Quantity: qty(4),
			AmountEUR: dec("400"), AmountUSD: dec("440"), DeliveredQuantity: 2, DeliveredEUR: dec("200"), DeliveredUSD: dec("220")},
		{ID: 12, Requirement: qty(1), Category: AirDefence, Status: Announced, Quantity: qty(3), Amount: dec("10"), Currency: "PLN"},
		{ID: 13, Requirement: qty(1), Category: AirDefence, Status: Cancelled, Quantity: qty(3), AmountEUR: dec("300"), AmountUSD: dec("330")},
		{ID: 14, Requirement: qty(2), Category: Drones, Status: Committed, AmountEUR: dec("125.5"), AmountUSD: dec("138.05")},
		{ID: 15, Requirement: qty(4), Category: Drones, Status: Delivered, Quantity: qty(6),
			AmountEUR: dec("600"), AmountUSD: dec("660"), DeliveredQuantity: 6, DeliveredEUR: dec("600"), DeliveredUSD: dec("660")},
		{ID: 16, Category: AirDefence, Status: Announced, AmountEUR: dec("250"), AmountUSD: dec("275")},
		{ID: 17, Requirement: qty(99), Category: Drones, Status: Announced, AmountEUR: dec("50"), AmountUSD: dec("55")},
		{ID: 18, Category: Training, Status: Announced, AmountEUR: dec("70"), AmountUSD: dec("77")},
		{ID: 19, Category: Training, Status: Cancelled, AmountEUR: dec("1000"), AmountUSD: dec("1100")},
		{ID: 20, Category: Training, Status: Announced, Quantity: qty(100)},
	}

	type row struct {
		req                        int64
		pledges, unvalued          int
		pledged, delivered         int64
		gap                        string // "<nil>" when the requirement has no quantity
		pledgedV, deliveredV, gapV string
		covered                    string
	}
	type area struct {
		cat                               Category
		reqs, covered, partial, uncovered int
		requiredV, pledgedV, deliveredV   string
		gapV, other                       string
	}
	tests := []struct {
		name  string
		basis Basis
		rows  []row  // most urgent, least covered first
		areas []area // largest value gap first
	}{
		{"EUR", EUR, []row{
			{3, 0, 0, 0, 0, "100", "0", "0", "<nil>", "0"},
			{1, 2, 1, 7, 2, "3", "400", "200", "300", "0.7"},
			{2, 1, 0, 0, 0, "<nil>", "125.5", "0", "374.5", "0.251"},
			{4, 1, 0, 6, 6, "0", "600", "600", "0", "1"},
		}, []area{
			{Drones, 2, 1, 1, 0, "900", "725.5", "600", "374.5", "50"},
			{AirDefence, 2, 0, 1, 1, "1000", "400", "200", "300", "250"},
			{Training, 0, 0, 0, 0, "0", "0", "0", "0", "70"},
		}},
		{"USD", USD, []row{
			{3, 0, 0, 0, 0, "100", "0", "0", "<nil>", "0"},
			{1, 2, 1, 7, 2, "3", "440", "220", "330", "0.7"},
			{2, 1, 0, 0, 0, "<nil>", "138.05", "0", "411.95", "0.251"},
			{4, 1, 0, 6, 6, "0", "660", "660", "0", "1"},
		}, []area{
			{Drones, 2, 1, 1, 0, "990", "798.05", "660", "411.95", "55"},
			{AirDefence, 2, 0, 1, 1, "1100", "440", "220", "330", "275"},
			{Training, 0, 0, 0, 0, "0", "0", "0", "0", "77"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Coverage(reqs, pledges, tt.basis)
			if r.Currency != tt.basis {
				t.Errorf("Currency = %q, want %q", r.Currency, tt.basis)
			}
			if len(r.Requirements) != len(tt.rows) {
				t.Fatalf("got %d rows, want %d", len(r.Requirements), len(tt.rows))
			}
			for i, want := range tt.rows {
				g := r.Requirements[i]
				gap := "<nil>"
				if g.Gap != nil {
					gap = fmt.Sprint(*g.Gap)
				}
				got := row{g.Requirement, g.Pledges, g.UnvaluedPledges, g.Pledged, g.Delivered, gap,
					g.PledgedValue.String(), g.DeliveredValue.String(), decString(g.GapValue), g.Covered.String()}
				if got != want {
					t.Errorf("row %d:\n got %+v\nwant %+v", i, got, want)
				}
			}
			if len(r.Areas) != len(tt.areas) {
				t.Fatalf("got %d areas, want %d: %+v", len(r.Areas), len(tt.areas), r.Areas)
			}
			for i, want := range tt.areas {
				a := r.Areas[i]
				got := area{a.Category, a.Requirements, a.Covered, a.Partial, a.Uncovered,
					a.RequiredValue.String(), a.PledgedValue.String(), a.DeliveredValue.String(), a.GapValue.String(), a.OtherPledged.String()}
				if got != want {
					t.Errorf("area %d:\n got %+v\nwant %+v", i, got, want)
				}
			}
		})
	}
	t.Run("value gap follows the quantities, not the rounded share", func(t *testing.T) {
		tests := []struct {
			name              string
			required, pledged int64
			value             string
			wantCovered       string
			wantGapValue      string
		}{
			{"a third pledged", 3, 1, "1000", "0.3333", "666.67"},
			{"nearly all pledged", 10000, 9999, "5000000000", "0.9999", "500000"},
			{"over-pledged", 3, 4, "1000", "1", "0"},
			{"nothing pledged", 3, 0, "1000", "0", "1000"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req := &Requirement{ID: 1, Category: Artillery, Item: "howitzers", Quantity: qty(tt.required), AmountEUR: dec(tt.value), Priority: 1}
				var ps []*Pledge
				if tt.pledged > 0 {
					ps = append(ps, &Pledge{Requirement: qty(1), Category: Artillery, Status: Announced, Quantity: qty(tt.pledged)})
				}
				g := Coverage([]*Requirement{req}, ps, EUR).Requirements[0]
				if g.Covered.String() != tt.wantCovered || decString(g.GapValue) != tt.wantGapValue {
					t.Errorf("%d of %d worth %s pledged: Covered %s, GapValue %s; want %s, %s",
						tt.pledged, tt.required, tt.value, g.Covered, decString(g.GapValue), tt.wantCovered, tt.wantGapValue)
				}
			})
		}
	})
	t.Run("requirement fields are carried over", func(t *testing.T) {
		r := Coverage([]*Requirement{{ID: 5, Category: Demining, Item: "demining machines", Unit: "machines",
			Quantity: qty(2), Priority: 4, NeededBy: MustDate("2026-03-01"), Illustrative: true}}, nil, EUR)
		g := r.Requirements[0]
		if g.Item != "demining machines" || g.Unit != "machines" || g.Priority != 4 || g.NeededBy.String() != "2026-03-01" ||
			!g.Illustrative || g.Required == nil || *g.Required != 2 || g.RequiredValue != nil || g.GapValue != nil {
			t.Errorf("Coverage row = %+v, want the requirement's own fields", g)
		}
	})
}

func TestTimeline(t *testing.T) {
	pledges := []*Pledge{
		{ID: 1, Status: Delivering, AnnouncedOn: MustDate("2025-01-15"), Quantity: qty(3), AmountEUR: dec("100"), AmountUSD: dec("110")},
		{ID: 2, Status: Announced, AnnouncedOn: MustDate("2025-01-31"), Amount: dec("0.1"), Currency: "EUR", AmountEUR: dec("0.1"), AmountUSD: dec("0.11")},
		{ID: 3, Status: Announced, AnnouncedOn: MustDate("2025-04-02"), Amount: dec("50.5"), Currency: "PLN"},
		{ID: 4, Status: Announced, AnnouncedOn: MustDate("2025-04-03"), Quantity: qty(5)},
		{ID: 5, Status: Cancelled, AnnouncedOn: MustDate("2024-10-10"), AmountEUR: dec("999"), AmountUSD: dec("999")},
		{ID: 6, Status: Announced, AnnouncedOn: MustDate("2025-04-30"), Amount: dec("0.5"), Currency: "PLN"},
	}
	deliveries := []*Delivery{
		{Pledge: 1, DeliveredOn: MustDate("2025-03-05"), Quantity: qty(1)},                                                   // pro rata: 33.33
		{Pledge: 1, DeliveredOn: MustDate("2025-05-01"), Quantity: qty(1), AmountEUR: dec("12.34"), AmountUSD: dec("13.57")}, // its own value
		{Pledge: 5, DeliveredOn: MustDate("2025-08-01"), AmountEUR: dec("999"), AmountUSD: dec("999")},                       // cancelled pledge
		{Pledge: 42, DeliveredOn: MustDate("2025-09-01"), AmountEUR: dec("1"), AmountUSD: dec("1")},                          // unknown pledge
		{Pledge: 4, DeliveredOn: MustDate("2025-05-20"), Quantity: qty(2)},                                                   // in kind: no value
	}
	type row struct {
		month                          string
		pledges                        int
		pledged, cumulative            string
		delivered, cumulativeDelivered string
	}
	tests := []struct {
		name        string
		basis       Basis
		rows        []row
		unconverted string
	}{
		{"EUR", EUR, []row{
			{"2025-01", 2, "100.1", "100.1", "0", "0"},
			{"2025-02", 0, "0", "100.1", "0", "0"},
			{"2025-03", 0, "0", "100.1", "33.33", "33.33"},
			{"2025-04", 3, "0", "100.1", "0", "33.33"},
			{"2025-05", 0, "0", "100.1", "12.34", "45.67"},
		}, "[PLN 51]"},
		{"USD", USD, []row{
			{"2025-01", 2, "110.11", "110.11", "0", "0"},
			{"2025-02", 0, "0", "110.11", "0", "0"},
			{"2025-03", 0, "0", "110.11", "36.67", "36.67"},
			{"2025-04", 3, "0", "110.11", "0", "36.67"},
			{"2025-05", 0, "0", "110.11", "13.57", "50.24"},
		}, "[PLN 51]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Timeline(pledges, deliveries, tt.basis)
			if r.Currency != tt.basis {
				t.Errorf("Currency = %q, want %q", r.Currency, tt.basis)
			}
			if got := moneyList(r.Unconverted); got != tt.unconverted {
				t.Errorf("Unconverted = %s, want %s", got, tt.unconverted)
			}
			if r.InKind != 1 {
				t.Errorf("InKind = %d, want 1", r.InKind)
			}
			if len(r.Rows) != len(tt.rows) {
				t.Fatalf("got %d rows, want %d: %+v", len(r.Rows), len(tt.rows), r.Rows)
			}
			for i, want := range tt.rows {
				g := r.Rows[i]
				got := row{g.Month, g.Pledges, g.Pledged.String(), g.Cumulative.String(), g.Delivered.String(), g.CumulativeDelivered.String()}
				if got != want {
					t.Errorf("row %d:\n got %+v\nwant %+v", i, got, want)
				}
			}
		})
	}
	t.Run("across a year end", func(t *testing.T) {
		r := Timeline([]*Pledge{
			{ID: 1, Status: Announced, AnnouncedOn: MustDate("2024-11-30"), AmountEUR: dec("1")},
			{ID: 2, Status: Announced, AnnouncedOn: MustDate("2025-02-01"), AmountEUR: dec("2")},
		}, nil, EUR)
		var months []string
		for _, row := range r.Rows {
			months = append(months, row.Month+"="+row.Cumulative.String())
		}
		if got, want := strings.Join(months, " "), "2024-11=1 2024-12=1 2025-01=1 2025-02=3"; got != want {
			t.Errorf("months = %s, want %s", got, want)
		}
	})
	t.Run("nothing to show", func(t *testing.T) {
		r := Timeline(nil, nil, EUR)
		if r.Rows == nil || len(r.Rows) != 0 || r.Unconverted == nil || len(r.Unconverted) != 0 || r.InKind != 0 {
			t.Errorf("Timeline(nil, nil) = %+v, want empty, non-nil rows and unconverted", r)
		}
	})
	t.Run("only cancelled pledges", func(t *testing.T) {
		r := Timeline([]*Pledge{{ID: 1, Status: Cancelled, AnnouncedOn: MustDate("2025-01-01"), AmountEUR: dec("1")}},
			[]*Delivery{{Pledge: 1, DeliveredOn: MustDate("2025-02-01"), AmountEUR: dec("1")}}, EUR)
		if len(r.Rows) != 0 {
			t.Errorf("Timeline of a cancelled pledge has rows %+v, want none", r.Rows)
		}
	})
}

// The exact sums must not depend on decimal's representation: 0.1 + 0.2
// is 0.3, not 0.30000000000000004.
func TestTotalsExactSum(t *testing.T) {
	var ps []*Pledge
	tests := []struct {
		name  string
		value string
		n     int
		want  string
	}{
		{"tenths", "0.1", 1000, "100"},
		{"cents", "0.01", 3333, "33.33"},
		{"four places", "0.0003", 7, "0.0021"},
		{"large and small", "123456789012.3456", 3, "370370367037.0368"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps = ps[:0]
			for range tt.n {
				ps = append(ps, &Pledge{Donor: "GB", Status: Announced, Amount: dec(tt.value), Currency: "EUR", AmountEUR: dec(tt.value)})
			}
			r := TotalsBy(ps, EUR, func(*Pledge) string { return "all" }, func(string) string { return "All" })
			if want := decimal.RequireFromString(tt.want); !r.Total.Pledged.Equal(want) {
				t.Errorf("%d × %s: Pledged = %s, want %s", tt.n, tt.value, r.Total.Pledged, tt.want)
			}
		})
	}
}

// TestCoverageMoneyAgainstQuantity: a requirement stated by quantity and
// value, answered by money only, is measured by value, so the money counts.
func TestCoverageMoneyAgainstQuantity(t *testing.T) {
	req := &Requirement{ID: 1, Category: Training, Item: "recruits trained", Quantity: qty(10000), Amount: dec("300000000"),
		Currency: "EUR", AmountEUR: dec("300000000"), Priority: 2}
	one := int64(1)
	pledges := []*Pledge{{ID: 1, Donor: "GB", Category: Training, Item: "training", Amount: dec("240000000"), Currency: "EUR",
		AmountEUR: dec("240000000"), Status: Announced, Requirement: &one}}
	row := Coverage([]*Requirement{req}, pledges, EUR).Requirements[0]
	if !row.Covered.Equal(decimal.RequireFromString("0.8")) || row.Measure != "value" || decString(row.GapValue) != "60000000" || row.Gap == nil || *row.Gap != 10000 {
		t.Errorf("money-only coverage of a quantity requirement: covered %s, gap value %s, gap %v; want 0.8, 60000000, 10000 units still unpledged",
			row.Covered, decString(row.GapValue), row.Gap)
	}
	// A pledge with a quantity switches the measure back to quantity.
	pledges = append(pledges, &Pledge{ID: 2, Donor: "DE", Category: Training, Item: "recruits", Quantity: qty(2500), Status: Announced, Requirement: &one})
	row = Coverage([]*Requirement{req}, pledges, EUR).Requirements[0]
	if !row.Covered.Equal(decimal.RequireFromString("0.25")) || row.Measure != "quantity" || decString(row.GapValue) != "225000000" {
		t.Errorf("mixed coverage: covered %s, gap value %s; want 0.25 by quantity, 225000000", row.Covered, decString(row.GapValue))
	}
}

// TestTimelineDeliveredWhole: a pledge recorded delivered counts its whole
// value as delivered (Tally), so the timeline puts what its deliveries do
// not state on the date it was recorded delivered, and the delivered line
// ends where the totals do.
func TestTimelineDeliveredWhole(t *testing.T) {
	history := func(on string) []StatusChange {
		return []StatusChange{{To: Announced, On: MustDate("2025-01-10")}, {From: Announced, To: Delivered, On: MustDate(on)}}
	}
	pledges := []*Pledge{
		// No delivery recorded: all 100 on the day it was recorded delivered.
		{ID: 1, Status: Delivered, AnnouncedOn: MustDate("2025-01-10"), AmountEUR: dec("100"), History: history("2025-06-20")},
		// One delivery worth 30: 30 on its date, the other 70 on the status date.
		{ID: 2, Status: Delivered, AnnouncedOn: MustDate("2025-01-10"), AmountEUR: dec("100"), History: history("2025-08-02")},
	}
	deliveries := []*Delivery{{Pledge: 2, DeliveredOn: MustDate("2025-03-03"), AmountEUR: dec("30")}}
	var ds2 []*Delivery
	for _, p := range pledges {
		ds2 = ds2[:0]
		for _, d := range deliveries {
			if d.Pledge == p.ID {
				ds2 = append(ds2, d)
			}
		}
		p.Tally(ds2)
	}
	tl := Timeline(pledges, deliveries, EUR)
	got := map[string]string{}
	for _, r := range tl.Rows {
		if !r.Delivered.IsZero() {
			got[r.Month] = r.Delivered.String()
		}
	}
	want := map[string]string{"2025-03": "30", "2025-06": "100", "2025-08": "70"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("delivered by month %v, want %v", got, want)
	}
	totals := TotalsBy(pledges, EUR, func(*Pledge) string { return "all" }, func(string) string { return "" })
	if last := tl.Rows[len(tl.Rows)-1].CumulativeDelivered; !last.Equal(totals.Total.Delivered) {
		t.Errorf("timeline ends at %s delivered, totals say %s", last, totals.Total.Delivered)
	}
}
