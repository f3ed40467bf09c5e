// Package sqlite is the embedded default store: pledgebook.Store on a
// SQLite file through a pure-Go driver, so the binary needs no C compiler
// and no database server.
//
// The database runs in WAL mode so that readers never wait for the writer.
// All writes go through one connection, which serialises them in Go instead
// of in SQLite's busy-retry loop; reads use a pool of their own.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"pledgebook"
	"pledgebook/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLite's own lower() folds only ASCII letters, so a search for
// "überwachungsradar" would miss "Überwachungsradar". The driver lets a Go
// function replace it on every connection, and strings.ToLower folds all
// of Unicode, as PostgreSQL's lower() does.
func init() {
	err := sqlite.RegisterDeterministicScalarFunction("lower", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return strings.ToLower(v), nil
		case []byte:
			return strings.ToLower(string(v)), nil
		default:
			return v, nil // NULL stays NULL; pledgebook lowers only text
		}
	})
	if err != nil {
		panic("sqlite: register lower: " + err.Error())
	}
}

// Store is pledgebook.Store on SQLite.
type Store struct {
	*sqlstore.Store
}

var _ pledgebook.Store = (*Store)(nil)

// Open opens (creating if needed) the SQLite database at path and applies
// any pending migrations.
func Open(ctx context.Context, path string, cfg sqlstore.Config) (*Store, error) {
	if path == "" {
		return nil, errors.New("open sqlite: no path given")
	}
	write, err := sql.Open("sqlite", dsn(path, "immediate"))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	ms, err := sqlstore.Migrations(migrations, "migrations")
	if err != nil {
		write.Close()
		return nil, err
	}
	if _, err := sqlstore.Migrate(ctx, write, ms, false); err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", dsn(path, "deferred"))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
	d := sqlstore.Dialect{Name: "sqlite", Translate: translate}
	return &Store{sqlstore.New(read, write, d, cfg)}, nil
}

// dsn sets the pragmas every connection needs: foreign keys on, WAL, a busy
// timeout for the rare case of another process writing, and the
// transaction mode (writers take the write lock at BEGIN, so a transaction
// never fails half-way for want of it).
func dsn(path, txlock string) string {
	v := url.Values{}
	v.Add("_pragma", "foreign_keys(1)")
	v.Add("_pragma", "journal_mode(WAL)")
	v.Add("_pragma", "synchronous(NORMAL)")
	v.Add("_pragma", "busy_timeout(10000)")
	v.Set("_txlock", txlock)
	return "file:" + path + "?" + v.Encode()
}

// translate turns SQLite constraint errors into domain errors.
func translate(err error) *pledgebook.Error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return nil
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return &pledgebook.Error{Kind: pledgebook.KindConflict, Message: "a record with the same key already exists"}
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return &pledgebook.Error{Kind: pledgebook.KindInvalid, Message: "refers to a record that does not exist"}
	case sqlite3.SQLITE_CONSTRAINT_CHECK:
		return &pledgebook.Error{Kind: pledgebook.KindInvalid, Message: "a value is out of range"}
	}
	return nil
}
