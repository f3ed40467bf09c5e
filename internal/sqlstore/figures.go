package sqlstore

import (
	"context"
	"runtime"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/sync/errgroup"

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

	// The pledges are read in parts, by ranges of IDs, each on its own
	// connection (as many as there are CPUs, at most four), and each part
	// adds up its own figures: with many pledges, reading them is most of
	// the time the figures take. Each pledge is in one part.
	w := pledgeWhere(pledgebook.PledgeFilter{From: q.From, To: q.To}, 0, r)
	var maxID int64
	if err := s.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM pledges`).Scan(&maxID); err != nil {
		return nil, err
	}
	parts := min(runtime.GOMAXPROCS(0), 4)
	if maxID < 10_000 {
		parts = 1
	}
	figs := make([]*pledgebook.Figures, parts)
	g, gctx := errgroup.WithContext(ctx)
	for i := range parts {
		pw := &where{conds: append([]string(nil), w.conds...), args: append([]any(nil), w.args...)}
		pw.add("id > ? AND id <= ?", maxID*int64(i)/int64(parts), maxID*int64(i+1)/int64(parts))
		g.Go(func() error {
			f, err := s.addPledgeFigures(gctx, q.Basis, value, pw, byPledge)
			figs[i] = f
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for _, f := range figs[1:] {
		figs[0].Merge(f)
	}
	return figs[0], nil
}

// addPledgeFigures adds up the pledges w selects, with their deliveries
// from byPledge, in report currency b whose column is value.
func (s *Store) addPledgeFigures(ctx context.Context, b pledgebook.Basis, value string, w *where, byPledge map[int64]*pledgeDeliveries) (*pledgebook.Figures, error) {
	// Donor, capability area and status come as one column: SQLite's
	// driver pays for every column of every row, and these are text
	// without a "|" on both engines.
	// The date a delivered pledge was recorded delivered is looked up for
	// those pledges only: CASE evaluates its subquery lazily on both engines.
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, donor || '|' || category || '|' || status, announced_on, `+value+`,
		CASE WHEN `+value+` IS NULL THEN amount END, CASE WHEN `+value+` IS NULL THEN currency END,
		CASE WHEN status = 'delivered' THEN (SELECT sc.on_date FROM status_changes sc WHERE sc.pledge_id = pledges.id AND sc.to_status = 'delivered' ORDER BY sc.id DESC LIMIT 1) END
		FROM pledges`+w.String()), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	f := pledgebook.NewFigures(b)
	for rows.Next() {
		var id int64
		var p pledgebook.PledgeFigure
		var key, currency string
		var deliveredOn *pledgebook.Date
		if err := rows.Scan(&id, &key, &p.AnnouncedOn, nullDecimal{&p.Value}, nullDecimal{&p.Amount}, stringScan{&currency}, &deliveredOn); err != nil {
			return nil, err
		}
		donor, rest, _ := strings.Cut(key, "|")
		category, status, _ := strings.Cut(rest, "|")
		p.Donor, p.Category, p.Status, p.Currency = donor, pledgebook.Category(category), pledgebook.Status(status), currency
		if deliveredOn != nil {
			p.DeliveredOn = *deliveredOn
		}
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
