// Package postgres is pledgebook.Store on PostgreSQL, for a shared
// multi-user deployment. Its schema is changed only by Migrate (the
// `pledgebook migrate` command), never as a side effect of opening it, so
// that a rolling deployment cannot race two binaries through a migration.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"pledgebook"
	"pledgebook/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is pledgebook.Store on PostgreSQL.
type Store struct {
	*sqlstore.Store
}

var _ pledgebook.Store = (*Store)(nil)

// IsDSN reports whether dsn names a PostgreSQL database.
func IsDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return db, nil
}

// Migrate applies pending migrations to the database at dsn and returns the
// names of those it applied.
func Migrate(ctx context.Context, dsn string) ([]string, error) {
	db, err := open(dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ms, err := sqlstore.Migrations(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	done, err := sqlstore.Migrate(ctx, db, ms, true)
	if err != nil {
		return done, fmt.Errorf("migrate postgres: %w", err)
	}
	return done, nil
}

// Open connects to the database at dsn. It refuses a database whose schema
// is behind this binary's, naming the command that brings it up to date.
func Open(ctx context.Context, dsn string, cfg sqlstore.Config) (*Store, error) {
	db, err := open(dsn)
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	ms, err := sqlstore.Migrations(migrations, "migrations")
	if err != nil {
		db.Close()
		return nil, err
	}
	pending, err := sqlstore.Pending(ctx, db, ms)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if len(pending) > 0 {
		db.Close()
		return nil, &pledgebook.Error{Kind: pledgebook.KindInvalid, Op: "open postgres",
			Message: fmt.Sprintf("the database schema is not up to date (%d migrations pending, first %s): run `pledgebook migrate` first", len(pending), pending[0].Name)}
	}
	db.SetMaxOpenConns(16)
	d := sqlstore.Dialect{Name: "postgres", Numbered: true, LockHead: " FOR UPDATE", Translate: translate}
	return &Store{sqlstore.New(db, db, d, cfg)}, nil
}

// translate turns PostgreSQL constraint errors into domain errors.
func translate(err error) *pledgebook.Error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return nil
	}
	switch pe.Code {
	case "23505":
		return &pledgebook.Error{Kind: pledgebook.KindConflict, Message: "a record with the same key already exists"}
	case "23503":
		return &pledgebook.Error{Kind: pledgebook.KindInvalid, Message: "refers to a record that does not exist"}
	case "23514":
		return &pledgebook.Error{Kind: pledgebook.KindInvalid, Message: "a value is out of range"}
	case "40001", "40P01":
		return &pledgebook.Error{Kind: pledgebook.KindConflict, Message: "the record was changed by someone else at the same time; try again"}
	}
	return nil
}
