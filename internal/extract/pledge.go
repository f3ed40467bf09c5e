package extract

import (
	"math"
	"slices"
	"strings"

	"pledgebook"
)

// candidates turns the figures of the current sentence into candidates.
// When the extractor collects training samples, it also makes the
// candidates the rules refuse, as samples only.
func (e *extractor) candidates(s span, status []statusCue) {
	toks := e.toks
	gate := e.pledgeContext(status) && !e.sentenceRejected()
	if !gate && !e.sampling {
		return
	}
	// Figures whose donor is known, for the merge below.
	donors := e.donors[:0]
	for range e.figs {
		donors = append(donors, donorChoice{})
	}
	e.donors = donors
	refused := e.refused[:0]
	for k := range e.figs {
		f := &e.figs[k]
		if f.conversion || f.absorbed {
			continue
		}
		if !gate || e.rejected(f) || e.forOtherRecipient(k) {
			refused = append(refused, k)
			continue
		}
		donors[k] = e.donorFor(k)
	}
	e.refused = refused
	e.mergePrices()
	e.mergeLone(donors)
	// the status carried from the sentences before, read only if needed
	fallbackDone := false
	var fallback pledgebook.Status
	carried := func() pledgebook.Status {
		if !fallbackDone {
			fallbackDone = true
			fallback = e.listStatus
			if !e.listMode || fallback == "" {
				fallback = e.paragraphStatus()
			}
		}
		return fallback
	}
	var date *pledgebook.Date
	var period *Period
	periodDone := false
	propose := func(f *figure, d donorChoice, accepted bool) {
		c := Candidate{Recipient: "UA", Status: pledgebook.Announced}
		cueFound := false
		if f.money {
			c.Category, c.Item, cueFound = e.amountCategory(f)
			e.setAmount(&c, f, d.code)
		} else {
			c.Category, c.Item, cueFound = e.quantityCategory(f)
			q := f.value.IntPart()
			c.Quantity = &q
			unit := f.unit()
			c.Unit = &unit
			if f.merged >= 0 {
				e.setAmount(&c, &e.figs[f.merged], d.code)
			}
		}
		verbFound := false
		st, settled, ok := e.statusFor(status, f.tok, e.relativeAfter(f))
		switch {
		case ok && settled:
			c.Status, verbFound = st, true
		case carried() != "":
			c.Status, verbFound = carried(), true
		case ok:
			c.Status, verbFound = st, true
		}
		if !periodDone {
			period = sentencePeriod(toks, e.base)
			if period == nil && e.nextSentenceRefersBack() {
				period = sentencePeriod(e.next, e.base)
			}
			date = sentenceDate(toks)
			periodDone = true
		}
		c.Period, c.Date = period, date
		c.Evidence = Evidence{Start: s.start, End: s.end, Text: e.text[s.start:s.end]}
		for _, m := range d.all {
			if lenders[m.code] {
				continue
			}
			c.Donor, c.DonorText = m.code, m.text
			if c.Currency != nil {
				cur := resolveCurrency(f.currency, f.crownWord, m.code)
				if f.merged >= 0 {
					cur = resolveCurrency(e.figs[f.merged].currency, e.figs[f.merged].crownWord, m.code)
				}
				c.Currency = &cur
			}
			e.feats = e.features(e.feats[:0], f, &c, d.explicit, verbFound, cueFound)
			c.Confidence = math.Round(e.model.Probability(e.feats)*100) / 100
			if accepted {
				e.out = append(e.out, c)
			}
			if e.sampling {
				e.samples = append(e.samples, Sample{Candidate: c, Features: slices.Clone(e.feats), Proposed: accepted})
			}
		}
	}
	for k := range e.figs {
		f := &e.figs[k]
		if d := donors[k]; !f.conversion && !f.absorbed && d.ok {
			if f.money && e.paysForEarlier(f, d.code) {
				continue
			}
			propose(f, d, true)
		}
	}
	if e.sampling {
		for _, k := range refused {
			if d := e.donorFor(k); d.ok {
				propose(&e.figs[k], d, false)
			}
		}
	}
}

// pledgeContext reports whether the sentence reads as a pledge: it has a
// pledge verb, or is a headline ("Großbritannien: 100.000 Drohnen"), an
// item of a list introduced by a pledge ("folgende Güter übergeben:"), or
// a continuation of the sentence before ("Dazu kommen 300 Lenkflugkörper").
func (e *extractor) pledgeContext(status []statusCue) bool {
	if len(status) > 0 || e.listMode {
		return true
	}
	if e.prevCandPara == e.paraNo && e.sentNo-e.prevCandSent <= 2 {
		for i := 0; i < len(e.toks) && i < 3; i++ {
			if _, ok := continuation[e.toks[i].low]; ok {
				return true
			}
		}
	}
	for _, m := range e.mentions {
		if m.end < len(e.toks) && e.toks[m.end].low == ":" {
			return true
		}
	}
	return false
}

// counterfactual reports a condition contrary to fact anywhere in the
// sentence, not only at its start: "„Wenn alle so viel geben würden,
// hätte die Ukraine 120 Milliarden Euro"", "if every ally gave as much,
// Ukraine would have €100 billion". A conditional conjunction and a
// subjunctive of the past (würde, hätte, wäre; "would have", "were") make
// it; a plain condition on a pledge ("will send 10 tanks if parliament
// approves") has neither subjunctive and is kept.
func (e *extractor) counterfactual() bool {
	cond, subj := false, false
	toks := e.toks
	for i := range toks {
		if toks[i].flags&wCounterfactual == 0 {
			continue // none of the words below: most words
		}
		if _, ok := conditionWords[toks[i].low]; ok {
			cond = true
		} else if _, ok := subjunctiveWords[toks[i].low]; ok {
			subj = true
		} else if toks[i].low == "would" {
			subj = subj || i+1 < len(toks) && toks[i+1].low == "have"
		}
	}
	return cond && subj
}

// conditionWords and subjunctiveWords are what counterfactual looks for.
var (
	conditionWords   = toSet("wenn|falls|if")
	subjunctiveWords = toSet("würde|würden|hätte|hätten|wäre|wären")
)

// continuation words open a sentence that goes on with the pledge before.
var continuation = toSet("darin|dazu|außerdem|zudem|ferner|zusätzlich|darüber|überdies|also|additionally|furthermore|moreover|plus|besides|in|hinzu|ebenso|auch|further|it|es|sie|they|this|these|dies|diese|das|darunter|including")

// sentenceRejected reports a sentence whose figures are not pledges:
// a hypothetical ("Würden alle NATO-Staaten ..."), a group total
// ("pledges add up to €21bn"), a country arming itself, support for
// another recipient, or production.
func (e *extractor) sentenceRejected() bool {
	toks := e.toks
	if len(toks) > 0 {
		switch toks[0].low {
		case "würden", "würde", "wenn", "falls", "if", "were", "should", "sollte", "hätte", "hätten":
			return true
		}
	}
	if e.counterfactual() || e.refutedClaim() || e.replacesDonated() {
		return true
	}
	if n := e.sentNo - 1; n >= 0 && e.recs[n].para == e.paraNo && !e.ukraine {
		// a sentence naming Ukraine says who receives; else the sentence
		// before may. Reading it costs a tokenization; its text says
		// first whether it may name another receiver at all
		if rec := &e.recs[n]; (rec.read || mayNameOtherRecipient(e.lower[rec.span.start:rec.span.end])) && e.context(n).otherRecip {
			return true
		}
	}
	if e.neighbourCue() || e.pendingApproval() {
		return true
	}
	if e.ownBusiness() {
		e.recs[e.sentNo].own = true
		return true
	}
	// "Die Bundeswehr bestellt bei Rheinmetall ... Eine erste
	// Abrufbestellung über 880 Millionen Euro ist vereinbart.": a sentence
	// that names neither a donor nor Ukraine goes on with the business
	// of the sentence before
	if n := e.sentNo - 1; n >= 0 && e.recs[n].para == e.paraNo && e.recs[n].own && !e.ukraine && !e.namesDonor() {
		e.recs[e.sentNo].own = true
		return true
	}
	own := false
	for i := range toks {
		if inf := toks[i].info; inf == nil || inf.flags&wReject == 0 {
			continue
		}
		b := toks[i].base()
		switch b {
		case "add", "adds", "added", "adding", "summieren", "summiert", "summierten":
			if i+1 < len(toks) && toks[i+1].low == "up" || strings.HasPrefix(b, "summ") {
				return true
			}
		case "combined", "collectively", "zusammengerechnet", "zusammengenommen":
			return true
		case "selbst", "itself":
			// "Die Allianz selbst stellt ... bereit", "NATO itself will
			// provide": the actor stressed, not arming itself
			if i > 0 && (toks[i-1].upper && toks[i].low == "selbst" || e.mentionEndsAt(i)) {
				continue
			}
			own = own || !e.trailingClause(i)
		case "rüstet", "rüsten", "aufrüsten", "aufrüstung":
			own = own || !e.trailingClause(i)
		case "eigene", "eigenen", "eigener", "own":
			// "für die eigene Armee", "for its own forces"; not "aus
			// eigenen Beständen", "from its own stocks", nor a condition
			// after the figures ("..., sobald Ersatz für die eigene
			// Truppe eingetroffen ist")
			if i >= 2 && (toks[i-2].low == "für" || toks[i-2].low == "for") && !e.trailingClause(i) {
				own = true
			}
		case "make", "makes", "produce", "produces", "producing", "production", "manufacture", "manufactures", "herstellen", "produzieren", "produziert", "fertigen", "fertigt", "factory", "fabrik", "werk":
			if !e.fundsProduction() && !e.trailingClause(i) {
				return true
			}
		case "plant", "plants":
			// "will build an ammunition plant in western Ukraine"
			if e.buildsBefore(i) && !e.fundsProduction() {
				return true
			}
		}
	}
	if !e.ukraine && ownUnit(toks) {
		return true // "die der Panzergrenadierbrigade 41 zugutekommen sollen"
	}
	if e.plantCompound() && !e.fundsProduction() {
		return true // "ein Munitionswerk für 300 Millionen Euro bauen"
	}
	return own && !e.ukraine
}

// trailingClause reports a word in a clause of its own after every
// figure of the sentence: it says what happens next, not what the
// figures are ("hand over two more launchers, to be replaced later with
// new production").
func (e *extractor) trailingClause(i int) bool {
	last := -1
	for k := range e.figs {
		if !e.figs[k].conversion {
			last = k
		}
	}
	if last < 0 {
		return false
	}
	f := &e.figs[last]
	return i >= max(f.end, f.npEnd) && e.clause[i] != e.clause[f.tok]
}

// namesDonor reports a donor named in the sentence.
func (e *extractor) namesDonor() bool {
	for _, m := range e.mentions {
		if m.code != "" && m.strong && !m.location && !nonDonors[m.code] {
			return true
		}
	}
	return false
}

// buildsBefore reports a verb of building whose object is the plant at
// j: "will build an ammunition plant", not "vehicles built at the plant".
func (e *extractor) buildsBefore(j int) bool {
	for i := max(j-4, 0); i < j; i++ {
		switch e.toks[i].low {
		case "build", "builds", "building", "construct", "constructs", "open", "opens":
			return true
		}
	}
	return false
}

// plantCompound reports a German compound naming a factory:
// "Munitionswerk", "Drohnenfabrik", "Rüstungswerk".
func (e *extractor) plantCompound() bool {
	for i := range e.toks {
		t := &e.toks[i]
		if !t.upper || len(t.low) < 9 {
			continue
		}
		switch {
		case strings.HasSuffix(t.low, "fabrik"), strings.HasSuffix(t.low, "werk") && !strings.HasSuffix(t.low, "netzwerk") &&
			!strings.HasSuffix(t.low, "feuerwerk") && !strings.HasSuffix(t.low, "handwerk") && !strings.HasSuffix(t.low, "regelwerk") && !strings.HasSuffix(t.low, "bauwerk"):
			return true
		}
	}
	return false
}

// rejectWords are the words sentenceRejected looks at; the word table
// marks them, so that the other words of a sentence cost one bit test.
var rejectWords = toSet("rearms|rearming|rearm|add|adds|added|adding|summieren|summiert|summierten|combined|collectively|zusammengerechnet|zusammengenommen|selbst|itself|rüstet|rüsten|aufrüsten|aufrüstung|eigene|eigenen|eigener|own|make|makes|produce|produces|producing|production|manufacture|manufactures|herstellen|produzieren|produziert|fertigen|fertigt|factory|fabrik|werk|plant|plants")

// targetWords are the nouns isTargetNoun looks at.
var targetWords = toSet("aim|goal|target|ziel|zielmarke|zielgröße|ambition|baseline|benchmark")

// fundsProduction reports whether a sentence about production is a donor
// paying for it ("Denmark funds 18 Bohdana howitzers made in Ukraine").
func (e *extractor) fundsProduction() bool {
	for i := range e.toks {
		switch e.toks[i].base() {
		case "allocated", "allocates", "allocate", "earmarked", "earmarks", "invests", "invested", "investiert", "fund", "funds", "funded", "funding", "finance", "finances", "financed", "finanziert", "finanzieren", "finanzierung", "bezahlt", "bezahlen", "pay", "pays", "paid", "buy", "buys", "bought", "kauft", "kaufen", "gekauft", "order", "orders", "ordered", "bestellt", "bestellen", "auftrag", "contract", "vertrag", "model", "modell":
			return true
		}
	}
	return false
}

// rejected reports whether a figure is a loss, a budget, a target, a
// background total or a request rather than a pledge.
func (e *extractor) rejected(f *figure) bool {
	toks := e.toks
	lo, hi := f.tok-7, f.end+4
	if !f.money {
		hi = f.npEnd + 3
	}
	lo = max(lo, 0)
	hi = min(hi, len(toks))
	cl := e.clause[f.tok]
	// a request or refusal earlier in the figure's clause: "rejected
	// calls from the Opposition to transfer some of the 41 retired F/A-18"
	for j := max(f.tok-14, 0); j < lo; j++ {
		if inf := toks[j].info; inf != nil && inf.flags&wRequest != 0 && e.clause[j] == cl {
			return true
		}
	}
	for j := lo; j < hi; j++ {
		if j >= f.tok && j < f.end {
			continue // the figure's own words: "a quarter of a billion"
		}
		inf := toks[j].info
		if inf == nil || inf.flags == 0 {
			continue
		}
		if inf.flags&wLoss != 0 {
			return true
		}
		if inf.flags&wRequest != 0 && (j < f.tok || requestAfter(toks[j].low) || needAfter(toks[j].low) && e.clause[j] == cl) {
			return true
		}
		if f.money && e.clause[j] == cl && j >= f.tok-5 {
			if inf.flags&wBudget != 0 && !e.aidBudget(j) && !frozenAssets(toks, j) && !purchasePrice(toks, j) && !estimatedValue(toks, j) {
				return true
			}
		}
		// a stated aim or target: "Its stated aim is to field one million
		// drones", "das Ziel von 1 Million Granaten"
		if inf.flags&wTarget != 0 && j < f.tok && isTargetNoun(toks, j) {
			return true
		}
	}
	if f.money && e.ownBudget(f) {
		return true
	}
	if e.manyContributors(f) || !f.money && (partOfEarlier(toks, f) || firstOfPledge(toks, f)) || f.money && (shareOfTotal(toks) || remainingFunds(toks, f)) {
		return true
	}
	if f.money && companyFigure(toks, f) {
		return true
	}
	if opposedTransfer(toks, f) || e.rankedWith(f) || e.membersAim(f) || e.targetClause(f) {
		return true
	}
	if e.jointFigure(f) || e.collectiveSubject(f) || e.ukraineActs(f) || e.risesTo(f) || e.combinedFigure(f) || e.runningCount(f) && !e.freshInClause(f, false) || !f.money && shareOf(toks, f) {
		return true
	}
	if e.background(f) {
		return true
	}
	return false
}

// manyContributors reports a figure that a count of givers gave, a tally
// of many donors rather than one donor's pledge: "contributions of more
// than £1.3 billion from 10 countries", "von 14 Staaten".
func (e *extractor) manyContributors(f *figure) bool {
	toks := e.toks
	cl := e.clause[f.tok]
	for j := f.end; j+2 < len(toks) && j < f.end+8 && e.clause[j] == cl; j++ {
		switch toks[j].low {
		case "from", "by", "von", "aus":
		default:
			continue
		}
		k := j + 1
		if toks[k].low == "more" || toks[k].low == "over" || toks[k].low == "mehr" || toks[k].low == "über" {
			k++
			if k < len(toks) && (toks[k].low == "than" || toks[k].low == "als") {
				k++
			}
		}
		if k+1 >= len(toks) || toks[k].kind != tNum && (toks[k].info == nil || !toks[k].info.number) {
			continue
		}
		switch toks[k+1].low {
		case "countries", "nations", "donors", "governments", "allies", "partners", "states",
			"ländern", "staaten", "gebern", "geberländern", "regierungen", "partnern", "verbündeten":
			return true
		}
	}
	return false
}

// partOfEarlier reports a count said to come out of something the text
// named before: "18 Geschütze aus dieser Bestellung übergeben", "40
// vehicles from that package". It is a delivery towards a pledge already
// stated, not a new one.
func partOfEarlier(toks []token, f *figure) bool {
	j := f.npEnd
	if j+1 >= len(toks) {
		return false
	}
	switch toks[j].low {
	case "aus", "from", "of", "von":
	default:
		return false
	}
	switch toks[j+1].low {
	case "dieser", "diesem", "diesen", "this", "that", "these", "those", "jener", "jenem":
		return true
	}
	return false
}

// requestAfter reports a request word that closes the clause of the
// thing asked for: "hat um die Lieferung weiterer 30 Schützenpanzer
// gebeten", "um 30 Panzer ersucht".
func requestAfter(w string) bool {
	switch w {
	case "gebeten", "ersucht", "erbeten", "angefragt", "angefordert", "gefordert", "verlangt":
		return true
	}
	return false
}

// needAfter reports a verb of needing that closes a German clause
// after the thing needed: "dass wir noch zehn weitere Systeme brauchen".
// A clause that needs a figure asks for it.
func needAfter(w string) bool {
	switch w {
	case "brauchen", "braucht", "brauche", "bräuchten", "benötigen", "benötigt", "benötige", "fordern", "fordert", "verlangen", "verlangt":
		return true
	}
	return false
}

// frozenAssets reports the profits of Russian assets frozen in the West,
// which pay for pledges: "windfall profits", "frozen Russian assets",
// "Zinserträge aus eingefrorenen russischen Vermögenswerten".
func frozenAssets(toks []token, j int) bool {
	for k := max(j-2, 0); k < j; k++ {
		switch b := toks[k].low; {
		case b == "windfall", b == "frozen", b == "immobilised", b == "immobilized", b == "russian", b == "sovereign",
			strings.HasPrefix(b, "eingefroren"), strings.HasPrefix(b, "russisch"):
			return true
		}
	}
	return false
}

// estimatedValue reports an estimate that states the value of the thing
// before it: "valued at an estimated $125 million", "im geschätzten Wert
// von".
func estimatedValue(toks []token, j int) bool {
	switch toks[j].low {
	case "estimated", "geschätzt", "geschätzten":
	default:
		return false
	}
	for k := max(j-3, 0); k <= min(j+1, len(toks)-1); k++ {
		switch toks[k].low {
		case "worth", "valued", "value", "wert", "gesamtwert":
			return true
		}
	}
	return false
}

// purchasePrice reports a price that states what a purchase cost, which
// is the value of the pledge: "at a cost of US$406 million", "zum Preis
// von".
func purchasePrice(toks []token, j int) bool {
	return j >= 2 && (toks[j-2].low == "at" && toks[j-1].low == "a" || toks[j-2].low == "zu" && toks[j-1].low == "einem") ||
		j >= 1 && toks[j-1].low == "zum"
}

// companyFigure reports an amount of a company's business, named by a
// compound the word lists cannot hold: "Konzernumsatz", "Rüstungsumsätze",
// "Auftragseingang", "Quartalsgewinn".
func companyFigure(toks []token, f *figure) bool {
	for j := max(f.tok-8, 0); j < f.tok; j++ {
		b := toks[j].low
		for _, suf := range []string{"umsatz", "umsätze", "gewinn", "auftragseingang", "auftragsbestand", "revenue", "revenues"} {
			if len(b) > len(suf) && strings.HasSuffix(b, suf) {
				return true
			}
		}
	}
	return false
}

// isTargetNoun reports a noun of aim or target with a determiner before
// it, or opening the sentence before a genitive or a verb ("Ziel der
// Initiative ist es, ..."); "aims to" as a verb is a pledge.
func isTargetNoun(toks []token, j int) bool {
	switch toks[j].low {
	case "baseline", "benchmark":
		// "a minimum baseline of €40 billion": a level to reach
		return true
	case "aim", "goal", "target", "ziel", "zielmarke", "zielgröße", "ambition":
		if j == 0 {
			if len(toks) < 2 {
				return false
			}
			switch toks[1].low {
			case "der", "des", "ist", "war", "of", "is", "was":
				return true
			}
			return false
		}
		switch toks[j-1].low {
		case "its", "the", "their", "stated", "declared", "das", "sein", "ihr", "erklärte", "erklärtes", "erklärten", "a", "an", "ein", "dem", "des", "our", "unser":
			return true
		}
	}
	return false
}

// ownBudget reports a sentence about a country's own budget or spending
// whose amount is not said to be for Ukraine.
func (e *extractor) ownBudget(f *figure) bool {
	toks := e.toks
	found := false
	for i := range toks {
		b := toks[i].base()
		switch b {
		case "verteidigungshaushalt", "verteidigungsetat", "wehretat", "militärhaushalt", "verteidigungsausgaben", "rüstungsausgaben", "militärausgaben", "sondervermögen", "gdp", "bip", "wirtschaftsleistung", "deficit", "defizit", "wealth", "staatsfonds":
			found = true
		case "forces", "streitkräfte", "streitkräften", "armee", "army":
			// money for the donor's own forces: "Funding for the armed
			// forces will grow by", "den eigenen Streitkräften ...
			// 413 Milliarden Euro"
			// not in a clause after the figures: "into the Danish
			// model, under which Ukrainian makers build weapons for
			// their own army"
			if ownForces(toks, i) && !e.trailingClause(i) {
				found = true
			}
		case "defence", "defense":
			// "agreed to spend DKK 190 billion on defence": the
			// donor's own; not "air defence", "the defence of Ukraine"
			if i > 0 && (toks[i-1].low == "on" || toks[i-1].low == "for") && (i+1 == len(toks) || toks[i+1].low != "of" && toks[i+1].low != "for") {
				found = true
			}
		case "budget", "budgets", "spending", "haushalt", "etat":
			if i > 0 {
				switch toks[i-1].low {
				case "defence", "defense", "military", "its", "own", "eigene", "eigenen", "national":
					found = true
				}
			}
		default:
			continue
		}
		// Ukraine's own budget is no donor's pledge: "Ukraine's defence
		// budget for 2026", "der ukrainische Verteidigungshaushalt"
		if found && (ukrainePossessor(toks, i-1) || ukrainePossessor(toks, i-2)) {
			return true
		}
	}
	if !found {
		return false
	}
	cl := e.clause[f.tok]
	for i := range toks {
		if e.clause[i] != cl {
			continue
		}
		b := toks[i].base()
		if strings.HasPrefix(b, "ukrain") || b == "kyiv" || b == "kiew" {
			return false
		}
	}
	return true
}

// ownForces reports the forces noun at i as the donor's own: "its own
// army", "den eigenen Streitkräften", "funding for the armed forces".
// Whose forces the text means is settled by ownBudget, which keeps any
// clause naming Ukraine.
func ownForces(toks []token, i int) bool {
	k := i - 1
	if k >= 0 && toks[k].low == "armed" {
		k--
	}
	if k < 0 {
		return false
	}
	switch toks[k].low {
	case "own", "eigenen", "eigene", "eigener":
		return true
	case "the", "die", "den":
		return k >= 1 && (toks[k-1].low == "for" || toks[k-1].low == "für")
	}
	return false
}

// ukrainePossessor reports Ukraine as the owner of what follows token i:
// "Ukraine's", "ukrainische", "Ukrainian".
func ukrainePossessor(toks []token, i int) bool {
	if i < 0 {
		return false
	}
	l := toks[i].low
	return l == "ukraine's" || l == "ukraine’s" || l == "ukrainian" || strings.HasPrefix(l, "ukrainisch") || l == "kyiv's"
}

// background reports a total quoted as background: "Since 2022 Britain
// has provided £12.8bn", "bislang 52 Gepard", "between 2022 and 2023 the
// country provided €2.6bn". A marker of a fresh pledge in the figure's
// clause ("a further", "weitere", "today") overrides it.
func (e *extractor) background(f *figure) bool {
	toks := e.toks
	cl := e.clause[f.tok]
	found, total := false, false
	for j := range toks {
		if j >= f.tok && e.clause[j] != cl {
			break
		}
		if j >= f.tok && j < f.end {
			continue
		}
		if isBackgroundAt(toks, j) && !rankQualifier(toks, j) {
			found = true
			break
		}
		if isTotalAt(toks, j) && !(j < f.tok && f.tok-j <= 3 && qualifiesFigure(toks, j, f.tok)) {
			found, total = true, true
			break
		}
	}
	if !found && e.base > 0 {
		// a span of past years: "between 2022 and 2023"
		if p := sentencePeriod(toks, 0); p != nil && p.To < e.base {
			return !e.freshInClause(f, true)
		}
		if f.money && e.pastYearTotal() {
			return !e.freshInClause(f, true)
		}
	}
	return found && !(total && e.packageInClause(f)) && !e.freshInClause(f, false)
}

// isTotalAt reports a word of a running total at i: "in total",
// "insgesamt", "altogether", "all told", and a total with a definite or
// possessive determiner ("bringing its total to", "der Gesamtwert der
// Hilfe"); "a total of" and "im Gesamtwert von" state a package's value
// and are not markers.
func isTotalAt(toks []token, i int) bool {
	switch toks[i].low {
	case "insgesamt", "altogether", "cumulatively":
		// "Insgesamt geht es um 19 Maschinen", "insgesamt handelt es
		// sich um 40 Fahrzeuge": the size of one thing, not a sum
		return !(i+3 < len(toks) && (toks[i+1].low == "geht" && toks[i+2].low == "es" && toks[i+3].low == "um" || toks[i+1].low == "handelt" && toks[i+2].low == "es"))
	case "in", "all":
		return i+1 < len(toks) && (toks[i+1].low == "total" || toks[i+1].low == "all" && toks[i].low == "in" || toks[i+1].low == "told")
	case "total", "totals", "tally", "gesamtwert", "gesamtsumme", "gesamtvolumen", "gesamtumfang", "gesamthöhe", "gesamthilfe", "gesamtbetrag":
		if i == 0 {
			return toks[i].low != "total"
		}
		if toks[i].low == "total" && i+1 < len(toks) {
			// "the total pledge of 30 aircraft stands": the whole of
			// one pledge, not a running total
			switch toks[i+1].low {
			case "pledge", "commitment", "order", "contract", "package":
				return false
			}
		}
		switch toks[i-1].low {
		case "its", "their", "the", "his", "her", "der", "die", "das", "den", "dem", "seine", "seinen", "ihre", "ihren", "overall", "cumulative", "running":
			return true
		}
	}
	return false
}

// qualifiesFigure reports a total word that qualifies the figure straight
// after it: "insgesamt 100 Millionen Franken", "a total of €50m", "in total
// €3bn over three years".
func qualifiesFigure(toks []token, j, fig int) bool {
	switch toks[j].low {
	case "insgesamt", "altogether", "in":
	default:
		return false // "bringing its total to €300m"
	}
	for k := j; k < fig; k++ {
		switch toks[k].low {
		case "insgesamt", "in", "total", "a", "of", "altogether", "rund", "about", "around", "more", "than", "mehr", "als", "knapp", "fast", "über", "bis", "zu", "up", "to":
		default:
			return false
		}
	}
	return true
}

// packageInClause reports a single package named in the figure's clause,
// whose value a total word may state: "Das Paket hat insgesamt einen Wert
// von 500 Millionen Euro".
func (e *extractor) packageInClause(f *figure) bool {
	cl := e.clause[f.tok]
	for j := range e.toks {
		if e.clause[j] != cl {
			continue
		}
		switch e.toks[j].low {
		case "package", "paket", "hilfspaket", "militärpaket", "tranche", "drawdown":
			return true
		}
	}
	return false
}

// aidBudget reports whether the budget word at j is the recipient's
// budget or budget support ("Haushaltshilfe", "Ukraine's budget"), which
// makes the amount aid, not the donor's own budget.
func (e *extractor) aidBudget(j int) bool {
	toks := e.toks
	switch toks[j].base() {
	case "budget", "budgets", "haushalt", "etat", "spending", "ausgaben":
	default:
		return false
	}
	if j > 0 && (toks[j-1].low == "aid" || toks[j-1].low == "assistance" || strings.HasSuffix(toks[j-1].low, "hilfe")) {
		return true // "from its military aid budget"
	}
	if j+1 < len(toks) && (toks[j+1].low == "support" || toks[j+1].low == "assistance") {
		return true
	}
	for k := max(j-3, 0); k < j; k++ {
		b := toks[k].base()
		if b == "ukraine" || b == "ukrainian" || strings.HasPrefix(b, "ukrainisch") || b == "kyiv" || b == "kiew" {
			return true
		}
	}
	if j+2 < len(toks) && (toks[j+1].low == "der" || toks[j+1].low == "of" || toks[j+1].low == "des") {
		b := toks[j+2].base()
		if b == "ukraine" || strings.HasPrefix(b, "ukrain") {
			return true
		}
	}
	// "a budget of €1 billion for military aid to Ukraine", "überplanmäßige
	// Ausgaben in Höhe von 1,9 Milliarden Euro für die Unterstützung der
	// Ukraine": the budget is the aid's, when its clause goes on to say
	// what it is for
	own := j > 0
	if own {
		switch toks[j-1].low {
		case "defence", "defense", "military", "own", "national", "its", "their", "annual", "eigene", "eigenen":
		default:
			own = false
		}
	}
	switch toks[j].base() {
	case "budget", "haushalt", "etat", "ausgaben", "spending":
	default:
		own = true
	}
	if !own {
		for k := j + 1; k < len(toks) && k < j+16 && e.clause[k] == e.clause[j]; k++ {
			switch b := toks[k].base(); {
			case isUkraineWord(b), b == "aid", b == "assistance", b == "support", b == "unterstützung", strings.HasSuffix(b, "hilfe"):
				return true
			}
		}
	}
	return false
}

// rankQualifier reports a marker of time at i that qualifies a
// superlative, not a figure: "its largest military aid package to date",
// "das bislang größte Paket". The package ranked is new; only a figure
// the marker governs is a running total ("has sent €5bn to date").
func rankQualifier(toks []token, i int) bool {
	superlative := func(k int) bool {
		if k < 0 || k >= len(toks) {
			return false
		}
		switch toks[k].low {
		case "largest", "biggest", "greatest", "größte", "größtes", "größten", "größter", "umfangreichste", "umfangreichstes", "umfangreichsten":
			return true
		}
		return false
	}
	// shortly before ("largest military aid package to date") or straight
	// after ("bislang größte")
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if superlative(k) {
			return true
		}
	}
	// an ordinal ranks the package: "Sweden's 16th since Russia's
	// invasion", "its fifth since 2022"
	if i >= 1 && ordinalToken(toks[i-1].low) {
		return true
	}
	if i >= 2 && toks[i-2].kind == tNum && !toks[i-1].space {
		switch toks[i-1].low {
		case "th", "st", "nd", "rd":
			return true // "16th", split by the tokenizer
		}
	}
	return superlative(i + 1)
}

// ordinalToken reports an ordinal number: "16th", "21st", "fifth".
func ordinalToken(w string) bool {
	if n := len(w); n > 2 && w[0] >= '0' && w[0] <= '9' {
		switch w[n-2:] {
		case "th", "st", "nd", "rd":
			return true
		}
	}
	switch w {
	case "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth":
		return true
	}
	return false
}

// isBackgroundAt reports whether a marker of a past total starts at i.
func isBackgroundAt(toks []token, i int) bool {
	switch toks[i].low {
	case "bislang", "bisher", "seither", "seitdem", "cumulatively", "cumulative", "hitherto", "erfasst", "tracked", "tallied", "tally":
		// "erfasst", "tracked": figures a tracker counted
		return true
	case "since", "seit":
		for k := i + 1; k < len(toks) && k <= i+3; k++ {
			if yearOf(&toks[k]) > 0 {
				return true
			}
			switch toks[k].base() {
			case "beginn", "kriegsbeginn", "anfang", "start", "beginning", "outbreak", "invasion", "february", "februar", "full-scale", "ausbruch", "then", "dem", "russia", "russland", "russlands", "krieg", "kriegs", "war":
				return true
			}
		}
	case "so", "thus":
		return i+1 < len(toks) && toks[i+1].low == "far"
	case "to":
		return i+1 < len(toks) && toks[i+1].low == "date"
	}
	return false
}

// freshInClause reports a marker of a new pledge in the figure's clause:
// "a further", "weitere", "new". A word of time ("now", "heute") counts
// only where weak is set: "has now committed more than $4bn since 2022"
// is still a running total.
func (e *extractor) freshInClause(f *figure, weak bool) bool {
	cl := e.clause[f.tok]
	for j := range e.toks {
		if e.clause[j] != cl {
			continue
		}
		switch e.toks[j].low {
		case "further", "additional", "another", "new", "weitere", "weiteren", "zusätzliche", "zusätzlichen", "zusätzlich", "neue", "neues", "neuen", "latest", "jüngste":
			return true
		case "now", "today", "heute", "nun", "jetzt":
			if weak {
				return true
			}
		}
	}
	return false
}

// firstOfPledge reports a count that schedules the first part of a
// larger pledge: "die ersten sechs Maschinen sollen ... übergeben
// werden", "the first two of the F-16s Belgium has promised". The pledge
// is the whole, which the text states elsewhere. Only a schedule (a
// future marker after the count) is refused: a first batch that has
// arrived ("Kyiv received the first six F-16 jets") is a delivery the
// guidelines record.
func firstOfPledge(toks []token, f *figure) bool {
	if f.tok < 2 {
		return false
	}
	switch toks[f.tok-1].low {
	case "first", "ersten":
	default:
		return false
	}
	switch toks[f.tok-2].low {
	case "the", "die", "den", "der", "its", "seine", "ihre":
	default:
		return false
	}
	for i := f.end; i < len(toks); i++ {
		switch toks[i].low {
		case "soll", "sollen", "will", "would", "werden", "wird", "shall", "due", "expected":
			return true
		}
	}
	return false
}
