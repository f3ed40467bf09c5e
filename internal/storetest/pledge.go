package storetest

import (
	"strconv"
	"strings"
	"testing"

	"pledgebook"
	"pledgebook/internal/refdata"
)

func testReference(t *testing.T, open Opener) {
	s := open(t)
	n, err := s.SyncReference(ctx(), Reference())
	if err != nil {
		t.Fatalf("first SyncReference: %v", err)
	}
	if want := len(refdata.Parties()) + 3; n != want {
		t.Errorf("first SyncReference changed %d records, want %d", n, want)
	}
	if n, err := s.SyncReference(ctx(), Reference()); err != nil || n != 0 {
		t.Errorf("second SyncReference = %d, %v; want 0, nil", n, err)
	}
	gb, err := s.FindPartyByCode(ctx(), "GB")
	if err != nil || gb.NameDE != "Vereinigtes Königreich" || !gb.IsMember("NATO") {
		t.Errorf("FindPartyByCode(GB) = %+v, %v", gb, err)
	}
	if _, err := s.FindPartyByCode(ctx(), "XX"); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("FindPartyByCode(XX) error = %v, want not found", err)
	}
	c, err := s.FindCoalitionByID(ctx(), "drone")
	if err != nil {
		t.Fatalf("FindCoalitionByID: %v", err)
	}
	if strings.Join(c.Leads, ",") != "GB,LV" || len(c.Members) != 3 || c.Members[2].Party != "SE" || c.Members[2].Joined.String() != "2024-03-01" {
		t.Errorf("coalition = %+v, want leads GB,LV and members GB, LV, SE (joined 2024-03-01)", c)
	}
	m, err := s.FindMeetingByID(ctx(), "udcg-28")
	if err != nil || m.Date.String() != "2025-06-04" || len(m.Chairs) != 2 {
		t.Errorf("FindMeetingByID = %+v, %v", m, err)
	}
	if _, err := s.FindMeetingByID(ctx(), "udcg-999"); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("FindMeetingByID(udcg-999) error = %v, want not found", err)
	}
	// A changed reference record is updated, and only that one.
	ref := Reference()
	ref.Meetings[1].Place = "NATO Headquarters, Brussels"
	if n, err := s.SyncReference(ctx(), ref); err != nil || n != 1 {
		t.Errorf("SyncReference after one change = %d, %v; want 1, nil", n, err)
	}
}

func testCreatePledge(t *testing.T, open Opener) {
	s := fresh(t, open)
	p := mustCreate(t, s, &pledgebook.Pledge{
		Donor: "gb", Category: pledgebook.Training, Item: "training of Ukrainian troops", Amount: dec("247000000"), Currency: "gbp",
		AnnouncedOn: pledgebook.MustDate("2025-06-04"), Meeting: "udcg-28", PeriodFrom: pledgebook.MustDate("2025-01-01"),
		PeriodTo: pledgebook.MustDate("2025-12-31"), Ref: "gb-training",
	}, pledgebook.CreatePledgeOptions{Source: pledgebook.PledgeSource{URL: "https://example.org/ramstein-28", Publisher: "Example News"}})
	if p.ID == 0 || p.Version != 1 || p.Status != pledgebook.Announced || p.Recipient != "UA" || p.Donor != "GB" || p.Currency != "GBP" {
		t.Fatalf("created pledge = %+v; want an id, version 1, announced, UA, GB, GBP", p)
	}
	// 247,000,000 GBP at the ECB rate of 2025-06-04 (0.8421 GBP per EUR).
	want := Config().Converter.Convert(*p.Amount, "GBP", p.AnnouncedOn)
	if want.EUR == nil || p.AmountEUR == nil || !p.AmountEUR.Equal(*want.EUR) || p.FXDate.String() != "2025-06-04" {
		t.Errorf("amount_eur = %v on %s, want %v on 2025-06-04", p.AmountEUR, p.FXDate, want.EUR)
	}
	if p.AmountUSD == nil || !p.AmountUSD.Equal(*want.USD) {
		t.Errorf("amount_usd = %v, want %v", p.AmountUSD, want.USD)
	}
	got, err := s.FindPledgeByID(ctx(), p.ID)
	if err != nil {
		t.Fatalf("FindPledgeByID: %v", err)
	}
	if !got.Amount.Equal(*dec("247000000")) || got.PeriodTo.String() != "2025-12-31" || got.Ref != "gb-training" || got.Meeting != "udcg-28" {
		t.Errorf("read back %+v", got)
	}
	if len(got.History) != 1 || got.History[0].To != pledgebook.Announced || got.History[0].On.String() != "2025-06-04" {
		t.Errorf("history = %+v, want one entry: announced on 2025-06-04", got.History)
	}
	if len(got.Sources) != 1 || got.Sources[0].URL != "https://example.org/ramstein-28" || got.Sources[0].Reannouncement || got.Sources[0].Meeting != "udcg-28" {
		t.Errorf("sources = %+v, want the first announcement at udcg-28", got.Sources)
	}
	if _, err := s.FindPledgeByID(ctx(), 9999); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("FindPledgeByID(9999) error = %v, want not found", err)
	}
	// A currency without an ECB rate keeps its amount and has no EUR value.
	u := mustCreate(t, s, &pledgebook.Pledge{Donor: "DE", Category: pledgebook.Financial, Item: "budget support", Amount: dec("1000000000"),
		Currency: "UAH", AnnouncedOn: pledgebook.MustDate("2025-03-03")}, pledgebook.CreatePledgeOptions{})
	if u.AmountEUR != nil || u.AmountUSD != nil || !u.Amount.Equal(*dec("1000000000")) {
		t.Errorf("UAH pledge: amount %v, eur %v, usd %v; want the amount kept and no EUR or USD value", u.Amount, u.AmountEUR, u.AmountUSD)
	}
	// A ref is unique.
	dup := seedPledge()
	dup.Ref = "gb-training"
	before := count(t, s)
	wantKind(t, s.CreatePledge(ctx(), dup, pledgebook.CreatePledgeOptions{}), pledgebook.KindConflict, "ref")
	if after := count(t, s); after != before {
		t.Errorf("a refused pledge changed the store: %+v → %+v", before, after)
	}
}

func testCreatePledgeInvalid(t *testing.T, open Opener) {
	s := fresh(t, open)
	tests := []struct {
		name   string
		change func(*pledgebook.Pledge)
		opts   pledgebook.CreatePledgeOptions
		field  string
	}{
		{"unknown donor", func(p *pledgebook.Pledge) { p.Donor = "XX" }, pledgebook.CreatePledgeOptions{}, "donor"},
		{"no donor", func(p *pledgebook.Pledge) { p.Donor = "" }, pledgebook.CreatePledgeOptions{}, "donor"},
		{"unknown recipient", func(p *pledgebook.Pledge) { p.Recipient = "QQ" }, pledgebook.CreatePledgeOptions{}, "recipient"},
		{"donor is recipient", func(p *pledgebook.Pledge) { p.Donor = "UA" }, pledgebook.CreatePledgeOptions{}, "recipient"},
		{"unknown category", func(p *pledgebook.Pledge) { p.Category = "spaceships" }, pledgebook.CreatePledgeOptions{}, "category"},
		{"no item", func(p *pledgebook.Pledge) { p.Item = "  " }, pledgebook.CreatePledgeOptions{}, "item"},
		{"negative quantity", func(p *pledgebook.Pledge) { p.Quantity = ptr[int64](-5) }, pledgebook.CreatePledgeOptions{}, "quantity"},
		{"neither quantity nor amount", func(p *pledgebook.Pledge) { p.Quantity, p.Unit = nil, "" }, pledgebook.CreatePledgeOptions{}, "quantity"},
		{"unknown currency", func(p *pledgebook.Pledge) { p.Amount, p.Currency = dec("10"), "XYZ" }, pledgebook.CreatePledgeOptions{}, "currency"},
		{"amount without currency", func(p *pledgebook.Pledge) { p.Amount = dec("10") }, pledgebook.CreatePledgeOptions{}, "currency"},
		{"negative amount", func(p *pledgebook.Pledge) { p.Amount, p.Currency = dec("-1"), "EUR" }, pledgebook.CreatePledgeOptions{}, "amount"},
		{"unknown status", func(p *pledgebook.Pledge) { p.Status = "rumoured" }, pledgebook.CreatePledgeOptions{}, "status"},
		{"no date", func(p *pledgebook.Pledge) { p.AnnouncedOn = pledgebook.Date{} }, pledgebook.CreatePledgeOptions{}, "date"},
		{"future date", func(p *pledgebook.Pledge) { p.AnnouncedOn = pledgebook.MustDate("2027-01-01") }, pledgebook.CreatePledgeOptions{}, "date"},
		{"period backwards", func(p *pledgebook.Pledge) {
			p.PeriodFrom, p.PeriodTo = pledgebook.MustDate("2026-01-01"), pledgebook.MustDate("2025-01-01")
		}, pledgebook.CreatePledgeOptions{}, "period"},
		{"unknown meeting", func(p *pledgebook.Pledge) { p.Meeting = "udcg-999" }, pledgebook.CreatePledgeOptions{}, "meeting"},
		{"unknown requirement", func(p *pledgebook.Pledge) { p.Requirement = ptr[int64](42) }, pledgebook.CreatePledgeOptions{}, "requirement"},
		{"unknown coalition", func(p *pledgebook.Pledge) { p.Coalition = "spoons" }, pledgebook.CreatePledgeOptions{}, "coalition"},
		{"unknown visibility", func(p *pledgebook.Pledge) { p.Visibility = "secret" }, pledgebook.CreatePledgeOptions{}, "visibility"},
		{"source not a URL", func(p *pledgebook.Pledge) {}, pledgebook.CreatePledgeOptions{Source: pledgebook.PledgeSource{URL: "ftp://x"}}, "source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := count(t, s)
			p := seedPledge()
			tt.change(p)
			err := s.CreatePledge(ctx(), p, tt.opts)
			wantKind(t, err, pledgebook.KindInvalid, tt.field)
			if after := count(t, s); after != before {
				t.Errorf("a refused pledge changed the store: %+v → %+v", before, after)
			}
		})
	}
}

func testDuplicates(t *testing.T, open Opener) {
	s := fresh(t, open)
	first := mustCreate(t, s, seedPledge(), pledgebook.CreatePledgeOptions{})
	tests := []struct {
		name   string
		change func(*pledgebook.Pledge)
		dup    bool
	}{
		{"same pledge", func(p *pledgebook.Pledge) {}, true},
		{"item spelt differently", func(p *pledgebook.Pledge) { p.Item = "  Drone " }, true},
		{"re-announced months later", func(p *pledgebook.Pledge) { p.AnnouncedOn = pledgebook.MustDate("2025-11-20"); p.Meeting = "" }, true},
		{"another quantity", func(p *pledgebook.Pledge) { p.Quantity = ptr[int64](5000) }, false},
		{"another donor", func(p *pledgebook.Pledge) { p.Donor = "LV" }, false},
		{"another category", func(p *pledgebook.Pledge) { p.Category = pledgebook.Other }, false},
		{"more than a year after the last", func(p *pledgebook.Pledge) { p.AnnouncedOn = pledgebook.MustDate("2026-11-21"); p.Meeting = "" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := count(t, s)
			p := seedPledge()
			tt.change(p)
			err := s.CreatePledge(ctx(), p, pledgebook.CreatePledgeOptions{})
			if !tt.dup {
				if err != nil {
					t.Fatalf("CreatePledge: %v, want it accepted as a new pledge", err)
				}
				return
			}
			wantKind(t, err, pledgebook.KindConflict, "")
			if !strings.Contains(err.Error(), "pledge "+itoa(first.ID)) {
				t.Errorf("error %q does not name the existing pledge %d", err, first.ID)
			}
			if after := count(t, s); after != before {
				t.Errorf("a refused duplicate changed the store: %+v → %+v", before, after)
			}
			// Forced, it is stored as a new pledge.
			p2 := seedPledge()
			tt.change(p2)
			if err := s.CreatePledge(ctx(), p2, pledgebook.CreatePledgeOptions{Force: true}); err != nil || p2.ID == first.ID {
				t.Errorf("forced CreatePledge = %v (id %d), want a new pledge", err, p2.ID)
			}
		})
	}
	// A cancelled pledge does not block a new one.
	c := mustCreate(t, s, &pledgebook.Pledge{Donor: "NO", Category: pledgebook.Maritime, Item: "patrol boats", Quantity: ptr[int64](4),
		AnnouncedOn: pledgebook.MustDate("2025-02-01")}, pledgebook.CreatePledgeOptions{})
	if _, err := s.SetPledgeStatus(ctx(), c.ID, pledgebook.StatusMove{To: pledgebook.Cancelled, On: pledgebook.MustDate("2025-03-01")}); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, &pledgebook.Pledge{Donor: "NO", Category: pledgebook.Maritime, Item: "patrol boats", Quantity: ptr[int64](4),
		AnnouncedOn: pledgebook.MustDate("2025-04-01")}, pledgebook.CreatePledgeOptions{})
}

func testStatus(t *testing.T, open Opener) {
	s := fresh(t, open)
	p := mustCreate(t, s, seedPledge(), pledgebook.CreatePledgeOptions{})
	steps := []struct {
		name  string
		to    pledgebook.Status
		on    string
		field string // "" when the move must succeed
	}{
		{"forward", pledgebook.Committed, "2025-06-10", ""},
		{"same again", pledgebook.Committed, "2025-06-11", "status"},
		{"skip contracted", pledgebook.Delivering, "2025-07-01", ""},
		{"backwards", pledgebook.Contracted, "2025-07-02", "status"},
		{"before the last move", pledgebook.Delivered, "2025-06-30", "date"},
		{"in the future", pledgebook.Delivered, "2027-01-01", "date"},
		{"unknown status", "lost", "2025-08-01", "status"},
		{"delivered", pledgebook.Delivered, "2025-08-01", ""},
		{"out of delivered", pledgebook.Cancelled, "2025-08-02", "status"},
	}
	version := p.Version
	for _, st := range steps {
		before := count(t, s)
		got, err := s.SetPledgeStatus(ctx(), p.ID, pledgebook.StatusMove{To: st.to, On: pledgebook.MustDate(st.on)})
		if st.field != "" {
			wantKind(t, err, pledgebook.KindInvalid, st.field)
			if after := count(t, s); after != before {
				t.Errorf("%s: a refused move changed the store", st.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: SetPledgeStatus(%s, %s): %v", st.name, st.to, st.on, err)
		}
		if got.Status != st.to || got.Version != version+1 {
			t.Errorf("%s: status %s version %d, want %s version %d", st.name, got.Status, got.Version, st.to, version+1)
		}
		version = got.Version
	}
	got, _ := s.FindPledgeByID(ctx(), p.ID)
	var moves []string
	for _, h := range got.History {
		moves = append(moves, h.String())
	}
	want := "2025-06-04 announced|2025-06-10 announced → committed|2025-07-01 committed → delivering|2025-08-01 delivering → delivered"
	if strings.Join(moves, "|") != want {
		t.Errorf("history = %q, want %q", strings.Join(moves, "|"), want)
	}
	if _, err := s.SetPledgeStatus(ctx(), 9999, pledgebook.StatusMove{To: pledgebook.Committed, On: pledgebook.MustDate("2025-01-01")}); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("SetPledgeStatus(9999) error = %v, want not found", err)
	}
	// Any status but a final one may be cancelled.
	q := mustCreate(t, s, &pledgebook.Pledge{Donor: "FR", Category: pledgebook.Artillery, Item: "CAESAR howitzers", Quantity: ptr[int64](6),
		AnnouncedOn: pledgebook.MustDate("2024-01-18")}, pledgebook.CreatePledgeOptions{})
	if got, err := s.SetPledgeStatus(ctx(), q.ID, pledgebook.StatusMove{To: pledgebook.Cancelled, On: pledgebook.MustDate("2024-02-01"), Note: "withdrawn"}); err != nil || got.Status != pledgebook.Cancelled || got.History[1].Note != "withdrawn" {
		t.Errorf("cancel = %+v, %v", got, err)
	}
}

func testLink(t *testing.T, open Opener) {
	s := fresh(t, open)
	p := seedPledge()
	p.Meeting = "udcg-27"
	p.AnnouncedOn = pledgebook.MustDate("2025-04-11")
	mustCreate(t, s, p, pledgebook.CreatePledgeOptions{Source: pledgebook.PledgeSource{URL: "https://example.org/a"}})
	got, err := s.LinkPledge(ctx(), p.ID, pledgebook.PledgeSource{URL: "https://example.org/b", AnnouncedOn: pledgebook.MustDate("2025-06-04"), Meeting: "udcg-28"})
	if err != nil {
		t.Fatalf("LinkPledge: %v", err)
	}
	if len(got.Sources) != 2 || !got.Sources[1].Reannouncement || got.Sources[1].Meeting != "udcg-28" || got.Version != 2 {
		t.Errorf("after link: sources %+v version %d", got.Sources, got.Version)
	}
	// The pledge is found at both meetings and counted once.
	for _, m := range []string{"udcg-27", "udcg-28"} {
		ps, n, err := s.FindPledges(ctx(), pledgebook.PledgeFilter{Meeting: ptr(m)})
		if err != nil || n != 1 || ps[0].ID != p.ID {
			t.Errorf("FindPledges(meeting %s) = %d pledges, %v; want pledge %d", m, n, err, p.ID)
		}
	}
	tests := []struct {
		name  string
		src   pledgebook.PledgeSource
		kind  pledgebook.Kind
		field string
	}{
		{"same source again", pledgebook.PledgeSource{URL: "https://example.org/b", AnnouncedOn: pledgebook.MustDate("2025-06-05")}, pledgebook.KindConflict, "source"},
		{"before the first announcement", pledgebook.PledgeSource{URL: "https://example.org/c", AnnouncedOn: pledgebook.MustDate("2025-01-01")}, pledgebook.KindInvalid, "date"},
		{"no date", pledgebook.PledgeSource{URL: "https://example.org/c"}, pledgebook.KindInvalid, "date"},
		{"bad URL", pledgebook.PledgeSource{URL: "not a url", AnnouncedOn: pledgebook.MustDate("2025-06-05")}, pledgebook.KindInvalid, "source"},
		{"unknown meeting", pledgebook.PledgeSource{URL: "https://example.org/d", AnnouncedOn: pledgebook.MustDate("2025-06-05"), Meeting: "nope"}, pledgebook.KindInvalid, "meeting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := count(t, s)
			_, err := s.LinkPledge(ctx(), p.ID, tt.src)
			wantKind(t, err, tt.kind, tt.field)
			if after := count(t, s); after != before {
				t.Errorf("a refused link changed the store: %+v → %+v", before, after)
			}
		})
	}
	if _, err := s.LinkPledge(ctx(), 9999, pledgebook.PledgeSource{URL: "https://example.org/e", AnnouncedOn: pledgebook.MustDate("2025-06-05")}); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("LinkPledge(9999) error = %v, want not found", err)
	}
}

func testDeliveries(t *testing.T, open Opener) {
	s := fresh(t, open)
	p := mustCreate(t, s, &pledgebook.Pledge{Donor: "DE", Category: pledgebook.AirDefence, Item: "IRIS-T SLM launchers", Quantity: ptr[int64](10),
		Amount: dec("1000000000"), Currency: "EUR", AnnouncedOn: pledgebook.MustDate("2024-06-11")}, pledgebook.CreatePledgeOptions{})
	d1 := &pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2024-09-02"), Quantity: ptr[int64](4), Confirmed: true}
	if err := s.CreateDelivery(ctx(), d1); err != nil {
		t.Fatalf("CreateDelivery: %v", err)
	}
	got, _ := s.FindPledgeByID(ctx(), p.ID)
	if got.Status != pledgebook.Delivering || got.DeliveredQuantity != 4 || got.DeliveredEUR == nil || !got.DeliveredEUR.Equal(*dec("400000000")) {
		t.Errorf("after 4 of 10: status %s, delivered %d worth %v; want delivering, 4, 400000000", got.Status, got.DeliveredQuantity, got.DeliveredEUR)
	}
	invalid := []struct {
		name  string
		d     pledgebook.Delivery
		field string
	}{
		{"more than pledged", pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2024-10-01"), Quantity: ptr[int64](7)}, "quantity"},
		{"negative", pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2024-10-01"), Quantity: ptr[int64](-1)}, "quantity"},
		{"before the pledge", pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2024-01-01"), Quantity: ptr[int64](1)}, "date"},
		{"in the future", pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2027-01-01"), Quantity: ptr[int64](1)}, "date"},
		{"unknown pledge", pledgebook.Delivery{Pledge: 9999, DeliveredOn: pledgebook.MustDate("2024-10-01"), Quantity: ptr[int64](1)}, "pledge"},
		{"nothing delivered", pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2024-10-01")}, "quantity"},
		{"unknown currency", pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2024-10-01"), Amount: dec("5"), Currency: "ABC"}, "currency"},
		{"bad source", pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2024-10-01"), Quantity: ptr[int64](1), Source: "x"}, "source"},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			before := count(t, s)
			d := tt.d
			wantKind(t, s.CreateDelivery(ctx(), &d), pledgebook.KindInvalid, tt.field)
			if after := count(t, s); after != before {
				t.Errorf("a refused delivery changed the store: %+v → %+v", before, after)
			}
		})
	}
	d2 := &pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2025-01-15"), Quantity: ptr[int64](6)}
	if err := s.CreateDelivery(ctx(), d2); err != nil {
		t.Fatalf("CreateDelivery rest: %v", err)
	}
	got, _ = s.FindPledgeByID(ctx(), p.ID)
	if got.Status != pledgebook.Delivered || got.DeliveredQuantity != 10 || !got.DeliveredEUR.Equal(*dec("1000000000")) || got.Deliveries != 2 {
		t.Errorf("after all 10: status %s, delivered %d worth %v in %d deliveries", got.Status, got.DeliveredQuantity, got.DeliveredEUR, got.Deliveries)
	}
	ds, err := s.FindDeliveries(ctx(), pledgebook.DeliveryFilter{Pledge: &p.ID})
	if err != nil || len(ds) != 2 || !ds[0].Confirmed || ds[1].ID != d2.ID {
		t.Errorf("FindDeliveries = %+v, %v", ds, err)
	}
	// A cancelled pledge takes no deliveries.
	c := mustCreate(t, s, &pledgebook.Pledge{Donor: "DK", Category: pledgebook.Artillery, Item: "shells", Quantity: ptr[int64](1000),
		AnnouncedOn: pledgebook.MustDate("2024-03-01")}, pledgebook.CreatePledgeOptions{})
	if _, err := s.SetPledgeStatus(ctx(), c.ID, pledgebook.StatusMove{To: pledgebook.Cancelled, On: pledgebook.MustDate("2024-04-01")}); err != nil {
		t.Fatal(err)
	}
	wantKind(t, s.CreateDelivery(ctx(), &pledgebook.Delivery{Pledge: c.ID, DeliveredOn: pledgebook.MustDate("2024-05-01"), Quantity: ptr[int64](1)}), pledgebook.KindInvalid, "pledge")
	// A delivery stated in money is valued in EUR at its own date.
	m := mustCreate(t, s, &pledgebook.Pledge{Donor: "NO", Category: pledgebook.Financial, Item: "fund contribution", Amount: dec("1000000000"),
		Currency: "NOK", AnnouncedOn: pledgebook.MustDate("2024-02-01")}, pledgebook.CreatePledgeOptions{})
	md := &pledgebook.Delivery{Pledge: m.ID, DeliveredOn: pledgebook.MustDate("2024-06-03"), Amount: dec("250000000"), Currency: "NOK"}
	if err := s.CreateDelivery(ctx(), md); err != nil {
		t.Fatal(err)
	}
	want := Config().Converter.Convert(*md.Amount, "NOK", md.DeliveredOn)
	got, _ = s.FindPledgeByID(ctx(), m.ID)
	if md.AmountEUR == nil || !md.AmountEUR.Equal(*want.EUR) || got.DeliveredEUR == nil || !got.DeliveredEUR.Equal(*want.EUR) {
		t.Errorf("NOK delivery worth %v, pledge delivered %v; want %v", md.AmountEUR, got.DeliveredEUR, want.EUR)
	}
}

func testFindPledges(t *testing.T, open Opener) {
	s := fresh(t, open)
	donors := []string{"GB", "DE", "FR", "PL", "NL"}
	for i := range 25 {
		mustCreate(t, s, &pledgebook.Pledge{Donor: donors[i%5], Category: pledgebook.Categories[i%3].Code, Item: "item " + itoa(int64(i)),
			Quantity: ptr(int64(i + 1)), AnnouncedOn: pledgebook.MustDate("2025-01-01").AddDays(i)}, pledgebook.CreatePledgeOptions{})
	}
	tests := []struct {
		name  string
		f     pledgebook.PledgeFilter
		ids   int // pledges on the page
		total int
		first string // item of the first pledge
	}{
		{"all", pledgebook.PledgeFilter{}, 25, 25, "item 0"},
		{"donor", pledgebook.PledgeFilter{Donor: ptr("DE")}, 5, 5, "item 1"},
		{"category", pledgebook.PledgeFilter{Category: ptr(pledgebook.Drones)}, 8, 8, "item 1"},
		{"page", pledgebook.PledgeFilter{Limit: 10, Offset: 10}, 10, 25, "item 10"},
		{"last page", pledgebook.PledgeFilter{Limit: 10, Offset: 20}, 5, 25, "item 20"},
		{"date range", pledgebook.PledgeFilter{From: ptr(pledgebook.MustDate("2025-01-05")), To: ptr(pledgebook.MustDate("2025-01-07"))}, 3, 3, "item 4"},
		{"status", pledgebook.PledgeFilter{Status: ptr(pledgebook.Delivered)}, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, total, err := s.FindPledges(ctx(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != tt.ids || total != tt.total {
				t.Fatalf("got %d pledges of %d, want %d of %d", len(ps), total, tt.ids, tt.total)
			}
			if len(ps) > 0 && ps[0].Item != tt.first {
				t.Errorf("first = %q, want %q", ps[0].Item, tt.first)
			}
			for _, p := range ps {
				if len(p.History) != 1 {
					t.Errorf("pledge %d has %d history entries, want 1", p.ID, len(p.History))
				}
			}
		})
	}
}

func testRequirements(t *testing.T, open Opener) {
	s := fresh(t, open)
	low := &pledgebook.Requirement{Category: pledgebook.Demining, Item: "demining kits", Quantity: ptr[int64](500), Priority: 4}
	high := &pledgebook.Requirement{Category: pledgebook.AirDefence, Item: "Patriot batteries", Quantity: ptr[int64](7), Priority: 1,
		Amount: dec("7000000000"), Currency: "EUR", NeededBy: pledgebook.MustDate("2026-12-31"), Illustrative: true, Ref: "req-patriot"}
	for _, r := range []*pledgebook.Requirement{low, high} {
		if err := s.CreateRequirement(ctx(), r); err != nil {
			t.Fatalf("CreateRequirement(%s): %v", r.Item, err)
		}
	}
	rs, err := s.FindRequirements(ctx(), pledgebook.RequirementFilter{})
	if err != nil || len(rs) != 2 || rs[0].ID != high.ID || rs[0].Recipient != "UA" || !rs[0].Illustrative || !rs[0].AmountEUR.Equal(*dec("7000000000")) {
		t.Errorf("FindRequirements = %+v, %v; want the priority-1 requirement first", rs, err)
	}
	if _, err := s.FindRequirementByID(ctx(), 999); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("FindRequirementByID(999) = %v, want not found", err)
	}
	// A pledge may answer it.
	p := seedPledge()
	p.Requirement = &high.ID
	mustCreate(t, s, p, pledgebook.CreatePledgeOptions{})
	invalid := []struct {
		name  string
		r     pledgebook.Requirement
		kind  pledgebook.Kind
		field string
	}{
		{"bad priority", pledgebook.Requirement{Category: pledgebook.Drones, Item: "x", Priority: 9}, pledgebook.KindInvalid, "priority"},
		{"unknown category", pledgebook.Requirement{Category: "boats", Item: "x"}, pledgebook.KindInvalid, "category"},
		{"no item", pledgebook.Requirement{Category: pledgebook.Drones}, pledgebook.KindInvalid, "item"},
		{"negative quantity", pledgebook.Requirement{Category: pledgebook.Drones, Item: "x", Quantity: ptr[int64](-1)}, pledgebook.KindInvalid, "quantity"},
		{"unknown recipient", pledgebook.Requirement{Category: pledgebook.Drones, Item: "x", Recipient: "XX"}, pledgebook.KindInvalid, "recipient"},
		{"ref taken", pledgebook.Requirement{Category: pledgebook.Drones, Item: "x", Ref: "req-patriot"}, pledgebook.KindConflict, "ref"},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			before := count(t, s)
			r := tt.r
			wantKind(t, s.CreateRequirement(ctx(), &r), tt.kind, tt.field)
			if after := count(t, s); after != before {
				t.Errorf("a refused requirement changed the store: %+v → %+v", before, after)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
