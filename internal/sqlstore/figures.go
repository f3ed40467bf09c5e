package sqlstore

import (
	"context"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// PledgeFigures reads the few columns of each visible pledge and delivery
// that the figures need, in two queries, and adds them up in Go: amounts
// are exact decimals, which SQLite keeps as text and cannot add up
// exactly, so the sums are pledgebook's, on both engines. Of a pledge
// with a value in the report currency it reads neither amount nor
// currency, and its quantity only when it has deliveries.
func (s *Store) PledgeFigures(ctx context.Context, q pledgebook.ReportQuery) (*pledgebook.Figures, error) {
	f, err := s.pledgeFigures(ctx, q)
	return f, s.fail("add up pledges", err)
}

// pledgeDeliveries are the deliveries of one pledge, and its quantity.
type pledgeDeliveries struct {
	quantity *int64
	ds       []*pledgebook.Delivery
}

func (s *Store) pledgeFigures(ctx context.Context, q pledgebook.ReportQuery) (*pledgebook.Figures, error) {
	r := reachOf(ctx)
	value := "amount_eur"
	if q.Basis == pledgebook.USD {
		value = "amount_usd"
	}

	// The deliveries the viewer may see of the pledges the viewer may see,
	// as findDeliveries selects them, by pledge.
	dw := &where{}
	cond, args := visibleSQL(r, "p.visibility", "p.donor", "p.recipient")
	dw.add(cond, args...)
	cond, args = visibleSQL(r, "d.visibility", "p.donor", "p.recipient")
	dw.add(cond, args...)
	if q.From != nil {
		dw.add("p.announced_on >= ?", *q.From)
	}
	if q.To != nil {
		dw.add("p.announced_on <= ?", *q.To)
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT d.pledge_id, p.quantity, d.delivered_on, d.quantity, d.`+value+`
		FROM deliveries d JOIN pledges p ON p.id = d.pledge_id`+dw.String()), dw.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byPledge := map[int64]*pledgeDeliveries{}
	for rows.Next() {
		d := &pledgebook.Delivery{}
		var quantity *int64
		if err := rows.Scan(&d.Pledge, nullInt{&quantity}, &d.DeliveredOn, nullInt{&d.Quantity}, basisDecimal(q.Basis, &d.AmountEUR, &d.AmountUSD)); err != nil {
			return nil, err
		}
		pd := byPledge[d.Pledge]
		if pd == nil {
			pd = &pledgeDeliveries{quantity: quantity}
			byPledge[d.Pledge] = pd
		}
		pd.ds = append(pd.ds, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	w := pledgeWhere(pledgebook.PledgeFilter{From: q.From, To: q.To}, 0, r)
	rows, err = s.read.QueryContext(ctx, s.q(`SELECT id, donor, category, status, announced_on, `+value+`,
		CASE WHEN `+value+` IS NULL THEN amount END, CASE WHEN `+value+` IS NULL THEN currency END
		FROM pledges`+w.String()), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	f := pledgebook.NewFigures(q.Basis)
	for rows.Next() {
		var id int64
		var p pledgebook.PledgeFigure
		var currency string
		if err := rows.Scan(&id, &p.Donor, &p.Category, &p.Status, &p.AnnouncedOn, nullDecimal{&p.Value},
			nullDecimal{&p.Amount}, stringScan{&currency}); err != nil {
			return nil, err
		}
		p.Currency = currency
		var ds []*pledgebook.Delivery
		if pd := byPledge[id]; pd != nil {
			p.Quantity, ds = pd.quantity, pd.ds
		}
		f.Add(p, ds)
	}
	return f, rows.Err()
}

// basisDecimal scans a value in report currency b into eur or usd.
func basisDecimal(b pledgebook.Basis, eur, usd **decimal.Decimal) nullDecimal {
	if b == pledgebook.USD {
		return nullDecimal{usd}
	}
	return nullDecimal{eur}
}
