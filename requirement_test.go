package pledgebook

import (
	"fmt"
	"strings"
	"testing"
)

func TestRequirementValidate(t *testing.T) {
	valid := func() *Requirement {
		return &Requirement{
			Recipient: "UA", Category: Drones, Item: "FPV drones", Quantity: qty(100000), Unit: "drones",
			Amount: dec("50000000"), Currency: "USD", Priority: 1, Visibility: Public,
		}
	}
	tests := []struct {
		name   string
		change func(*Requirement)
		field  string // "" when the requirement is valid
	}{
		{"valid", func(r *Requirement) {}, ""},
		{"no quantity", func(r *Requirement) { r.Quantity = nil }, ""},
		{"no amount", func(r *Requirement) { r.Amount, r.Currency = nil, "" }, ""},
		{"neither quantity nor amount", func(r *Requirement) { r.Quantity, r.Amount, r.Currency = nil, nil, "" }, ""},
		{"priority 5", func(r *Requirement) { r.Priority = 5 }, ""},
		{"empty visibility means public", func(r *Requirement) { r.Visibility = "" }, ""},
		{"item of 200 characters", func(r *Requirement) { r.Item = strings.Repeat("я", 200) }, ""},

		{"unknown category", func(r *Requirement) { r.Category = "space" }, "category"},
		{"no item", func(r *Requirement) { r.Item = "" }, "item"},
		{"item of 201 characters", func(r *Requirement) { r.Item = strings.Repeat("я", 201) }, "item"},
		{"negative quantity", func(r *Requirement) { r.Quantity = qty(-5) }, "quantity"},
		{"priority 0", func(r *Requirement) { r.Priority = 0 }, "priority"},
		{"priority 6", func(r *Requirement) { r.Priority = 6 }, "priority"},
		{"amount without currency", func(r *Requirement) { r.Currency = "" }, "currency"},
		{"currency without amount", func(r *Requirement) { r.Amount = nil }, "amount"},
		{"negative amount", func(r *Requirement) { r.Amount = dec("-0.01") }, "amount"},
		{"five decimal places", func(r *Requirement) { r.Amount = dec("1.00001") }, "amount"},
		{"unknown currency", func(r *Requirement) { r.Currency = "UAH" }, "currency"},
		{"unknown visibility", func(r *Requirement) { r.Visibility = "internal" }, "visibility"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			tt.change(r)
			input := fmt.Sprintf("Validate requirement {%s %.20q quantity set %v, amount %s %q, priority %d visibility %q}",
				r.Category, r.Item, r.Quantity != nil, decString(r.Amount), r.Currency, r.Priority, r.Visibility)
			checkFieldError(t, input, r.Validate(testCatalog), tt.field)
		})
	}
}

func TestRequirementNormalize(t *testing.T) {
	r := &Requirement{Recipient: " ", Item: "  FPV drones ", Unit: " drones ", Currency: " usd "}
	r.Normalize()
	got := [...]string{r.Recipient, r.Item, r.Unit, r.Currency, string(r.Visibility)}
	want := [...]string{"UA", "FPV drones", "drones", "USD", "public"}
	if got != want || r.Priority != 3 {
		t.Errorf("Normalize() gave %q with priority %d, want %q with priority 3", got, r.Priority, want)
	}
}
