package storetest

import (
	"encoding/json"
	"testing"

	"pledgebook"
)

// testClearFields checks that UpdatePledge and UpdateRequirement empty
// the fields an update's Clear names: with their pairs (a quantity's unit,
// an amount's currency and values), audited with before and after; and
// that a clear which would break the record's rules, names a field that
// cannot be emptied, or comes at a stale version is refused naming the
// field and changes nothing.
func testClearFields(t *testing.T, open Opener) {
	s := fresh(t, open)
	req := &pledgebook.Requirement{Category: pledgebook.Drones, Item: "interceptor drones", Quantity: ptr[int64](500), Unit: "drones",
		Amount: dec("12000000"), Currency: "EUR", NeededBy: pledgebook.MustDate("2026-01-31"), Notes: "for the winter"}
	if err := s.CreateRequirement(ctx(), req); err != nil {
		t.Fatalf("CreateRequirement: %v", err)
	}
	p := seedPledge()
	p.Amount, p.Currency, p.Requirement, p.Notes = dec("35000000"), "GBP", &req.ID, "first tranche"
	p.PeriodFrom, p.PeriodTo = pledgebook.MustDate("2025-07-01"), pledgebook.MustDate("2026-06-30")
	mustCreate(t, s, p, pledgebook.CreatePledgeOptions{})
	got, err := s.FindPledgeByID(ctx(), p.ID)
	if err != nil || got.AmountEUR == nil {
		t.Fatalf("FindPledgeByID = %+v, %v; want a pledge valued in EUR", got, err)
	}

	snapshot := func() string {
		t.Helper()
		q, err := s.FindPledgeByID(ctx(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(q)
		return string(b)
	}
	stored, before := snapshot(), count(t, s)
	for _, c := range []struct {
		name    string
		upd     pledgebook.PledgeUpdate
		version int
		kind    pledgebook.Kind
		field   string
	}{
		{"neither quantity nor amount", pledgebook.PledgeUpdate{Clear: []string{"quantity", "amount"}}, got.Version, pledgebook.KindInvalid, "quantity"},
		{"an amount without a currency", pledgebook.PledgeUpdate{Clear: []string{"currency"}}, got.Version, pledgebook.KindInvalid, "currency"},
		{"a currency without an amount", pledgebook.PledgeUpdate{Clear: []string{"amount"}, Currency: ptr("EUR")}, got.Version, pledgebook.KindInvalid, "amount"},
		{"a unit without a quantity", pledgebook.PledgeUpdate{Clear: []string{"quantity"}, Unit: ptr("drones")}, got.Version, pledgebook.KindInvalid, "unit"},
		{"a field that cannot be emptied", pledgebook.PledgeUpdate{Clear: []string{"item"}}, got.Version, pledgebook.KindInvalid, "item"},
		{"set and emptied at once", pledgebook.PledgeUpdate{Clear: []string{"notes"}, Notes: ptr("x")}, got.Version, pledgebook.KindInvalid, "notes"},
		{"emptied twice", pledgebook.PledgeUpdate{Clear: []string{"notes", "notes"}}, got.Version, pledgebook.KindInvalid, "notes"},
		{"stale version", pledgebook.PledgeUpdate{Clear: []string{"notes"}}, got.Version + 3, pledgebook.KindConflict, "version"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.UpdatePledge(ctx(), p.ID, c.upd, c.version)
			wantKind(t, err, c.kind, c.field)
			if now := snapshot(); now != stored {
				t.Errorf("a refused clear changed the pledge:\n%s\nwant\n%s", now, stored)
			}
			if after := count(t, s); after != before {
				t.Errorf("a refused clear changed the counts from %+v to %+v", before, after)
			}
		})
	}

	// The amount goes with its currency and values; the other fields
	// emptied are emptied; the rest stays.
	upd := pledgebook.PledgeUpdate{Clear: []string{"amount", "meeting", "requirement", "coalition", "period_from", "period_to", "notes"}}
	cleared, err := s.UpdatePledge(ctx(), p.ID, upd, got.Version)
	if err != nil {
		t.Fatalf("UpdatePledge(clear %v): %v", upd.Clear, err)
	}
	if cleared.Amount != nil || cleared.Currency != "" || cleared.AmountEUR != nil || cleared.AmountUSD != nil || !cleared.FXDate.IsZero() {
		t.Errorf("after emptying the amount: %v %q EUR %v USD %v fx %s; want all empty", cleared.Amount, cleared.Currency, cleared.AmountEUR, cleared.AmountUSD, cleared.FXDate)
	}
	if cleared.Meeting != "" || cleared.Requirement != nil || cleared.Coalition != "" || !cleared.PeriodFrom.IsZero() || !cleared.PeriodTo.IsZero() || cleared.Notes != "" {
		t.Errorf("after emptying: meeting %q requirement %v coalition %q period %s–%s notes %q; want all empty",
			cleared.Meeting, cleared.Requirement, cleared.Coalition, cleared.PeriodFrom, cleared.PeriodTo, cleared.Notes)
	}
	if cleared.Quantity == nil || *cleared.Quantity != 100000 || cleared.Unit != "drones" || cleared.Version != got.Version+1 {
		t.Errorf("after emptying: quantity %v unit %q version %d; want 100000 drones, version %d", cleared.Quantity, cleared.Unit, cleared.Version, got.Version+1)
	}
	// The pledge is no longer among the requirement's, nor the meeting's.
	if ps, _, err := s.FindPledges(ctx(), pledgebook.PledgeFilter{Requirement: &req.ID}); err != nil || len(ps) != 0 {
		t.Errorf("pledges answering the requirement = %d, %v; want none", len(ps), err)
	}
	events, err := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "pledge/" + itoa(p.ID)})
	if err != nil || len(events) != 2 {
		t.Fatalf("audit = %d events, %v; want create and update", len(events), err)
	}
	var was, is pledgebook.Pledge
	if err := json.Unmarshal([]byte(events[1].Before), &was); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(events[1].After), &is); err != nil {
		t.Fatal(err)
	}
	if events[1].Action != "update" || was.Amount == nil || was.Currency != "GBP" || is.Amount != nil || is.Currency != "" || is.Requirement != nil {
		t.Errorf("audit event %s: before amount %v %q, after amount %v %q requirement %v; want the GBP amount, then none",
			events[1].Action, was.Amount, was.Currency, is.Amount, is.Currency, is.Requirement)
	}

	// A quantity already delivered against cannot be emptied, even when the
	// pledge has an amount again.
	if _, err := s.UpdatePledge(ctx(), p.ID, pledgebook.PledgeUpdate{Amount: dec("1000"), Currency: ptr("EUR")}, cleared.Version); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateDelivery(ctx(), &pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2025-08-01"), Quantity: ptr[int64](10)}); err != nil {
		t.Fatal(err)
	}
	withAmount, err := s.FindPledgeByID(ctx(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdatePledge(ctx(), p.ID, pledgebook.PledgeUpdate{Clear: []string{"quantity"}}, withAmount.Version)
	wantKind(t, err, pledgebook.KindInvalid, "quantity")

	// A requirement's fields empty likewise.
	x, err := s.UpdateRequirement(ctx(), req.ID, pledgebook.RequirementUpdate{Clear: []string{"quantity", "amount", "needed_by", "notes"}}, req.Version)
	if err != nil {
		t.Fatalf("UpdateRequirement(clear): %v", err)
	}
	if x.Quantity != nil || x.Unit != "" || x.Amount != nil || x.Currency != "" || x.AmountEUR != nil || !x.NeededBy.IsZero() || x.Notes != "" {
		t.Errorf("requirement after emptying: %+v; want quantity, unit, amount, currency, value, needed_by, notes empty", x)
	}
	_, err = s.UpdateRequirement(ctx(), req.ID, pledgebook.RequirementUpdate{Clear: []string{"priority"}}, x.Version)
	wantKind(t, err, pledgebook.KindInvalid, "priority")

	if r, err := s.VerifyAudit(ctx()); err != nil || !r.OK {
		t.Errorf("VerifyAudit after emptying fields = %+v, %v", r, err)
	}
}
