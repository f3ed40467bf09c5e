package extract

import (
	"strings"

	"pledgebook"
)

// catCue is a word that names a capability: a noun a figure may count
// (drones, Panzer), a model (Leopard, IRIS-T) or a field (training).
type catCue struct {
	cat     pledgebook.Category
	label   string // the item in English: "drones", "Leopard tanks"
	head    bool   // a countable noun: "100 drones" counts drones
	model   bool   // a model name, which gives its category to a generic noun after it
	generic bool   // "package", "military aid": mixed unless something specific is named
}

type catPhrase struct {
	rest []string
	cue  catCue
}

type catLexicon struct {
	words map[string][]catPhrase // by first word, longest first
	stems []catStem              // German compound parts
	// stemStart indexes the stems by their first two bytes, so that a
	// word is scanned once instead of once per stem.
	// stemList[k] is 1 + the index in stemLists of the stems starting with
	// bigram k, or 0: an array probe instead of a map lookup.
	stemList  *[1 << 16]uint8
	stemLists [][]int
	bigram    [1 << 16 / 64]uint64 // bit set of the first two bytes of the stems
}

type catStem struct {
	stem string
	cue  catCue
}

const (
	fHead    = 1
	fModel   = 2
	fGeneric = 4
)

// catTable lists the capability vocabulary: category, English label,
// flags, and the words (English and German, "|"-separated; several words
// make a phrase).
var catTable = []struct {
	cat   pledgebook.Category
	label string
	flags int
	words string
}{
	{pledgebook.Drones, "drones", fHead, "drones|drone|uav|uavs|uas|fpv|fpvs|drohnen|drohne|quadcopters|quadrocopter|unmanned aerial vehicles|unmanned aircraft|unmanned aerial systems|uncrewed aerial vehicles|uncrewed aerial systems|uncrewed aircraft|uncrewed systems|uncrewed surface vessels|unmanned surface vessels|uncrewed vehicles|loitering munitions|kamikaze drones|kamikazedrohnen"},
	{pledgebook.Drones, "interceptor drones", fHead, "interceptor drones|abfangdrohnen"},
	{pledgebook.Drones, "drones", 0, "drone coalition|drohnenkoalition|drone capability coalition"},
	{pledgebook.Training, "training", 0, "training|train|trains|trained|training mission|ausbildung|ausbilden|auszubilden|ausgebildet|ausbildungsmission|trainieren|trainiert|instructors|ausbilder|interflex|eumam|trainingsmission|schulung|schulungen"},
	{pledgebook.AirDefence, "air defence", 0, "air defence|air defense|air-defence|air-defense|luftverteidigung|flugabwehr|luftabwehr|raketenabwehr|anti-aircraft|surface-to-air|air and missile defence|air defence coalition|counter-drone|anti-drone|drohnenabwehr|drone-detection|drone detection|drohnendetektion|drohnenerkennung|drohnenaufklärung"},
	{pledgebook.AirDefence, "air defence systems", fHead, "air defence systems|air defense systems|air defence system|air defense system|flugabwehrsysteme|flugabwehrsystem|luftverteidigungssysteme|luftverteidigungssystem|luftabwehrsysteme|luftabwehrsystem"},
	{pledgebook.AirDefence, "interceptor missiles", fHead, "interceptors|interceptor|interceptor missiles|abfangraketen|abfangrakete|abfangflugkörper|lenkflugkörper"},
	{pledgebook.AirDefence, "Patriot air defence systems", fModel, "patriot|pac-3|pac-2"},
	{pledgebook.AirDefence, "radar systems", fHead, "radar|radars|radare|radargeräte|radaranlagen|radarsysteme|radar systems|counter-drone systems|drohnenabwehrsysteme"},
	{pledgebook.AirDefence, "IRIS-T air defence systems", fModel, "iris-t|iris-t slm|iris-t sls"},
	{pledgebook.AirDefence, "NASAMS air defence systems", fModel, "nasams"},
	{pledgebook.AirDefence, "SAMP/T air defence systems", fModel, "samp/t|samp-t|mamba"},
	{pledgebook.AirDefence, "Gepard anti-aircraft guns", fModel | fHead, "gepard|gepards|flugabwehrpanzer|flakpanzer"},
	{pledgebook.AirDefence, "air defence systems", fModel, "skynex|skyguard|skynet|hawk|stinger|stingers|manpads|avenger|crotale|asrad|aspide|mistral|starstreak|rapier|stormer|vampire|hawk missiles|c-ram"},
	{pledgebook.Artillery, "artillery", 0, "artillery|artillerie|artilleriesysteme|artillery systems"},
	{pledgebook.Artillery, "howitzers", fHead, "howitzer|howitzers|haubitze|haubitzen|self-propelled howitzers|panzerhaubitze|panzerhaubitzen|radhaubitze|radhaubitzen"},
	{pledgebook.Artillery, "CAESAR howitzers", fModel | fHead, "caesar|caesars"},
	{pledgebook.Artillery, "PzH 2000 howitzers", fModel | fHead, "pzh 2000|pzh2000|pzh|panzerhaubitze 2000"},
	{pledgebook.Artillery, "howitzers", fModel, "m777|m777s|archer|zuzana|as90|as-90|dana|krab|m109|m109s|rch 155|bohdana"},
	{pledgebook.Artillery, "rocket launchers", fHead | fModel, "himars|mlrs|rocket launchers|multiple rocket launchers|mehrfachraketenwerfer|raketenwerfer|mars ii|m270|rm-70"},
	{pledgebook.Artillery, "mortars", fHead, "mortars|mortar|mörser"},
	{pledgebook.Ammunition, "ammunition", fHead, "ammunition|munitions|munition|ammo|schuss|patronen|cartridges|bullets"},
	{pledgebook.Ammunition, "artillery shells", fHead, "shells|shell|artillery shells|granaten|artilleriegranaten|artilleriemunition|geschosse|projectiles|155mm|155-mm|155 mm"},
	{pledgebook.Ammunition, "rounds of ammunition", fHead, "rounds"},
	{pledgebook.Ammunition, "guided bombs", fHead, "glide bombs|guided bombs|bombs|bomben|gleitbomben"},
	{pledgebook.Ammunition, "rockets", fHead, "rockets|rocket|artillery rockets|artillerieraketen"},
	{pledgebook.Armour, "tanks", fHead, "tanks|tank|panzer|kampfpanzer|main battle tanks|battle tanks|mbts|mbt"},
	{pledgebook.Armour, "Leopard tanks", fModel | fHead, "leopard|leopards|leopard-panzer|leopard-kampfpanzer"},
	{pledgebook.Armour, "Challenger tanks", fModel | fHead, "challenger|challengers"},
	{pledgebook.Armour, "Abrams tanks", fModel | fHead, "abrams"},
	{pledgebook.Armour, "infantry fighting vehicles", fModel | fHead, "marder|bradley|bradleys|cv90|cv90s|cv9040|ifv|ifvs|infantry fighting vehicles|schützenpanzer|pbv 302|pbv|lynx"},
	{pledgebook.Armour, "armoured vehicles", fHead, "armoured vehicles|armored vehicles|armoured personnel carriers|armored personnel carriers|apc|apcs|transportpanzer|radpanzer|gepanzerte fahrzeuge|gepanzerten fahrzeuge|panzerfahrzeuge|mannschaftstransportwagen|stryker|strykers|m113|m113s|piranha|patria|mastiff|mastiffs|husky|bushmaster|bushmasters|dingo|dingos|spartan|spartans|bergepanzer|armoured|armored"},
	{pledgebook.Aircraft, "aircraft", fHead, "aircraft|planes|flugzeuge|flugzeug|kampfflugzeuge|transportflugzeuge|combat aircraft|fighter aircraft|fighter jets|fighters|jets|kampfjets|kampfjet"},
	{pledgebook.Aircraft, "F-16 fighter jets", fModel | fHead, "f-16|f-16s|f16|f16s|f-16-kampfjets"},
	{pledgebook.Aircraft, "fighter jets", fModel | fHead, "gripen|gripens|mirage|mirages|mig-29|mig-29s|mirage 2000|awacs|asc 890"},
	{pledgebook.Aircraft, "helicopters", fHead, "helicopters|helicopter|hubschrauber|helikopter|mi-8|mi-17|mi-24"},
	{pledgebook.Aircraft, "Sea King helicopters", fModel | fHead, "sea king|sea kings|sea-king"},
	{pledgebook.Maritime, "ships", fHead, "ships|ship|vessels|vessel|schiffe|schiff|kriegsschiffe|boats|boat|boote|boot|patrol boats|patrouillenboote|minehunters|minenjäger|minenjagdboote|corvettes|korvetten|frigates|fregatten|mine countermeasures vessels|mine countermeasure vessels|landing craft"},
	{pledgebook.Maritime, "maritime support", 0, "maritime|naval|marine|maritime coalition|maritime capability coalition|navy|seestreitkräfte"},
	{pledgebook.LongRange, "long-range weapons", 0, "long-range|long range|langstreckenwaffen|langstrecken|weitreichende|weitreichenden|long-range missiles|long-range strike"},
	{pledgebook.LongRange, "long-range missiles", fModel | fHead, "storm shadow|storm shadows|scalp|atacms|taurus|cruise missiles|marschflugkörper|ballistic missiles|neptune|jassm|ersatz"},
	{pledgebook.Demining, "demining", 0, "demining|de-mining|mine clearance|mine-clearing|mine clearing|minenräumung|entminung|minenräum|deminers|mine action|demining coalition"},
	{pledgebook.Demining, "mine-clearing vehicles", fHead, "minenräumpanzer|minenräumfahrzeuge|mine-clearing vehicles"},
	{pledgebook.ITCyber, "IT and cyber support", 0, "cyber|cyber defence|cyber defense|cyberabwehr|cybersicherheit|cybersecurity|it coalition|it-koalition|starlink|satellite|satelliten|satellitenkommunikation|communications|kommunikation|kommunikationsausrüstung|electronic warfare|elektronische kampfführung"},
	{pledgebook.Logistics, "logistics", 0, "logistics|logistik|fuel|treibstoff|kraftstoff|diesel|spare parts|ersatzteile|maintenance|wartung|instandsetzung|repair|reparatur"},
	{pledgebook.Logistics, "trucks", fHead, "trucks|truck|lorries|lkw|lastwagen|lastkraftwagen|militärlastwagen|tankers|tankwagen"},
	{pledgebook.Financial, "budget support", 0, "budget support|haushaltshilfe|budgethilfe|haushaltsunterstützung|budgetunterstützung|financial aid|financial support|finanzhilfe|finanzhilfen|macro-financial|makrofinanzhilfe|loan|loans|kredit|kredite|darlehen|grant|grants|zuschuss|zuschüsse|era loans|ukraine facility|ukraine-fazilität"},
	{pledgebook.Humanitarian, "humanitarian aid", 0, "humanitarian|humanitäre|humanitären|humanitärer|humanitarian aid|humanitäre hilfe|medical|medizinische|medizinischen|sanitätsmaterial|medical supplies|ambulances|krankenwagen|rettungswagen|winter aid|winterhilfe|food|lebensmittel|shelter"},
	{pledgebook.Humanitarian, "energy infrastructure", 0, "energy infrastructure|energieinfrastruktur|energy grid|power grid|stromnetz|energienetz|energy sector|energiesektor|energy repairs|energieversorgung|energy supply"},
	{pledgebook.Mixed, "heavy weapons", 0, "heavy weapons|heavy weaponry|schwere waffen|schweren waffen|schwerer waffen"},
	{pledgebook.Financial, "reconstruction", 0, "reconstruction|wiederaufbau|staatshaushalt|state budget|recovery"},
	{pledgebook.Other, "non-lethal supplies", 0, "non-lethal|nicht-tödliche|nichtletale|nicht-letale"},
	{pledgebook.Logistics, "bridge-laying vehicles", fHead, "brückenlegepanzer|brückenlegepanzern|bridge-laying|bridgelayers|pionierpanzer|engineering vehicles"},
	{pledgebook.Other, "generators", fHead, "generators|generatoren|stromgeneratoren|power generators"},
	{pledgebook.Mixed, "military aid package", fGeneric, "package|packages|paket|pakete|hilfspaket|militärpaket|waffenpaket|unterstützungspaket|rüstungspaket|military aid|military assistance|security assistance|military support|militärhilfe|militärische hilfe|militärischer hilfe|militärische unterstützung|rüstungshilfe|waffenlieferungen|waffenhilfe|weapons|waffen|arms|equipment|ausrüstung|military equipment|militärische ausrüstung|drawdown|purl|usai|defence aid|defense aid|aid|hilfe|support|unterstützung|militärgüter|rüstungsgüter|weaponry|tranche|tranchen|assistance measure|unterstützungsmaßnahme|hilfsmaßnahme"},
}

// germanStems are parts of German compounds that name a capability:
// "Artilleriemunition" is ammunition, "Flugabwehrsysteme" air defence. The
// rightmost part is the head of a German compound, so the match that ends
// last wins.
var germanStems = []struct {
	stem string
	cat  pledgebook.Category
	lbl  string
	head bool
}{
	{"drohne", pledgebook.Drones, "drones", true},
	{"drohnenabwehr", pledgebook.AirDefence, "counter-drone systems", false},
	{"munition", pledgebook.Ammunition, "ammunition", true},
	{"granate", pledgebook.Ammunition, "artillery shells", true},
	{"geschoss", pledgebook.Ammunition, "artillery shells", true},
	{"patrone", pledgebook.Ammunition, "cartridges", true},
	{"bombe", pledgebook.Ammunition, "guided bombs", true},
	{"haubitze", pledgebook.Artillery, "howitzers", true},
	{"artillerie", pledgebook.Artillery, "artillery", false},
	{"raketenwerfer", pledgebook.Artillery, "rocket launchers", true},
	{"flugabwehr", pledgebook.AirDefence, "air defence systems", false},
	{"luftabwehr", pledgebook.AirDefence, "air defence systems", false},
	{"luftverteidigung", pledgebook.AirDefence, "air defence systems", false},
	{"raketenabwehr", pledgebook.AirDefence, "air defence systems", false},
	{"abfangrakete", pledgebook.AirDefence, "interceptor missiles", true},
	{"flugabwehrpanzer", pledgebook.AirDefence, "anti-aircraft guns", true},
	{"flugabwehrkanone", pledgebook.AirDefence, "anti-aircraft guns", true},
	{"kampfpanzer", pledgebook.Armour, "main battle tanks", true},
	{"schützenpanzer", pledgebook.Armour, "infantry fighting vehicles", true},
	{"transportpanzer", pledgebook.Armour, "armoured personnel carriers", true},
	{"panzer", pledgebook.Armour, "tanks", true},
	{"brückenlege", pledgebook.Logistics, "bridge-laying vehicles", true},
	{"panzerhaubitze", pledgebook.Artillery, "self-propelled howitzers", true},
	{"panzerabwehr", pledgebook.Other, "anti-tank weapons", false},
	{"panzerfahrzeug", pledgebook.Armour, "armoured vehicles", true},
	{"minenräumpanzer", pledgebook.Demining, "mine-clearing vehicles", true},
	{"kampfjet", pledgebook.Aircraft, "fighter jets", true},
	{"flugzeug", pledgebook.Aircraft, "aircraft", true},
	{"hubschrauber", pledgebook.Aircraft, "helicopters", true},
	{"helikopter", pledgebook.Aircraft, "helicopters", true},
	{"schiff", pledgebook.Maritime, "ships", true},
	{"boote", pledgebook.Maritime, "boats", true},
	{"marine", pledgebook.Maritime, "maritime support", false},
	{"langstrecken", pledgebook.LongRange, "long-range weapons", false},
	{"marschflugkörper", pledgebook.LongRange, "cruise missiles", true},
	{"minenräum", pledgebook.Demining, "demining", false},
	{"entminung", pledgebook.Demining, "demining", false},
	{"ausbildung", pledgebook.Training, "training", false},
	{"lastwagen", pledgebook.Logistics, "trucks", true},
	{"lkw", pledgebook.Logistics, "trucks", true},
	{"logistik", pledgebook.Logistics, "logistics", false},
	{"treibstoff", pledgebook.Logistics, "fuel", false},
	{"ersatzteil", pledgebook.Logistics, "spare parts", true},
	// not "haushalts": "Haushaltsmittel", "Haushaltsausschuss" are the
	// donor's budget paying for aid; budget support is "Haushaltshilfe"
	{"haushaltshilfe", pledgebook.Financial, "budget support", false},
	{"finanzhilfe", pledgebook.Financial, "financial aid", false},
	{"kredit", pledgebook.Financial, "loan", false},
	{"humanitär", pledgebook.Humanitarian, "humanitarian aid", false},
	{"sanitäts", pledgebook.Humanitarian, "medical supplies", false},
	{"cyber", pledgebook.ITCyber, "IT and cyber support", false},
	{"militärhilfe", pledgebook.Mixed, "military aid package", false},
	{"hilfspaket", pledgebook.Mixed, "military aid package", false},
	{"waffenlieferung", pledgebook.Mixed, "military aid package", false},
	{"rüstungshilfe", pledgebook.Mixed, "military aid package", false},
	{"paket", pledgebook.Mixed, "military aid package", false},
}

// headSuffixes make a German compound countable: "Patriot-Systeme",
// "Luftverteidigungssysteme", "Artilleriegeschütze".
var headSuffixes = []string{"systeme", "system", "systemen", "systems", "fahrzeuge", "fahrzeugen", "geschütze", "raketen", "flugkörper", "geräte", "werfer", "startgeräte", "einheiten", "batterien", "waffen", "stück"}

var categoryLexicon = func() catLexicon {
	l := catLexicon{words: map[string][]catPhrase{}}
	for _, row := range catTable {
		for _, w := range split(row.words) {
			f := strings.Fields(w)
			p := catPhrase{rest: f[1:], cue: catCue{cat: row.cat, label: row.label, head: row.flags&fHead != 0, model: row.flags&fModel != 0, generic: row.flags&fGeneric != 0}}
			list := append(l.words[f[0]], p)
			for i := len(list) - 1; i > 0 && len(list[i].rest) > len(list[i-1].rest); i-- {
				list[i], list[i-1] = list[i-1], list[i]
			}
			l.words[f[0]] = list
		}
	}
	l.stemList = new([1 << 16]uint8)
	for i, s := range germanStems {
		cue := catCue{cat: s.cat, label: s.lbl, head: s.head, generic: s.cat == pledgebook.Mixed}
		l.stems = append(l.stems, catStem{s.stem, cue})
		k := uint16(s.stem[0])<<8 | uint16(s.stem[1])
		if l.stemList[k] == 0 {
			l.stemLists = append(l.stemLists, nil)
			l.stemList[k] = uint8(len(l.stemLists))
		}
		n := l.stemList[k] - 1
		l.stemLists[n] = append(l.stemLists[n], i)
		l.bigram[k/64] |= 1 << (k % 64)
	}
	return l
}()

// catHit is a capability word found in a sentence.
type catHit struct {
	tok, end int // token range
	cue      catCue
}

// matchCategory matches the capability vocabulary at toks[i].
func matchCategory(toks []token, i int) (catHit, bool) {
	t := &toks[i]
	if t.kind != tWord {
		// "155 mm" is a calibre of shells
		return catHit{}, false
	}
	low := t.base()
	if t.info != nil && t.info.cat != nil {
		for _, p := range t.info.cat {
			if i+len(p.rest) >= len(toks) {
				continue
			}
			match := true
			for k, w := range p.rest {
				if toks[i+1+k].base() != w {
					match = false
					break
				}
			}
			if match {
				if low == "it" && !t.allCaps || low == "marine" && !t.upper && len(p.rest) == 0 {
					continue
				}
				return catHit{tok: i, end: i + 1 + len(p.rest), cue: p.cue}, true
			}
		}
	}
	// "IT" in capitals before coalition or support
	if low == "it" && t.allCaps && i+1 < len(toks) {
		switch toks[i+1].low {
		case "coalition", "koalition", "support", "equipment", "ausrüstung", "unterstützung", "infrastructure":
			return catHit{tok: i, end: i + 2, cue: catCue{cat: pledgebook.ITCyber, label: "IT and cyber support"}}, true
		}
	}
	if cue, ok := compoundCue(low); ok {
		return catHit{tok: i, end: i + 1, cue: cue}, true
	}
	return catHit{}, false
}

// compoundCue reads a compound word: hyphenated ("Patriot-Systeme",
// "F-16-Kampfjets") or closed German ("Artilleriemunition").
func compoundCue(low string) (catCue, bool) {
	if len(low) < 5 {
		return catCue{}, false
	}
	if strings.IndexByte(low, '-') > 0 {
		// the parts as offsets into low, so that a run of parts is a
		// substring and needs no joining
		var bounds [9]int // start of part k; bounds[n] = len(low)+1
		n := 0
		for i := 0; i < len(low) && n < len(bounds)-1; i++ {
			if i == 0 || low[i-1] == '-' {
				bounds[n] = i
				n++
			}
		}
		bounds[n] = len(low) + 1
		part := func(a, b int) string { return low[bounds[a] : bounds[b]-1] }
		parts := n
		var model, head catCue
		var haveModel, haveHead bool
		for a := 0; a < parts; {
			matched := false
			for b := parts; b > a; b-- {
				w := part(a, b)
				if list, ok := categoryLexicon.words[w]; ok {
					for _, p := range list {
						if len(p.rest) == 0 {
							if p.cue.model {
								model, haveModel = p.cue, true
							}
							if p.cue.head || !haveHead {
								head, haveHead = p.cue, true
							}
							matched = true
							break
						}
					}
				}
				if matched {
					a = b
					break
				}
			}
			if !matched {
				if c, ok := stemCue(part(a, a+1)); ok {
					if c.head || !haveHead {
						head, haveHead = c, true
					}
				} else if _, eq := equipmentNouns[part(a, a+1)]; eq && a == parts-1 && haveModel {
					head, haveHead = model, true
					head.head = true
				}
				a++
			}
		}
		switch {
		case haveModel:
			model.head = model.head || head.head || endsWithHeadSuffix(low)
			return model, true
		case haveHead:
			head.head = head.head || endsWithHeadSuffix(low)
			return head, true
		}
		return catCue{}, false
	}
	return stemCue(low)
}

// personSuffixes end compounds that name people or places, not
// equipment: "Marinesoldaten", "Drohnenhersteller", "Verteidigungsminister".
var personSuffixes = []string{"soldaten", "soldat", "soldatinnen", "truppen", "personal", "piloten", "minister", "ministerin", "ministerium", "ministeriums", "experten", "fachleute", "hersteller", "herstellern", "industrie", "unternehmen", "firmen", "konzern", "stützpunkt", "gipfel", "treffen", "besatzungen", "einheit", "brigade", "bataillon", "werk", "werke", "fabrik"}

// stemCue finds the German compound part that ends last in w.
func stemCue(w string) (catCue, bool) {
	if len(w) < 5 {
		return catCue{}, false
	}
	best, bestEnd, bestLen := catCue{}, -1, 0
	lex := &categoryLexicon
	for k := 0; k+1 < len(w); k++ {
		key := uint16(w[k])<<8 | uint16(w[k+1])
		if lex.bigram[key/64]&(1<<(key%64)) == 0 {
			continue
		}
		for _, si := range lex.stemLists[lex.stemList[key]-1] {
			s := &lex.stems[si]
			if !strings.HasPrefix(w[k:], s.stem) {
				continue
			}
			end := k + len(s.stem)
			if end > bestEnd || end == bestEnd && len(s.stem) > bestLen {
				best, bestEnd, bestLen = s.cue, end, len(s.stem)
			}
		}
	}
	if bestEnd < 0 {
		return catCue{}, false
	}
	for _, s := range personSuffixes {
		if strings.HasSuffix(w, s) && len(w) > len(s)+2 {
			return catCue{}, false
		}
	}
	// The compound is countable if the stem is a head and ends the word
	// (allowing a plural ending), or if the word ends in a generic noun.
	best.head = best.head && len(w)-bestEnd <= 3 || endsWithHeadSuffix(w)
	return best, true
}

func endsWithHeadSuffix(w string) bool {
	for _, s := range headSuffixes {
		if strings.HasSuffix(w, s) && len(w) > len(s) {
			return true
		}
	}
	return false
}
