package postgres_test

import (
	"testing"

	"pledgebook/internal/storetest"
)

// BenchmarkStore is skipped, like the tests, without PLEDGEBOOK_TEST_POSTGRES.
func BenchmarkStore(b *testing.B) { storetest.Bench(b, open) }
