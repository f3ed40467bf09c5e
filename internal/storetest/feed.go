package storetest

import (
	"testing"
	"time"

	"pledgebook"
)

// testPledgeChanges checks FindPledgeChanges: newest change first, the
// last event's action, the selections, visibility and the limit.
func testPledgeChanges(t *testing.T, open Opener) {
	s := fresh(t, open)
	gb := mustCreate(t, s, seedPledge(), pledgebook.CreatePledgeOptions{})
	de := &pledgebook.Pledge{Donor: "DE", Category: pledgebook.AirDefence, Item: "IRIS-T SLM", Quantity: ptr[int64](2),
		AnnouncedOn: pledgebook.MustDate("2025-04-11"), Meeting: "udcg-27"}
	mustCreate(t, s, de, pledgebook.CreatePledgeOptions{})
	secret := &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Drones, Item: "secret drones", Quantity: ptr[int64](5),
		AnnouncedOn: pledgebook.MustDate("2025-06-04"), Visibility: pledgebook.Confidential}
	mustCreate(t, s, secret, pledgebook.CreatePledgeOptions{})

	ids := func(cs []pledgebook.PledgeChange) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, c.Pledge.ID)
		}
		return out
	}
	find := func(v pledgebook.Viewer, f pledgebook.PledgeFilter) []pledgebook.PledgeChange {
		t.Helper()
		cs, err := s.FindPledgeChanges(as(v), f)
		if err != nil {
			t.Fatalf("FindPledgeChanges(%+v) as %s: %v", f, v.Name, err)
		}
		return cs
	}
	same := func(name string, got []pledgebook.PledgeChange, want ...int64) {
		t.Helper()
		g := ids(got)
		if len(g) != len(want) {
			t.Fatalf("%s: got pledges %v, want %v", name, g, want)
		}
		for i := range g {
			if g[i] != want[i] {
				t.Fatalf("%s: got pledges %v, want %v", name, g, want)
			}
		}
	}

	before := find(public, pledgebook.PledgeFilter{})
	same("public, all", before, de.ID, gb.ID)
	if before[0].Action != "create" || before[0].Pledge.Item != "IRIS-T SLM" || before[0].At.IsZero() || before[0].Seq <= before[1].Seq {
		t.Fatalf("public, all: first change %+v, want DE's creation, newer than the second", before[0])
	}
	same("admin, all", find(admin, pledgebook.PledgeFilter{}), secret.ID, de.ID, gb.ID)

	if _, err := s.SetPledgeStatus(ctx(), gb.ID, pledgebook.StatusMove{To: pledgebook.Committed, On: pledgebook.MustDate("2025-07-01")}); err != nil {
		t.Fatal(err)
	}
	after := find(public, pledgebook.PledgeFilter{})
	same("public, after a status move", after, gb.ID, de.ID)
	if after[0].Action != "status" || after[0].Pledge.Status != pledgebook.Committed || after[0].Seq <= before[0].Seq {
		t.Fatalf("status move: first change %+v, want GB's status event, newer than %d", after[0], before[0].Seq)
	}
	if len(after[0].Pledge.History) != 2 {
		t.Errorf("status move: pledge history %v, want the pledge filled in as FindPledges fills it", after[0].Pledge.History)
	}

	// A re-announcement at a meeting puts the pledge in that meeting's
	// selection too.
	if _, err := s.LinkPledge(ctx(), de.ID, pledgebook.PledgeSource{URL: "https://example.org/again", AnnouncedOn: pledgebook.MustDate("2025-06-04"), Meeting: "udcg-28"}); err != nil {
		t.Fatal(err)
	}
	sel := func(k pledgebook.SelectionKind, key string) pledgebook.PledgeFilter {
		return pledgebook.Selection{Kind: k, Key: key}.Filter()
	}
	same("donor GB, public", find(public, sel(pledgebook.SelectDonor, "GB")), gb.ID)
	same("donor GB, admin", find(admin, sel(pledgebook.SelectDonor, "GB")), gb.ID, secret.ID)
	same("area air defence", find(public, sel(pledgebook.SelectArea, "air_defence")), de.ID)
	same("meeting udcg-28", find(public, sel(pledgebook.SelectMeeting, "udcg-28")), de.ID, gb.ID)
	same("meeting udcg-27", find(public, sel(pledgebook.SelectMeeting, "udcg-27")), de.ID)
	same("unknown donor", find(public, sel(pledgebook.SelectDonor, "FR")))
	same("limit", find(public, pledgebook.PledgeFilter{Limit: 1}), de.ID)
	if c := find(public, pledgebook.PledgeFilter{Limit: 1})[0]; c.Action != "link" {
		t.Errorf("after a link: action %q, want link", c.Action)
	}

	// A pledge made restricted leaves the public's changes, though its
	// last change is the newest of all.
	restricted := pledgebook.Restricted
	if _, err := s.UpdatePledge(ctx(), gb.ID, pledgebook.PledgeUpdate{Visibility: &restricted}, after[0].Pledge.Version); err != nil {
		t.Fatal(err)
	}
	same("public, after restricting", find(public, pledgebook.PledgeFilter{}), de.ID)
	same("viewer, after restricting", find(viewer, pledgebook.PledgeFilter{}), gb.ID, de.ID)

	// With time passing, the limit still keeps the newest changes, ties
	// and all: a later pledge, then an older one changed again.
	advance(t, 2*time.Minute)
	later := &pledgebook.Pledge{Donor: "FR", Category: pledgebook.Artillery, Item: "CAESAR howitzers", Quantity: ptr[int64](6), AnnouncedOn: pledgebook.MustDate("2025-06-04")}
	mustCreate(t, s, later, pledgebook.CreatePledgeOptions{})
	same("limit 1 after time passed", find(public, pledgebook.PledgeFilter{Limit: 1}), later.ID)
	same("limit 2 after time passed", find(public, pledgebook.PledgeFilter{Limit: 2}), later.ID, de.ID)
	advance(t, 2*time.Minute)
	if _, err := s.SetPledgeStatus(ctx(), de.ID, pledgebook.StatusMove{To: pledgebook.Committed, On: pledgebook.MustDate("2025-07-01")}); err != nil {
		t.Fatal(err)
	}
	same("limit 2 after a move", find(public, pledgebook.PledgeFilter{Limit: 2}), de.ID, later.ID)
	same("donor FR, limit 1", find(public, pledgebook.PledgeFilter{Donor: ptr("FR"), Limit: 1}), later.ID)
}
