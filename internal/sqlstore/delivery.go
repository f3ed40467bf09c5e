package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"pledgebook"
)

const deliveryColumns = `d.id, d.ref, d.pledge_id, d.delivered_on, d.quantity, d.amount, d.currency, d.amount_eur, d.amount_usd,
	d.fx_date, d.confirmed, d.visibility, d.source_url, d.notes, d.version, d.created_at, d.updated_at`

// CreateDelivery validates a delivery against its pledge, stores it, and
// moves the pledge's status on when the delivery warrants it.
func (s *Store) CreateDelivery(ctx context.Context, d *pledgebook.Delivery) error {
	d.Normalize()
	if err := d.Validate(s.cat); err != nil {
		return s.fail("create delivery", err)
	}
	if d.DeliveredOn.After(s.today()) {
		return s.fail("create delivery", pledgebook.FieldError("date", "%s is in the future; record a delivery once it has arrived", d.DeliveredOn))
	}
	if d.Source != "" {
		if err := pledgebook.CheckURL("source", d.Source); err != nil {
			return s.fail("create delivery", err)
		}
	}
	return s.writeTx(ctx, "create delivery", func(t *tx) error {
		p, err := t.visiblePledge(d.Pledge)
		if pledgebook.ErrorKind(err) == pledgebook.KindNotFound {
			return pledgebook.FieldError("pledge", "unknown pledge %d", d.Pledge)
		}
		if err != nil {
			return err
		}
		if err := pledgebook.CheckDelivery(p, d); err != nil {
			return err
		}
		if d.Ref != "" {
			if err := t.checkFree("deliveries", d.Ref); err != nil {
				return err
			}
		}
		c := s.convert(d.Amount, d.Currency, d.DeliveredOn)
		d.AmountEUR, d.AmountUSD, d.FXDate = c.EUR, c.USD, c.RateDate
		ts := stamp(t.now)
		id, err := t.insertID(`INSERT INTO deliveries (ref, pledge_id, delivered_on, quantity, amount, currency, amount_eur, amount_usd,
			fx_date, confirmed, visibility, source_url, notes, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			nullString(d.Ref), d.Pledge, d.DeliveredOn, intValue(d.Quantity), decimalValue(d.Amount), d.Currency,
			decimalValue(d.AmountEUR), decimalValue(d.AmountUSD), d.FXDate, d.Confirmed, d.Visibility, d.Source, d.Notes, ts, ts)
		if err != nil {
			return fmt.Errorf("insert delivery: %w", err)
		}
		stored, err := s.findDeliveries(t.ctx, t.Tx, pledgebook.DeliveryFilter{}, id, everything)
		if err != nil {
			return err
		}
		*d = *stored[0]
		if err := t.record("create", deliveryEntity(id), nil, d); err != nil {
			return err
		}
		return t.advance(p, d)
	})
}

// advance moves a pledge to delivering when its first delivery arrives and
// to delivered when its whole quantity has, auditing the move. Only
// deliveries within the pledge's visibility count: the status is part of
// the pledge, and must not tell its readers of a delivery hidden from them.
func (t *tx) advance(p *pledgebook.Pledge, d *pledgebook.Delivery) error {
	if !d.Visibility.Within(p.Visibility) {
		return nil
	}
	delivered, err := t.deliveredWithin(p)
	if err != nil {
		return err
	}
	to := p.Status
	if p.Status == pledgebook.Announced || p.Status == pledgebook.Committed || p.Status == pledgebook.Contracted {
		to = pledgebook.Delivering
	}
	if p.Quantity != nil && *p.Quantity > 0 && delivered == *p.Quantity && !p.Status.Final() {
		to = pledgebook.Delivered
	}
	if to == p.Status {
		return nil
	}
	on := d.DeliveredOn
	if last := p.History[len(p.History)-1].On; on.Before(last) {
		on = last
	}
	if err := t.move(p, pledgebook.StatusMove{To: to, On: on, Note: fmt.Sprintf("recorded with delivery %d", d.ID)}); err != nil {
		return err
	}
	after, err := t.pledge(p.ID)
	if err != nil {
		return err
	}
	return t.record("status", pledgeEntity(p.ID), p.Snapshot(), after.Snapshot())
}

// deliveredWithin returns the quantity delivered against p by the
// deliveries within p's visibility, the one just stored included.
func (t *tx) deliveredWithin(p *pledgebook.Pledge) (int64, error) {
	rows, err := t.query(`SELECT quantity, visibility FROM deliveries WHERE pledge_id = ? AND quantity IS NOT NULL`, p.ID)
	if err != nil {
		return 0, fmt.Errorf("add up deliveries of pledge %d: %w", p.ID, err)
	}
	defer rows.Close()
	var sum int64
	for rows.Next() {
		var q int64
		var vis pledgebook.Visibility
		if err := rows.Scan(&q, &vis); err != nil {
			return 0, fmt.Errorf("add up deliveries of pledge %d: %w", p.ID, err)
		}
		if vis.Within(p.Visibility) {
			sum += q
		}
	}
	return sum, rows.Err()
}

// ConfirmDelivery marks a delivery the viewer may see confirmed, if it is
// still at version.
func (s *Store) ConfirmDelivery(ctx context.Context, id int64, version int) (*pledgebook.Delivery, error) {
	var out *pledgebook.Delivery
	err := s.writeTx(ctx, "confirm delivery", func(t *tx) error {
		ds, err := s.findDeliveries(t.ctx, t.Tx, pledgebook.DeliveryFilter{}, id, reachOf(ctx))
		if err != nil {
			return err
		}
		if len(ds) == 0 {
			return pledgebook.Errorf(pledgebook.KindNotFound, "delivery %d not found", id)
		}
		before := ds[0]
		if before.Version != version {
			return pledgebook.ConflictError("version", "delivery %d was changed meanwhile: it is at version %d, not %d; read it again", id, before.Version, version)
		}
		if before.Confirmed {
			return pledgebook.ConflictError("confirmed", "delivery %d is already confirmed", id)
		}
		if _, err := t.exec(`UPDATE deliveries SET confirmed = ?, version = version + 1, updated_at = ? WHERE id = ?`, true, stamp(t.now), id); err != nil {
			return fmt.Errorf("confirm delivery %d: %w", id, err)
		}
		after, err := s.findDeliveries(t.ctx, t.Tx, pledgebook.DeliveryFilter{}, id, everything)
		if err != nil {
			return err
		}
		out = after[0]
		return t.record("confirm", deliveryEntity(id), before, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func deliveryEntity(id int64) string { return "delivery/" + strconv.FormatInt(id, 10) }

// FindDeliveries returns the deliveries f selects, oldest first.
func (s *Store) FindDeliveries(ctx context.Context, f pledgebook.DeliveryFilter) ([]*pledgebook.Delivery, error) {
	ds, err := s.findDeliveries(ctx, s.read, f, 0, reachOf(ctx))
	return ds, s.fail("find deliveries", err)
}

// FindDeliveryByID returns a delivery the viewer may see, whose pledge
// they may see too.
func (s *Store) FindDeliveryByID(ctx context.Context, id int64) (*pledgebook.Delivery, error) {
	ds, err := s.findDeliveries(ctx, s.read, pledgebook.DeliveryFilter{}, id, reachOf(ctx))
	if err == nil && len(ds) == 0 {
		err = notFound("delivery", id)
	}
	if err != nil {
		return nil, s.fail("find delivery", err)
	}
	return ds[0], nil
}

// findDeliveries loads the deliveries f selects that r allows, both the
// delivery and its pledge.
func (s *Store) findDeliveries(ctx context.Context, db querier, f pledgebook.DeliveryFilter, id int64, r pledgebook.Reach) ([]*pledgebook.Delivery, error) {
	w := &where{}
	if id != 0 {
		w.add("d.id = ?", id)
	}
	if f.Pledge != nil {
		w.add("d.pledge_id = ?", *f.Pledge)
	}
	if f.Donor != nil {
		w.add("p.donor = ?", *f.Donor)
	}
	if f.Category != nil {
		w.add("p.category = ?", *f.Category)
	}
	if f.Confirmed != nil {
		w.add("d.confirmed = ?", *f.Confirmed)
	}
	if f.From != nil {
		w.add("d.delivered_on >= ?", *f.From)
	}
	if f.To != nil {
		w.add("d.delivered_on <= ?", *f.To)
	}
	if f.Ref != nil {
		w.add("d.ref = ?", *f.Ref)
	}
	cond, args := visibleSQL(r, "p.visibility", "p.donor", "p.recipient")
	w.add(cond, args...)
	cond, args = visibleSQL(r, "d.visibility", "p.donor", "p.recipient")
	w.add(cond, args...)
	order, cmp := ` ORDER BY d.delivered_on, d.id`, ">"
	if f.Desc {
		order, cmp = ` ORDER BY d.delivered_on DESC, d.id DESC`, "<"
	}
	if f.After != nil {
		w.add("(d.delivered_on "+cmp+" ? OR (d.delivered_on = ? AND d.id "+cmp+" ?))", f.After.DeliveredOn, f.After.DeliveredOn, f.After.ID)
	}
	q := `SELECT ` + deliveryColumns + ` FROM deliveries d JOIN pledges p ON p.id = d.pledge_id` + w.String() + order
	args = w.args
	if f.Limit > 0 {
		q, args = q+` LIMIT ?`, append(args, f.Limit)
	}
	rows, err := db.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*pledgebook.Delivery
	for rows.Next() {
		d := &pledgebook.Delivery{}
		var ref string
		if err := rows.Scan(&d.ID, stringScan{&ref}, &d.Pledge, &d.DeliveredOn, nullInt{&d.Quantity}, nullDecimal{&d.Amount},
			&d.Currency, nullDecimal{&d.AmountEUR}, nullDecimal{&d.AmountUSD}, &d.FXDate, &d.Confirmed, &d.Visibility,
			&d.Source, &d.Notes, &d.Version, timeScan{&d.CreatedAt}, timeScan{&d.UpdatedAt}); err != nil {
			return nil, fmt.Errorf("scan delivery: %w", err)
		}
		d.Ref = ref
		out = append(out, d)
	}
	return out, rows.Err()
}
