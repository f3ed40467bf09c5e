package storetest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// testSortSearch checks the listing's orders and its text search: every
// order sorts by its key with ties by ID, in either direction; keyset
// paging in that order gives exactly the full listing, as any viewer and
// with a search; and the search matches item or notes ignoring case, its
// wildcard characters only themselves.
func testSortSearch(t *testing.T, open Opener) {
	s := fresh(t, open)
	donors := []string{"PL", "DE", "GB", "FR"}
	// Values repeat (ties), some pledges have none, and one value is large
	// enough that a text comparison would put it first.
	values := []string{"5000000", "", "250000.5", "5000000", "", "12000000000", "0.5", "250000.5"}
	moves := []pledgebook.Status{pledgebook.Committed, pledgebook.Cancelled, pledgebook.Contracted}
	for i := range 16 {
		p := &pledgebook.Pledge{Donor: donors[i%4], Category: pledgebook.Categories[i%3].Code, Item: fmt.Sprintf("sorted item %d", i),
			Quantity: ptr(int64(i + 1)), AnnouncedOn: pledgebook.MustDate("2025-03-01").AddDays(i % 5)}
		if v := values[i%len(values)]; v != "" {
			p.Amount, p.Currency = dec(v), "EUR"
		}
		switch i % 6 {
		case 1:
			p.Notes = "Funded under the Danish MODEL"
		case 2:
			p.Item = fmt.Sprintf("50%% share_%d of SHELLS", i)
		case 3:
			p.Item = fmt.Sprintf("Überwachungsradar Nr. %d", i)
		}
		if i%5 == 3 {
			p.Visibility = pledgebook.Confidential
		}
		p = mustCreate(t, s, p, pledgebook.CreatePledgeOptions{})
		if i%4 == 1 {
			to := moves[i%3]
			if _, err := s.SetPledgeStatus(ctx(), p.ID, pledgebook.StatusMove{To: to, On: p.AnnouncedOn}); err != nil {
				t.Fatalf("SetPledgeStatus(%d, %s): %v", p.ID, to, err)
			}
		}
	}
	value := func(p *pledgebook.Pledge) decimal.Decimal {
		if p.AmountEUR == nil {
			return decimal.NewFromInt(-1)
		}
		return *p.AmountEUR
	}
	rank := func(p *pledgebook.Pledge) int { return slices.Index(pledgebook.Statuses, p.Status) }
	orders := []struct {
		sort pledgebook.PledgeSort
		cmp  func(a, b *pledgebook.Pledge) int
	}{
		{"", func(a, b *pledgebook.Pledge) int { return a.AnnouncedOn.Compare(b.AnnouncedOn) }},
		{pledgebook.SortAnnounced, func(a, b *pledgebook.Pledge) int { return a.AnnouncedOn.Compare(b.AnnouncedOn) }},
		{pledgebook.SortDonor, func(a, b *pledgebook.Pledge) int { return cmp.Compare(a.Donor, b.Donor) }},
		{pledgebook.SortValue, func(a, b *pledgebook.Pledge) int { return value(a).Cmp(value(b)) }},
		{pledgebook.SortStatus, func(a, b *pledgebook.Pledge) int { return cmp.Compare(rank(a), rank(b)) }},
	}
	all, _, err := s.FindPledges(ctx(), pledgebook.PledgeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	viewers := []struct {
		name string
		v    pledgebook.Viewer
	}{{"admin", admin}, {"public", public}}
	searches := []*string{nil, ptr("model")}
	for _, o := range orders {
		for _, vw := range viewers {
			for _, q := range searches {
				for _, desc := range []bool{false, true} {
					name := fmt.Sprintf("%s/%s/q=%v/desc=%t", cmp.Or(string(o.sort), "default"), vw.name, q != nil, desc)
					t.Run(name, func(t *testing.T) {
						c := as(vw.v)
						f := pledgebook.PledgeFilter{Sort: o.sort, Desc: desc, Search: q}
						full, total, err := s.FindPledges(c, f)
						if err != nil {
							t.Fatal(err)
						}
						// The order is checked against the key itself, not
						// against what another query returned.
						want := slices.Clone(full)
						slices.SortFunc(want, func(a, b *pledgebook.Pledge) int {
							r := cmp.Or(o.cmp(a, b), cmp.Compare(a.ID, b.ID))
							if desc {
								return -r
							}
							return r
						})
						if !slices.Equal(ids(full), ids(want)) {
							t.Fatalf("FindPledges(sort %q, desc %t) = %v, want %v", o.sort, desc, ids(full), ids(want))
						}
						if q == nil && vw.v == admin && len(full) != len(all) {
							t.Fatalf("sorted listing has %d pledges, want all %d", len(full), len(all))
						}
						for _, limit := range []int{1, 3} {
							var got []int64
							pf := f
							pf.Limit = limit
							for range 100 {
								ps, n, err := s.FindPledges(c, pf)
								if err != nil {
									t.Fatalf("FindPledges(after %+v): %v", pf.After, err)
								}
								if n != total {
									t.Errorf("FindPledges(after %+v) total = %d, want %d", pf.After, n, total)
								}
								got = append(got, ids(ps)...)
								if len(ps) < limit {
									break
								}
								pf.After = ptr(pledgebook.CursorOf(ps[len(ps)-1], o.sort))
							}
							if !slices.Equal(got, ids(full)) {
								t.Errorf("limit %d: pages = %v, want %v", limit, got, ids(full))
							}
						}
					})
				}
			}
		}
	}

	search := []struct {
		q    string
		want func(p *pledgebook.Pledge) bool
	}{
		{"MoDeL", func(p *pledgebook.Pledge) bool { return p.Notes != "" }},
		{"shells", func(p *pledgebook.Pledge) bool { return p.Item[0] == '5' }},
		{"50%", func(p *pledgebook.Pledge) bool { return p.Item[0] == '5' }},
		{"%", func(p *pledgebook.Pledge) bool { return p.Item[0] == '5' }},
		{"m_2", func(p *pledgebook.Pledge) bool { return false }},
		{"share_2 ", func(p *pledgebook.Pledge) bool { return p.Item == "50% share_2 of SHELLS" }},
		{`\`, func(p *pledgebook.Pledge) bool { return false }},
		// case folds beyond ASCII on both engines
		{"ÜBERWACHUNGSradar", func(p *pledgebook.Pledge) bool { return strings.HasPrefix(p.Item, "Überwachungsradar") }},
		{"überwachungsradar nr. 9", func(p *pledgebook.Pledge) bool { return p.Item == "Überwachungsradar Nr. 9" }},
		{"", func(p *pledgebook.Pledge) bool { return true }},
	}
	for _, tc := range search {
		t.Run("search "+tc.q, func(t *testing.T) {
			got, n, err := s.FindPledges(ctx(), pledgebook.PledgeFilter{Search: ptr(tc.q)})
			if err != nil {
				t.Fatal(err)
			}
			var want []*pledgebook.Pledge
			for _, p := range all {
				if tc.want(p) {
					want = append(want, p)
				}
			}
			if !slices.Equal(ids(got), ids(want)) || n != len(want) {
				t.Errorf("search %q = %v (total %d), want %v", tc.q, ids(got), n, ids(want))
			}
		})
	}

	bad := []struct {
		name string
		f    pledgebook.PledgeFilter
	}{
		{"unknown order", pledgebook.PledgeFilter{Sort: "colour"}},
		{"value cursor not a number", pledgebook.PledgeFilter{Sort: pledgebook.SortValue, After: &pledgebook.PledgeCursor{Key: "lots", ID: 1}}},
		{"value cursor negative", pledgebook.PledgeFilter{Sort: pledgebook.SortValue, After: &pledgebook.PledgeCursor{Key: "-5", ID: 1}}},
		{"status cursor unknown", pledgebook.PledgeFilter{Sort: pledgebook.SortStatus, After: &pledgebook.PledgeCursor{Key: "lost", ID: 1}}},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := s.FindPledges(ctx(), tc.f)
			wantKind(t, err, pledgebook.KindInvalid, "")
		})
	}
}

// testPledgesBySource checks PledgeFilter.Source: the pledges a source is
// cited by, first announcements and re-announcements alike, those the
// viewer may see.
func testPledgesBySource(t *testing.T, open Opener) {
	s := fresh(t, open)
	src, _, err := s.IngestSource(ctx(), reviewIngest())
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.FindCandidates(ctx(), pledgebook.CandidateFilter{Source: &src.ID})
	if err != nil || len(cs) != 2 {
		t.Fatalf("candidates = %v, %v", cs, err)
	}
	accepted, err := s.AcceptCandidate(ctx(), cs[0].ID, &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Drones, Item: "drones",
		Quantity: ptr[int64](100000), AnnouncedOn: pledgebook.MustDate("2025-06-04")}, false)
	if err != nil {
		t.Fatalf("AcceptCandidate: %v", err)
	}
	secret := mustCreate(t, s, &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Training, Item: "training", Amount: dec("247000000"), Currency: "GBP",
		AnnouncedOn: pledgebook.MustDate("2025-05-01"), Visibility: pledgebook.Confidential}, pledgebook.CreatePledgeOptions{})
	if _, err := s.LinkCandidate(ctx(), cs[1].ID, secret.ID, pledgebook.Date{}); err != nil {
		t.Fatalf("LinkCandidate: %v", err)
	}
	mustCreate(t, s, &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Drones, Item: "uncited drones", Quantity: ptr[int64](5),
		AnnouncedOn: pledgebook.MustDate("2025-06-04")}, pledgebook.CreatePledgeOptions{})
	other := int64(999)
	cases := []struct {
		name   string
		v      pledgebook.Viewer
		source *int64
		want   []int64
	}{
		{"admin", admin, &src.ID, []int64{secret.ID, *accepted.Pledge}},
		{"public", public, &src.ID, []int64{*accepted.Pledge}},
		{"no such source", admin, &other, []int64{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ps, n, err := s.FindPledges(as(tc.v), pledgebook.PledgeFilter{Source: tc.source})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(ps), tc.want) || n != len(tc.want) {
				t.Errorf("FindPledges(source %d) as %s = %v (total %d), want %v", *tc.source, tc.name, ids(ps), n, tc.want)
			}
		})
	}
}
