package storetest

import (
	"testing"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// testUpdateRequirement checks UpdateRequirement: it changes the fields
// given, only at the current version, audited, revalues a changed amount,
// changes nothing when it fails, and does not find a requirement the
// viewer may not see.
func testUpdateRequirement(t *testing.T, open Opener) {
	s := fresh(t, open)
	amount := decimal.NewFromInt(1_000_000)
	r := &pledgebook.Requirement{Recipient: "UA", Category: pledgebook.AirDefence, Item: "interceptors", Quantity: ptr[int64](50),
		Amount: &amount, Currency: "EUR", Priority: 2, Visibility: pledgebook.Confidential}
	if err := s.CreateRequirement(ctx(), r); err != nil {
		t.Fatal(err)
	}
	item := "long-range interceptors"
	for _, tt := range []struct {
		name    string
		v       pledgebook.Viewer
		upd     pledgebook.RequirementUpdate
		version int
		kind    pledgebook.Kind
		field   string
	}{
		{"stale version", admin, pledgebook.RequirementUpdate{Item: &item}, 7, pledgebook.KindConflict, "version"},
		{"bad priority", admin, pledgebook.RequirementUpdate{Priority: ptr(9)}, 1, pledgebook.KindInvalid, "priority"},
		{"empty item", admin, pledgebook.RequirementUpdate{Item: ptr(" ")}, 1, pledgebook.KindInvalid, "item"},
		{"unknown currency", admin, pledgebook.RequirementUpdate{Currency: ptr("XYZ")}, 1, pledgebook.KindInvalid, "currency"},
		{"invisible to another recipient", recipientMD, pledgebook.RequirementUpdate{Item: &item}, 1, pledgebook.KindNotFound, ""},
		{"invisible to the public", public, pledgebook.RequirementUpdate{Item: &item}, 1, pledgebook.KindNotFound, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := count(t, s)
			_, err := s.UpdateRequirement(as(tt.v), r.ID, tt.upd, tt.version)
			wantKind(t, err, tt.kind, tt.field)
			if after := count(t, s); after != before {
				t.Errorf("a failed update changed the counts: %+v → %+v", before, after)
			}
			got, _ := s.FindRequirementByID(ctx(), r.ID)
			if got.Version != 1 || got.Item != "interceptors" || got.Priority != 2 {
				t.Errorf("a failed update changed the requirement: %+v", got)
			}
		})
	}
	_, err := s.UpdateRequirement(ctx(), 9999, pledgebook.RequirementUpdate{Item: &item}, 1)
	wantKind(t, err, pledgebook.KindNotFound, "")

	// The recipient's staff update it: the amount is valued again.
	twice := decimal.NewFromInt(2_000_000)
	before := count(t, s)
	got, err := s.UpdateRequirement(as(recipientUA), r.ID, pledgebook.RequirementUpdate{Item: &item, Priority: ptr(1), Amount: &twice}, 1)
	if err != nil {
		t.Fatalf("UpdateRequirement: %v", err)
	}
	if got.Item != item || got.Priority != 1 || got.Version != 2 || *got.Quantity != 50 || got.AmountEUR == nil || !got.AmountEUR.Equal(twice) {
		t.Errorf("UpdateRequirement = %+v; want the new item, priority and amount at version 2, the quantity kept", got)
	}
	if after := count(t, s); after.events != before.events+1 || after.requirements != before.requirements {
		t.Errorf("counts %+v → %+v; want one audit event more", before, after)
	}
	es, err := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "requirement/" + itoa(r.ID)})
	if err != nil || len(es) != 2 || es[1].Action != "update" {
		t.Fatalf("audit of the requirement = %+v, %v; want create and update", es, err)
	}
	if rep, err := s.VerifyAudit(ctx()); err != nil || !rep.OK {
		t.Errorf("VerifyAudit after updating = %+v, %v", rep, err)
	}

	// An update that changes nothing is not recorded.
	before = count(t, s)
	same, err := s.UpdateRequirement(ctx(), r.ID, pledgebook.RequirementUpdate{Item: &item}, 2)
	if err != nil || same.Version != 2 {
		t.Errorf("a no-op update = %+v, %v; want version 2 kept", same, err)
	}
	if after := count(t, s); after != before {
		t.Errorf("a no-op update changed the counts: %+v → %+v", before, after)
	}
}
