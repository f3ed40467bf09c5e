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
		if wordByte(c) {
			switch {
			case c < 0x80:
				latin++
			case c == 0xD0 || c == 0xD1:
				cyrillic++ // the lead bytes of the Cyrillic alphabet
			case c == 0xC3:
				latin++ // ä, ö, ü, ß, é ...
			}
			if start < 0 {
				start = i
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
