package demo_test

import (
	"context"
	"path/filepath"
	"testing"

	"pledgebook"
	"pledgebook/internal/demo"
	"pledgebook/internal/refdata"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/storetest"
)

func TestLoadTwice(t *testing.T) {
	// The demo is loaded by the operator, who sees every record: a load
	// as the public would not find the confidential ones it made.
	ctx := pledgebook.WithViewer(context.Background(), pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin})
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), storetest.Config())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SyncReference(ctx, refdata.Reference()); err != nil {
		t.Fatal(err)
	}
	f := demo.Data()
	res, err := demo.Load(ctx, s, f)
	if err != nil {
		t.Fatalf("first load: %v", err)
	}
	if res.Pledges != len(f.Pledges) || res.Requirements != len(f.Requirements) {
		t.Errorf("first load added %+v, want all %d pledges and %d requirements", res, len(f.Pledges), len(f.Requirements))
	}
	before, _ := s.AuditLog(ctx, pledgebook.AuditFilter{})
	again, err := demo.Load(ctx, s, f)
	if err != nil || again.Changed() {
		t.Errorf("second load = %+v, %v; want no change", again, err)
	}
	after, _ := s.AuditLog(ctx, pledgebook.AuditFilter{})
	if len(after) != len(before) {
		t.Errorf("second load wrote %d audit events, want none", len(after)-len(before))
	}
	if r, err := s.VerifyAudit(ctx); err != nil || !r.OK {
		t.Errorf("VerifyAudit after demo = %+v, %v", r, err)
	}
}

// TestDataSet checks the demo data set against what it promises: enough
// pledges, donors, capability areas and currencies, all sourced, and the
// two United Kingdom pledges of the seed report at the 4 June 2025 meeting.
func TestDataSet(t *testing.T) {
	f := demo.Data()
	donors, cats, currencies := map[string]bool{}, map[pledgebook.Category]bool{}, map[string]bool{}
	deliveries, multiYear := 0, 0
	var drones, training bool
	for _, p := range f.Pledges {
		donors[p.Donor], cats[p.Category] = true, true
		if p.Currency != "" {
			currencies[p.Currency] = true
		}
		if p.Source.URL == "" || p.AnnouncedOn.IsZero() {
			t.Errorf("pledge %s has no source URL or date", p.Ref)
		}
		deliveries += len(p.Deliveries)
		if !p.PeriodFrom.IsZero() && !p.PeriodTo.IsZero() && p.PeriodTo.Year() > p.PeriodFrom.Year() {
			multiYear++
		}
		if p.Donor == "GB" && p.Meeting == "udcg-28" && p.AnnouncedOn.String() == "2025-06-04" {
			drones = drones || (p.Category == pledgebook.Drones && p.Quantity != nil && *p.Quantity == 100000)
			training = training || (p.Category == pledgebook.Training && p.Currency == "GBP" && p.Amount != nil && p.Amount.String() == "247000000")
		}
	}
	for _, r := range f.Requirements {
		if !r.Illustrative {
			t.Errorf("requirement %s is not labelled illustrative", r.Ref)
		}
	}
	if len(f.Pledges) < 40 || len(donors) < 15 || len(cats) < 6 || len(currencies) < 4 || deliveries == 0 || multiYear == 0 {
		t.Errorf("demo has %d pledges, %d donors, %d areas, %d currencies, %d deliveries, %d multi-year; want ≥40, ≥15, ≥6, ≥4, >0, >0",
			len(f.Pledges), len(donors), len(cats), len(currencies), deliveries, multiYear)
	}
	if !drones || !training {
		t.Errorf("the seed's UK pledges at udcg-28: 100,000 drones %v, £247m training %v; want both", drones, training)
	}
}
