package storetest

import (
	"slices"
	"testing"

	"pledgebook"
)

// testDeliveryFilters checks the delivery filters the deliveries page
// uses (capability area, confirmed, date range) alone and together, in
// both orders and with a cursor, within the viewer's visibility; and
// PledgeFilter.IDs, which reads a page's pledges at once.
func testDeliveryFilters(t *testing.T, open Opener) {
	s := fresh(t, open)
	drones := mustCreate(t, s, seedPledge(), pledgebook.CreatePledgeOptions{})
	shells := mustCreate(t, s, &pledgebook.Pledge{Donor: "DE", Category: pledgebook.Ammunition, Item: "shells", Quantity: ptr[int64](900),
		AnnouncedOn: pledgebook.MustDate("2025-05-01"), Visibility: pledgebook.Confidential}, pledgebook.CreatePledgeOptions{})
	add := func(p *pledgebook.Pledge, on string, n int64, confirmed bool) *pledgebook.Delivery {
		t.Helper()
		d := &pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate(on), Quantity: &n}
		if err := s.CreateDelivery(ctx(), d); err != nil {
			t.Fatalf("CreateDelivery(%s): %v", on, err)
		}
		if confirmed {
			if _, err := s.ConfirmDelivery(ctx(), d.ID, d.Version); err != nil {
				t.Fatalf("ConfirmDelivery: %v", err)
			}
		}
		return d
	}
	d1 := add(drones, "2025-07-01", 10, true)
	d2 := add(drones, "2025-08-01", 20, false)
	d3 := add(shells, "2025-07-15", 30, false)
	d4 := add(shells, "2025-09-01", 40, true)

	ids := func(ds []*pledgebook.Delivery) []int64 {
		var out []int64
		for _, d := range ds {
			out = append(out, d.ID)
		}
		return out
	}
	yes, no := true, false
	from, to := pledgebook.MustDate("2025-07-10"), pledgebook.MustDate("2025-08-31")
	ammo := pledgebook.Ammunition
	for _, c := range []struct {
		name   string
		viewer pledgebook.Viewer
		f      pledgebook.DeliveryFilter
		want   []int64
	}{
		{"all", admin, pledgebook.DeliveryFilter{}, []int64{d1.ID, d3.ID, d2.ID, d4.ID}},
		{"confirmed", admin, pledgebook.DeliveryFilter{Confirmed: &yes}, []int64{d1.ID, d4.ID}},
		{"not confirmed, newest first", admin, pledgebook.DeliveryFilter{Confirmed: &no, Desc: true}, []int64{d2.ID, d3.ID}},
		{"capability area", admin, pledgebook.DeliveryFilter{Category: &ammo}, []int64{d3.ID, d4.ID}},
		{"date range", admin, pledgebook.DeliveryFilter{From: &from, To: &to}, []int64{d3.ID, d2.ID}},
		{"range and area", admin, pledgebook.DeliveryFilter{From: &from, To: &to, Category: &ammo}, []int64{d3.ID}},
		{"after a cursor", admin, pledgebook.DeliveryFilter{After: &pledgebook.DeliveryCursor{DeliveredOn: d3.DeliveredOn, ID: d3.ID}}, []int64{d2.ID, d4.ID}},
		{"the public, the confidential pledge's hidden", public, pledgebook.DeliveryFilter{}, []int64{d1.ID, d2.ID}},
		{"the public, confirmed", public, pledgebook.DeliveryFilter{Confirmed: &yes}, []int64{d1.ID}},
		{"the pledge's donor", donorDE, pledgebook.DeliveryFilter{Category: &ammo, Confirmed: &yes}, []int64{d4.ID}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.FindDeliveries(as(c.viewer), c.f)
			if err != nil || !slices.Equal(ids(got), c.want) {
				t.Errorf("FindDeliveries(%+v) as %s = %v, %v; want %v", c.f, c.viewer.Name, ids(got), err, c.want)
			}
		})
	}

	for _, c := range []struct {
		name   string
		viewer pledgebook.Viewer
		ids    []int64
		want   []int64
	}{
		{"both, by announcement", admin, []int64{drones.ID, shells.ID}, []int64{shells.ID, drones.ID}},
		{"none asked", admin, []int64{}, nil},
		{"the public", public, []int64{shells.ID, drones.ID, 9999}, []int64{drones.ID}},
	} {
		t.Run("pledges by ID, "+c.name, func(t *testing.T) {
			ps, total, err := s.FindPledges(as(c.viewer), pledgebook.PledgeFilter{IDs: c.ids})
			var got []int64
			for _, p := range ps {
				got = append(got, p.ID)
			}
			if err != nil || !slices.Equal(got, c.want) || total != len(c.want) {
				t.Errorf("FindPledges(IDs %v) as %s = %v (total %d), %v; want %v", c.ids, c.viewer.Name, got, total, err, c.want)
			}
			for _, p := range ps {
				if p.ID == drones.ID && p.DeliveredQuantity != 30 {
					t.Errorf("pledge %d read by ID has delivered %d, want 30", p.ID, p.DeliveredQuantity)
				}
			}
		})
	}
}
