package extract

import (
	"strings"
	"sync"

	"pledgebook/internal/refdata"
)

// mentionKind is how a text names a party; it decides whether the mention
// may be a donor on its own.
type mentionKind uint8

const (
	mName     mentionKind = iota // Germany, Deutschland, the UK, NATO
	mAdj                         // British, britische: a donor only before a government noun
	mDemonym                     // the British, die Briten
	mCapital                     // London, Berlin: a donor only as the subject of a pledge verb
	mPerson                      // Pistorius, Healey
	mLocation                    // Brussels, Ramstein, The Hague: never a donor
)

// nonDonors are parties that appear in the reports but never pledge to
// Ukraine: the recipient itself, the other receivers of Western military
// aid (a figure whose subject they are is their support, not Ukraine's),
// and the aggressor and its suppliers.
var nonDonors = map[string]bool{"UA": true, "MD": true, "GE": true, "RU": true, "BY": true, "KP": true, "IR": true}

// lenders are the international financial institutions. The reports name
// them, and their grants and loans reach Ukraine, but a pledge in the
// guidelines (testdata/corpus/README.md) is one donor's: a country, the EU
// or NATO. A figure whose donor is one of them is no candidate; it is not
// given to another party named nearby either.
var lenders = map[string]bool{"IMF": true, "WB": true, "EIB": true}

// phrase is one entry of the party lexicon: the words after the first.
type phrase struct {
	rest    []string
	code    string
	kind    mentionKind
	needCap bool // the first word must be capitalised in the text (US, Chad)
	allCaps bool // the first word must be all capitals (US, UK, EU)
}

// lexicon maps a first word (lower case, possessive stripped) to the
// phrases that start with it, longest first.
type lexicon map[string][]phrase

func (l lexicon) add(words string, code string, kind mentionKind, needCap bool) {
	words = strings.ToLower(strings.TrimSpace(words))
	if words == "" {
		return
	}
	f := strings.Fields(words)
	p := phrase{rest: f[1:], code: code, kind: kind, needCap: needCap}
	for _, q := range l[f[0]] {
		if q.code == p.code && strings.Join(q.rest, " ") == strings.Join(p.rest, " ") {
			return
		}
	}
	list := append(l[f[0]], p)
	// longest first, so that "united kingdom" wins over "united"
	for i := len(list) - 1; i > 0 && len(list[i].rest) > len(list[i-1].rest); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	l[f[0]] = list
}

// germanAdj adds the declined forms of a German adjective stem:
// britisch → britisch, britische, britischen, britischer, britisches,
// britischem.
func (l lexicon) germanAdj(stem, code string) {
	for _, end := range []string{"", "e", "en", "er", "es", "em"} {
		l.add(stem+end, code, mAdj, false)
	}
}

// countryAliases are the names the ISO list lacks: short forms, adjectives,
// demonyms and capitals, in English and German. Capitals count only as the
// subject of a pledge verb ("Berlin will liefern", "London pledged").
var countryAliases = []struct {
	code                          string
	names, adjEN, adjDE, demonyms string
	capitals                      string
	persons                       string
}{
	{code: "GB", names: "Britain|Great Britain|United Kingdom|Großbritannien|Vereinigtes Königreich|Vereinigten Königreich|Vereinigten Königreichs|Großbritanniens",
		adjEN: "British", adjDE: "britisch|großbritannisch", demonyms: "Briten|Brits", capitals: "London|Downing Street|Whitehall",
		persons: "Healey|Starmer|Sunak|Shapps|Wallace|Lammy|Cleverly|Heappey|Cartlidge|Pollard"},
	{code: "US", names: "United States|Vereinigte Staaten|Vereinigten Staaten|America|Amerika|Pentagon|White House|Weißes Haus|Weiße Haus|Weißen Haus|State Department|Department of Defense|US-Regierung",
		adjEN: "American", adjDE: "amerikanisch|us-amerikanisch", demonyms: "Amerikaner|Americans", capitals: "Washington",
		persons: "Biden|Blinken|Hegseth|Trump|Rubio|Harris|Vance|Whitaker"},
	{code: "DE", names: "Germany|Deutschland|Deutschlands|Bundesregierung|Bundeswehr|Bundestag|Bundestages|Bundestags|Bundesverteidigungsministerium|Bundeskanzler|Bundeskanzlerin|Bundesrepublik",
		adjEN: "German", adjDE: "deutsch", demonyms: "Germans|Deutschen", capitals: "Berlin",
		persons: "Pistorius|Scholz|Merz|Baerbock|Wadephul|Lambrecht|Habeck|Lindner|Klingbeil|Steinmeier"},
	{code: "FR", names: "France|Frankreich|Frankreichs|Élysée|Elysée", adjEN: "French", adjDE: "französisch", demonyms: "Franzosen",
		capitals: "Paris", persons: "Macron|Lecornu|Barrot|Séjourné|Vautrin"},
	{code: "NL", names: "Netherlands|Niederlande|Niederlanden|Holland", adjEN: "Dutch", adjDE: "niederländisch|holländisch",
		demonyms: "Niederländer", capitals: "The Hague|Den Haag", persons: "Brekelmans|Ollongren|Schoof|Veldkamp"},
	{code: "IT", names: "Italy|Italien|Italiens", adjEN: "Italian", adjDE: "italienisch", demonyms: "Italiener", capitals: "Rome|Rom",
		persons: "Crosetto|Meloni|Tajani"},
	{code: "ES", names: "Spain|Spanien|Spaniens", adjEN: "Spanish", adjDE: "spanisch", demonyms: "Spanier", capitals: "Madrid",
		persons: "Robles|Sánchez"},
	{code: "PL", names: "Poland|Polen|Polens", adjEN: "Polish", adjDE: "polnisch", capitals: "Warsaw|Warschau",
		persons: "Kosiniak-Kamysz|Tusk|Duda|Sikorski|Nawrocki"},
	{code: "CA", names: "Canada|Kanada|Kanadas", adjEN: "Canadian", adjDE: "kanadisch", demonyms: "Kanadier|Canadians", capitals: "Ottawa",
		persons: "Trudeau|Carney|McGuinty|Anand|Freeland|Joly"},
	{code: "AU", names: "Australia|Australien|Australiens", capitals: "Canberra", adjEN: "Australian", adjDE: "australisch", demonyms: "Australier|Australians",
		persons: "Marles|Albanese"},
	{code: "NO", names: "Norway|Norwegen|Norwegens|Storting", adjEN: "Norwegian", adjDE: "norwegisch", demonyms: "Norweger|Norwegians", capitals: "Oslo",
		persons: "Støre|Gram|Sandvik"},
	{code: "SE", names: "Sweden|Schweden|Schwedens|Riksdag", adjEN: "Swedish", adjDE: "schwedisch", demonyms: "Swedes", capitals: "Stockholm",
		persons: "Jonson|Kristersson"},
	{code: "DK", names: "Denmark|Dänemark|Dänemarks|Folketing", adjEN: "Danish", adjDE: "dänisch", demonyms: "Dänen|Danes", capitals: "Copenhagen|Kopenhagen",
		persons: "Poulsen|Frederiksen|Rasmussen"},
	{code: "FI", names: "Finland|Finnland|Finnlands", adjEN: "Finnish", adjDE: "finnisch", demonyms: "Finnen|Finns", capitals: "Helsinki",
		persons: "Häkkänen|Stubb|Orpo"},
	{code: "BE", names: "Belgium|Belgien|Belgiens", adjEN: "Belgian", adjDE: "belgisch", demonyms: "Belgier",
		persons: "Francken|Dedonder|De Croo|Prévot"},
	{code: "CZ", names: "Czech Republic|Czechia|Tschechien|Tschechiens|Tschechische Republik", adjEN: "Czech", adjDE: "tschechisch", demonyms: "Tschechen",
		capitals: "Prague|Prag", persons: "Fiala|Černochová|Lipavský|Babiš"},
	{code: "SK", names: "Slovakia|Slowakei", adjEN: "Slovak|Slovakian", adjDE: "slowakisch", capitals: "Bratislava"},
	{code: "EE", names: "Estonia|Estland|Estlands", adjEN: "Estonian", adjDE: "estnisch", demonyms: "Esten", capitals: "Tallinn", persons: "Pevkur|Michal|Tsahkna"},
	{code: "LV", names: "Latvia|Lettland|Lettlands", adjEN: "Latvian", adjDE: "lettisch", demonyms: "Letten", capitals: "Riga", persons: "Sprūds|Sprūd"},
	{code: "LT", names: "Lithuania|Litauen|Litauens", adjEN: "Lithuanian", adjDE: "litauisch", demonyms: "Litauer", capitals: "Vilnius", persons: "Šakalienė|Kaunas|Nausėda|Budrys"},
	{code: "PT", names: "Portugal|Portugals", adjEN: "Portuguese", adjDE: "portugiesisch", capitals: "Lisbon|Lissabon"},
	{code: "GR", names: "Greece|Griechenland", adjEN: "Greek", adjDE: "griechisch", demonyms: "Griechen", capitals: "Athens|Athen"},
	{code: "TR", names: "Turkey|Türkiye|Türkei", adjEN: "Turkish", adjDE: "türkisch", capitals: "Ankara"},
	{code: "JP", names: "Japan|Japans", adjEN: "Japanese", adjDE: "japanisch", demonyms: "Japaner", capitals: "Tokyo|Tokio"},
	{code: "KR", names: "South Korea|Südkorea|Republic of Korea", adjEN: "South Korean", adjDE: "südkoreanisch", capitals: "Seoul"},
	{code: "NZ", names: "New Zealand|Neuseeland", adjEN: "New Zealand", adjDE: "neuseeländisch", capitals: "Wellington"},
	{code: "IE", names: "Ireland|Irland", adjEN: "Irish", adjDE: "irisch", capitals: "Dublin"},
	{code: "AT", names: "Austria|Österreich|Österreichs", adjEN: "Austrian", adjDE: "österreichisch", capitals: "Vienna|Wien"},
	{code: "CH", names: "Switzerland|Schweiz", adjEN: "Swiss", adjDE: "schweizerisch", capitals: "Bern"},
	{code: "LU", names: "Luxembourg|Luxemburg", adjEN: "Luxembourgish", adjDE: "luxemburgisch"},
	{code: "IS", names: "Iceland|Island", adjEN: "Icelandic", adjDE: "isländisch", capitals: "Reykjavik|Reykjavík"},
	{code: "HR", names: "Croatia|Kroatien", adjEN: "Croatian", adjDE: "kroatisch", capitals: "Zagreb"},
	{code: "SI", names: "Slovenia|Slowenien", adjEN: "Slovenian|Slovene", adjDE: "slowenisch", capitals: "Ljubljana"},
	{code: "RO", names: "Romania|Rumänien", adjEN: "Romanian", adjDE: "rumänisch", capitals: "Bucharest|Bukarest"},
	{code: "BG", names: "Bulgaria|Bulgarien", adjEN: "Bulgarian", adjDE: "bulgarisch", capitals: "Sofia"},
	{code: "HU", names: "Hungary|Ungarn", adjEN: "Hungarian", adjDE: "ungarisch", capitals: "Budapest"},
	{code: "AL", names: "Albania|Albanien", adjEN: "Albanian", adjDE: "albanisch", capitals: "Tirana"},
	{code: "MK", names: "North Macedonia|Nordmazedonien", adjEN: "Macedonian", adjDE: "nordmazedonisch"},
	{code: "ME", names: "Montenegro", adjEN: "Montenegrin", adjDE: "montenegrinisch"},
	{code: "CY", names: "Cyprus|Zypern", adjEN: "Cypriot", adjDE: "zyprisch"},
	{code: "MT", names: "Malta", adjEN: "Maltese", adjDE: "maltesisch"},
	{code: "UA", names: "Ukraine|Ukraina|Kyiv|Kiew|Kiev|Kyjiw", adjEN: "Ukrainian", adjDE: "ukrainisch", demonyms: "Ukrainer|Ukrainians",
		persons: "Zelensky|Zelenskyy|Selenskyj|Umerov|Umjerow|Shmyhal|Schmyhal|Fedorov|Sybiha|Svyrydenko"},
	// Other receivers of Western aid, named so that their support is told
	// from Ukraine's: "der Republik Moldau", "die moldauischen Streitkräfte".
	{code: "MD", names: "Moldova|Moldau|Republik Moldau|Republic of Moldova|Moldawien|Chișinău|Chisinau", adjEN: "Moldovan", adjDE: "moldauisch|moldawisch"},
	{code: "GE", names: "Georgia|Georgien|Tbilisi|Tiflis", adjEN: "Georgian", adjDE: "georgisch"},
	{code: "RU", names: "Russia|Russland|Russlands|Kremlin|Kreml|Moscow|Moskau", adjEN: "Russian", adjDE: "russisch", demonyms: "Russen|Russians",
		persons: "Putin|Shoigu|Schoigu|Belousov|Beloussow|Lavrov|Lawrow|Peskov|Peskow"},
	{code: "BY", names: "Belarus|Weißrussland|Minsk", adjEN: "Belarusian", adjDE: "belarussisch|weißrussisch", persons: "Lukashenko|Lukaschenko"},
	{code: "KP", names: "North Korea|Nordkorea|Pyongyang", adjEN: "North Korean", adjDE: "nordkoreanisch"},
	{code: "IR", names: "Iran|Teheran|Tehran", adjEN: "Iranian", adjDE: "iranisch"},
}

// orgAliases name the organisations that pledge.
var orgAliases = []struct{ code, names, adj, persons string }{
	{"EU", "European Union|Europäische Union|Europäischen Union|EU-Kommission|European Commission|Europäische Kommission|EU Commission|European Peace Facility|Europäische Friedensfazilität|Europäischen Friedensfazilität|Friedensfazilität|Ukraine-Fazilität|Ukraine Facility|European Council|Europäische Rat|Europäischer Rat|EU Council|Council of the EU|Council of the European Union|Rat der EU|Council",
		"", "von der Leyen|Borrell|Kallas|Kubilius"},
	{"NATO", "NATO|Nato|North Atlantic Treaty Organization", "", "Stoltenberg|Rutte"},
	{"EIB", "European Investment Bank|Europäische Investitionsbank", "", ""},
	{"IMF", "International Monetary Fund|Internationaler Währungsfonds|IMF|IWF", "", ""},
	{"WB", "World Bank|Weltbank", "", ""},
}

// locations are places that meetings are named after; they never pledge.
const locations = "Brussels|Brüssel|Ramstein|Wiesbaden|Geneva|Genf|Munich|München|Davos|Rzeszów|Rzeszow|Stuttgart|Luxembourg City|Istanbul|Riyadh|Jeddah|Dschidda|Alaska|Anchorage"

// seatOfGovernment gives the country of a meeting place that is also a
// seat of government, for "die Regierung in Brüssel".
var seatOfGovernment = map[string]string{"brüssel": "BE", "brussels": "BE", "hague": "NL", "haag": "NL"}

// govNouns after a country adjective or as the rest of a hyphenated
// compound make the country the actor: "die britische Regierung", "the
// British government", "US-Verteidigungsminister".
var govNouns = toSet("regierung|government|ministry|ministerium|verteidigungsministerium|defence|defense|secretary|minister|verteidigungsminister|außenminister|premierminister|premier|kanzler|bundeskanzler|präsident|president|prime|administration|officials|behörden|army|armee|military|militär|streitkräfte|forces|navy|marine|luftwaffe|parliament|parlament|cabinet|kabinett|side|seite|mod|treasury|finanzministerium|außenministerium|foreign|state|staat|chancellor|regierungschef|regierungschefin|verteidigungsministerin|ministerin|präsidentin|verteidigungsminsterium|haushaltsausschuss|embassy|botschaft|partners|partner|people|volk")

// possessive determiners before a demonym ("die Briten") are not needed:
// demonyms are donors as they stand.

var partyLexicon = sync.OnceValue(buildLexicon)

func buildLexicon() lexicon {
	l := lexicon{}
	for _, p := range refdata.Countries() {
		for _, name := range []string{p.NameEN, p.NameDE} {
			name = isoShortName(name)
			if name == "" {
				continue
			}
			l.add(name, p.Code, mName, true)
			// German genitive: Frankreichs, Polens
			if name == p.NameDE || strings.HasPrefix(p.NameDE, name) {
				if last := name[len(name)-1]; last != 's' && last != 'z' && last != 'x' && !strings.HasSuffix(name, "ß") {
					l.add(name+"s", p.Code, mName, true)
				}
			}
		}
	}
	for _, a := range countryAliases {
		for _, n := range split(a.names) {
			l.add(n, a.code, mName, true)
		}
		for _, n := range split(a.adjEN) {
			l.add(n, a.code, mAdj, true)
		}
		for _, n := range split(a.adjDE) {
			l.germanAdj(n, a.code)
		}
		for _, n := range split(a.demonyms) {
			l.add(n, a.code, mDemonym, true)
		}
		for _, n := range split(a.capitals) {
			l.add(n, a.code, mCapital, true)
		}
		for _, n := range split(a.persons) {
			l.add(n, a.code, mPerson, true)
		}
	}
	for _, o := range orgAliases {
		for _, n := range split(o.names) {
			l.add(n, o.code, mName, true)
		}
		for _, n := range split(o.persons) {
			l.add(n, o.code, mPerson, true)
		}
	}
	for _, n := range split(locations) {
		l.add(n, "", mLocation, true)
	}
	// "der Bund": the federal government, of Switzerland in a Swiss text
	// and of Germany otherwise (see resolveFederal)
	l.add("Bund", federal, mName, true)
	// "der Bundesrat": the Swiss government, or Germany's second chamber
	l.add("Bundesrat", federal, mName, true)
	// Short forms that must be written in capitals to be told from words:
	// "US" is not "us", "UK", "EU", "USA".
	for _, c := range []struct{ w, code string }{
		{"us", "US"}, {"usa", "US"}, {"u.s.", "US"}, {"u.s", "US"}, {"uk", "GB"}, {"u.k.", "GB"}, {"eu", "EU"},
	} {
		l[c.w] = append([]phrase{{code: c.code, kind: mName, needCap: true, allCaps: c.w != "u.s." && c.w != "u.s" && c.w != "u.k."}}, l[c.w]...)
	}
	return l
}

// isoShortName turns an ISO list name into the one texts use: no
// parenthesis, "Korea, Republic of" → "Korea", "Iran, Islamic Republic of"
// → "Iran". Names of territories that texts never mean as donors stay, so
// that they are recognised and not mistaken for something else.
func isoShortName(n string) string {
	if i := strings.IndexByte(n, '('); i > 0 {
		n = n[:i]
	}
	if i := strings.IndexByte(n, ','); i > 0 {
		n = n[:i]
	}
	n = strings.TrimSuffix(strings.TrimSpace(n), " of America")
	if strings.HasPrefix(n, "Korea") {
		return "" // ambiguous between the two Koreas; aliases handle both
	}
	return strings.TrimSpace(n)
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func toSet(s string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range split(s) {
		m[w] = struct{}{}
	}
	return m
}

// mention is a party named in a sentence.
type mention struct {
	tok, end int // token range [tok, end)
	code     string
	kind     mentionKind
	strong   bool // may be a donor without further support
	location bool // used as a place ("in Deutschland"): not a donor
}

// placePrepositions before a name make it a place, not an actor.
var placePrepositions = toSet("in|im|nach|at|bei|into|inside|within|outside|außerhalb|beyond|across|throughout|zwischen|between|near|nahe|über|over|via")

// findMentions finds the parties named in toks.
func findMentions(toks []token, out []mention) []mention {
	lex := partyLexicon()
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.kind != tWord {
			continue
		}
		m, ok := matchParty(lex, toks, i)
		if !ok {
			// A hyphenated compound led by a party: US-Regierung,
			// Nato-Gipfel, britisch-französische.
			if k := strings.IndexByte(t.low, '-'); k > 0 {
				if m2, ok2 := compoundMention(lex, toks, i, k); ok2 {
					out = append(out, m2)
				}
			}
			continue
		}
		out = append(out, m)
		i = m.end - 1
	}
	return out
}

// matchParty matches a lexicon phrase at toks[i].
func matchParty(lex lexicon, toks []token, i int) (mention, bool) {
	t := &toks[i]
	if t.info == nil || t.info.party == nil {
		return mention{}, false
	}
	list := t.info.party
	for _, p := range list {
		if p.needCap && !t.upper || p.allCaps && !t.allCaps {
			continue
		}
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
		if !match {
			continue
		}
		end := i + 1 + len(p.rest)
		m := mention{tok: i, end: end, code: p.code, kind: p.kind}
		classify(toks, &m)
		return m, true
	}
	return mention{}, false
}

// classify decides whether a mention may be a donor by itself.
func classify(toks []token, m *mention) {
	switch m.kind {
	case mName, mDemonym, mPerson:
		m.strong = true
	case mAdj:
		// "die britische Regierung", "the British defence ministry"; a
		// noun of equipment after it ("German tanks") names the maker.
		if m.end < len(toks) {
			if _, ok := govNouns[toks[m.end].base()]; ok {
				m.strong = true
				m.end++ // "britische Regierung" names the donor
			}
		}
		// "the British", "die Briten" as a noun: the adjective ends the phrase.
		if m.end >= len(toks) || toks[m.end].kind == tPunct || isVerbish(toks[m.end].low) {
			if m.tok > 0 && (toks[m.tok-1].low == "the") {
				m.strong = true
			}
		}
	case mCapital:
		// A capital is a donor only as the subject of a pledge verb.
		for k := m.end; k < len(toks) && k < m.end+4; k++ {
			if toks[k].kind == tPunct && toks[k].low != "'" && toks[k].low != "’" {
				break
			}
			if isVerbish(toks[k].low) {
				m.strong = true
				break
			}
		}
	case mLocation:
		m.location = true
	}
	// "Prime Minister Luís Montenegro": a country's name as a surname,
	// after a title and a given name
	if m.kind == mName && m.tok >= 2 && toks[m.tok-1].upper && toks[m.tok-1].kind == tWord && (toks[m.tok-1].info == nil || toks[m.tok-1].info.party == nil) {
		switch toks[m.tok-2].low {
		case "minister", "ministerin", "president", "präsident", "präsidentin", "premier", "chancellor", "kanzler", "kanzlerin", "ministerpräsident", "premierminister", "secretary", "senator", "general":
			m.code, m.strong = "", false
			return
		}
	}
	// "the Council agreed": the Council of the EU; not "the Security
	// Council" or "the Council of Europe"
	if m.code == "EU" && m.end == m.tok+1 && toks[m.tok].low == "council" {
		if m.tok == 0 || toks[m.tok-1].low != "the" || m.end < len(toks) && toks[m.end].low == "of" {
			m.code, m.strong = "", false
		}
	}
	// "die Regierung in Helsinki", "the government in Brussels": the
	// capital stands for the government, even where it is otherwise only
	// a meeting place.
	if (m.kind == mCapital || m.kind == mLocation) && m.tok >= 2 {
		if w := toks[m.tok-1].low; w == "in" || w == "of" {
			if _, gov := govNouns[toks[m.tok-2].base()]; gov {
				code := m.code
				if m.kind == mLocation {
					code = seatOfGovernment[toks[m.end-1].base()]
				}
				if code != "" {
					m.code, m.kind, m.strong, m.location = code, mCapital, true, false
					return
				}
			}
		}
	}
	if m.tok > 0 {
		if _, ok := placePrepositions[toks[m.tok-1].low]; ok && m.kind != mPerson {
			m.location = true
			m.strong = false
		}
		// "buying two Patriot systems from the United States", "bei
		// den USA bestellt": the seller, not the donor
		if soldBy(toks, m.tok) {
			m.location = true
			m.strong = false
		}
		// "aus Berlin", "from London": a place of origin, not an actor,
		// when it is a capital.
		if m.kind == mCapital {
			switch toks[m.tok-1].low {
			case "aus", "from", "von", "to", "an":
				m.strong = false
			}
		}
	}
}

// soldBy reports a party at j named as the seller of a purchase: after
// "from" ("from the"), with a verb of buying shortly before.
func soldBy(toks []token, j int) bool {
	k := j - 1
	if k >= 0 && toks[k].low == "the" {
		k--
	}
	if k < 0 || toks[k].low != "from" {
		return false
	}
	for i := max(k-6, 0); i < k; i++ {
		switch toks[i].low {
		case "buy", "buys", "buying", "bought", "purchase", "purchases", "purchasing", "purchased", "order", "orders", "ordering", "ordered", "procure", "procures", "procuring", "procured":
			return true
		}
	}
	return false
}

// compoundMention reads a hyphenated compound whose first part names a
// party: "US-Regierung" and "Nato-Staaten" (the latter is not a donor).
func compoundMention(lex lexicon, toks []token, i, k int) (mention, bool) {
	t := &toks[i]
	first := t.low[:k]
	rest := t.low[k+1:]
	if j := strings.LastIndexByte(rest, '-'); j >= 0 {
		rest = rest[j+1:]
	}
	list, ok := lex[first]
	if !ok {
		return mention{}, false
	}
	for _, p := range list {
		if len(p.rest) > 0 || p.kind == mLocation {
			continue
		}
		if p.allCaps && !t.prefixCaps {
			continue
		}
		if p.needCap && !t.upper && p.kind != mAdj {
			continue
		}
		m := mention{tok: i, end: i + 1, code: p.code, kind: p.kind}
		if _, gov := govNouns[rest]; gov {
			m.strong = true
		}
		if m.tok > 0 {
			if _, ok := placePrepositions[toks[m.tok-1].low]; ok {
				m.location, m.strong = true, false
			}
		}
		return m, true
	}
	return mention{}, false
}

// isVerbish reports whether w is a finite verb or modal that makes the
// word before it its subject: "Berlin will", "London pledged".
func isVerbish(w string) bool {
	if _, ok := verbCues[w]; ok {
		return true // (capitals only: rare enough for a map lookup)
	}
	switch w {
	case "will", "wird", "werde", "wolle", "would", "hat", "has", "had", "have", "is", "was", "plant", "plans",
		"kündigte", "kündigt", "sagte", "sagt", "said", "says", "stellt", "stellte", "schickt", "schickte",
		"soll", "sollen", "wollen", "wants", "intends", "möchte", "also", "auch", "now", "nun", "jetzt", "zudem",
		"further", "additionally", "already", "bereits", "schon", "gibt", "gab", "put", "puts", "set", "sets":
		return true
	}
	// an English past tense: "Stockholm earmarked", "Ottawa approved"
	return len(w) > 4 && strings.HasSuffix(w, "ed")
}
