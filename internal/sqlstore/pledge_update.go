package sqlstore

import (
	"context"
	"fmt"

	"pledgebook"
)

// UpdatePledge changes the fields upd sets, if the pledge is still at
// version.
func (s *Store) UpdatePledge(ctx context.Context, id int64, upd pledgebook.PledgeUpdate, version int) (*pledgebook.Pledge, error) {
	if err := upd.Check(); err != nil {
		return nil, err
	}
	var out *pledgebook.Pledge
	err := s.writeTx(ctx, "update pledge", func(t *tx) error {
		before, err := t.visiblePledge(id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return pledgebook.ConflictError("version", "pledge %d was changed meanwhile: it is at version %d, not %d; read it again", id, before.Version, version)
		}
		p := upd.Apply(before)
		p.Normalize()
		if err := p.Validate(s.cat); err != nil {
			return err
		}
		if p.AnnouncedOn.After(s.today()) {
			return pledgebook.FieldError("announced_on", "%s is in the future", p.AnnouncedOn)
		}
		if err := t.checkPledgeRefs(p); err != nil {
			return err
		}
		// The announcement starts the pledge's history: it may not move past
		// a later status change or a delivery.
		if len(before.History) > 1 && p.AnnouncedOn.After(before.History[1].On) {
			return pledgebook.FieldError("announced_on", "%s is after the pledge's status change of %s", p.AnnouncedOn, before.History[1].On)
		}
		var first pledgebook.Date
		var delivered int64
		rows, err := t.query(`SELECT delivered_on, quantity FROM deliveries WHERE pledge_id = ?`, id)
		if err != nil {
			return fmt.Errorf("read deliveries: %w", err)
		}
		for rows.Next() {
			var on pledgebook.Date
			var q *int64
			if err := rows.Scan(&on, nullInt{&q}); err != nil {
				rows.Close()
				return fmt.Errorf("scan delivery: %w", err)
			}
			if first.IsZero() || on.Before(first) {
				first = on
			}
			if q != nil {
				delivered += *q
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if !first.IsZero() && p.AnnouncedOn.After(first) {
			return pledgebook.FieldError("announced_on", "%s is after the pledge's first delivery", p.AnnouncedOn)
		}
		if delivered > 0 && p.Quantity == nil {
			return pledgebook.FieldError("quantity", "cannot be emptied: %d have been delivered against it", delivered)
		}
		if delivered > 0 && *p.Quantity < delivered {
			return pledgebook.FieldError("quantity", "is below the quantity already delivered")
		}
		p.AmountEUR, p.AmountUSD, p.FXDate = nil, nil, pledgebook.Date{}
		if p.Amount != nil {
			c := s.conv.Convert(*p.Amount, p.Currency, p.AnnouncedOn)
			p.AmountEUR, p.AmountUSD, p.FXDate = c.EUR, c.USD, c.RateDate
		}
		if sameJSON(p.Snapshot(), before.Snapshot()) {
			out = before
			return nil
		}
		_, err = t.exec(`UPDATE pledges SET category = ?, item = ?, item_key = ?, quantity = ?, unit = ?, amount = ?, currency = ?,
			amount_eur = ?, amount_usd = ?, fx_date = ?, announced_on = ?, period_from = ?, period_to = ?, meeting_id = ?,
			requirement_id = ?, coalition_id = ?, visibility = ?, notes = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			p.Category, p.Item, pledgebook.NormalizeItem(p.Item), intValue(p.Quantity), p.Unit, decimalValue(p.Amount), p.Currency,
			decimalValue(p.AmountEUR), decimalValue(p.AmountUSD), p.FXDate, p.AnnouncedOn, p.PeriodFrom, p.PeriodTo,
			nullString(p.Meeting), intValue(p.Requirement), nullString(p.Coalition), p.Visibility, p.Notes, stamp(t.now), id)
		if err != nil {
			return fmt.Errorf("update pledge %d: %w", id, err)
		}
		if p.AnnouncedOn.Compare(before.AnnouncedOn) != 0 {
			if _, err := t.exec(`UPDATE status_changes SET on_date = ? WHERE id = (SELECT MIN(id) FROM status_changes WHERE pledge_id = ?)`,
				p.AnnouncedOn, id); err != nil {
				return fmt.Errorf("update first status: %w", err)
			}
		}
		if out, err = t.pledge(id); err != nil {
			return err
		}
		return t.record("update", pledgeEntity(id), before.Snapshot(), out.Snapshot())
	})
	if err != nil {
		return nil, err
	}
	// The read-back saw everything; the caller gets the pledge as they may
	// read it.
	return s.FindPledgeByID(ctx, out.ID)
}
