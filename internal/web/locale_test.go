package web

import (
	"testing"

	"github.com/shopspring/decimal"

	"pledgebook"
)

func TestFormat(t *testing.T) {
	cats := mustCatalogs(t)
	en, de := newLocale("en", cats["en"]), newLocale("de", cats["de"])
	d := decimal.RequireFromString
	cases := []struct {
		name   string
		got    func(l *locale) string
		wantEN string
		wantDE string
	}{
		{"millions", func(l *locale) string { return l.Money(d("1234500000"), "EUR") }, "€1,234.5m", "1.234,5 Mio. €"},
		{"exact rounding", func(l *locale) string { return l.Money(d("1234549999.99"), "EUR") }, "€1,234.5m", "1.234,5 Mio. €"},
		{"whole millions", func(l *locale) string { return l.Money(d("247000000"), "GBP") }, "£247m", "247 Mio. £"},
		{"below a million", func(l *locale) string { return l.Money(d("500000.5"), "USD") }, "$500,000.5", "500.000,5 $"},
		{"other currency", func(l *locale) string { return l.Money(d("5630000000"), "PLN") }, "PLN 5,630m", "5.630 Mio. PLN"},
		{"zero", func(l *locale) string { return l.Money(decimal.Zero, "EUR") }, "€0", "0 €"},
		{"negative", func(l *locale) string { return l.Dec(d("-1234.5"), 1) }, "−1,234.5", "−1.234,5"},
		{"int", func(l *locale) string { return l.Int(int64(100000)) }, "100,000", "100.000"},
		{"nil int", func(l *locale) string { return l.Int((*int64)(nil)) }, "–", "–"},
		{"percent", func(l *locale) string { return l.Percent(d("0.4567")) }, "45.7%", "45,7 %"},
		{"date", func(l *locale) string { return l.Date(pledgebook.MustDate("2025-06-04")) }, "4 June 2025", "4. Juni 2025"},
		{"month", func(l *locale) string { return l.Month("2025-03") }, "March 2025", "März 2025"},
		{"category", func(l *locale) string { return l.Category(pledgebook.AirDefence) }, "Air defence", "Luftverteidigung"},
		{"status", func(l *locale) string { return l.Status(pledgebook.Delivering) }, "delivering", "in Lieferung"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.got(en); got != tc.wantEN {
				t.Errorf("en: got %q, want %q", got, tc.wantEN)
			}
			if got := tc.got(de); got != tc.wantDE {
				t.Errorf("de: got %q, want %q", got, tc.wantDE)
			}
		})
	}
}

func TestAcceptLanguage(t *testing.T) {
	cases := []struct{ name, header, want string }{
		{"empty", "", "en"},
		{"german", "de-DE,de;q=0.9", "de"},
		{"english first", "en-GB,en;q=0.9,de;q=0.8", "en"},
		{"german preferred by q", "en;q=0.3, de;q=0.7", "de"},
		{"unknown only", "fr-FR,fr;q=0.9", "en"},
		{"bad q ignored", "de;q=x, en;q=0.1", "en"},
		{"q zero", "de;q=0", "en"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := matchAcceptLanguage(tc.header); got != tc.want {
				t.Errorf("matchAcceptLanguage(%q) = %q, want %q", tc.header, got, tc.want)
			}
		})
	}
}

func FuzzAcceptLanguage(f *testing.F) {
	for _, s := range []string{"", "de-DE,de;q=0.9", "en;q=0.3, de;q=0.7", ";;,,q=", "de;q=1.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if got := matchAcceptLanguage(h); got != "en" && got != "de" {
			t.Errorf("matchAcceptLanguage(%q) = %q, not a UI language", h, got)
		}
	})
}

func TestLocalPath(t *testing.T) {
	cases := []struct{ in, want string }{
		{"/pledges?donor=GB", "/pledges?donor=GB"},
		{"", "/"},
		{"//evil.example/x", "/"},
		{"https://evil.example/", "/"},
		{"/\\evil.example", "/"},
		{"pledges", "/"},
	}
	for _, tc := range cases {
		if got := localPath(tc.in); got != tc.want {
			t.Errorf("localPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
