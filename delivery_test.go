package pledgebook

import (
	"fmt"
	"strings"
	"testing"
)

func TestDeliveryValidate(t *testing.T) {
	valid := func() *Delivery {
		return &Delivery{Pledge: 42, DeliveredOn: MustDate("2025-07-01"), Quantity: qty(3),
			Amount: dec("3000000"), Currency: "EUR", Visibility: Public}
	}
	tests := []struct {
		name   string
		change func(*Delivery)
		field  string // "" when the delivery is valid
	}{
		{"valid", func(d *Delivery) {}, ""},
		{"quantity only", func(d *Delivery) { d.Amount, d.Currency = nil, "" }, ""},
		{"amount only", func(d *Delivery) { d.Quantity = nil }, ""},
		{"empty visibility means public", func(d *Delivery) { d.Visibility = "" }, ""},

		{"no pledge", func(d *Delivery) { d.Pledge = 0 }, "pledge"},
		{"negative pledge", func(d *Delivery) { d.Pledge = -1 }, "pledge"},
		{"no date", func(d *Delivery) { d.DeliveredOn = Date{} }, "date"},
		{"negative quantity", func(d *Delivery) { d.Quantity = qty(-1) }, "quantity"},
		{"neither quantity nor amount", func(d *Delivery) { d.Quantity, d.Amount, d.Currency = nil, nil, "" }, "quantity"},
		{"amount without currency", func(d *Delivery) { d.Currency = "" }, "currency"},
		{"currency without amount", func(d *Delivery) { d.Amount = nil }, "amount"},
		{"negative amount", func(d *Delivery) { d.Amount = dec("-3") }, "amount"},
		{"five decimal places", func(d *Delivery) { d.Amount = dec("0.12345") }, "amount"},
		{"unknown currency", func(d *Delivery) { d.Currency = "PLN" }, "currency"},
		{"unknown visibility", func(d *Delivery) { d.Visibility = "hidden" }, "visibility"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := valid()
			tt.change(d)
			q := "<nil>"
			if d.Quantity != nil {
				q = fmt.Sprint(*d.Quantity)
			}
			input := fmt.Sprintf("Validate delivery {pledge %d on %q qty %s amount %s %q visibility %q}",
				d.Pledge, d.DeliveredOn, q, decString(d.Amount), d.Currency, d.Visibility)
			checkFieldError(t, input, d.Validate(testCatalog), tt.field)
		})
	}
}

func TestCheckDelivery(t *testing.T) {
	pledge := func() *Pledge {
		return &Pledge{ID: 42, Status: Delivering, Quantity: qty(10), Amount: dec("1000"), Currency: "EUR",
			AnnouncedOn: MustDate("2025-02-12"), DeliveredQuantity: 6}
	}
	tests := []struct {
		name   string
		pledge func(*Pledge)
		d      Delivery
		field  string // "" when the delivery fits
	}{
		{"fits", nil, Delivery{DeliveredOn: MustDate("2025-03-01"), Quantity: qty(2)}, ""},
		{"fills the pledge exactly", nil, Delivery{DeliveredOn: MustDate("2025-03-01"), Quantity: qty(4)}, ""},
		{"on the announcement day", nil, Delivery{DeliveredOn: MustDate("2025-02-12"), Quantity: qty(1)}, ""},
		{"amount only", nil, Delivery{DeliveredOn: MustDate("2025-03-01"), Amount: dec("500"), Currency: "EUR"}, ""},
		{"amount only against a money-only pledge", func(p *Pledge) { p.Quantity, p.DeliveredQuantity = nil, 0 },
			Delivery{DeliveredOn: MustDate("2025-03-01"), Amount: dec("500"), Currency: "EUR"}, ""},
		{"pledge already delivered", func(p *Pledge) { p.Status = Delivered },
			Delivery{DeliveredOn: MustDate("2025-03-01"), Quantity: qty(1)}, ""},

		{"pledge cancelled", func(p *Pledge) { p.Status = Cancelled },
			Delivery{DeliveredOn: MustDate("2025-03-01"), Quantity: qty(1)}, "pledge"},
		{"before the announcement", nil, Delivery{DeliveredOn: MustDate("2025-02-11"), Quantity: qty(1)}, "date"},
		{"one more than pledged", nil, Delivery{DeliveredOn: MustDate("2025-03-01"), Quantity: qty(5)}, "quantity"},
		{"quantity against a money-only pledge", func(p *Pledge) { p.Quantity, p.DeliveredQuantity = nil, 0 },
			Delivery{DeliveredOn: MustDate("2025-03-01"), Quantity: qty(1)}, "quantity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pledge()
			if tt.pledge != nil {
				tt.pledge(p)
			}
			d := tt.d
			d.Pledge = p.ID
			q := "<nil>"
			if d.Quantity != nil {
				q = fmt.Sprint(*d.Quantity)
			}
			input := fmt.Sprintf("CheckDelivery(pledge %s delivered %d, delivery on %s qty %s)",
				describe(p), p.DeliveredQuantity, d.DeliveredOn, q)
			checkFieldError(t, input, CheckDelivery(p, &d), tt.field)
		})
	}
}

func TestCheckURL(t *testing.T) {
	long := "https://example.org/" + strings.Repeat("a", 2000-len("https://example.org/"))
	tests := []struct {
		name  string
		in    string
		valid bool
	}{
		{"https", "https://www.gov.uk/government/news/ukraine", true},
		{"http with query and fragment", "http://example.org/a?b=c#d", true},
		{"upper-case scheme", "HTTPS://example.org/", true},
		{"host and port", "https://example.org:8443/x", true},
		{"2000 characters", long, true},

		{"2001 characters", long + "a", false},
		{"empty", "", false},
		{"relative path", "/news/ukraine", false},
		{"no scheme", "www.gov.uk/news", false},
		{"ftp", "ftp://example.org/file", false},
		{"mailto", "mailto:press@example.org", false},
		{"javascript", "javascript:alert(1)", false},
		{"no host", "https:///path", false},
		{"scheme only", "https://", false},
		{"space in host", "https://exa mple.org/", false},
		{"bad escape", "https://example.org/%zz", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := "source"
			if tt.valid {
				want = ""
			}
			in := tt.in
			if len(in) > 60 {
				in = fmt.Sprintf("%s… (%d bytes)", in[:40], len(in))
			}
			checkFieldError(t, fmt.Sprintf("CheckURL(%q, %q)", "source", in), CheckURL("source", tt.in), want)
		})
	}
}
