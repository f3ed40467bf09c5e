package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"pledgebook"
)

func webhookEntity(id int64) string { return "webhook/" + strconv.FormatInt(id, 10) }

const webhookColumns = `w.id, w.user_id, u.name, w.selection_kind, w.selection_key, w.url, w.active, w.created_at, w.secret, w.cursor`

// webhookWhere lets through the webhooks v may read: every one for admins,
// a signed-in user's own otherwise, none for the public.
func webhookWhere(v pledgebook.Viewer, w *where) {
	switch {
	case v.Role == pledgebook.RoleAdmin:
	case v.SignedIn() && v.UserID != 0:
		w.add("w.user_id = ?", v.UserID)
	default:
		w.add(nothing)
	}
}

// findWebhooks loads the webhooks w selects, newest first, with their
// secrets when secrets is set.
func (s *Store) findWebhooks(ctx context.Context, db querier, w *where, secrets bool) ([]*pledgebook.Webhook, error) {
	rows, err := db.QueryContext(ctx, s.q(`SELECT `+webhookColumns+` FROM webhooks w JOIN users u ON u.id = w.user_id`+w.String()+` ORDER BY w.id DESC`), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*pledgebook.Webhook
	for rows.Next() {
		h := &pledgebook.Webhook{}
		if err := rows.Scan(&h.ID, &h.User, &h.Owner, &h.Selection.Kind, &h.Selection.Key, &h.URL, &h.Active, timeScan{&h.CreatedAt}, &h.Secret, &h.Cursor); err != nil {
			return nil, fmt.Errorf("scan webhook: %w", err)
		}
		if !secrets {
			h.Secret = ""
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// CreateWebhook stores a webhook for the viewer.
func (s *Store) CreateWebhook(ctx context.Context, h *pledgebook.Webhook) error {
	const op = "create webhook"
	v := pledgebook.ViewerFrom(ctx)
	if !v.SignedIn() || v.UserID == 0 {
		return s.fail(op, pledgebook.Errorf(pledgebook.KindUnauthorized, "sign in to subscribe a webhook"))
	}
	h.Selection.Normalize()
	if err := h.Selection.Validate(); err != nil {
		return s.fail(op, err)
	}
	if err := pledgebook.CheckWebhookURL(h.URL); err != nil {
		return s.fail(op, err)
	}
	if len(h.Secret) < 32 || len(h.Secret) > 200 {
		return s.fail(op, pledgebook.FieldError("secret", "must be 32 to 200 characters"))
	}
	return s.writeTx(ctx, op, func(t *tx) error {
		switch h.Selection.Kind {
		case pledgebook.SelectDonor:
			if err := t.exists("key", "parties", "code", h.Selection.Key); err != nil {
				return err
			}
		case pledgebook.SelectMeeting:
			if err := t.exists("key", "meetings", "id", h.Selection.Key); err != nil {
				return err
			}
		}
		var disabled bool
		if err := t.queryRow(`SELECT disabled FROM users WHERE id = ?`, v.UserID).Scan(&disabled); err != nil || disabled {
			if err != nil && !isNoRows(err) {
				return fmt.Errorf("look up user %d: %w", v.UserID, err)
			}
			return pledgebook.Errorf(pledgebook.KindUnauthorized, "sign in to subscribe a webhook")
		}
		// Take the head first: the webhook begins after the last event.
		if err := t.lockHead(); err != nil {
			return err
		}
		id, err := t.insertID(`INSERT INTO webhooks (user_id, selection_kind, selection_key, url, secret, active, cursor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			v.UserID, h.Selection.Kind, h.Selection.Key, h.URL, h.Secret, true, t.head.Seq, stamp(t.now))
		if err != nil {
			return fmt.Errorf("insert webhook: %w", err)
		}
		w := &where{}
		w.add("w.id = ?", id)
		stored, err := s.findWebhooks(t.ctx, t, w, true)
		if err != nil || len(stored) != 1 {
			return fmt.Errorf("read back webhook %d: %v", id, err)
		}
		*h = *stored[0]
		return t.record("create", webhookEntity(id), nil, h)
	})
}

// FindWebhooks returns the viewer's webhooks.
func (s *Store) FindWebhooks(ctx context.Context) ([]*pledgebook.Webhook, error) {
	w := &where{}
	webhookWhere(pledgebook.ViewerFrom(ctx), w)
	out, err := s.findWebhooks(ctx, s.read, w, false)
	return out, s.fail("find webhooks", err)
}

// FindWebhookByID returns one of the viewer's webhooks.
func (s *Store) FindWebhookByID(ctx context.Context, id int64) (*pledgebook.Webhook, error) {
	h, err := s.visibleWebhook(ctx, s.read, id)
	return h, s.fail("find webhook", err)
}

func (s *Store) visibleWebhook(ctx context.Context, db querier, id int64) (*pledgebook.Webhook, error) {
	w := &where{}
	w.add("w.id = ?", id)
	webhookWhere(pledgebook.ViewerFrom(ctx), w)
	hs, err := s.findWebhooks(ctx, db, w, false)
	if err != nil {
		return nil, err
	}
	if len(hs) == 0 {
		return nil, notFound("webhook", id)
	}
	return hs[0], nil
}

// DeleteWebhook deletes one of the viewer's webhooks and its log.
func (s *Store) DeleteWebhook(ctx context.Context, id int64) error {
	const op = "delete webhook"
	return s.writeTx(ctx, op, func(t *tx) error {
		h, err := s.visibleWebhook(t.ctx, t, id)
		if err != nil {
			return err
		}
		if _, err := t.exec(`DELETE FROM webhook_deliveries WHERE webhook_id = ?`, id); err != nil {
			return fmt.Errorf("delete deliveries of webhook %d: %w", id, err)
		}
		if _, err := t.exec(`DELETE FROM webhooks WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete webhook %d: %w", id, err)
		}
		return t.record("delete", webhookEntity(id), h, nil)
	})
}

const deliveryLogColumns = `id, webhook_id, seq, attempt, at, status, error, outcome, next_at`

func (s *Store) findAttempts(ctx context.Context, db querier, query string, args ...any) ([]pledgebook.WebhookDelivery, error) {
	rows, err := db.QueryContext(ctx, s.q(`SELECT `+deliveryLogColumns+` FROM webhook_deliveries `+query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pledgebook.WebhookDelivery
	for rows.Next() {
		var d pledgebook.WebhookDelivery
		var next nullTime
		if err := rows.Scan(&d.ID, &d.Webhook, &d.Seq, &d.Attempt, timeScan{&d.At}, &d.Status, &d.Error, &d.Outcome, &next); err != nil {
			return nil, fmt.Errorf("scan webhook delivery: %w", err)
		}
		d.NextAt = next.ptr()
		out = append(out, d)
	}
	return out, rows.Err()
}

// FindWebhookDeliveries returns the delivery log of one of the viewer's
// webhooks, newest first.
func (s *Store) FindWebhookDeliveries(ctx context.Context, id int64, limit int) ([]pledgebook.WebhookDelivery, error) {
	const op = "find webhook deliveries"
	if _, err := s.visibleWebhook(ctx, s.read, id); err != nil {
		return nil, s.fail(op, err)
	}
	q, args := `WHERE webhook_id = ? ORDER BY id DESC`, []any{id}
	if limit > 0 {
		q, args = q+` LIMIT ?`, append(args, limit)
	}
	out, err := s.findAttempts(ctx, s.read, q, args...)
	return out, s.fail(op, err)
}

// ActiveWebhooks returns what the dispatcher serves.
func (s *Store) ActiveWebhooks(ctx context.Context) ([]pledgebook.ActiveWebhook, error) {
	const op = "find active webhooks"
	w := &where{}
	w.add("w.active = ?", true)
	w.add("u.disabled = ?", false)
	hs, err := s.findWebhooks(ctx, s.read, w, true)
	if err != nil {
		return nil, s.fail(op, err)
	}
	users, err := s.findUsers(ctx, s.read, everything, "disabled = ?", false)
	if err != nil {
		return nil, s.fail(op, err)
	}
	byID := map[int64]*pledgebook.User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	out := make([]pledgebook.ActiveWebhook, 0, len(hs))
	for i := len(hs) - 1; i >= 0; i-- { // oldest first
		if u, ok := byID[hs[i].User]; ok {
			out = append(out, pledgebook.ActiveWebhook{Webhook: hs[i], Owner: u.Viewer()})
		}
	}
	return out, nil
}

// RecordWebhookAttempt appends an attempt to the delivery log.
func (s *Store) RecordWebhookAttempt(ctx context.Context, d *pledgebook.WebhookDelivery) error {
	const op = "record webhook attempt"
	switch {
	case d.Attempt < 1:
		return s.fail(op, pledgebook.FieldError("attempt", "must be at least 1"))
	case d.Outcome != pledgebook.OutcomeDelivered && d.Outcome != pledgebook.OutcomeRetry && d.Outcome != pledgebook.OutcomeFailed:
		return s.fail(op, pledgebook.FieldError("outcome", "unknown outcome %q", d.Outcome))
	case (d.Outcome == pledgebook.OutcomeRetry) != (d.NextAt != nil):
		return s.fail(op, pledgebook.FieldError("next_at", "is set exactly when the outcome is retry"))
	}
	if len(d.Error) > 500 {
		d.Error = d.Error[:500]
	}
	d.At = d.At.UTC().Truncate(time.Microsecond)
	var next any
	if d.NextAt != nil {
		t := d.NextAt.UTC().Truncate(time.Microsecond)
		d.NextAt, next = &t, stamp(t)
	}
	// Not an audited write: the log records deliveries, not ledger records.
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(op, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.q(`UPDATE webhooks SET cursor = CASE WHEN cursor < ? THEN ? ELSE cursor END WHERE id = ?`), d.Seq, d.Seq, d.Webhook)
	if err != nil {
		return s.fail(op, fmt.Errorf("move cursor: %w", err))
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return s.fail(op, notFound("webhook", d.Webhook))
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE webhook_deliveries SET next_at = NULL WHERE webhook_id = ? AND seq = ? AND next_at IS NOT NULL`), d.Webhook, d.Seq); err != nil {
		return s.fail(op, fmt.Errorf("clear earlier attempts: %w", err))
	}
	err = tx.QueryRowContext(ctx, s.q(`INSERT INTO webhook_deliveries (webhook_id, seq, attempt, at, status, error, outcome, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		d.Webhook, d.Seq, d.Attempt, stamp(d.At), d.Status, d.Error, d.Outcome, next).Scan(&d.ID)
	if err != nil {
		return s.fail(op, fmt.Errorf("insert attempt: %w", err))
	}
	return s.fail(op, tx.Commit())
}

// AdvanceWebhookCursor moves a webhook's cursor on.
func (s *Store) AdvanceWebhookCursor(ctx context.Context, id, seq int64) error {
	res, err := s.write.ExecContext(ctx, s.q(`UPDATE webhooks SET cursor = ? WHERE id = ? AND cursor < ?`), seq, id, seq)
	if err != nil {
		return s.fail("advance webhook cursor", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var one int
		if err := s.read.QueryRowContext(ctx, s.q(`SELECT 1 FROM webhooks WHERE id = ?`), id).Scan(&one); isNoRows(err) {
			return s.fail("advance webhook cursor", notFound("webhook", id))
		}
	}
	return nil
}

// DueWebhookRetries returns the attempts due to be made again.
func (s *Store) DueWebhookRetries(ctx context.Context, now time.Time, limit int) ([]pledgebook.WebhookDelivery, error) {
	q := `WHERE next_at IS NOT NULL AND next_at <= ? AND webhook_id IN (SELECT w.id FROM webhooks w JOIN users u ON u.id = w.user_id WHERE w.active = ? AND u.disabled = ?) ORDER BY next_at, id`
	args := []any{stamp(now), true, false}
	if limit > 0 {
		q, args = q+` LIMIT ?`, append(args, limit)
	}
	out, err := s.findAttempts(ctx, s.read, q, args...)
	return out, s.fail("find due webhook retries", err)
}
