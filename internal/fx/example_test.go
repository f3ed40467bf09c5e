package fx_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/fx"
)

func ExampleTable_Convert() {
	// A pledge of GBP 247 million announced on a Saturday is valued at the
	// rates of the Friday before.
	c := fx.ECB().Convert(decimal.NewFromInt(247_000_000), "GBP", pledgebook.MustDate("2025-06-07"))
	fmt.Println(c.EUR, c.USD, c.RateDate)

	// A pledge in hryvnias cannot be valued: the ECB has no rate for UAH.
	c = fx.ECB().Convert(decimal.NewFromInt(1_000_000), "UAH", pledgebook.MustDate("2025-06-07"))
	fmt.Println(c.EUR == nil, c.Reason)
	// Output:
	// 293140280.09 334502373.61 2025-06-06
	// true no ECB reference rate for UAH
}

func ExampleTable_Rate() {
	_, _, err := fx.ECB().Rate("RUB", pledgebook.MustDate("2024-05-02"))
	fmt.Println(err)
	// Output:
	// no ECB rate for RUB on or within 10 days before 2024-05-02: the series ends 2022-03-01
}
