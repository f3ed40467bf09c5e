package storetest

import (
	"testing"

	"pledgebook"
)

// testConfirmDelivery checks ConfirmDelivery: it confirms once, audited,
// only at the current version, changes nothing when it fails, and does not
// find a delivery the viewer may not see.
func testConfirmDelivery(t *testing.T, open Opener) {
	s := fresh(t, open)
	p := mustCreate(t, s, &pledgebook.Pledge{Donor: "GB", Recipient: "UA", Category: pledgebook.Drones, Item: "FPV drones", Quantity: ptr[int64](100),
		AnnouncedOn: pledgebook.MustDate("2025-06-04")}, pledgebook.CreatePledgeOptions{})
	d := &pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2025-07-01"), Quantity: ptr[int64](10), Visibility: pledgebook.Confidential}
	if err := s.CreateDelivery(ctx(), d); err != nil {
		t.Fatal(err)
	}
	missing := func() error { _, err := s.ConfirmDelivery(ctx(), 9999, 1); return err }()
	wantNotFound(t, missing, "delivery 9999 not found", "ConfirmDelivery of a missing delivery")

	// Failures change nothing.
	for _, tt := range []struct {
		name    string
		v       pledgebook.Viewer
		version int
		kind    pledgebook.Kind
		field   string
	}{
		{"stale version", admin, 7, pledgebook.KindConflict, "version"},
		{"invisible to another donor", donorDE, 1, pledgebook.KindNotFound, ""},
		{"invisible to the public", public, 1, pledgebook.KindNotFound, ""},
		{"invisible to another recipient", recipientMD, 1, pledgebook.KindNotFound, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := count(t, s)
			_, err := s.ConfirmDelivery(as(tt.v), d.ID, tt.version)
			wantKind(t, err, tt.kind, tt.field)
			if tt.kind == pledgebook.KindNotFound {
				// As for a missing one.
				wantNotFound(t, err, "delivery "+itoa(d.ID)+" not found", "ConfirmDelivery of a hidden delivery")
			}
			if after := count(t, s); after != before {
				t.Errorf("a failed confirmation changed the counts: %+v → %+v", before, after)
			}
		})
	}

	// The recipient confirms.
	before := count(t, s)
	got, err := s.ConfirmDelivery(as(recipientUA), d.ID, 1)
	if err != nil {
		t.Fatalf("ConfirmDelivery: %v", err)
	}
	if !got.Confirmed || got.Version != 2 || got.ID != d.ID || *got.Quantity != 10 {
		t.Errorf("ConfirmDelivery = %+v; want delivery %d confirmed at version 2", got, d.ID)
	}
	if after := count(t, s); after.events != before.events+1 || after.deliveries != before.deliveries {
		t.Errorf("counts %+v → %+v; want one audit event more", before, after)
	}
	es, err := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "delivery/" + itoa(d.ID)})
	if err != nil || len(es) != 2 || es[1].Action != "confirm" {
		t.Fatalf("audit of the delivery = %+v, %v; want create and confirm", es, err)
	}
	ds, err := s.FindDeliveries(ctx(), pledgebook.DeliveryFilter{Pledge: &p.ID})
	if err != nil || len(ds) != 1 || !ds[0].Confirmed || ds[0].Version != 2 {
		t.Errorf("FindDeliveries after confirming = %+v, %v", ds, err)
	}
	if r, err := s.VerifyAudit(ctx()); err != nil || !r.OK {
		t.Errorf("VerifyAudit after confirming = %+v, %v", r, err)
	}

	// Once is enough.
	_, err = s.ConfirmDelivery(ctx(), d.ID, 2)
	wantKind(t, err, pledgebook.KindConflict, "confirmed")
}
