package pledgebook

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		valid bool
	}{
		{"ordinary day", "2025-06-04", true},
		{"leap day", "2024-02-29", true},
		{"first year", "1900-01-01", true},
		{"last year", "2200-12-31", true},
		{"31 December", "2025-12-31", true},

		{"30 February", "2025-02-30", false},
		{"29 February, no leap year", "2025-02-29", false},
		{"29 February 1900, no leap year", "1900-02-29", false},
		{"31 April", "2025-04-31", false},
		{"month 13", "2025-13-01", false},
		{"month 0", "2025-00-10", false},
		{"day 0", "2025-01-00", false},
		{"day 32", "2025-01-32", false},
		{"one-digit month and day", "2025-6-4", false},
		{"one-digit day", "2025-06-4", false},
		{"two-digit year", "25-06-04", false},
		{"five-digit year", "20250-06-04", false},
		{"before 1900", "1899-12-31", false},
		{"after 2200", "2201-01-01", false},
		{"year 0", "0000-01-01", false},
		{"European order", "04.06.2025", false},
		{"slashes", "2025/06/04", false},
		{"with time", "2025-06-04T00:00:00Z", false},
		{"leading space", " 2025-06-04", false},
		{"trailing space", "2025-06-04 ", false},
		{"signed year", "+2025-06-04", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDate(tt.in)
			if !tt.valid {
				if err == nil {
					t.Errorf("ParseDate(%q) = %s, want an error", tt.in, d)
				}
				if !d.IsZero() {
					t.Errorf("ParseDate(%q) returned %s with its error, want the zero Date", tt.in, d)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v, want %s", tt.in, err, tt.in)
			}
			if got := d.String(); got != tt.in {
				t.Errorf("ParseDate(%q).String() = %q, want %q", tt.in, got, tt.in)
			}
			if tm := d.Time(); tm.Location() != time.UTC || tm.Hour() != 0 || tm.Minute() != 0 || tm.Second() != 0 || tm.Nanosecond() != 0 {
				t.Errorf("ParseDate(%q).Time() = %v, want midnight UTC", tt.in, tm)
			}
		})
	}
}

func TestDateJSON(t *testing.T) {
	type record struct {
		On Date `json:"on"`
	}
	t.Run("marshal", func(t *testing.T) {
		tests := []struct {
			name string
			in   Date
			want string
		}{
			{"set", MustDate("2025-06-04"), `{"on":"2025-06-04"}`},
			{"zero is null", Date{}, `{"on":null}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				b, err := json.Marshal(record{tt.in})
				if err != nil || string(b) != tt.want {
					t.Errorf("json.Marshal(%q) = %s, %v; want %s", tt.in, b, err, tt.want)
				}
			})
		}
	})
	t.Run("unmarshal", func(t *testing.T) {
		tests := []struct {
			name    string
			in      string
			want    string // the Date's String, "" for zero
			wantErr bool
		}{
			{"date", `{"on":"2025-06-04"}`, "2025-06-04", false},
			{"null", `{"on":null}`, "", false},
			{"empty string", `{"on":""}`, "", false},
			{"escaped digits", `{"on":"\u0032025-06-04"}`, "2025-06-04", false},
			{"impossible date", `{"on":"2025-02-30"}`, "", true},
			{"short form", `{"on":"2025-6-4"}`, "", true},
			{"out of range", `{"on":"1800-01-01"}`, "", true},
			{"number", `{"on":20250604}`, "", true},
			{"boolean", `{"on":true}`, "", true},
			{"object", `{"on":{}}`, "", true},
			{"timestamp", `{"on":"2025-06-04T10:00:00Z"}`, "", true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// Start from a set date, so that null and "" must clear it.
				r := record{MustDate("1999-09-09")}
				err := json.Unmarshal([]byte(tt.in), &r)
				if tt.wantErr {
					if err == nil {
						t.Errorf("json.Unmarshal(%s) = %s, want an error", tt.in, r.On)
					}
					return
				}
				if err != nil || r.On.String() != tt.want {
					t.Errorf("json.Unmarshal(%s) = %q, %v; want %q", tt.in, r.On, err, tt.want)
				}
			})
		}
	})
	t.Run("round trip", func(t *testing.T) {
		for _, in := range []Date{{}, MustDate("1900-01-01"), MustDate("2024-02-29"), MustDate("2200-12-31")} {
			b, err := json.Marshal(in)
			if err != nil {
				t.Fatalf("json.Marshal(%q): %v", in, err)
			}
			var out Date
			if err := json.Unmarshal(b, &out); err != nil || out != in {
				t.Errorf("json round trip of %q via %s = %q, %v; want %q", in, b, out, err, in)
			}
		}
	})
}

func TestDateScan(t *testing.T) {
	tests := []struct {
		name    string
		src     any
		want    string // "" for the zero Date
		wantErr bool
	}{
		{"string", "2025-06-04", "2025-06-04", false},
		{"bytes", []byte("2025-06-04"), "2025-06-04", false},
		{"SQLite datetime text", "2025-06-04 13:45:00", "2025-06-04", false},
		{"RFC 3339 text", "2025-06-04T23:59:59Z", "2025-06-04", false},
		{"time at midnight UTC", time.Date(2025, 6, 4, 0, 0, 0, 0, time.UTC), "2025-06-04", false},
		{"time late in the day", time.Date(2025, 6, 4, 23, 59, 59, 999, time.UTC), "2025-06-04", false},
		{"nil", nil, "", false},
		{"empty string", "", "", false},
		{"empty bytes", []byte{}, "", false},
		{"garbage", "yesterday", "", true},
		{"impossible date", "2025-02-30", "", true},
		{"integer", int64(20250604), "", true},
		{"float", 1.5, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Start from a set date, so that NULL must clear it.
			d := MustDate("1999-09-09")
			err := d.Scan(tt.src)
			if tt.wantErr {
				if err == nil {
					t.Errorf("Scan(%#v) = %q, want an error", tt.src, d)
				}
				return
			}
			if err != nil || d.String() != tt.want {
				t.Errorf("Scan(%#v) = %q, %v; want %q", tt.src, d, err, tt.want)
			}
		})
	}
}

func TestDateValue(t *testing.T) {
	tests := []struct {
		name string
		in   Date
		want any
	}{
		{"set", MustDate("2025-06-04"), "2025-06-04"},
		{"zero is NULL", Date{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.in.Value()
			if err != nil || v != tt.want {
				t.Fatalf("Value() of %q = %#v, %v; want %#v", tt.in, v, err, tt.want)
			}
			var back Date
			if err := back.Scan(v); err != nil || back != tt.in {
				t.Errorf("Scan(Value()) of %q = %q, %v; want %q", tt.in, back, err, tt.in)
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	d := MustDate("2024-02-29")
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"AddDays forward", d.AddDays(1).String(), "2024-03-01"},
		{"AddDays back", d.AddDays(-60).String(), "2023-12-31"},
		{"AddYears from a leap day", d.AddYears(1).String(), "2025-03-01"},
		{"Month", d.Month().String(), "2024-02-01"},
		{"Year", fmt.Sprint(d.Year()), "2024"},
		{"Weekday", d.Weekday().String(), "Thursday"},
		{"DateOf keeps the local calendar day", DateOf(time.Date(2025, 6, 4, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600))).String(), "2025-06-04"},
		{"Compare before", fmt.Sprint(d.Compare(d.AddDays(1))), "-1"},
		{"Compare same", fmt.Sprint(d.Compare(MustDate("2024-02-29"))), "0"},
		{"Before", fmt.Sprint(d.Before(d.AddDays(1)), d.Before(d)), "true false"},
		{"After", fmt.Sprint(d.After(d.AddDays(-1)), d.After(d)), "true false"},
		{"zero String", Date{}.String(), ""},
		{"zero IsZero", fmt.Sprint(Date{}.IsZero(), d.IsZero()), "true false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestMustDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("MustDate(%q) did not panic", "2025-02-30")
		}
	}()
	MustDate("2025-02-30")
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-06-04", "2024-02-29", "2025-02-30", "2025-6-4", "1899-12-31", "2200-12-31", "", "0000-00-00", "2025-06-04T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !d.IsZero() {
				t.Errorf("ParseDate(%q) returned %q with error %v, want the zero Date", s, d, err)
			}
			return
		}
		if got := d.String(); got != s {
			t.Errorf("ParseDate(%q).String() = %q, want %q", s, got, s)
		}
		if y := d.Year(); y < 1900 || y > 2200 {
			t.Errorf("ParseDate(%q) accepted year %d, outside 1900 to 2200", s, y)
		}
	})
}

func FuzzDateJSON(f *testing.F) {
	for _, s := range []string{`"2025-06-04"`, `null`, `""`, `"2025-02-30"`, `"\u0032025-06-04"`, `20250604`, `"2025-06-04`, ` null`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// Called directly, UnmarshalJSON sees bytes encoding/json would
		// reject first; it must not panic on them either.
		var direct Date
		_ = direct.UnmarshalJSON(b)

		var d Date
		if err := json.Unmarshal(b, &d); err != nil {
			return
		}
		out, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("json.Marshal(%q) after json.Unmarshal(%q): %v", d, b, err)
		}
		var back Date
		if err := json.Unmarshal(out, &back); err != nil || back != d {
			t.Errorf("round trip of %q: %s decodes to %q, %v; want %q", b, out, back, err, d)
		}
	})
}
