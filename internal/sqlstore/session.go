package sqlstore

import (
	"context"
	"fmt"
	"time"

	"pledgebook"
)

// CreateSession stores a browser session by the hash of its secret.
func (s *Store) CreateSession(ctx context.Context, userID int64, hash string, expires time.Time) (*pledgebook.Session, error) {
	const op = "create session"
	if err := pledgebook.CheckTokenHash(hash); err != nil {
		return nil, s.fail(op, err)
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	expires = expires.UTC().Truncate(time.Microsecond)
	if !expires.After(now) {
		return nil, s.fail(op, pledgebook.FieldError("expires", "%s is not in the future", expires.Format(time.RFC3339)))
	}
	us, err := s.findUsers(ctx, s.write, everything, "id = ?", userID)
	if err != nil {
		return nil, s.fail(op, err)
	}
	if len(us) == 0 || us[0].Disabled {
		return nil, s.fail(op, pledgebook.FieldError("user", "unknown or disabled user %d", userID))
	}
	out := &pledgebook.Session{User: userID, CreatedAt: now, ExpiresAt: expires}
	err = s.write.QueryRowContext(ctx, s.q(`INSERT INTO sessions (user_id, hash, created_at, expires_at) VALUES (?, ?, ?, ?) RETURNING id`),
		userID, hash, stamp(now), stamp(expires)).Scan(&out.ID)
	if err != nil {
		return nil, s.fail(op, fmt.Errorf("insert session: %w", err))
	}
	return out, nil
}

// FindUserBySessionHash returns the user of an active session.
func (s *Store) FindUserBySessionHash(ctx context.Context, hash string) (*pledgebook.User, *pledgebook.Session, error) {
	const op = "find session"
	unknown := pledgebook.Errorf(pledgebook.KindNotFound, "no such session, or it has ended")
	sess := &pledgebook.Session{}
	err := s.read.QueryRowContext(ctx, s.q(`SELECT id, user_id, created_at, expires_at FROM sessions WHERE hash = ?`), hash).
		Scan(&sess.ID, &sess.User, timeScan{&sess.CreatedAt}, timeScan{&sess.ExpiresAt})
	if isNoRows(err) {
		return nil, nil, s.fail(op, unknown)
	}
	if err != nil {
		return nil, nil, s.fail(op, fmt.Errorf("read session: %w", err))
	}
	if !s.now().Before(sess.ExpiresAt) {
		return nil, nil, s.fail(op, unknown)
	}
	us, err := s.findUsers(ctx, s.read, everything, "id = ?", sess.User)
	if err != nil {
		return nil, nil, s.fail(op, err)
	}
	// A password set after the session began signs the session out.
	if len(us) == 0 || us[0].Disabled || us[0].PasswordSetAt.After(sess.CreatedAt) {
		return nil, nil, s.fail(op, unknown)
	}
	return us[0], sess, nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	if _, err := s.write.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE hash = ?`), hash); err != nil {
		return s.fail("delete session", fmt.Errorf("delete session: %w", err))
	}
	return nil
}

// RecordRefusal audits a refused write.
func (s *Store) RecordRefusal(ctx context.Context, action, target string) error {
	if action == "" || target == "" {
		return s.fail("record refusal", pledgebook.FieldError("action", "action and target are required"))
	}
	return s.writeTx(ctx, "record refusal", func(t *tx) error {
		// No snapshots: the event records an attempt, not a record, and so
		// leaves nothing for verification to compare with a stored row.
		return t.record("refused", "refusal/"+action+"/"+target, nil, nil)
	})
}

// ClaimIdempotencyKey claims a key, or returns what is stored for it.
func (s *Store) ClaimIdempotencyKey(ctx context.Context, k pledgebook.IdempotencyKey) (*pledgebook.IdempotentResponse, error) {
	const op = "claim idempotency key"
	if err := k.Validate(); err != nil {
		return nil, s.fail(op, err)
	}
	var out *pledgebook.IdempotentResponse
	err := s.writeTx(ctx, op, func(t *tx) error {
		r := &pledgebook.IdempotentResponse{}
		var body string
		err := t.queryRow(`SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = ? AND key = ? AND route = ?`,
			k.User, k.Key, k.Route).Scan(&r.RequestHash, &r.Status, &body)
		if err == nil {
			r.Done, r.Body = r.Status != 0, []byte(body)
			out = r
			return nil
		}
		if !isNoRows(err) {
			return fmt.Errorf("read idempotency key: %w", err)
		}
		// Two first requests racing: the primary key lets one insert, and
		// the other fails as a conflict, which the caller reports as such.
		_, err = t.exec(`INSERT INTO idempotency_keys (user_id, key, route, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, 0, '', ?)`,
			k.User, k.Key, k.Route, k.RequestHash, stamp(t.now))
		if err != nil {
			return fmt.Errorf("claim idempotency key: %w", err)
		}
		return nil
	})
	return out, err
}

// CompleteIdempotencyKey stores the response to a claimed key, or
// releases the claim.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, k pledgebook.IdempotencyKey, status int, body []byte) error {
	const op = "complete idempotency key"
	var err error
	if status == 0 {
		_, err = s.write.ExecContext(ctx, s.q(`DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND route = ? AND status = 0`),
			k.User, k.Key, k.Route)
	} else {
		_, err = s.write.ExecContext(ctx, s.q(`UPDATE idempotency_keys SET status = ?, body = ? WHERE user_id = ? AND key = ? AND route = ?`),
			status, string(body), k.User, k.Key, k.Route)
	}
	if err != nil {
		return s.fail(op, fmt.Errorf("%s: %w", op, err))
	}
	return nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.read.PingContext(ctx); err != nil {
		return s.fail("ping database", err)
	}
	return nil
}
