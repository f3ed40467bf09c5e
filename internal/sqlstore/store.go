// Package sqlstore implements pledgebook.Store over database/sql once, for
// every SQL engine the project supports. The engine packages (sqlite,
// postgres) open the database, apply their own migrations and supply a
// Dialect for the few places where the engines differ: placeholders, row
// locks and the driver's error codes. Keeping the queries and rules in one
// place is what makes both engines behave the same.
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"pledgebook"
	"pledgebook/internal/audit"
)

// Dialect is what differs between SQL engines.
type Dialect struct {
	// Name is the engine's name, e.g. "sqlite".
	Name string
	// Numbered says whether placeholders are $1, $2, ... instead of ?.
	Numbered bool
	// LockHead is appended to the query that reads the audit head in a
	// write transaction, to serialise writers (" FOR UPDATE"); empty where
	// the engine has a single writer anyway.
	LockHead string
	// Translate turns a driver error into a domain error (unique or foreign
	// key violation), or returns nil when it does not recognise it.
	Translate func(err error) *pledgebook.Error
}

// Config holds what a Store needs besides its database.
type Config struct {
	Converter pledgebook.Converter
	Catalog   pledgebook.Catalog
	Now       func() time.Time // the clock; time.Now when nil
}

// Store is the SQL implementation of pledgebook.Store.
type Store struct {
	read, write *sql.DB
	dialect     Dialect
	conv        pledgebook.Converter
	cat         pledgebook.Catalog
	now         func() time.Time
	queries     sync.Map // query text with ? → the dialect's form
}

var _ pledgebook.Store = (*Store)(nil)

// New returns a Store that reads through read and writes through write (the
// same *sql.DB where the engine allows concurrent writers).
func New(read, write *sql.DB, d Dialect, cfg Config) *Store {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	return &Store{read: read, write: write, dialect: d, conv: cfg.Converter, cat: cfg.Catalog, now: now}
}

// Close closes both database handles.
func (s *Store) Close() error {
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// DB returns the handle the store reads through, for engine packages and
// tests that need to reach below the Store interface.
func (s *Store) DB() *sql.DB { return s.read }

// q returns query in the dialect's placeholder form.
func (s *Store) q(query string) string {
	if !s.dialect.Numbered {
		return query
	}
	if v, ok := s.queries.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	s.queries.Store(query, b.String())
	return b.String()
}

// today returns the store clock's date, the latest date a past event may
// carry.
func (s *Store) today() pledgebook.Date { return pledgebook.DateOf(s.now().UTC()) }

// fail gives err its operation and turns driver errors into domain errors.
func (s *Store) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	var de *pledgebook.Error
	if errors.As(err, &de) {
		if de.Op == "" {
			de.Op = op
		}
		return de
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &pledgebook.Error{Kind: pledgebook.KindInternal, Op: op, Message: "the request was cancelled", Err: err}
	}
	if s.dialect.Translate != nil {
		if te := s.dialect.Translate(err); te != nil {
			te.Op, te.Err = op, err
			return te
		}
	}
	return &pledgebook.Error{Kind: pledgebook.KindInternal, Op: op, Err: err}
}

// tx is a write transaction that appends audit events as it goes.
type tx struct {
	*sql.Tx
	s     *Store
	ctx   context.Context
	now   time.Time
	actor string
	head  audit.Head
	dirty bool // head moved; written back on commit
	ready bool // head loaded and locked
}

// writeTx runs fn in a write transaction and commits it, with the audit
// head updated, only when fn succeeds.
func (s *Store) writeTx(ctx context.Context, op string, fn func(*tx) error) error {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(op, fmt.Errorf("begin: %w", err))
	}
	t := &tx{Tx: sqlTx, s: s, ctx: ctx, now: s.now().UTC().Truncate(time.Microsecond), actor: pledgebook.ActorFrom(ctx)}
	// Where writers run concurrently (PostgreSQL), each takes the audit
	// head's lock before it reads anything, not only when it first
	// records: the checks a write makes (a source that already exists,
	// a look-alike pledge, the quantity already delivered) must see every
	// write committed before it, or two concurrent writes both pass them.
	// Every audited write takes that lock anyway; taking it first also
	// gives all writers one lock order. SQLite writes through one
	// connection, one transaction at a time, and needs none of this.
	if s.dialect.LockHead != "" {
		if err := t.lockHead(); err != nil {
			_ = sqlTx.Rollback()
			return s.fail(op, err)
		}
	}
	if err := fn(t); err != nil {
		_ = sqlTx.Rollback()
		return s.fail(op, err)
	}
	if t.dirty {
		if _, err := t.exec(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, t.head.Seq, t.head.Hash); err != nil {
			_ = sqlTx.Rollback()
			return s.fail(op, fmt.Errorf("update audit head: %w", err))
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return s.fail(op, fmt.Errorf("commit: %w", err))
	}
	return nil
}

func (t *tx) exec(query string, args ...any) (sql.Result, error) {
	return t.ExecContext(t.ctx, t.s.q(query), args...)
}

func (t *tx) queryRow(query string, args ...any) *sql.Row {
	return t.QueryRowContext(t.ctx, t.s.q(query), args...)
}

func (t *tx) query(query string, args ...any) (*sql.Rows, error) {
	return t.QueryContext(t.ctx, t.s.q(query), args...)
}

// insertID runs an INSERT ... RETURNING id and returns the id.
func (t *tx) insertID(query string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(query+` RETURNING id`, args...).Scan(&id)
	return id, err
}

// record appends an audit event for entity, whose state changes from
// before to after (nil for "none").
func (t *tx) record(action, entity string, before, after any) error {
	if err := t.lockHead(); err != nil {
		return err
	}
	b, err := snapshotJSON(before)
	if err != nil {
		return err
	}
	a, err := snapshotJSON(after)
	if err != nil {
		return err
	}
	e := audit.Next(t.head, t.now, t.actor, action, entity, b, a)
	_, err = t.exec(`INSERT INTO audit_events (seq, at, actor, action, entity, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At.Format(audit.TimeLayout), e.Actor, e.Action, e.Entity, e.Before, e.After, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("append audit event: %w", err)
	}
	t.head = audit.Head{Seq: e.Seq, Hash: e.Hash}
	t.dirty = true
	return nil
}

// lockHead reads the audit head, locking it until the transaction ends
// where the engine has row locks, unless it has already.
func (t *tx) lockHead() error {
	if t.ready {
		return nil
	}
	err := t.queryRow(`SELECT seq, hash FROM audit_head WHERE id = 1`+t.s.dialect.LockHead).Scan(&t.head.Seq, &t.head.Hash)
	if err != nil {
		return fmt.Errorf("read audit head: %w", err)
	}
	t.ready = true
	return nil
}

func snapshotJSON(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode audit snapshot: %w", err)
	}
	return string(b), nil
}

// stamp formats a time as both engines store it exactly.
func stamp(t time.Time) string { return t.UTC().Format(audit.TimeLayout) }

// notFound returns the not-found error for a kind of record and its key.
func notFound(kind string, key any) *pledgebook.Error {
	return pledgebook.Errorf(pledgebook.KindNotFound, "%s %v not found", kind, key)
}
