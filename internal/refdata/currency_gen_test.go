package refdata

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the derived file data/country-currency.csv")

// currencyOverrides fill gaps in country-codes.csv, each with the codes-all.csv
// entity that proves it. Only gaps are filled: the generator refuses an
// override for a country that already has a code.
var currencyOverrides = map[string]struct{ code, entity string }{
	// country-codes.csv joins ISO 4217 by entity name and missed Turkey
	// after ISO renamed the entity to TÜRKİYE.
	"TR": {"TRY", "TÜRKİYE"},
}

// TestCountryCurrencyFile is the generator of data/country-currency.csv and
// the check that the committed file is what the generator makes. Run with
// -update to rewrite the file after updating testdata/country-codes.csv.
func TestCountryCurrencyFile(t *testing.T) {
	want, err := deriveCountryCurrencies(t)
	if err != nil {
		t.Fatal(err)
	}
	const path = "data/country-currency.csv"
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what testdata/country-codes.csv gives; rerun with -update and review the diff", path)
	}
}

// deriveCountryCurrencies builds country-currency.csv. From the column
// ISO4217-currency_alphabetic_code of datasets/country-codes it takes, when
// several codes are listed (Namibia "NAD,ZAR", Bhutan "INR,BTN"), the one
// that starts with the country's alpha-2 code, because ISO 4217 builds a
// national currency's code that way; otherwise the first. Every code must be
// current in codes-all.csv, so a stale source cannot slip in.
func deriveCountryCurrencies(t *testing.T) ([]byte, error) {
	current := map[string]bool{}
	entities := map[string]string{} // "ENTITY code" of current rows
	err := readCSV(currencyCodesCSV, currencyHeader, func(line int, rec []string) error {
		if rec[2] != "" && rec[5] == "" {
			current[rec[2]] = true
			entities[rec[0]+" "+rec[2]] = rec[2]
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("codes-all.csv: %w", err)
	}

	src, err := os.ReadFile("testdata/country-codes.csv")
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(src))
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("country-codes.csv: %w", err)
	}
	a2col := slices.Index(recs[0], "ISO3166-1-Alpha-2")
	curCol := slices.Index(recs[0], "ISO4217-currency_alphabetic_code")
	if a2col < 0 || curCol < 0 {
		return nil, fmt.Errorf("country-codes.csv lacks the alpha-2 or the currency column")
	}

	var rows, none []string
	for _, rec := range recs[1:] {
		a2, list := rec[a2col], rec[curCol]
		code := ""
		if list != "" {
			codes := strings.Split(list, ",")
			code = codes[0]
			for _, c := range codes {
				if strings.HasPrefix(c, a2) {
					code = c
					break
				}
			}
		}
		if o, ok := currencyOverrides[a2]; ok {
			if code != "" {
				return nil, fmt.Errorf("override for %s is no longer needed: the source gives %s", a2, code)
			}
			if entities[o.entity+" "+o.code] == "" {
				return nil, fmt.Errorf("override %s=%s: codes-all.csv has no current row %s,%s", a2, o.code, o.entity, o.code)
			}
			code = o.code
		}
		if code == "" {
			none = append(none, a2)
			continue
		}
		if !current[code] {
			return nil, fmt.Errorf("%s: %s is not a current code in codes-all.csv", a2, code)
		}
		rows = append(rows, a2+","+code)
	}
	slices.Sort(rows)
	slices.Sort(none)
	t.Logf("%d countries with a currency, none for %v", len(rows), none)

	var b bytes.Buffer
	b.WriteString(`# Derived file: the current ISO 4217 currency of each ISO 3166-1 country.
# Written by TestCountryCurrencyFile (currency_gen_test.go) from
# testdata/country-codes.csv (datasets/country-codes, commit caa72d1e,
# column ISO4217-currency_alphabetic_code). Where that column lists several
# codes, the one starting with the country's alpha-2 code is kept (NAD, not
# ZAR, for Namibia), else the first. Every code is current in codes-all.csv.
`)
	for a2, o := range currencyOverrides {
		fmt.Fprintf(&b, "# %s is taken from codes-all.csv (%s,%s): country-codes.csv leaves it empty.\n", a2, o.entity, o.code)
	}
	fmt.Fprintf(&b, "# No universal currency, not listed: %s.\n", strings.Join(none, ", "))
	b.WriteString("# Rebuild: go test ./internal/refdata -run TestCountryCurrencyFile -update\n")
	b.WriteString("alpha2,currency\n")
	for _, row := range rows {
		b.WriteString(row + "\n")
	}
	return b.Bytes(), nil
}
