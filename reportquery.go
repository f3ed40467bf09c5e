package pledgebook

import (
	"context"

	"github.com/shopspring/decimal"
)

// ReportQuery says what a report covers: the currency it adds up in and
// the pledges' announcement dates. Every adapter (CLI, API) builds its
// reports through the functions below from the same store reads, so that
// they show the same figures to the same viewer.
type ReportQuery struct {
	Basis    Basis
	From, To *Date
}

func (q ReportQuery) pledges(ctx context.Context, s Store) ([]*Pledge, error) {
	ps, _, err := s.FindPledges(ctx, PledgeFilter{From: q.From, To: q.To})
	return ps, err
}

// DonorReport totals the pledges the viewer in ctx may see per donor,
// with each donor's pledged value as a share of its GDP when gdp is given.
func DonorReport(ctx context.Context, s Store, q ReportQuery, gdp func(string) (int, decimal.Decimal, bool)) (TotalsReport, error) {
	ps, err := q.pledges(ctx, s)
	if err != nil {
		return TotalsReport{}, err
	}
	parties, err := s.FindParties(ctx, PartyFilter{Donors: true})
	if err != nil {
		return TotalsReport{}, err
	}
	names := map[string]string{}
	for _, p := range parties {
		names[p.Code] = p.NameEN
	}
	key := func(p *Pledge) string { return p.Donor }
	name := func(k string) string { return names[k] }
	r := TotalsBy(ps, q.Basis, key, name)
	if gdp != nil {
		r.SetGDPShares(TotalsBy(ps, USD, key, name), gdp)
	}
	return r, nil
}

// CategoryReport totals the pledges the viewer in ctx may see per
// capability area.
func CategoryReport(ctx context.Context, s Store, q ReportQuery) (TotalsReport, error) {
	ps, err := q.pledges(ctx, s)
	if err != nil {
		return TotalsReport{}, err
	}
	return TotalsBy(ps, q.Basis, func(p *Pledge) string { return string(p.Category) }, func(k string) string {
		for _, c := range Categories {
			if string(c.Code) == k {
				return c.NameEN
			}
		}
		return k
	}), nil
}

// CoverageOf measures how the pledges the viewer in ctx may see cover the
// requirements they may see.
func CoverageOf(ctx context.Context, s Store, q ReportQuery) (CoverageReport, error) {
	ps, err := q.pledges(ctx, s)
	if err != nil {
		return CoverageReport{}, err
	}
	reqs, err := s.FindRequirements(ctx, RequirementFilter{})
	if err != nil {
		return CoverageReport{}, err
	}
	return Coverage(reqs, ps, q.Basis), nil
}

// TimelineOf is the monthly timeline of the pledges and deliveries the
// viewer in ctx may see.
func TimelineOf(ctx context.Context, s Store, q ReportQuery) (TimelineReport, error) {
	ps, err := q.pledges(ctx, s)
	if err != nil {
		return TimelineReport{}, err
	}
	ds, err := s.FindDeliveries(ctx, DeliveryFilter{})
	if err != nil {
		return TimelineReport{}, err
	}
	return Timeline(ps, ds, q.Basis), nil
}
