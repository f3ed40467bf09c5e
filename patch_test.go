package pledgebook

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestPledgeUpdateJSON checks that a merge patch's nulls become Clear, a
// null on a field that cannot be emptied is refused naming it, and
// unknown members are refused even by a lenient decoder.
func TestPledgeUpdateJSON(t *testing.T) {
	for _, c := range []struct {
		name, body string
		clear      []string
		field      string // of the error, "" for none
	}{
		{"absent is unchanged", `{"notes":"n"}`, nil, ""},
		{"nulls clear", `{"quantity":null,"meeting":null,"period_to":null}`, []string{"meeting", "period_to", "quantity"}, ""},
		{"case folded as encoding/json folds it", `{"Amount":null}`, []string{"amount"}, ""},
		{"null with spaces", `{"notes" :  null }`, []string{"notes"}, ""},
		{"item cannot be emptied", `{"item":null}`, nil, "item"},
		{"the date cannot be emptied", `{"announced_on":null}`, nil, "announced_on"},
		{"unknown member", `{"colour":"red"}`, nil, "?"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var u PledgeUpdate
			err := json.Unmarshal([]byte(c.body), &u)
			switch {
			case c.field == "" && err != nil:
				t.Fatalf("Unmarshal(%s) = %v, want no error", c.body, err)
			case c.field == "?" && err == nil:
				t.Fatalf("Unmarshal(%s) = nil, want an error", c.body)
			case c.field != "" && c.field != "?" && ErrorField(err) != c.field:
				t.Fatalf("Unmarshal(%s) = %v, want an error naming %s", c.body, err, c.field)
			}
			if c.field == "" && !slices.Equal(u.Clear, c.clear) {
				t.Errorf("Unmarshal(%s).Clear = %v, want %v", c.body, u.Clear, c.clear)
			}
		})
	}
}

// TestApplyClearPairs checks that an emptied quantity or amount takes its
// unit or currency with it unless the update sets them.
func TestApplyClearPairs(t *testing.T) {
	p := validPledgeForPatch()
	got := PledgeUpdate{Clear: []string{"quantity", "amount"}}.Apply(p)
	if got.Quantity != nil || got.Unit != "" || got.Amount != nil || got.Currency != "" || got.AmountEUR != nil {
		t.Errorf("Apply(clear quantity, amount) = %+v; want quantity, unit, amount, currency, EUR empty", got)
	}
	unit, cur := "sets", "USD"
	got = PledgeUpdate{Clear: []string{"quantity", "amount"}, Unit: &unit, Currency: &cur}.Apply(p)
	if got.Unit != "sets" || got.Currency != "USD" {
		t.Errorf("Apply with unit and currency set = unit %q currency %q; want sets, USD", got.Unit, got.Currency)
	}
	if p.Quantity == nil || p.Amount == nil {
		t.Errorf("Apply changed the pledge it was given")
	}
	if err := (PledgeUpdate{Clear: []string{"notes"}, Notes: &unit}).Check(); ErrorField(err) != "notes" {
		t.Errorf("Check(set and emptied) = %v, want an error naming notes", err)
	}
}

func validPledgeForPatch() *Pledge {
	return &Pledge{Donor: "GB", Category: Drones, Item: "drones", Quantity: qty(10), Unit: "drones", Amount: dec("1000"), Currency: "GBP",
		AmountEUR: dec("1180"), AnnouncedOn: MustDate("2025-06-04")}
}

// TestPatchNotAnObject checks that a body that is not a JSON object is
// refused as bad input, in words and not in Go's type names.
func TestPatchNotAnObject(t *testing.T) {
	for _, body := range []string{`[]`, `"x"`, `1`} {
		var u PledgeUpdate
		err := json.Unmarshal([]byte(body), &u)
		if ErrorKind(err) != KindInvalid || err.Error() != "a patch is a JSON object, not "+map[string]string{`[]`: "array", `"x"`: "string", `1`: "number"}[body] {
			t.Errorf("Unmarshal(%s) = %v, want invalid: a patch is a JSON object", body, err)
		}
	}
}
