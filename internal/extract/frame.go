package extract

import "strings"

// The rules here judge who acts in a sentence and for whom, where the
// pledge rules (pledge.go) look at the words around a figure. Each asks a
// question a careful reader asks before taking a figure for a pledge to
// Ukraine by one donor:
//
//   - Is the figure one donor's, or a group's? A coalition's aim, a joint
//     figure of several countries ("Gemeinsam mit den Niederlanden will
//     Deutschland ..."), a commitment of "the member states" belongs to no
//     single donor (jointFigure, collectiveSubject).
//   - Is the figure vague? "mehrere Tausend Systeme", "thousands of
//     drones", "several billion euros" state no number (vagueScale).
//   - Is it someone's own business? A country ordering arms for itself
//     from a supplier, a company's order book or revenue, stocks being
//     replenished, a plan to rearm Europe (ownBusiness).
//   - Is Ukraine the actor? "Ukraine's domestic producers will deliver
//     four million drones" is production, not a donor's pledge
//     (ukraineActs).
//   - Is it a running total? "steigt der Gesamtwert ... auf 28 Milliarden",
//     "Militärhilfen von zusammen 10,5 Milliarden Euro erfasst", "has
//     trained more than 40,000", a whole past year's aid (risesTo,
//     combinedFigure, runningCount, pastYearTotal).
//   - Is it all the donor's? "die Hälfte eines weiteren Systems" (shareOf).
//   - Is it decided? A package that "has not been brought to a vote"
//     (pendingApproval).
//
// Each rule names its cue words and is tested in TestFrameRules with a
// sentence it must refuse and, where the line is fine, one it must keep.

// jointWords make the figure after them a joint one: "gemeinsam mit",
// "together with", "jointly", "joint commitment".
func (e *extractor) jointFigure(f *figure) bool {
	toks := e.toks
	for j := 0; j < f.tok; j++ {
		switch toks[j].low {
		case "gemeinsam", "together", "zusammen", "jointly":
			// "gemeinsam mit", "together with" a party; a separable
			// particle at the end of a clause ("kommen ... zusammen") is
			// not joint, nor are things listed together ("delivered,
			// together with the 30 guns")
			if j+1 < len(toks) && (toks[j+1].low == "mit" || toks[j+1].low == "with") && e.partyWithin(j+2, j+5) {
				return true
			}
			if toks[j].low == "jointly" {
				return true
			}
			// "Denmark, Norway and Sweden would together finance":
			// "together" before a verb, with several donors named
			if j+1 < len(toks) && toks[j+1].low != "with" && toks[j+1].low != "mit" && e.donorsBefore(j) >= 2 {
				return true
			}
		case "joint", "gemeinsame", "gemeinsamen":
			return true
		}
	}
	return false
}

// donorsBefore counts the distinct donors named before token j, up to
// two.
func (e *extractor) donorsBefore(j int) int {
	first := ""
	for _, m := range e.mentions {
		if m.tok >= j || m.code == "" || nonDonors[m.code] || m.location {
			continue
		}
		if first == "" {
			first = m.code
		} else if m.code != first {
			return 2
		}
	}
	if first != "" {
		return 1
	}
	return 0
}

// partyWithin reports a donor or a group of donors named from token a up
// to token b: the partner of "together with", "gemeinsam mit".
func (e *extractor) partyWithin(a, b int) bool {
	b = min(b, len(e.toks))
	for _, m := range e.mentions {
		if m.tok >= a && m.tok < b && m.code != "" && !nonDonors[m.code] {
			return true
		}
	}
	for j := a; j < b; j++ {
		switch {
		case collectiveNoun(e.toks, j):
			return true
		}
		switch e.toks[j].low {
		case "partners", "partnern", "partnerländern", "partnerländer", "other", "anderen", "weiteren", "several", "mehreren":
			return true
		}
	}
	return false
}

// collectiveNoun reports a noun that names a group of donors: a
// coalition, an initiative, the allies, the member states.
func collectiveNoun(toks []token, j int) bool {
	b := toks[j].base()
	if governingCoalition(toks, j) {
		return false
	}
	if k := strings.LastIndexByte(b, '-'); k >= 0 {
		b = b[k+1:]
	}
	switch {
	case strings.HasSuffix(b, "koalition"), b == "coalition", b == "initiative", b == "scheme", b == "alliance", b == "bündnis",
		b == "allies", b == "verbündeten", b == "verbündete":
		return true
	}
	// "the member states" are the EU deciding, not a group of donors
	return false
}

// governingCoalition reports a coalition that governs one country, which
// speaks for its government: "die Regierungskoalition", "die
// Ampel-Koalition", "the coalition government", "coalition partner
// Denmark".
func governingCoalition(toks []token, j int) bool {
	b := toks[j].low
	if !strings.HasSuffix(b, "koalition") && b != "coalition" {
		return false
	}
	for _, p := range []string{"regierungs", "ampel", "groko", "koalitionsregierung"} {
		if strings.HasPrefix(b, p) {
			return true
		}
	}
	if j+1 < len(toks) {
		switch toks[j+1].low {
		case "government", "governments", "regierung", "partner", "partners", "parties", "parteien", "agreement", "vertrag", "koalitionsvertrag":
			return true
		}
	}
	return j > 0 && (toks[j-1].low == "governing" || toks[j-1].low == "ruling" || toks[j-1].low == "große" || toks[j-1].low == "grand")
}

// collectiveSubject reports a group named as the subject of the figure's
// sentence: before the figure and before any single donor, and not as the
// receiver of a contribution ("to the drone coalition", "für die
// Koalition"). Donors named after it lead or belong to it: "The drone
// coalition led by Latvia and the UK aims to get one million drones". A
// group led by one named donor speaks for it: "The Czech-led ammunition
// initiative aims to deliver up to 1.8 million rounds".
func (e *extractor) collectiveSubject(f *figure) bool {
	toks := e.toks
	first := f.tok // the first single donor named
	var codes [2]string
	n := 0
	for _, m := range e.mentions {
		if m.tok >= f.tok || m.code == "" || nonDonors[m.code] || m.location {
			continue
		}
		if m.strong && m.tok < first {
			first = m.tok
		}
		if n == 0 || n == 1 && codes[0] != m.code {
			codes[n] = m.code
			n++
		}
	}
	if n == 1 {
		for _, m := range e.mentions {
			if m.tok < f.tok && m.code == codes[0] && e.ledBy(m.tok) {
				return false
			}
		}
	}
	if n == 0 {
		// "The Czech-led initiative": one leader, named in the compound
		for j := 0; j < f.tok; j++ {
			if strings.HasSuffix(toks[j].low, "-led") || strings.HasSuffix(toks[j].low, "-geführte") || strings.HasSuffix(toks[j].low, "-geführten") {
				return false
			}
		}
	}
	for j := 0; j < first; j++ {
		if !collectiveNoun(toks, j) {
			continue
		}
		receiver := false // or named in a phrase: "Among the allies, Germany ..."
		for k := j - 1; k >= 0 && k >= j-3; k-- {
			if _, ok := recipientPrepositions[toks[k].low]; ok {
				receiver = true
				break
			}
			switch toks[k].low {
			case "zur", "zum", "among", "unter", "under", "of", "von", "with", "mit", "from", "bei", "within", "innerhalb":
				receiver = true
			}
			if receiver {
				break
			}
		}
		if !receiver {
			return true
		}
	}
	return false
}

// ledBy reports a donor named as the leader of a group: "Czech-led",
// "led by Latvia", "unter Führung Lettlands", "von Tschechien angeführte".
func (e *extractor) ledBy(j int) bool {
	toks := e.toks
	if strings.HasSuffix(toks[j].low, "-led") || strings.HasSuffix(toks[j].low, "-geführte") || strings.HasSuffix(toks[j].low, "-geführten") {
		return true
	}
	for k := max(j-3, 0); k < min(j+3, len(toks)); k++ {
		switch toks[k].low {
		case "led", "leads", "leading", "führung", "angeführte", "angeführten", "geführte", "geführten", "angestoßene", "angestoßenen":
			return true
		}
	}
	return false
}

// priceOf reports an amount at i introduced as what a purchase cost: "at
// a cost of", "zum Preis von".
func priceOf(toks []token, i int) bool {
	if i < 2 || toks[i-1].low != "of" && toks[i-1].low != "von" {
		return false
	}
	switch toks[i-2].low {
	case "cost", "price", "preis":
		return purchasePrice(toks, i-2)
	}
	return false
}

// vagueWords before a scale leave the number unstated: "mehrere Tausend",
// "several billion", "some hundred".
var vagueWords = toSet("mehrere|einige|etliche|viele|ein paar|paar|zig|several|some|many|few|a few|numerous|countless|unzählige")

// vagueScale reports a figure that is a bare scale word with a vague word
// before it or in the plural: "mehrere Tausend Systeme", "thousands of
// drones", "Hunderte Panzer", "Millionen Schuss".
func vagueScale(toks []token, i int) bool {
	t := &toks[i]
	if t.kind != tWord {
		return false
	}
	switch t.low {
	case "thousands", "millions", "billions", "hundreds", "dozens", "tausende", "hunderte", "dutzende":
		return true
	case "millionen", "milliarden":
		return i == 0 || toks[i-1].kind != tNum && (toks[i-1].info == nil || !toks[i-1].info.number)
	}
	_, scale := scaleWords[t.low]
	if !scale && t.low != "hundert" && t.low != "hundred" && t.low != "dutzend" && t.low != "dozen" {
		return false
	}
	if i == 0 {
		return false
	}
	_, vague := vagueWords[toks[i-1].low]
	return vague
}

// procureVerbs are verbs of buying or ordering.
var procureVerbs = toSet("buy|purchase|bestellt|bestellte|bestellten|ordered|orders|order|purchased|purchases|bought|buys|kauft|kaufte|kauften|gekauft|erwirbt|erwarb|erworben|acquired|acquires|beschafft|beschaffte")

// ownBusiness reports a sentence about a country's or a company's own
// business that names no Ukraine: arms ordered from a supplier ("hat in
// Südkorea und den USA 1.000 Kampfpanzer bestellt", "bought 96 Apaches
// from the United States"), contracts a company received, stocks being
// replenished, a plan to rearm.
func (e *extractor) ownBusiness() bool {
	toks := e.toks
	procure, supplier, contract, receive, buyerActs, signed := false, false, false, false, false, false
	for i := range toks {
		if toks[i].flags&wBusiness == 0 {
			continue
		}
		b := toks[i].base()
		switch b {
		case "replenish", "replenishing", "replenishment", "auffüllen", "aufzufüllen", "wiederauffüllung", "backfill", "rearm", "aufrüstung":
			// "to replenish US stocks sent to Ukraine": the donor's own
			// stocks, whether or not Ukraine is named
			return true
		}
		if e.ukraine {
			continue
		}
		if _, ok := procureVerbs[b]; ok {
			procure = true
			buyerActs = buyerActs || e.donorBefore(i)
		}
		switch b {
		case "contract", "contracts", "auftrag", "aufträge", "orders", "rahmenvertrag":
			contract = true
		case "signed", "signs", "unterzeichnet", "unterzeichnete", "abgeschlossen", "schloss":
			// signing a contract is buying: "Poland signed contracts for
			// 180 K2 tanks"; a passive ("had been signed") names no buyer
			if i == 0 || toks[i-1].low != "been" && toks[i-1].low != "be" && toks[i-1].low != "worden" {
				signed = true
				buyerActs = buyerActs || e.donorBefore(i)
			}
		case "received", "receives", "erhielt", "erhalten", "erhält", "won", "gewann", "awarded":
			receive = true
		case "in", "bei", "from", "von", "aus":
			// a supplier company: "bestellt bei dem Düsseldorfer
			// Konzern", "ordered from the manufacturer"
			if (b == "bei" || b == "from") && supplierCompany(toks, i+1) {
				supplier = true
			}
			// a supplier country: "in Südkorea", "from the United States"
			for _, m := range e.mentions {
				if m.code != "" && m.kind == mName && (m.tok == i+1 || m.tok == i+2 && (toks[i+1].low == "the" || toks[i+1].low == "den" || toks[i+1].low == "der")) {
					supplier = true
				}
			}
		}
	}
	// A party that buys or orders, in a sentence that names no Ukraine,
	// buys for itself: "Poland has ordered 1,000 K2 tanks", "The British
	// Army has ordered the Starstreak ... under a contract worth £280
	// million". A donor buying for Ukraine says so ("will buy 20,000
	// shells for Ukraine"); a sentence that goes on with a pledge before
	// ("Dazu kauft Berlin ...") is read by the rules for continuations,
	// and a passive order with no buyer named ("the contract for 50
	// vehicles, ordered from ...") is left to them too.
	if (procure || contract && signed) && buyerActs && !e.continuesPledge() {
		return true
	}
	return procure && supplier || contract && receive
}

// donorBefore reports a party that may pledge named before token i, or a
// pronoun that opens the sentence and stands for one ("Sie hat bei
// Rheinmetall einen Rahmenvertrag abgeschlossen").
func (e *extractor) donorBefore(i int) bool {
	if i > 0 && len(e.toks) > 0 {
		switch e.toks[0].low {
		case "sie", "er", "it", "they", "she", "he":
			return true
		}
	}
	for _, m := range e.mentions {
		if m.tok < i && m.code != "" && !nonDonors[m.code] && m.kind != mLocation {
			return true
		}
	}
	return false
}

// continuesPledge reports a sentence that follows, in the same paragraph,
// a sentence that gave a candidate.
func (e *extractor) continuesPledge() bool {
	return e.prevCandPara == e.paraNo && e.sentNo-e.prevCandSent <= 1
}

// supplierCompany reports a company named within three tokens from j:
// "dem Düsseldorfer Konzern", "the manufacturer".
func supplierCompany(toks []token, j int) bool {
	for k := j; k < len(toks) && k < j+3; k++ {
		switch toks[k].low {
		case "konzern", "rüstungskonzern", "hersteller", "unternehmen", "firma", "manufacturer", "company", "firm", "contractor", "industry", "industrie":
			return true
		}
	}
	return false
}

// businessWords are the other words ownBusiness looks at.
var businessWords = toSet("rahmenvertrag|signed|signs|unterzeichnet|unterzeichnete|abgeschlossen|schloss|replenish|replenishing|replenishment|auffüllen|aufzufüllen|wiederauffüllung|backfill|rearm|aufrüstung|contract|contracts|auftrag|aufträge|orders|received|receives|erhielt|erhalten|erhält|won|gewann|awarded|in|bei|from|von|aus")

// ukraineActs reports a figure whose actor is Ukraine itself or its
// industry: Ukraine named as the subject before the figure, no donor
// between, and no verb of receiving ("Ukraine's domestic producers will
// deliver four million drones").
func (e *extractor) ukraineActs(f *figure) bool {
	toks := e.toks
	subj := -1
	for _, m := range e.mentions {
		if m.tok >= f.tok {
			break
		}
		if m.code != "" && m.code != "UA" && !m.location && m.strong {
			return false
		}
		if m.code == "UA" && subj < 0 {
			subj = m.tok
		}
	}
	if subj >= 0 && producedBy(toks, subj) {
		// "the House will wish to know that Ukraine produced 1.5
		// million drones": Ukraine is the subject of a verb of making
		return true
	}
	if subj < 0 || subj > 2 {
		return false
	}
	for j := 0; j < len(toks); j++ {
		switch toks[j].low {
		case "domestic", "heimische", "heimischen", "einheimische", "inländische", "eigene", "own":
			return true
		}
		if _, ok := receiveVerbs[toks[j].low]; ok {
			return false
		}
	}
	return false
}

// producedBy reports a verb of making straight after the party at j:
// "Ukraine produced", "die Ukraine produziert", "Ukraine makes".
func producedBy(toks []token, j int) bool {
	for k := j + 1; k < len(toks) && k <= j+2; k++ {
		switch toks[k].low {
		case "produced", "produces", "produce", "manufactured", "manufactures", "makes", "made", "built", "builds",
			"produziert", "produzierte", "produzierten", "fertigt", "fertigte", "baut", "baute", "stellt", "stellte":
			if toks[k].low == "stellt" || toks[k].low == "stellte" {
				// "die Ukraine stellt ... her", not "stellt ... bereit"
				for i := k + 1; i < len(toks); i++ {
					if toks[i].low == "her" {
						return true
					}
				}
				return false
			}
			return true
		}
	}
	return false
}

// risesTo reports a figure that a total rises to: "steigt der Gesamtwert
// ... auf 28 Milliarden Euro", "taking the total to", "bringing ... to".
func (e *extractor) risesTo(f *figure) bool {
	toks := e.toks
	k := f.tok - 1
	for k >= 0 {
		switch toks[k].low {
		case "rund", "etwa", "about", "around", "some", "more", "than", "mehr", "als", "über", "knapp", "nearly", "almost", "fast", "roughly", "circa", "rd":
			k--
			continue
		}
		break
	}
	if k >= 0 {
		switch toks[k].low {
		case "reached", "reaches", "erreicht", "erreichte", "erreichten":
			// "total support had reached more than NZ$130 million": a
			// sum that got somewhere is a running total
			return true
		case "counts", "counted", "tallies", "zählt", "zählte":
			// "the inspector general counts about $66 billion": a
			// count someone keeps
			return true
		case "exceeds", "exceeded", "surpasses", "surpassed", "tops", "topped", "übersteigt", "überstieg", "übertrifft", "übertraf":
			// "its total contribution now exceeds A$1.3 billion"; a
			// package that exceeds a sum is still a package
			for j := k - 1; j >= 0 && e.clause[j] == e.clause[f.tok]; j-- {
				if isTotalAt(toks, j) || toks[j].low == "total" || strings.HasPrefix(toks[j].low, "gesamt") || toks[j].low == "overall" || toks[j].low == "cumulative" {
					return true
				}
			}
		}
	}
	if k < 0 || toks[k].low != "auf" && toks[k].low != "to" {
		return false
	}
	cl := e.clause[f.tok]
	if ellipsis(toks, e.clause, k) {
		// "Europa kommt auf 132 Milliarden, die USA auf 114 Milliarden":
		// the second clause leaves out the verb of the first
		cl--
	}
	for j := k - 1; j >= 0 && e.clause[j] >= cl; j-- {
		switch toks[j].low {
		case "kommt", "kommen", "kam", "kamen":
			// "Europa kommt dabei auf 132 Milliarden Euro": a sum;
			// "kommen ... hinzu" adds to a pledge and has no "auf"
			return true
		// not "erhöht", "increases": a donor raising its aid pledges
		case "steigt", "stieg", "steigen", "wächst", "wuchs", "klettert", "kletterte", "klettern", "rises", "rose", "risen", "grows", "grew", "climbs", "climbed", "bringing", "brings", "brought", "taking", "takes",
			// verbs that state a sum: "beläuft sich auf", "amounts to"
			"beläuft", "belaufen", "belief", "beliefen", "amounts", "amounted":
			return true
		}
	}
	return false
}

// ellipsis reports a clause that goes from its start to token k with
// only a party or a noun and its article: "die USA auf 114 Milliarden",
// where the verb is the one of the clause before.
func ellipsis(toks []token, clause []int, k int) bool {
	if clause[k] == 0 {
		return false
	}
	start := k
	for start > 0 && clause[start-1] == clause[k] {
		start--
	}
	// the comma, then at most an article, a conjunction and two words
	n := k - start - 1
	if n < 1 || n > 3 {
		return false
	}
	for j := start + 1; j < k; j++ {
		if isVerbish(toks[j].low) || toks[j].kind != tWord {
			return false
		}
	}
	return true
}

// approvalNegations and approvalVotes are the words pendingApproval
// pairs: a vote or a parliament, and what stops it.
var (
	approvalNegations = toSet("not|nicht|keine|stalled|blocked|blockiert|blockieren")
	approvalVotes     = toSet("vote|abstimmung|mehrheit|majority|senate|senat|congress|kongress|parlament|parliament")
)

// pendingApproval reports a package still waiting for a vote: "passed the
// Senate but has not been brought to a vote in the House", "hat im
// Parlament noch keine Mehrheit". The negation must bear on the vote:
// near it, in the same clause. "The Senate passed the package, which had
// been blocked for months" and "Parliament approved €500 million, not
// counting humanitarian aid" are decided.
func (e *extractor) pendingApproval() bool {
	neg, vote := -100, -100
	for i := range e.toks {
		if e.toks[i].flags&wApproval == 0 {
			continue // on neither list: most words
		}
		if _, ok := approvalNegations[e.toks[i].low]; ok {
			neg = i
		} else if _, ok := approvalVotes[e.toks[i].low]; ok {
			vote = i
		} else {
			continue
		}
		if neg >= 0 && vote >= 0 && max(neg, vote)-min(neg, vote) <= 5 && e.clause[neg] == e.clause[vote] {
			return true
		}
	}
	return false
}

// runningCount reports an open count of what has been done so far: "has
// trained more than 40,000 soldiers", "hat mehr als 50 Gepard geliefert". A
// perfect tense with "more than" states a running total, not a new pledge.
func (e *extractor) runningCount(f *figure) bool {
	toks := e.toks
	k := f.tok - 1
	switch {
	case k >= 1 && toks[k].low == "than" && toks[k-1].low == "more", k >= 1 && toks[k].low == "als" && toks[k-1].low == "mehr":
		k -= 2
	default:
		return false
	}
	aux := func(i int) bool {
		if i < 0 {
			return false
		}
		switch toks[i].low {
		case "has", "have", "hat", "haben":
			return true
		}
		return false
	}
	if k < 0 {
		return false
	}
	switch toks[k].low {
	case "already", "bereits", "bisher", "schon", "far":
		k--
		if k >= 0 && toks[k].low == "so" {
			k--
		}
	}
	// "has trained more than", "hat mehr als 50 Gepard geliefert"; only
	// verbs of handing over or training, not of promising ("has pledged
	// more than £3bn this year")
	if aux(k) {
		for j := f.end; j < len(toks) && j < f.end+8; j++ {
			if doneVerb(toks[j].low) {
				return true
			}
		}
		return false
	}
	return aux(k-1) && doneVerb(toks[k].low)
}

// pastYearTotal reports aid summed over a whole past year: "Im Jahr 2023
// hatte Deutschland Militärhilfe im Wert von 5,4 Milliarden Euro
// geleistet", "In 2024 the Netherlands spent €2.1 billion on support". A
// year before the report's, with no month or day, and aid named as a
// whole: a yearly total quoted as background. "In January 2023 Ottawa
// purchased one NASAMS" is a specific pledge, and stays.
func (e *extractor) pastYearTotal() bool {
	toks := e.toks
	past, aid := false, false
	for i := range toks {
		if y := yearOf(&toks[i]); y > 0 && y < e.base && i > 0 {
			switch toks[i-1].low {
			case "jahr", "in", "im", "während":
				past = true
			}
			// "In January 2023": a month makes it a specific event
			if _, ok := months[toks[i-1].low]; ok {
				return false
			}
		}
		b := toks[i].low
		if strings.HasSuffix(b, "hilfe") || b == "aid" || b == "assistance" || b == "support" || b == "unterstützung" {
			aid = true
		}
	}
	return past && aid
}

// shareOf reports a figure that only a part of goes to the donor: "die
// Hälfte eines weiteren Systems", "half of a new battery", "a third of the
// 12 systems".
func shareOf(toks []token, f *figure) bool {
	for k := f.tok - 1; k >= 0 && k >= f.tok-3; k-- {
		switch toks[k].low {
		case "hälfte", "half", "drittel", "third", "viertel", "quarter", "share", "anteil", "part", "teil":
			return true
		}
	}
	return false
}

// doneVerb reports a participle of handing over or training.
func doneVerb(w string) bool {
	switch w {
	case "trained", "delivered", "provided", "sent", "supplied", "given", "donated", "transferred", "handed",
		"ausgebildet", "geliefert", "bereitgestellt", "übergeben", "geleistet", "geschickt", "überlassen", "gespendet":
		return true
	}
	return false
}

// combinedFigure reports "von zusammen 10,5 Milliarden Euro", "zusammen
// 300 Panzer": a sum over several donors.
func (e *extractor) combinedFigure(f *figure) bool {
	toks := e.toks
	k := f.tok - 1
	for k >= 0 && (toks[k].low == "rund" || toks[k].low == "etwa" || toks[k].low == "mehr" || toks[k].low == "als" || toks[k].low == "über") {
		k--
	}
	return k >= 0 && (toks[k].low == "zusammen" || toks[k].low == "together")
}

// shareOfTotal reports a sentence that splits a total among those who
// gave it: "Auf die Vereinigten Staaten entfällt davon knapp die Hälfte,
// auf die europäischen Länder zusammen mehr als 60 Milliarden Euro", "the
// US accounts for half of it". Its figures are shares of a running total.
func shareOfTotal(toks []token) bool {
	for i := range toks {
		switch toks[i].low {
		case "entfällt", "entfallen", "entfielen", "entfiel":
			return true
		case "accounts", "accounted", "account":
			if i+1 < len(toks) && toks[i+1].low == "for" {
				return true
			}
		}
	}
	return false
}

// remainingFunds reports an amount that is what is left of an authority
// or a budget: "roughly $5.9 billion in remaining drawdown authority",
// "die verbleibenden 2 Milliarden Euro". Spending it may come; the figure
// is no pledge.
func remainingFunds(toks []token, f *figure) bool {
	for j := max(f.tok-3, 0); j < min(f.end+3, len(toks)); j++ {
		switch toks[j].low {
		case "remaining", "verbleibende", "verbleibenden", "restliche", "restlichen", "übrige", "übrigen", "leftover", "unspent":
			return true
		}
	}
	return false
}

// refutedClaim reports a sentence that states a claim in order to refute
// it, as a fact check does: a line headed "Claim:" or "Behauptung:", or a
// figure between a claim and the words that call it false or unproven
// ("die Behauptung, Polen habe 100 Panzer zugesagt, lässt sich nicht
// belegen", "the post claims Italy sent 500 missiles, but there is no
// evidence"). Its figures are what someone said, not what a donor gave.
// A claim refuted before the figure ("dismissed the claims as false and
// pledged €1 billion") leaves the figure alone.
func (e *extractor) refutedClaim() bool {
	toks := e.toks
	if len(toks) > 1 && toks[1].low == ":" {
		switch toks[0].low {
		case "claim", "behauptung", "behauptet":
			return true
		}
	}
	claim := -1
	for i := range toks {
		switch toks[i].low {
		case "claim", "claims", "claimed", "behauptung", "behauptungen", "behauptet", "behauptete", "behaupten", "gerücht", "gerüchte", "rumour", "rumours", "rumor", "rumors", "allegation", "allegations", "angeblich", "allegedly":
			if claim < 0 {
				claim = i
			}
			continue
		case "falsch", "false", "untrue", "unbelegt", "unfounded", "baseless", "haltlos", "debunked", "widerlegt", "erfunden":
		case "belegen", "belegt", "beweisen", "bewiesen", "evidence", "proof", "substantiated":
			negated := false
			for k := max(i-4, 0); k < i; k++ {
				switch toks[k].low {
				case "nicht", "kein", "keine", "keinen", "no", "not", "nothing":
					negated = true
				}
			}
			if !negated {
				continue
			}
		default:
			continue
		}
		for k := range e.figs {
			if claim >= 0 && e.figs[k].tok > claim && e.figs[k].tok < i {
				return true
			}
		}
	}
	return false
}

// opposedTransfer reports a figure that someone argued against: "klagten
// gegen die Lieferung von 3.000 Panzerfäusten", "protested against the
// export of 20 jets". It names a transfer, but as the thing opposed.
func opposedTransfer(toks []token, f *figure) bool {
	k := f.tok - 1
	if k < 0 || toks[k].low != "von" && toks[k].low != "of" {
		return false
	}
	k--
	if k < 0 {
		return false
	}
	switch toks[k].low {
	case "lieferung", "ausfuhr", "export", "weitergabe", "verkauf", "delivery", "sale", "transfer", "supply", "shipment":
	default:
		return false
	}
	k--
	if k >= 0 && (toks[k].low == "die" || toks[k].low == "den" || toks[k].low == "the") {
		k--
	}
	return k >= 0 && (toks[k].low == "gegen" || toks[k].low == "against")
}

// rankedWith reports a figure by which a donor ranks among others, as a
// tracker's table reads: "liegen die USA mit 64 Milliarden Euro vorn",
// "steht mit 12,6 Milliarden Euro auf Platz zwei", "Germany ranks second
// with €12.6 billion". A rank is a running total, not a pledge.
func (e *extractor) rankedWith(f *figure) bool {
	toks := e.toks
	k := f.tok - 1
	for k >= 0 {
		switch toks[k].low {
		case "rund", "etwa", "about", "around", "some", "knapp", "nearly", "almost", "fast", "roughly", "circa", "rd", "über", "more", "than", "mehr", "als":
			k--
			continue
		}
		break
	}
	if k < 0 || toks[k].low != "mit" && toks[k].low != "with" {
		return false
	}
	for i := range toks {
		switch toks[i].low {
		// not "leads", "ahead", "on top": "Latvia, which leads the
		// coalition, will provide Ukraine with 1,000 drones"
		case "platz", "rang", "rank", "ranks", "ranked", "ranking", "spitze", "vorn", "vorne", "aufgeschlossen", "spitzenreiter", "schlusslicht":
			return true
		}
	}
	return false
}

// replacesDonated reports a sentence about replacing what a donor gave
// away: "Stockholm has ordered 44 vehicles, replacing those given to
// Ukraine", "um die an die Ukraine abgegebenen Haubitzen zu ersetzen".
// The order restocks the donor's own forces.
func (e *extractor) replacesDonated() bool {
	toks := e.toks
	for i := range toks {
		switch toks[i].low {
		case "replace", "replaces", "replacing", "replacement", "replacements":
			// "replacing vehicles given to Ukraine"; not "to replace
			// systems delivered earlier"
			for k := i + 1; k < len(toks) && k <= i+6; k++ {
				if (doneVerb(toks[k].low) || toks[k].low == "given" || toks[k].low == "donated") && e.ukraineIn(k+1, k+4) {
					return true
				}
			}
		case "ersetzen", "ersetzt", "ersatzbeschaffung", "nachbeschaffung", "nachbeschaffungen":
			// "die an die Ukraine abgegebenen Haubitzen ersetzen"; not
			// "sobald Ersatz für die eigene Armee eingetroffen ist"
			for k := max(i-6, 0); k < len(toks) && k <= i+6; k++ {
				if donatedAdj(toks[k].low) && e.ukraineIn(k-3, k) {
					return true
				}
			}
		}
	}
	return false
}

// donatedAdj reports a German participle used as an adjective of what was
// handed over: "die abgegebenen Haubitzen", "gelieferte Panzer".
func donatedAdj(w string) bool {
	for _, p := range [...]string{"abgegeben", "geliefert", "überlassen", "übergeben", "gespendet", "abgetreten"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) {
			return true
		}
	}
	return false
}

// membersAim reports a figure whose clause has the members of a group as
// its subject: "a coalition whose members aim to deliver one million
// drones", "deren Mitglieder 500.000 Granaten liefern wollen".
func (e *extractor) membersAim(f *figure) bool {
	toks := e.toks
	cl := e.clause[f.tok]
	for j := f.tok - 1; j >= 0 && e.clause[j] == cl; j-- {
		switch toks[j].low {
		case "members", "mitglieder":
			if j > 0 {
				switch toks[j-1].low {
				case "whose", "its", "their", "deren", "dessen", "ihre", "seine", "the", "die", "all", "alle":
					return !e.donorIn(j+1, f.tok)
				}
			}
		}
	}
	return false
}

// donorIn reports a single donor named from token a up to token b.
func (e *extractor) donorIn(a, b int) bool {
	for _, m := range e.mentions {
		if m.tok >= a && m.tok < b && m.code != "" && m.strong && !m.location && !nonDonors[m.code] {
			return true
		}
	}
	return false
}

// mergePrices gives a count the price stated for it later in the
// sentence: "is buying two Patriot systems from the United States for
// Ukraine at a cost of about $2 billion". The price is what the count
// costs, whoever the seller named beside it; mergeLone, which joins a
// sentence's one count and one amount, does not apply where the sentence
// has more amounts than the price.
func (e *extractor) mergePrices() {
	for k := range e.figs {
		a := &e.figs[k]
		if !a.money || a.conversion || a.absorbed {
			continue
		}
		i := a.tok // "at a cost of about $2 billion"
		for i > 0 && approximator(e.toks[i-1].low) {
			i--
		}
		if !priceOf(e.toks, i) {
			continue
		}
		for j := k - 1; j >= 0; j-- {
			q := &e.figs[j]
			if q.conversion || q.absorbed {
				continue
			}
			if !q.money && q.merged < 0 && a.tok-max(q.end, q.npEnd) <= 12 {
				q.merged = k
				a.absorbed = true
			}
			break
		}
	}
}

// approximator reports a word that makes the figure after it
// approximate: "about", "rund".
func approximator(w string) bool {
	switch w {
	case "about", "around", "roughly", "some", "nearly", "almost", "approximately", "rund", "etwa", "knapp", "circa", "ca", "fast", "ungefähr":
		return true
	}
	return false
}

// paysForEarlier gives the count of the sentence before the amount that
// pays for it, and reports whether it did: "... signed a contract for 50
// armoured vehicles destined for Ukraine. Ottawa will pay C$90 million
// for the vehicles." The amount is the count's price when the words after
// it point back ("for the vehicles", "for them", "dafür", "für die
// Fahrzeuge") and the donor is the same; the two are one pledge.
func (e *extractor) paysForEarlier(f *figure, donor string) bool {
	if e.prevCandPara != e.paraNo || e.prevCandSent != e.sentNo-1 || len(e.out) == 0 {
		return false
	}
	prev := &e.out[len(e.out)-1]
	if prev.Quantity == nil || prev.Amount != nil || prev.Donor != donor {
		return false
	}
	toks := e.toks
	j := f.end
	k := f.tok - 1
	for k >= 0 && approximator(toks[k].low) {
		k--
	}
	if j < len(toks) && toks[j].low == "dafür" || k >= 0 && toks[k].low == "dafür" {
		// "zahlt dafür 80 Millionen Euro"
		return e.priceTo(prev, f, donor)
	}
	if j+1 >= len(toks) || toks[j].low != "for" && toks[j].low != "für" {
		return false
	}
	j++
	switch toks[j].low {
	case "them", "sie", "these", "diese":
		return e.priceTo(prev, f, donor)
	case "the", "die", "den":
	default:
		return false
	}
	j++
	if j >= len(toks) {
		return false
	}
	switch toks[j].low {
	case "vehicles", "systems", "weapons", "items", "fahrzeuge", "systeme", "waffen":
		return e.priceTo(prev, f, donor)
	}
	if hit, ok := e.catAt(j); ok && hit.cue.cat == prev.Category {
		return e.priceTo(prev, f, donor)
	}
	return false
}

// priceTo sets the amount f as the price of the candidate c.
// When samples are collected, the sample of c, the last one proposed,
// gets the price too, so that the model learns from what Extract returns.
func (e *extractor) priceTo(c *Candidate, f *figure, donor string) bool {
	e.setAmount(c, f, donor)
	if e.sampling {
		for i := len(e.samples) - 1; i >= 0; i-- {
			if e.samples[i].Proposed {
				e.setAmount(&e.samples[i].Candidate, f, donor)
				break
			}
		}
	}
	return true
}

// ownUnit reports a unit of the armed forces named by a German compound,
// as a donor names its own: "der Panzergrenadierbrigade 41",
// "das Jagdgeschwader 74", "dem Panzerbataillon 393". A sentence that
// names such a unit and not Ukraine speaks of the donor's own forces;
// Ukraine's brigades are named as such ("die ukrainische 47. Brigade").
func ownUnit(toks []token) bool {
	for i := range toks {
		t := &toks[i]
		if !t.upper || len(t.low) < 12 {
			continue
		}
		for _, suf := range [...]string{"brigade", "bataillon", "regiment", "geschwader", "division"} {
			if strings.HasSuffix(t.low, suf) {
				return true
			}
		}
	}
	return false
}

// mentionEndsAt reports a party named straight before token i.
func (e *extractor) mentionEndsAt(i int) bool {
	for _, m := range e.mentions {
		if m.end == i {
			return true
		}
	}
	return false
}

// targetClause reports a figure in an infinitive clause that spells out
// a target named just before it: "bekräftigten das Ziel, der Ukraine
// jedes Jahr mindestens 40 Milliarden Euro zu leisten", "reaffirmed the
// goal, to provide at least €40 billion a year". The target is not yet a
// pledge.
func (e *extractor) targetClause(f *figure) bool {
	toks := e.toks
	cl := e.clause[f.tok]
	if cl == 0 {
		return false
	}
	target := false
	for j := 0; j < f.tok; j++ {
		if e.clause[j] == cl-1 && toks[j].info != nil && toks[j].info.flags&wTarget != 0 && isTargetNoun(toks, j) {
			target = true
		}
	}
	if !target {
		return false
	}
	// the figure's clause is an infinitive: "zu" before its last verb,
	// or "to" before a verb at its start
	for j := f.tok - 1; j >= 0 && e.clause[j] == cl; j-- {
		if toks[j].low == "to" {
			return true
		}
	}
	for j := f.end; j+1 < len(toks) && e.clause[j] == cl; j++ {
		// "zu leisten." and not the particle of "sagt ... zu."
		if toks[j].low == "zu" && toks[j+1].kind == tWord && (j+2 >= len(toks) || toks[j+2].kind == tPunct) {
			return true
		}
	}
	return false
}

// coordinatedNext reports a figure after figure k joined to it by "and"
// alone: "180 K2 tanks and more than 200 K9 howitzers for its own army".
// What follows the second applies to the first too.
func (e *extractor) coordinatedNext(k int) (int, bool) {
	f := &e.figs[k]
	for j := k + 1; j < len(e.figs); j++ {
		g := &e.figs[j]
		if g.conversion || g.absorbed {
			continue
		}
		a := max(f.end, f.npEnd)
		if g.tok-a < 1 || g.tok-a > 4 {
			return 0, false
		}
		joined := false
		for i := a; i < g.tok; i++ {
			switch e.toks[i].low {
			case "and", "und", "sowie":
				joined = true
			case "more", "than", "mehr", "als", "über", "up", "to", "bis", "zu", "some", "about", "rund", "etwa":
			default:
				return 0, false
			}
		}
		return j, joined
	}
	return 0, false
}
