// Package refdata holds the reference data that ships inside the binary:
// ISO 3166-1 countries, ISO 4217 currencies, World Bank GDP, the ECB's
// euro reference rates, and the organisations that pledge or coordinate
// support. The files under data/ are byte-for-byte copies of the sources
// listed in shared/data/SOURCES.md (plus one derived file, see
// country-currency.csv), so that an update is a file copy and a diff.
//
// Every dataset is parsed on first use, not at start-up, because the
// command-line tools that never touch it should not pay for it. The files
// are part of the build, so a malformed one is a build defect: the first use
// panics with a message naming the file and line, and the package tests
// parse every file so that such a defect never leaves CI.
package refdata

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// The embedded files. They are strings, not []byte, so that readers over
// them share the read-only data instead of copying it.
var (
	//go:embed data/countries.csv
	countriesCSV string
	//go:embed data/country-currency.csv
	countryCurrencyCSV string
	//go:embed data/codes-all.csv
	currencyCodesCSV string
	//go:embed data/gdp.csv
	gdpCSV string
	//go:embed data/eurofxref-hist.csv
	ecbCSV string
)

// ECBRates returns a reader over the embedded ECB euro foreign exchange
// reference rates (eurofxref-hist.csv, 1999-01-04 to 2026-04-13). Each call
// returns a new reader positioned at the start. Source: European Central
// Bank. Package fx parses it; the format lives there, not here.
func ECBRates() io.Reader { return strings.NewReader(ecbCSV) }

// readCSV checks that data starts with exactly the header want and calls fn
// for every following record with its line number. Comment lines start with
// '#', which only the derived file uses to say where it came from.
func readCSV(data string, want []string, fn func(line int, rec []string) error) error {
	r := csv.NewReader(strings.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = -1 // checked below, to report a wrong header as such
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("the file is empty")
		}
		return err
	}
	if !slices.Equal(header, want) {
		return fmt.Errorf("header is %q, want %q", header, want)
	}
	r.FieldsPerRecord = len(want)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		line, _ := r.FieldPos(0)
		if err := fn(line, rec); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
}

// isUpperCode reports whether s is n ASCII upper-case letters, the shape of
// ISO 3166-1 alpha codes and ISO 4217 codes.
func isUpperCode(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
