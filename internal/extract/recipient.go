package extract

import "strings"

// A pledge is support for Ukraine. The rules here find the figures of a
// sentence that go to someone else: another country ("€40 million to
// Moldova", "Frankreich stellt Georgien ... bereit"), the donor's own
// forces ("for its own army", "für die Bundeswehr", "for our forces"),
// NATO's eastern flank, or refugees the donor hosts at home.

// isUkraineWord reports a word that names Ukraine, its people or capital.
func isUkraineWord(b string) bool {
	return strings.HasPrefix(b, "ukrain") || b == "kyiv" || b == "kiew" || b == "kiev" || b == "kyjiw"
}

// ukraineIn reports whether toks[a:b] name Ukraine.
func (e *extractor) ukraineIn(a, b int) bool {
	for j := max(a, 0); j < b && j < len(e.toks); j++ {
		if e.toks[j].kind == tWord && isUkraineWord(e.toks[j].base()) {
			return true
		}
	}
	return false
}

// recipientPrepositions introduce the receiver of support.
var recipientPrepositions = toSet("to|for|an|für|nach|towards|zugunsten|into")

// recipientFillers may stand between such a preposition and the receiver:
// "for its own army", "an die Republik Moldau", "to NATO's eastern flank".
var recipientFillers = toSet("royal|the|its|their|our|his|her|own|die|der|den|dem|das|des|seine|seinen|seiner|ihre|ihren|ihrer|unsere|unseren|unserer|eigene|eigenen|eigener|republic|republik|of|armed|neighbouring|neighboring|benachbarte|benachbarten")

// ownMarkers before a forces noun make the forces the donor's own.
var ownMarkers = toSet("own|our|eigene|eigenen|eigener|unsere|unseren|unserer")

// forcesNouns name armed forces.
var forcesNouns = toSet("army|armies|forces|military|troops|soldiers|navy|air|armee|streitkräfte|truppe|truppen|soldaten|marine|luftwaffe|heer|militär")

// otherRecipientAt reports a receiver other than Ukraine named from token
// j on: a country, the donor's own forces, the eastern flank, refugees.
func (e *extractor) otherRecipientAt(j int) bool {
	toks := e.toks
	own := false
	for k := j; k < len(toks) && k < j+6; k++ {
		b := toks[k].base()
		if isUkraineWord(b) {
			return false
		}
		for _, m := range e.mentions {
			if m.tok == k {
				return m.code != "" && m.code != "UA" && m.kind != mPerson
			}
		}
		if _, ok := ownMarkers[b]; ok {
			own = true
		}
		if _, ok := forcesNouns[b]; ok && own {
			return true
		}
		switch b {
		case "eastern", "ostflanke", "refugees", "flüchtlinge", "geflüchtete", "geflüchteten", "bundeswehr", "bundesheer", "landesverteidigung",
			// a sale back to industry: "den Verkauf von 25 Leopard 2 an den Hersteller"
			"hersteller", "manufacturer", "konzern", "company", "rüstungskonzern":
			return true
		}
		if _, ok := recipientFillers[b]; !ok || toks[k].kind != tWord {
			return false
		}
	}
	return false
}

// forcesOfOther reports armed forces of another country, named after the
// forces noun at j: "the armed forces of the Republic of Moldova", "die
// Streitkräfte der Republik Moldau".
func (e *extractor) forcesOfOther(j int) bool {
	toks := e.toks
	if j+2 >= len(toks) {
		return false
	}
	switch toks[j+1].low {
	case "of", "der", "des":
		return e.otherRecipientAt(j + 2)
	}
	return false
}

// isReceiver reports a party named as the receiver: "to Moldova", "an die
// Republik Moldau", "für die Bundeswehr".
func (e *extractor) isReceiver(m *mention) bool {
	for k := m.tok - 1; k >= 0 && k >= m.tok-4; k-- {
		w := e.toks[k].low
		if _, ok := recipientPrepositions[w]; ok {
			return w != "for" || m.code != "UA"
		}
		if _, ok := recipientFillers[w]; !ok {
			return false
		}
	}
	return false
}

// federal is the code "der Bund" has until the document says which
// federation it is in.
const federal = "BUND?"

// resolveFederal settles "der Bund", "vom Bund": Switzerland in a text
// that names Switzerland, else Germany. A "Bund" without an article
// before it is no government ("Bund der Steuerzahler" aside, it is a
// word of other meanings). The mentions index into toks, which is the
// current sentence or, for docDonor, another one.
//
// "Die Bundesregierung" and "der Bundeskanzler" are Austria's in a text
// that names Austria and never Germany: "Wien – Die Bundesregierung hat
// im Ministerrat weitere Hilfe beschlossen".
func (e *extractor) resolveFederal(toks []token, ms []mention) {
	for i := range ms {
		m := &ms[i]
		if m.code == "DE" && m.end == m.tok+1 {
			switch toks[m.tok].low {
			case "bundesregierung", "bundeskanzler", "bundeskanzlerin", "bundesregierungen":
				if e.austrianText() {
					m.code = "AT"
				}
			}
			continue
		}
		if m.code != federal {
			continue
		}
		m.code = ""
		if m.tok == 0 {
			continue
		}
		switch toks[m.tok-1].low {
		case "der", "des", "dem", "vom", "beim", "den":
		default:
			continue
		}
		if !e.swissDone {
			e.swissDone = true
			e.swiss = strings.Contains(e.lower, "schweiz") || strings.Contains(e.lower, "swiss") || strings.Contains(e.lower, "eidgenöss")
		}
		m.code = "DE"
		if e.swiss {
			m.code = "CH"
		}
	}
}

// austrianText reports a text that names Austria and never Germany,
// judged once per document.
func (e *extractor) austrianText() bool {
	if !e.austrianDone {
		e.austrianDone = true
		at := strings.Contains(e.lower, "österreich") || strings.Contains(e.lower, "austria") || strings.Contains(e.lower, "wien")
		de := strings.Contains(e.lower, "deutschland") || strings.Contains(e.lower, "germany") || strings.Contains(e.lower, "berlin") || strings.Contains(e.lower, "deutsche") || strings.Contains(e.lower, "german")
		e.austrian = at && !de
	}
	return e.austrian
}

// receiverWords name receivers other than Ukraine by themselves, or
// lead to one: "die moldauischen Streitkräfte", "der Republik".
var receiverWords = toSet("ostflanke|eastern|refugees|flüchtlinge|geflüchtete|geflüchteten|republik|republic|army|armies|forces|military|troops|soldiers|navy|air|armed|armee|streitkräfte|truppe|truppen|soldaten|marine|luftwaffe|heer|militär")

// receiveVerbs make their subject the receiver.
var receiveVerbs = toSet("erhalten|erhält|bekommt|bekommen|receive|receives|received|gets")

// conditionAfter returns the first token of a clause of time or
// condition that follows the figure ("..., sobald", "..., once"), or
// the sentence's length.
func (e *extractor) conditionAfter(f *figure) int {
	toks := e.toks
	for j := max(f.end, f.npEnd); j+1 < len(toks); j++ {
		if toks[j].low != "," {
			continue
		}
		switch toks[j+1].low {
		case "sobald", "wenn", "nachdem", "bis", "falls", "once", "when", "after", "until", "if":
			return j + 1
		}
	}
	return len(toks)
}

// otherRecipientIn reports a receiver other than Ukraine in toks[a:b]:
// after a recipient preposition, as the dative object straight after a
// verb whose subject is another party ("Frankreich stellt Georgien ...
// bereit"), or as the subject of a verb of receiving ("Die Bundeswehr
// soll ... erhalten").
func (e *extractor) otherRecipientIn(a, b int) bool {
	toks := e.toks
	a, b = max(a, 0), min(b, len(toks))
	for j := a; j < b; j++ {
		t := &toks[j]
		if t.flags&wRecipient == 0 {
			continue
		}
		if _, ok := recipientPrepositions[t.low]; ok && j+1 < len(toks) && !thanked(toks, j) && e.otherRecipientAt(j+1) {
			return true
		}
		if _, ok := forcesNouns[t.low]; ok && e.forcesOfOther(j) {
			return true
		}
		if _, ok := receiveVerbs[t.low]; ok && j+1 < len(toks) && e.otherRecipientAt(j+1) {
			// the subject after the verb: "Ebenfalls erhält die
			// Republik Moldau weitere 40 Millionen Euro"
			return true
		}
		switch t.low {
		case "republik", "republic":
			// "Die EU stellt der Republik ... bereit": a republic named
			// by the article alone is the one the text spoke of before,
			// and Ukraine is named as such
			if j > 0 && (toks[j-1].low == "der" || toks[j-1].low == "the") && (j+1 >= len(toks) || toks[j+1].kind != tWord || toks[j+1].info == nil || toks[j+1].info.party == nil) && !(j+1 < len(toks) && (toks[j+1].low == "of" || toks[j+1].low == "der")) {
				return true
			}
		case "ostflanke", "eastern":
			if t.low == "ostflanke" || j+1 < len(toks) && toks[j+1].low == "flank" {
				return true
			}
		case "refugees", "flüchtlinge", "geflüchtete", "geflüchteten":
			return true
		}
	}
	for i, m := range e.mentions {
		if m.tok < a || m.tok >= b || m.code == "" || m.code == "UA" || m.kind == mPerson || m.tok == 0 {
			continue
		}
		// "Frankreich stellt Georgien 25 Millionen Euro bereit"
		if p := toks[m.tok-1].info; p != nil && p.isVerb && i > 0 {
			if s := e.mentions[i-1]; s.strong && s.code != m.code && s.end < m.tok {
				return true
			}
		}
	}
	return false
}

// thanked reports a preposition that names whom thanks go to, the
// giver: "grateful to Lithuania for its new package", "our thanks to
// Norway", "Dank an Schweden".
func thanked(toks []token, j int) bool {
	if j == 0 {
		return false
	}
	switch toks[j-1].low {
	case "grateful", "thankful", "thanks", "gratitude", "dank":
		return true
	}
	return false
}

// receiverSubject reports a sentence whose subject receives: a party
// named before a verb of receiving, not as the giver ("von Deutschland").
func (e *extractor) receiverSubject() bool {
	toks := e.toks
	for j := range toks {
		if toks[j].flags&wRecipient == 0 {
			continue
		}
		if _, ok := receiveVerbs[toks[j].low]; !ok {
			continue
		}
		for _, m := range e.mentions {
			if m.tok >= j || m.code == "" || m.code == "UA" || !m.strong || m.location {
				continue
			}
			if m.tok > 0 {
				switch toks[m.tok-1].low {
				case "von", "from", "aus", "by":
					continue
				}
			}
			return true
		}
	}
	return false
}

// forOtherRecipient reports whether figure k goes to someone other than
// Ukraine: its stretch of the sentence (from the figure before it to the
// figure after it) names another receiver and not Ukraine, or the whole
// sentence names another receiver and never Ukraine.
//
// A condition after the figure speaks of something else and is not read:
// "will 20 Schützenpanzer abgeben, sobald Ersatz für die eigene Truppe
// eingetroffen ist".
func (e *extractor) forOtherRecipient(k int) bool {
	f := &e.figs[k]
	a, b := 0, len(e.toks)
	for j := k - 1; j >= 0; j-- {
		if g := &e.figs[j]; !g.conversion && !g.absorbed {
			a = max(g.end, g.npEnd)
			break
		}
	}
	next := k
	if j, ok := e.coordinatedNext(k); ok {
		next = j // "180 tanks and 200 howitzers for its own army"
	}
	for j := next + 1; j < len(e.figs); j++ {
		if g := &e.figs[j]; !g.conversion && !g.absorbed && j != f.merged {
			b = g.tok
			break
		}
	}
	cond := e.conditionAfter(f)
	b = min(b, cond)
	if e.otherRecipientIn(a, b) && !e.ukraineIn(a, b) {
		return true
	}
	if e.ukraine {
		return false
	}
	// the same for every figure of the sentence: judged once
	if e.otherDoneFor != e.sentNo+1 {
		e.otherDoneFor = e.sentNo + 1
		e.otherWhole = e.otherRecipientIn(0, cond) || e.receiverSubject()
	}
	return e.otherWhole
}
