package extract

import (
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// figure is a number in a sentence that may be a pledge: an amount of
// money or a quantity of something countable.
type figure struct {
	tok, end  int // token range of the figure, currency included
	value     decimal.Decimal
	money     bool
	currency  string // ISO 4217, or curDollar / curCrown until the donor is known
	crownWord string

	// quantities: the counted noun phrase
	npStart, npEnd int // tokens from the first modifier through the head
	head           catCue
	model          catCue
	mod            catCue
	hasModel       bool
	hasMod         bool
	generic        string // label of a generic noun ("systems") when that is the head

	conversion bool // an amount restating the one before it in another currency
	merged     int  // for a quantity: index of the amount that states its value, or -1
	absorbed   bool // an amount merged into a quantity
}

// findFigures finds the amounts and quantities of the current sentence.
func (e *extractor) findFigures(figs []figure) []figure {
	toks := e.toks
	e.hasTraining = false
	for i := range toks {
		if hit, ok := e.catAt(i); ok && hit.cue.cat == pledgebook.Training {
			e.hasTraining = true
			break
		}
	}
	for i := 0; i < len(toks); i++ {
		// An amount with the currency first: €500m, US$ 1.5bn, EUR 500 Mio.
		if cur, n := currencyPrefix(toks, i); n > 0 && i+n < len(toks) {
			if v, next, _, ok := parseValue(toks, i+n, e.lang); ok && v.Sign() > 0 {
				f := figure{tok: i, end: next, value: v, money: true, currency: cur, merged: -1}
				// "$400 million US dollars": a repeated currency word
				if _, m := currencySuffix(toks, next); m > 0 {
					f.end = next + m
				}
				figs = append(figs, f)
				i = f.end - 1
				continue
			}
		}
		t := &toks[i]
		if t.kind == tWord && i+1 < len(toks) && definiteOrdinal(t.low, toks[i+1].low) {
			// "das zweite SAMP/T-System", "the third Patriot system": one
			// more system, counted like "ein zweites System"; "die beiden
			// Startgeräte": two
			n, end := int64(1), i+1
			if toks[i+1].low == "beiden" {
				n, end = 2, i+2
			}
			f := figure{tok: i, end: end, value: decimal.NewFromInt(n), merged: -1}
			if e.countedNoun(&f) && (n == 2 || countsSystem(toks[f.npEnd-1].low)) {
				figs = append(figs, f)
				i = f.npEnd - 1
				continue
			}
		}
		if t.kind != tNum && t.kind != tWord {
			continue
		}
		if t.kind == tWord {
			if t.info == nil || !t.info.number {
				if !figureTextFilter.may(t.low) && !compoundNumber(t.low) || !figureWordFilter.may(t.low) {
					continue // neither a word looked up below nor a compound number
				}
				if _, frac := fractions[t.low]; !frac && t.low != "a" && t.low != "an" && !compoundNumber(t.low) {
					continue
				}
			}
		}
		v, next, kind, ok := parseValue(toks, i, e.lang)
		if !ok || v.Sign() <= 0 {
			continue
		}
		if vagueScale(toks, i) {
			i = next - 1
			continue
		}
		if cur, n := currencySuffix(toks, next); n > 0 {
			f := figure{tok: i, end: next + n, value: v, money: true, currency: cur, merged: -1}
			if strings.HasPrefix(cur, curCrown) {
				f.crownWord = toks[next+n-1].base()
			}
			figs = append(figs, f)
			i = f.end - 1
			continue
		}
		if !e.mayBeQuantity(i, next, v) {
			if t.kind == tWord && next > i+1 {
				i = next - 1
			}
			continue
		}
		f := figure{tok: i, end: next, value: v, merged: -1}
		if !e.countedNoun(&f) {
			if e.anaphoricCount(&f) {
				figs = append(figs, f)
			}
			continue
		}
		// "ein", "one" count only single systems: "ein zweites
		// SAMP/T-System", "fund one system", "eines NASAMS-Systems".
		if kind == vWordOne && !countsSystem(toks[f.npEnd-1].low) {
			continue
		}
		figs = append(figs, f)
		i = f.npEnd - 1
	}
	e.markConversions(figs)
	e.mergeValues(figs)
	return figs
}

// anaphoricCount reads a count with no noun that refers back to the item
// of the last candidate: "A further nine are to follow", "Weitere zwölf
// sollen folgen". It takes that candidate's capability as its head.
func (e *extractor) anaphoricCount(f *figure) bool {
	toks := e.toks
	if e.trainedCount(f) {
		return true
	}
	if f.tok == 0 || f.end >= len(toks) || len(e.out) == 0 {
		return false
	}
	switch toks[f.tok-1].low {
	case "further", "another", "more", "additional", "remaining", "weitere", "weiteren", "zusätzliche", "restlichen", "übrigen":
	default:
		return false
	}
	switch toks[f.end].low {
	case "are", "will", "should", "is", "were", "to", "sollen", "werden", "folgen", "kommen", "sind", "would", "have", "has":
	default:
		return false
	}
	last := &e.out[len(e.out)-1]
	if last.Quantity == nil || e.sentNo-e.prevCandSent > 2 || e.prevCandPara != e.paraNo {
		return false
	}
	unit := last.Item
	if last.Unit != nil && *last.Unit != "" {
		unit = *last.Unit
	}
	f.head = catCue{cat: last.Category, label: unit, head: true}
	f.npStart, f.npEnd = f.end, f.end
	return true
}

// trainedCount reads a count with no noun that is the object of a verb of
// training, which counts soldiers: "pledged to train a further 10,000",
// "will weitere 5.000 ausbilden".
func (e *extractor) trainedCount(f *figure) bool {
	toks := e.toks
	if !e.hasTraining {
		return false
	}
	k := f.tok - 1
	for k >= 0 {
		switch toks[k].low {
		case "a", "further", "another", "additional", "more", "than", "up", "to", "weitere", "weiteren", "zusätzliche", "bis", "zu", "rund", "about", "around", "some":
			k--
			continue
		}
		break
	}
	verb := func(w string) bool {
		switch w {
		case "train", "trains", "training", "ausbilden", "auszubilden", "schulen", "trainieren":
			return true
		}
		return false
	}
	if !(k >= 0 && verb(toks[k].low) || f.end < len(toks) && verb(toks[f.end].low)) {
		return false
	}
	f.head = catCue{cat: pledgebook.Training, label: "training of Ukrainian soldiers", head: true}
	f.npStart, f.npEnd = f.end, f.end
	return true
}

// definiteOrdinal reports a definite article and an ordinal after the
// first: "das zweite", "the third". Such a phrase names one more of a
// kind: "Das zweite SAMP/T-System aus Italien ist eingetroffen". "die
// beiden" ("the two") is read with them.
func definiteOrdinal(art, ord string) bool {
	switch art {
	case "das", "die", "der", "the":
	default:
		return false
	}
	return definiteOrdinals[ord]
}

// definiteOrdinals are the ordinals definiteOrdinal reads.
var definiteOrdinals = map[string]bool{"beiden": true, "zweite": true, "dritte": true, "vierte": true, "fünfte": true, "sechste": true,
	"second": true, "third": true, "fourth": true, "fifth": true, "sixth": true}

// countsSystem reports whether a noun names one air-defence system or
// battery, the only things the articles "ein" and "one" count.
func countsSystem(w string) bool {
	return strings.Contains(w, "system") || strings.HasPrefix(w, "batter") || strings.HasSuffix(w, "batterie") ||
		strings.HasSuffix(w, "feuereinheit") || w == "unit" // "eine weitere Feuereinheit", "one more fire unit"
}

// currencyPrefix reads a currency written before the figure: a symbol
// (€ £ $), a symbol with a country prefix (US$ C$ A$) or an ISO code.
func currencyPrefix(toks []token, i int) (string, int) {
	t := &toks[i]
	if t.kind == tWord && i+1 < len(toks) && toks[i+1].low == "$" && !toks[i+1].space && t.upper {
		if c, ok := currencyPrefixes[t.low]; ok {
			return c, 2
		}
	}
	if t.kind == tPunct {
		if c, ok := currencySymbols[t.low]; ok {
			return c, 1
		}
		return "", 0
	}
	if t.allCaps && len(t.low) == 3 {
		if _, ok := isoCurrencies[strings.ToUpper(t.low)]; ok {
			return strings.ToUpper(t.low), 1
		}
	}
	// "SKr 13bn", "NKr2bn"
	if t.upper && len(t.low) == 3 {
		if c, ok := gluedCurrencies[t.low]; ok {
			return c, 1
		}
	}
	return "", 0
}

// currencySuffix reads a currency written after the figure: "Euro",
// "Pfund", "US-Dollar", "Canadian dollars", "norwegische Kronen", "€",
// "EUR".
func currencySuffix(toks []token, j int) (string, int) {
	if j >= len(toks) {
		return "", 0
	}
	t := &toks[j]
	if t.kind == tPunct {
		if c, ok := currencySymbols[t.low]; ok {
			return c, 1
		}
		return "", 0
	}
	if t.allCaps && len(t.low) == 3 {
		if _, ok := isoCurrencies[strings.ToUpper(t.low)]; ok {
			return strings.ToUpper(t.low), 1
		}
	}
	if c, ok := currencyAdjectives[t.base()]; ok && j+1 < len(toks) {
		if w, ok2 := currencyWords[toks[j+1].base()]; ok2 {
			if c == "" || t.low == "us" && !t.allCaps {
				return w, 2
			}
			return c, 2
		}
	}
	// "New Zealand dollars"
	if t.low == "new" && j+2 < len(toks) && toks[j+1].low == "zealand" {
		if _, ok := currencyWords[toks[j+2].base()]; ok {
			return "NZD", 3
		}
	}
	if c, ok := currencyWords[t.base()]; ok {
		if t.low == "eur" || t.low == "usd" || t.low == "gbp" || t.low == "chf" {
			return c, 1
		}
		return c, 1
	}
	return "", 0
}

// mayBeQuantity rules out numbers that are years, dates, shares,
// calibres, model numbers, ordinals and times.
func (e *extractor) mayBeQuantity(i, next int, v decimal.Decimal) bool {
	toks := e.toks
	t := &toks[i]
	if !v.IsInteger() || v.GreaterThan(decimal.NewFromInt(1_000_000_000)) {
		return false
	}
	if next < len(toks) {
		n := &toks[next]
		if _, ok := percentWords[n.low]; ok {
			return false
		}
		if _, ok := months[n.low]; ok {
			return false
		}
		if !n.space && (n.low == "." || n.low == ":" || n.low == "/") && next+1 < len(toks) {
			return false // ordinal (17. Paket), time, fraction or date
		}
		if !n.space && n.kind == tWord {
			return false // 155mm, 4th
		}
		if n.low == "-" && !n.space {
			return false // 2024-2027, 10-20
		}
	}
	if i > 0 {
		p := &toks[i-1]
		if _, ok := months[p.low]; ok {
			return false // June 4
		}
		if p.low == "/" || p.low == "-" && !t.space || p.low == "–" {
			return false
		}
		if hit, ok := e.catAt(i - 1); ok && hit.cue.model && hit.end == i {
			return false // Leopard 2, PzH 2000, Challenger 2
		}
		switch p.low {
		case "nr", "no", "number", "nummer", "pac", "block", "version", "typ", "type", "mark", "mk", "t", "su", "mig", "f", "m", "paragraph", "artikel", "article", "kapitel", "phase", "tranche", "runde", "round":
			return false
		}
		// "vom Typ ASC 890", "of the type Pbv 302": a designation after
		// the word for a type is a name, not a count
		if i >= 2 && p.kind == tWord && p.upper {
			switch toks[i-2].low {
			case "typ", "typs", "type", "modell", "model", "class", "klasse", "baureihe":
				return false
			}
		}
		if aircraftMaker(p.low) {
			return false // an aircraft maker's model: "Boeing 757", "Saab 340"
		}
		// ranges: "10 bis 20", "10 to 20"
		if (p.low == "bis" || p.low == "to" || p.low == "und" || p.low == "and" || p.low == "or" || p.low == "oder") && i >= 2 && toks[i-2].kind == tNum {
			return false
		}
	}
	if t.kind == tNum && yearOf(t) > 0 && next == i+1 {
		// A year, unless a counted noun follows at once ("2000 Drohnen")
		// and no preposition of time comes before.
		if i > 0 {
			switch toks[i-1].low {
			case "in", "im", "bis", "seit", "since", "until", "by", "of", "from", "von", "year", "jahr", "jahres", "to", "and", "und", "zwischen", "between", "the", "for", "für", "ab", "anfang", "ende", "mitte", "early", "late", "end", "summer", "sommer", "winter", "spring", "autumn", "herbst", "frühjahr", "through", "during", "während":
				return false
			}
		}
		if next >= len(toks) {
			return false
		}
		if hit, ok := e.catAt(next); !ok || !hit.cue.head {
			if _, eq := equipmentNouns[toks[next].base()]; !eq {
				return false
			}
		}
	}
	return true
}

// countedNoun finds what a quantity counts: the noun after the figure,
// past modifiers and model names ("100.000 faseroptische Drohnen", "six
// Sea King helicopters", "zwei Patriot-Systeme", "14 Challenger 2
// tanks"). It reports false if the figure counts nothing that is pledged
// (countries, soldiers, years) or counts the aggressor's equipment.
func (e *extractor) countedNoun(f *figure) bool {
	toks := e.toks
	head := -1
	lastModel := false
	steps := 0
	f.npStart = f.end
	j := f.end
	// "49 of its retired Abrams tanks", "zehn seiner Leopard-Panzer": a
	// number of the donor's own; "10 of the 39 vehicles": a part of a
	// total, which is what is counted
	if j+1 < len(toks) && toks[j].low == "of" {
		switch toks[j+1].low {
		case "its", "their", "our", "his", "her":
			j += 2
		case "the":
			if j+2 < len(toks) && toks[j+2].kind == tNum {
				j += 3
			}
		}
	} else if j < len(toks) {
		switch toks[j].low {
		case "seiner", "ihrer", "unserer":
			j++
		}
	}
	for j < len(toks) && steps < 6 {
		t := &toks[j]
		if t.kind == tPunct {
			break
		}
		if t.kind == tNum {
			if lastModel || j > 0 && aircraftMaker(toks[j-1].low) { // Leopard 2, PzH 2000, Boeing 737
				j++
				lastModel = false
				continue
			}
			break
		}
		if hit, ok := e.catAt(j); ok {
			c := hit.cue
			switch {
			case c.model:
				f.model, f.hasModel = c, true
				if c.head {
					f.head, head = c, hit.end
				}
			case c.head:
				f.head, head = c, hit.end
				f.generic = ""
			case !c.generic:
				f.mod, f.hasMod = c, true
				if hit.end == hit.tok+1 && compoundHead(t.base()) {
					// a German compound that ends in a generic noun
					// names the thing counted: "Minenräummaschinen"
					c.head = true
					f.head, head = c, hit.end
					f.generic = ""
				}
			}
			lastModel = c.model
			j = hit.end
			steps++
			continue
		}
		lastModel = false
		b := t.base()
		if label, ok := equipmentNouns[b]; ok {
			head = j + 1
			f.generic = label
			j++
			steps++
			continue
		}
		if head >= 0 {
			// after the head only "of" and a capability noun may follow:
			// "1 million rounds of artillery ammunition"
			if b == "of" && j+1 < len(toks) {
				if hit, ok := e.catAt(j + 1); ok && (hit.cue.head || !hit.cue.generic) {
					j++
					continue
				}
			}
			break
		}
		if _, ok := nonEquipment[b]; ok {
			// "train 4,500 Ukrainian soldiers", "10.000 Soldaten ausbilden"
			if g, troop := troopWords[b]; troop && e.hasTraining {
				f.head = catCue{cat: pledgebook.Training, label: "training of Ukrainian " + g, head: true}
				f.generic = ""
				head = j + 1
				break
			}
			return false
		}
		// the aggressor's equipment: "400 Russian drones"
		if m, ok := matchParty(partyLexicon(), toks, j); ok {
			if nonDonors[m.code] && m.code != "UA" {
				return false
			}
			j = m.end
			steps++
			continue
		}
		if e.skippable(t) {
			j++
			steps++
			continue
		}
		break
	}
	if head < 0 {
		return false
	}
	f.npEnd = head
	return true
}

// compoundHead reports a German compound whose last part is a generic
// noun of equipment: "Minenräummaschinen", "Flugabwehrsysteme".
func compoundHead(b string) bool {
	for _, n := range []string{"maschinen", "systeme", "fahrzeuge", "geräte", "anlagen", "einheiten"} {
		if len(b) > len(n)+3 && strings.HasSuffix(b, n) {
			return true
		}
	}
	return false
}

// skippable reports whether a word may stand between a figure and the
// noun it counts: a modifier ("more", "weitere", "faseroptische") or a
// model name ("SLM", "2A6").
func (e *extractor) skippable(t *token) bool {
	b := t.base()
	if _, ok := quantityModifiers[b]; ok {
		return true
	}
	if t.info != nil && t.info.isVerb && !t.upper {
		if _, mod := quantityModifiers[b]; !mod && b != "weitere" && b != "weiteren" && b != "zusätzliche" {
			return false
		}
	}
	if t.allCaps || strings.ContainsAny(b, "0123456789") {
		return true
	}
	if _, stop := stopDE[b]; stop {
		return false
	}
	if _, stop := stopEN[b]; stop {
		return false
	}
	if e.lang == "de" || e.lang == "" {
		// German adjectives are written in lower case, nouns capitalised:
		// "100.000 faseroptische Drohnen" but not "57 Länder".
		if !t.upper && len(b) > 3 && (strings.HasSuffix(b, "e") || strings.HasSuffix(b, "en") || strings.HasSuffix(b, "er") || strings.HasSuffix(b, "es") || strings.HasSuffix(b, "em")) {
			return true
		}
	}
	if e.lang != "de" && t.upper {
		return true // a model name in English: "50 Caracal vehicles"
	}
	if e.lang == "en" && !t.upper {
		if t.info == nil || !t.info.isVerb {
			return true // an English adjective: "1,200 power generators"
		}
	}
	if e.lang != "de" && (strings.HasSuffix(b, "-made") || strings.HasSuffix(b, "-built") || strings.HasSuffix(b, "-range") || strings.HasSuffix(b, "-propelled")) {
		return true
	}
	return false
}

// conversionFiller may stand between an amount and the same amount in
// another currency: "€22.3 million ($24 million)", "1 Milliarde Kronen
// (rund 90 Millionen Euro)", "£100m, or about $127m,".
var conversionFiller = toSet("(|)|[|]|,|–|—|-|/|=|rund|etwa|ca|ca.|circa|zirka|knapp|gut|über|umgerechnet|about|around|approximately|approx|roughly|some|or|oder|equivalent|equal|equals|to|of|bzw|.|nearly|almost|fast|mehr|als|more|than|rd|also|i.e|d.h|entspricht|entsprechen|was|which|is|sind|that|converted|worth|just|under|over|mindestens|at|least|ungefähr|zu")

// markConversions marks an amount that restates the amount before it.
func (e *extractor) markConversions(figs []figure) {
	for k := 1; k < len(figs); k++ {
		a, b := &figs[k-1], &figs[k]
		if !a.money || !b.money || b.tok-a.end > 6 {
			continue
		}
		only := true
		paren := false
		for j := a.end; j < b.tok; j++ {
			w := e.toks[j].low
			if w == "(" || w == "[" {
				paren = true
			}
			if _, ok := conversionFiller[w]; !ok {
				only = false
				break
			}
		}
		if only && (paren || a.currency != b.currency) {
			b.conversion = true
		}
	}
}

// valueLinks join a quantity and the amount that states its value: "100
// tanks worth €500m", "€50 million for 100 drones".
var valueLinks = toSet("worth|im|wert|von|valued|at|in|höhe|costing|totalling|totaling|of|a|total|insgesamt|(|zum|preis|price|for|für|with|mit|value|gesamtwert|einem|um|rund|about|around|some|approximately|etwa|an|estimated|geschätzten|geschätzt")

// mergeValues links each quantity to an amount that states its value.
func (e *extractor) mergeValues(figs []figure) {
	for k := range figs {
		q := &figs[k]
		if q.money {
			continue
		}
		// quantity then amount: "100 tanks worth €500m"
		if k+1 < len(figs) && figs[k+1].money && !figs[k+1].conversion {
			a := &figs[k+1]
			if e.linked(q.npEnd, a.tok, true) || firstQuantity(figs, k) && e.packageOf(q.npEnd, a.tok) {
				q.merged, a.absorbed = k+1, true
				continue
			}
		}
		// the price of a purchase: "purchased one NASAMS system from the
		// United States for Ukraine at a cost of US$406 million"
		if k+1 < len(figs) && figs[k+1].money && !figs[k+1].conversion && priceOf(e.toks, figs[k+1].tok) {
			q.merged, figs[k+1].absorbed = k+1, true
			continue
		}
		// amount then quantity: "€50 million for 100 drones"
		if k > 0 && figs[k-1].money && !figs[k-1].absorbed && !figs[k-1].conversion {
			a := &figs[k-1]
			if e.linked(a.end, q.tok, false) {
				q.merged, a.absorbed = k-1, true
			}
		}
	}
}

// firstQuantity reports that no quantity comes before figs[k].
func firstQuantity(figs []figure, k int) bool {
	for j := 0; j < k; j++ {
		if !figs[j].money {
			return false
		}
	}
	return true
}

// packageWords may stand between the one quantity a package holds and
// the package's value: "49 tanks to Ukraine in a package worth A$245
// million", "30 Panzer an die Ukraine als Teil eines Pakets im Wert von".
var packageWords = toSet("to|an|die|der|ukraine|kyiv|kiew|package|paket|pakets|hilfspaket|hilfspakets|deal|as|als|part|teil|eines|einem|of|in|a|im|wert|von|worth|valued|at|totalling|totaling|value")

// packageOf reports a package and its value between tokens a and b, so
// that the quantity before a is what the package holds.
func (e *extractor) packageOf(a, b int) bool {
	if b-a > 9 || b <= a {
		return false
	}
	pkg, value := false, false
	for j := a; j < b; j++ {
		w := e.toks[j].low
		if _, ok := packageWords[w]; !ok {
			return false
		}
		switch w {
		case "package", "paket", "pakets", "hilfspaket", "hilfspakets", "deal":
			pkg = true
		case "worth", "wert", "valued", "value", "totalling", "totaling":
			value = true
		}
	}
	return pkg && value
}

// linked reports whether only linking words stand between tokens a and b.
// worth tells whether a word of value ("worth", "Wert") is required.
func (e *extractor) linked(a, b int, worth bool) bool {
	if b-a > 5 || b < a {
		return false
	}
	value := false
	for j := a; j < b; j++ {
		w := e.toks[j].low
		if _, ok := valueLinks[w]; !ok {
			return false
		}
		switch w {
		case "worth", "wert", "valued", "costing", "höhe", "value", "gesamtwert", "price", "preis", "for", "für", "totalling", "totaling":
			value = true
		}
	}
	return value || !worth && b > a
}

func (e *extractor) setAmount(c *Candidate, f *figure, donor string) {
	a := Amount{f.value}
	c.Amount = &a
	cur := resolveCurrency(f.currency, f.crownWord, donor)
	if cur != "" {
		c.Currency = &cur
	}
}

// resolveCurrency settles "dollars" and "kroner" by the donor.
func resolveCurrency(cur, word, donor string) string {
	switch cur {
	case curDollar:
		if c, ok := dollarByDonor[donor]; ok {
			return c
		}
		return "USD"
	case curCrown:
		if c, ok := crownByDonor[donor]; ok {
			return c
		}
		if c, ok := crownByWord[word]; ok {
			return c
		}
		return ""
	}
	return cur
}

// unit is the English noun a quantity counts.
func (f *figure) unit() string {
	if f.generic != "" {
		return f.generic
	}
	l := f.head.label
	if i := strings.Index(l, " of "); i > 0 {
		return l[:i]
	}
	if i := strings.LastIndexByte(l, ' '); i >= 0 {
		return l[i+1:]
	}
	return l
}

// mergeLone joins the one quantity and the one amount of a sentence when
// they have the same donor and the amount is not a package with contents
// of its own: "The UK will deliver 100,000 drones ..., paid for with
// £350m", "200 Millionen Pfund in die Beschaffung von 10.000 Drohnen".
func (e *extractor) mergeLone(donors []donorChoice) {
	q, a := -1, -1
	for k := range e.figs {
		f := &e.figs[k]
		if f.conversion || f.absorbed || !donors[k].ok {
			continue
		}
		if f.money {
			if a >= 0 {
				return
			}
			a = k
		} else {
			if q >= 0 || f.merged >= 0 {
				return
			}
			q = k
		}
	}
	if q < 0 || a < 0 || donors[q].code != donors[a].code {
		return
	}
	lo := min(e.figs[q].tok, e.figs[a].tok)
	hi := max(e.figs[q].npEnd, e.figs[a].end)
	for i := range e.toks {
		switch e.toks[i].low {
		case "package", "paket", "pakets", "including", "includes", "include", "darunter", "umfasst", "enthält", "inklusive", "consists", "among":
			return
		case "and", "und", "plus", "sowie", "also", "auch", "zudem", "außerdem":
			// two pledges joined: "100 drones and £50m for training"; but
			// "liefern und dafür zwei Milliarden Euro" pays for the first
			if i > lo && i < hi && !(i+1 < len(e.toks) && e.toks[i+1].low == "dafür") {
				return
			}
		}
	}
	// the amount must not name a capability of its own
	qa := &e.figs[q]
	if qcat, _, ok := e.quantityCategory(qa); ok {
		hits := e.cuesIn(e.figs[a].end, min(len(e.toks), e.figs[a].end+8), e.clause[e.figs[a].tok], true)
		for _, h := range hits {
			if !h.cue.generic && h.cue.cat != qcat && h.tok < qa.tok {
				return
			}
		}
	}
	qa.merged = a
	e.figs[a].absorbed = true
}

// aircraftMaker reports a maker whose name and a number name an aircraft
// type: "Boeing 757", "Saab 340", "Airbus A400M".
func aircraftMaker(w string) bool {
	switch w {
	case "boeing", "airbus", "embraer", "saab", "cessna", "antonov", "sikorsky", "lockheed", "dassault":
		return true
	}
	return false
}
