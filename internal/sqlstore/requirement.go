package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"pledgebook"
)

const requirementColumns = `id, ref, recipient, category, item, quantity, unit, amount, currency, amount_eur, amount_usd,
	priority, needed_by, illustrative, notes, visibility, version, created_at, updated_at`

// CreateRequirement validates and stores a requirement.
func (s *Store) CreateRequirement(ctx context.Context, r *pledgebook.Requirement) error {
	r.Normalize()
	if err := r.Validate(s.cat); err != nil {
		return s.fail("create requirement", err)
	}
	return s.writeTx(ctx, "create requirement", func(t *tx) error {
		if err := t.exists("recipient", "parties", "code", r.Recipient); err != nil {
			return err
		}
		if r.Ref != "" {
			if err := t.checkFree("requirements", r.Ref); err != nil {
				return err
			}
		}
		// A requirement is valued on the day it is recorded.
		c := s.convert(r.Amount, r.Currency, pledgebook.DateOf(t.now))
		r.AmountEUR, r.AmountUSD = c.EUR, c.USD
		ts := stamp(t.now)
		id, err := t.insertID(`INSERT INTO requirements (ref, recipient, category, item, quantity, unit, amount, currency, amount_eur,
			amount_usd, fx_date, priority, needed_by, illustrative, notes, visibility, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			nullString(r.Ref), r.Recipient, r.Category, r.Item, intValue(r.Quantity), r.Unit, decimalValue(r.Amount), r.Currency,
			decimalValue(r.AmountEUR), decimalValue(r.AmountUSD), c.RateDate, r.Priority, r.NeededBy, r.Illustrative, r.Notes,
			r.Visibility, ts, ts)
		if err != nil {
			return fmt.Errorf("insert requirement: %w", err)
		}
		stored, err := s.findRequirements(t.ctx, t.Tx, pledgebook.RequirementFilter{}, id, everything)
		if err != nil {
			return err
		}
		*r = *stored[0]
		return t.record("create", requirementEntity(id), nil, r)
	})
}

func requirementEntity(id int64) string { return "requirement/" + strconv.FormatInt(id, 10) }

// FindRequirementByID returns one requirement.
func (s *Store) FindRequirementByID(ctx context.Context, id int64) (*pledgebook.Requirement, error) {
	rs, err := s.findRequirements(ctx, s.read, pledgebook.RequirementFilter{}, id, reachOf(ctx))
	if err == nil && len(rs) == 0 {
		err = notFound("requirement", id)
	}
	if err != nil {
		return nil, s.fail("find requirement", err)
	}
	return rs[0], nil
}

// FindRequirements returns the requirements f selects, most urgent first.
func (s *Store) FindRequirements(ctx context.Context, f pledgebook.RequirementFilter) ([]*pledgebook.Requirement, error) {
	rs, err := s.findRequirements(ctx, s.read, f, 0, reachOf(ctx))
	return rs, s.fail("find requirements", err)
}

// findRequirements loads the requirements f selects that r allows. A
// requirement has no donor: its recipient decides who sees a confidential
// one.
func (s *Store) findRequirements(ctx context.Context, db querier, f pledgebook.RequirementFilter, id int64, r pledgebook.Reach) ([]*pledgebook.Requirement, error) {
	w := &where{}
	if id != 0 {
		w.add("id = ?", id)
	}
	if f.Category != nil {
		w.add("category = ?", *f.Category)
	}
	if f.Ref != nil {
		w.add("ref = ?", *f.Ref)
	}
	cond, args := visibleSQL(r, "visibility", "", "recipient")
	w.add(cond, args...)
	q := `SELECT ` + requirementColumns + ` FROM requirements` + w.String()
	rows, err := db.QueryContext(ctx, s.q(q+` ORDER BY priority, needed_by, id`), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*pledgebook.Requirement
	for rows.Next() {
		r := &pledgebook.Requirement{}
		var ref string
		if err := rows.Scan(&r.ID, stringScan{&ref}, &r.Recipient, &r.Category, &r.Item, nullInt{&r.Quantity}, &r.Unit,
			nullDecimal{&r.Amount}, &r.Currency, nullDecimal{&r.AmountEUR}, nullDecimal{&r.AmountUSD}, &r.Priority,
			&r.NeededBy, &r.Illustrative, &r.Notes, &r.Visibility, &r.Version, timeScan{&r.CreatedAt}, timeScan{&r.UpdatedAt}); err != nil {
			return nil, fmt.Errorf("scan requirement: %w", err)
		}
		r.Ref = ref
		out = append(out, r)
	}
	return out, rows.Err()
}

// UpdateRequirement changes the fields upd sets, if the requirement is
// still at version.
func (s *Store) UpdateRequirement(ctx context.Context, id int64, upd pledgebook.RequirementUpdate, version int) (*pledgebook.Requirement, error) {
	if err := upd.Check(); err != nil {
		return nil, err
	}
	var out *pledgebook.Requirement
	err := s.writeTx(ctx, "update requirement", func(t *tx) error {
		rs, err := s.findRequirements(t.ctx, t.Tx, pledgebook.RequirementFilter{}, id, reachOf(ctx))
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return notFound("requirement", id)
		}
		before := rs[0]
		if before.Version != version {
			return pledgebook.ConflictError("version", "requirement %d was changed meanwhile: it is at version %d, not %d; read it again", id, before.Version, version)
		}
		r := upd.Apply(before)
		r.Normalize()
		if err := r.Validate(s.cat); err != nil {
			return err
		}
		if sameJSON(r, before) {
			out = before
			return nil
		}
		fxDate := pledgebook.Date{}
		revalue := !sameJSON(r.Amount, before.Amount) || r.Currency != before.Currency
		if revalue {
			c := s.convert(r.Amount, r.Currency, pledgebook.DateOf(t.now))
			r.AmountEUR, r.AmountUSD, fxDate = c.EUR, c.USD, c.RateDate
		}
		set := `category = ?, item = ?, quantity = ?, unit = ?, amount = ?, currency = ?, amount_eur = ?, amount_usd = ?,
			priority = ?, needed_by = ?, illustrative = ?, notes = ?, visibility = ?, version = version + 1, updated_at = ?`
		args := []any{r.Category, r.Item, intValue(r.Quantity), r.Unit, decimalValue(r.Amount), r.Currency, decimalValue(r.AmountEUR),
			decimalValue(r.AmountUSD), r.Priority, r.NeededBy, r.Illustrative, r.Notes, r.Visibility, stamp(t.now)}
		if revalue {
			set += `, fx_date = ?`
			args = append(args, fxDate)
		}
		if _, err := t.exec(`UPDATE requirements SET `+set+` WHERE id = ?`, append(args, id)...); err != nil {
			return fmt.Errorf("update requirement %d: %w", id, err)
		}
		after, err := s.findRequirements(t.ctx, t.Tx, pledgebook.RequirementFilter{}, id, everything)
		if err != nil {
			return err
		}
		out = after[0]
		return t.record("update", requirementEntity(id), before, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
