package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// downloadPath is a listing's path, for its download links.
type downloadPath string

// Download is the listing as a file of format ext (csv, xlsx).
func (p downloadPath) Download(ext string) string { return string(p) + "." + ext }

type donorsData struct {
	Report  pledgebook.TotalsReport
	Parties names
}

// donors lists every donor with a pledge the viewer may see, largest
// first, through the same report as the API's and the CLI's.
func (u *UI) donors(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	rep, err := pledgebook.DonorReport(ctx, u.store, pledgebook.ReportQuery{Basis: pledgebook.EUR}, u.opts.GDP)
	if err != nil {
		return fmt.Errorf("donor report: %w", err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	p.Title, p.Nav = p.L.T("donors.title"), "donors"
	p.Data = donorsData{Report: rep, Parties: n}
	u.render(w, r, http.StatusOK, "donors", p)
	return nil
}

// areaTotals is a donor's totals in one capability area.
type areaTotals struct {
	Category pledgebook.Category
	pledgebook.Totals
}

type donorData struct {
	Party    pledgebook.Party
	Total    pledgebook.Totals // GDPShare set when known
	Areas    []areaTotals
	Timeline pledgebook.TimelineReport
	Line     lineChart
	Meetings []pledgebook.Meeting
	Parties  names
	Pledges  string // the listing of the donor's pledges
}

// donor shows one donor: its totals, by capability area and over time,
// its share of GDP, and the meetings where it announced pledges.
func (u *UI) donor(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	code := strings.ToUpper(r.PathValue("code"))
	party, err := u.store.FindPartyByCode(ctx, code)
	if err != nil {
		return fmt.Errorf("load party %s: %w", code, err)
	}
	ps, _, err := u.store.FindPledges(ctx, pledgebook.PledgeFilter{Donor: &code})
	if err != nil {
		return fmt.Errorf("load pledges of %s: %w", code, err)
	}
	ds, err := u.store.FindDeliveries(ctx, pledgebook.DeliveryFilter{Donor: &code})
	if err != nil {
		return fmt.Errorf("load deliveries of %s: %w", code, err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	byDonor := func(p *pledgebook.Pledge) string { return p.Donor }
	total := pledgebook.TotalsBy(ps, pledgebook.EUR, byDonor, n.Of)
	if u.opts.GDP != nil {
		total.SetGDPShares(pledgebook.TotalsBy(ps, pledgebook.USD, byDonor, n.Of), u.opts.GDP)
	}
	d := donorData{Party: party, Total: pledgebook.Totals{Key: code, Name: n.Of(code)}, Parties: n, Pledges: "/pledges?donor=" + code}
	if len(total.Rows) == 1 {
		d.Total = total.Rows[0]
	}
	areas := pledgebook.TotalsBy(ps, pledgebook.EUR, func(p *pledgebook.Pledge) string { return string(p.Category) }, func(string) string { return "" })
	for _, a := range areas.Rows {
		d.Areas = append(d.Areas, areaTotals{pledgebook.Category(a.Key), a})
	}
	d.Timeline = pledgebook.Timeline(ps, ds, pledgebook.EUR)
	d.Line = timelineChart(p.L, d.Timeline)
	d.Meetings, err = u.meetingsOf(ctx, ps)
	if err != nil {
		return err
	}
	p.Title, p.Nav = n.Of(code), "donors"
	p.addFeed(pledgebook.Selection{Kind: pledgebook.SelectDonor, Key: code}, n.Of(code))
	p.Data = d
	u.render(w, r, http.StatusOK, "donor", p)
	return nil
}

// meetingsOf returns the meetings where pledges ps were announced or
// announced again, oldest first as FindMeetings orders them.
func (u *UI) meetingsOf(ctx context.Context, ps []*pledgebook.Pledge) ([]pledgebook.Meeting, error) {
	ids := map[string]bool{}
	for _, p := range ps {
		ids[p.Meeting] = true
		for _, s := range p.Sources {
			ids[s.Meeting] = true
		}
	}
	all, err := u.store.FindMeetings(ctx)
	if err != nil {
		return nil, fmt.Errorf("load meetings: %w", err)
	}
	var out []pledgebook.Meeting
	for _, m := range all {
		if ids[m.ID] {
			out = append(out, m)
		}
	}
	return out, nil
}

// GDPPercent formats a share of GDP given in percent (Totals.GDPShare).
func (l *locale) GDPPercent(pct *decimal.Decimal) string {
	if pct == nil {
		return "–"
	}
	if l.Lang == "de" {
		return l.Dec(*pct, 3) + " %"
	}
	return l.Dec(*pct, 3) + "%"
}
