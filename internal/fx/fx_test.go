package fx

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/refdata"
)

// The business days around the test dates, checked against
// eurofxref-hist.csv: 2025-04-18 (Good Friday), 2025-04-21 (Easter Monday),
// 2025-12-25, 2025-12-26 and 2025-01-01 have no row; 2025-04-17,
// 2025-12-24, 2024-12-31, 2025-06-04 and 2025-06-06 have one.
func TestRate(t *testing.T) {
	table := ECB()
	tests := []struct {
		name     string
		currency string
		on       string
		want     string // rate; "" when an error is expected
		wantDay  string
		wantErr  string
	}{
		{"weekday with a rate", "USD", "2025-06-04", "1.1384", "2025-06-04", ""},
		{"Saturday falls back to Friday", "GBP", "2025-06-07", "0.8426", "2025-06-06", ""},
		{"Sunday falls back to Friday", "GBP", "2025-06-08", "0.8426", "2025-06-06", ""},
		{"Christmas Day", "USD", "2025-12-25", "1.1787", "2025-12-24", ""},
		{"Boxing Day", "USD", "2025-12-26", "1.1787", "2025-12-24", ""},
		{"Good Friday", "GBP", "2025-04-18", "0.85873", "2025-04-17", ""},
		{"Easter Monday", "GBP", "2025-04-21", "0.85873", "2025-04-17", ""},
		{"1 January", "USD", "2025-01-01", "1.0389", "2024-12-31", ""},
		{"lower-case code", "gbp", "2025-06-04", "0.8421", "2025-06-04", ""},
		{"last day of the data", "USD", "2026-04-13", "1.1684", "2026-04-13", ""},
		{"first day of the data", "USD", "1999-01-04", "1.1789", "1999-01-04", ""},
		{"EUR itself", "EUR", "2025-06-07", "1", "2025-06-07", ""},
		{"EUR after the data", "EUR", "2030-01-01", "1", "2030-01-01", ""},
		{"RUB 10 days after its end still counts", "RUB", "2022-03-11", "117.201", "2022-03-01", ""},
		{"BGN 5 days after its end", "BGN", "2026-01-05", "1.9558", "2025-12-31", ""},
		{"UAH has none", "UAH", "2025-06-04", "", "", "no ECB reference rate for UAH"},
		{"unknown code", "XYZ", "2025-06-04", "", "", "no ECB reference rate for XYZ"},
		{"RUB 11 days after its end", "RUB", "2022-03-12", "", "",
			"no ECB rate for RUB on or within 10 days before 2022-03-12: the series ends 2022-03-01"},
		{"RUB long after its end", "RUB", "2024-05-02", "", "",
			"no ECB rate for RUB on or within 10 days before 2024-05-02: the series ends 2022-03-01"},
		{"HRK after the euro", "HRK", "2023-06-01", "", "",
			"no ECB rate for HRK on or within 10 days before 2023-06-01: the series ends 2022-12-30"},
		{"BGN in 2026", "BGN", "2026-02-02", "", "",
			"no ECB rate for BGN on or within 10 days before 2026-02-02: the series ends 2025-12-31"},
		{"RUB after the end of the data", "RUB", "2027-01-01", "", "",
			"no ECB rate for RUB on or within 10 days before 2027-01-01: the series ends 2022-03-01"},
		{"after the end of the data", "USD", "2026-04-14", "", "",
			"no ECB rate for USD on or within 10 days before 2026-04-14: the rate data ends 2026-04-13"},
		{"before the euro", "USD", "1998-12-31", "", "",
			"no ECB rate for USD on or within 10 days before 1998-12-31: the rate data starts 1999-01-04"},
		{"before the series", "BGN", "2000-01-03", "", "",
			"no ECB rate for BGN on or within 10 days before 2000-01-03: the series starts 2000-07-19"},
		{"gap in a series", "ISK", "2012-06-01", "", "",
			"no ECB rate for ISK on or within 10 days before 2012-06-01: no rate was published between 2008-12-09 and 2018-02-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			on := pledgebook.MustDate(tt.on)
			rate, day, err := table.Rate(tt.currency, on)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("Rate(%s, %s) error %v, want %q", tt.currency, tt.on, err, tt.wantErr)
				}
				if k := pledgebook.ErrorKind(err); k != pledgebook.KindNotFound {
					t.Errorf("Rate(%s, %s) error kind %s, want %s", tt.currency, tt.on, k, pledgebook.KindNotFound)
				}
				return
			}
			if err != nil {
				t.Fatalf("Rate(%s, %s) error %v, want %s of %s", tt.currency, tt.on, err, tt.want, tt.wantDay)
			}
			if !rate.Equal(decimal.RequireFromString(tt.want)) || day.String() != tt.wantDay {
				t.Errorf("Rate(%s, %s) = %s of %s, want %s of %s", tt.currency, tt.on, rate, day, tt.want, tt.wantDay)
			}
		})
	}
}

func TestRateZeroDate(t *testing.T) {
	_, _, err := ECB().Rate("USD", pledgebook.Date{})
	if pledgebook.ErrorKind(err) != pledgebook.KindInvalid {
		t.Errorf("Rate(USD, zero date) error %v, want an invalid-input error", err)
	}
}

func TestECB(t *testing.T) {
	table := ECB()
	if got := table.Last().String(); got != "2026-04-13" {
		t.Errorf("Last() = %s, want 2026-04-13", got)
	}
	if got := dateOfDay(table.first).String(); got != "1999-01-04" {
		t.Errorf("first day %s, want 1999-01-04", got)
	}
	// 41 currency columns, every one with at least one rate.
	if len(table.series) != 41 {
		t.Errorf("%d currencies, want 41", len(table.series))
	}
	if n := len(table.series["USD"].days); n != 6983 {
		t.Errorf("%d USD rates, want 6983 (one per row)", n)
	}
}

func TestConvert(t *testing.T) {
	table := ECB()
	tests := []struct {
		name     string
		amount   string
		currency string
		on       string
		wantEUR  string // "" for nil
		wantUSD  string // "" for nil
		wantDay  string
		wantWhy  string
	}{
		// 247,000,000 / 0.8421 (GBP, 2025-06-04) = 293,314,333.2145…
		// (0.8421 × 293,314,333.21 = 246,999,999.998…), so 293,314,333.21.
		// In USD: 247,000,000 × 1.1384 = 281,184,800; / 0.8421 =
		// 333,909,036.9314…, so 333,909,036.93.
		{"GBP by hand", "247000000", "GBP", "2025-06-04", "293314333.21", "333909036.93", "2025-06-04", ""},
		// 1,000 / 1.1411 (USD, Friday 2025-06-06) = 876.3473…
		{"USD keeps its value", "1000", "USD", "2025-06-07", "876.35", "1000", "2025-06-06", ""},
		// 1,000,000 × 1.1384 = 1,138,400.
		{"EUR keeps its value", "1000000", "EUR", "2025-06-04", "1000000", "1138400", "2025-06-04", ""},
		{"EUR amount keeps its cents", "0.005", "EUR", "2025-06-04", "0.005", "0.01", "2025-06-04", ""},
		// 1,000 × 164.15 / 164.15 (JPY): the cross rate is of the same day.
		{"JPY cross", "164150", "JPY", "2025-06-04", "1000", "1138.4", "2025-06-04", ""},
		// -10 / 0.8421 = -11.8750…: half away from zero matters for sign.
		{"negative", "-10", "GBP", "2025-06-04", "-11.88", "-13.52", "2025-06-04", ""},
		{"EUR after the data has no USD", "5", "EUR", "2026-05-01", "5", "", "2026-05-01", ""},
		{"UAH", "1000", "UAH", "2025-06-04", "", "", "", "no ECB reference rate for UAH"},
		{"RUB after its end", "1000", "RUB", "2024-05-02", "", "", "",
			"no ECB rate for RUB on or within 10 days before 2024-05-02: the series ends 2022-03-01"},
		{"after the data", "1000", "USD", "2026-04-14", "", "", "",
			"no ECB rate for USD on or within 10 days before 2026-04-14: the rate data ends 2026-04-13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := table.Convert(decimal.RequireFromString(tt.amount), tt.currency, pledgebook.MustDate(tt.on))
			if got := str(c.EUR); got != tt.wantEUR {
				t.Errorf("Convert(%s %s, %s) EUR = %q, want %q", tt.amount, tt.currency, tt.on, got, tt.wantEUR)
			}
			if got := str(c.USD); got != tt.wantUSD {
				t.Errorf("Convert(%s %s, %s) USD = %q, want %q", tt.amount, tt.currency, tt.on, got, tt.wantUSD)
			}
			if c.RateDate.String() != tt.wantDay || c.Reason != tt.wantWhy {
				t.Errorf("Convert(%s %s, %s) rate date %q reason %q, want %q %q", tt.amount, tt.currency, tt.on, c.RateDate, c.Reason, tt.wantDay, tt.wantWhy)
			}
		})
	}
}

func str(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// TestConvertIgnoresDivisionPrecision guards against a regression to Div,
// which rounds to the package-wide decimal.DivisionPrecision.
func TestConvertIgnoresDivisionPrecision(t *testing.T) {
	saved := decimal.DivisionPrecision
	decimal.DivisionPrecision = 1
	defer func() { decimal.DivisionPrecision = saved }()
	c := ECB().Convert(decimal.NewFromInt(247000000), "GBP", pledgebook.MustDate("2025-06-04"))
	if got := str(c.EUR); got != "293314333.21" {
		t.Errorf("with DivisionPrecision 1, EUR = %s, want 293314333.21", got)
	}
}

func TestParse(t *testing.T) {
	sample, err := os.ReadFile("testdata/eurofxref-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(sample), "\n"), "\n")
	header, rows := lines[0], lines[1:]
	reversed := []string{header}
	for i := len(rows) - 1; i >= 0; i-- {
		reversed = append(reversed, rows[i])
	}

	tests := []struct {
		name    string
		in      string
		wantErr string // "" for success
	}{
		{"real lines", string(sample), ""},
		{"oldest first", strings.Join(reversed, "\n"), ""},
		{"no trailing comma", "Date,USD,GBP\n2025-06-04,1.1384,0.8421\n", ""},
		{"spaces and CRLF", "Date, USD, GBP\r\n2025-06-04, 1.1384, N/A\r\n", ""},
		{"empty", "", "the input is empty"},
		{"header only", "Date,USD,\n", "no rates after the header"},
		{"no Date column", "Day,USD,\n2025-06-04,1.1,\n", `line 1: the first column must be "Date"`},
		{"bad code", "Date,US Dollar,\n2025-06-04,1.1,\n", `line 1: column 2: "US Dollar" is not a currency code`},
		{"EUR column", "Date,EUR,\n2025-06-04,1,\n", "line 1: column 2: EUR is the base"},
		{"repeated code", "Date,USD,USD,\n2025-06-04,1.1,1.1,\n", "line 1: column 3: USD appears twice"},
		{"empty name inside", "Date,USD,,GBP,\n2025-06-04,1.1,,0.8,\n", "line 1: column 3"},
		{"malformed rate", "Date,USD,GBP,\n2025-06-05,1.1,0.8,\n2025-06-04,1.1,0,8,\n", "line 3: 5 columns, but the header has 4"},
		{"text rate", "Date,USD,GBP,\n2025-06-05,1.1,0.8,\n2025-06-04,1.1,abc,\n", `line 3, column 3 (GBP): "abc" is not a rate`},
		{"exponent rate", "Date,USD,\n2025-06-04,1e9,\n", `line 2, column 2 (USD): "1e9" is not a rate`},
		{"negative rate", "Date,USD,\n2025-06-04,-1.1,\n", `line 2, column 2 (USD): "-1.1" is not a rate`},
		{"zero rate", "Date,USD,\n2025-06-04,0.000,\n", "line 2, column 2 (USD): rate 0.000 is not positive"},
		{"empty rate", "Date,USD,GBP,\n2025-06-04,,0.8,\n", `line 2, column 2 (USD): "" is not a rate`},
		{"bad date", "Date,USD,\n2025-02-30,1.1,\n", "line 2, column 1 (Date)"},
		{"repeated date", "Date,USD,\n2025-06-04,1.1,\n2025-06-03,1.1,\n2025-06-04,1.2,\n", "line 4: 2025-06-04 already appears on line 2"},
		{"value in the trailing column", "Date,USD,\n2025-06-04,1.1,7\n", "line 2, column 3"},
		{"bare quote", "Date,USD,\n2025-06-04,1\"1,\n", "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, err := Parse(strings.NewReader(tt.in))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Parse error %v, want none", err)
				}
				checkTable(t, table)
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestParseOrder checks that a file gives the same answers whatever the
// order of its lines.
func TestParseOrder(t *testing.T) {
	newestFirst := "Date,USD,\n2025-06-06,1.1411,\n2025-06-04,1.1384,\n"
	oldestFirst := "Date,USD,\n2025-06-04,1.1384,\n2025-06-06,1.1411,\n"
	for _, in := range []string{newestFirst, oldestFirst} {
		table, err := Parse(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		rate, day, err := table.Rate("USD", pledgebook.MustDate("2025-06-05"))
		if err != nil || rate.String() != "1.1384" || day.String() != "2025-06-04" {
			t.Errorf("Rate(USD, 2025-06-05) on %q = %s of %s (%v), want 1.1384 of 2025-06-04", in, rate, day, err)
		}
		if table.Last().String() != "2025-06-06" {
			t.Errorf("Last() on %q = %s, want 2025-06-06", in, table.Last())
		}
	}
}

// checkTable asserts what every parsed table must satisfy: rates are
// positive, days strictly ascending within the data's range, and each
// series answers for its own days.
func checkTable(t *testing.T, table *Table) {
	t.Helper()
	if table.first > table.last {
		t.Fatalf("first day %d after last %d", table.first, table.last)
	}
	for code, s := range table.series {
		if len(s.days) == 0 || len(s.days) != len(s.rates) {
			t.Fatalf("%s: %d days and %d rates", code, len(s.days), len(s.rates))
		}
		for i, r := range s.rates {
			if r.Sign() <= 0 {
				t.Errorf("%s rate %s on %s is not positive", code, r, dateOfDay(s.days[i]))
			}
			if i > 0 && s.days[i-1] >= s.days[i] {
				t.Errorf("%s days not ascending at %s", code, dateOfDay(s.days[i]))
			}
			if s.days[i] < table.first || s.days[i] > table.last {
				t.Errorf("%s day %s outside the data's range", code, dateOfDay(s.days[i]))
			}
		}
		last := len(s.days) - 1
		rate, _, err := table.Rate(code, dateOfDay(s.days[last]))
		if err != nil || !rate.Equal(s.rates[last]) {
			t.Errorf("%s on its last day %s: %s, %v; want %s", code, dateOfDay(s.days[last]), rate, err, s.rates[last])
		}
	}
}

func FuzzParse(f *testing.F) {
	sample, err := os.ReadFile("testdata/eurofxref-sample.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(sample))
	lines := strings.SplitAfter(string(sample), "\n")
	f.Add(lines[0] + lines[1])
	f.Add(lines[0] + lines[len(lines)-2] + lines[1])
	f.Add("Date,USD,GBP\n2025-06-04,1.1384,0.8421\n")
	f.Add("Date,USD,\n2025-06-04,N/A,\n")
	f.Fuzz(func(t *testing.T, in string) {
		table, err := Parse(strings.NewReader(in))
		if err != nil {
			if table != nil {
				t.Errorf("Parse returned a table and the error %v", err)
			}
			return
		}
		checkTable(t, table)
	})
}

func BenchmarkRate(b *testing.B) {
	table := ECB()
	start := pledgebook.MustDate("2022-01-01")
	dates := make([]pledgebook.Date, 1500) // four years, weekends and holidays included
	for i := range dates {
		dates[i] = start.AddDays(i)
	}
	for _, bb := range []struct {
		name  string
		codes []string
	}{
		{"found", []string{"USD", "GBP", "PLN", "JPY", "NOK", "SEK"}},
		{"none", []string{"UAH", "RUB"}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				table.Rate(bb.codes[i%len(bb.codes)], dates[i%len(dates)])
			}
		})
	}
}

func BenchmarkConvert(b *testing.B) {
	table := ECB()
	amount := decimal.NewFromInt(247000000)
	on := pledgebook.MustDate("2025-06-07")
	for b.Loop() {
		table.Convert(amount, "GBP", on)
	}
}

func BenchmarkParseECB(b *testing.B) {
	data, err := io.ReadAll(refdata.ECBRates())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
