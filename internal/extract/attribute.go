package extract

import (
	"strings"
)

// donorRef is a donor as a candidate names it.
type donorRef struct{ code, text string }

// donorChoice is the donor (or donors, for "Denmark and Norway will each
// add €25m") of a figure.
type donorChoice struct {
	all      []donorRef
	code     string // the first of all
	explicit bool   // named in the sentence, not carried over
	ok       bool
}

// donorFor picks the donor of figure k: the nearest donor named before it
// in the sentence, else one named after it (with no other figure in
// between), else the donor of the previous sentences, else the one donor
// the document names.
func (e *extractor) donorFor(k int) donorChoice {
	f := &e.figs[k]
	best := -1
	for i := range e.mentions {
		m := &e.mentions[i]
		if m.end > f.tok {
			break
		}
		if m.code == "" || m.location || !m.strong || e.isReceiver(m) {
			continue
		}
		if nonDonors[m.code] {
			if m.code != "UA" && !phraseOfTime(e.toks, m.tok) {
				best = i // the aggressor is the subject: no pledge
			}
			continue
		}
		best = i
	}
	if best >= 0 {
		m := &e.mentions[best]
		if nonDonors[m.code] {
			return donorChoice{}
		}
		return e.choice(best, f, true)
	}
	// after the figure: "100,000 drones will be supplied by Britain"
	led := -1 // end of the last leader of a group named
	for i := range e.mentions {
		m := &e.mentions[i]
		if m.tok < f.end || m.code == "" || m.location || !m.strong || e.isReceiver(m) {
			continue
		}
		if e.relativeBetween(f.end, m.tok) {
			break // "..., which is administered by the United Kingdom"
		}
		if leaderOf(e.toks, m.tok) || led >= 0 && coordinated(e.toks, led, withoutArticle(e.toks, led, m.tok)) {
			// "to the drone coalition led by Latvia and the United
			// Kingdom": the receiver's leaders
			led = m.end
			continue
		}
		if nonDonors[m.code] {
			if m.code != "UA" {
				return donorChoice{}
			}
			continue
		}
		other := false
		for j := k + 1; j < len(e.figs); j++ {
			if e.figs[j].tok < m.tok && !e.figs[j].conversion && !e.figs[j].absorbed {
				other = true
			}
		}
		if other {
			break
		}
		return e.choice(i, f, true)
	}
	if e.otherSubject(f) || e.groupSubject(f) {
		return donorChoice{}
	}
	if d, ok := e.carriedDonor(); ok {
		return donorChoice{all: []donorRef{d}, code: d.code, ok: true}
	}
	if code, text := e.docDonor(); code != "" {
		return donorChoice{all: []donorRef{{code, text}}, code: code, ok: true}
	}
	return donorChoice{}
}

// phraseOfTime reports a party named in a phrase of time or opposition,
// not as an actor: "since Russia's full-scale invasion", "seit
// Russlands Angriff", "against Russia".
func phraseOfTime(toks []token, j int) bool {
	for k := j - 1; k >= 0 && k >= j-2; k-- {
		switch toks[k].low {
		case "since", "seit", "against", "gegen", "amid", "despite", "trotz":
			return true
		case "the", "der", "die", "des", "den", "dem":
			continue
		}
		return false
	}
	return false
}

// withoutArticle returns j, or the token before it where an article
// after token a opens the name at j: "and the United Kingdom".
func withoutArticle(toks []token, a, j int) int {
	if j-1 > a {
		switch toks[j-1].low {
		case "the", "der", "die", "den", "dem":
			return j - 1
		}
	}
	return j
}

// leaderOf reports a party at j named as the one leading a group just
// before it: "led by Latvia", "headed by", "unter Führung Lettlands",
// "angeführt von".
func leaderOf(toks []token, j int) bool {
	if j >= 1 && toks[j-1].low == "führung" {
		return true
	}
	if j < 2 {
		return false
	}
	switch toks[j-1].low {
	case "by", "von":
	case "the", "den", "dem":
		if j < 3 || toks[j-2].low != "by" && toks[j-2].low != "von" {
			return false
		}
		j--
	default:
		return false
	}
	switch toks[j-2].low {
	case "led", "headed", "chaired", "coordinated", "angeführt", "angeführte", "angeführten", "geführt", "geführte", "geführten", "koordiniert":
		return true
	}
	return false
}

// relativeBetween reports a relative clause or a share opening between
// tokens a and b: a party named in it describes something else than the
// figure, or gave a part of it ("davon rund 70 Prozent durch
// Mitgliedstaaten der EU", "of which two thirds by Germany").
func (e *extractor) relativeBetween(a, b int) bool {
	for j := a; j < b; j++ {
		switch e.toks[j].low {
		case "davon", "thereof", "wovon":
			return true
		case "of":
			if j+1 < b && e.toks[j+1].low == "which" {
				return true
			}
		}
	}
	for j := a; j+1 < b; j++ {
		if e.toks[j].low != "," {
			continue
		}
		switch e.toks[j+1].low {
		case "which", "that", "who", "whose", "welche", "welches", "welcher", "deren", "dessen":
			return true
		}
	}
	return false
}

// choice builds the donor choice for mention i, adding the donors joined
// to it when the figure applies to each ("Denmark and Norway will each
// add €25m", "Lettland und Estland stellen jeweils ...").
func (e *extractor) choice(i int, f *figure, explicit bool) donorChoice {
	m := &e.mentions[i]
	c := donorChoice{all: []donorRef{{m.code, e.spanText(m.tok, m.end)}}, code: m.code, explicit: explicit, ok: true}
	each := false
	for j := m.end; j < len(e.toks) && j < f.end+3; j++ {
		switch e.toks[j].low {
		case "each", "jeweils", "je", "both", "beide":
			each = true
		}
	}
	if !each {
		return c
	}
	for p := i - 1; p >= 0; p-- {
		q := &e.mentions[p]
		if q.code == "" || nonDonors[q.code] || !q.strong {
			break
		}
		joined := true
		for j := q.end; j < e.mentions[p+1].tok; j++ {
			switch e.toks[j].low {
			case "and", "und", ",", "sowie", "as", "well", "or", "oder", "the", "die", "der", "das":
			default:
				joined = false
			}
		}
		if !joined {
			break
		}
		c.all = append([]donorRef{{q.code, e.spanText(q.tok, q.end)}}, c.all...)
	}
	c.code = c.all[0].code
	return c
}

// groupSubject reports a group named before the figure, whose figure
// belongs to no single donor: "die sieben großen Industriestaaten", "the
// allies", "pledges made at the meeting".
func (e *extractor) groupSubject(f *figure) bool {
	for j := 0; j < f.tok; j++ {
		b := e.toks[j].base()
		if k := strings.IndexByte(b, '-'); k >= 0 {
			// "G7-Kredit", "EU-Staaten": the group is the first part
			if _, ok := groupNouns[b[:k]]; ok {
				return true
			}
			b = b[strings.LastIndexByte(b, '-')+1:]
		}
		if _, ok := groupNouns[b]; ok || strings.HasSuffix(b, "konzern") {
			if e.prepositionObject(j) {
				continue // the supplier, not the actor: "bestellt bei einem Hersteller"
			}
			return true // "Der Rüstungskonzern Rheinmetall will ..."
		}
	}
	return false
}

// prepositionObject reports a noun at j that is the object of a
// preposition within the three words before it ("bei einem heimischen
// Hersteller", "from the manufacturer", "mit den Partnern"): a supplier
// or a partner, not the subject that acts.
func (e *extractor) prepositionObject(j int) bool {
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		switch e.toks[k].low {
		case "bei", "beim", "from", "von", "vom", "with", "mit", "aus":
			return true
		case ",", ".", ":", ";":
			return false
		}
	}
	return false
}

var groupNouns = toSet("allies|verbündete|verbündeten|partners|partner|partnerländer|countries|länder|staaten|nations|donors|geber|geberländer|g7|industriestaaten|industrienationen|group|gruppe|coalition|koalition|contact|kontaktgruppe|members|alliance|allianz|company|companies|unternehmen|konzern|firm|firms|hersteller|manufacturer|manufacturers|industry|industrie|militärhilfen|zusagen|pledges|commitments|hilfspakete|staaten|governments|regierungen")

// docDonor is the one donor the document names, if it names only one
// (possibly several times): a list of deliveries on a ministry's page
// names its country once.
func (e *extractor) docDonor() (string, string) {
	if e.docDonorDone {
		return e.docDonorCode, e.docDonorText
	}
	e.docDonorDone = true
	var toks []token
	var ms []mention
	seen := map[string]string{}
	var paras, sents []span
	paras = paragraphs(e.text, paras)
scan:
	for _, p := range paras {
		sents = splitSentences(e.text, p.start, p.end, sents[:0])
		for _, s := range sents {
			toks = tokenize(e.text, e.lower, s.start, s.end, toks[:0])
			ms = findMentions(toks, ms[:0])
			e.resolveFederal(toks, ms)
			for _, m := range ms {
				if m.code == "" || nonDonors[m.code] || m.kind == mLocation || m.kind == mCapital {
					continue
				}
				if _, ok := seen[m.code]; !ok {
					seen[m.code] = e.text[toks[m.tok].start:toks[m.end-1].end]
					if len(seen) > 1 {
						break scan // two donors: no single one
					}
				}
			}
		}
	}
	if len(seen) == 1 {
		for c, t := range seen {
			e.docDonorCode, e.docDonorText = c, t
		}
	}
	return e.docDonorCode, e.docDonorText
}

// otherSubject reports whether a party that cannot be the donor is named
// before the figure, which makes carrying the previous donor over wrong:
// "Russia launched 400 drones".
func (e *extractor) otherSubject(f *figure) bool {
	for _, m := range e.mentions {
		if m.tok < f.tok && nonDonors[m.code] && m.code != "UA" {
			return true
		}
	}
	return false
}
