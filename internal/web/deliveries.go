package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"pledgebook"
)

// The deliveries listing is for the recipient's logistics staff as much
// as for donors: every delivery the viewer may see, with its pledge's
// donor, item and what remains to come, filtered as /pledges is and paged
// by its last key.

// deliveryParams are the query parameters of the delivery listing,
// besides its cursor; the downloads take the same.
var deliveryParams = []string{"donor", "category", "confirmed", "from", "to", "dir"}

// parseDeliveryQuery reads the listing's filters, order and cursor from a
// query. The listing is newest first unless dir is asc.
func parseDeliveryQuery(q url.Values) (pledgebook.DeliveryFilter, error) {
	f := pledgebook.DeliveryFilter{Limit: pageSize + 1, Desc: true}
	var err error
	if f.Donor, f.Category, err = donorAndCategory(q); err != nil {
		return f, err
	}
	switch q.Get("confirmed") {
	case "":
	case "yes":
		f.Confirmed = new(true)
	case "no":
		f.Confirmed = new(false)
	default:
		return f, pledgebook.FieldError("confirmed", "is yes or no, got %q", q.Get("confirmed"))
	}
	for _, d := range []struct {
		name string
		dst  **pledgebook.Date
	}{{"from", &f.From}, {"to", &f.To}} {
		v := strings.TrimSpace(q.Get(d.name))
		if v == "" {
			continue
		}
		on, err := pledgebook.ParseDate(v)
		if err != nil {
			return f, pledgebook.FieldError(d.name, "must be a date YYYY-MM-DD, got %q", v)
		}
		*d.dst = &on
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return f, pledgebook.FieldError("to", "ends (%s) before it begins (%s)", *f.To, *f.From)
	}
	switch q.Get("dir") {
	case "", "desc":
	case "asc":
		f.Desc = false
	default:
		return f, pledgebook.FieldError("dir", "is asc or desc")
	}
	if v := q.Get("after"); v != "" {
		c, err := parseDeliveryCursor(v)
		if err != nil {
			return f, err
		}
		f.After = &c
	}
	return f, nil
}

// The cursor of the delivery listing is the last delivery's date and ID,
// joined by a dot: 2025-08-01.42.
func parseDeliveryCursor(s string) (pledgebook.DeliveryCursor, error) {
	on, id, ok := strings.Cut(s, ".")
	d, err := pledgebook.ParseDate(on)
	n, nerr := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || nerr != nil || n < 1 {
		return pledgebook.DeliveryCursor{}, pledgebook.FieldError("after", "is not a page cursor")
	}
	return pledgebook.DeliveryCursor{DeliveredOn: d, ID: n}, nil
}

func formatDeliveryCursor(d *pledgebook.Delivery) string {
	return d.DeliveredOn.String() + "." + strconv.FormatInt(d.ID, 10)
}

// deliveryRow is a delivery with its pledge.
type deliveryRow struct {
	D *pledgebook.Delivery
	P *pledgebook.Pledge
}

// Remaining is the quantity of the pledge still to be delivered, as far as
// the viewer sees its deliveries; nil for a pledge without a quantity.
func (r deliveryRow) Remaining() *int64 {
	if r.P.Quantity == nil {
		return nil
	}
	n := max(*r.P.Quantity-r.P.DeliveredQuantity, 0)
	return &n
}

// deliveryRows reads the pledges of ds at once and pairs them up. A
// delivery whose pledge did not come back (the store shows a delivery only
// with its pledge, so only a pledge changed in between) is left out.
func (u *UI) deliveryRows(ctx context.Context, ds []*pledgebook.Delivery) ([]deliveryRow, error) {
	ids := []int64{}
	seen := map[int64]bool{}
	for _, d := range ds {
		if !seen[d.Pledge] {
			seen[d.Pledge] = true
			ids = append(ids, d.Pledge)
		}
	}
	// A download reads every delivery: its pledges are read a chunk at a
	// time, within the engines' limits on a query's parameters.
	byID := map[int64]*pledgebook.Pledge{}
	for chunk := range slices.Chunk(ids, 500) {
		ps, _, err := u.store.FindPledges(ctx, pledgebook.PledgeFilter{IDs: chunk})
		if err != nil {
			return nil, fmt.Errorf("load the deliveries' pledges: %w", err)
		}
		for _, p := range ps {
			byID[p.ID] = p
		}
	}
	out := make([]deliveryRow, 0, len(ds))
	for _, d := range ds {
		if p := byID[d.Pledge]; p != nil {
			out = append(out, deliveryRow{D: d, P: p})
		}
	}
	return out, nil
}

type deliveriesData struct {
	Rows       []deliveryRow
	Parties    names
	Donors     []pledgebook.Party
	Categories []pledgebook.CategoryInfo
	Donor      string
	Category   string
	Confirmed  string
	From, To   string
	Desc       bool
	Query      url.Values // the filters and order, without the cursor
	Next       string     // the next page's URL, "" on the last page
	First      string     // the first page's URL, "" on the first page
}

func (u *UI) deliveries(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	q := r.URL.Query()
	f, err := parseDeliveryQuery(q)
	if err != nil {
		return err
	}
	ds, err := u.store.FindDeliveries(ctx, f)
	if err != nil {
		return fmt.Errorf("list deliveries: %w", err)
	}
	base := listingQuery(q, deliveryParams)
	d := deliveriesData{Categories: pledgebook.Categories, Donor: q.Get("donor"), Category: q.Get("category"), Confirmed: q.Get("confirmed"),
		From: q.Get("from"), To: q.Get("to"), Desc: f.Desc, Query: base}
	if len(ds) > pageSize {
		ds = ds[:pageSize]
		next := listingQuery(q, deliveryParams)
		next.Set("after", formatDeliveryCursor(ds[len(ds)-1]))
		d.Next = withQuery("/deliveries", next)
	}
	if f.After != nil {
		d.First = withQuery("/deliveries", base)
	}
	if d.Rows, err = u.deliveryRows(ctx, ds); err != nil {
		return err
	}
	if d.Parties, err = u.partyNames(ctx, p.L); err != nil {
		return err
	}
	if d.Donors, err = u.store.FindParties(ctx, pledgebook.PartyFilter{Donors: true}); err != nil {
		return fmt.Errorf("load donors: %w", err)
	}
	p.Title, p.Nav = p.L.T("deliveries.title"), "deliveries"
	p.Data = d
	u.render(w, r, http.StatusOK, "deliveries", p)
	return nil
}

// SortURL is the link of the date column's header: the listing in the
// other order.
func (d deliveriesData) SortURL() string {
	v := listingQuery(d.Query, deliveryParams)
	v.Del("dir")
	if d.Desc {
		v.Set("dir", "asc")
	}
	return withQuery("/deliveries", v)
}

// AriaSort is the aria-sort of the date column's header.
func (d deliveriesData) AriaSort() string {
	if d.Desc {
		return "descending"
	}
	return "ascending"
}

// Download is the link to the listing as a file of format ext (csv, xlsx),
// with the page's filters and order.
func (d deliveriesData) Download(ext string) string {
	return withQuery("/deliveries."+ext, d.Query)
}
