package pledgebook

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestNormalizeItem(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"lower case", "IRIS-T SLM", "iris-t slm"},
		{"inner spaces folded", "Leopard   2A1\ttanks", "leopard 2a1 tank"},
		{"outer spaces trimmed", "  Gepard  ", "gepard"},
		{"plural s dropped", "Patriots", "patriot"},
		{"double s kept", "Gas masks and glass", "gas masks and glass"},
		{"short word kept", "bus", "bus"},
		{"four letters lose the s", "guns", "gun"},
		{"empty", "", ""},
		{"only spaces", "   ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeItem(tt.in); got != tt.want {
				t.Errorf("NormalizeItem(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPledgeWindow(t *testing.T) {
	tests := []struct {
		name             string
		announced        string
		periodFrom       string
		periodTo         string
		wantFrom, wantTo string
	}{
		{"no period: a year from the announcement", "2025-06-04", "", "", "2025-06-04", "2026-06-04"},
		{"whole period", "2025-06-04", "2025-01-01", "2027-12-31", "2025-01-01", "2027-12-31"},
		{"period start only: a year from it", "2025-06-04", "2026-01-01", "", "2026-01-01", "2027-01-01"},
		{"period end only: from the announcement", "2025-06-04", "", "2028-12-31", "2025-06-04", "2028-12-31"},
		{"leap day", "2024-02-29", "", "", "2024-02-29", "2025-03-01"},
	}
	date := func(s string) Date {
		if s == "" {
			return Date{}
		}
		return MustDate(s)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Pledge{AnnouncedOn: date(tt.announced), PeriodFrom: date(tt.periodFrom), PeriodTo: date(tt.periodTo)}
			from, to := p.Window()
			if from.String() != tt.wantFrom || to.String() != tt.wantTo {
				t.Errorf("Window() of announced %s, period %q–%q = %s–%s, want %s–%s",
					tt.announced, tt.periodFrom, tt.periodTo, from, to, tt.wantFrom, tt.wantTo)
			}
		})
	}
}

func TestPledgeLooksLike(t *testing.T) {
	// base is a pledge as the store keeps it: normalised and valid.
	base := func() *Pledge {
		return &Pledge{
			Donor: "DE", Recipient: "UA", Category: AirDefence, Item: "Gepard anti-aircraft guns",
			Quantity: qty(15), Unit: "guns", Amount: dec("200000000"), Currency: "EUR",
			Status: Announced, AnnouncedOn: MustDate("2025-02-12"), Visibility: Public,
		}
	}
	tests := []struct {
		name string
		p, q func(*Pledge) // changes to two copies of base
		want bool
	}{
		{"identical", nil, nil, true},
		{"same quantity, different amount",
			nil, func(q *Pledge) { q.Amount = dec("210000000") }, true},
		{"same quantity, one without amount",
			nil, func(q *Pledge) { q.Amount, q.Currency = nil, "" }, true},
		{"same amount and currency, different quantity",
			nil, func(q *Pledge) { q.Quantity = qty(20) }, true},
		{"same amount written differently",
			func(p *Pledge) { p.Quantity = nil }, func(q *Pledge) { q.Quantity, q.Amount = nil, dec("200000000.00") }, true},
		{"same amount, different currency",
			func(p *Pledge) { p.Quantity = nil }, func(q *Pledge) { q.Quantity, q.Currency = nil, "USD" }, false},
		{"different quantity and amount",
			nil, func(q *Pledge) { q.Quantity, q.Amount = qty(20), dec("300000000") }, false},
		{"different quantity, no amounts",
			func(p *Pledge) { p.Amount, p.Currency = nil, "" }, func(q *Pledge) { q.Amount, q.Currency, q.Quantity = nil, "", qty(16) }, false},
		{"quantity on one side, amount on the other",
			func(p *Pledge) { p.Amount, p.Currency = nil, "" }, func(q *Pledge) { q.Quantity = nil }, false},
		{"different item", nil, func(q *Pledge) { q.Item = "Leopard 1A5 tanks" }, false},
		{"different donor", nil, func(q *Pledge) { q.Donor = "NL" }, false},
		{"different category", nil, func(q *Pledge) { q.Category = Ammunition }, false},
		{"item differs in case, spacing and plural",
			nil, func(q *Pledge) { q.Item = "  gepard  ANTI-AIRCRAFT gun " }, true},
		{"announced within a year",
			nil, func(q *Pledge) { q.AnnouncedOn = MustDate("2025-10-01") }, true},
		{"announced exactly a year later",
			nil, func(q *Pledge) { q.AnnouncedOn = MustDate("2026-02-12") }, true},
		{"announced a year and a day later",
			nil, func(q *Pledge) { q.AnnouncedOn = MustDate("2026-02-13") }, false},
		{"announced a year and a day earlier",
			nil, func(q *Pledge) { q.AnnouncedOn = MustDate("2024-02-11") }, false},
		{"overlapping explicit periods",
			func(p *Pledge) { p.PeriodFrom, p.PeriodTo = MustDate("2025-01-01"), MustDate("2026-12-31") },
			func(q *Pledge) {
				q.AnnouncedOn = MustDate("2026-03-01")
				q.PeriodFrom, q.PeriodTo = MustDate("2026-01-01"), MustDate("2027-12-31")
			}, true},
		{"periods touching on one day",
			func(p *Pledge) { p.PeriodFrom, p.PeriodTo = MustDate("2025-01-01"), MustDate("2025-12-31") },
			func(q *Pledge) { q.PeriodFrom, q.PeriodTo = MustDate("2025-12-31"), MustDate("2026-12-31") }, true},
		{"disjoint explicit periods, announced the same day",
			func(p *Pledge) { p.PeriodFrom, p.PeriodTo = MustDate("2025-01-01"), MustDate("2025-12-31") },
			func(q *Pledge) { q.PeriodFrom, q.PeriodTo = MustDate("2026-01-01"), MustDate("2026-12-31") }, false},
		{"long period covers a later announcement",
			func(p *Pledge) { p.PeriodFrom, p.PeriodTo = MustDate("2025-01-01"), MustDate("2028-12-31") },
			func(q *Pledge) { q.AnnouncedOn = MustDate("2027-06-01") }, true},
		{"first one cancelled", func(p *Pledge) { p.Status = Cancelled }, nil, false},
		{"second one cancelled", nil, func(q *Pledge) { q.Status = Cancelled }, false},
		{"different statuses otherwise", nil, func(q *Pledge) { q.Status = Delivered }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, q := base(), base()
			if tt.p != nil {
				tt.p(p)
			}
			if tt.q != nil {
				tt.q(q)
			}
			if got := p.LooksLike(q); got != tt.want {
				t.Errorf("p.LooksLike(q) = %v, want %v\np = %s\nq = %s", got, tt.want, describe(p), describe(q))
			}
			// Being the same pledge counted twice is symmetric.
			if got := q.LooksLike(p); got != tt.want {
				t.Errorf("q.LooksLike(p) = %v, want %v\np = %s\nq = %s", got, tt.want, describe(p), describe(q))
			}
		})
	}
}

func describe(p *Pledge) string {
	q := "<nil>"
	if p.Quantity != nil {
		q = fmt.Sprint(*p.Quantity)
	}
	return fmt.Sprintf("{%s %s %q qty=%s amount=%s %s %s announced=%s period=%s–%s}",
		p.Donor, p.Category, p.Item, q, decString(p.Amount), p.Currency, p.Status, p.AnnouncedOn, p.PeriodFrom, p.PeriodTo)
}

func TestPledgeValidate(t *testing.T) {
	valid := func() *Pledge {
		return &Pledge{
			Donor: "GB", Recipient: "UA", Category: AirDefence, Item: "air defence missiles",
			Quantity: qty(5000), Unit: "missiles", Amount: dec("1600000000"), Currency: "GBP",
			Status: Announced, AnnouncedOn: MustDate("2025-03-02"), Visibility: Public,
		}
	}
	tests := []struct {
		name   string
		change func(*Pledge)
		field  string // "" when the pledge is valid
	}{
		{"valid", func(p *Pledge) {}, ""},
		{"quantity only", func(p *Pledge) { p.Amount, p.Currency = nil, "" }, ""},
		{"amount only", func(p *Pledge) { p.Quantity, p.Unit = nil, "" }, ""},
		{"zero quantity", func(p *Pledge) { p.Quantity = qty(0) }, ""},
		{"zero amount", func(p *Pledge) { p.Amount = dec("0") }, ""},
		{"four decimal places", func(p *Pledge) { p.Amount = dec("0.0001") }, ""},
		{"trailing zeros beyond four places", func(p *Pledge) { p.Amount = dec("1.500000") }, ""},
		{"empty visibility means public", func(p *Pledge) { p.Visibility = "" }, ""},
		{"organisation as donor", func(p *Pledge) { p.Donor = "EU" }, ""},
		{"item of 200 characters", func(p *Pledge) { p.Item = strings.Repeat("x", 200) }, ""},
		{"item of 200 Cyrillic characters", func(p *Pledge) { p.Item = strings.Repeat("ж", 200) }, ""},
		{"period of one day", func(p *Pledge) { p.PeriodFrom, p.PeriodTo = MustDate("2025-03-02"), MustDate("2025-03-02") }, ""},
		{"period start only", func(p *Pledge) { p.PeriodFrom = MustDate("2026-01-01") }, ""},
		{"period end only", func(p *Pledge) { p.PeriodTo = MustDate("2024-01-01") }, ""},
		{"every status", func(p *Pledge) { p.Status = Delivering }, ""},

		{"no donor", func(p *Pledge) { p.Donor = "" }, "donor"},
		{"donor is recipient", func(p *Pledge) { p.Donor = "UA" }, "recipient"},
		{"no category", func(p *Pledge) { p.Category = "" }, "category"},
		{"unknown category", func(p *Pledge) { p.Category = "space" }, "category"},
		{"no item", func(p *Pledge) { p.Item = "" }, "item"},
		{"item of 201 characters", func(p *Pledge) { p.Item = strings.Repeat("x", 201) }, "item"},
		{"item of 201 Cyrillic characters", func(p *Pledge) { p.Item = strings.Repeat("ж", 201) }, "item"},
		{"negative quantity", func(p *Pledge) { p.Quantity = qty(-1) }, "quantity"},
		{"neither quantity nor amount", func(p *Pledge) { p.Quantity, p.Unit, p.Amount, p.Currency = nil, "", nil, "" }, "quantity"},
		{"unit without quantity", func(p *Pledge) { p.Quantity = nil }, "unit"},
		{"no status", func(p *Pledge) { p.Status = "" }, "status"},
		{"unknown status", func(p *Pledge) { p.Status = "shipped" }, "status"},
		{"no announcement date", func(p *Pledge) { p.AnnouncedOn = Date{} }, "date"},
		{"period ends before it begins", func(p *Pledge) { p.PeriodFrom, p.PeriodTo = MustDate("2026-01-01"), MustDate("2025-12-31") }, "period"},
		{"amount without currency", func(p *Pledge) { p.Currency = "" }, "currency"},
		{"currency without amount", func(p *Pledge) { p.Amount = nil }, "amount"},
		{"negative amount", func(p *Pledge) { p.Amount = dec("-1") }, "amount"},
		{"five decimal places", func(p *Pledge) { p.Amount = dec("0.00001") }, "amount"},
		{"unknown currency", func(p *Pledge) { p.Currency = "XYZ" }, "currency"},
		{"currency the catalog lacks", func(p *Pledge) { p.Currency = "PLN" }, "currency"},
		{"unknown visibility", func(p *Pledge) { p.Visibility = "secret" }, "visibility"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			tt.change(p)
			checkFieldError(t, "Validate "+describe(p), p.Validate(testCatalog), tt.field)
		})
	}
}

func TestPledgeTally(t *testing.T) {
	delivery := func(q *int64, eur, usd *decimal.Decimal) *Delivery {
		return &Delivery{Pledge: 1, DeliveredOn: MustDate("2025-06-01"), Quantity: q, AmountEUR: eur, AmountUSD: usd}
	}
	tests := []struct {
		name       string
		pledge     Pledge
		deliveries []*Delivery
		wantQty    int64
		wantEUR    *decimal.Decimal
		wantUSD    *decimal.Decimal
	}{
		{"delivered status takes the whole value",
			Pledge{Status: Delivered, Quantity: qty(10), AmountEUR: dec("1000"), AmountUSD: dec("1100")},
			[]*Delivery{delivery(qty(4), dec("100"), dec("110"))},
			4, dec("1000"), dec("1100")},
		{"delivery values are summed",
			Pledge{Status: Delivering, Quantity: qty(10), AmountEUR: dec("1000"), AmountUSD: dec("1100")},
			[]*Delivery{delivery(qty(1), dec("100.1"), dec("110.11")), delivery(qty(2), dec("200.2"), dec("220.22"))},
			3, dec("300.3"), dec("330.33")},
		{"delivery values are capped at the pledge's value",
			Pledge{Status: Delivering, Amount: dec("1000"), AmountEUR: dec("1000"), AmountUSD: dec("1100")},
			[]*Delivery{delivery(nil, dec("700"), dec("770")), delivery(nil, dec("600"), dec("660"))},
			0, dec("1000"), dec("1100")},
		{"delivery values stand alone when the pledge has none",
			Pledge{Status: Delivering, Quantity: qty(10)},
			[]*Delivery{delivery(qty(1), dec("50"), nil), delivery(qty(1), dec("25.5"), nil)},
			2, dec("75.5"), nil},
		{"one currency valued by deliveries, the other pro rata",
			Pledge{Status: Delivering, Quantity: qty(4), AmountEUR: dec("1000"), AmountUSD: dec("1100")},
			[]*Delivery{delivery(qty(1), dec("300"), nil)},
			1, dec("300"), dec("275")},
		{"pro rata by quantity, rounded to cents",
			Pledge{Status: Delivering, Quantity: qty(3), AmountEUR: dec("1000"), AmountUSD: dec("1100")},
			[]*Delivery{delivery(qty(1), nil, nil)},
			1, dec("333.33"), dec("366.67")},
		{"pro rata of the whole quantity before the status changes",
			Pledge{Status: Delivering, Quantity: qty(3), AmountEUR: dec("1000"), AmountUSD: dec("1100")},
			[]*Delivery{delivery(qty(1), nil, nil), delivery(qty(2), nil, nil)},
			3, dec("1000"), dec("1100")},
		{"valued pledge with no deliveries",
			Pledge{Status: Committed, Quantity: qty(3), AmountEUR: dec("1000"), AmountUSD: dec("1100")},
			nil, 0, dec("0"), dec("0")},
		{"valued pledge of zero quantity",
			Pledge{Status: Delivering, Quantity: qty(0), AmountEUR: dec("1000"), AmountUSD: dec("1100")},
			[]*Delivery{delivery(qty(0), nil, nil)},
			0, dec("0"), dec("0")},
		{"money-only pledge, deliveries without values",
			Pledge{Status: Delivering, Amount: dec("1000"), AmountEUR: dec("1000"), AmountUSD: dec("1100")},
			[]*Delivery{delivery(nil, nil, nil)},
			0, dec("0"), dec("0")},
		{"in kind with unvalued deliveries stays nil",
			Pledge{Status: Delivering, Quantity: qty(10)},
			[]*Delivery{delivery(qty(3), nil, nil)},
			3, nil, nil},
		{"delivered but without any value stays nil",
			Pledge{Status: Delivered, Quantity: qty(10)},
			[]*Delivery{delivery(qty(10), nil, nil)},
			10, nil, nil},
		{"unconverted pledge stays nil",
			Pledge{Status: Delivering, Quantity: qty(10), Amount: dec("5000"), Currency: "UAH"},
			[]*Delivery{delivery(qty(3), nil, nil)},
			3, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.pledge
			// Stale totals from an earlier read must not survive.
			p.DeliveredQuantity, p.Deliveries, p.DeliveredEUR, p.DeliveredUSD = 99, 99, dec("99"), dec("99")
			p.Tally(tt.deliveries)
			if p.Deliveries != len(tt.deliveries) {
				t.Errorf("Deliveries = %d, want %d", p.Deliveries, len(tt.deliveries))
			}
			if p.DeliveredQuantity != tt.wantQty {
				t.Errorf("DeliveredQuantity = %d, want %d", p.DeliveredQuantity, tt.wantQty)
			}
			if !sameDec(p.DeliveredEUR, tt.wantEUR) {
				t.Errorf("pledged EUR %s: DeliveredEUR = %s, want %s", decString(p.AmountEUR), decString(p.DeliveredEUR), decString(tt.wantEUR))
			}
			if !sameDec(p.DeliveredUSD, tt.wantUSD) {
				t.Errorf("pledged USD %s: DeliveredUSD = %s, want %s", decString(p.AmountUSD), decString(p.DeliveredUSD), decString(tt.wantUSD))
			}
		})
	}
}

func TestPledgeSnapshot(t *testing.T) {
	p := &Pledge{ID: 7, Donor: "GB", Quantity: qty(3), AmountEUR: dec("10"), Deliveries: 2,
		DeliveredQuantity: 2, DeliveredEUR: dec("6.67"), DeliveredUSD: dec("7")}
	s := p.Snapshot()
	if s.Deliveries != 0 || s.DeliveredQuantity != 0 || s.DeliveredEUR != nil || s.DeliveredUSD != nil {
		t.Errorf("Snapshot() kept delivery totals: %d deliveries, quantity %d, EUR %s, USD %s; want none",
			s.Deliveries, s.DeliveredQuantity, decString(s.DeliveredEUR), decString(s.DeliveredUSD))
	}
	if s.ID != 7 || s.Donor != "GB" || !sameDec(s.AmountEUR, dec("10")) {
		t.Errorf("Snapshot() = %s, want the stored record", describe(s))
	}
	if p.Deliveries != 2 || p.DeliveredQuantity != 2 {
		t.Errorf("Snapshot() changed the pledge itself: %d deliveries, quantity %d", p.Deliveries, p.DeliveredQuantity)
	}
}
