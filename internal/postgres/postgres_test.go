package postgres_test

import (
	"context"
	"testing"

	"pledgebook"
	"pledgebook/internal/postgres"
	"pledgebook/internal/postgres/pgtest"
	"pledgebook/internal/storetest"
)

func open(t testing.TB) storetest.Store {
	t.Helper()
	dsn := pgtest.DSN(t)
	if _, err := postgres.Migrate(context.Background(), dsn); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	s, err := postgres.Open(context.Background(), dsn, storetest.Config())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

func TestOpenRefusesUnmigrated(t *testing.T) {
	dsn := pgtest.DSN(t)
	_, err := postgres.Open(context.Background(), dsn, storetest.Config())
	if pledgebook.ErrorKind(err) != pledgebook.KindInvalid {
		t.Fatalf("Open on an empty database: %v, want an error asking for `pledgebook migrate`", err)
	}
	done, err := postgres.Migrate(context.Background(), dsn)
	if err != nil || len(done) == 0 {
		t.Fatalf("Migrate = %v, %v", done, err)
	}
	if again, err := postgres.Migrate(context.Background(), dsn); err != nil || len(again) != 0 {
		t.Errorf("second Migrate = %v, %v; want nothing to do", again, err)
	}
}
