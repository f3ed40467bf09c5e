package extract

import (
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in, lang, want string
	}{
		{"100.000", "de", "100000"},
		{"100,000", "en", "100000"},
		{"100.000", "en", "100000"}, // by shape
		{"100,000", "de", "100000"}, // by shape
		{"1.234.567", "de", "1234567"},
		{"1,234,567", "en", "1234567"},
		{"1.234,5", "de", "1234.5"},
		{"1,234.5", "en", "1234.5"},
		{"100 000", "", "100000"},
		{"100'000", "", "100000"},
		{"1,5 Mrd.", "de", "1500000000"},
		{"1,5 Milliarden", "de", "1500000000"},
		{"1.5bn", "en", "1500000000"},
		{"1.5 billion", "en", "1500000000"},
		{"1,5 Billionen", "de", "1500000000000"},
		{"1 Billion", "de", "1000000000000"},
		{"247 Millionen", "de", "247000000"},
		{"247m", "en", "247000000"},
		{"£247m", "en", "247000000"},
		{"€22.3 million", "en", "22300000"},
		{"22.3 million", "en", "22300000"},
		{"8,5 Mio.", "de", "8500000"},
		{"EUR 250 Mio.", "de", "250000000"},
		{"US$2.5bn", "en", "2500000000"},
		{"C$2bn", "en", "2000000000"},
		{"A$50m", "en", "50000000"},
		{"1.500 Mio.", "de", "1500000000"}, // German thousands before a scale
		{"1,500 million", "en", "1500000000"},
		{"1.500 million", "en", "1500000"}, // English decimal before a scale
		{"0,25", "de", "0.25"},
		{"zwei", "de", "2"},
		{"zwölf", "de", "12"},
		{"six", "en", "6"},
		{"twenty-five", "en", "25"},
		{"fünfundzwanzig", "de", "25"},
		{"a dozen", "en", "12"},
		{"ein Dutzend", "de", "12"},
		{"two hundred", "en", "200"},
		{"eine Million", "de", "1000000"},
		{"a million", "en", "1000000"},
		{"100 Euro", "de", "100"},
		{"4.5 billion yen", "en", "4500000000"},
		{"10k", "en", "10000"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseNumber(tt.in, tt.lang)
			if err != nil {
				t.Fatalf("ParseNumber(%q, %q): %v", tt.in, tt.lang, err)
			}
			if got.String() != tt.want {
				t.Errorf("ParseNumber(%q, %q) = %s, want %s", tt.in, tt.lang, got, tt.want)
			}
		})
	}
}

func TestParseNumberErrors(t *testing.T) {
	for _, in := range []string{"", "abc", "1.2.3,4,5", "12,34,5", "1,2,3", "Drohnen", "100 Drohnen", "-5", strings.Repeat("9", 300)} {
		t.Run(in, func(t *testing.T) {
			if got, err := ParseNumber(in, "en"); err == nil {
				t.Errorf("ParseNumber(%q) = %s, want an error", in, got)
			}
		})
	}
}

func TestCurrencies(t *testing.T) {
	tests := []struct {
		text, donor, want string
	}{
		{"£100m", "GB", "GBP"}, {"€100m", "DE", "EUR"}, {"$100m", "US", "USD"}, {"$100m", "CA", "CAD"},
		{"US$100m", "CA", "USD"}, {"C$100m", "CA", "CAD"}, {"A$100m", "AU", "AUD"}, {"100 million dollars", "AU", "AUD"},
		{"100 Millionen US-Dollar", "CA", "USD"}, {"100 Millionen kanadische Dollar", "CA", "CAD"},
		{"100 Millionen Pfund", "GB", "GBP"}, {"100 million sterling", "GB", "GBP"}, {"100 Millionen Euro", "NL", "EUR"},
		{"100 Millionen Kronen", "NO", "NOK"}, {"100 Millionen Kronen", "DK", "DKK"}, {"100 million kronor", "SE", "SEK"},
		{"100 million crowns", "CZ", "CZK"}, {"100 million Norwegian kroner", "GB", "NOK"}, {"NOK 100m", "NO", "NOK"},
		{"100 Millionen Hrywnja", "DK", "UAH"}, {"100 million hryvnia", "IS", "UAH"}, {"100 Millionen Złoty", "PL", "PLN"},
		{"100 million zloty", "PL", "PLN"}, {"100 million yen", "JP", "JPY"}, {"100 Millionen Franken", "CH", "CHF"},
		{"100 million Swiss francs", "CH", "CHF"}, {"EUR 100 Mio.", "DE", "EUR"}, {"SEK 300m", "SE", "SEK"},
	}
	for _, tt := range tests {
		t.Run(tt.text+"/"+tt.donor, func(t *testing.T) {
			e := &extractor{text: tt.text, lower: lowerSameLen(tt.text), lang: "en"}
			e.toks = tokenize(e.text, e.lower, 0, len(e.text), nil)
			e.clauses()
			figs := e.findFigures(nil)
			if len(figs) != 1 || !figs[0].money {
				t.Fatalf("%q: got %d figures, want one amount", tt.text, len(figs))
			}
			if got := resolveCurrency(figs[0].currency, figs[0].crownWord, tt.donor); got != tt.want {
				t.Errorf("%q from %s: currency %q, want %q", tt.text, tt.donor, got, tt.want)
			}
		})
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"100.000", "1,5 Mrd.", "£247m", "22.3 million", "a dozen", "zwei", "1.234,5", "100 000", "US$2.5bn", "1,500 million", "twenty-five"} {
		f.Add(s, "de")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		v, err := ParseNumber(s, lang)
		if err != nil {
			return
		}
		if v.Sign() < 0 {
			t.Errorf("ParseNumber(%q) = %s: negative", s, v)
		}
		// The value has no more digits than the input could state.
		if n := len(v.Coefficient().String()); n > len(s)+15 {
			t.Errorf("ParseNumber(%q) = %s: %d digits from %d bytes", s, v, n, len(s))
		}
	})
}
