package web

import (
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// The coverage matrix: the value pledged in EUR by each donor (columns) in
// each capability area (rows), each cell shaded by its value, with the same
// figures as a table for screen readers.

const (
	matrixLabelW  = 180.0 // the capability areas' column
	matrixHeadH   = 120.0 // the donors' names, slanted
	matrixCellW   = 72.0
	matrixCellH   = 26.0
	matrixDonors  = 12 // the largest donors get a column each; the others share one
	matrixLabelCh = 18
)

// shades are the matrix's fills from small to large, each with the text
// colour that keeps its contrast (4.5:1 or more); an empty cell is white.
var shades = []struct{ Fill, Text string }{
	{"#deebf7", "#1a1a1a"}, {"#9ecae1", "#1a1a1a"}, {"#4292c6", "#1a1a1a"}, {"#2171b5", "#ffffff"}, {"#08306b", "#ffffff"},
}

// shadeLimits are the upper ends of the shades, as shares of the largest
// cell: a few large pledges should not leave every other cell pale, so the
// steps grow.
var shadeLimits = []decimal.Decimal{
	decimal.RequireFromString("0.02"), decimal.RequireFromString("0.08"), decimal.RequireFromString("0.2"),
	decimal.RequireFromString("0.5"), decimal.NewFromInt(1),
}

type matrixHead struct {
	X, Y  float64
	Label string // shortened to fit
	Full  string
	Code  string // the donor's code, "" for the others' column
}

type matrixCell struct {
	X, Y       float64
	Fill, Ink  string
	Value      string // shown in the cell
	Title      string // donor, area and value, on hover
	HasValue   bool
	TextX      float64
	TextY      float64
	CellW      float64
	CellHeight float64
}

type matrixRow struct {
	Category pledgebook.Category
	Label    string
	Y        float64
	Cells    []matrixCell
	Values   []string // the table's cells, one per column
}

type matrixChart struct {
	Width, Height float64
	Heads         []matrixHead
	Rows          []matrixRow
	Legend        []legendItem
	LegendY       float64
	Empty         bool
}

// coverageMatrix draws the value pledged by donor and capability area. The
// largest donors get a column each, in order of their total, and the rest
// share a last column; only areas with a value get a row.
func coverageMatrix(l *locale, ps []*pledgebook.Pledge, n names) matrixChart {
	donors := pledgebook.TotalsBy(ps, pledgebook.EUR, func(p *pledgebook.Pledge) string { return p.Donor }, n.Of)
	cols := map[string]int{}
	var heads []matrixHead
	others := false
	for _, r := range donors.Rows {
		if !r.Pledged.IsPositive() {
			continue
		}
		if len(heads) == matrixDonors {
			cols[r.Key], others = matrixDonors, true
			continue
		}
		cols[r.Key] = len(heads)
		heads = append(heads, matrixHead{Label: fitLabel(r.Name, matrixLabelCh), Full: r.Name, Code: r.Key})
	}
	if others {
		heads = append(heads, matrixHead{Label: l.T("matrix.others"), Full: l.T("matrix.others")})
	}
	cells := map[pledgebook.Category][]decimal.Decimal{}
	var maxV decimal.Decimal
	for _, r := range pledgebook.TotalsBy(ps, pledgebook.EUR, func(p *pledgebook.Pledge) string { return p.Donor + "/" + string(p.Category) }, func(string) string { return "" }).Rows {
		donor, cat, _ := strings.Cut(r.Key, "/")
		col, ok := cols[donor]
		if !ok || !r.Pledged.IsPositive() {
			continue
		}
		c := pledgebook.Category(cat)
		if cells[c] == nil {
			cells[c] = make([]decimal.Decimal, len(heads))
		}
		cells[c][col] = cells[c][col].Add(r.Pledged)
		maxV = decimal.Max(maxV, cells[c][col])
	}
	ch := matrixChart{Width: matrixLabelW + float64(len(heads))*matrixCellW + 10}
	if len(heads) == 0 || !maxV.IsPositive() {
		ch.Empty = true
		return ch
	}
	for i := range heads {
		heads[i].X = matrixLabelW + float64(i)*matrixCellW + matrixCellW/2
		heads[i].Y = matrixHeadH - 6
	}
	ch.Heads = heads
	y := matrixHeadH
	for _, info := range pledgebook.Categories {
		vals, ok := cells[info.Code]
		if !ok {
			continue
		}
		row := matrixRow{Category: info.Code, Label: l.Category(info.Code), Y: y}
		for i, v := range vals {
			cell := matrixCell{X: matrixLabelW + float64(i)*matrixCellW, Y: y, Fill: "#ffffff", Ink: "#1a1a1a", CellW: matrixCellW - 2, CellHeight: matrixCellH - 2,
				Title: heads[i].Full + ", " + row.Label + ": –"}
			cell.TextX, cell.TextY = cell.X+matrixCellW/2, y+matrixCellH/2+4
			value := "–"
			if v.IsPositive() {
				s := shadeOf(v.Div(maxV))
				cell.Fill, cell.Ink, cell.HasValue = shades[s].Fill, shades[s].Text, true
				cell.Value = l.Money(v, "EUR")
				cell.Title = heads[i].Full + ", " + row.Label + ": " + cell.Value
				value = cell.Value
			}
			row.Cells = append(row.Cells, cell)
			row.Values = append(row.Values, value)
		}
		ch.Rows = append(ch.Rows, row)
		y += matrixCellH
	}
	ch.LegendY = y + 16
	lower := decimal.Zero
	for i, limit := range shadeLimits {
		upper := maxV.Mul(limit)
		ch.Legend = append(ch.Legend, legendItem{X: float64(i) * 200, Y: ch.LegendY, Fill: shades[i].Fill,
			Label: l.T("matrix.range", l.Money(lower, "EUR"), l.Money(upper, "EUR"))})
		lower = upper
	}
	ch.Width = max(ch.Width, float64(len(shadeLimits))*200)
	ch.Height = ch.LegendY + 24
	return ch
}

// shadeOf is the shade of a cell whose value is share of the largest.
func shadeOf(share decimal.Decimal) int {
	for i, limit := range shadeLimits {
		if share.LessThanOrEqual(limit) {
			return i
		}
	}
	return len(shadeLimits) - 1
}
