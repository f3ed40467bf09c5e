package extract

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// ParseNumber reads a figure as news text writes it and returns its exact
// value in full units: "100.000" and "100,000" are 100000, "1,5 Mrd." and
// "1.5bn" are 1500000000, "247 Millionen" and "£247m" are 247000000, "22.3
// million" is 22300000, "zwei" is 2, "six" is 6 and "a dozen" is 12. A
// currency symbol or code before or after the figure is allowed and
// ignored.
//
// lang ("de", "en", or "" for unknown) settles the two questions that the
// shape of a number does not: whether "1.500 Mio." is 1500 million (German)
// or 1.5 million (English), and whether "Billion" is 10^12 (German) or 10^9.
// Without a scale word, one separator before exactly three digits is a
// thousands separator in either language, because that is how figures are
// written in practice ("100.000 Drohnen", "100,000 drones").
func ParseNumber(s, lang string) (decimal.Decimal, error) {
	if len(s) > 200 {
		return decimal.Decimal{}, fmt.Errorf("parse number: %d bytes is too long for a figure", len(s))
	}
	text := normalize(s)
	lower := lowerSameLen(text)
	toks := tokenize(text, lower, 0, len(text), nil)
	i := 0
	for i < len(toks) {
		if _, n := currencyPrefix(toks, i); n > 0 {
			i += n
			continue
		}
		if !isCurrencyToken(toks, i) {
			break
		}
		i++
	}
	if i < len(toks) && toks[i].low == "-" { // "-" after "US$" is not a sign
		return decimal.Decimal{}, fmt.Errorf("parse number %q: negative figures are not pledges", s)
	}
	v, next, _, ok := parseValue(toks, i, lang)
	if !ok {
		return decimal.Decimal{}, fmt.Errorf("parse number %q: no figure found", s)
	}
	for next < len(toks) && (isCurrencyToken(toks, next) || toks[next].low == ".") {
		next++
	}
	if next != len(toks) {
		return decimal.Decimal{}, fmt.Errorf("parse number %q: unexpected %q after the figure", s, text[toks[next].start:toks[next].end])
	}
	return v, nil
}

// isCurrencyToken reports whether toks[i] names a currency on its own.
func isCurrencyToken(toks []token, i int) bool {
	t := &toks[i]
	if t.kind == tPunct {
		_, ok := currencySymbols[t.low]
		return ok
	}
	if t.allCaps && len(t.low) == 3 {
		if _, ok := isoCurrencies[strings.ToUpper(t.low)]; ok {
			return true
		}
	}
	_, ok := currencyWords[t.base()]
	return ok
}

// valueKind says how a figure was written.
type valueKind uint8

const (
	vDigits  valueKind = iota // 100.000
	vWord                     // zwei, six, a dozen
	vWordOne                  // one, ein: too common as an article to be a quantity alone
)

// errNoSeparatorRule is returned for digit strings that no convention reads.
var errNoSeparatorRule = errors.New("separators do not follow a thousands or decimal convention")

// parseValue reads a number expression at toks[i]: digits or number words,
// then an optional scale word (Mio., million, bn, Milliarden). It returns
// the value, the index after the expression, and how it was written.
func parseValue(toks []token, i int, lang string) (decimal.Decimal, int, valueKind, bool) {
	if i >= len(toks) {
		return decimal.Decimal{}, i, 0, false
	}
	t := &toks[i]
	var v decimal.Decimal
	kind := vDigits
	next := i + 1
	switch {
	case t.kind == tNum:
		scaleFollows := false
		if next < len(toks) {
			_, scaleFollows = scaleOf(&toks[next], lang)
		}
		d, err := parseDigits(t.low, lang, scaleFollows)
		if err != nil {
			return decimal.Decimal{}, i, 0, false
		}
		v = d
	case t.kind == tWord:
		n, ok := numberWord(t.low)
		if v, next, ok := fractionOfScale(toks, i, lang); ok {
			return v, next, vWord, true
		}
		switch {
		case ok:
			kind = vWord
			if n == 1 {
				kind = vWordOne
			}
			v = decimal.NewFromInt(n)
			// "two hundred", "zwei tausend" (the scale words below handle
			// thousand and million).
			if next < len(toks) && (toks[next].low == "hundred" || toks[next].low == "hundert") {
				v = v.Mul(decimal.NewFromInt(100))
				next++
			}
			// "ein Dutzend", "two dozen"
			if next < len(toks) && (toks[next].low == "dozen" || toks[next].low == "dutzend") {
				v = v.Mul(decimal.NewFromInt(12))
				kind = vWord
				next++
			}
		case (t.low == "a" || t.low == "an") && next < len(toks) && toks[next].low == "dozen":
			v, kind, next = decimal.NewFromInt(12), vWord, next+1
		case (t.low == "a" || t.low == "one") && next < len(toks) && (toks[next].low == "hundred"):
			v, kind, next = decimal.NewFromInt(100), vWord, next+1
		case (t.low == "a" || t.low == "an") && next+1 < len(toks) && ordinalWords[toks[next].low] && !countWord(&toks[next+1]):
			// "a second Patriot system": one, if it counts a system
			v, kind = decimal.NewFromInt(1), vWordOne
			return v, next, kind, true
		case (t.low == "a" || t.low == "an") && next < len(toks):
			// "a million shells", "a billion euros": the scale is the value.
			if _, ok := scaleOf(&toks[next], lang); !ok {
				return decimal.Decimal{}, i, 0, false
			}
			v, kind = decimal.NewFromInt(1), vWord
		default:
			return decimal.Decimal{}, i, 0, false
		}
	default:
		return decimal.Decimal{}, i, 0, false
	}
	if next < len(toks) {
		if exp, ok := scaleOf(&toks[next], lang); ok {
			v = v.Shift(exp)
			next++
			if kind == vWordOne {
				kind = vWord // "eine Million" is a figure
			}
			// "Mio." and "Mrd.": the full stop belongs to the abbreviation.
			if next < len(toks) && toks[next].low == "." && !toks[next].space && isAbbrevScale(toks[next-1].low) {
				next++
			}
		}
	}
	return v, next, kind, true
}

// ordinalWords after "a" make it count one more of something: "a second
// Patriot system", "a further NASAMS battery".
var ordinalWords = map[string]bool{"second": true, "third": true, "fourth": true, "fifth": true, "further": true, "new": true, "additional": true, "sixth": true}

// fractions are the words of a part of a scale: "half a billion", "eine
// halbe Milliarde", "a quarter of a billion", "anderthalb Milliarden".
var fractions = map[string]decimal.Decimal{
	"half": decimal.New(5, -1), "halbe": decimal.New(5, -1), "halben": decimal.New(5, -1), "halbes": decimal.New(5, -1),
	"quarter": decimal.New(25, -2), "viertel": decimal.New(25, -2),
	"anderthalb": decimal.New(15, -1), "eineinhalb": decimal.New(15, -1), "einhalb": decimal.New(5, -1),
}

// fractionOfScale reads a fraction of a scale word at toks[i]: "half a
// billion", "a quarter of a billion", "eine halbe Milliarde", "einer
// halben Milliarde", "anderthalb Milliarden".
func fractionOfScale(toks []token, i int, lang string) (decimal.Decimal, int, bool) {
	k := i
	// an article before the fraction: "a quarter", "eine halbe"
	switch toks[k].low {
	case "a", "an", "one", "ein", "eine", "einer", "einem", "einen", "eines":
		k++
	}
	if k >= len(toks) {
		return decimal.Decimal{}, i, false
	}
	f, ok := fractions[toks[k].low]
	if !ok {
		return decimal.Decimal{}, i, false
	}
	k++
	// "half a billion", "a quarter of a billion"
	if k < len(toks) && toks[k].low == "of" {
		k++
	}
	if k < len(toks) && (toks[k].low == "a" || toks[k].low == "an") {
		k++
	}
	if k >= len(toks) {
		return decimal.Decimal{}, i, false
	}
	exp, ok := scaleOf(&toks[k], lang)
	if !ok || exp < 6 {
		return decimal.Decimal{}, i, false
	}
	return f.Shift(exp), k + 1, true
}

// countWord reports digits or a number word: "a further six systems" counts
// six, not one.
func countWord(t *token) bool {
	if t.kind == tNum {
		return true
	}
	_, ok := numberWord(t.low)
	return ok
}

func isAbbrevScale(s string) bool {
	switch s {
	case "mio", "mrd", "tsd", "mill", "bill", "mln", "md", "mia":
		return true
	}
	return false
}

// scaleOf returns the power of ten that a scale word stands for.
func scaleOf(t *token, lang string) (int32, bool) {
	if t.kind != tWord {
		return 0, false
	}
	s := t.low
	if exp, ok := scaleWords[s]; ok {
		// Glued single letters are scales only right after digits: 247m, 5b.
		if (s == "m" || s == "b" || s == "k" || s == "t") && t.space {
			return 0, false
		}
		if s == "billion" || s == "billions" {
			if lang == "de" && t.upper {
				return 12, true // German Billion: a million million
			}
		}
		return exp, true
	}
	return 0, false
}

// parseDigits reads digits with separators. See ParseNumber for the rules.
func parseDigits(s, lang string, scaleFollows bool) (decimal.Decimal, error) {
	if strings.ContainsAny(s, " '’") {
		s = strings.ReplaceAll(s, "’", "")
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			if s[i] != ' ' && s[i] != '\'' {
				b = append(b, s[i])
			}
		}
		s = string(b)
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	var thousands, dec byte
	switch {
	case dots == 0 && commas == 0:
		// plain digits
	case dots > 0 && commas > 0:
		if strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',') {
			thousands, dec = ',', '.'
		} else {
			thousands, dec = '.', ','
		}
		if strings.Count(s, string(dec)) > 1 {
			return decimal.Decimal{}, errNoSeparatorRule
		}
	case dots > 1:
		thousands = '.'
	case commas > 1:
		thousands = ','
	default:
		sep := byte('.')
		if commas == 1 {
			sep = ','
		}
		k := strings.IndexByte(s, sep)
		intPart, frac := s[:k], s[k+1:]
		switch {
		case len(frac) != 3 || intPart == "0" || intPart == "":
			dec = sep
		case !scaleFollows:
			thousands = sep // 100.000 Drohnen, 100,000 drones
		case lang == "de":
			if sep == '.' {
				thousands = sep // 1.500 Mio. Euro
			} else {
				dec = sep // 1,500 Mrd. Euro
			}
		case lang == "en":
			if sep == ',' {
				thousands = sep // 1,500 million
			} else {
				dec = sep // 1.500 billion
			}
		default:
			dec = sep // a scale makes a decimal the likelier reading
		}
	}
	// The digits go to a buffer on the stack and, when they fit, into an
	// int64: no string is built for the common figure.
	var buf [48]byte
	b := buf[:0]
	frac := -1  // digits after the decimal separator; -1 without one
	group := -1 // digits in the current thousands group; -1 before the first separator
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			if len(b) >= 41 {
				return decimal.Decimal{}, errNoSeparatorRule
			}
			b = append(b, c)
			if group >= 0 {
				group++
			}
		case c == thousands && thousands != 0:
			if group >= 0 && group != 3 || group < 0 && (len(b) == 0 || len(b) > 3) {
				return decimal.Decimal{}, errNoSeparatorRule
			}
			group = 0
		case c == dec && dec != 0:
			if group >= 0 && group != 3 || len(b) == 0 {
				return decimal.Decimal{}, errNoSeparatorRule
			}
			group = -2 // after the decimal separator: no more grouping
			frac = 0
			for i++; i < len(s); i++ {
				if !isDigit(s[i]) || len(b) >= 41 {
					return decimal.Decimal{}, errNoSeparatorRule
				}
				b = append(b, s[i])
				frac++
			}
		default:
			return decimal.Decimal{}, errNoSeparatorRule
		}
	}
	n := len(b)
	if frac >= 0 {
		n++ // the decimal point
	}
	if group >= 0 && group != 3 || len(b) == 0 || frac == 0 || n > 40 {
		return decimal.Decimal{}, errNoSeparatorRule
	}
	if len(b) <= 18 {
		var m int64
		for _, c := range b {
			m = m*10 + int64(c-'0')
		}
		return decimal.New(m, -int32(max(frac, 0))), nil
	}
	if frac >= 0 {
		k := len(b) - frac
		return decimal.NewFromString(string(b[:k]) + "." + string(b[k:]))
	}
	return decimal.NewFromString(string(b))
}

// numberWord returns the value of a number written as a word: zwei, six,
// twenty-five, fünfundzwanzig.
func numberWord(s string) (int64, bool) {
	if n, ok := numberWords[s]; ok {
		return n, true
	}
	// twenty-five
	if k := strings.IndexByte(s, '-'); k > 0 {
		tens, ok1 := numberWords[s[:k]]
		ones, ok2 := numberWords[s[k+1:]]
		if ok1 && ok2 && tens >= 20 && tens%10 == 0 && tens < 100 && ones < 10 {
			return tens + ones, true
		}
		return 0, false
	}
	// fünfundzwanzig, einundzwanzig
	if k := strings.Index(s, "und"); k > 0 {
		ones, ok1 := numberWords[s[:k]]
		if s[:k] == "ein" {
			ones, ok1 = 1, true
		}
		tens, ok2 := numberWords[s[k+3:]]
		if ok1 && ok2 && tens >= 20 && tens%10 == 0 && tens < 100 && ones < 10 {
			return tens + ones, true
		}
	}
	return 0, false
}
