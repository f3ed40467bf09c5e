package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [start, end) of the cleaned text.
type span struct{ start, end int }

// abbreviations end with a full stop that does not end the sentence.
// Keys are lower case without the final stop; "z. B." and "u. a." are
// caught by their single letters.
var abbreviations = toSet("mrd|mio|tsd|nr|bzw|ca|dr|st|vs|usw|inkl|ggf|evtl|z|b|u|a|e.g|i.e|u.s|u.k|e.u|mr|mrs|ms|prof|gen|lt|col|maj|capt|sgt|adm|gov|sen|rep|jr|sr|co|corp|inc|ltd|no|vgl|bzgl|etc|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|okt|nov|dec|dez|mill|bill|abs|art|bspw|d.h|z.b|u.a|v.a|o.ä|s.o|u.ä|m.e|mind|max|min|zzgl|rd|ehem|hl|brig|gen.-lt|oberstlt|kpt|fig|approx|est|dept|int|intl|mt|ft|sq|pp|vol|ed|eds|al|cf|resp|lit|pl|sog|engl|dt|franz|ital|chr|jh|jhd|ff|ebd|ggü|gegr|verh|zit")

// splitSentences splits the paragraph text[start:end] into sentences,
// appending their spans (trimmed of spaces) to out. A sentence ends at
// ".", "!", "?" or "…" (with any closing quotes or brackets) followed by a
// space and a capital letter, digit or opening quote, unless the full stop
// belongs to an abbreviation (Mrd., z. B., U.S.), an initial, or a German
// ordinal before a month ("4. Juni"). Decimal points are never followed by
// a space, so "1.5" stays whole.
func splitSentences(text string, start, end int, out []span) []span {
	s := text[:end]
	sentStart := start
	for i := start; i < end; i++ {
		c := s[i]
		if !mayEndSentence[c] || c == 0xe2 && !strings.HasPrefix(s[i:], "…") {
			continue
		}
		j := i + 1
		if c == 0xe2 {
			j = i + len("…")
		}
		// more terminators and closing quotes/brackets
		for j < end {
			r, sz := utf8.DecodeRuneInString(s[j:])
			if r == '.' || r == '!' || r == '?' || r == '"' || r == '\'' || r == ')' || r == ']' || r == '”' || r == '“' || r == '»' || r == '«' || r == '’' || r == '…' {
				j += sz
				continue
			}
			break
		}
		if j >= end {
			break
		}
		if s[j] != ' ' && s[j] != '\n' {
			continue
		}
		k := j
		for k < end && (s[k] == ' ' || s[k] == '\n') {
			k++
		}
		if k >= end {
			break
		}
		next, _ := utf8.DecodeRuneInString(s[k:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"'„“”«»‚‘([-–—•", next)) {
			continue
		}
		if c == '.' && j == i+1 && !isSentenceEndAt(s, sentStart, i, k) {
			continue
		}
		out = appendTrimmed(out, text, sentStart, j)
		sentStart = k
		i = k - 1
	}
	return appendTrimmed(out, text, sentStart, end)
}

// mayEndSentence marks the bytes that start a sentence terminator: . ! ?
// and the first byte of "…". splitSentences looks every byte of the text
// up in it.
var mayEndSentence = [256]bool{'.': true, '!': true, '?': true, 0xe2: true}

// isSentenceEndAt decides whether the full stop at i ends a sentence; k
// is where the next word starts.
func isSentenceEndAt(s string, sentStart, i, k int) bool {
	// the word before the stop
	w := i
	for w > sentStart {
		r, sz := utf8.DecodeLastRuneInString(s[:w])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') {
			break
		}
		w -= sz
	}
	word := strings.ToLower(s[w:i])
	if word == "" {
		return true
	}
	if _, ok := abbreviations[word]; ok {
		return false
	}
	// Initials: "J. Smith"
	if r, sz := utf8.DecodeRuneInString(word); sz == len(word) && unicode.IsLetter(r) {
		return false
	}
	// German ordinals: "am 4. Juni", "das 18. Paket"
	if allDigits(word) && len(word) <= 3 {
		if _, ok := ordinalLeads[strings.ToLower(prevWord(s, sentStart, w))]; ok {
			return false
		}
		nw := k
		for nw < len(s) {
			r, sz := utf8.DecodeRuneInString(s[nw:])
			if !unicode.IsLetter(r) {
				break
			}
			nw += sz
		}
		if _, ok := months[strings.ToLower(s[k:nw])]; ok {
			return false
		}
	}
	return true
}

// ordinalLeads are the articles and prepositions before a German ordinal:
// "das 18. Paket", "am 4. Juni", "zum 3. Mal".
var ordinalLeads = toSet("der|die|das|dem|den|des|am|im|zum|zur|vom|beim|ein|eine|einer|eines|seit|bis|ab|zu|vor|nach|sein|seine|seinem|seinen|ihr|ihre|ihrem|ihren|dessen|deren|dieses|diese|dieser|diesem")

// prevWord returns the word that ends before position w.
func prevWord(s string, sentStart, w int) string {
	e := w
	for e > sentStart && s[e-1] == ' ' {
		e--
	}
	b := e
	for b > sentStart {
		r, sz := utf8.DecodeLastRuneInString(s[:b])
		if !unicode.IsLetter(r) {
			break
		}
		b -= sz
	}
	return s[b:e]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// maxSentence is the longest span handled as one sentence. Real
// sentences are far shorter; text without full stops (a list, a table,
// or junk) is cut into pieces of this size at spaces, which keeps the
// work per sentence, and so per document, linear.
const maxSentence = 1200

func appendTrimmed(out []span, text string, a, b int) []span {
	for a < b && (text[a] == ' ' || text[a] == '\n') {
		a++
	}
	for b > a && (text[b-1] == ' ' || text[b-1] == '\n') {
		b--
	}
	for b-a > maxSentence {
		cut := a + maxSentence
		for cut > a+maxSentence/2 && text[cut] != ' ' {
			cut--
		}
		if text[cut] != ' ' {
			cut = a + maxSentence
			for cut > a && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		out = appendTrimmed(out, text, a, cut)
		a = cut
		for a < b && (text[a] == ' ' || text[a] == '\n') {
			a++
		}
	}
	if a < b {
		out = append(out, span{a, b})
	}
	return out
}

// paragraphs returns the spans of the paragraphs of a cleaned text.
func paragraphs(text string, out []span) []span {
	start := 0
	for start < len(text) {
		i := strings.Index(text[start:], "\n\n")
		end := len(text)
		if i >= 0 {
			end = start + i
		}
		out = appendTrimmed(out, text, start, end)
		if i < 0 {
			break
		}
		start = end + 2
	}
	return out
}
