package extract

import "unicode/utf8"

// stopWords joins the function words: 1 for German, 2 for English.
var stopWords = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range stopDE {
		m[w] = 1
	}
	for w := range stopEN {
		m[w] = 2
	}
	return m
}()

var stopFilter = newWordFilter(stopWords)

// Classes of bytes in langBytes.
const (
	lLatin    = 1 << iota // an ASCII letter, or the lead byte of ä, ö, ü, ß, é ...
	lCyrillic             // a lead byte of the Cyrillic alphabet
	lWord                 // any other byte of a word (see wordByte)
)

// langBytes classes each byte for detectLanguage: 0 for a byte that is
// no part of a word, else lWord with lLatin or lCyrillic where they apply.
var langBytes = func() (t [256]uint8) {
	for c := range t {
		switch {
		case !wordByte(byte(c)):
		case c < 0x80 || c == 0xC3:
			t[c] = lWord | lLatin
		case c == 0xD0 || c == 0xD1:
			t[c] = lWord | lCyrillic
		default:
			t[c] = lWord
		}
	}
	return t
}()

// detectLanguage tells German from English by counting frequent function
// words of each, and returns "uk" for text that is mostly Cyrillic (the
// extractor has no Ukrainian rules yet, so such text yields nothing). It
// returns "" when there is too little to go on. lower is the lower-cased
// text; only its first 16 KiB are read, and reading stops once 30 function
// words agree three to one, which is plenty for a verdict.
func detectLanguage(lower string) string {
	if len(lower) > 16<<10 {
		cut := 16 << 10
		for cut > 0 && !utf8.RuneStart(lower[cut]) {
			cut--
		}
		lower = lower[:cut]
	}
	de, en := 0, 0
	latin, cyrillic := 0, 0
	start := -1
	for i := 0; i <= len(lower); i++ {
		var c byte = ' '
		if i < len(lower) {
			c = lower[i]
		}
		if k := langBytes[c]; k != 0 {
			if start < 0 {
				start = i
			}
			// the whole run of word bytes at once, counted without a
			// branch per byte
			for {
				latin += int(k & lLatin)
				cyrillic += int((k & lCyrillic) >> 1)
				if i+1 >= len(lower) || langBytes[lower[i+1]] == 0 {
					break
				}
				i++
				k = langBytes[lower[i]]
			}
			continue
		}
		if start >= 0 {
			// the function words are short; longer words need no lookup
			if w := lower[start:i]; len(w) >= 2 && len(w) <= 6 && stopFilter.may(w) {
				switch stopWords[w] {
				case 1:
					de++
				case 2:
					en++
				}
			}
			start = -1
			// a clear majority settles it
			if de+en >= 30 && (de >= 3*en || en >= 3*de) {
				break
			}
		}
	}
	switch {
	case cyrillic > latin:
		return "uk"
	case de+en < 3:
		return ""
	case de > en:
		return "de"
	case en > de:
		return "en"
	}
	return ""
}
