package refdata

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"pledgebook"
)

// Organisation codes used in memberships. G7 is a forum, not a party in
// Organisations, but "is this donor a G7 country" is a question the ledger
// is asked, so it is recorded as a membership.
const (
	codeEU   = "EU"
	codeG7   = "G7"
	codeNATO = "NATO"
)

// Memberships are typed in here rather than derived, because no source file
// carries them and they change by treaty, rarely and publicly. Update the
// lists (and the counts in the tests) when a country joins or leaves.
var (
	// natoMembers are the 32 NATO members since Sweden joined on 2024-03-07.
	natoMembers = []string{
		"AL", "BE", "BG", "CA", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
		"GB", "GR", "HR", "HU", "IS", "IT", "LT", "LU", "LV", "ME", "MK",
		"NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "TR", "US",
	}
	// euMembers are the 27 EU member states since the United Kingdom left
	// on 2020-01-31.
	euMembers = []string{
		"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
		"GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL",
		"PT", "RO", "SE", "SI", "SK",
	}
	// g7Members are the seven G7 countries. The EU takes part in the G7 but
	// is not one of its members.
	g7Members = []string{"CA", "DE", "FR", "GB", "IT", "JP", "US"}
)

// countryData is the parsed country list and the index GDP needs.
type countryData struct {
	list     []pledgebook.Party // sorted by code
	byAlpha3 map[string]string  // alpha-3 to alpha-2
}

var countries = sync.OnceValue(func() countryData {
	currency, err := parseCountryCurrencies(countryCurrencyCSV)
	must("country-currency.csv", currency, err)
	d, err := parseCountries(countriesCSV, currency)
	return must("countries.csv", d, err)
})

// Countries returns the 249 countries of ISO 3166-1 as parties, sorted by
// alpha-2 code, with their names in English, German and Ukrainian, their
// current currency where ISO 4217 assigns one, and their memberships of
// the EU, G7 and NATO. The caller owns the returned slice.
func Countries() []pledgebook.Party {
	return cloneParties(countries().list)
}

// cloneParties deep-copies ps so that callers cannot change the cached data
// through the Memberships slices they share.
func cloneParties(ps []pledgebook.Party) []pledgebook.Party {
	out := slices.Clone(ps)
	for i := range out {
		out[i].Memberships = slices.Clone(out[i].Memberships)
	}
	return out
}

// parseCountries reads countries.csv. The file is read with encoding/csv,
// which has no notion of a null value, so Namibia's code "NA" stays a code.
func parseCountries(data string, currency map[string]string) (countryData, error) {
	d := countryData{byAlpha3: map[string]string{}}
	index := map[string]int{} // alpha-2 to position in d.list
	header := []string{"alpha2", "alpha3", "numeric", "name_en", "name_de", "name_uk"}
	err := readCSV(data, header, func(line int, rec []string) error {
		p := pledgebook.Party{
			Code:     rec[0],
			Kind:     pledgebook.Country,
			Alpha3:   rec[1],
			NameEN:   rec[3],
			NameDE:   rec[4],
			NameUK:   rec[5],
			Currency: currency[rec[0]],
		}
		switch {
		case !isUpperCode(p.Code, 2):
			return fmt.Errorf("alpha2 %q is not two upper-case letters", p.Code)
		case !isUpperCode(p.Alpha3, 3):
			return fmt.Errorf("alpha3 %q is not three upper-case letters", p.Alpha3)
		case p.NameEN == "" || p.NameDE == "" || p.NameUK == "":
			return fmt.Errorf("%s has an empty name", p.Code)
		}
		if _, dup := index[p.Code]; dup {
			return fmt.Errorf("alpha2 %s appears twice", p.Code)
		}
		if _, dup := d.byAlpha3[p.Alpha3]; dup {
			return fmt.Errorf("alpha3 %s appears twice", p.Alpha3)
		}
		index[p.Code] = len(d.list)
		d.byAlpha3[p.Alpha3] = p.Code
		d.list = append(d.list, p)
		return nil
	})
	if err != nil {
		return countryData{}, err
	}
	for code := range currency {
		if _, ok := index[code]; !ok {
			return countryData{}, fmt.Errorf("country-currency.csv names %s, which is not a country", code)
		}
	}
	// The organisations go in alphabetical order, so that every country's
	// memberships come out sorted and a store can compare parties as they are.
	for _, m := range []struct {
		org     string
		members []string
	}{{codeEU, euMembers}, {codeG7, g7Members}, {codeNATO, natoMembers}} {
		for _, code := range m.members {
			i, ok := index[code]
			if !ok {
				return countryData{}, fmt.Errorf("%s member %s is not a country", m.org, code)
			}
			d.list[i].Memberships = append(d.list[i].Memberships, m.org)
		}
	}
	slices.SortFunc(d.list, func(a, b pledgebook.Party) int { return strings.Compare(a.Code, b.Code) })
	return d, nil
}

// parseCountryCurrencies reads the derived file country-currency.csv
// (alpha2 → ISO 4217 code). See currency_gen_test.go for how it is built.
func parseCountryCurrencies(data string) (map[string]string, error) {
	m := map[string]string{}
	err := readCSV(data, []string{"alpha2", "currency"}, func(line int, rec []string) error {
		if !isUpperCode(rec[0], 2) || !isUpperCode(rec[1], 3) {
			return fmt.Errorf("%q is not an alpha-2 code and a currency code", rec)
		}
		if _, dup := m[rec[0]]; dup {
			return fmt.Errorf("%s appears twice", rec[0])
		}
		m[rec[0]] = rec[1]
		return nil
	})
	if err == nil && len(m) == 0 {
		err = errors.New("no rows")
	}
	return m, err
}

// must returns v or panics. The data is embedded, so an error is a defect
// of the build, not of any input, and no caller could recover from it.
func must[T any](file string, v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("refdata: embedded data/%s is malformed (a build defect): %v", file, err))
	}
	return v
}
