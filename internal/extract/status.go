package extract

import (
	"math"
	"strings"

	"pledgebook"
)

// statusCue is a verb cue found in the sentence.
type statusCue struct {
	tok    int
	status pledgebook.Status
	rank   int // cueStrong … cueDescriptive
}

// The ranks of status cues: how firmly a cue settles the status.
const (
	cueStrong      = iota // committed, delivered, "announced", "zugesagt"
	cueVerb               // a pledging verb without status: will, liefern, provide
	cueDependent          // an infinitive ("hat angekündigt, ... zu liefern") or attributive participle ("promised by Sweden")
	cueDescriptive        // a word that says a pledge is meant, not its status: Paket, includes, weitere
)

// strong reports whether the cue settles the status.
func (c statusCue) strong() bool { return c.rank == cueStrong }

// strongAnnounced are the announcement verbs that settle the status as
// firmly as a commitment or delivery verb does; the other announced cues
// only say that something is pledged.
var strongAnnounced = toSet("announce|announced|announces|announcing|pledge|pledged|pledges|pledging|promise|promised|promises|unveil|unveiled|unveils|kündigt|kündigte|kündigten|angekündigt|ankündigen|ankündigte|versprochen|verspricht|versprach|versprachen|aussicht|vorgestellt")

// descriptiveCues name or describe a pledge without a verb of pledging.
var descriptiveCues = toSet("umfasst|umfassen|enthält|enthalten|includes|include|including|consists|comprises|paket|pakets|paketes|hilfspaket|hilfspakets|package|packages|shipment|shipments|consignment|consignments|batch|militärhilfe|weitere|weiteren|zusätzlich|zusammen|kommen|kommt|hinzu|übergabe|lieferung|lieferungen|commitment|gift|gifts|ankündigung|announcement|folgen|folgt")

// statusCues lists the verb cues of the current sentence with the status
// each implies.
func (e *extractor) statusCues() []statusCue {
	toks := e.toks
	out := e.status[:0]
	defer func() { e.status = out }()
	for i := range toks {
		t := &toks[i]
		if t.kind != tWord {
			continue
		}
		if t.flags&wVerb == 0 {
			continue // no verb cue (see isVerb)
		}
		c := t.info.verb
		st := c.status
		rank := cueStrong
		if st == pledgebook.Announced {
			rank = cueVerb
			if _, ok := strongAnnounced[t.low]; ok {
				rank = cueStrong
			}
			if _, ok := descriptiveCues[t.low]; ok {
				rank = cueDescriptive
			}
		}
		if (i > 0 && (toks[i-1].low == "zu" || toks[i-1].low == "to") || zuInfinitive(t.low)) && rank < cueDependent {
			rank = cueDependent // infinitive: "hat angekündigt, ... zu liefern"
		}
		if e.attributive(i) {
			rank = cueDependent // "promised by Sweden", "promised to Ukraine"
		}
		if c.participle && st == pledgebook.Delivered && e.futureAround(i) {
			st, rank = pledgebook.Announced, cueVerb
		}
		switch t.low {
		case "purchased", "bought", "procured":
			// bought for Ukraine is committed; bought for itself no pledge
			if !e.ukraine {
				continue
			}
		case "veranschlagt":
			// "Die Kosten werden auf 5 Milliarden Euro veranschlagt": an
			// estimate, not money budgeted
			if e.figureAfter("auf") {
				continue
			}
		case "set", "sets":
			if i+1 < len(toks) && toks[i+1].low == "aside" {
				// "has set aside €10m"; "would set aside" is an intent
				st, rank = pledgebook.Committed, cueStrong
				if i > 0 && (toks[i-1].low == "would" || toks[i-1].low == "will" || toks[i-1].low == "to") {
					st = pledgebook.Announced
				}
			}
		}
		// "stellt ... bereit", "stellt ... zur Verfügung": zusagen
		switch t.low {
		case "stellt", "stellen", "stellte", "stellten", "stelle":
			if e.particleAfter(i, "bereit", "verfügung") {
				st, rank = pledgebook.Committed, cueStrong
			}
		}
		out = append(out, statusCue{tok: i, status: st, rank: rank})
	}
	// "sagte ... zu": the separable verb zusagen, whose "sagte" alone is
	// not a cue
	for i := range toks {
		if low := toks[i].low; len(low) < 4 || low[0] != 's' {
			continue // none of the words below: most tokens leave here
		}
		switch toks[i].low {
		case "sagte", "sagt", "sagten", "sagen":
			if e.separableZu(i, "zu") {
				out = append(out, statusCue{tok: i, status: pledgebook.Committed, rank: cueStrong})
			}
		case "steht", "stehen", "stand", "standen":
			// "Für 2024 stehen darin 5 Milliarden Euro bereit":
			// bereitstehen, money that is there to be spent
			if e.separableZu(i, "bereit") {
				out = append(out, statusCue{tok: i, status: pledgebook.Committed, rank: cueStrong})
			}
		case "sieht", "sehen", "sah", "sahen":
			// "Der Plan sieht 50 Milliarden Euro für die Ukraine vor":
			// vorsehen, as "vorgesehen" is
			if e.separableZu(i, "vor") {
				out = append(out, statusCue{tok: i, status: pledgebook.Committed, rank: cueStrong})
			}
		case "steuert", "steuern", "steuerte", "steuerten":
			// "Die Niederlande steuern 250 Millionen Euro bei": beisteuern
			if e.separableZu(i, "bei") {
				out = append(out, statusCue{tok: i, status: pledgebook.Announced, rank: cueStrong})
			}
		}
	}
	return out
}

// separablePrefixes of German verbs, before the "zu" of an infinitive
// written as one word: bereitzustellen, aufzustocken, abzugeben.
var separablePrefixes = []string{"bereit", "auf", "ab", "an", "aus", "bei", "ein", "mit", "nach", "vor", "zur", "zurück", "weiter", "hinzu", "dar", "fest", "frei", "zusammen", "über", "um", "zu"}

// zuInfinitive reports a German infinitive with "zu" inside:
// "bereitzustellen", "aufzustocken".
func zuInfinitive(w string) bool {
	if !strings.HasSuffix(w, "en") {
		return false
	}
	for _, p := range separablePrefixes {
		if strings.HasPrefix(w, p+"zu") && len(w) >= len(p)+2+4 {
			return true
		}
	}
	return false
}

// attributive reports a participle used as an adjective after its noun:
// "the howitzers promised by Sweden", "jets promised to Ukraine". "pledged
// to deliver" is a verb with its infinitive.
func (e *extractor) attributive(i int) bool {
	toks := e.toks
	w := toks[i].low
	if !strings.HasSuffix(w, "ed") && !strings.HasPrefix(w, "ge") && !strings.HasPrefix(w, "zuge") {
		return false
	}
	if i+2 >= len(toks) || i == 0 {
		return false
	}
	switch toks[i+1].low {
	case "by", "to", "von":
	default:
		return false
	}
	if inf := toks[i+2].info; inf != nil && inf.isVerb {
		return false
	}
	switch toks[i-1].low {
	case "has", "have", "had", "was", "were", "is", "are", "been", "be", "will", "hat", "haben", "wurde", "wurden", "ist", "sind", "it", "they", "he", "she", "which", "that", "who", "er", "sie", "es":
		return false
	}
	if toks[i-1].kind != tWord {
		return false
	}
	// a noun or a name before it: its subject only if a party is named
	for _, m := range e.mentions {
		if m.end == i {
			return false
		}
	}
	return true
}

// particleAfter reports one of the words after the verb at i in its
// clause: "stellt ... bereit", "stellt ... zur Verfügung".
func (e *extractor) particleAfter(i int, words ...string) bool {
	for j := i + 1; j < len(e.toks) && j < i+25; j++ {
		switch e.toks[j].low {
		case ",", ";", ":":
			return false
		}
		for _, w := range words {
			if e.toks[j].low == w {
				return true
			}
		}
	}
	return false
}

// separableZu reports whether the particle (zu, bei) ends the clause
// after the verb at i: "Deutschland sagte der Ukraine 100 Panzer zu."
func (e *extractor) separableZu(i int, particle string) bool {
	toks := e.toks
	for j := i + 1; j < len(toks); j++ {
		if toks[j].low == "(" {
			// a conversion or an aside in brackets: "85 Milliarden
			// Kronen (rund 7,2 Milliarden Euro) ... bereit"
			for j+1 < len(toks) && toks[j].low != ")" {
				j++
			}
			continue
		}
		if toks[j].kind == tPunct && toks[j].low != "." && toks[j].low != "€" && toks[j].low != "$" && toks[j].low != "£" && toks[j].low != "%" {
			return false
		}
		if toks[j].low == particle && (j+1 == len(toks) || toks[j+1].kind == tPunct || toks[j+1].low == "und" || toks[j+1].low == "sowie") {
			return true
		}
	}
	return false
}

// futureAround reports a future marker next to a participle: "will be
// delivered", "to be sent", "sollen ... geliefert werden".
func (e *extractor) futureAround(i int) bool {
	toks := e.toks
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := toks[k].low
		if _, ok := pastMarkers[w]; ok {
			if w == "been" {
				continue
			}
			return false
		}
		if _, ok := futureMarkers[w]; ok {
			return true
		}
		if toks[k].kind == tPunct {
			break
		}
	}
	for k := i + 1; k < len(toks) && k <= i+2; k++ {
		switch toks[k].low {
		case "werden", "soll", "sollen", "wird", "würden", "würde":
			return true
		}
	}
	// German verb-final clauses: "Österreich wird der Ukraine 30 Lkw
	// überlassen", "Berlin will ... übergeben"
	for k := i - 1; k >= 0 && k >= i-12 && e.clause[k] == e.clause[i]; k-- {
		switch toks[k].low {
		case "hat", "haben", "hatte", "hatten", "wurde", "wurden", "ist", "sind", "war", "waren":
			return false
		case "wird", "werden", "soll", "sollen", "will", "wollen", "möchte", "möchten", "plant", "planen":
			return true
		}
	}
	return false
}

// rankWeight is how much further away a weaker cue counts. An infinitive
// or attributive participle depends on a verb elsewhere ("hat sich
// geeinigt, ... aufzustocken"), so it counts only when nothing else does.
var rankWeight = [...]int{cueStrong: 0, cueVerb: 6, cueDependent: 20, cueDescriptive: 30}

// relativeAfter returns the first token of a relative clause on the
// figure's noun ("guns that the UK committed", "Startgeräte, die wir
// zugesagt hatten"), or the sentence's length.
func (e *extractor) relativeAfter(f *figure) int {
	if len(e.clause) != len(e.toks) {
		return len(e.toks)
	}
	toks := e.toks
	j := max(f.end, f.npEnd)
	if j < len(toks) && toks[j].low == "," {
		j++
	}
	if j+1 >= len(toks) {
		return len(toks)
	}
	switch toks[j].low {
	case "that", "which", "die", "das", "den", "welche", "welches":
		// a subject follows the relative pronoun: "that the UK", "die wir"
		switch n := toks[j+1].low; n {
		case "the", "it", "we", "they", "wir", "sie", "er", "es", "man", "der", "die", "das":
			return j
		}
		for _, m := range e.mentions {
			if m.tok == j+1 {
				return j
			}
		}
	}
	return len(toks)
}

// statusFor picks the cue that governs the figure at token at: the
// nearest, counting a cue in another clause as further away and a weaker
// cue as further still. It reports whether the cue settles the status;
// a descriptive cue does not, and the caller may then carry the status of
// the sentence before.
//
// A cue in a relative clause on the figure's noun, from token rel on,
// says what happened to the thing before ("the 30 guns that the UK
// committed in 2023 have been delivered"); it counts only when the
// other cues settle nothing.
func (e *extractor) statusFor(cues []statusCue, at, rel int) (pledgebook.Status, bool, bool) {
	// first without the cues of the relative clause, then, if that
	// settles nothing, with them
	for _, skipRel := range [...]bool{true, false} {
		best, bestRank, bestScore := pledgebook.Status(""), 0, math.MaxInt
		for _, c := range cues {
			if skipRel && c.tok >= rel && e.clause[c.tok] == e.clause[rel] {
				continue
			}
			d := c.tok - at
			if d < 0 {
				d = -d
			}
			if e.clause[c.tok] != e.clause[at] {
				d += 10
			}
			d += rankWeight[c.rank]
			if d < bestScore {
				best, bestRank, bestScore = c.status, c.rank, d
			}
		}
		if best != "" && (bestRank < cueDescriptive || !skipRel || rel >= len(e.toks)) {
			return best, bestRank < cueDescriptive, true
		}
	}
	return "", false, false
}

// figureAfter reports a figure of the sentence right after the word w,
// an approximation between them allowed: "auf rund 5 Milliarden Euro".
func (e *extractor) figureAfter(w string) bool {
	for k := range e.figs {
		j := e.figs[k].tok - 1
		for j >= 0 && approximator(e.toks[j].low) {
			j--
		}
		if j >= 0 && e.toks[j].low == w {
			return true
		}
	}
	return false
}
