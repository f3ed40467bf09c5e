package extract

import (
	"slices"
	"strings"

	"pledgebook"
)

// extractor holds the state of one document's extraction.
type extractor struct {
	text, lower string
	lang        string
	base        int // year of the first stated date, or 0

	paras, sents []span

	sentState           // the sentence being read
	ctxState  sentState // a sentence read again for its context

	// recs records every sentence read so far; a sentence without a
	// figure is only recorded, and read for its context (donor, status,
	// capability) when a later sentence asks.
	recs   []sentRec
	sentNo int // index of the current sentence in recs

	paraNo       int
	prevCandPara int // paragraph of the last sentence that gave a candidate, or -1
	prevCandSent int
	listMode     bool // the paragraph before ended with ":" and list items follow
	listStatus   pledgebook.Status
	hasTraining  bool
	nextSpan     span          // the next sentence of the paragraph, if any
	next         []token       // its tokens, once asked for
	donors       []donorChoice // buffer of candidates
	lowerBuf     []byte        // the lower-cased text; see extractString
	otherDoneFor int           // 1 + the sentence otherWhole was judged for
	otherWhole   bool          // that sentence names a receiver other than Ukraine
	swiss        bool          // the document names Switzerland (see resolveFederal)
	swissDone    bool
	austrian     bool // the document names Austria and not Germany (see resolveFederal)
	austrianDone bool
	nextDone     bool
	nextRefers   bool
	docDonorDone bool
	docDonorCode string
	docDonorText string

	model    *Model                        // scores each candidate
	minConf  float64                       // candidates scored lower are dropped
	feats    []uint32                      // buffer of features
	seen     [1 << FeatureBits / 64]uint64 // features given to the candidate being scored; empty between candidates
	refused  []int                         // buffer: figures of the sentence the rules refuse
	sampling bool                          // collect samples for training the model
	samples  []Sample

	out []Candidate
}

// sentState is what the extractor knows of the sentence it reads.
type sentState struct {
	toks     []token
	cats     []catHit // cats[i] is the capability word at token i, where catOK[i]
	catOK    []bool
	mentions []mention
	figs     []figure
	clause   []int
	status   []statusCue // buffer of statusCues
	hits     []catHit    // buffer of remember
	ukraine  bool        // the sentence names Ukraine
}

// sentRec is what a sentence leaves for the sentences after it.
type sentRec struct {
	span       span
	para       int
	read       bool              // the fields below are set
	donor      donorRef          // donor of its last candidate, else its first donor named
	strong     pledgebook.Status // status of its last strong cue, or ""
	cat        catCue            // the one capability it speaks of
	hasCat     bool
	otherRecip bool // it names a recipient other than Ukraine
	own        bool // its figures were someone's own business (ownBusiness)
}

// reset prepares e for a document, keeping its buffers. The candidates
// of the document before are cleared, so that a pooled extractor holds no
// text of it (those dedupe dropped were cleared by run).
func (e *extractor) reset(text, lower, lang string, base int) {
	clear(e.out)
	*e = extractor{
		text: text, lower: lower, lang: lang, base: base, model: defaultModel, minConf: DefaultMinConfidence,
		feats: e.feats[:0], refused: e.refused[:0],
		sentState: e.sentState.empty(), ctxState: e.ctxState.empty(),
		next: e.next[:0], paras: e.paras[:0], sents: e.sents[:0], recs: e.recs[:0], donors: e.donors[:0], lowerBuf: e.lowerBuf,
		out: e.out[:0],
	}
}

// empty returns s with its buffers emptied.
func (s sentState) empty() sentState {
	return sentState{toks: s.toks[:0], cats: s.cats[:0], catOK: s.catOK[:0], mentions: s.mentions[:0], figs: s.figs[:0], clause: s.clause[:0], status: s.status[:0], hits: s.hits[:0]}
}

// run extracts the candidates of the whole cleaned text.
func (e *extractor) run() {
	e.paras = paragraphs(e.text, e.paras[:0])
	paras := e.paras
	e.prevCandPara = -1
	inList := false
	for pi, p := range paras {
		e.paraNo = pi
		ptext := e.text[p.start:p.end]
		// A list introduced by a colon ("folgende Güter übergeben:") gives
		// its items the donor and status of the introduction.
		e.listMode = inList && (len(ptext) < 160 && !endsSentence(ptext) || bulletList(ptext))
		e.sents = splitSentences(e.text, p.start, p.end, e.sents[:0])
		sents := e.sents
		for si, s := range sents {
			e.nextSpan, e.nextDone = span{}, false
			if si+1 < len(sents) {
				e.nextSpan = sents[si+1]
			}
			e.sentNo = len(e.recs)
			e.sentence(s)
		}
		switch {
		case strings.HasSuffix(ptext, ":"):
			inList = true
			e.sentNo = len(e.recs) // as if a sentence followed in this paragraph
			e.listStatus = e.paragraphStatus()
		case !e.listMode:
			inList = false
		}
	}
	if !e.sampling {
		n := len(e.out)
		e.out = dedupe(e.dropUnlikely(e.out))
		clear(e.out[len(e.out):n]) // see reset
	}
}

// dropUnlikely drops the candidates the model scores below the threshold.
func (e *extractor) dropUnlikely(cs []Candidate) []Candidate {
	return slices.DeleteFunc(cs, func(c Candidate) bool { return c.Confidence < e.minConf })
}

// sentence extracts the candidates of one sentence.
func (e *extractor) sentence(s span) {
	e.recs = append(e.recs, sentRec{span: s, para: e.paraNo})
	if !mayHoldFigureText(e.lower[s.start:s.end]) {
		return // read later for its context, if ever
	}
	e.toks = tokenize(e.text, e.lower, s.start, s.end, e.toks[:0])
	if !mayHoldFigure(e.toks) {
		return
	}
	e.analyse()
	e.figs = e.findFigures(e.figs[:0])
	before := len(e.out)
	status := e.statusCues()
	if len(e.figs) > 0 && !isUncertain(e.toks) {
		e.candidates(s, status)
	}
	rec := &e.recs[e.sentNo]
	e.remember(rec, status)
	if len(e.out) > before {
		c := e.out[len(e.out)-1]
		rec.donor = donorRef{c.Donor, c.DonorText}
		e.prevCandPara, e.prevCandSent = e.paraNo, e.sentNo
	}
}

// analyse finds the capability words, parties and clauses of the
// tokenized sentence.
func (e *extractor) analyse() {
	toks := e.toks
	// Only the hits are stored: catAt reads cats[i] only where catOK[i],
	// and copying a hit (which holds strings) costs the collector's bulk
	// write barrier whenever a collection is marking.
	e.cats = slices.Grow(e.cats[:0], len(toks))[:len(toks)]
	e.catOK = slices.Grow(e.catOK[:0], len(toks))[:len(toks)]
	for i := range toks {
		hit, ok := matchCategory(toks, i)
		e.catOK[i] = ok
		if ok {
			e.cats[i] = hit
		}
	}
	e.mentions = findMentions(toks, e.mentions[:0])
	e.resolveFederal(e.toks, e.mentions)
	e.clauses()
	e.ukraine = e.ukraineIn(0, len(toks))
}

// bulletList reports a paragraph whose every line is a short item marked
// with a dash or a bullet: the contents of a package after "includes:".
func bulletList(p string) bool {
	for p != "" {
		line := p
		if i := strings.IndexByte(p, '\n'); i >= 0 {
			line, p = p[:i], p[i+1:]
		} else {
			p = ""
		}
		line = strings.TrimSpace(line)
		if len(line) > 200 || !(strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "• ") || strings.HasPrefix(line, "* ") || strings.HasPrefix(line, "– ")) {
			return false
		}
	}
	return true
}

// mayHoldFigureText is a quick look at the lower-cased text of a
// sentence, before it is tokenized: a figure needs a digit, a currency
// sign, or a number word.
func mayHoldFigureText(low string) bool {
	start := -1
	for i := 0; i <= len(low); i++ {
		var c byte = ' '
		if i < len(low) {
			c = low[i]
		}
		switch {
		case '0' <= c && c <= '9':
			j := scanNumber(low, i)
			if !noFigureAt(low, i, j) {
				return true
			}
			i = j - 1
			start = -1
			continue
		case c == '$':
			return true
		case c == 0xE2 && i+2 < len(low) && (low[i+1] == 0x82 && (low[i+2] == 0xAC || low[i+2] == 0xB4)):
			return true // € ₴
		case c == 0xC2 && i+1 < len(low) && (low[i+1] == 0xA3 || low[i+1] == 0xA5):
			return true // £ ¥
		}
		if wordByte(c) || c == '-' && start >= 0 {
			if start < 0 {
				start = i
			}
			// the rest of the word at once: bytes that none of the
			// cases above takes
			for i+1 < len(low) && plainWordByte[low[i+1]] {
				i++
			}
			continue
		}
		if start >= 0 {
			w := low[start:i]
			start = -1
			if len(w) < 1 || len(w) > 20 {
				continue
			}
			if len(w) > 11 || !figureTextFilter.may(w) {
				// only a compound may be a number: "fünfundzwanzig"
				if compoundNumber(w) {
					if _, ok := numberWord(w); ok {
						return true
					}
				}
				continue
			}
			if w == "dozen" || w == "dutzend" || w == "half" || w == "anderthalb" || w == "eineinhalb" || definiteOrdinals[w] {
				return true
			}
			n, ok := numberWords[w]
			if ok && n != 1 {
				return true
			}
			if ok || w == "a" || w == "an" {
				// an article counts only before a scale, a dozen, an
				// ordinal, a fraction or a system: "a million", "eine
				// halbe Milliarde", "a second Patriot system"
				if articleCounts(low[i:]) {
					return true
				}
			}
			if compoundNumber(w) {
				if _, ok := numberWord(w); ok {
					return true
				}
			}
		}
	}
	return false
}

// plainWordByte marks the word bytes (see wordByte) that cannot start a
// currency sign: all but the lead bytes of € ₴ £ ¥.
var plainWordByte = func() (t [256]bool) {
	for c := range t {
		t[c] = wordByte(byte(c)) && c != 0xE2 && c != 0xC2
	}
	return t
}()

// compoundNumber reports a word that may be a number written as a
// compound, which numberWord reads: "twenty-five", "fünfundzwanzig". The
// German ones end in a ten.
func compoundNumber(w string) bool {
	return len(w) > 6 && (strings.IndexByte(w, '-') > 0 || strings.HasSuffix(w, "zig") || strings.HasSuffix(w, "ßig"))
}

// articleCounts reports whether one of the three words at the start of
// rest makes the article before it a number.
func articleCounts(rest string) bool {
	for n := 0; n < 3; n++ {
		for len(rest) > 0 && !wordByte(rest[0]) {
			rest = rest[1:]
		}
		w := 0
		for w < len(rest) && (wordByte(rest[w]) || rest[w] == '-' || rest[w] == '/') {
			w++
		}
		if w == 0 {
			return false
		}
		word := rest[:w]
		if _, ok := scaleWords[word]; ok {
			return true
		}
		if _, ok := fractions[word]; ok {
			return true
		}
		switch {
		case word == "dozen", word == "dutzend", word == "hundred", word == "hundert", ordinalWords[word],
			countsSystem(word):
			return true
		}
		rest = rest[w:]
	}
	return false
}

// noFigureAt reports digits low[i:j] that are surely no figure, as
// mayHoldFigure would judge their token: part of a word ("F-16", "M777"),
// a year followed by punctuation or nothing ("im Jahr 2025."), a day
// before or after a month ("4. Juni", "June 4"), a percentage ("5
// Prozent", "3.5%"). Anything else may be a figure.
func noFigureAt(low string, i, j int) bool {
	if i > 0 && (wordByte(low[i-1]) || low[i-1] == '-' && i > 1 && wordByte(low[i-2])) {
		// inside a word, unless a currency is glued on: "SKr13.3bn"
		w := i
		for w > 0 && wordByte(low[w-1]) {
			w--
		}
		_, cur := gluedCurrencies[low[w:i]]
		return !cur
	}
	if j < len(low) && (wordByte(low[j]) || isDigit(low[j])) {
		return false // 155mm, 247m, 4th
	}
	next := j
	if next < len(low) && low[next] == '.' {
		next++ // "4. Juni"
	}
	for next < len(low) && low[next] == ' ' {
		next++
	}
	w := next
	for w < len(low) && wordByte(low[w]) {
		w++
	}
	word := low[next:w]
	if _, ok := percentWords[word]; ok {
		return true
	}
	if next < len(low) && low[next] == '%' {
		return true
	}
	if allDigits(low[i:j]) && j-i <= 2 {
		if _, ok := months[word]; ok {
			return true
		}
		// "June 4", "am 4." without a month after it is not sure
		p := i
		for p > 0 && low[p-1] == ' ' {
			p--
		}
		q := p
		for q > 0 && wordByte(low[q-1]) {
			q--
		}
		if _, ok := months[low[q:p]]; ok && q < p {
			return true
		}
		return false
	}
	if j-i == 4 && allDigits(low[i:j]) && (low[i] == '1' && low[i+1] == '9' || low[i] == '2' && (low[i+1] == '0' || low[i:j] == "2100")) {
		// a year, unless a word follows that it could count
		return word == ""
	}
	return false
}

// figureTextFilter screens the words that the figure screens
// (mayHoldFigureText, mayHoldFigure, findFigures) look up by name, exactly
// those: a word it rejects need only be asked whether it is a compound
// number. Unlike figureWordFilter it need not admit every long word that
// starts like a number word, so far fewer words pass it for nothing. Its
// words are all in figureWordFilter too.
var figureTextFilter = func() *wordFilter {
	f := newWordFilter(numberWords, "a", "an", "dozen", "dutzend", "half", "anderthalb", "eineinhalb")
	for w := range fractions {
		f.add(w)
	}
	for w := range definiteOrdinals {
		f.add(w)
	}
	return f
}()

// figureWordFilter screens the words mayHoldFigure and findFigures look up: the number
// words, and the compounds of tens and ones ("fünfundzwanzig"), whose
// first bytes are those of a number word.
var figureWordFilter = func() *wordFilter {
	f := newWordFilter(numberWords, "a", "an", "dozen", "dutzend", "half", "anderthalb", "eineinhalb")
	for w := range fractions {
		f.add(w)
	}
	for w := range definiteOrdinals {
		f.add(w)
	}
	for w := range numberWords {
		f.addLong(w, len(w)+4) // "fünfundzwanzig", "twenty-five"
	}
	return f
}()

// mayHoldFigure reports whether a sentence has a token a figure could
// start with: digits, a currency sign, or a number word that counts
// ("zwei", "a dozen", "eine Million", "ein ... System").
func mayHoldFigure(toks []token) bool {
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tNum:
			if !dateOrYear(toks, i) {
				return true
			}
		case tPunct:
			if _, ok := currencySymbols[t.low]; ok {
				return true
			}
		case tWord:
			if (t.info == nil || !t.info.number) && (!figureTextFilter.may(t.low) && !compoundNumber(t.low) || !figureWordFilter.may(t.low)) {
				continue // neither a word looked up below nor a compound number
			}
			if t.info != nil && t.info.number {
				if n := numberWords[t.low]; n != 1 {
					return true
				}
				// "ein", "one": only before a scale or a system
				for k := i + 1; k < len(toks) && k <= i+3; k++ {
					if _, scale := scaleWords[toks[k].low]; scale || countsSystem(toks[k].low) || toks[k].low == "dutzend" || toks[k].low == "dozen" {
						return true
					}
				}
			}
			if (t.low == "a" || t.low == "an") && i+1 < len(toks) {
				if _, scale := scaleWords[toks[i+1].low]; scale || toks[i+1].low == "dozen" || toks[i+1].low == "hundred" || ordinalWords[toks[i+1].low] || toks[i+1].low == "quarter" {
					return true
				}
			}
			if _, frac := fractions[t.low]; frac {
				return true
			}
			if i > 0 && definiteOrdinal(toks[i-1].low, t.low) {
				return true // "das zweite System"
			}
			if compoundNumber(t.low) {
				if _, ok := numberWord(t.low); ok {
					return true
				}
			}
		}
	}
	return false
}

// dateOrYear reports a number that is plainly part of a date or a year
// ("4. Juni 2025", "June 4", "in 2024") or a share ("5 Prozent"), so
// that a sentence with no other number need not be analysed.
func dateOrYear(toks []token, i int) bool {
	t := &toks[i]
	next := func(k int) string {
		if i+k < len(toks) {
			return toks[i+k].low
		}
		return ""
	}
	if _, ok := percentWords[next(1)]; ok {
		return true
	}
	if _, ok := months[next(1)]; ok {
		return true
	}
	if next(1) == "." {
		if _, ok := months[next(2)]; ok {
			return true
		}
	}
	if i > 0 {
		if _, ok := months[toks[i-1].low]; ok {
			return true
		}
	}
	if yearOf(t) > 0 {
		// a year, unless a noun follows that it could count
		if i+1 >= len(toks) || toks[i+1].kind != tWord || !toks[i+1].upper && !toks[i+1].info.lexical() {
			return true
		}
	}
	return false
}

// remember fills the record of the current, analysed sentence: the
// status of its last strong cue, its capability, its first donor, and
// whether it names another recipient.
func (e *extractor) remember(rec *sentRec, status []statusCue) {
	rec.read = true
	for i := len(status) - 1; i >= 0; i-- {
		if status[i].strong() {
			rec.strong = status[i].status
			break
		}
	}
	hits := e.hits[:0]
	defer func() { e.hits = hits }()
	adversary := -1 // end of the last capability word that names the aggressor's arms
	for i := 0; i < len(e.toks); i++ {
		hit, ok := e.catAt(i)
		if !ok {
			continue
		}
		i = hit.end - 1
		// "Russian cruise missiles and drones"
		if e.adversaryBefore(hit.tok) || adversary >= 0 && coordinated(e.toks, adversary, hit.tok) {
			adversary = hit.end
			continue
		}
		hits = append(hits, hit)
	}
	if cat, label, ok := pickCategory(e.toks, hits); ok && cat != pledgebook.Mixed {
		rec.cat, rec.hasCat = catCue{cat: cat, label: label}, true
	}
	rec.otherRecip = e.otherRecipient()
	for _, m := range e.mentions {
		if m.strong && !m.location && m.code != "" && !nonDonors[m.code] {
			rec.donor = donorRef{m.code, e.spanText(m.tok, m.end)}
			break
		}
	}
}

// context returns the record of sentence n, reading the sentence first
// if that has not been done.
func (e *extractor) context(n int) *sentRec {
	rec := &e.recs[n]
	if rec.read {
		return rec
	}
	cur := e.sentState
	e.sentState = e.ctxState
	e.toks = tokenize(e.text, e.lower, rec.span.start, rec.span.end, e.toks[:0])
	e.analyse()
	e.figs = e.figs[:0]
	e.remember(rec, e.statusCues())
	e.ctxState = e.sentState
	e.sentState = cur
	return rec
}

// carriedDonor is the donor of the nearest of the three sentences before
// that has one: "Zudem plant die Regierung ...", "It will also send ...".
func (e *extractor) carriedDonor() (donorRef, bool) {
	for n := e.sentNo - 1; n >= 0 && e.sentNo-n <= 3; n-- {
		if d := e.context(n).donor; d.code != "" {
			return d, true
		}
	}
	return donorRef{}, false
}

// paragraphStatus is the status of the last strong cue in the (up to
// eight) sentences of the current paragraph before the current one.
func (e *extractor) paragraphStatus() pledgebook.Status {
	for n := e.sentNo - 1; n >= 0 && e.recs[n].para == e.paraNo && e.sentNo-n <= 8; n-- {
		if st := e.context(n).strong; st != "" {
			return st
		}
	}
	return ""
}

// carriedCategory is the capability of the nearest of the three
// sentences before that speaks of one.
func (e *extractor) carriedCategory() (catCue, bool) {
	for n := e.sentNo - 1; n >= 0 && e.sentNo-n <= 3; n-- {
		if rec := e.context(n); rec.hasCat {
			return rec.cat, true
		}
	}
	return catCue{}, false
}

// mayNameOtherRecipient is a quick look at the lower-cased text of a
// sentence: otherRecipient can only be true if it holds one of these.
func mayNameOtherRecipient(low string) bool {
	for _, w := range [...]string{"nachbar", "neighbo", "rüst", "rearm", "erhält", "erhalten", "bekommt", "bekommen", "receive", "gets", "erhielt", "moldau", "moldov", "moldaw", "georgi"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// otherRecipient reports whether the sentence names a recipient other
// than Ukraine: "Auch die Republik Moldau bekommt Unterstützung", "dem
// Nachbarland der Ukraine".
func (e *extractor) otherRecipient() bool {
	toks := e.toks
	if e.neighbourCue() {
		return true
	}
	if !e.ukraine {
		// "Polen rüstet zugleich massiv auf.", "The army will receive
		// replacements": the sentences after it speak of the country's
		// own arms
		forces := -10
		for i := range toks {
			if toks[i].flags&(wRecipient|wReject) == 0 {
				continue
			}
			switch toks[i].low {
			case "rüstet", "rüsten", "aufrüstung", "rearms", "rearming", "rearm":
				return true
			}
			if _, ok := forcesNouns[toks[i].low]; ok {
				forces = i
			}
			if _, ok := receiveVerbs[toks[i].low]; ok && i-forces <= 3 {
				return true
			}
		}
	}
	for _, m := range e.mentions {
		if !e.ukraine && thirdCountry(m.code) {
			// "stärkt die Verteidigung der Republik Moldau", "die
			// moldauischen Streitkräfte": a country that neither gives
			// nor attacks, named without Ukraine, is the one receiving
			return true
		}
		if m.code == "" || m.code == "UA" || !m.strong || m.end >= len(toks) || afterPreposition(toks, m.tok) {
			continue // "die Initiative außerhalb der EU erhält": not the subject
		}
		switch toks[m.end].low {
		case "bekommt", "erhält", "receives", "gets", "received", "erhielt":
			return true
		}
	}
	return false
}

// thirdCountry reports a country the lexicon names only as a receiver of
// aid besides Ukraine: Moldova, Georgia.
func thirdCountry(code string) bool {
	return code == "MD" || code == "GE"
}

// catAt is matchCategory on the current sentence, from the cache the
// sentence filled.
func (e *extractor) catAt(i int) (catHit, bool) {
	if len(e.catOK) == len(e.toks) {
		if !e.catOK[i] {
			return catHit{}, false // as matchCategory returns it; cats[i] is stale
		}
		return e.cats[i], true
	}
	return matchCategory(e.toks, i)
}

// isUncertain reports whether a sentence is a question.
func isUncertain(toks []token) bool {
	return len(toks) > 0 && toks[len(toks)-1].low == "?"
}

func (e *extractor) spanText(a, b int) string {
	return e.text[e.toks[a].start:e.toks[b-1].end]
}

// afterPreposition reports a party governed by a preposition, and so not
// the subject of the verb after it: "außerhalb der EU", "von Tschechien".
func afterPreposition(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		switch toks[k].low {
		case "außerhalb", "innerhalb", "von", "aus", "in", "bei", "mit", "outside", "inside", "from", "of", "by", "with", "within":
			return true
		case "der", "des", "dem", "den", "die", "the":
			continue
		}
		return false
	}
	return false
}

// neighbourWords name a neighbouring country (see neighbourCue).
var neighbourWords = toSet("nachbarland|nachbarstaat|nachbarländer|neighbouring|neighboring|neighbour|neighbor|neighbours|neighbors")

// neighbourCue reports support for "the neighbour of Ukraine".
// "Nachbarland" alone may be Ukraine itself ("Polen setzt seine Hilfe für
// das Nachbarland fort"); "Nachbarland der Ukraine" is another country.
func (e *extractor) neighbourCue() bool {
	toks := e.toks
	for i := range toks {
		if toks[i].flags&wNeighbour == 0 {
			continue // most words
		}
		if _, ok := neighbourWords[toks[i].low]; ok {
			if i+2 < len(toks) && (toks[i+1].low == "der" || toks[i+1].low == "of") && strings.HasPrefix(toks[i+2].low, "ukrain") {
				return true
			}
			if i > 0 && (toks[i-1].base() == "ukraine" || toks[i-1].low == "ukraine's") {
				return true
			}
			// "das Nachbarland Moldau": a neighbour named, not Ukraine
			for _, m := range e.mentions {
				if m.tok == i+1 && m.code != "" && m.code != "UA" && nonDonors[m.code] {
					return true
				}
			}
		}
	}
	return false
}

// clauses numbers the clauses of the current sentence: a clause ends at
// a comma, semicolon, colon, dash or bracket.
func (e *extractor) clauses() {
	e.clause = e.clause[:0]
	id := 0
	for i := range e.toks {
		switch e.toks[i].low {
		case ",", ";", ":", "(", ")", "–", "—":
			id++
		case "-":
			if e.toks[i].space {
				id++
			}
		}
		e.clause = append(e.clause, id)
	}
}
