package sqlite_test

import (
	"testing"

	"pledgebook/internal/storetest"
)

func BenchmarkStore(b *testing.B) { storetest.Bench(b, open) }
