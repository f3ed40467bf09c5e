package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"pledgebook/internal/sqlite"
	"pledgebook/internal/storetest"
)

func open(t testing.TB) storetest.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "pledgebook.db"), storetest.Config())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }
