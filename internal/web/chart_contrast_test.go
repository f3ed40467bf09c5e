package web

import (
	"math"
	"strconv"
	"testing"
)

// TestChartContrast: the charts' colours keep WCAG's contrast, which
// axe-core cannot measure in SVG: the text of each matrix cell 4.5:1 on
// its shade, and each area's colour 3:1 on the white page (1.4.11, for
// the bars and the legend's swatches).
func TestChartContrast(t *testing.T) {
	for _, s := range shades {
		if r := contrast(t, s.Text, s.Fill); r < 4.5 {
			t.Errorf("matrix text %s on %s: contrast %.2f, want 4.5 or more", s.Text, s.Fill, r)
		}
	}
	for _, c := range palette {
		if r := contrast(t, c, "#ffffff"); r < 3 {
			t.Errorf("chart colour %s on white: contrast %.2f, want 3 or more", c, r)
		}
	}
	// The formula itself, on WCAG's own end points and a known pair.
	for _, c := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#ffffff", "#ffffff", 1}, {"#767676", "#ffffff", 4.54}} {
		if r := contrast(t, c.a, c.b); math.Abs(r-c.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, r, c.want)
		}
	}
}

// contrast is WCAG 2's contrast ratio of two colours #rrggbb.
func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is WCAG 2's relative luminance of a colour #rrggbb.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if len(hex) != 7 || hex[0] != '#' || err != nil {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		c := float64(v>>(16-8*i)&0xff) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}
