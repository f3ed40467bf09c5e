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
	p.addFeed(pledgebook.Selection{Kind: pledgebook.SelectAll}, "")
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
	Q          string
	Sort       pledgebook.PledgeSort
	Desc       bool
	Query      url.Values // the filters, search and order, without the cursor
	Next       string     // the next page's URL, "" on the last page
	First      string     // the first page's URL, "" on the first page
}

// pledgeParams are the query parameters of the pledge listing, besides
// its cursor; the downloads take the same.
var pledgeParams = []string{"donor", "category", "status", "q", "sort", "dir"}

// donorAndCategory reads the donor and capability-area filters that the
// pledge and delivery listings share; nil where the query leaves one out.
func donorAndCategory(q url.Values) (*string, *pledgebook.Category, error) {
	var donor *string
	if v := strings.ToUpper(strings.TrimSpace(q.Get("donor"))); v != "" {
		donor = &v
	}
	if v := q.Get("category"); v != "" {
		c, err := pledgebook.ParseCategory(v)
		if err != nil {
			return nil, nil, err
		}
		return donor, &c, nil
	}
	return donor, nil, nil
}

// parsePledgeQuery reads the listing's filters, search, order and cursor
// from a query.
func parsePledgeQuery(q url.Values) (pledgebook.PledgeFilter, error) {
	f := pledgebook.PledgeFilter{Limit: pageSize + 1}
	var err error
	if f.Donor, f.Category, err = donorAndCategory(q); err != nil {
		return f, err
	}
	if v := q.Get("status"); v != "" {
		s, err := pledgebook.ParseStatus(v)
		if err != nil {
			return f, err
		}
		f.Status = &s
	}
	if v := strings.TrimSpace(q.Get("q")); v != "" {
		if len(v) > 200 {
			return f, pledgebook.FieldError("q", "is longer than 200 characters")
		}
		f.Search = &v
	}
	o, err := pledgebook.ParsePledgeSort(q.Get("sort"))
	if err != nil {
		return f, err
	}
	f.Sort = o
	switch q.Get("dir") {
	case "", "asc":
	case "desc":
		f.Desc = true
	default:
		return f, pledgebook.FieldError("dir", "is asc or desc")
	}
	if v := q.Get("after"); v != "" {
		c, err := parseCursor(v, o)
		if err != nil {
			return f, err
		}
		f.After = &c
	}
	return f, nil
}

// The cursor of the listing is the last pledge's sort key and ID, joined
// by the last dot: 2025-06-04.42 by date, GB.42 by donor, 250000.5.42 by
// value (.42 for a pledge without one), committed.42 by status. The store
// checks that a key is one of its order.
func parseCursor(s string, o pledgebook.PledgeSort) (pledgebook.PledgeCursor, error) {
	i := strings.LastIndex(s, ".")
	if i < 0 {
		return pledgebook.PledgeCursor{}, pledgebook.FieldError("after", "is not a page cursor")
	}
	key := s[:i]
	n, err := strconv.ParseInt(s[i+1:], 10, 64)
	if err != nil || n <= 0 {
		return pledgebook.PledgeCursor{}, pledgebook.FieldError("after", "is not a page cursor")
	}
	c := pledgebook.PledgeCursor{Key: key, ID: n}
	if o == pledgebook.SortAnnounced {
		date, err := pledgebook.ParseDate(key)
		if err != nil {
			return pledgebook.PledgeCursor{}, pledgebook.FieldError("after", "is not a page cursor")
		}
		c = pledgebook.PledgeCursor{AnnouncedOn: date, ID: n}
	}
	return c, nil
}

func formatCursor(p *pledgebook.Pledge, o pledgebook.PledgeSort) string {
	c := pledgebook.CursorOf(p, o)
	key := c.Key
	if o == pledgebook.SortAnnounced {
		key = c.AnnouncedOn.String()
	}
	return key + "." + strconv.FormatInt(c.ID, 10)
}

// listingQuery keeps the parameters of q that select a listing (keys),
// leaving out empty ones and the cursor.
func listingQuery(q url.Values, keys []string) url.Values {
	out := url.Values{}
	for _, k := range keys {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out
}

// withQuery is path with query v, if any.
func withQuery(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
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
	base := listingQuery(q, pledgeParams)
	d := pledgesData{Total: total, Parties: n, Donors: donors, Categories: pledgebook.Categories, Statuses: pledgebook.Statuses,
		Donor: q.Get("donor"), Category: q.Get("category"), Status: q.Get("status"), Q: q.Get("q"), Sort: f.Sort, Desc: f.Desc, Query: base}
	if len(ps) > pageSize {
		ps = ps[:pageSize]
		next := listingQuery(q, pledgeParams)
		next.Set("after", formatCursor(ps[len(ps)-1], f.Sort))
		d.Next = withQuery("/pledges", next)
	}
	if f.After != nil {
		d.First = withQuery("/pledges", base)
	}
	d.Pledges = ps
	p.Title, p.Nav = p.L.T("pledges.title"), "pledges"
	pledgesFeeds(p, f, n)
	p.Data = d
	u.render(w, r, http.StatusOK, "pledges", p)
	return nil
}

// SortURL is the link of a sortable column's header: the listing sorted by
// o, ascending, or descending when it is already sorted by o ascending.
func (d pledgesData) SortURL(o pledgebook.PledgeSort) string {
	v := listingQuery(d.Query, pledgeParams)
	v.Set("sort", string(o))
	v.Del("dir")
	if d.Sort == o && !d.Desc {
		v.Set("dir", "desc")
	}
	return withQuery("/pledges", v)
}

// AriaSort is the aria-sort of a sortable column's header: how the
// listing is sorted by it, if it is.
func (d pledgesData) AriaSort(o pledgebook.PledgeSort) string {
	switch {
	case d.Sort != o:
		return "" // aria-sort goes on one header only
	case d.Desc:
		return "descending"
	}
	return "ascending"
}

// Download is the link to the listing as a file of format ext (csv, xlsx),
// with the page's filters, search and order.
func (d pledgesData) Download(ext string) string {
	return withQuery("/pledges."+ext, d.Query)
}

type pledgeData struct {
	Pledge          *pledgebook.Pledge
	Deliveries      []*pledgebook.Delivery
	Sources         []sourceView // the first announcement's
	Reannouncements []sourceView
	Parties         names
	Meetings        names         // meeting titles by id
	Actions         pledgeActions // what the viewer may do to it
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
	ms, err := u.store.FindMeetings(ctx)
	if err != nil {
		return fmt.Errorf("load meetings: %w", err)
	}
	titles := names{}
	for _, m := range ms {
		titles[m.ID] = m.Title
	}
	d := pledgeData{Pledge: pl, Deliveries: ds, Parties: n, Meetings: titles, Actions: pledgeActionsFor(p, pl)}
	views, err := u.sourceViews(ctx, pl.Sources)
	if err != nil {
		return err
	}
	for _, s := range views {
		s.MeetingTitle = titles.Of(s.Meeting)
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
	p.addFeed(pledgebook.Selection{Kind: pledgebook.SelectMeeting, Key: m.ID}, m.Title)
	p.Data = d
	u.render(w, r, http.StatusOK, "meeting", p)
	return nil
}

type coverageData struct {
	pledgebook.CoverageReport
	Matrix  matrixChart
	Parties names
}

func (u *UI) coverage(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	// One read of the pledges feeds the report and the matrix, as
	// CoverageOf reads them.
	ps, _, err := u.store.FindPledges(ctx, pledgebook.PledgeFilter{})
	if err != nil {
		return fmt.Errorf("load pledges: %w", err)
	}
	reqs, err := u.store.FindRequirements(ctx, pledgebook.RequirementFilter{})
	if err != nil {
		return fmt.Errorf("load requirements: %w", err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	p.Title, p.Nav = p.L.T("coverage.title"), "coverage"
	p.Data = coverageData{CoverageReport: pledgebook.Coverage(reqs, ps, pledgebook.EUR), Matrix: coverageMatrix(p.L, ps, n), Parties: n}
	u.render(w, r, http.StatusOK, "coverage", p)
	return nil
}

// Reannounced is the data of the table of re-announced pledges.
func (d meetingData) Reannounced() meetingData {
	return meetingData{Pledges: d.Again, Parties: d.Parties}
}
