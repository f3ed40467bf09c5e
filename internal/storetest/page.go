package storetest

import (
	"fmt"
	"slices"
	"testing"

	"pledgebook"
)

// testPages checks keyset paging: following the cursor page by page, in
// either order, with or without filters and as any viewer, gives exactly
// the full listing, ties on the date included, and every page reports the
// total of the whole listing.
func testPages(t *testing.T, open Opener) {
	s := fresh(t, open)
	donors := []string{"GB", "DE", "FR"}
	for i := range 13 {
		p := &pledgebook.Pledge{Donor: donors[i%3], Category: pledgebook.Categories[i%2].Code, Item: "paged item " + itoa(int64(i)),
			Quantity: ptr(int64(10)), AnnouncedOn: pledgebook.MustDate("2025-03-01").AddDays(i / 4)}
		if i%5 == 4 {
			p.Visibility = pledgebook.Confidential
		}
		p = mustCreate(t, s, p, pledgebook.CreatePledgeOptions{})
		if i%4 == 0 {
			if err := s.CreateDelivery(ctx(), &pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2025-04-01"), Quantity: ptr[int64](1)}); err != nil {
				t.Fatalf("CreateDelivery: %v", err)
			}
		}
	}
	viewers := []struct {
		name string
		v    pledgebook.Viewer
	}{{"admin", admin}, {"public", public}, {"donor DE", donorDE}}
	filters := []struct {
		name string
		f    pledgebook.PledgeFilter
	}{
		{"all", pledgebook.PledgeFilter{}},
		{"donor", pledgebook.PledgeFilter{Donor: ptr("DE")}},
		{"category and dates", pledgebook.PledgeFilter{Category: ptr(pledgebook.Categories[0].Code), From: ptr(pledgebook.MustDate("2025-03-02"))}},
	}
	for _, vw := range viewers {
		for _, ft := range filters {
			for _, desc := range []bool{false, true} {
				for _, limit := range []int{1, 2, 5} {
					t.Run(fmt.Sprintf("%s/%s/desc=%t/limit=%d", vw.name, ft.name, desc, limit), func(t *testing.T) {
						c := as(vw.v)
						full, total, err := s.FindPledges(c, ft.f)
						if err != nil {
							t.Fatal(err)
						}
						want := ids(full)
						byID := map[int64]*pledgebook.Pledge{}
						for _, p := range full {
							byID[p.ID] = p
						}
						if desc {
							slices.Reverse(want)
						}
						var got []int64
						f := ft.f
						f.Desc, f.Limit = desc, limit
						for range 100 {
							ps, n, err := s.FindPledges(c, f)
							if err != nil {
								t.Fatalf("FindPledges(after %+v): %v", f.After, err)
							}
							if n != total {
								t.Errorf("FindPledges(after %+v) total = %d, want %d", f.After, n, total)
							}
							if len(ps) > limit {
								t.Fatalf("FindPledges(after %+v) = %d pledges, want at most %d", f.After, len(ps), limit)
							}
							for _, p := range ps {
								// A page fills in its pledges as the full listing does.
								if w := byID[p.ID]; w == nil || len(p.History) != len(w.History) || p.Deliveries != w.Deliveries {
									t.Errorf("pledge %d on a page = %d history entries, %d deliveries; want as in the full listing (%+v)",
										p.ID, len(p.History), p.Deliveries, w)
								}
							}
							got = append(got, ids(ps)...)
							if len(ps) < limit {
								break
							}
							last := ps[len(ps)-1]
							f.After = &pledgebook.PledgeCursor{AnnouncedOn: last.AnnouncedOn, ID: last.ID}
						}
						if !slices.Equal(got, want) {
							t.Errorf("pages = %v, want %v", got, want)
						}
					})
				}
			}
		}
	}
	// The deliveries page the same way.
	for _, vw := range viewers {
		for _, desc := range []bool{false, true} {
			t.Run(fmt.Sprintf("deliveries/%s/desc=%t", vw.name, desc), func(t *testing.T) {
				c := as(vw.v)
				full, err := s.FindDeliveries(c, pledgebook.DeliveryFilter{})
				if err != nil {
					t.Fatal(err)
				}
				var want []int64
				for _, d := range full {
					want = append(want, d.ID)
				}
				if desc {
					slices.Reverse(want)
				}
				var got []int64
				f := pledgebook.DeliveryFilter{Desc: desc, Limit: 2}
				for range 100 {
					ds, err := s.FindDeliveries(c, f)
					if err != nil {
						t.Fatalf("FindDeliveries(after %+v): %v", f.After, err)
					}
					for _, d := range ds {
						got = append(got, d.ID)
					}
					if len(ds) < f.Limit {
						break
					}
					last := ds[len(ds)-1]
					f.After = &pledgebook.DeliveryCursor{DeliveredOn: last.DeliveredOn, ID: last.ID}
				}
				if !slices.Equal(got, want) {
					t.Errorf("pages = %v, want %v", got, want)
				}
			})
		}
	}
	// So does the audit log.
	for _, vw := range viewers {
		for _, desc := range []bool{false, true} {
			t.Run(fmt.Sprintf("audit/%s/desc=%t", vw.name, desc), func(t *testing.T) {
				c := as(vw.v)
				full, err := s.AuditLog(c, pledgebook.AuditFilter{Entity: "pledge"})
				if err != nil {
					t.Fatal(err)
				}
				var want []int64
				for _, e := range full {
					want = append(want, e.Seq)
				}
				if desc {
					slices.Reverse(want)
				}
				var got []int64
				f := pledgebook.AuditFilter{Entity: "pledge", Desc: desc, Limit: 3}
				for range 100 {
					es, err := s.AuditLog(c, f)
					if err != nil {
						t.Fatalf("AuditLog(after %d): %v", f.After, err)
					}
					for _, e := range es {
						got = append(got, e.Seq)
					}
					if len(es) < f.Limit {
						break
					}
					f.After = es[len(es)-1].Seq
				}
				if !slices.Equal(got, want) {
					t.Errorf("pages = %v, want %v", got, want)
				}
			})
		}
	}
}

func ids(ps []*pledgebook.Pledge) []int64 {
	out := []int64{}
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

// testSingleReads checks FindDeliveryByID and FindAuditEventBySeq: a
// record the viewer may not see is not found, as a missing one is.
func testSingleReads(t *testing.T, open Opener) {
	s := fresh(t, open)
	open1 := mustCreate(t, s, &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Drones, Item: "open drones", Quantity: ptr[int64](10),
		AnnouncedOn: pledgebook.MustDate("2025-03-01")}, pledgebook.CreatePledgeOptions{})
	secret := mustCreate(t, s, &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Drones, Item: "secret drones", Quantity: ptr[int64](10),
		AnnouncedOn: pledgebook.MustDate("2025-03-01"), Visibility: pledgebook.Confidential}, pledgebook.CreatePledgeOptions{})
	shown := &pledgebook.Delivery{Pledge: open1.ID, DeliveredOn: pledgebook.MustDate("2025-04-01"), Quantity: ptr[int64](1)}
	hidden := &pledgebook.Delivery{Pledge: secret.ID, DeliveredOn: pledgebook.MustDate("2025-04-01"), Quantity: ptr[int64](1)}
	for _, d := range []*pledgebook.Delivery{shown, hidden} {
		if err := s.CreateDelivery(ctx(), d); err != nil {
			t.Fatalf("CreateDelivery: %v", err)
		}
	}
	events, err := s.AuditLog(ctx(), pledgebook.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seqOf := func(entity string) int64 {
		for _, e := range events {
			if e.Entity == entity {
				return e.Seq
			}
		}
		t.Fatalf("no audit event of %s", entity)
		return 0
	}
	tests := []struct {
		name     string
		v        pledgebook.Viewer
		delivery int64
		seq      int64
		found    bool
	}{
		{"admin, public records", admin, shown.ID, seqOf(pledgeEntity(open1.ID)), true},
		{"admin, confidential records", admin, hidden.ID, seqOf(pledgeEntity(secret.ID)), true},
		{"public, public records", public, shown.ID, seqOf(pledgeEntity(open1.ID)), true},
		{"public, confidential records", public, hidden.ID, seqOf(pledgeEntity(secret.ID)), false},
		{"donor, its own confidential records", donorGB, hidden.ID, seqOf(pledgeEntity(secret.ID)), true},
		{"admin, missing records", admin, hidden.ID + 100, events[len(events)-1].Seq + 100, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := s.FindDeliveryByID(as(tt.v), tt.delivery)
			if tt.found {
				if err != nil || d.ID != tt.delivery {
					t.Errorf("FindDeliveryByID(%d) = %+v, %v; want delivery %d", tt.delivery, d, err, tt.delivery)
				}
			} else if pledgebook.ErrorKind(err) != pledgebook.KindNotFound || d != nil {
				t.Errorf("FindDeliveryByID(%d) = %+v, %v; want not found", tt.delivery, d, err)
			}
			e, err := s.FindAuditEventBySeq(as(tt.v), tt.seq)
			if tt.found {
				if err != nil || e.Seq != tt.seq || e.Hash == "" {
					t.Errorf("FindAuditEventBySeq(%d) = %+v, %v; want event %d", tt.seq, e, err, tt.seq)
				}
			} else if pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
				t.Errorf("FindAuditEventBySeq(%d) error = %v, want not found", tt.seq, err)
			}
		})
	}
}

func pledgeEntity(id int64) string { return "pledge/" + itoa(id) }
