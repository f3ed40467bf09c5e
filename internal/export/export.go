// Package export writes the ledger's listings as files: CSV and XLSX. Each
// listing is a Table of typed values, built once from the records a store
// returned, so that both formats hold the same figures: money as exact
// decimals beside a currency column, dates as ISO 8601 text, counts as
// integers. What goes into a table is what the caller read; visibility is
// the store's business.
package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"pledgebook"
)

// Table is a listing: a name (the XLSX sheet's), column names, and rows
// whose values are string, int64, decimal.Decimal, pledgebook.Date, bool or
// nil for no value.
type Table struct {
	Name   string
	Header []string
	Rows   [][]any
}

func (t *Table) add(v ...any) { t.Rows = append(t.Rows, v) }

// text is how a value reads in CSV, and in XLSX when it is not a number.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case decimal.Decimal:
		return v.String()
	case pledgebook.Date:
		if v.IsZero() {
			return ""
		}
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	panic(fmt.Sprintf("export: a cell of type %T", v))
}

// WriteCSV writes t as RFC 4180 CSV with a header row.
func WriteCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	rec := make([]string, len(t.Header))
	for _, r := range t.Rows {
		for i, v := range r {
			rec[i] = text(v)
			if s, ok := v.(string); ok {
				rec[i] = csvSafe(s)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from reading text as a formula (CSV
// injection): text beginning with =, +, -, @, tab or carriage return gets
// a leading apostrophe. Numbers and dates are written as they are.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteXLSX writes t as a workbook of one sheet with a bold, frozen header
// row. Integers and money are numeric cells; a spreadsheet holds numbers
// as binary floating point, so a value with more than 15 significant
// digits is rounded there, while the CSV keeps it exact. Dates are ISO
// text, as in the CSV. Rows are streamed, so memory stays flat for long
// listings.
func WriteXLSX(w io.Writer, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	name := sheetName(t.Name)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(t.Header))
	for i, h := range t.Header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	row := make([]any, len(t.Header))
	for n, r := range t.Rows {
		for i, v := range r {
			row[i] = cell(v)
		}
		ref, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// cell is a value as the stream writer takes it.
func cell(v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case int64, int, bool:
		return v
	case decimal.Decimal:
		f, _ := v.Float64()
		return f
	case string:
		if v == "" {
			return nil
		}
		return v
	}
	if s := text(v); s != "" {
		return s
	}
	return nil
}

// sheetName makes name a valid sheet name: at most 31 characters, none of
// []:*?/\.
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		return "Sheet1"
	}
	return name
}
