package main

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// The command line's value parsers. Each returns a domain invalid-input
// error naming the flag, so that every bad value gets the same kind of
// message and exit code as a rule broken further in.

// amountPattern is a non-negative or negative decimal with optional
// thousands separators (commas or underscores in groups of three) and an
// optional scale suffix: 247m, 1.5bn, 22.3 million.
var amountPattern = regexp.MustCompile(`^(-?)(\d{1,3}(?:[,_]\d{3})+|\d+)(\.\d+)?\s*(k|m|mn|bn|b|thousand|million|billion)?$`)

var scales = map[string]int32{"": 0, "k": 3, "thousand": 3, "m": 6, "mn": 6, "million": 6, "b": 9, "bn": 9, "billion": 9}

// parseAmount parses an exact amount of money: 247000000, 247,000,000,
// 247m, 1.5bn. Values are never routed through float64.
func parseAmount(field, s string) (*decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	m := amountPattern.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return nil, pledgebook.FieldError(field, "%q is not an amount (e.g. 247000000, 247m, 1.5bn)", s)
	}
	digits := strings.NewReplacer(",", "", "_", "").Replace(m[2]) + m[3]
	if len(digits) > 30 {
		return nil, pledgebook.FieldError(field, "%q has too many digits", s)
	}
	d, err := decimal.NewFromString(m[1] + digits)
	if err != nil {
		return nil, pledgebook.FieldError(field, "%q is not an amount", s)
	}
	d = d.Shift(scales[m[4]])
	return &d, nil
}

// parseQuantity parses an optional whole number.
func parseQuantity(field, s string) (*int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(strings.NewReplacer(",", "", "_", "").Replace(s), 10, 64)
	if err != nil {
		return nil, pledgebook.FieldError(field, "%q is not a whole number", s)
	}
	return &n, nil
}

// parseID parses a record id argument.
func parseID(what, s string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return 0, pledgebook.FieldError(what, "%q is not a record id (a positive whole number)", s)
	}
	return n, nil
}

// parseDate parses an optional YYYY-MM-DD date.
func parseDate(field, s string) (pledgebook.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return pledgebook.Date{}, nil
	}
	d, err := pledgebook.ParseDate(s)
	if err != nil {
		return d, pledgebook.FieldError(field, "%v", err)
	}
	return d, nil
}

// optDate parses a date for a filter: nil when s is empty.
func optDate(field, s string) (*pledgebook.Date, error) {
	d, err := parseDate(field, s)
	if err != nil || d.IsZero() {
		return nil, err
	}
	return &d, nil
}

// optString returns nil for "" and &s otherwise, for filters.
func optString(s string) *string {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return &s
}
