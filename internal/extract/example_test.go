package extract_test

import (
	"fmt"
	"strings"

	"pledgebook/internal/extract"
)

func ExampleExtract() {
	report := `UK pledges drones

LONDON, 4 June 2025 – Britain will deliver 100,000 drones to Ukraine this year.
The government also confirmed £247m to train Ukrainian troops.`
	res, err := extract.Extract(strings.NewReader(report), extract.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Language)
	for _, c := range res.Candidates {
		if c.Quantity != nil {
			fmt.Println(c.Donor, c.Category, *c.Quantity, c.Status)
		} else {
			fmt.Println(c.Donor, c.Category, c.Amount, *c.Currency, c.Status)
		}
	}
	// Output:
	// en
	// GB drones 100000 announced
	// GB training 247000000 GBP announced
}

func ExampleParseNumber() {
	for _, s := range []string{"100.000", "1,5 Mrd.", "£247m", "a dozen"} {
		v, _ := extract.ParseNumber(s, "de")
		fmt.Println(v)
	}
	// Output:
	// 100000
	// 1500000000
	// 247000000
	// 12
}
