package pledgebook_test

import (
	"encoding/json"
	"fmt"

	"github.com/shopspring/decimal"

	"pledgebook"
)

func ExampleCheckMove() {
	// A pledge moves forward and may skip steps: a pledge that was only
	// announced can be recorded as contracted straight away.
	fmt.Println(pledgebook.CheckMove(pledgebook.Announced, pledgebook.Contracted))

	// It never moves back. The refusal is an invalid-input error that names
	// the field, so the API and the UI can point at it.
	err := pledgebook.CheckMove(pledgebook.Delivering, pledgebook.Committed)
	fmt.Println(pledgebook.ErrorKind(err), pledgebook.ErrorField(err))
	fmt.Println(pledgebook.ErrorMessage(err))

	// Any pledge may still be cancelled, until it has been delivered.
	fmt.Println(pledgebook.CheckMove(pledgebook.Delivering, pledgebook.Cancelled))
	fmt.Println(pledgebook.CheckMove(pledgebook.Delivered, pledgebook.Cancelled))
	// Output:
	// <nil>
	// invalid status
	// status: cannot move back from delivering to committed; a status only moves forward
	// <nil>
	// status: the pledge is delivered; no status change leads out of it
}

func ExamplePledge_LooksLike() {
	fifteen := int64(15)
	// Germany announces 15 Gepards at a contact-group meeting ...
	first := &pledgebook.Pledge{
		Donor: "DE", Category: pledgebook.AirDefence, Item: "Gepard anti-aircraft guns",
		Quantity: &fifteen, Status: pledgebook.Committed, AnnouncedOn: pledgebook.MustDate("2025-02-12"),
	}
	// ... and a press release four months later reports "15 Gepard
	// anti-aircraft gun" again. Same donor, area, item (ignoring case,
	// spacing and a plural s) and quantity, within a year: the same pledge,
	// which the store refuses to count twice unless told to.
	again := &pledgebook.Pledge{
		Donor: "DE", Category: pledgebook.AirDefence, Item: "gepard  anti-aircraft gun",
		Quantity: &fifteen, Status: pledgebook.Announced, AnnouncedOn: pledgebook.MustDate("2025-06-04"),
	}
	fmt.Println(first.LooksLike(again))

	// Fifteen more announced two years later are a new pledge.
	later := *again
	later.AnnouncedOn = pledgebook.MustDate("2027-06-04")
	fmt.Println(first.LooksLike(&later))

	// A cancelled pledge looks like nothing, so it never blocks a new one.
	first.Status = pledgebook.Cancelled
	fmt.Println(first.LooksLike(again))
	// Output:
	// true
	// false
	// false
}

func ExampleTotalsBy() {
	amount := func(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }
	ten := int64(10)
	pledges := []*pledgebook.Pledge{
		// Amounts in any currency are added up by their EUR values ...
		{Donor: "GB", Status: pledgebook.Committed, Amount: amount("100"), Currency: "GBP", AmountEUR: amount("117.65")},
		{Donor: "DE", Status: pledgebook.Delivered, Amount: amount("50"), Currency: "EUR", AmountEUR: amount("50"), DeliveredEUR: amount("50")},
		{Donor: "GB", Status: pledgebook.Announced, Amount: amount("20"), Currency: "EUR", AmountEUR: amount("20")},
		// ... a pledge of things without a price is counted but not valued ...
		{Donor: "DE", Status: pledgebook.Announced, Quantity: &ten},
		// ... an amount with no exchange rate is listed apart, never added
		// to the euros ...
		{Donor: "DE", Status: pledgebook.Announced, Amount: amount("1000"), Currency: "UAH"},
		// ... and a cancelled pledge only counts as cancelled.
		{Donor: "GB", Status: pledgebook.Cancelled, Amount: amount("999"), Currency: "EUR", AmountEUR: amount("999")},
	}
	names := map[string]string{"GB": "United Kingdom", "DE": "Germany"}
	r := pledgebook.TotalsBy(pledges, pledgebook.EUR,
		func(p *pledgebook.Pledge) string { return p.Donor },
		func(code string) string { return names[code] })
	for _, t := range append(r.Rows, r.Total) {
		fmt.Printf("%-14s pledges %d  pledged %s %s  delivered %s  in kind %d  cancelled %d  unconverted %v\n",
			t.Name, t.Pledges, t.Pledged, r.Currency, t.Delivered, t.InKind, t.Cancelled, t.Unconverted)
	}
	// Output:
	// United Kingdom pledges 2  pledged 137.65 EUR  delivered 0  in kind 0  cancelled 1  unconverted []
	// Germany        pledges 3  pledged 50 EUR  delivered 50  in kind 1  cancelled 0  unconverted [{1000 UAH}]
	// Total          pledges 5  pledged 187.65 EUR  delivered 50  in kind 1  cancelled 1  unconverted [{1000 UAH}]
}

func ExampleViewer_CanSee() {
	officer := pledgebook.Viewer{Name: "gb-officer", Role: pledgebook.RoleDonor, Party: "GB"}
	public := pledgebook.Viewer{} // no one signed in

	// A confidential pledge of the United Kingdom is seen by its own
	// officers, and not by the public.
	fmt.Println(officer.CanSee(pledgebook.Confidential, "GB", "UA"))
	fmt.Println(public.CanSee(pledgebook.Confidential, "GB", "UA"))
	// Nor by another nation's officers.
	fmt.Println(officer.CanSee(pledgebook.Confidential, "DE", "UA"))
	// Restricted records are for anyone signed in.
	fmt.Println(officer.CanSee(pledgebook.Restricted, "DE", "UA"), public.CanSee(pledgebook.Restricted, "DE", "UA"))
	// Output:
	// true
	// false
	// false
	// true false
}

func ExamplePledgeUpdate_Apply() {
	// A pledge of six helicopters worth £50 million ...
	six, fifty := int64(6), decimal.NewFromInt(50_000_000)
	p := &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Aircraft, Item: "Sea King helicopters", Quantity: &six, Unit: "helicopters",
		Amount: &fifty, Currency: "GBP", Notes: "value as first reported"}

	// ... whose value turns out to have been a guess. A merge patch's null
	// empties a field, and the amount takes its currency with it.
	var upd pledgebook.PledgeUpdate
	if err := json.Unmarshal([]byte(`{"amount": null, "notes": null}`), &upd); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(upd.Clear, upd.Check())
	q := upd.Apply(p)
	fmt.Printf("%d %s, amount %v %q, notes %q\n", *q.Quantity, q.Unit, q.Amount, q.Currency, q.Notes)

	// Fields that every pledge has cannot be emptied.
	err := json.Unmarshal([]byte(`{"item": null}`), &upd)
	fmt.Println(pledgebook.ErrorKind(err), pledgebook.ErrorField(err))
	// Output:
	// [amount notes] <nil>
	// 6 helicopters, amount <nil> "", notes ""
	// invalid item
}
