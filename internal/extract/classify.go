package extract

import (
	"math"
	"strings"

	"pledgebook"
)

// quantityCategory gives the category and item of a quantity.
func (e *extractor) quantityCategory(f *figure) (pledgebook.Category, string, bool) {
	switch {
	case f.hasModel:
		return f.model.cat, e.quantityItem(f, f.model.label), true
	case f.generic == "" && f.head.cat != "":
		return f.head.cat, e.quantityItem(f, f.head.label), true
	case f.hasMod:
		label := f.mod.label
		if f.generic != "" && !strings.HasSuffix(label, f.generic) {
			label = strings.TrimSuffix(label, " systems") + " " + f.generic
		}
		return f.mod.cat, e.quantityItem(f, label), true
	}
	cat, item, ok := e.contextCategory(f)
	if !ok {
		return pledgebook.Other, e.quantityItem(f, f.generic), false
	}
	if f.generic != "" {
		item = f.generic
	}
	return cat, e.quantityItem(f, item), true
}

// quantityItem is the noun phrase of a quantity: the words of an English
// text ("fibre-optic drones"), the English label for German.
func (e *extractor) quantityItem(f *figure, label string) string {
	if e.lang == "en" && f.npEnd > f.npStart {
		a := f.npStart
		for a < f.npEnd-1 {
			switch e.toks[a].low {
			case "more", "additional", "further", "new", "extra", "other", "of", "the":
				a++
				continue
			}
			break
		}
		return e.spanText(a, f.npEnd)
	}
	return label
}

// amountCategory gives the category and item of an amount from the
// capability words after it in its clause ("247 Millionen Pfund in die
// Ausbildung"), else before it ("an air defence package worth €500m"),
// else anywhere in the sentence.
func (e *extractor) amountCategory(f *figure) (pledgebook.Category, string, bool) {
	toks := e.toks
	cl := e.clause[f.tok]
	start := f.end
	// skip the same amount in another currency: "NOK 1.5 billion (about
	// £105m) for maritime capabilities"
	for k := range e.figs {
		if g := &e.figs[k]; g.conversion && g.tok >= f.end && g.tok-f.end <= 4 {
			start = g.end
			for start < len(toks) && (toks[start].low == ")" || toks[start].low == "]") {
				start++
			}
			if start < len(toks) {
				cl = e.clause[start]
			}
			break
		}
	}
	after := e.cuesIn(start, min(len(toks), start+14), cl, true)
	if cat, item, ok := pickCategory(toks, after); ok {
		if cat != pledgebook.Mixed && genericListed(toks, after) {
			// "heavy weaponry and ammunition", "military equipment and
			// training": the amount pays for more than the one area named
			return pledgebook.Mixed, "package: " + item + " and more", true
		}
		return cat, e.amountItem(after, item), true
	}
	before := e.cuesIn(max(0, f.tok-10), f.tok, cl, false)
	if cat, item, ok := pickCategory(toks, before); ok {
		return cat, e.amountItem(before, item), true
	}
	cat, item, ok := e.contextCategory(f)
	if !ok {
		// money with nothing said about its use is general military aid
		return pledgebook.Mixed, "military aid", false
	}
	return cat, item, true
}

// genericListed reports a generic word of arms or aid coordinated with a
// specific capability in hits: "heavy weaponry and ammunition".
func genericListed(toks []token, hits []catHit) bool {
	for k := 0; k+1 < len(hits); k++ {
		a, b := hits[k], hits[k+1]
		if a.cue.generic != b.cue.generic && coordinated(toks, a.end, b.tok) {
			return true
		}
	}
	return false
}

// cuesIn lists the capability words in toks[a:b] within clause cl (or
// the clauses after it, when the list continues: "für Drohnen, Munition
// und Luftverteidigung"). Going forward it stops at the next figure and
// at examples ("non-lethal supplies such as fuel").
func (e *extractor) cuesIn(a, b, cl int, forward bool) []catHit {
	var out []catHit
	if forward {
		for k := range e.figs {
			if t := e.figs[k].tok; t >= a && t < b && !e.figs[k].conversion {
				b = t
			}
		}
	}
	for j := a; j < b; j++ {
		if e.clause[j] != cl {
			if !forward {
				continue
			}
			// a list continues across commas only while capability words
			// follow at once
			if e.toks[j].low == "," && j+1 < b {
				if _, ok := e.catAt(j + 1); ok {
					cl = e.clause[j+1]
					continue
				}
			}
			break
		}
		if forward && len(out) > 0 {
			switch e.toks[j].low {
			case "such", "e.g", "e.g.", "wie", "etwa", "including", "darunter", "namely":
				return out
			}
		}
		if hit, ok := e.catAt(j); ok {
			if !e.adversaryBefore(j) {
				out = append(out, hit)
			}
			j = hit.end - 1
		}
	}
	return out
}

// coordinated reports whether only "and", "or" or commas stand between
// tokens a and b.
func coordinated(toks []token, a, b int) bool {
	if b <= a || b-a > 2 {
		return false
	}
	for j := a; j < b; j++ {
		switch toks[j].low {
		case "and", "und", "or", "oder", ",", "sowie":
		default:
			return false
		}
	}
	return true
}

// adversaryBefore reports that the aggressor is named just before token
// j: "Russian drones" are not what a pledge buys.
func (e *extractor) adversaryBefore(j int) bool {
	for _, m := range e.mentions {
		if m.end == j && nonDonors[m.code] && m.code != "UA" {
			return true
		}
	}
	return false
}

// pickCategory chooses among the capability words near an amount: one
// specific capability wins; several make a mixed package; only generic
// words ("package", "military aid") make it mixed too. Words that stand
// next to each other form one noun phrase, whose last word is its head
// ("mortar ammunition", "humanitäre Minenräumung"), except that training
// takes the capability it trains for ("cyber security training") and
// "long-range" makes the phrase long-range strike ("long-range drones").
func pickCategory(toks []token, hits []catHit) (pledgebook.Category, string, bool) {
	var cats []pledgebook.Category
	var labels []string
	generic := false
	add := func(c catCue) {
		for _, x := range cats {
			if x == c.cat {
				return
			}
		}
		cats = append(cats, c.cat)
		labels = append(labels, c.label)
	}
	for k := 0; k < len(hits); k++ {
		h := hits[k]
		if h.cue.generic {
			generic = true
			continue
		}
		// the noun phrase of adjacent capability words
		last := k
		for last+1 < len(hits) && !hits[last+1].cue.generic && adjacent(toks, hits[last].end, hits[last+1].tok) {
			last++
		}
		head := hits[last].cue
		// training takes what it trains for; "long-range" makes any
		// weapon a long-range strike weapon
		if last > k && (head.cat == pledgebook.Training || hits[k].cue.cat == pledgebook.LongRange) {
			head = hits[k].cue
		}
		add(head)
		k = last
	}
	// Spare parts and maintenance for a platform belong to the platform;
	// repairs of the energy grid are humanitarian aid.
	if len(cats) == 2 {
		for i, c := range cats {
			if o := cats[1-i]; c == pledgebook.Logistics && (isPlatform(o) || labels[1-i] == "energy infrastructure") {
				return o, labels[1-i], true
			}
		}
	}
	switch {
	case len(cats) == 1:
		return cats[0], labels[0], true
	case len(cats) > 1:
		return pledgebook.Mixed, "package: " + strings.Join(labels, ", "), true
	case generic:
		return pledgebook.Mixed, "military aid package", true
	}
	return "", "", false
}

func isPlatform(c pledgebook.Category) bool {
	switch c {
	case pledgebook.Aircraft, pledgebook.Armour, pledgebook.AirDefence, pledgebook.Artillery, pledgebook.Maritime:
		return true
	}
	return false
}

// adjacent reports whether at most one word, and no conjunction or
// punctuation, stands between token a (exclusive end of one phrase) and
// b (start of the next).
func adjacent(toks []token, a, b int) bool {
	if b < a || b-a > 1 {
		return false
	}
	for j := a; j < b; j++ {
		if toks[j].kind != tWord {
			return false
		}
		switch toks[j].low {
		case "and", "und", "or", "oder", "sowie", "plus", "as", "for", "für", "of", "von", "der", "des", "the":
			return false
		}
	}
	return true
}

// amountItem refines the item: "training" followed by "ukrainischer
// Truppen" or "of Ukrainian troops" becomes "training of Ukrainian
// troops".
func (e *extractor) amountItem(hits []catHit, item string) string {
	if item != "training" {
		return item
	}
	for _, h := range hits {
		if h.cue.cat != pledgebook.Training {
			continue
		}
		toks := e.toks
		j := h.end
		if j < len(toks) && (toks[j].low == "of" || toks[j].low == "for" || toks[j].low == "von" || toks[j].low == "für") {
			j++
		}
		if j+1 < len(toks) && (strings.HasPrefix(toks[j].low, "ukrainisch") || toks[j].low == "ukrainian") {
			if g, ok := troopWords[toks[j+1].low]; ok {
				return "training of Ukrainian " + g
			}
		}
	}
	return item
}

var troopWords = map[string]string{
	"truppen": "troops", "troops": "troops", "soldaten": "soldiers", "soldiers": "soldiers", "streitkräfte": "forces",
	"forces": "forces", "piloten": "pilots", "pilots": "pilots", "rekruten": "recruits", "recruits": "recruits",
	"personnel": "personnel", "personal": "personnel", "soldatinnen": "soldiers",
}

// contextCategory takes the capability words of the sentence that no
// other figure claims (a clause with another figure is that figure's),
// else those of the next sentence when it refers back to this one ("Das
// Geld soll den Staatshaushalt stabilisieren"), else the capability the
// previous sentences spoke of.
func (e *extractor) contextCategory(f *figure) (pledgebook.Category, string, bool) {
	var hits []catHit
	for j := 0; j < len(e.toks); j++ {
		if j >= f.tok && j < max(f.end, f.npEnd) {
			continue
		}
		hit, ok := e.catAt(j)
		if !ok {
			continue
		}
		j = hit.end - 1
		if e.adversaryBefore(hit.tok) || e.otherFigureInClause(f, hit.tok) {
			continue
		}
		hits = append(hits, hit)
	}
	if f.money {
		if cat, item, ok := pickCategory(e.toks, hits); ok {
			return cat, item, true
		}
	} else {
		best, bestDist := -1, math.MaxInt
		for i, h := range hits {
			if h.cue.generic {
				continue
			}
			d := h.tok - f.tok
			if d < 0 {
				d = -d
			}
			if d < bestDist {
				best, bestDist = i, d
			}
		}
		if best >= 0 {
			return hits[best].cue.cat, e.amountItem(hits[best:best+1], hits[best].cue.label), true
		}
	}
	if cat, item, ok := e.nextSentenceCategory(); ok {
		return cat, item, true
	}
	// the capability the previous sentences spoke of: "Tschechien kauft
	// Munition ... Die Niederlande geben EUR 250 Mio."
	if c, ok := e.carriedCategory(); ok {
		return c.cat, c.label, true
	}
	return "", "", false
}

// otherFigureInClause reports whether the clause of token j holds a
// figure other than f.
func (e *extractor) otherFigureInClause(f *figure, j int) bool {
	for k := range e.figs {
		g := &e.figs[k]
		if g == f || g.conversion || g.absorbed {
			continue
		}
		if e.clause[g.tok] == e.clause[j] {
			return true
		}
	}
	return false
}

// anaphora open a sentence that goes on about the one before: "Das Geld
// soll ...", "The money will ...", "Es soll ...".
var anaphora = toSet("das|die|der|the|it|es|sie|they|this|these|dies|diese|dieses|this|that")

var anaphoraNouns = toSet("geld|mittel|summe|betrag|paket|hilfe|money|funds|funding|sum|package|aid|support|it|es|sie|they|this|these|dies|diese|dieses|kredit|darlehen|loan")

// nextSentenceRefersBack tokenizes the next sentence of the paragraph into
// e.next if it opens by referring back ("Das Geld", "The money", "It").
func (e *extractor) nextSentenceRefersBack() bool {
	if e.nextSpan.end <= e.nextSpan.start {
		return false
	}
	if !e.nextDone {
		e.nextDone = true
		// the first two words decide; the rest is read only if they refer
		// back
		head := min(e.nextSpan.end, e.nextSpan.start+48)
		e.next = tokenize(e.text, e.lower, e.nextSpan.start, head, e.next[:0])
		if len(e.next) < 3 && head < e.nextSpan.end {
			// the second word may be cut: read the whole sentence
			head = e.nextSpan.end
			e.next = tokenize(e.text, e.lower, e.nextSpan.start, head, e.next[:0])
		}
		e.nextRefers = false
		if len(e.next) >= 1 {
			w0 := e.next[0].low
			if _, ok := anaphoraNouns[w0]; ok {
				e.nextRefers = true
			} else if _, ok := anaphora[w0]; ok && len(e.next) >= 2 {
				_, e.nextRefers = anaphoraNouns[e.next[1].low]
			}
		}
		if e.nextRefers && head < e.nextSpan.end {
			e.next = tokenize(e.text, e.lower, e.nextSpan.start, e.nextSpan.end, e.next[:0])
		}
	}
	return e.nextRefers
}

// nextSentenceCategory reads the capability of the next sentence when it
// refers back to the current one.
func (e *extractor) nextSentenceCategory() (pledgebook.Category, string, bool) {
	if !e.nextSentenceRefersBack() {
		return "", "", false
	}
	var hits []catHit
	for j := 0; j < len(e.next); j++ {
		if hit, ok := matchCategory(e.next, j); ok {
			hits = append(hits, hit)
			j = hit.end - 1
		}
	}
	cat, item, ok := pickCategory(e.next, hits)
	if !ok || cat == pledgebook.Mixed {
		return "", "", false
	}
	return cat, item, true
}
