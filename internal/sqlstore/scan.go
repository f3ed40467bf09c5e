package sqlstore

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"pledgebook/internal/audit"
)

// decimalValue stores an optional exact amount: as text, which SQLite keeps
// as written and PostgreSQL parses into NUMERIC without going through a
// float.
func decimalValue(d *decimal.Decimal) driver.Value {
	if d == nil {
		return nil
	}
	return d.String()
}

// nullDecimal scans an optional exact amount. It refuses floats, so that an
// amount never silently passes through float64.
type nullDecimal struct{ d **decimal.Decimal }

func (n nullDecimal) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*n.d = nil
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	case int64:
		d := decimal.NewFromInt(v)
		*n.d = &d
		return nil
	default:
		return fmt.Errorf("scan amount: unexpected %T", src)
	}
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("scan amount %q: %w", s, err)
	}
	*n.d = &d
	return nil
}

// nullInt scans an optional integer into a pointer.
type nullInt struct{ p **int64 }

func (n nullInt) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*n.p = nil
	case int64:
		*n.p = &v
	default:
		return fmt.Errorf("scan integer: unexpected %T", src)
	}
	return nil
}

func intValue(p *int64) driver.Value {
	if p == nil {
		return nil
	}
	return *p
}

// timeScan scans a timestamp stored as text (SQLite) or TIMESTAMPTZ
// (PostgreSQL) into UTC.
type timeScan struct{ t *time.Time }

func (ts timeScan) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*ts.t = v.UTC()
		return nil
	case string:
		return ts.parse(v)
	case []byte:
		return ts.parse(string(v))
	}
	return fmt.Errorf("scan time: unexpected %T", src)
}

func (ts timeScan) parse(s string) error {
	t, err := time.Parse(audit.TimeLayout, s)
	if err != nil {
		t, err = time.Parse(time.RFC3339Nano, s)
	}
	if err != nil {
		return fmt.Errorf("scan time %q: %w", s, err)
	}
	*ts.t = t.UTC()
	return nil
}

// nullString stores "" as NULL, for optional references and unique keys.
func nullString(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

// stringScan scans an optional text column into a string, NULL as "".
type stringScan struct{ s *string }

func (ss stringScan) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*ss.s = ""
	case string:
		*ss.s = v
	case []byte:
		*ss.s = string(v)
	default:
		return fmt.Errorf("scan text: unexpected %T", src)
	}
	return nil
}

// splitList splits a comma-separated column; "" gives nil.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// nullTime scans an optional timestamp.
type nullTime struct {
	t     time.Time
	valid bool
}

func (n *nullTime) Scan(src any) error {
	if src == nil {
		n.valid = false
		return nil
	}
	n.valid = true
	return timeScan{&n.t}.Scan(src)
}

func (n nullTime) ptr() *time.Time {
	if !n.valid {
		return nil
	}
	t := n.t
	return &t
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
