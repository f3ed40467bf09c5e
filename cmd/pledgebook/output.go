package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

// format is the --format of listings and reports.
type format string

func (f *format) String() string { return string(*f) }
func (f *format) Type() string   { return "table|json|csv" }
func (f *format) Set(s string) error {
	switch s {
	case "table", "json", "csv":
		*f = format(s)
		return nil
	}
	return fmt.Errorf("unknown format %q: want table, json or csv", s)
}

func addFormat(cmd *cobra.Command, f *format) {
	*f = "table"
	cmd.Flags().Var(f, "format", "output format: table, json or csv")
}

// table is what a listing shows a person, and what CSV holds.
type table struct {
	header []string
	rows   [][]string
	notes  []string // what a report left out, and other remarks
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// emit writes v as JSON, or t as a table or CSV. Notes go after a table;
// with CSV, whose readers expect only rows, they go to stderr.
func emit(w, errw io.Writer, f format, v any, t table) error {
	switch f {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(t.header); err != nil {
			return err
		}
		if err := cw.WriteAll(t.rows); err != nil {
			return err
		}
		for _, n := range t.notes {
			fmt.Fprintln(errw, "note:", n)
		}
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.header, "\t"))
	for _, r := range t.rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range t.notes {
		fmt.Fprintln(w, "Note:", n)
	}
	return nil
}

// money formats an exact amount with thousands separators and at most two
// decimals, for tables; JSON and CSV keep the exact value.
func money(d decimal.Decimal) string {
	s := d.StringFixed(2)
	s = strings.TrimSuffix(s, ".00")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func optMoney(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return money(*d)
}

func optInt(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// moneyFormat returns how amounts are shown in format f: grouped for
// people in tables, exact and plain in JSON and CSV.
func moneyFormat(f format) func(*decimal.Decimal) string {
	if f == "table" {
		return optMoney
	}
	return func(d *decimal.Decimal) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
