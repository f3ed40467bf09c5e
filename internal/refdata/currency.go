package refdata

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"pledgebook"
)

// currencyHeader is the header of codes-all.csv (ISO 4217 tables A.1 and A.3).
var currencyHeader = []string{"Entity", "Currency", "AlphabeticCode", "NumericCode", "MinorUnit", "WithdrawalDate"}

// currencyInfo is what ISO 4217 says about one alphabetic code.
type currencyInfo struct {
	name      string
	minorUnit int    // -1 when ISO gives none
	current   bool   // some entity still uses it
	withdrawn string // the latest withdrawal, as ISO writes it, when not current
}

var currencies = sync.OnceValue(func() map[string]currencyInfo {
	m, err := parseCurrencies(currencyCodesCSV)
	return must("codes-all.csv", m, err)
})

// Currencies is the ISO 4217 catalogue: every alphabetic code that is or was
// in use, so that a pledge made in a currency since withdrawn (HRK, BGN)
// still validates. Its zero value is ready to use.
type Currencies struct{}

var _ pledgebook.Catalog = Currencies{}

// KnownCurrency reports whether code is an ISO 4217 alphabetic code, current
// or withdrawn. It is case-sensitive: codes are stored in upper case, and a
// catalogue that accepted "eur" would let a second spelling into the ledger.
func (Currencies) KnownCurrency(code string) bool {
	_, ok := currencies()[code]
	return ok
}

// Currency returns the ISO 4217 name and minor unit (the number of decimal
// places, 2 for EUR, 0 for JPY) of code, and whether the code is known. For
// a withdrawn code it returns the name of its last use. The minor unit is -1
// where ISO gives none: for units such as gold (XAU) or special drawing
// rights (XDR), and for withdrawn codes, whose rows in the list leave it out.
func Currency(code string) (name string, minorUnit int, ok bool) {
	c, ok := currencies()[code]
	return c.name, c.minorUnit, ok
}

// parseCurrencies reads codes-all.csv, which has one row per entity and
// currency. A code shared by many entities (EUR) or used again after a
// redenomination (RON, TRY) appears many times; a current row wins over a
// withdrawn one, and among withdrawn rows the latest withdrawal wins.
func parseCurrencies(data string) (map[string]currencyInfo, error) {
	m := map[string]currencyInfo{}
	err := readCSV(data, currencyHeader, func(line int, rec []string) error {
		code := rec[2]
		if code == "" {
			// Entities without a currency ("ANTARCTICA, No universal currency").
			return nil
		}
		if !isUpperCode(code, 3) {
			return fmt.Errorf("alphabetic code %q is not three upper-case letters", code)
		}
		c := currencyInfo{name: strings.TrimSpace(rec[1]), minorUnit: -1, current: rec[5] == "", withdrawn: rec[5]}
		if c.name == "" {
			return fmt.Errorf("%s has no name", code)
		}
		switch mu := rec[4]; mu {
		case "", "-":
		default:
			n, err := strconv.Atoi(mu)
			if err != nil || n < 0 || n > 9 {
				return fmt.Errorf("%s: minor unit %q is not a digit, '-' or empty", code, mu)
			}
			c.minorUnit = n
		}
		old, seen := m[code]
		switch {
		case !seen:
			m[code] = c
		case old.current && c.current:
			if old.minorUnit != c.minorUnit {
				return fmt.Errorf("%s has minor units %d and %d", code, old.minorUnit, c.minorUnit)
			}
		case c.current, !old.current && c.withdrawn > old.withdrawn:
			// Withdrawal dates are "2003-11" or "1989 to 1990": both start
			// with the year, so comparing the text orders them well enough
			// to pick the most recent name.
			m[code] = c
		}
		return nil
	})
	if err == nil && len(m) == 0 {
		err = errors.New("no currencies")
	}
	return m, err
}
