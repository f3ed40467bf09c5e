package web

import (
	"fmt"
	"net/http"
	"slices"

	"pledgebook"
)

type coalitionsData struct {
	Coalitions []pledgebook.Coalition
	Parties    names
}

func (u *UI) coalitions(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	cs, err := u.store.FindCoalitions(ctx)
	if err != nil {
		return fmt.Errorf("load coalitions: %w", err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	p.Title, p.Nav = p.L.T("coalitions.title"), "coalitions"
	p.Data = coalitionsData{Coalitions: cs, Parties: n}
	u.render(w, r, http.StatusOK, "coalitions", p)
	return nil
}

type coalitionData struct {
	Coalition pledgebook.Coalition
	Pledges   []*pledgebook.Pledge // the members' and leads' pledges in its areas
	Total     pledgebook.Totals
	Parties   names
}

// coalition shows a coalition and what its members pledged in its
// capability areas: the pledges the viewer may see of each area, of the
// coalition's parties.
func (u *UI) coalition(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	id := r.PathValue("id")
	c, err := u.store.FindCoalitionByID(ctx, id)
	if err != nil {
		return fmt.Errorf("load coalition %s: %w", id, err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	parties := slices.Clone(c.Leads)
	for _, m := range c.Members {
		parties = append(parties, m.Party)
	}
	d := coalitionData{Coalition: c, Parties: n}
	for _, cat := range c.Categories {
		ps, _, err := u.store.FindPledges(ctx, pledgebook.PledgeFilter{Category: &cat})
		if err != nil {
			return fmt.Errorf("load pledges in %s: %w", cat, err)
		}
		for _, pl := range ps {
			if slices.Contains(parties, pl.Donor) {
				d.Pledges = append(d.Pledges, pl)
			}
		}
	}
	slices.SortStableFunc(d.Pledges, func(a, b *pledgebook.Pledge) int { return a.AnnouncedOn.Compare(b.AnnouncedOn) })
	d.Total = pledgebook.TotalsBy(d.Pledges, pledgebook.EUR, func(*pledgebook.Pledge) string { return "" }, n.Of).Total
	p.Title, p.Nav = c.Name, "coalitions"
	p.Data = d
	u.render(w, r, http.StatusOK, "coalition", p)
	return nil
}

// IsLead reports whether party leads the coalition.
func (d coalitionData) IsLead(party string) bool { return slices.Contains(d.Coalition.Leads, party) }
