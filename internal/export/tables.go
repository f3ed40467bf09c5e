package export

import (
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// The listings' columns. Codes stay codes (donor GB, area air-defence,
// status committed) so that files read the same in every language;
// names of parties come in a column of their own.

func opt(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return *d
}

func optInt(n *int64) any {
	if n == nil {
		return nil
	}
	return *n
}

// Pledges is a pledge listing; name gives parties their names.
func Pledges(ps []*pledgebook.Pledge, name func(code string) string) Table {
	t := Table{Name: "pledges", Header: []string{"ID", "ANNOUNCED", "DONOR", "DONOR_NAME", "RECIPIENT", "CATEGORY", "ITEM", "QUANTITY", "UNIT",
		"AMOUNT", "CURRENCY", "AMOUNT_EUR", "FX_DATE", "STATUS", "DELIVERED_QUANTITY", "DELIVERED_EUR", "MEETING", "COALITION", "VISIBILITY", "NOTES"}}
	for _, p := range ps {
		var delivered any
		if p.Quantity != nil {
			delivered = p.DeliveredQuantity
		}
		t.add(p.ID, p.AnnouncedOn, p.Donor, name(p.Donor), p.Recipient, string(p.Category), p.Item, optInt(p.Quantity), p.Unit,
			opt(p.Amount), p.Currency, opt(p.AmountEUR), p.FXDate, string(p.Status), delivered, opt(p.DeliveredEUR), p.Meeting, p.Coalition,
			string(p.Visibility), p.Notes)
	}
	return t
}

// Deliveries is a delivery listing with each delivery's pledge, from
// pledges by ID; name gives parties their names. REMAINING is what the
// pledge has still to deliver of its quantity, by the deliveries the
// reader may see; empty for a pledge without a quantity. A delivery whose
// pledge is not in pledges has only its own columns.
func Deliveries(ds []*pledgebook.Delivery, pledges map[int64]*pledgebook.Pledge, name func(code string) string) Table {
	t := Table{Name: "deliveries", Header: []string{"ID", "DELIVERED", "PLEDGE", "DONOR", "DONOR_NAME", "CATEGORY", "ITEM", "QUANTITY", "UNIT",
		"AMOUNT", "CURRENCY", "AMOUNT_EUR", "CONFIRMED", "REMAINING", "VISIBILITY"}}
	for _, d := range ds {
		var donor, donorName, category, item, unit string
		var remaining any
		if p := pledges[d.Pledge]; p != nil {
			donor, donorName, category, item, unit = p.Donor, name(p.Donor), string(p.Category), p.Item, p.Unit
			if p.Quantity != nil {
				remaining = max(*p.Quantity-p.DeliveredQuantity, 0)
			}
		}
		t.add(d.ID, d.DeliveredOn, d.Pledge, donor, donorName, category, item, optInt(d.Quantity), unit, opt(d.Amount), d.Currency,
			opt(d.AmountEUR), d.Confirmed, remaining, string(d.Visibility))
	}
	return t
}

// Coverage is the requirement coverage report, one row per requirement,
// most urgent first; its values are in the report's currency.
func Coverage(r pledgebook.CoverageReport) Table {
	t := Table{Name: "coverage", Header: []string{"PRIORITY", "REQUIREMENT", "CATEGORY", "ITEM", "NEEDED_BY", "UNIT", "REQUIRED", "PLEDGED", "DELIVERED", "GAP",
		"COVERED_SHARE", "CURRENCY", "REQUIRED_VALUE", "PLEDGED_VALUE", "DELIVERED_VALUE", "GAP_VALUE", "PLEDGES", "ILLUSTRATIVE"}}
	for _, c := range r.Requirements {
		t.add(int64(c.Priority), c.Requirement, string(c.Category), c.Item, c.NeededBy, c.Unit, optInt(c.Required), c.Pledged, c.Delivered, optInt(c.Gap),
			c.Covered, string(r.Currency), opt(c.RequiredValue), c.PledgedValue, c.DeliveredValue, opt(c.GapValue), int64(c.Pledges), c.Illustrative)
	}
	return t
}

// Donors is the donor report, largest first; name gives parties their
// names. GDP_SHARE_PCT is the value pledged in USD as a percentage of the
// donor's GDP in GDP_YEAR.
func Donors(r pledgebook.TotalsReport, name func(code string) string) Table {
	t := Table{Name: "donors", Header: []string{"DONOR", "DONOR_NAME", "PLEDGES", "CURRENCY", "PLEDGED", "DELIVERED", "OUTSTANDING", "IN_KIND", "CANCELLED",
		"GDP_SHARE_PCT", "GDP_YEAR"}}
	for _, d := range r.Rows {
		var year any
		if d.GDPYear != 0 {
			year = int64(d.GDPYear)
		}
		t.add(d.Key, name(d.Key), int64(d.Pledges), string(r.Currency), d.Pledged, d.Delivered, d.Outstanding, int64(d.InKind), int64(d.Cancelled),
			opt(d.GDPShare), year)
	}
	return t
}

// Meetings lists meetings.
func Meetings(ms []pledgebook.Meeting) Table {
	t := Table{Name: "meetings", Header: []string{"ID", "DATE", "KIND", "TITLE", "PLACE", "CHAIRS", "SOURCE"}}
	for _, m := range ms {
		t.add(m.ID, m.Date, m.Kind, m.Title, m.Place, strings.Join(m.Chairs, "; "), m.Source)
	}
	return t
}

// Coalitions lists coalitions; parties and areas are space-separated codes.
func Coalitions(cs []pledgebook.Coalition) Table {
	t := Table{Name: "coalitions", Header: []string{"ID", "NAME", "LEADS", "MEMBERS", "CATEGORIES", "FOUNDED"}}
	for _, c := range cs {
		members := make([]string, len(c.Members))
		for i, m := range c.Members {
			members[i] = m.Party
		}
		cats := make([]string, len(c.Categories))
		for i, a := range c.Categories {
			cats[i] = string(a)
		}
		t.add(c.ID, c.Name, strings.Join(c.Leads, " "), strings.Join(members, " "), strings.Join(cats, " "), c.Founded)
	}
	return t
}

// Sources lists sources, without their text.
func Sources(ss []*pledgebook.Source) Table {
	t := Table{Name: "sources", Header: []string{"ID", "PUBLISHED", "PUBLISHER", "TITLE", "URL", "LANGUAGE", "CONTENT_SHA256"}}
	for _, s := range ss {
		t.add(s.ID, s.Published, s.Publisher, s.Title, s.URL, s.Language, s.ContentHash)
	}
	return t
}
