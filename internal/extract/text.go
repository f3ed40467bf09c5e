package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// normalize makes the text safe and uniform for the steps that follow:
// invalid UTF-8 becomes U+FFFD, line ends become "\n", the many kinds of
// space (no-break, narrow, thin, figure) become a plain space, and
// invisible characters (soft hyphen, zero-width space, BOM) go. Number
// parsing depends on the spaces being plain: "100 000" is written with a
// narrow no-break space in good typography.
func normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	// Find the first byte that needs a change; most text has none, or
	// few, and is copied in runs.
	first := nextChange(s, 0)
	if first < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	for i := first; i < len(s); {
		size := runeLen(s[i])
		if i+size > len(s) {
			size = len(s) - i
		}
		switch normalizeAt(s, i) {
		case 0:
			// copy the run up to the next change at once
			next := nextChange(s, i+size)
			if next < 0 {
				next = len(s)
			}
			b.WriteString(s[i:next])
			i = next
			continue
		case nSpace:
			b.WriteByte(' ')
		case nNewline:
			b.WriteByte('\n')
		case nCRLF:
			// the \n comes next
		case nDrop:
		}
		i += size
	}
	return b.String()
}

// nextChange returns the offset of the first character at or after i that
// normalize changes, or -1.
func nextChange(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' {
			i++ // plain ASCII: the common case
			continue
		}
		if c >= utf8.RuneSelf && c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF {
			i += runeLen(c)
			continue
		}
		if normalizeAt(s, i) != nKeep {
			return i
		}
		i += runeLen(c)
	}
	return -1
}

// What normalize does with a character.
const (
	nKeep = iota
	nSpace
	nNewline
	nCRLF
	nDrop
)

// runeLen is the length of the UTF-8 sequence that byte c starts (1 for
// a byte that starts none).
func runeLen(c byte) int {
	switch {
	case c < 0xC0:
		return 1
	case c < 0xE0:
		return 2
	case c < 0xF0:
		return 3
	}
	return 4
}

// normalizeAt says what to do with the character at s[i].
func normalizeAt(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		switch {
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				return nCRLF
			}
			return nNewline
		case c == '\n':
			return nKeep
		case c < 0x20 || c == 0x7f:
			return nSpace
		}
		return nKeep
	}
	// Only these lead bytes start the characters that change.
	if c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF {
		return nKeep
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '\u00a0', '\u2007', '\u2009', '\u202f', '\u200a', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2008', '\u205f', '\u3000', '\u1680':
		return nSpace
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return nDrop
	case '\u2028', '\u2029', '\u0085':
		return nNewline
	}
	if r >= 0x80 && r < 0xa0 {
		return nSpace // C1 controls
	}
	return nKeep
}

// lowerSameLen lower-cases s rune by rune, keeping a rune as it is where its
// lower-case form would take a different number of bytes. The result is
// therefore byte-aligned with s: an offset into one is an offset into the
// other, which lets the tokens of the lower-cased text point into the
// original.
func lowerSameLen(s string) string {
	return string(lowerInto(make([]byte, len(s)), s))
}

// lowerInto is lowerSameLen into b, which must be len(s) long.
func lowerInto(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b[i] = asciiLower[c]
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		l := unicode.ToLower(r)
		if l != r && utf8.RuneLen(l) == size {
			utf8.EncodeRune(b[i:], l)
		} else {
			copy(b[i:i+size], s[i:i+size])
		}
		i += size
	}
	return b
}

// asciiLower lower-cases an ASCII byte by table: German capitalises every
// noun, so a test for upper case is often mispredicted.
var asciiLower = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// asciiLetter and asciiUpper are 1 for the ASCII letters and the
// upper-case ones.
var asciiLetter, asciiUpper = func() (l, u [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		l[c], l[c-'a'+'A'], u[c-'a'+'A'] = 1, 1, 1
	}
	return l, u
}()

// tokKind is the kind of a token.
type tokKind uint8

const (
	tWord  tokKind = iota // letters, possibly with digits, hyphens, apostrophes
	tNum                  // digits with separators: 100.000, 1,5, 100 000
	tPunct                // any other single rune: , . ( ) € $ £ % – "
)

// token is one token of a sentence. low is the lower-cased text (a
// substring of the document's lower-cased copy, so it costs no allocation).
type token struct {
	start, end int // byte offsets into the cleaned text
	low        string
	kind       tokKind
	upper      bool      // first letter is upper case in the original
	allCaps    bool      // every letter is upper case (and there are at least two)
	prefixCaps bool      // the letters before the first hyphen are all upper case (US-Regierung)
	space      bool      // whitespace (or the sentence start) comes before it
	flags      uint16    // info.flags, or 0: the rules' loops over tokens test it without a trip to info
	info       *wordInfo // what the word lists know of the word, or nil
	// The flags sit together before info: a token is 48 bytes, not 56,
	// and sentences are copied and scanned token by token.
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// ASCII byte classes for the tokenizer's fast path.
const (
	cOther uint8 = iota
	cSpace
	cLetter
	cDigit
)

var asciiClass = func() (a [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		a[c], a[c-'a'+'A'] = cLetter, cLetter
	}
	for c := '0'; c <= '9'; c++ {
		a[c] = cDigit
	}
	a[' '], a['\n'] = cSpace, cSpace
	return a
}()

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (a [128]bool) {
	for c, k := range asciiClass {
		a[c] = k == cLetter || k == cDigit
	}
	return a
}()

// wordChar reports whether the character at s[i] continues a word (a
// letter or digit), and its size.
func wordChar(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiWord[c], 1
	}
	return wordRune(s, i)
}

// wordRune is wordChar for a character outside ASCII.
func wordRune(s string, i int) (bool, int) {
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r), size
}

// tokenize splits text[start:end] into tokens, appending to toks. lower is
// the byte-aligned lower-cased copy of text.
func tokenize(text, lower string, start, end int, toks []token) []token {
	s := text[:end]
	words := wordTableIndex()
	space := true
	for i := start; i < end; {
		c := s[i]
		var class uint8
		size := 1
		if c < utf8.RuneSelf {
			class = asciiClass[c]
		} else {
			r, sz := utf8.DecodeRuneInString(s[i:])
			size = sz
			if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
				class = cLetter
			}
		}
		switch class {
		case cSpace:
			space = true
			i++
			continue
		case cDigit:
			j := scanNumber(s, i)
			// Letters glued to the digits: a scale or unit suffix (247m,
			// 1.5bn, 155mm) is split off; anything else (2A6, 4th) makes
			// the whole a word, a model name or an ordinal.
			k := j
			for k < end {
				ok, sz := wordChar(s, k)
				if !ok {
					break
				}
				k += sz
			}
			if k > j {
				suf := lower[j:k]
				if _, ok := attachedSuffix[suf]; ok {
					toks = pushToken(toks, i, j, lower[i:j], tNum, space)
					toks = appendWord(toks, text, lower, j, k, false, words)
				} else {
					k = scanWordTail(s, k)
					toks = appendWord(toks, text, lower, i, k, space, words)
				}
				i = k
			} else {
				toks = pushToken(toks, i, j, lower[i:j], tNum, space)
				i = j
			}
		case cLetter:
			j := i + size
			for j < end {
				// wordChar, by hand: this loop runs for every byte of
				// every word, and the call cost more than the test
				sz := 1
				if c := s[j]; c < utf8.RuneSelf {
					if !asciiWord[c] {
						break
					}
				} else {
					ok, n := wordRune(s, j)
					if !ok {
						break
					}
					sz = n
				}
				if sz == 1 && isDigit(s[j]) && j-i >= 3 && j-i <= 3 {
					// "SKr13.3bn", "EUR500m": a currency glued to digits
					if _, cur := gluedCurrencies[lower[i:j]]; cur {
						break
					}
				}
				j += sz
			}
			// "U.S." and "e.g.": single letters joined by full stops.
			if j-i == 1 && j+2 < end && s[j] == '.' && isASCIILetter(s[j+1]) && (s[j+2] == '.') {
				j += 3
				for j+1 < end && isASCIILetter(s[j]) && s[j+1] == '.' && (j+2 >= end || !isASCIILetter(s[j+2])) {
					j += 2
				}
			} else {
				j = scanWordTail(s, j)
			}
			toks = appendWord(toks, text, lower, i, j, space, words)
			i = j
			// the spaces after a word at once, rather than one turn of
			// the loop each: a word is mostly followed by one
			space = false
			for i < end && (s[i] == ' ' || s[i] == '\n') {
				i++
				space = true
			}
			continue
		default:
			toks = pushToken(toks, i, i+size, lower[i:i+size], tPunct, space)
			i += size
		}
		space = false
	}
	return toks
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// scanWordTail continues a word at j through internal hyphens, slashes
// and apostrophes that have a letter or digit on both sides: F-16,
// IRIS-T, SAMP/T, US-Verteidigungsminister, Britain's.
func scanWordTail(s string, j int) int {
	for j < len(s) {
		c := s[j]
		var sepLen int
		switch {
		case c == '-' || c == '/' || c == '\'':
			sepLen = 1
		case c == 0xE2 && (strings.HasPrefix(s[j:], "’") || strings.HasPrefix(s[j:], "‑")): // both start with 0xE2
			sepLen = 3
		default:
			return j
		}
		if j+sepLen >= len(s) {
			return j
		}
		ok, sz := wordChar(s, j+sepLen)
		if !ok {
			return j
		}
		k := j + sepLen + sz
		for k < len(s) {
			ok3, sz3 := wordChar(s, k)
			if !ok3 {
				break
			}
			k += sz3
		}
		j = k
	}
	return j
}

// scanNumber scans digits with thousands and decimal separators from i:
// 100.000, 1,5, 22.3, 100 000, 100'000. A separator counts only with a
// digit after it; a space only before a group of exactly three digits
// that the first group (of at most three digits) leads.
func scanNumber(s string, i int) int {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	first := j - i
	for j+1 < len(s) {
		c := s[j]
		if (c == '.' || c == ',') && isDigit(s[j+1]) {
			j++
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			continue
		}
		if (c == ' ' || c == '\'') && first <= 3 && j+3 < len(s)+1 && isThreeDigitGroup(s, j+1) {
			j += 4
			continue
		}
		// "139’000": the typographic apostrophe of Swiss figures
		if c == 0xE2 && strings.HasPrefix(s[j:], "’") && first <= 3 && isThreeDigitGroup(s, j+3) {
			j += 6
			continue
		}
		break
	}
	return j
}

// isThreeDigitGroup reports whether s has exactly three digits at i,
// followed by something other than a digit.
func isThreeDigitGroup(s string, i int) bool {
	if i+3 > len(s) {
		return false
	}
	for k := i; k < i+3; k++ {
		if !isDigit(s[k]) {
			return false
		}
	}
	return i+3 == len(s) || !isDigit(s[i+3])
}

// pushToken appends a token to toks field by field. Appending a token
// value copies it with the collector's bulk write barrier whenever a
// collection is marking, which is much of the time and cost more than
// making the token; fields stored one by one need only the plain barrier
// of their pointers.
func pushToken(toks []token, start, end int, low string, kind tokKind, space bool) []token {
	if len(toks) == cap(toks) {
		toks = slices.Grow(toks, 1)
	}
	toks = toks[:len(toks)+1]
	t := &toks[len(toks)-1]
	t.start, t.end, t.low, t.kind, t.space = start, end, low, kind, space
	t.upper, t.allCaps, t.prefixCaps, t.flags, t.info = false, false, false, 0, nil
	return toks
}

// appendWord appends the word token text[i:j], made in place: a token
// built in a local and copied in costs a good part of the tokenizer. The
// word is looked up in words.
func appendWord(toks []token, text, lower string, i, j int, space bool, words *wordIndex) []token {
	toks = pushToken(toks, i, j, lower[i:j], tWord, space)
	t := &toks[len(toks)-1]
	t.info = words.lookup(t.base())
	if t.info != nil {
		t.flags = t.info.flags
	}
	letters, uppers := 0, 0
	prefixDone := false
	ascii := true
	for k := i; k < j; k++ {
		c := text[k]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c == '-' && !prefixDone {
			prefixDone = true
			t.prefixCaps = letters >= 2 && uppers == letters
			continue
		}
		// counted by table: German capitalises every noun, so a branch
		// on the case is often mispredicted
		if letters == 0 {
			t.upper = asciiUpper[c] == 1 // until the first letter, which decides
		}
		letters += int(asciiLetter[c])
		uppers += int(asciiUpper[c])
	}
	if ascii {
		t.allCaps = letters >= 2 && uppers == letters
		if !prefixDone {
			t.prefixCaps = t.allCaps
		}
		return toks
	}
	letters, uppers, prefixDone, t.upper, t.prefixCaps = 0, 0, false, false, false
	for _, r := range text[i:j] {
		if r == '-' && !prefixDone {
			prefixDone = true
			t.prefixCaps = letters >= 2 && uppers == letters
			continue
		}
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			uppers++
			if letters == 1 {
				t.upper = true
			}
		}
	}
	t.allCaps = letters >= 2 && uppers == letters
	if !prefixDone {
		t.prefixCaps = t.allCaps
	}
	return toks
}

// base is a word without a possessive ending: "britain's" → "britain".
func (t *token) base() string {
	s := t.low
	if n := len(s); n > 2 && s[n-2] == '\'' && s[n-1] == 's' {
		return s[:n-2]
	}
	if n := len(s); n > 4 && strings.HasSuffix(s, "’s") {
		return s[:n-4]
	}
	return s
}

// wordInfo is everything the word lists say about one word, so that a
// token is looked up once, when it is made, instead of once per list.
type wordInfo struct {
	cat    []catPhrase // capability phrases starting with the word
	party  []phrase    // party names starting with the word
	verb   verbCue
	isVerb bool
	number bool   // a number word: zwei, six
	flags  uint16 // the cue lists the word is on (wLoss ...)
}

// The cue lists a word may be on, as bits of wordInfo.flags.
const (
	wLoss           uint16 = 1 << iota // lossCues
	wRequest                           // requestCues
	wBudget                            // budgetCues
	wReject                            // rejectWords
	wTarget                            // targetWords
	wRecipient                         // recipientPrepositions, receiveVerbs and the receivers otherRecipientIn names
	wBusiness                          // businessWords: what ownBusiness looks at
	wApproval                          // approvalNegations and approvalVotes: what pendingApproval looks at
	wNeighbour                         // neighbourWords
	wCounterfactual                    // conditionWords, subjunctiveWords and "would": what counterfactual looks at
	wVerb                              // a verb cue: isVerb
)

// lexical reports whether the word lists know the word as a capability,
// a party, a verb of pledging or a number, not only as a cue word.
func (w *wordInfo) lexical() bool {
	return w != nil && (w.cat != nil || w.party != nil || w.isVerb || w.number)
}

// wordTableIndex is wordTable as the tokenizer looks words up in it.
var wordTableIndex = sync.OnceValue(func() *wordIndex { return newWordIndex(wordTable()) })

// wordTable joins the word lists, keyed by lower-case word.
var wordTable = sync.OnceValue(func() map[string]*wordInfo {
	m := map[string]*wordInfo{}
	get := func(w string) *wordInfo {
		if wi, ok := m[w]; ok {
			return wi
		}
		wi := &wordInfo{}
		m[w] = wi
		return wi
	}
	for w, list := range categoryLexicon.words {
		get(w).cat = list
	}
	for w, list := range partyLexicon() {
		get(w).party = list
	}
	for w, c := range verbCues {
		wi := get(w)
		wi.verb, wi.isVerb = c, true
		wi.flags |= wVerb
	}
	for w := range numberWords {
		get(w).number = true
	}
	for _, l := range []struct {
		set  map[string]struct{}
		flag uint16
	}{{lossCues, wLoss}, {requestCues, wRequest}, {budgetCues, wBudget}, {rejectWords, wReject}, {targetWords, wTarget},
		{recipientPrepositions, wRecipient}, {receiveVerbs, wRecipient}, {receiverWords, wRecipient},
		{procureVerbs, wBusiness}, {businessWords, wBusiness},
		{approvalNegations, wApproval}, {approvalVotes, wApproval}, {neighbourWords, wNeighbour},
		{conditionWords, wCounterfactual}, {subjunctiveWords, wCounterfactual}, {toSet("would"), wCounterfactual}} {
		for w := range l.set {
			get(w).flags |= l.flag
		}
	}
	return m
})
