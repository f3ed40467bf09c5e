package storetest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"pledgebook"
	"pledgebook/internal/refdata"
)

// The viewers the visibility cases read as: every role, and for the roles
// that belong to a party, one of the parties in the data ("own") and one
// that is not ("other").
var (
	public      = pledgebook.Viewer{}
	viewer      = pledgebook.Viewer{UserID: 9001, Name: "vic", Role: pledgebook.RoleViewer}
	curator     = pledgebook.Viewer{UserID: 9002, Name: "cura", Role: pledgebook.RoleCurator}
	coordinator = pledgebook.Viewer{UserID: 9003, Name: "cora", Role: pledgebook.RoleCoordinator}
	donorGB     = pledgebook.Viewer{UserID: 9004, Name: "gb-officer", Role: pledgebook.RoleDonor, Party: "GB"}
	donorDE     = pledgebook.Viewer{UserID: 9005, Name: "de-officer", Role: pledgebook.RoleDonor, Party: "DE"}
	recipientUA = pledgebook.Viewer{UserID: 9006, Name: "ua-logistics", Role: pledgebook.RoleRecipient, Party: "UA"}
	recipientMD = pledgebook.Viewer{UserID: 9007, Name: "md-logistics", Role: pledgebook.RoleRecipient, Party: "MD"}
	// A donor user of the recipient's country is not the recipient's staff.
	donorUA = pledgebook.Viewer{UserID: 9008, Name: "ua-donor", Role: pledgebook.RoleDonor, Party: "UA"}
)

// viewers names every viewer above, and the suite's admin.
var viewers = []struct {
	name string
	v    pledgebook.Viewer
}{
	{"public", public}, {"viewer", viewer}, {"curator", curator}, {"coordinator", coordinator}, {"admin", admin},
	{"donor GB", donorGB}, {"donor DE", donorDE}, {"recipient UA", recipientUA}, {"recipient MD", recipientMD},
	{"donor UA", donorUA},
}

// matrix is the ledger the visibility cases read: for the donors GB and
// DE, a pledge to UA at each visibility; a confidential pledge of GB to
// MD; a confidential pledge of PL, whose only pledge it is; requirements of
// UA at each visibility and a confidential one of MD; deliveries of every
// visibility on a public pledge and on confidential ones; a source with a
// candidate; a user and a token. Everything is keyed by its Ref.
type matrix struct {
	pledges      map[string]*pledgebook.Pledge
	requirements map[string]*pledgebook.Requirement
	deliveries   map[string]*pledgebook.Delivery
	source       *pledgebook.Source
	candidate    *pledgebook.Candidate
	user         *pledgebook.User
}

func buildMatrix(t *testing.T, s Store) *matrix {
	t.Helper()
	m := &matrix{pledges: map[string]*pledgebook.Pledge{}, requirements: map[string]*pledgebook.Requirement{}, deliveries: map[string]*pledgebook.Delivery{}}
	for _, r := range []struct {
		ref, recipient string
		vis            pledgebook.Visibility
	}{
		{"UA-req-public", "UA", pledgebook.Public}, {"UA-req-restricted", "UA", pledgebook.Restricted},
		{"UA-req-confidential", "UA", pledgebook.Confidential}, {"MD-req-confidential", "MD", pledgebook.Confidential},
	} {
		req := &pledgebook.Requirement{Ref: r.ref, Recipient: r.recipient, Category: pledgebook.AirDefence, Item: "air defence for " + r.ref,
			Quantity: ptr[int64](10), Priority: 1, Visibility: r.vis}
		if err := s.CreateRequirement(ctx(), req); err != nil {
			t.Fatalf("CreateRequirement %s: %v", r.ref, err)
		}
		m.requirements[r.ref] = req
	}
	for _, p := range []struct {
		ref, donor, recipient string
		vis                   pledgebook.Visibility
	}{
		{"GB-public", "GB", "UA", pledgebook.Public}, {"GB-restricted", "GB", "UA", pledgebook.Restricted},
		{"GB-confidential", "GB", "UA", pledgebook.Confidential}, {"DE-public", "DE", "UA", pledgebook.Public},
		{"DE-restricted", "DE", "UA", pledgebook.Restricted}, {"DE-confidential", "DE", "UA", pledgebook.Confidential},
		{"GB-MD-confidential", "GB", "MD", pledgebook.Confidential}, {"PL-confidential", "PL", "UA", pledgebook.Confidential},
	} {
		pl := &pledgebook.Pledge{Ref: p.ref, Donor: p.donor, Recipient: p.recipient, Category: pledgebook.AirDefence, Item: "launchers " + p.ref,
			Quantity: ptr[int64](100), Amount: dec("1000"), Currency: "EUR", AnnouncedOn: pledgebook.MustDate("2025-03-03"), Visibility: p.vis}
		if p.ref == "GB-public" {
			// A public pledge that answers a confidential requirement.
			pl.Requirement = &m.requirements["UA-req-confidential"].ID
		}
		m.pledges[p.ref] = mustCreate(t, s, pl, pledgebook.CreatePledgeOptions{Source: pledgebook.PledgeSource{URL: "https://example.org/" + p.ref}})
	}
	for _, d := range []struct {
		ref, pledge string
		vis         pledgebook.Visibility
	}{
		{"d-public", "GB-public", pledgebook.Public}, {"d-restricted", "GB-public", pledgebook.Restricted},
		{"d-confidential", "GB-public", pledgebook.Confidential}, {"d-public-on-confidential", "GB-confidential", pledgebook.Public},
		{"d-de-confidential", "DE-confidential", pledgebook.Confidential},
	} {
		del := &pledgebook.Delivery{Ref: d.ref, Pledge: m.pledges[d.pledge].ID, DeliveredOn: pledgebook.MustDate("2025-05-05"),
			Quantity: ptr[int64](10), Visibility: d.vis}
		if err := s.CreateDelivery(ctx(), del); err != nil {
			t.Fatalf("CreateDelivery %s: %v", d.ref, err)
		}
		m.deliveries[d.ref] = del
	}
	src, _, err := s.IngestSource(ctx(), reviewIngest())
	if err != nil {
		t.Fatal(err)
	}
	m.source = src
	cs, err := s.FindCandidates(ctx(), pledgebook.CandidateFilter{Source: &src.ID})
	if err != nil || len(cs) == 0 {
		t.Fatalf("FindCandidates = %v, %v", cs, err)
	}
	m.candidate = cs[0]
	m.user = &pledgebook.User{Name: "gb-officer", Role: pledgebook.RoleDonor, Party: "GB"}
	if err := s.CreateUser(ctx(), m.user, testHash); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateToken(ctx(), m.user.ID, "script", tokenHash(1), Now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	return m
}

// refs returns the sorted refs of records, for comparing sets.
func refs[T any](items []T, ref func(T) string) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, ref(it))
	}
	sort.Strings(out)
	return out
}

func pledgeRef(p *pledgebook.Pledge) string           { return p.Ref }
func deliveryRef(d *pledgebook.Delivery) string       { return d.Ref }
func requirementRef(r *pledgebook.Requirement) string { return r.Ref }

func sorted(s ...string) []string {
	slices.Sort(s)
	return s
}

// testVisibilityMatrix checks, for every role and own or other party, which
// records of each visibility each read returns, and that a record hidden
// from a viewer is not found exactly as a missing one is.
func testVisibilityMatrix(t *testing.T, open Opener) {
	s := fresh(t, open)
	m := buildMatrix(t, s)
	allPledges := sorted("GB-public", "GB-restricted", "GB-confidential", "DE-public", "DE-restricted", "DE-confidential", "GB-MD-confidential", "PL-confidential")
	open4 := []string{"GB-public", "GB-restricted", "DE-public", "DE-restricted"}
	allReqs := sorted("UA-req-public", "UA-req-restricted", "UA-req-confidential", "MD-req-confidential")
	allDeliveries := sorted("d-public", "d-restricted", "d-confidential", "d-public-on-confidential", "d-de-confidential")
	tests := []struct {
		name         string
		v            pledgebook.Viewer
		pledges      []string
		requirements []string
		deliveries   []string
		review       bool // sources and candidates
	}{
		{"public", public, sorted("GB-public", "DE-public"), sorted("UA-req-public"), sorted("d-public"), false},
		{"viewer", viewer, sorted(open4...), sorted("UA-req-public", "UA-req-restricted"), sorted("d-public", "d-restricted"), false},
		{"curator", curator, sorted(open4...), sorted("UA-req-public", "UA-req-restricted"), sorted("d-public", "d-restricted"), true},
		{"coordinator", coordinator, allPledges, allReqs, allDeliveries, true},
		{"admin", admin, allPledges, allReqs, allDeliveries, true},
		{"donor, own party", donorGB, sorted(append(open4, "GB-confidential", "GB-MD-confidential")...),
			sorted("UA-req-public", "UA-req-restricted"), sorted("d-public", "d-restricted", "d-confidential", "d-public-on-confidential"), false},
		{"donor, other party", donorDE, sorted(append(open4, "DE-confidential")...),
			sorted("UA-req-public", "UA-req-restricted"), sorted("d-public", "d-restricted", "d-de-confidential"), false},
		{"recipient, own party", recipientUA, sorted(append(open4, "GB-confidential", "DE-confidential", "PL-confidential")...),
			sorted("UA-req-public", "UA-req-restricted", "UA-req-confidential"), allDeliveries, false},
		{"recipient, other party", recipientMD, sorted(append(open4, "GB-MD-confidential")...),
			sorted("UA-req-public", "UA-req-restricted", "MD-req-confidential"), sorted("d-public", "d-restricted"), false},
		{"donor of the recipient's country", donorUA, sorted(open4...), sorted("UA-req-public", "UA-req-restricted"),
			sorted("d-public", "d-restricted"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := as(tt.v)
			ps, total, err := s.FindPledges(c, pledgebook.PledgeFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if got := refs(ps, pledgeRef); !slices.Equal(got, tt.pledges) || total != len(tt.pledges) {
				t.Errorf("FindPledges as %+v = %v (total %d), want %v", tt.v, got, total, tt.pledges)
			}
			// A page counts only what the viewer may see.
			if _, total, err := s.FindPledges(c, pledgebook.PledgeFilter{Limit: 1}); err != nil || total != len(tt.pledges) {
				t.Errorf("FindPledges(limit 1) total = %d, %v; want %d", total, err, len(tt.pledges))
			}
			for _, ref := range allPledges {
				id := m.pledges[ref].ID
				p, err := s.FindPledgeByID(c, id)
				if slices.Contains(tt.pledges, ref) {
					if err != nil || p.Ref != ref {
						t.Errorf("FindPledgeByID(%s) = %v; want it", ref, err)
					}
					continue
				}
				wantNotFound(t, err, fmt.Sprintf("pledge %d not found", id), "FindPledgeByID("+ref+")")
				if ds, err := s.FindDeliveries(c, pledgebook.DeliveryFilter{Pledge: &id}); err != nil || len(ds) != 0 {
					t.Errorf("FindDeliveries of hidden pledge %s = %d deliveries, %v; want none", ref, len(ds), err)
				}
			}
			// A requirement that is missing and one that is hidden fail alike.
			wantNotFound(t, func() error { _, err := s.FindPledgeByID(c, 99999); return err }(), "pledge 99999 not found", "FindPledgeByID(99999)")

			rs, err := s.FindRequirements(c, pledgebook.RequirementFilter{})
			if got := refs(rs, requirementRef); err != nil || !slices.Equal(got, tt.requirements) {
				t.Errorf("FindRequirements = %v, %v; want %v", got, err, tt.requirements)
			}
			for _, ref := range allReqs {
				id := m.requirements[ref].ID
				r, err := s.FindRequirementByID(c, id)
				if slices.Contains(tt.requirements, ref) {
					if err != nil || r.Ref != ref {
						t.Errorf("FindRequirementByID(%s) = %v; want it", ref, err)
					}
					continue
				}
				wantNotFound(t, err, fmt.Sprintf("requirement %d not found", id), "FindRequirementByID("+ref+")")
			}
			// The public pledge answers the confidential requirement only
			// for those who may see that requirement.
			seesReq := slices.Contains(tt.requirements, "UA-req-confidential")
			if p, err := s.FindPledgeByID(c, m.pledges["GB-public"].ID); err != nil || (p.Requirement != nil) != seesReq {
				t.Errorf("GB-public's requirement = %v (%v); want it shown: %v", p.Requirement, err, seesReq)
			}
			reqID := m.requirements["UA-req-confidential"].ID
			if ps, _, err := s.FindPledges(c, pledgebook.PledgeFilter{Requirement: &reqID}); err != nil || (len(ps) == 1) != seesReq || len(ps) > 1 {
				t.Errorf("FindPledges(requirement UA-req-confidential) = %d pledges, %v; want 1 only if the viewer sees it (%v)", len(ps), err, seesReq)
			}

			ds, err := s.FindDeliveries(c, pledgebook.DeliveryFilter{})
			if got := refs(ds, deliveryRef); err != nil || !slices.Equal(got, tt.deliveries) {
				t.Errorf("FindDeliveries = %v, %v; want %v", got, err, tt.deliveries)
			}

			srcs, err := s.FindSources(c)
			cands, cerr := s.FindCandidates(c, pledgebook.CandidateFilter{})
			_, oneErr := s.FindSourceByID(c, m.source.ID)
			_, candErr := s.FindCandidateByID(c, m.candidate.ID)
			if err != nil || cerr != nil || (len(srcs) > 0) != tt.review || (len(cands) > 0) != tt.review ||
				(oneErr == nil) != tt.review || (candErr == nil) != tt.review {
				t.Errorf("review queue: %d sources (%v), %d candidates (%v), source %v, candidate %v; want them seen: %v",
					len(srcs), err, len(cands), cerr, oneErr, candErr, tt.review)
			}
			if !tt.review {
				wantNotFound(t, oneErr, fmt.Sprintf("source %d not found", m.source.ID), "FindSourceByID")
				wantNotFound(t, candErr, fmt.Sprintf("candidate %d not found", m.candidate.ID), "FindCandidateByID")
			}
		})
	}
}

// wantNotFound fails unless err is the not-found error with message msg,
// the one a missing record gives.
func wantNotFound(t testing.TB, err error, msg, what string) {
	t.Helper()
	if pledgebook.ErrorKind(err) != pledgebook.KindNotFound || pledgebook.ErrorMessage(err) != msg {
		t.Errorf("%s: %v; want not found, %q, as for a missing record", what, err, msg)
	}
}

// testVisibilityTotals checks that a delivery hidden from a viewer changes
// nothing they see of its pledge: delivered quantity and value, count,
// status and history, and the reports built from them.
func testVisibilityTotals(t *testing.T, open Opener) {
	s := fresh(t, open)
	day := pledgebook.MustDate("2025-04-01")
	create := func(ref string, qty *int64, amount string) *pledgebook.Pledge {
		return mustCreate(t, s, &pledgebook.Pledge{Ref: ref, Donor: "GB", Category: pledgebook.Artillery, Item: "howitzers " + ref,
			Quantity: qty, Amount: dec(amount), Currency: "EUR", AnnouncedOn: day}, pledgebook.CreatePledgeOptions{})
	}
	deliver := func(p *pledgebook.Pledge, qty *int64, amount string, vis pledgebook.Visibility) {
		t.Helper()
		d := &pledgebook.Delivery{Pledge: p.ID, DeliveredOn: day.AddDays(10), Quantity: qty, Visibility: vis}
		if amount != "" {
			d.Amount, d.Currency = dec(amount), "EUR"
		}
		if err := s.CreateDelivery(ctx(), d); err != nil {
			t.Fatalf("CreateDelivery: %v", err)
		}
	}
	// Three of ten delivered publicly, the other seven confidentially.
	split := create("split", ptr[int64](10), "1000")
	deliver(split, ptr[int64](3), "", pledgebook.Public)
	deliver(split, ptr[int64](7), "", pledgebook.Confidential)
	// All ten delivered confidentially.
	hidden := create("hidden", ptr[int64](10), "1000")
	deliver(hidden, ptr[int64](10), "", pledgebook.Confidential)
	// Money only: 200 delivered publicly, 500 restricted.
	money := create("money", nil, "1000")
	deliver(money, nil, "200", pledgebook.Public)
	deliver(money, nil, "500", pledgebook.Restricted)

	type view struct {
		status            pledgebook.Status
		history           int
		deliveredQuantity int64
		deliveredEUR      string
		deliveries        int
	}
	tests := []struct {
		viewer pledgebook.Viewer
		ref    string
		want   view
	}{
		// The confidential delivery neither counts for the public nor moves
		// the pledge: it would give itself away in the status.
		{public, "split", view{pledgebook.Delivering, 2, 3, "300", 1}},
		{donorGB, "split", view{pledgebook.Delivering, 2, 10, "1000", 2}},
		{donorDE, "split", view{pledgebook.Delivering, 2, 3, "300", 1}},
		{public, "hidden", view{pledgebook.Announced, 1, 0, "0", 0}},
		{recipientUA, "hidden", view{pledgebook.Announced, 1, 10, "1000", 1}},
		{public, "money", view{pledgebook.Delivering, 2, 0, "200", 1}},
		{viewer, "money", view{pledgebook.Delivering, 2, 0, "700", 2}},
	}
	for _, tt := range tests {
		ps, _, err := s.FindPledges(as(tt.viewer), pledgebook.PledgeFilter{Ref: &tt.ref})
		if err != nil || len(ps) != 1 {
			t.Fatalf("FindPledges(%s) as %s = %d, %v", tt.ref, tt.viewer.Name, len(ps), err)
		}
		p := ps[0]
		got := view{p.Status, len(p.History), p.DeliveredQuantity, p.DeliveredEUR.String(), p.Deliveries}
		if got != tt.want {
			t.Errorf("pledge %s as %q: %+v, want %+v", tt.ref, tt.viewer.Name, got, tt.want)
		}
		byID, err := s.FindPledgeByID(as(tt.viewer), p.ID)
		if err != nil || byID.DeliveredQuantity != p.DeliveredQuantity || !byID.DeliveredEUR.Equal(*p.DeliveredEUR) {
			t.Errorf("FindPledgeByID(%s) as %q disagrees with FindPledges: %+v, %v", tt.ref, tt.viewer.Name, byID, err)
		}
	}
	// The public's report adds up what the public may see.
	ps, _, err := s.FindPledges(as(public), pledgebook.PledgeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	r := pledgebook.TotalsBy(ps, pledgebook.EUR, func(p *pledgebook.Pledge) string { return p.Donor }, func(k string) string { return k })
	if r.Total.Pledged.String() != "3000" || r.Total.Delivered.String() != "500" || r.Total.Outstanding.String() != "2500" {
		t.Errorf("public totals: pledged %s delivered %s outstanding %s; want 3000, 500 (300 + 0 + 200), 2500",
			r.Total.Pledged, r.Total.Delivered, r.Total.Outstanding)
	}

	// A donor whose only pledge is hidden is not named as a donor.
	mustCreate(t, s, &pledgebook.Pledge{Donor: "PL", Category: pledgebook.Ammunition, Item: "shells", Quantity: ptr[int64](5),
		AnnouncedOn: day, Visibility: pledgebook.Confidential}, pledgebook.CreatePledgeOptions{})
	for _, c := range []struct {
		v    pledgebook.Viewer
		want string
	}{{public, "GB"}, {donorDE, "GB"}, {admin, "GB,PL"}, {recipientUA, "GB,PL"}} {
		parties, err := s.FindParties(as(c.v), pledgebook.PartyFilter{Donors: true})
		if got := strings.Join(refs(parties, func(p pledgebook.Party) string { return p.Code }), ","); err != nil || got != c.want {
			t.Errorf("FindParties(donors) as %q = %s, %v; want %s", c.v.Name, got, err, c.want)
		}
	}
}

// testVisibilityAudit checks that the audit log shows a viewer only the
// events of records they may see, and never those of users and tokens.
func testVisibilityAudit(t *testing.T, open Opener) {
	s := fresh(t, open)
	m := buildMatrix(t, s)
	all, err := s.AuditLog(ctx(), pledgebook.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	entityOf := map[string]string{} // audit entity → the ref of the record, "" for reference data
	for ref, p := range m.pledges {
		entityOf["pledge/"+itoa(p.ID)] = ref
	}
	for ref, d := range m.deliveries {
		entityOf["delivery/"+itoa(d.ID)] = ref
	}
	for ref, r := range m.requirements {
		entityOf["requirement/"+itoa(r.ID)] = ref
	}
	for _, vw := range viewers {
		t.Run(vw.name, func(t *testing.T) {
			c := as(vw.v)
			lv := readAs(t, s, vw.v)
			ps, ds, rs := lv.pledges, lv.deliveries, lv.requirements
			sees := map[string]bool{}
			for _, r := range append(append(refs(ps, pledgeRef), refs(ds, deliveryRef)...), refs(rs, requirementRef)...) {
				sees[r] = true
			}
			want := 0
			for _, e := range all {
				kind, _, _ := strings.Cut(e.Entity, "/")
				visible := vw.v.SeesAll()
				switch kind {
				case "party", "meeting", "coalition":
					visible = true
				case "source", "candidate":
					visible = vw.v.CanReview()
				case "pledge", "delivery", "requirement":
					visible = sees[entityOf[e.Entity]]
				}
				if visible {
					want++
				}
			}
			got, err := s.AuditLog(c, pledgebook.AuditFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range got {
				kind, _, _ := strings.Cut(e.Entity, "/")
				switch kind {
				case "user", "token":
					if !vw.v.SeesAll() {
						t.Errorf("event %d of %s shown to %q", e.Seq, e.Entity, vw.name)
					}
				case "source", "candidate":
					if !vw.v.CanReview() {
						t.Errorf("event %d of %s shown to %q", e.Seq, e.Entity, vw.name)
					}
				case "pledge", "delivery", "requirement":
					if !sees[entityOf[e.Entity]] {
						t.Errorf("event %d of %s (%s) shown to %q, who may not see it", e.Seq, e.Entity, entityOf[e.Entity], vw.name)
					}
				}
			}
			if len(got) != want {
				t.Errorf("AuditLog as %q = %d events, want %d", vw.name, len(got), want)
			}
			// Filters and limits apply to what the viewer may see.
			hidden := "pledge/" + itoa(m.pledges["GB-confidential"].ID)
			one, err := s.AuditLog(c, pledgebook.AuditFilter{Entity: hidden})
			if err != nil || (len(one) > 0) != sees["GB-confidential"] {
				t.Errorf("AuditLog(%s) = %d events, %v; want events only if the viewer sees it", hidden, len(one), err)
			}
			if lim, err := s.AuditLog(c, pledgebook.AuditFilter{Entity: "pledge", Limit: 2}); err != nil || len(lim) > 2 {
				t.Errorf("AuditLog(pledge, limit 2) = %d events, %v", len(lim), err)
			}
		})
	}
	// Verification still sees everything.
	if r, err := s.VerifyAudit(as(public)); err != nil || !r.OK || r.Events != int64(len(all)) {
		t.Errorf("VerifyAudit as the public = %+v, %v; want OK over all %d events", r, err, len(all))
	}
}

// testVisibilityWrites checks that writes tell their caller nothing about
// records the caller may not see, and still see everything themselves.
func testVisibilityWrites(t *testing.T, open Opener) {
	s := fresh(t, open)
	m := buildMatrix(t, s)
	hidden := m.pledges["GB-confidential"]
	before := count(t, s)

	// The duplicate check finds a hidden pledge but does not name it.
	dup := &pledgebook.Pledge{Donor: "GB", Category: hidden.Category, Item: hidden.Item, Quantity: hidden.Quantity,
		AnnouncedOn: hidden.AnnouncedOn}
	err := s.CreatePledge(as(curator), dup, pledgebook.CreatePledgeOptions{})
	wantKind(t, err, pledgebook.KindConflict, "")
	if msg := pledgebook.ErrorMessage(err); msg != "this looks like a pledge you cannot see; ask a coordinator" {
		t.Errorf("duplicate of a hidden pledge: %q; want it not to describe the pledge", msg)
	}
	if strings.Contains(err.Error(), itoa(hidden.ID)) || strings.Contains(err.Error(), "launchers") {
		t.Errorf("duplicate of a hidden pledge: %v gives the pledge away", err)
	}
	// Those who may see it are told which it is.
	dup = &pledgebook.Pledge{Donor: "GB", Category: hidden.Category, Item: hidden.Item, Quantity: hidden.Quantity, AnnouncedOn: hidden.AnnouncedOn}
	if err := s.CreatePledge(as(donorGB), dup, pledgebook.CreatePledgeOptions{}); !strings.Contains(pledgebook.ErrorMessage(err), "looks like pledge "+itoa(hidden.ID)) {
		t.Errorf("duplicate as the donor: %v; want it to name pledge %d", err, hidden.ID)
	}

	// A taken ref is a conflict for anyone, but only those who see
	// everything are told which record has it.
	err = s.CreatePledge(as(donorDE), &pledgebook.Pledge{Ref: "GB-confidential", Donor: "DE", Category: pledgebook.Drones, Item: "new drones",
		Quantity: ptr[int64](3), AnnouncedOn: pledgebook.MustDate("2025-06-01")}, pledgebook.CreatePledgeOptions{})
	if msg := pledgebook.ErrorMessage(err); msg != `ref: "GB-confidential" is already used by another record` {
		t.Errorf("a ref taken by a hidden pledge: %q; want it not to name the record", msg)
	}

	// A write to a hidden pledge fails as one to a missing pledge.
	missing := int64(99999)
	for _, id := range []int64{hidden.ID, missing} {
		_, err := s.SetPledgeStatus(as(donorDE), id, pledgebook.StatusMove{To: pledgebook.Committed, On: pledgebook.MustDate("2025-06-01")})
		wantNotFound(t, err, fmt.Sprintf("pledge %d not found", id), "SetPledgeStatus")
		_, err = s.LinkPledge(as(public), id, pledgebook.PledgeSource{URL: "https://example.org/again", AnnouncedOn: pledgebook.MustDate("2025-06-01")})
		wantNotFound(t, err, fmt.Sprintf("pledge %d not found", id), "LinkPledge")
		// Not even its quantity leaks through a delivery that is too large.
		err = s.CreateDelivery(as(donorDE), &pledgebook.Delivery{Pledge: id, DeliveredOn: pledgebook.MustDate("2025-06-01"), Quantity: ptr[int64](1000000)})
		wantKind(t, err, pledgebook.KindInvalid, "pledge")
		if msg := pledgebook.ErrorMessage(err); msg != fmt.Sprintf("pledge: unknown pledge %d", id) {
			t.Errorf("CreateDelivery to pledge %d: %q; want it unknown", id, msg)
		}
	}
	// A hidden requirement is unknown to a new pledge.
	req := m.requirements["UA-req-confidential"].ID
	err = s.CreatePledge(as(donorDE), &pledgebook.Pledge{Donor: "DE", Category: pledgebook.Drones, Item: "new drones", Quantity: ptr[int64](3),
		AnnouncedOn: pledgebook.MustDate("2025-06-01"), Requirement: &req}, pledgebook.CreatePledgeOptions{})
	if msg := pledgebook.ErrorMessage(err); msg != fmt.Sprintf("requirement: unknown requirement %d", req) {
		t.Errorf("CreatePledge answering a hidden requirement: %q; want it unknown", msg)
	}
	// The review queue is not there for those who may not review.
	_, err = s.RejectCandidate(as(donorGB), m.candidate.ID, "not a pledge")
	wantNotFound(t, err, fmt.Sprintf("candidate %d not found", m.candidate.ID), "RejectCandidate")
	_, err = s.LinkCandidate(as(curator), m.candidate.ID, hidden.ID, pledgebook.Date{})
	if msg := pledgebook.ErrorMessage(err); msg != fmt.Sprintf("pledge: unknown pledge %d", hidden.ID) {
		t.Errorf("LinkCandidate to a hidden pledge: %q; want it unknown", msg)
	}
	if after := count(t, s); after != before {
		t.Errorf("refused writes changed the store: %+v → %+v", before, after)
	}
	// The writes that are allowed still work, and see everything.
	if _, err := s.SetPledgeStatus(as(donorGB), hidden.ID, pledgebook.StatusMove{To: pledgebook.Delivered, On: pledgebook.MustDate("2025-06-01")}); err != nil {
		t.Errorf("SetPledgeStatus by the pledge's own donor: %v", err)
	}
}

// testVisibilityProperty is the property that visibility must hold: for
// random ledgers and every viewer, nothing a viewer reads contains, or
// changes because of, a record they may not see.
//
// For each seed it builds a ledger A of about thirty records of random
// visibility, parties, quantities and values. Then, for each viewer:
//
//  1. what the viewer reads from A equals what the full ledger (read by an
//     admin) gives once filtered by Viewer.CanSee: the same pledges,
//     requirements and deliveries, and the same TotalsBy report when each
//     pledge is tallied from the deliveries the viewer may see;
//  2. what the viewer reads from A equals what an admin reads from a
//     ledger B made of only the records the viewer may see: the same
//     pledges with the same status, history and delivered totals, and the
//     same totals, coverage and timeline reports. Since B never held the
//     hidden records, nothing in these reads can depend on them.
func testVisibilityProperty(t *testing.T, open Opener) {
	for _, seed := range []uint64{1, 2, 3, 4} {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			w := genWorld(seed)
			a := open(t)
			w.load(t, a, func(any) bool { return true })
			full := readAs(t, a, admin)
			built := map[string]ledgerView{} // B's view, by which records it holds
			for _, vw := range viewers {
				got := readAs(t, a, vw.v)

				// 1: the full ledger filtered by CanSee.
				want := full.filter(vw.v)
				if g, e := got.pledgeRefs(), want.pledgeRefs(); !slices.Equal(g, e) {
					t.Errorf("%s: pledges %v, want %v", vw.name, g, e)
				}
				if g, e := refs(got.deliveries, deliveryRef), refs(want.deliveries, deliveryRef); !slices.Equal(g, e) {
					t.Errorf("%s: deliveries %v, want %v", vw.name, g, e)
				}
				if g, e := refs(got.requirements, requirementRef), refs(want.requirements, requirementRef); !slices.Equal(g, e) {
					t.Errorf("%s: requirements %v, want %v", vw.name, g, e)
				}
				if g, e := got.totals(), want.totals(); g != e {
					t.Errorf("%s: totals over FindPledges\n%s\nwant, from the full ledger filtered by CanSee,\n%s", vw.name, g, e)
				}

				// 2: a ledger that never held what the viewer may not see.
				keep := w.visibleTo(vw.v)
				key := w.key(keep)
				b, ok := built[key]
				if !ok {
					bs := open(t)
					w.load(t, bs, keep)
					b = readAs(t, bs, admin)
					built[key] = b
				}
				if g, e := got.describe(), b.describe(); g != e {
					t.Errorf("%s: reads differ from a ledger without the hidden records\ngot:\n%s\nwant:\n%s", vw.name, g, e)
				}
			}
		})
	}
}

// world is a random ledger, as the records to create, in order.
type world struct {
	requirements []*pledgebook.Requirement
	pledges      []genPledge
	deliveries   []genDelivery
}

type genPledge struct {
	p   pledgebook.Pledge
	req int // index into requirements, -1 for none
}

type genDelivery struct {
	d      pledgebook.Delivery
	pledge int // index into pledges
}

// worldParties are the parties random ledgers use: donors, and the two
// recipients.
var worldParties = []string{"GB", "DE", "PL", "FR", "UA", "MD"}

func genWorld(seed uint64) *world {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	vis := func() pledgebook.Visibility {
		return pledgebook.Visibility(pick("public", "restricted", "confidential"))
	}
	day := func(from pledgebook.Date, within int) pledgebook.Date { return from.AddDays(rng.IntN(within)) }
	start := pledgebook.MustDate("2025-01-06")
	cats := []pledgebook.Category{pledgebook.Drones, pledgebook.Artillery, pledgebook.AirDefence}
	w := &world{}
	for i := range 5 {
		r := &pledgebook.Requirement{Ref: fmt.Sprintf("r%d", i), Recipient: pick("UA", "UA", "MD"), Category: cats[rng.IntN(len(cats))],
			Item: fmt.Sprintf("need %d", i), Quantity: ptr(int64(10 + rng.IntN(90))), Priority: 1 + rng.IntN(5), Visibility: vis()}
		if rng.IntN(2) == 0 {
			r.Amount, r.Currency = dec(fmt.Sprint(1000*(1+rng.IntN(50)))), "EUR"
		}
		w.requirements = append(w.requirements, r)
	}
	for i := range 15 {
		p := pledgebook.Pledge{Ref: fmt.Sprintf("p%d", i), Donor: pick("GB", "DE", "PL", "FR"), Recipient: pick("UA", "UA", "UA", "MD"),
			Category: cats[rng.IntN(len(cats))], Item: fmt.Sprintf("item %d", i), AnnouncedOn: day(start, 200), Visibility: vis(),
			Status: pledgebook.Status(pick("announced", "announced", "committed", "contracted", "cancelled"))}
		switch rng.IntN(3) {
		case 0:
			p.Quantity = ptr(int64(1 + rng.IntN(50)))
		case 1:
			p.Amount, p.Currency = dec(fmt.Sprint(500*(1+rng.IntN(100)))), "EUR"
		default:
			p.Quantity = ptr(int64(1 + rng.IntN(50)))
			p.Amount, p.Currency = dec(fmt.Sprint(500*(1+rng.IntN(100)))), "EUR"
		}
		g := genPledge{p: p, req: -1}
		if rng.IntN(2) == 0 {
			g.req = rng.IntN(len(w.requirements))
		}
		w.pledges = append(w.pledges, g)
	}
	delivered := make([]int64, len(w.pledges))
	for i := 0; len(w.deliveries) < 10 && i < 100; i++ {
		pi := rng.IntN(len(w.pledges))
		p := w.pledges[pi].p
		if p.Status == pledgebook.Cancelled {
			continue
		}
		d := pledgebook.Delivery{Ref: fmt.Sprintf("d%d", len(w.deliveries)), DeliveredOn: day(p.AnnouncedOn, 120), Visibility: vis()}
		if p.Quantity != nil {
			left := *p.Quantity - delivered[pi]
			if left == 0 {
				continue
			}
			n := 1 + rng.Int64N(left)
			if rng.IntN(3) == 0 {
				n = left // sometimes the rest, which may complete the pledge
			}
			d.Quantity, delivered[pi] = ptr(n), delivered[pi]+n
		}
		if p.Quantity == nil || rng.IntN(3) == 0 {
			d.Amount, d.Currency = dec(fmt.Sprint(100*(1+rng.IntN(40)))), "EUR"
		}
		w.deliveries = append(w.deliveries, genDelivery{d: d, pledge: pi})
	}
	return w
}

// visibleTo returns whether v may see each record of w: a requirement by
// its recipient, a pledge by its parties, a delivery when v may see both
// it and its pledge.
func (w *world) visibleTo(v pledgebook.Viewer) func(any) bool {
	return func(rec any) bool {
		switch r := rec.(type) {
		case *pledgebook.Requirement:
			return v.CanSee(r.Visibility, "", r.Recipient)
		case genPledge:
			return v.CanSee(r.p.Visibility, r.p.Donor, r.p.Recipient)
		case genDelivery:
			p := w.pledges[r.pledge].p
			return v.CanSee(p.Visibility, p.Donor, p.Recipient) && v.CanSee(r.d.Visibility, p.Donor, p.Recipient)
		}
		panic(fmt.Sprintf("unknown record %T", rec))
	}
}

// key names the set of records keep selects.
func (w *world) key(keep func(any) bool) string {
	var b strings.Builder
	for _, r := range w.requirements {
		fmt.Fprint(&b, keep(r), " ")
	}
	for _, p := range w.pledges {
		fmt.Fprint(&b, keep(p), " ")
	}
	for _, d := range w.deliveries {
		fmt.Fprint(&b, keep(d), " ")
	}
	return b.String()
}

// load creates the records of w that keep selects into s, in w's order, as
// an admin. A pledge's link to a requirement that is not kept is dropped,
// as reads drop it for a viewer who may not see the requirement.
func (w *world) load(t testing.TB, s Store, keep func(any) bool) {
	t.Helper()
	var ref pledgebook.Reference
	for _, p := range refdata.Parties() {
		if slices.Contains(worldParties, p.Code) {
			ref.Parties = append(ref.Parties, p)
		}
	}
	if _, err := s.SyncReference(ctx(), ref); err != nil {
		t.Fatal(err)
	}
	reqIDs := map[int]int64{}
	for i, r := range w.requirements {
		if !keep(r) {
			continue
		}
		c := *r
		if err := s.CreateRequirement(ctx(), &c); err != nil {
			t.Fatalf("CreateRequirement %s: %v", r.Ref, err)
		}
		reqIDs[i] = c.ID
	}
	pledgeIDs := map[int]int64{}
	for i, g := range w.pledges {
		if !keep(g) {
			continue
		}
		p := g.p
		if id, ok := reqIDs[g.req]; ok {
			p.Requirement = &id
		}
		if err := s.CreatePledge(ctx(), &p, pledgebook.CreatePledgeOptions{Force: true}); err != nil {
			t.Fatalf("CreatePledge %s: %v", p.Ref, err)
		}
		pledgeIDs[i] = p.ID
	}
	for _, g := range w.deliveries {
		if !keep(g) {
			continue
		}
		d := g.d
		d.Pledge = pledgeIDs[g.pledge]
		if err := s.CreateDelivery(ctx(), &d); err != nil {
			t.Fatalf("CreateDelivery %s: %v", d.Ref, err)
		}
	}
}

// ledgerView is what one viewer reads of a ledger.
type ledgerView struct {
	pledges      []*pledgebook.Pledge
	total        int
	deliveries   []*pledgebook.Delivery
	requirements []*pledgebook.Requirement
	donors       []string
}

func readAs(t *testing.T, s Store, v pledgebook.Viewer) ledgerView {
	t.Helper()
	c := as(v)
	var lv ledgerView
	var err error
	if lv.pledges, lv.total, err = s.FindPledges(c, pledgebook.PledgeFilter{}); err != nil {
		t.Fatal(err)
	}
	if lv.deliveries, err = s.FindDeliveries(c, pledgebook.DeliveryFilter{}); err != nil {
		t.Fatal(err)
	}
	if lv.requirements, err = s.FindRequirements(c, pledgebook.RequirementFilter{}); err != nil {
		t.Fatal(err)
	}
	parties, err := s.FindParties(c, pledgebook.PartyFilter{Donors: true})
	if err != nil {
		t.Fatal(err)
	}
	lv.donors = refs(parties, func(p pledgebook.Party) string { return p.Code })
	return lv
}

func (lv ledgerView) pledgeRefs() []string { return refs(lv.pledges, pledgeRef) }

// filter returns the full ledger lv as v may see it, by Viewer.CanSee
// alone: the records v may see, each pledge tallied from the deliveries v
// may see.
func (lv ledgerView) filter(v pledgebook.Viewer) ledgerView {
	out := ledgerView{}
	byID := map[int64]*pledgebook.Pledge{}
	for _, p := range lv.pledges {
		if v.CanSee(p.Visibility, p.Donor, p.Recipient) {
			c := *p
			out.pledges = append(out.pledges, &c)
			byID[p.ID] = &c
		}
	}
	ds := map[int64][]*pledgebook.Delivery{}
	for _, d := range lv.deliveries {
		if p := byID[d.Pledge]; p != nil && v.CanSee(d.Visibility, p.Donor, p.Recipient) {
			out.deliveries = append(out.deliveries, d)
			ds[p.ID] = append(ds[p.ID], d)
		}
	}
	for _, p := range out.pledges {
		p.Tally(ds[p.ID])
	}
	for _, r := range lv.requirements {
		if v.CanSee(r.Visibility, "", r.Recipient) {
			out.requirements = append(out.requirements, r)
		}
	}
	return out
}

// totals is the TotalsBy reports of the pledges, by donor and by
// capability area, in EUR and USD, as JSON.
func (lv ledgerView) totals() string {
	var b strings.Builder
	name := func(k string) string { return k }
	for _, basis := range []pledgebook.Basis{pledgebook.EUR, pledgebook.USD} {
		for _, key := range []func(*pledgebook.Pledge) string{
			func(p *pledgebook.Pledge) string { return p.Donor },
			func(p *pledgebook.Pledge) string { return string(p.Category) },
		} {
			j, _ := json.Marshal(pledgebook.TotalsBy(lv.pledges, basis, key, name))
			b.Write(j)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// describe is everything a viewer reads that does not depend on record
// ids, which differ between two ledgers: each pledge by its ref with its
// status, history, delivered totals and the requirement it answers (by
// ref); the deliveries and requirements by ref; the donors; and the
// totals, coverage and timeline reports.
func (lv ledgerView) describe() string {
	var b strings.Builder
	reqRef := map[int64]string{}
	for _, r := range lv.requirements {
		reqRef[r.ID] = r.Ref
	}
	fmt.Fprintf(&b, "%d pledges\n", lv.total)
	ps := slices.Clone(lv.pledges)
	slices.SortFunc(ps, func(a, b *pledgebook.Pledge) int { return strings.Compare(a.Ref, b.Ref) })
	for _, p := range ps {
		req := "-"
		if p.Requirement != nil {
			req = reqRef[*p.Requirement]
			if req == "" {
				req = "hidden requirement " + itoa(*p.Requirement)
			}
		}
		var hist []string
		for _, h := range p.History {
			hist = append(hist, fmt.Sprintf("%s>%s@%s", h.From, h.To, h.On))
		}
		fmt.Fprintf(&b, "%s %s v%d [%s] delivered %d in %d, EUR %v USD %v, answers %s\n", p.Ref, p.Status, p.Version,
			strings.Join(hist, " "), p.DeliveredQuantity, p.Deliveries, p.DeliveredEUR, p.DeliveredUSD, req)
	}
	fmt.Fprintf(&b, "deliveries %v\nrequirements %v\ndonors %v\n", refs(lv.deliveries, deliveryRef), refs(lv.requirements, requirementRef), lv.donors)
	b.WriteString(lv.totals())
	for _, basis := range []pledgebook.Basis{pledgebook.EUR, pledgebook.USD} {
		cov := pledgebook.Coverage(lv.requirements, lv.pledges, basis)
		for i := range cov.Requirements {
			cov.Requirements[i].Requirement = 0 // an id; the row's item names it
		}
		j, _ := json.Marshal(cov)
		b.Write(j)
		b.WriteByte('\n')
		j, _ = json.Marshal(pledgebook.Timeline(lv.pledges, lv.deliveries, basis))
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}
