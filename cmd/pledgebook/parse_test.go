package main

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in, want string // want "" for an error
	}{
		{"247000000", "247000000"},
		{"247,000,000", "247000000"},
		{"247_000_000", "247000000"},
		{"247m", "247000000"},
		{"247 million", "247000000"},
		{"1.5bn", "1500000000"},
		{"22.3M", "22300000"},
		{"0.01", "0.01"},
		{"12.5k", "12500"},
		{"-3", "-3"},
		{"1,5", ""},
		{"1.000.000", ""},
		{"12,34,567", ""},
		{"ten", ""},
		{"1e9", ""},
		{"NaN", ""},
		{"5 euros", ""},
	}
	for _, tt := range tests {
		got, err := parseAmount("amount", tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("parseAmount(%q) = %v, want an error", tt.in, got)
		case tt.want == "":
			if !strings.HasPrefix(err.Error(), "amount: ") {
				t.Errorf("parseAmount(%q) error %q does not name the field", tt.in, err)
			}
		case err != nil:
			t.Errorf("parseAmount(%q): %v, want %s", tt.in, err, tt.want)
		case !got.Equal(decimal.RequireFromString(tt.want)):
			t.Errorf("parseAmount(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzParseAmount: no input panics, and an accepted amount is exact: its
// digits survive a round trip through its string form.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"247000000", "247m", "1.5bn", "1,000,000.25", "12_345", "-0.5k", "9999999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseAmount("amount", s)
		if err != nil || d == nil {
			return
		}
		back, err := decimal.NewFromString(d.String())
		if err != nil || !back.Equal(*d) {
			t.Fatalf("parseAmount(%q) = %s, which does not round-trip", s, d)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-06-04", "2025-02-30", "0000-00-00", "2025-6-4", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDate("date", s)
		if err != nil || d.IsZero() {
			return
		}
		if d.String() != strings.TrimSpace(s) {
			t.Fatalf("parseDate(%q) = %s: accepted a date that does not print back the same", s, d)
		}
	})
}

func FuzzParseQuantity(f *testing.F) {
	for _, s := range []string{"100000", "100,000", "-5", "1e3", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = parseQuantity("quantity", s)
	})
}
