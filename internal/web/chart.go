package web

import (
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// palette colours the capability areas, in the order of
// pledgebook.Categories; neighbours differ in lightness as well as hue,
// and each stands out from the white page by 3:1 or more (WCAG 1.4.11).
var palette = []string{"#1f77b4", "#d35f00", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#c2459f", "#7f7f7f",
	"#888900", "#0e8c99", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"}

// The charts' geometry is computed here in float64 pixels; the figures
// they show come from the exact decimal totals.
type segment struct {
	X, W  float64
	Fill  string
	Label string // for the tooltip: area and value
}

type bar struct {
	Y        float64
	Label    string // the name, shortened to fit beside the bar
	Full     string // the whole name, shown on hover
	Value    string
	ValueX   float64
	Segments []segment
}

type legendItem struct {
	X, Y  float64
	Fill  string
	Label string
}

type barChart struct {
	Width, Height float64
	Bars          []bar
	Legend        []legendItem
}

const (
	barLabelW = 170.0
	barPlotW  = 480.0
	barH      = 22.0
	barGap    = 8.0
)

// stackedBars draws the top donors' pledged values, stacked by capability
// area; cells holds the totals keyed "DONOR/category".
func stackedBars(l *locale, donors, cells pledgebook.TotalsReport, top int) barChart {
	rows := donors.Rows
	if len(rows) > top {
		rows = rows[:top]
	}
	byKey := map[string]decimal.Decimal{}
	for _, c := range cells.Rows {
		byKey[c.Key] = c.Pledged
	}
	var maxV decimal.Decimal
	for _, r := range rows {
		maxV = decimal.Max(maxV, r.Pledged)
	}
	ch := barChart{Width: barLabelW + barPlotW + 110}
	used := map[pledgebook.Category]bool{}
	for i, r := range rows {
		b := bar{Y: float64(i) * (barH + barGap), Label: fitLabel(r.Name, barLabelRunes), Full: r.Name, Value: l.Money(r.Pledged, "EUR")}
		x := barLabelW
		for ci, info := range pledgebook.Categories {
			v, ok := byKey[r.Key+"/"+string(info.Code)]
			if !ok || !v.IsPositive() || !maxV.IsPositive() {
				continue
			}
			w, _ := v.Div(maxV).Float64()
			w *= barPlotW
			b.Segments = append(b.Segments, segment{X: x, W: w, Fill: palette[ci%len(palette)], Label: l.Category(info.Code) + ": " + l.Money(v, "EUR")})
			used[info.Code] = true
			x += w
		}
		b.ValueX = x + 6
		ch.Bars = append(ch.Bars, b)
	}
	y := float64(len(rows))*(barH+barGap) + 10
	col := 0
	for ci, info := range pledgebook.Categories {
		if !used[info.Code] {
			continue
		}
		ch.Legend = append(ch.Legend, legendItem{X: float64(col%3) * 250, Y: y + float64(col/3)*20, Fill: palette[ci%len(palette)], Label: l.Category(info.Code)})
		col++
	}
	ch.Height = y + float64((col+2)/3)*20 + 10
	return ch
}

type tick struct {
	X, Y  float64
	Label string
}

type lineChart struct {
	Width, Height  float64
	Pledged        string // polyline points
	Delivered      string
	XTicks, YTicks []tick
	Left, Bottom   float64
	Right, Top     float64
	LegendY        float64
	Empty          bool
}

// timelineChart draws the cumulative pledged and delivered values by month.
func timelineChart(l *locale, tl pledgebook.TimelineReport) lineChart {
	ch := lineChart{Width: 760, Height: 300, Left: 90, Right: 700, Top: 20, Bottom: 250, LegendY: 285}
	n := len(tl.Rows)
	if n == 0 {
		ch.Empty = true
		return ch
	}
	maxV := tl.Rows[n-1].Cumulative
	if !maxV.IsPositive() {
		ch.Empty = true
		return ch
	}
	x := func(i int) float64 {
		if n == 1 {
			return ch.Left
		}
		return ch.Left + (ch.Right-ch.Left)*float64(i)/float64(n-1)
	}
	y := func(v decimal.Decimal) float64 {
		f, _ := v.Div(maxV).Float64()
		return ch.Bottom - (ch.Bottom-ch.Top)*f
	}
	var pl, dl strings.Builder
	for i, r := range tl.Rows {
		pl.WriteString(fmt2(x(i)) + "," + fmt2(y(r.Cumulative)) + " ")
		dl.WriteString(fmt2(x(i)) + "," + fmt2(y(r.CumulativeDelivered)) + " ")
		if i%6 == 0 || i == n-1 {
			ch.XTicks = append(ch.XTicks, tick{X: x(i), Y: ch.Bottom + 16, Label: l.Month(r.Month)})
		}
	}
	ch.Pledged, ch.Delivered = strings.TrimSpace(pl.String()), strings.TrimSpace(dl.String())
	for i := 0; i <= 4; i++ {
		v := maxV.Mul(decimal.NewFromInt(int64(i))).Div(decimal.NewFromInt(4))
		ch.YTicks = append(ch.YTicks, tick{X: ch.Left - 6, Y: y(v), Label: l.Money(v, "EUR")})
	}
	return ch
}

func fmt2(f float64) string { return decimal.NewFromFloat(f).StringFixed(1) }

// barLabelRunes is how many characters of a name fit in the label column
// of the bar chart; longer names (United Kingdom of Great Britain and
// Northern Ireland) are shortened there and shown whole on hover and in
// the table below the chart.
const barLabelRunes = 24

// fitLabel shortens s to at most n characters, ending in an ellipsis.
func fitLabel(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
