package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"pledgebook"
)

// pageSize is how many pledges a listing page shows.
const pageSize = 25

// names gives parties their names in the page's language.
type names map[string]string

func (u *UI) partyNames(ctx context.Context, l *locale) (names, error) {
	ps, err := u.store.FindParties(ctx, pledgebook.PartyFilter{})
	if err != nil {
		return nil, fmt.Errorf("load parties: %w", err)
	}
	n := names{}
	for _, p := range ps {
		n[p.Code] = p.NameEN
		if l.Lang == "de" && p.NameDE != "" {
			n[p.Code] = p.NameDE
		}
	}
	return n, nil
}

// Of names a party, falling back to its code.
func (n names) Of(code string) string {
	if s, ok := n[code]; ok {
		return s
	}
	return code
}

type dashboardData struct {
	Total    pledgebook.Totals
	Donors   []pledgebook.Totals
	Bars     barChart
	Timeline pledgebook.TimelineReport
	Line     lineChart
	Parties  names
}

func (u *UI) dashboard(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	// One read of the pledges' figures feeds every figure on the page, so
	// that they add up to each other; the store reads only the columns the
	// sums need (see pledgebook.Figures).
	fig, err := u.store.PledgeFigures(ctx, pledgebook.ReportQuery{Basis: pledgebook.EUR})
	if err != nil {
		return fmt.Errorf("add up pledges: %w", err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	donors := fig.TotalsBy(func(donor string, _ pledgebook.Category) string { return donor }, n.Of)
	cells := fig.TotalsBy(func(donor string, c pledgebook.Category) string { return donor + "/" + string(c) }, func(string) string { return "" })
	tl := fig.Timeline()
	p.Title, p.Nav = p.L.T("dashboard.title"), "dashboard"
	p.Data = dashboardData{Total: donors.Total, Donors: donors.Rows, Bars: stackedBars(p.L, donors, cells, 12), Timeline: tl, Line: timelineChart(p.L, tl), Parties: n}
	u.render(w, r, http.StatusOK, "dashboard", p)
	return nil
}

type pledgesData struct {
	Pledges    []*pledgebook.Pledge
	Total      int
	Parties    names
	Donors     []pledgebook.Party
	Categories []pledgebook.CategoryInfo
	Statuses   []pledgebook.Status
	Donor      string
	Category   string
	Status     string
	Next       string // the next page's URL, "" on the last page
	First      string // the first page's URL, "" on the first page
}

// parsePledgeQuery reads the listing's filters and cursor from a query.
func parsePledgeQuery(q url.Values) (pledgebook.PledgeFilter, error) {
	f := pledgebook.PledgeFilter{Limit: pageSize + 1}
	if v := strings.ToUpper(strings.TrimSpace(q.Get("donor"))); v != "" {
		f.Donor = &v
	}
	if v := q.Get("category"); v != "" {
		c, err := pledgebook.ParseCategory(v)
		if err != nil {
			return f, err
		}
		f.Category = &c
	}
	if v := q.Get("status"); v != "" {
		s, err := pledgebook.ParseStatus(v)
		if err != nil {
			return f, err
		}
		f.Status = &s
	}
	if v := q.Get("after"); v != "" {
		c, err := parseCursor(v)
		if err != nil {
			return f, err
		}
		f.After = &c
	}
	return f, nil
}

// The cursor of the listing is the last pledge's date and ID: 2025-06-04.42.
func parseCursor(s string) (pledgebook.PledgeCursor, error) {
	d, id, ok := strings.Cut(s, ".")
	date, err := pledgebook.ParseDate(d)
	n, nerr := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || nerr != nil || n <= 0 {
		return pledgebook.PledgeCursor{}, pledgebook.FieldError("after", "is not a page cursor")
	}
	return pledgebook.PledgeCursor{AnnouncedOn: date, ID: n}, nil
}

func formatCursor(p *pledgebook.Pledge) string {
	return p.AnnouncedOn.String() + "." + strconv.FormatInt(p.ID, 10)
}

func (u *UI) pledges(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	q := r.URL.Query()
	f, err := parsePledgeQuery(q)
	if err != nil {
		return err
	}
	ps, total, err := u.store.FindPledges(ctx, f)
	if err != nil {
		return fmt.Errorf("list pledges: %w", err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	donors, err := u.store.FindParties(ctx, pledgebook.PartyFilter{Donors: true})
	if err != nil {
		return fmt.Errorf("load donors: %w", err)
	}
	d := pledgesData{Total: total, Parties: n, Donors: donors, Categories: pledgebook.Categories, Statuses: pledgebook.Statuses,
		Donor: q.Get("donor"), Category: q.Get("category"), Status: q.Get("status")}
	base := url.Values{}
	for _, k := range []string{"donor", "category", "status"} {
		if v := q.Get(k); v != "" {
			base.Set(k, v)
		}
	}
	if len(ps) > pageSize {
		ps = ps[:pageSize]
		next := url.Values{}
		for k, v := range base {
			next[k] = v
		}
		next.Set("after", formatCursor(ps[len(ps)-1]))
		d.Next = "/pledges?" + next.Encode()
	}
	if f.After != nil {
		d.First = "/pledges"
		if len(base) > 0 {
			d.First += "?" + base.Encode()
		}
	}
	d.Pledges = ps
	p.Title, p.Nav = p.L.T("pledges.title"), "pledges"
	p.Data = d
	u.render(w, r, http.StatusOK, "pledges", p)
	return nil
}

type pledgeData struct {
	Pledge          *pledgebook.Pledge
	Deliveries      []*pledgebook.Delivery
	Sources         []pledgebook.PledgeSource // the first announcement's
	Reannouncements []pledgebook.PledgeSource
	Parties         names
}

func (u *UI) pledge(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return pledgebook.Errorf(pledgebook.KindNotFound, "no such pledge")
	}
	pl, err := u.store.FindPledgeByID(ctx, id)
	if err != nil {
		return fmt.Errorf("load pledge %d: %w", id, err)
	}
	ds, err := u.store.FindDeliveries(ctx, pledgebook.DeliveryFilter{Pledge: &id})
	if err != nil {
		return fmt.Errorf("load deliveries of pledge %d: %w", id, err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	d := pledgeData{Pledge: pl, Deliveries: ds, Parties: n}
	for _, s := range pl.Sources {
		if s.Reannouncement {
			d.Reannouncements = append(d.Reannouncements, s)
		} else {
			d.Sources = append(d.Sources, s)
		}
	}
	p.Title, p.Nav = p.L.T("pledge.title", n.Of(pl.Donor), pl.Item), "pledges"
	p.Data = d
	u.render(w, r, http.StatusOK, "pledge", p)
	return nil
}

func (u *UI) meetings(w http.ResponseWriter, r *http.Request, p *page) error {
	ms, err := u.store.FindMeetings(r.Context())
	if err != nil {
		return fmt.Errorf("load meetings: %w", err)
	}
	p.Title, p.Nav = p.L.T("meetings.title"), "meetings"
	p.Data = ms
	u.render(w, r, http.StatusOK, "meetings", p)
	return nil
}

type meetingData struct {
	Meeting pledgebook.Meeting
	Pledges []*pledgebook.Pledge // first announced at the meeting
	Again   []*pledgebook.Pledge // announced earlier, re-announced there
	Parties names
}

func (u *UI) meeting(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	id := r.PathValue("id")
	m, err := u.store.FindMeetingByID(ctx, id)
	if err != nil {
		return fmt.Errorf("load meeting %s: %w", id, err)
	}
	ps, _, err := u.store.FindPledges(ctx, pledgebook.PledgeFilter{Meeting: &id})
	if err != nil {
		return fmt.Errorf("load pledges of meeting %s: %w", id, err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	d := meetingData{Meeting: m, Parties: n}
	for _, pl := range ps {
		if pl.Meeting == id {
			d.Pledges = append(d.Pledges, pl)
		} else {
			d.Again = append(d.Again, pl)
		}
	}
	p.Title, p.Nav = m.Title, "meetings"
	p.Data = d
	u.render(w, r, http.StatusOK, "meeting", p)
	return nil
}

func (u *UI) coverage(w http.ResponseWriter, r *http.Request, p *page) error {
	c, err := pledgebook.CoverageOf(r.Context(), u.store, pledgebook.ReportQuery{Basis: pledgebook.EUR})
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	p.Title, p.Nav = p.L.T("coverage.title"), "coverage"
	p.Data = c
	u.render(w, r, http.StatusOK, "coverage", p)
	return nil
}

// Reannounced is the data of the table of re-announced pledges.
func (d meetingData) Reannounced() meetingData {
	return meetingData{Pledges: d.Again, Parties: d.Parties}
}
