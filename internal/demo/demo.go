// Package demo loads the demo data set: pledges, deliveries and
// illustrative requirements compiled from public reporting, each pledge
// with its source. Loading is idempotent: every record carries a ref, and
// a record whose ref is already stored is left alone.
package demo

import (
	"bytes"
	"cmp"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"pledgebook"
)

//go:embed demo.json
var data []byte

// File is the layout of demo.json.
type File struct {
	Requirements []pledgebook.Requirement `json:"requirements"`
	Pledges      []Pledge                 `json:"pledges"`
}

// Pledge is a demo pledge with what happened to it afterwards.
type Pledge struct {
	pledgebook.Pledge
	RequirementRef  string                    `json:"requirement_ref"`
	Source          pledgebook.PledgeSource   `json:"source"`
	History         []pledgebook.StatusChange `json:"history"`
	Reannouncements []pledgebook.PledgeSource `json:"reannouncements"`
	Deliveries      []Delivery                `json:"deliveries"`
}

// Delivery is a demo delivery; its pledge is the one it is listed under.
type Delivery struct {
	Ref         string           `json:"ref"`
	DeliveredOn pledgebook.Date  `json:"delivered_on"`
	Quantity    *int64           `json:"quantity"`
	Amount      *decimal.Decimal `json:"amount"`
	Currency    string           `json:"currency"`
	Confirmed   bool             `json:"confirmed"`
	Source      string           `json:"source"`
}

// Parse decodes a demo file, refusing unknown fields so that a typo in the
// data is not silently dropped.
func Parse(b []byte) (*File, error) {
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("parse demo data: %w", err)
	}
	return &f, nil
}

// Data returns the embedded demo data set.
func Data() *File {
	f, err := Parse(data)
	if err != nil {
		panic(err) // the file is embedded: a build defect, caught by the tests
	}
	return f
}

// Result counts what a load added.
type Result struct {
	Requirements, Pledges, Deliveries, Moves, Links int
}

// Changed reports whether the load added anything.
func (r Result) Changed() bool { return r != Result{} }

// Load adds what of f is not yet in s. The store must hold the reference
// data (meetings, coalitions) that f refers to, and ctx must read as a
// viewer who sees every record (an admin): Load finds what is already
// there by reading it.
func Load(ctx context.Context, s pledgebook.Store, f *File) (Result, error) {
	var res Result
	reqIDs := map[string]int64{}
	for _, r := range f.Requirements {
		got, err := s.FindRequirements(ctx, pledgebook.RequirementFilter{Ref: &r.Ref})
		if err != nil {
			return res, err
		}
		if len(got) == 0 {
			r := r
			if err := s.CreateRequirement(ctx, &r); err != nil {
				return res, fmt.Errorf("demo requirement %s: %w", r.Ref, err)
			}
			res.Requirements++
			got = []*pledgebook.Requirement{&r}
		}
		reqIDs[r.Ref] = got[0].ID
	}
	for _, dp := range f.Pledges {
		if err := loadPledge(ctx, s, dp, reqIDs, &res); err != nil {
			return res, fmt.Errorf("demo pledge %s: %w", dp.Ref, err)
		}
	}
	return res, nil
}

func loadPledge(ctx context.Context, s pledgebook.Store, dp Pledge, reqIDs map[string]int64, res *Result) error {
	got, _, err := s.FindPledges(ctx, pledgebook.PledgeFilter{Ref: &dp.Ref})
	if err != nil {
		return err
	}
	var p *pledgebook.Pledge
	if len(got) > 0 {
		p = got[0]
	} else {
		np := dp.Pledge
		np.Sources, np.History = nil, nil
		if dp.RequirementRef != "" {
			id, ok := reqIDs[dp.RequirementRef]
			if !ok {
				return fmt.Errorf("unknown requirement_ref %q", dp.RequirementRef)
			}
			np.Requirement = &id
		}
		if err := s.CreatePledge(ctx, &np, pledgebook.CreatePledgeOptions{Source: dp.Source}); err != nil {
			return err
		}
		res.Pledges++
		p = &np
	}
	for _, src := range dp.Reannouncements {
		if slices.ContainsFunc(p.Sources, func(s pledgebook.PledgeSource) bool { return s.URL == src.URL }) {
			continue
		}
		if p, err = s.LinkPledge(ctx, p.ID, src); err != nil {
			return err
		}
		res.Links++
	}
	// Status moves and deliveries happen in date order; a delivery may move
	// the status on by itself, and a listed move it has overtaken is skipped.
	type step struct {
		on   pledgebook.Date
		move *pledgebook.StatusChange
		del  *Delivery
	}
	var steps []step
	for i := range dp.History {
		steps = append(steps, step{on: dp.History[i].On, move: &dp.History[i]})
	}
	for i := range dp.Deliveries {
		steps = append(steps, step{on: dp.Deliveries[i].DeliveredOn, del: &dp.Deliveries[i]})
	}
	slices.SortStableFunc(steps, func(a, b step) int { return cmp.Compare(a.on.String(), b.on.String()) })
	for _, st := range steps {
		if st.move != nil {
			if pledgebook.CheckMove(p.Status, st.move.To) != nil {
				continue // already there or beyond
			}
			if p, err = s.SetPledgeStatus(ctx, p.ID, pledgebook.StatusMove{To: st.move.To, On: st.move.On, Note: st.move.Note}); err != nil {
				return err
			}
			res.Moves++
			continue
		}
		d := st.del
		have, err := s.FindDeliveries(ctx, pledgebook.DeliveryFilter{Ref: &d.Ref})
		if err != nil {
			return err
		}
		if len(have) > 0 {
			continue
		}
		nd := &pledgebook.Delivery{Ref: d.Ref, Pledge: p.ID, DeliveredOn: d.DeliveredOn, Quantity: d.Quantity, Amount: d.Amount,
			Currency: d.Currency, Confirmed: d.Confirmed, Source: d.Source, Visibility: p.Visibility}
		if err := s.CreateDelivery(ctx, nd); err != nil {
			return fmt.Errorf("delivery %s: %w", d.Ref, err)
		}
		res.Deliveries++
		if p, err = s.FindPledgeByID(ctx, p.ID); err != nil {
			return err
		}
	}
	return nil
}
