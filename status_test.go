package pledgebook

import (
	"fmt"
	"testing"
)

func TestCheckMove(t *testing.T) {
	// The order of the rows and columns of allowed.
	order := []Status{Announced, Committed, Contracted, Delivering, Delivered, Cancelled}
	if fmt.Sprint(order) != fmt.Sprint(Statuses) {
		t.Fatalf("Statuses = %v, want %v", Statuses, order)
	}
	const (
		y = true
		n = false
	)
	// allowed[i][j] says whether a pledge may move from order[i] to order[j]:
	// forward, skipping steps if need be, or to cancelled unless final.
	allowed := [6][6]bool{
		//           ann com con dlg dld can
		/* ann */ {n, y, y, y, y, y},
		/* com */ {n, n, y, y, y, y},
		/* con */ {n, n, n, y, y, y},
		/* dlg */ {n, n, n, n, y, y},
		/* dld */ {n, n, n, n, n, n},
		/* can */ {n, n, n, n, n, n},
	}
	for i, from := range order {
		for j, to := range order {
			t.Run(fmt.Sprintf("%s to %s", from, to), func(t *testing.T) {
				err := CheckMove(from, to)
				input := fmt.Sprintf("CheckMove(%s, %s)", from, to)
				if allowed[i][j] {
					checkFieldError(t, input, err, "")
				} else {
					checkFieldError(t, input, err, "status")
				}
			})
		}
	}
	t.Run("unknown target", func(t *testing.T) {
		checkFieldError(t, `CheckMove(announced, "shipped")`, CheckMove(Announced, "shipped"), "status")
	})
}

func TestParseStatus(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  Status
		field string // the field of the expected error, "" for none
	}{
		{"announced", "announced", Announced, ""},
		{"committed", "committed", Committed, ""},
		{"contracted", "contracted", Contracted, ""},
		{"delivering", "delivering", Delivering, ""},
		{"delivered", "delivered", Delivered, ""},
		{"cancelled", "cancelled", Cancelled, ""},
		{"empty", "", "", "status"},
		{"upper case", "Announced", "", "status"},
		{"American spelling", "canceled", "", "status"},
		{"padded", " announced", "", "status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseStatus(tt.in)
			checkFieldError(t, fmt.Sprintf("ParseStatus(%q)", tt.in), err, tt.field)
			if got != tt.want {
				t.Errorf("ParseStatus(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStatusFinal(t *testing.T) {
	for _, s := range Statuses {
		t.Run(string(s), func(t *testing.T) {
			want := s == Delivered || s == Cancelled
			if got := s.Final(); got != want {
				t.Errorf("%s.Final() = %v, want %v", s, got, want)
			}
		})
	}
}

func TestParseCategory(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  Category
		field string
	}{
		{"air defence", "air_defence", AirDefence, ""},
		{"drones", "drones", Drones, ""},
		{"long range", "long_range", LongRange, ""},
		{"other", "other", Other, ""},
		{"empty", "", "", "category"},
		{"display name", "Air defence", "", "category"},
		{"American spelling", "air_defense", "", "category"},
		{"upper case", "DRONES", "", "category"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCategory(tt.in)
			checkFieldError(t, fmt.Sprintf("ParseCategory(%q)", tt.in), err, tt.field)
			if got != tt.want {
				t.Errorf("ParseCategory(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	// Every category of the taxonomy parses as itself.
	for _, info := range Categories {
		t.Run("taxonomy "+string(info.Code), func(t *testing.T) {
			got, err := ParseCategory(string(info.Code))
			if err != nil || got != info.Code {
				t.Errorf("ParseCategory(%q) = %q, %v; want %q, nil", info.Code, got, err, info.Code)
			}
		})
	}
}

func TestParseVisibility(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  Visibility
		field string
	}{
		{"empty means public", "", Public, ""},
		{"public", "public", Public, ""},
		{"restricted", "restricted", Restricted, ""},
		{"confidential", "confidential", Confidential, ""},
		{"unknown", "secret", "", "visibility"},
		{"upper case", "PUBLIC", "", "visibility"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseVisibility(tt.in)
			checkFieldError(t, fmt.Sprintf("ParseVisibility(%q)", tt.in), err, tt.field)
			if got != tt.want {
				t.Errorf("ParseVisibility(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseBasis(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  Basis
		field string
	}{
		{"empty means EUR", "", EUR, ""},
		{"EUR", "EUR", EUR, ""},
		{"USD", "USD", USD, ""},
		{"lower case", "usd", "", "currency"},
		{"another currency", "GBP", "", "currency"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseBasis(tt.in)
			checkFieldError(t, fmt.Sprintf("ParseBasis(%q)", tt.in), err, tt.field)
			if got != tt.want {
				t.Errorf("ParseBasis(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
