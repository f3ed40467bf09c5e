package web

import (
	"bytes"
	"fmt"
	"net/http"

	"pledgebook"
	"pledgebook/internal/export"
)

// Every listing can be downloaded as CSV and XLSX at its path with the
// format's extension (/pledges.csv, /pledges.xlsx), with the same query
// parameters as the page. The files hold what the store returns for the
// viewer in the request's context, as the pages do.

// downloadFormats are the file formats and how they are written.
var downloadFormats = []struct {
	ext, contentType string
	write            func(*bytes.Buffer, export.Table) error
}{
	{"csv", "text/csv; charset=utf-8", func(b *bytes.Buffer, t export.Table) error { return export.WriteCSV(b, t) }},
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", func(b *bytes.Buffer, t export.Table) error { return export.WriteXLSX(b, t) }},
}

// routeDownloads registers the download of every listing in every format.
func (u *UI) routeDownloads() {
	listings := map[string]func(*http.Request, *page) (export.Table, error){
		"pledges":    u.pledgesTable,
		"deliveries": u.deliveriesTable,
		"coverage":   u.coverageTable,
		"donors":     u.donorsTable,
		"meetings":   u.meetingsTable,
		"coalitions": u.coalitionsTable,
		"sources":    u.sourcesTable,
	}
	for name, table := range listings {
		for _, f := range downloadFormats {
			u.handle("GET /"+name+"."+f.ext, func(w http.ResponseWriter, r *http.Request, p *page) error {
				t, err := table(r, p)
				if err != nil {
					return err
				}
				// The file is written whole before the response starts,
				// so that a failure is an error page, not half a file.
				var buf bytes.Buffer
				if err := f.write(&buf, t); err != nil {
					return fmt.Errorf("write %s.%s: %w", name, f.ext, err)
				}
				h := w.Header()
				h.Set("Content-Type", f.contentType)
				h.Set("Content-Disposition", `attachment; filename="`+name+"."+f.ext+`"`)
				h.Set("Vary", "Cookie, Accept-Language")
				h.Set("Cache-Control", "private, no-store")
				_, _ = buf.WriteTo(w)
				return nil
			})
		}
	}
}

// pledgesTable is the pledge listing with the page's filters, search and
// order, every page of it.
func (u *UI) pledgesTable(r *http.Request, p *page) (export.Table, error) {
	f, err := parsePledgeQuery(r.URL.Query())
	if err != nil {
		return export.Table{}, err
	}
	f.After, f.Limit = nil, 0
	ps, _, err := u.store.FindPledges(r.Context(), f)
	if err != nil {
		return export.Table{}, fmt.Errorf("list pledges: %w", err)
	}
	n, err := u.partyNames(r.Context(), p.L)
	if err != nil {
		return export.Table{}, err
	}
	return export.Pledges(ps, n.Of), nil
}

// deliveriesTable is the delivery listing with the page's filters and
// order, every page of it.
func (u *UI) deliveriesTable(r *http.Request, p *page) (export.Table, error) {
	f, err := parseDeliveryQuery(r.URL.Query())
	if err != nil {
		return export.Table{}, err
	}
	f.After, f.Limit = nil, 0
	ds, err := u.store.FindDeliveries(r.Context(), f)
	if err != nil {
		return export.Table{}, fmt.Errorf("list deliveries: %w", err)
	}
	rows, err := u.deliveryRows(r.Context(), ds)
	if err != nil {
		return export.Table{}, err
	}
	pledges := map[int64]*pledgebook.Pledge{}
	for _, row := range rows {
		pledges[row.P.ID] = row.P
	}
	n, err := u.partyNames(r.Context(), p.L)
	if err != nil {
		return export.Table{}, err
	}
	return export.Deliveries(ds, pledges, n.Of), nil
}

func (u *UI) coverageTable(r *http.Request, _ *page) (export.Table, error) {
	c, err := pledgebook.CoverageOf(r.Context(), u.store, pledgebook.ReportQuery{Basis: pledgebook.EUR})
	if err != nil {
		return export.Table{}, fmt.Errorf("coverage: %w", err)
	}
	return export.Coverage(c), nil
}

func (u *UI) donorsTable(r *http.Request, p *page) (export.Table, error) {
	rep, err := pledgebook.DonorReport(r.Context(), u.store, pledgebook.ReportQuery{Basis: pledgebook.EUR}, u.opts.GDP)
	if err != nil {
		return export.Table{}, fmt.Errorf("donor report: %w", err)
	}
	n, err := u.partyNames(r.Context(), p.L)
	if err != nil {
		return export.Table{}, err
	}
	return export.Donors(rep, n.Of), nil
}

func (u *UI) meetingsTable(r *http.Request, _ *page) (export.Table, error) {
	ms, err := u.store.FindMeetings(r.Context())
	if err != nil {
		return export.Table{}, fmt.Errorf("load meetings: %w", err)
	}
	return export.Meetings(ms), nil
}

func (u *UI) coalitionsTable(r *http.Request, _ *page) (export.Table, error) {
	cs, err := u.store.FindCoalitions(r.Context())
	if err != nil {
		return export.Table{}, fmt.Errorf("load coalitions: %w", err)
	}
	return export.Coalitions(cs), nil
}

func (u *UI) sourcesTable(r *http.Request, _ *page) (export.Table, error) {
	ss, err := u.store.FindSources(r.Context())
	if err != nil {
		return export.Table{}, fmt.Errorf("load sources: %w", err)
	}
	return export.Sources(ss), nil
}
