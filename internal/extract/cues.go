package extract

import (
	"pledgebook"
)

// verbCue is a word that says a pledge was made and how far it has got.
type verbCue struct {
	status pledgebook.Status
	// participle marks a past form that a future marker nearby turns back
	// into a promise: "will be delivered", "sollen geliefert werden".
	participle bool
}

func cue(s pledgebook.Status, words string, participle bool, m map[string]verbCue) {
	for _, w := range split(words) {
		m[w] = verbCue{status: s, participle: participle}
	}
}

// verbCues are the pledge verbs in English and German.
var verbCues = func() map[string]verbCue {
	m := map[string]verbCue{}
	cue(pledgebook.Announced, "announce|announced|announces|announcing|announcement|pledge|pledged|pledges|pledging|promise|promised|promises|promising|unveil|unveiled|unveils|unveiling|offer|offered|offers|provide|provides|providing|send|sends|sending|supply|supplies|supplying|deliver|delivers|delivering|give|gives|giving|donate|donates|donating|donated|fund|funds|finance|finances|financing|invest|invests|investing|contribute|contributes|contributing|plan|plans|planned|intends|intend|commitment|package|shipment|shipments|consignment|consignments|batch|gift|gifts|gifted|gifting|grant|grants|granting|earmark|earmarks|transfer|transfers|buy|buys|purchase|purchases|procure|procures|procuring|equip|equips|allocating|pay|pays|paying|confirmed|confirms|confirm|aims|aim|includes|include|including|consists|comprises|top|tops|add|adds|added|adding|expand|expands|boost|boosts|unveil|launch|launches|launched|set|sets|offering|receive|receives|will|get|gets|follow|follows|put|puts", false, m)
	cue(pledgebook.Announced, "kündigt|kündigte|kündigten|angekündigt|ankündigen|ankündigte|ankündigung|will|wollen|wolle|plant|planen|plante|planten|geplant|liefern|liefert|liefere|liefern|lieferung|lieferungen|bereitstellen|bereitzustellen|stellt|stellen|stellte|stellten|investieren|investiert|finanzieren|finanziert|finanzierte|spenden|spendet|schicken|schickt|senden|sendet|überlassen|überlässt|versprochen|verspricht|versprach|versprachen|beisteuern|beitragen|zahlen|zahlt|zuliefern|unterstützt|unterstützen|unterstützte|kaufen|kauft|beschaffen|beschafft|zahlte|geben|gibt|übergeben|übergibt|entsenden|ausbilden|bilden|trainieren|paket|pakets|paketes|hilfspaket|hilfspakets|militärhilfe|zusätzlich|weitere|weiteren|soll|sollen|folgen|folgt|aufstocken|aufzustocken|stockt|umfasst|umfassen|enthält|enthalten|bestätigt|bestätigte|vorgestellt|stellt|aussicht|übergabe|zusammen|kommen|kommt|hinzu|schnürt|schnürte|geschnürt|leistet|leisten|bekommt|bekommen|erhält|erhalten|beteiligt|beteiligen|beteiligte|erhöht|erhöhen|erhöhte", false, m)
	cue(pledgebook.Committed, "committing|purchased|bought|procured|vorgesehen|verpflichtungsermächtigung|verpflichtungsermächtigungen|committed|commits|commit|signed|signs|agreed|agrees|allocated|allocates|allocate|approved|approves|earmarked|contract|contracts|contracted|ordered|zugesagt|zusagen|zusage|zusagte|zugesichert|sicherte|sichert|unterzeichnet|unterzeichnete|unterzeichneten|vertrag|verträge|vereinbart|vereinbarte|bewilligt|bewilligte|genehmigt|genehmigte|beschlossen|beschloss|freigegeben|bestellt|bestellte|beauftragt|zugewiesen|finalised|finalized|eingeplant|einplanen|geeinigt|einigten|einigte|adopted|adopts|adopt|agreement|agreements|abkommen|vereinbarung|vorbereitung|reserved|reserviert|bereitgestellt|veranschlagt", false, m)
	cue(pledgebook.Delivered, "delivered|geliefert|handed|arrived|shipped|transferred|received|übergab|übergaben|übergeben|eingetroffen|angekommen|erhalten|erhielt|erhielten|lieferte|lieferten|schickte|schickten|sandte|sent|überstellt|provided|supplied|gave|given|überlassen|überwiesen|überwies|ausgezahlt|disbursed|completed|abgeschlossen", true, m)
	// Past forms that are not participles of a passive: "lieferte" is past
	// in any construction.
	for _, w := range split("übergab|übergaben|lieferte|lieferten|schickte|schickten|sandte|erhielt|erhielten|gave|arrived|eingetroffen|angekommen|überwies") {
		c := m[w]
		c.participle = false
		m[w] = c
	}
	return m
}()

// futureMarkers before or after a participle make it future: "will be
// delivered", "to be sent", "sollen geliefert werden".
var futureMarkers = toSet("will|be|soll|sollen|sollte|sollten|werden|wird|shall|expected|due|would|to|could|should|must|müssen|muss|bis|by|planned|going")

// pastMarkers before a participle confirm it is past: "has delivered",
// "wurden geliefert".
var pastMarkers = toSet("has|have|had|already|bereits|schon|wurde|wurden|ist|sind|hat|haben|hatte|hatten|was|were")

// requestCues make a sentence a request or a consideration, not a pledge.
var requestCues = toSet("gefordert|verlangt|block|blocks|blocked|blocking|blockiert|blockierte|blockieren|gebeten|ersucht|erbeten|angefragt|angefordert|benötige|benötigen|bräuchte|bräuchten|rief|aufgerufen|aufruf|appeal|urge|urging|declined|rejected|wunschliste|wishlist|fordert|forderte|fordern|forderten|bittet|bat|requested|requests|asked|asks|calls|urged|urges|needs|need|benötigt|braucht|brauche|brauchen|erwägt|erwägen|considering|considers|prüft|prüfen|könnte|könnten|could|might|would-be|refused|refuses|lehnt|lehnte|ablehnen|verweigert|hoped|hopes|hofft|wishes|wünscht|demanded|demands|appealed|seeking|seeks|suggests|suggested|suggesting|vorgeschlagen|advocates|advocated")

// lossCues mark figures of losses, casualties and destruction.
var lossCues = toSet("lost|losses|verluste|verlust|verloren|destroyed|zerstört|zerstörte|killed|getötet|gefallen|gefallene|casualties|wounded|verwundet|verletzt|tote|toten|dead|died|starben|shot|abgeschossen|downed|intercepted|abgefangen|fired|abgefeuert|attacked|angegriffen|struck|captured|erbeutet|eliminated|neutralised|neutralized|vernichtet|beschossen|shelling|angriff|angriffe|attacks|damaged|beschädigt|suffering|erleidet|opfer|victims")

// budgetCues mark a country's own budget, spending target, company
// figures and polls: amounts that are not pledges.
var budgetCues = toSet("verteidigungshaushalt|verteidigungsetat|wehretat|militärhaushalt|bundeshaushalt|haushalt|budget|budgets|spending|ausgaben|verteidigungsausgaben|rüstungsausgaben|militärausgaben|sondervermögen|gdp|bip|bruttoinlandsprodukt|umsatz|umsätze|revenue|revenues|sales|aktie|aktien|share|shares|kurs|börse|gewinn|profit|profits|earnings|market|marktwert|auftragsbestand|backlog|dividend|dividende|valuation|bewertung|poll|umfrage|salary|gehalt|kosten|kostet|cost|costs|price|preis|stückpreis|quartal|quarter|jahresumsatz|rearm|aufrüstung|aufrüsten|target|ziel|ziele|zielmarke|goal|goals|deficit|defizit|estimates|estimated|schätzt|geschätzt|schätzungen|reserves|reserven|vermögen|vermögenswerte|assets")

// equipmentNouns are the generic nouns a quantity may count when no
// capability noun is named: "two more systems", "100 Fahrzeuge".
var equipmentNouns = map[string]string{
	"systems": "systems", "system": "systems", "systeme": "systems", "systemen": "systems", "systems'": "systems",
	"units": "units", "einheiten": "units", "stück": "units", "pieces": "pieces", "items": "items",
	"vehicles": "vehicles", "fahrzeuge": "vehicles", "fahrzeugen": "vehicles",
	"launchers": "launchers", "werfer": "launchers", "startgeräte": "launchers", "abschussrampen": "launchers", "launcher": "launchers",
	"guns": "guns", "geschütze": "guns", "weapons": "weapons", "waffen": "weapons", "waffensysteme": "weapons systems", "waffensystemen": "weapons systems",
	"missiles": "missiles", "raketen": "missiles", "flugkörper": "missiles", "lenkflugkörper": "missiles",
	"kits": "kits", "sets": "sets", "geräte": "devices", "devices": "devices", "radars": "radars", "radare": "radars", "radargeräte": "radars", "radar": "radars",
	"rifles": "rifles", "gewehre": "rifles", "generators": "generators", "generatoren": "generators", "stromgeneratoren": "generators",
	"exemplare": "units", "examples": "units", "platforms": "platforms", "plattformen": "platforms", "batteries": "batteries", "batterien": "batteries",
	"modules": "modules", "module": "modules", "terminals": "terminals", "stations": "stations", "ambulances": "ambulances", "krankenwagen": "ambulances",
	"maschinen": "aircraft", "anlagen": "systems", "fire": "units", "feuereinheiten": "fire units", "feuereinheit": "fire units", "gerät": "equipment", "geräten": "devices",
	"barrels": "barrels", "rohre": "barrels", "waffenrohre": "barrels", "ersatzrohre": "barrels",
	"cameras": "cameras", "kameras": "cameras", "wärmebildkameras": "thermal cameras", "heaters": "heaters", "heizgeräte": "heaters",
}

// quantityModifiers may stand between a figure and the noun it counts.
var quantityModifiers = toSet("zweites|zweite|dritte|drittes|vierte|viertes|fünfte|third|fourth|fifth|weiteres|large-calibre|large-caliber|power|fire|more|additional|further|new|modern|extra|other|used|refurbished|surplus|older|old|mobile|tactical|self-propelled|long-range|short-range|medium-range|armoured|armored|main|battle|combat|fighter|light|heavy|military|unmanned|uncrewed|aerial|reconnaissance|attack|interceptor|naval|patrol|maritime|sea|fibre-optic|fiber-optic|fibre|fiber|optic|optical|first|second|modernised|modernized|upgraded|infantry|fighting|personnel|carriers|air|defence|defense|anti-aircraft|anti-tank|anti-drone|counter-drone|ground|surface-to-air|airborne|training|transport|utility|multi-role|multirole|strike|precision|guided|artillery|tank|cruise|ballistic|one-way|long|range|rounds|mine|demining|electronic|warfare|high-precision|brand-new|state-of-the-art|western|western-made|nato-standard|nato|standard|155mm|155-mm|105mm|122mm|152mm|120mm|mm|x|hundred|thousand|ready|operational|kamikaze|loitering|munition|fpv|strike|of|the|such|as|self|propelled|weitere|weiteren|zusätzliche|zusätzlichen|neue|neuen|moderne|modernen|gebrauchte|gebrauchten|ausgemusterte|mobile|mobilen|schwere|schweren|leichte|leichten")

// nonEquipment nouns end the search for what a figure counts: "57
// Länder", "3,000 soldiers", "10 years".
var nonEquipment = toSet("countries|länder|ländern|staaten|nations|members|mitglieder|mitgliedstaaten|allies|verbündete|partner|partners|soldiers|soldaten|troops|truppen|people|menschen|civilians|zivilisten|children|kinder|years|jahre|jahren|months|monate|monaten|days|tage|tagen|weeks|wochen|hours|stunden|km|kilometres|kilometers|kilometer|meter|metres|miles|times|mal|percent|prozent|dead|tote|toten|killed|wounded|verletzte|refugees|flüchtlinge|jobs|arbeitsplätze|companies|unternehmen|firmen|delegations|delegationen|ministers|minister|meetings|treffen|deaths|victims|opfer|pilots|piloten|prisoners|gefangene|kriegsgefangene|villages|dörfer|towns|städte|cities|regions|regionen|euro|dollar|dollars|pfund|pounds")
