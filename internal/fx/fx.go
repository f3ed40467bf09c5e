// Package fx values amounts of money in euros and US dollars at the
// European Central Bank's euro foreign exchange reference rates.
//
// The ECB publishes one rate per currency and business day, as units of the
// currency per euro. A date without a rate (a weekend or a TARGET holiday)
// takes the rate of the nearest earlier business day, but never one more
// than 10 days old: a series that stopped (RUB, HRK, BGN) or a date after
// the end of the data gives no value rather than a stale one, and the
// reason says which.
package fx

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/refdata"
)

// maxAgeDays is how much older than the requested date a rate may be. The
// longest closure in the data is 5 days (Easter, and Christmas: 2025-12-24
// to 2025-12-29), so 10 days never refuses a rate the ECB would have used,
// yet a series that ended stops giving values within two weeks.
const maxAgeDays = 10

// Table holds the ECB reference rates, one series per currency. It is
// read-only once built, so one Table serves every goroutine.
type Table struct {
	first, last int32 // the oldest and newest day in the data, as dayNumber
	series      map[string]*series
}

// series is one currency's rates in ascending order of day, held as two
// parallel slices so that the binary search runs over a compact []int32.
type series struct {
	days  []int32
	rates []decimal.Decimal
}

var _ pledgebook.Converter = (*Table)(nil)

var one = decimal.NewFromInt(1)

var ecb = sync.OnceValue(func() *Table {
	t, err := Parse(refdata.ECBRates())
	if err != nil {
		// The file is embedded, so this is a defect of the build; the tests
		// parse it, and no caller could do anything sensible here.
		panic("fx: the embedded ECB rates (internal/refdata/data/eurofxref-hist.csv) are malformed (a build defect): " + err.Error())
	}
	return t
})

// ECB returns the table of the ECB rates embedded in the binary (1999-01-04
// to 2026-04-13). It is parsed on the first call, which takes some tens of
// milliseconds, and shared afterwards.
func ECB() *Table { return ecb() }

// dayNumber counts days since 1970-01-01. A Date is midnight UTC, so the
// division is exact.
func dayNumber(d pledgebook.Date) int32 { return int32(d.Time().Unix() / 86400) }

func dateOfDay(n int32) pledgebook.Date {
	return pledgebook.DateOf(time.Unix(int64(n)*86400, 0).UTC())
}

// Parse reads rates in the format of the ECB's eurofxref-hist.csv: a header
// "Date,USD,JPY,...," and one line per business day with the date
// (YYYY-MM-DD) and the units of each currency per euro, or N/A where there
// is none. Every line may end with a comma, which makes an unnamed last
// column that must stay empty. Lines may come in any order, but a date may
// appear only once. Errors name the line and, for a bad value, the column.
func Parse(r io.Reader) (*Table, error) {
	t, err := parse(r)
	if err != nil {
		return nil, fmt.Errorf("parse ECB rates: %w", err)
	}
	return t, nil
}

func parse(r io.Reader) (*Table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // counted below, for a clearer message
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("the input is empty")
	}
	if err != nil {
		return nil, err
	}
	codes, err := parseHeader(header)
	if err != nil {
		return nil, fmt.Errorf("line 1: %w", err)
	}

	t := &Table{series: map[string]*series{}}
	all := make([]*series, len(codes)) // by column; nil for Date and the trailing column
	for i, code := range codes {
		if code != "" {
			all[i] = &series{}
			t.series[code] = all[i]
		}
	}
	seen := map[int32]int{} // day to line, to report a repeated date
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(codes) {
			return nil, fmt.Errorf("line %d: %d columns, but the header has %d", line, len(rec), len(codes))
		}
		date, err := pledgebook.ParseDate(strings.TrimSpace(rec[0]))
		if err != nil {
			return nil, fmt.Errorf("line %d, column 1 (Date): %w", line, err)
		}
		day := dayNumber(date)
		if prev, dup := seen[day]; dup {
			return nil, fmt.Errorf("line %d: %s already appears on line %d", line, date, prev)
		}
		seen[day] = line
		if len(seen) == 1 || day < t.first {
			t.first = day
		}
		if len(seen) == 1 || day > t.last {
			t.last = day
		}
		for i := 1; i < len(rec); i++ {
			v := strings.TrimSpace(rec[i])
			switch {
			case codes[i] == "":
				if v != "" {
					return nil, fmt.Errorf("line %d, column %d: %q in the unnamed last column, which must be empty", line, i+1, v)
				}
				continue
			case v == "N/A":
				continue
			}
			rate, err := parseRate(v)
			if err != nil {
				return nil, fmt.Errorf("line %d, column %d (%s): %w", line, i+1, codes[i], err)
			}
			s := all[i]
			s.days = append(s.days, day)
			s.rates = append(s.rates, rate)
		}
	}
	if len(seen) == 0 {
		return nil, errors.New("no rates after the header")
	}
	for code, s := range t.series {
		if len(s.days) == 0 {
			// A currency with only N/A is as good as absent, and keeping it
			// would make Rate say "the series ends" about a series that
			// never began.
			delete(t.series, code)
			continue
		}
		s.sort()
	}
	return t, nil
}

// parseHeader returns the column names: "" for the Date column and for an
// unnamed last column, otherwise a currency code.
func parseHeader(header []string) ([]string, error) {
	// The ECB's file has no byte-order mark, but a re-saved copy may.
	if len(header) == 0 || strings.TrimSpace(strings.TrimPrefix(header[0], "\uFEFF")) != "Date" {
		return nil, errors.New(`the first column must be "Date"`)
	}
	codes := make([]string, len(header))
	seen := map[string]bool{}
	for i := 1; i < len(header); i++ {
		code := strings.TrimSpace(header[i])
		switch {
		case code == "" && i == len(header)-1:
		case !isCode(code):
			return nil, fmt.Errorf("column %d: %q is not a currency code", i+1, header[i])
		case code == "EUR":
			return nil, fmt.Errorf("column %d: EUR is the base currency and cannot have a column", i+1)
		case seen[code]:
			return nil, fmt.Errorf("column %d: %s appears twice", i+1, code)
		}
		seen[code] = true
		codes[i] = code
	}
	if len(seen) == 0 {
		return nil, errors.New("no currency columns")
	}
	return codes, nil
}

func isCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// parseRate accepts only what the ECB writes: digits with an optional
// decimal point, no sign and no exponent. decimal.NewFromString would also
// take "1e999999999", a value that later makes arithmetic run out of memory.
func parseRate(s string) (decimal.Decimal, error) {
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return decimal.Decimal{}, fmt.Errorf("%q is not a rate (want a decimal number or N/A)", s)
		}
	}
	if digits == 0 || digits > 30 {
		return decimal.Decimal{}, fmt.Errorf("%q is not a rate (want a decimal number or N/A)", s)
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not a rate: %w", s, err)
	}
	if v.Sign() <= 0 {
		return decimal.Decimal{}, fmt.Errorf("rate %s is not positive", s)
	}
	return v, nil
}

// sort orders s by day. The ECB's file is newest first, so reversing it
// would do, but sorting does not depend on that.
func (s *series) sort() {
	idx := make([]int, len(s.days))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(s.days[a], s.days[b]) })
	days := make([]int32, len(idx))
	rates := make([]decimal.Decimal, len(idx))
	for i, j := range idx {
		days[i], rates[i] = s.days[j], s.rates[j]
	}
	s.days, s.rates = days, rates
}

// Last returns the newest date in the table: there is no rate for any
// currency other than EUR after it.
func (t *Table) Last() pledgebook.Date { return dateOfDay(t.last) }

// Rate returns the units of currency per euro on the date on, or on the
// nearest earlier business day that has a rate for that currency, and that
// day. A rate more than 10 days older than on does not count. EUR is 1 on
// every date. When there is no rate, the error is a *pledgebook.Error of
// kind not found (invalid for a zero date) whose message says why in words
// fit for a user.
func (t *Table) Rate(currency string, on pledgebook.Date) (rate decimal.Decimal, day pledgebook.Date, err error) {
	code := strings.ToUpper(currency)
	if on.IsZero() {
		return decimal.Decimal{}, pledgebook.Date{}, pledgebook.Errorf(pledgebook.KindInvalid, "no date given for the ECB rate for %s", code)
	}
	if code == "EUR" {
		return one, on, nil
	}
	s := t.series[code]
	if s == nil {
		return decimal.Decimal{}, pledgebook.Date{}, pledgebook.Errorf(pledgebook.KindNotFound, "no ECB reference rate for %s", code)
	}
	want := dayNumber(on)
	i, found := slices.BinarySearch(s.days, want)
	if !found {
		i-- // the last rate before want, or -1
	}
	if i >= 0 && want-s.days[i] <= maxAgeDays && want <= t.last {
		return s.rates[i], dateOfDay(s.days[i]), nil
	}

	why := ""
	lastOfSeries := s.days[len(s.days)-1]
	switch {
	case i == len(s.days)-1 && lastOfSeries < t.last:
		why = "the series ends " + dateOfDay(lastOfSeries).String()
	case want > t.last:
		why = "the rate data ends " + dateOfDay(t.last).String()
	case i < 0 && s.days[0] > t.first:
		why = "the series starts " + dateOfDay(s.days[0]).String()
	case i < 0:
		why = "the rate data starts " + dateOfDay(t.first).String()
	default:
		why = fmt.Sprintf("no rate was published between %s and %s", dateOfDay(s.days[i]), dateOfDay(s.days[i+1]))
	}
	return decimal.Decimal{}, pledgebook.Date{}, pledgebook.Errorf(pledgebook.KindNotFound,
		"no ECB rate for %s on or within %d days before %s: %s", code, maxAgeDays, on, why)
}

// rateOn returns the rate of currency on exactly the day n, for the cross
// rate to USD, which must be of the same business day as the first rate.
func (t *Table) rateOn(currency string, n int32) (decimal.Decimal, bool) {
	s := t.series[currency]
	if s == nil {
		return decimal.Decimal{}, false
	}
	i, found := slices.BinarySearch(s.days, n)
	if !found {
		return decimal.Decimal{}, false
	}
	return s.rates[i], true
}

// Convert values amount of currency in EUR and USD at the rates of on, or
// of the nearest earlier business day (see Rate), rounded half away from
// zero to cents. EUR amounts keep their EUR value and USD amounts their USD
// value unrounded, since no conversion happened. Other currencies go
// through the euro: EUR = amount / rate, USD = amount × USD rate / rate,
// both with rates of the same business day; the USD value is computed from
// the amount, not from the rounded EUR value, so that it is rounded once.
// Division is to 10 decimal places whatever decimal.DivisionPrecision is
// set to, so results do not depend on a global. Without a rate EUR and USD
// are nil and Reason says why; with a EUR value but no USD rate on that
// day, only USD is nil. For EUR amounts RateDate is the day of the USD rate,
// or on when there is none.
func (t *Table) Convert(amount decimal.Decimal, currency string, on pledgebook.Date) pledgebook.Conversion {
	code := strings.ToUpper(currency)
	if code == "EUR" {
		eur := amount
		c := pledgebook.Conversion{EUR: &eur, RateDate: on}
		if usdRate, day, err := t.Rate("USD", on); err == nil {
			usd := amount.Mul(usdRate).Round(2)
			c.USD, c.RateDate = &usd, day
		}
		return c
	}
	rate, day, err := t.Rate(code, on)
	if err != nil {
		return pledgebook.Conversion{Reason: err.Error()}
	}
	eur := amount.DivRound(rate, 10).Round(2)
	c := pledgebook.Conversion{EUR: &eur, RateDate: day}
	if code == "USD" {
		usd := amount
		c.USD = &usd
	} else if usdRate, ok := t.rateOn("USD", dayNumber(day)); ok {
		usd := amount.Mul(usdRate).DivRound(rate, 10).Round(2)
		c.USD = &usd
	}
	return c
}
