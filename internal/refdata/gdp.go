package refdata

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// gdpKey identifies one country's GDP in one year.
type gdpKey struct {
	alpha2 string
	year   int
}

type gdpData struct {
	values map[gdpKey]decimal.Decimal
	latest map[string]int // alpha-2 to the latest year with a value
}

var gdp = sync.OnceValue(func() gdpData {
	d, err := parseGDP(gdpCSV, countries().byAlpha3)
	return must("gdp.csv", d, err)
})

// GDP returns the gross domestic product of the country alpha2 in year, in
// current US dollars (World Bank indicator NY.GDP.MKTP.CD, release of
// October 2024, years 1960 to 2023), and whether the World Bank gives one.
// The value is exact to the digits the World Bank publishes, so that a
// share of GDP computed from it does not depend on float rounding.
func GDP(alpha2 string, year int) (decimal.Decimal, bool) {
	v, ok := gdp().values[gdpKey{strings.ToUpper(alpha2), year}]
	return v, ok
}

// LatestGDP returns the most recent year with a GDP value for the country
// alpha2, and that value. Recent years are missing for some countries, so
// the year differs between countries; callers should show it.
func LatestGDP(alpha2 string) (year int, v decimal.Decimal, ok bool) {
	alpha2 = strings.ToUpper(alpha2)
	d := gdp()
	year, ok = d.latest[alpha2]
	if !ok {
		return 0, decimal.Decimal{}, false
	}
	return year, d.values[gdpKey{alpha2, year}], true
}

// parseGDP reads gdp.csv. Its codes are ISO alpha-3 for countries and World
// Bank codes for aggregates (WLD, EUU, ...) and for Kosovo (XKX) and the
// Channel Islands (CHI); rows whose code is not a country's are skipped,
// since parties are ISO countries.
func parseGDP(data string, byAlpha3 map[string]string) (gdpData, error) {
	d := gdpData{values: map[gdpKey]decimal.Decimal{}, latest: map[string]int{}}
	header := []string{"Country Name", "Country Code", "Year", "Value"}
	err := readCSV(data, header, func(line int, rec []string) error {
		year, err := strconv.Atoi(rec[2])
		if err != nil || year < 1900 || year > 2200 {
			return fmt.Errorf("year %q is not a year", rec[2])
		}
		// The value is parsed even for rows that are skipped, so that a
		// damaged file is caught wherever the damage is.
		v, err := parseGDPValue(rec[3])
		if err != nil {
			return err
		}
		alpha2, ok := byAlpha3[rec[1]]
		if !ok {
			return nil
		}
		k := gdpKey{alpha2, year}
		if _, dup := d.values[k]; dup {
			return fmt.Errorf("%s %d appears twice", rec[1], year)
		}
		d.values[k] = v
		if year > d.latest[alpha2] {
			d.latest[alpha2] = year
		}
		return nil
	})
	if err == nil && len(d.values) == 0 {
		err = errors.New("no country has a value")
	}
	return d, err
}

// parseGDPValue parses a value as the World Bank writes it, in plain
// ("3521418059.923445") or exponent form ("1.2e+12"). The text is parsed
// straight into a decimal: going through float64 would invent digits.
func parseGDPValue(s string) (decimal.Decimal, error) {
	v, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("value %q is not a number", s)
	}
	if v.Sign() <= 0 {
		return decimal.Decimal{}, fmt.Errorf("value %s is not positive", s)
	}
	return v, nil
}
