package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"pledgebook"
)

const userColumns = `id, name, role, party, disabled, password_set_at, created_at, updated_at, version`

const tokenColumns = `id, user_id, name, created_at, expires_at, revoked_at, version`

func userEntity(id int64) string { return "user/" + strconv.FormatInt(id, 10) }

func tokenEntity(id int64) string { return "token/" + strconv.FormatInt(id, 10) }

// CreateUser validates and stores a new user with its password hash.
func (s *Store) CreateUser(ctx context.Context, u *pledgebook.User, passwordHash string) error {
	const op = "create user"
	u.Normalize()
	if err := u.Validate(); err != nil {
		return s.fail(op, err)
	}
	if err := pledgebook.CheckPasswordHash(passwordHash); err != nil {
		return s.fail(op, err)
	}
	return s.writeTx(ctx, op, func(t *tx) error {
		if u.Party != "" {
			if err := t.exists("party", "parties", "code", u.Party); err != nil {
				return err
			}
		}
		var id int64
		err := t.queryRow(`SELECT id FROM users WHERE name = ?`, u.Name).Scan(&id)
		if err == nil {
			return pledgebook.ConflictError("name", "there is already a user called %q", u.Name)
		}
		if !isNoRows(err) {
			return fmt.Errorf("look up user %q: %w", u.Name, err)
		}
		ts := stamp(t.now)
		id, err = t.insertID(`INSERT INTO users (name, role, party, disabled, password_hash, password_set_at, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`, u.Name, u.Role, nullString(u.Party), false, passwordHash, ts, ts, ts)
		if err != nil {
			return fmt.Errorf("insert user: %w", err)
		}
		stored, err := t.user(id)
		if err != nil {
			return err
		}
		*u = *stored
		return t.record("create", userEntity(id), nil, stored)
	})
}

// FindUsers returns the users the viewer may see, ordered by name.
func (s *Store) FindUsers(ctx context.Context) ([]*pledgebook.User, error) {
	us, err := s.findUsers(ctx, s.read, reachOf(ctx), "")
	return us, s.fail("find users", err)
}

// FindUserByName returns a user with its password hash, for signing in.
func (s *Store) FindUserByName(ctx context.Context, name string) (*pledgebook.User, error) {
	const op = "find user"
	name = pledgebook.NormalizeUserName(name)
	us, err := s.findUsers(ctx, s.read, everything, "name = ?", name)
	if err != nil {
		return nil, s.fail(op, err)
	}
	if len(us) == 0 {
		return nil, s.fail(op, notFound("user", strconv.Quote(name)))
	}
	u := us[0]
	if err := s.read.QueryRowContext(ctx, s.q(`SELECT password_hash FROM users WHERE id = ?`), u.ID).Scan(&u.PasswordHash); err != nil {
		return nil, s.fail(op, fmt.Errorf("read password hash: %w", err))
	}
	return u, nil
}

// userWhere is the condition on users that lets through what r allows:
// every user for those who see everything, a signed-in viewer's own record
// otherwise.
func userWhere(r pledgebook.Reach, w *where) {
	switch {
	case r.All:
	case r.User != 0:
		w.add("id = ?", r.User)
	default:
		w.add(nothing)
	}
}

// findUsers loads the users r allows that meet cond, if not "", without
// their password hashes.
func (s *Store) findUsers(ctx context.Context, db querier, r pledgebook.Reach, cond string, args ...any) ([]*pledgebook.User, error) {
	w := &where{}
	w.add(cond, args...)
	userWhere(r, w)
	rows, err := db.QueryContext(ctx, s.q(`SELECT `+userColumns+` FROM users`+w.String()+` ORDER BY name`), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*pledgebook.User
	for rows.Next() {
		u := &pledgebook.User{}
		if err := rows.Scan(&u.ID, &u.Name, &u.Role, stringScan{&u.Party}, &u.Disabled, timeScan{&u.PasswordSetAt},
			timeScan{&u.CreatedAt}, timeScan{&u.UpdatedAt}, &u.Version); err != nil {
			return nil, fmt.Errorf("scan user: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// user reads a user as it is, for a write.
func (t *tx) user(id int64) (*pledgebook.User, error) {
	us, err := t.s.findUsers(t.ctx, t.Tx, everything, "id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(us) == 0 {
		return nil, notFound("user", id)
	}
	return us[0], nil
}

// visibleUser reads the user a write is addressed to, as not found when
// the viewer may not see it.
func (t *tx) visibleUser(id int64) (*pledgebook.User, error) {
	if r := reachOf(t.ctx); !r.All && r.User != id {
		return nil, notFound("user", id)
	}
	return t.user(id)
}

// SetUserDisabled disables or enables a user.
func (s *Store) SetUserDisabled(ctx context.Context, id int64, disabled bool) (*pledgebook.User, error) {
	var out *pledgebook.User
	err := s.writeTx(ctx, "set user disabled", func(t *tx) error {
		before, err := t.visibleUser(id)
		if err != nil {
			return err
		}
		if before.Disabled == disabled {
			out = before
			return nil
		}
		if err := t.touch("users", id, "disabled = ?", disabled); err != nil {
			return err
		}
		if out, err = t.user(id); err != nil {
			return err
		}
		action := "enable"
		if disabled {
			action = "disable"
		}
		return t.record(action, userEntity(id), before, out)
	})
	return out, err
}

// SetUserPassword replaces a user's password hash.
func (s *Store) SetUserPassword(ctx context.Context, id int64, passwordHash string) (*pledgebook.User, error) {
	const op = "set password"
	if err := pledgebook.CheckPasswordHash(passwordHash); err != nil {
		return nil, s.fail(op, err)
	}
	var out *pledgebook.User
	err := s.writeTx(ctx, op, func(t *tx) error {
		before, err := t.visibleUser(id)
		if err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE users SET password_hash = ?, password_set_at = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			passwordHash, stamp(t.now), stamp(t.now), id); err != nil {
			return fmt.Errorf("update user %d: %w", id, err)
		}
		if out, err = t.user(id); err != nil {
			return err
		}
		// The snapshots hold neither hash: the event says that the
		// password changed, and when, not what it is.
		return t.record("password", userEntity(id), before, out)
	})
	return out, err
}

// CreateToken stores a new API token by its hash.
func (s *Store) CreateToken(ctx context.Context, userID int64, name, hash string, expires time.Time) (*pledgebook.Token, error) {
	const op = "create token"
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return nil, s.fail(op, pledgebook.FieldError("name", "is required: say what the token is for"))
	case utf8.RuneCountInString(name) > 100:
		return nil, s.fail(op, pledgebook.FieldError("name", "is longer than 100 characters"))
	}
	if err := pledgebook.CheckTokenHash(hash); err != nil {
		return nil, s.fail(op, err)
	}
	expires = expires.UTC().Truncate(time.Microsecond)
	var out *pledgebook.Token
	err := s.writeTx(ctx, op, func(t *tx) error {
		if !expires.After(t.now) {
			return pledgebook.FieldError("expires", "%s is not in the future", expires.Format(time.RFC3339))
		}
		u, err := t.visibleUser(userID)
		if err != nil {
			return err
		}
		if u.Disabled {
			return pledgebook.FieldError("user", "user %q is disabled", u.Name)
		}
		id, err := t.insertID(`INSERT INTO tokens (user_id, name, hash, created_at, expires_at, version) VALUES (?, ?, ?, ?, ?, 1)`,
			userID, name, hash, stamp(t.now), stamp(expires))
		if err != nil {
			return fmt.Errorf("insert token: %w", err)
		}
		if out, err = t.token(id); err != nil {
			return err
		}
		return t.record("create", tokenEntity(id), nil, out)
	})
	return out, err
}

// FindTokens returns a user's tokens, newest first.
func (s *Store) FindTokens(ctx context.Context, userID int64) ([]*pledgebook.Token, error) {
	w := &where{}
	w.add("user_id = ?", userID)
	if r := reachOf(ctx); !r.All && r.User != userID {
		w.add(nothing)
	}
	ts, err := s.findTokens(ctx, s.read, w)
	return ts, s.fail("find tokens", err)
}

func (s *Store) findTokens(ctx context.Context, db querier, w *where) ([]*pledgebook.Token, error) {
	rows, err := db.QueryContext(ctx, s.q(`SELECT `+tokenColumns+` FROM tokens`+w.String()+` ORDER BY id DESC`), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*pledgebook.Token
	for rows.Next() {
		tok := &pledgebook.Token{}
		var revoked nullTime
		if err := rows.Scan(&tok.ID, &tok.User, &tok.Name, timeScan{&tok.CreatedAt}, timeScan{&tok.ExpiresAt}, &revoked, &tok.Version); err != nil {
			return nil, fmt.Errorf("scan token: %w", err)
		}
		tok.RevokedAt = revoked.ptr()
		out = append(out, tok)
	}
	return out, rows.Err()
}

// token reads a token as it is, for a write.
func (t *tx) token(id int64) (*pledgebook.Token, error) {
	w := &where{}
	w.add("id = ?", id)
	ts, err := t.s.findTokens(t.ctx, t.Tx, w)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, notFound("token", id)
	}
	return ts[0], nil
}

// RevokeToken revokes a token.
func (s *Store) RevokeToken(ctx context.Context, id int64) (*pledgebook.Token, error) {
	var out *pledgebook.Token
	err := s.writeTx(ctx, "revoke token", func(t *tx) error {
		before, err := t.token(id)
		if err != nil {
			return err
		}
		if r := reachOf(t.ctx); !r.All && r.User != before.User {
			return notFound("token", id)
		}
		if before.RevokedAt != nil {
			return pledgebook.Errorf(pledgebook.KindConflict, "token %d was already revoked at %s", id, before.RevokedAt.Format(time.RFC3339))
		}
		if _, err := t.exec(`UPDATE tokens SET revoked_at = ?, version = version + 1 WHERE id = ?`, stamp(t.now), id); err != nil {
			return fmt.Errorf("update token %d: %w", id, err)
		}
		if out, err = t.token(id); err != nil {
			return err
		}
		return t.record("revoke", tokenEntity(id), before, out)
	})
	return out, err
}

// FindUserByTokenHash returns the user holding an active token.
func (s *Store) FindUserByTokenHash(ctx context.Context, hash string) (*pledgebook.User, *pledgebook.Token, error) {
	const op = "find token"
	// One error for every way a token fails, so that a caller cannot tell
	// a revoked or expired token, or a disabled user, from a made-up one.
	unknown := pledgebook.Errorf(pledgebook.KindNotFound, "no such token, or it has expired or been revoked")
	w := &where{}
	w.add("hash = ?", hash)
	ts, err := s.findTokens(ctx, s.read, w)
	if err != nil {
		return nil, nil, s.fail(op, err)
	}
	if len(ts) == 0 || !ts[0].Active(s.now()) {
		return nil, nil, s.fail(op, unknown)
	}
	us, err := s.findUsers(ctx, s.read, everything, "id = ?", ts[0].User)
	if err != nil {
		return nil, nil, s.fail(op, err)
	}
	if len(us) == 0 || us[0].Disabled {
		return nil, nil, s.fail(op, unknown)
	}
	return us[0], ts[0], nil
}
