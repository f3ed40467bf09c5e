package pledgebook

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// fakeCatalog knows the currencies in the map, and no others.
type fakeCatalog map[string]bool

func (c fakeCatalog) KnownCurrency(code string) bool { return c[code] }

var testCatalog = fakeCatalog{"EUR": true, "GBP": true, "USD": true}

// dec parses a decimal literal; it exists to keep the tables short.
func dec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

func qty(n int64) *int64 { return &n }

func decString(d *decimal.Decimal) string {
	if d == nil {
		return "<nil>"
	}
	return d.String()
}

// sameDec reports whether got and want are both nil or numerically equal.
func sameDec(got, want *decimal.Decimal) bool {
	if got == nil || want == nil {
		return got == nil && want == nil
	}
	return got.Equal(*want)
}

func moneyList(ms []Money) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.Currency + " " + m.Amount.String()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// checkFieldError fails t unless err is nil when wantField is "", or an
// invalid-input *Error naming wantField otherwise.
func checkFieldError(t *testing.T, input string, err error, wantField string) {
	t.Helper()
	if wantField == "" {
		if err != nil {
			t.Errorf("%s: got error %v, want none", input, err)
		}
		return
	}
	if err == nil {
		t.Errorf("%s: got no error, want an invalid-input error on %q", input, wantField)
		return
	}
	if _, ok := err.(*Error); !ok {
		t.Errorf("%s: got error of type %T (%v), want *Error", input, err, err)
	}
	if got := ErrorKind(err); got != KindInvalid {
		t.Errorf("%s: got kind %q (%v), want %q", input, got, err, KindInvalid)
	}
	if got := ErrorField(err); got != wantField {
		t.Errorf("%s: got field %q (%v), want %q", input, got, err, wantField)
	}
}
