package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"pledgebook"
)

// TestWrite writes one table with awkward values in both formats and
// reads them back: text with separators, quotes, line breaks and
// formula-like beginnings, exact decimals, dates, integers, booleans and
// missing values.
func TestWrite(t *testing.T) {
	tbl := Table{Name: "odd/name:with*chars and more than thirty-one", Header: []string{"TEXT", "AMOUNT", "DATE", "COUNT", "FLAG", "NONE"}}
	tbl.add(`a, "quoted"`+"\nline", decimal.RequireFromString("247000000.25"), pledgebook.MustDate("2025-06-04"), int64(100000), true, nil)
	tbl.add("=HYPERLINK(\"x\")", decimal.RequireFromString("0.5"), pledgebook.Date{}, int64(0), false, nil)
	tbl.add("-5 drones", decimal.Zero, pledgebook.MustDate("2024-02-29"), int64(-1), false, "")
	wantCSV := [][]string{
		tbl.Header,
		{`a, "quoted"` + "\nline", "247000000.25", "2025-06-04", "100000", "true", ""},
		{`'=HYPERLINK("x")`, "0.5", "", "0", "false", ""},
		{"'-5 drones", "0", "2024-02-29", "-1", "false", ""},
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, tbl); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got, wantCSV, slices.Equal) {
		t.Errorf("CSV = %q, want %q", got, wantCSV)
	}

	b.Reset()
	if err := WriteXLSX(&b, tbl); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 1 || sheets[0] != "odd_name_with_chars and more th" {
		t.Errorf("sheets = %q, want one named odd_name_with_chars and more th", sheets)
	}
	rows, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	wantXLSX := [][]string{
		tbl.Header,
		{`a, "quoted"` + "\nline", "247000000.25", "2025-06-04", "100000", "1"},
		{`=HYPERLINK("x")`, "0.5", "", "0", "0"},
		{"-5 drones", "0", "2024-02-29", "-1", "0"},
	}
	if !slices.EqualFunc(rows, wantXLSX, slices.Equal) {
		t.Errorf("XLSX = %q, want %q", rows, wantXLSX)
	}
	// Text that looks like a formula stays text in the workbook.
	if formula, _ := f.GetCellFormula(f.GetSheetList()[0], "A3"); formula != "" {
		t.Errorf("A3 is the formula %q, want text", formula)
	}
	if typ, _ := f.GetCellType(f.GetSheetList()[0], "B2"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("B2, an amount, is text, want a number")
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{"": "Sheet1", "pledges": "pledges", "a[b]c": "a_b_c", strings.Repeat("x", 40): strings.Repeat("x", 31)} {
		if got := sheetName(in); got != want {
			t.Errorf("sheetName(%q) = %q, want %q", in, got, want)
		}
	}
}
