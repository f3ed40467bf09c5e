package extract

import (
	"strings"
	"testing"
)

// TestGeneralRules holds sentences written for the error classes that
// text from other writers showed: other recipients, group targets,
// background totals, company figures, currency forms, metonyms, clauses,
// bullet lists, number words, periods, status and category wording. None
// is taken from a corpus; each names what it checks.
func TestGeneralRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		// recipients other than Ukraine
		{"moldova", "Germany will also give €40 million to Moldova for air defence.", nil},
		{"georgia de", "Frankreich stellt Georgien 25 Millionen Euro für die Grenzsicherung bereit.", nil},
		{"own army", "Sweden will buy 48 Archer howitzers for its own army.", nil},
		{"bundeswehr", "Die Bundeswehr soll bis 2027 weitere 105 Leopard-Kampfpanzer erhalten.", nil},
		{"for our forces", "We will order 1,000 drones for our forces, the Danish minister said.", nil},
		{"eastern flank", "Canada will send 15 tanks to NATO's eastern flank in Latvia.", nil},
		{"refugees at home", "Ireland pledged €30 million for refugees it hosts at home.", nil},
		{"moldova and ukraine", "Germany will provide €40 million to Moldova and €100 million to Ukraine.", []string{"DE mixed 100000000 EUR announced"}},
		{"ukraine beside moldova", "Romania will send 10 tanks to Ukraine.", []string{"RO armour q=10 announced"}},
		// group targets
		{"coalition aims", "The drone coalition aims to deliver one million drones to Ukraine by March.", nil},
		{"initiative seeks", "The Czech-led initiative seeks 800,000 shells for Ukraine this year.", nil},
		{"joint commitment", "Allies made a joint commitment to supply one million rounds of artillery ammunition.", nil},
		{"koalition ziel", "Die Drohnenkoalition will der Ukraine bis Jahresende eine Million Drohnen liefern.", nil},
		// background and cumulative totals
		{"since administration", "Since the beginning of the Biden Administration, the United States has committed more than $66 billion in security assistance.", nil},
		{"in total", "In total, Norway has provided NOK 45 billion in military support.", nil},
		{"so far", "Finland has so far sent 28 defence packages worth €3 billion.", nil},
		{"bringing its total", "Latvia pledged a further €20 million for drones, bringing its total to €300 million.", []string{"LV drones 20000000 EUR announced"}},
		{"taking the total", "Belgium added €150 million, taking its total military aid to €2 billion.", []string{"BE mixed 150000000 EUR announced"}},
		{"insgesamt", "Insgesamt hat Dänemark der Ukraine 8 Milliarden Euro zur Verfügung gestellt.", nil},
		{"gesamtwert", "Der Gesamtwert der deutschen Militärhilfe liegt bei 28 Milliarden Euro.", nil},
		{"seit kriegsbeginn", "Österreich hat seit Kriegsbeginn 200 Millionen Euro an humanitärer Hilfe bereitgestellt.", nil},
		{"has now committed since", "Canada has now committed more than C$4 billion since February 2022.", nil},
		{"quarter analysis", "Nach unserer Auswertung wurden im Quartal 4 Milliarden Euro für die Ukraine zugesagt.", nil},
		{"quarter allocated", "Some €2.1 billion were allocated in the quarter, our tracker shows.", nil},
		// company figures
		{"konzernumsatz", "Der Konzernumsatz von Rheinmetall stieg 2024 auf 9,8 Milliarden Euro.", nil},
		{"order backlog", "Rheinmetall's order backlog reached a record €55 billion, the company said.", nil},
		{"market value", "The company's market value rose to $80 billion after it agreed to supply more shells.", nil},
		{"konzernumsatz with ukraine", "Rheinmetall steigerte den Konzernumsatz auf 9,8 Milliarden Euro und liefert weiter Munition an die Ukraine.", nil},
		{"revenue with ukraine", "The group's revenue rose to €9.8 billion as it delivered more shells to Ukraine.", nil},
		{"auftragsbestand", "Der Auftragsbestand erreichte 55 Milliarden Euro, auch dank Lieferungen an die Ukraine.", nil},
		{"share price", "KNDS will deliver more howitzers to Ukraine; its share price rose to €120.", nil},
		{"guidance", "The group confirmed its guidance of €10 billion in sales for next year.", nil},
		// Ukraine's own budget and production
		{"ukraine budget", "Ukraine's defence budget for next year is set at $53 billion.", nil},
		{"ukraine budget after pledge", "Britain pledged £100m for drones for Ukraine. Ukraine's defence budget for next year is $53 billion.", []string{"GB drones 100000000 GBP announced"}},
		{"ukrainian industry", "Ukrainian industry produced 2.2 million drones last year, the minister said.", nil},
		// loans and frameworks
		{"g7 loan", "The G7 agreed a $50 billion loan to Ukraine backed by frozen Russian assets.", nil},
		{"eu windfall", "The Council agreed a first payment of €1.5 billion from windfall profits for Ukraine.", []string{"EU mixed 1500000000 EUR committed"}},
		// currency forms
		{"SKr", "Sweden pledged SKr13.3bn ($1.3bn) in military aid to Ukraine.", []string{"SE mixed 13300000000 SEK announced"}},
		{"NKr", "Norway will give NKr2bn for air defence for Ukraine.", []string{"NO air_defence 2000000000 NOK announced"}},
		{"DKr", "Denmark has allocated DKr500m for drones for Ukraine.", []string{"DK drones 500000000 DKK committed"}},
		{"Can$", "Canada will provide Can$500m for drones for Ukraine.", []string{"CA drones 500000000 CAD announced"}},
		{"AU$", "Australia pledged AU$100m in military aid for Ukraine.", []string{"AU mixed 100000000 AUD announced"}},
		{"kanadischer Dollar", "Kanada stellt der Ukraine 200 Millionen kanadische Dollar für Drohnen bereit.", []string{"CA drones 200000000 CAD committed"}},
		{"australische Dollar", "Australien sagte der Ukraine 50 Millionen australische Dollar zu.", []string{"AU mixed 50000000 AUD committed"}},
		{"Schweizer Franken", "Die Schweiz stellt der Ukraine 100 Millionen Schweizer Franken für die Minenräumung bereit.", []string{"CH demining 100000000 CHF committed"}},
		{"halbe Milliarde", "Deutschland will der Ukraine eine halbe Milliarde Euro für Munition geben.", []string{"DE ammunition 500000000 EUR announced"}},
		{"einer halben Milliarde", "Die Niederlande haben ein Paket von einer halben Milliarde Euro für die Ukraine angekündigt.", []string{"NL mixed 500000000 EUR announced"}},
		{"half a billion", "Japan will provide half a billion dollars for Ukraine's reconstruction.", []string{"JP financial 500000000 USD announced"}},
		{"quarter of a billion", "Britain will give a quarter of a billion pounds for drones for Ukraine.", []string{"GB drones 250000000 GBP announced"}},
		{"swiss thousands", "Der Bund stellt der Ukraine 139'000 Franken für Minenräumgeräte bereit. Die Schweiz unterstützt damit die Ukraine.", []string{"CH demining 139000 CHF committed"}},
		{"swiss apostrophe", "Die Schweiz stellt der Ukraine 139’000 Franken für Minenräumgeräte bereit.", []string{"CH demining 139000 CHF committed"}},
		{"der Bund in a Swiss text", "Die Schweiz baut ihre Hilfe aus. Der Bund stellt der Ukraine 5 Millionen Franken für die Minenräumung bereit. Österreich gibt 2 Millionen Euro für die Minenräumung.", []string{"CH demining 5000000 CHF committed", "AT demining 2000000 EUR announced"}},
		{"der Bund in a German text", "Der Bund stellt der Ukraine 100 Millionen Euro für Munition bereit. Frankreich gibt 50 Millionen Euro für Munition.", []string{"DE ammunition 100000000 EUR committed", "FR ammunition 50000000 EUR announced"}},
		// metonyms in lists of donors
		{"capitals list", "Berlin promised four launchers, The Hague put up €500 million, and Stockholm earmarked SEK 1.2 billion for Ukraine.", []string{"DE other q=4 announced", "NL mixed 500000000 EUR announced", "SE mixed 1200000000 SEK committed"}},
		{"hague as place", "At a meeting in The Hague, Norway pledged 20 boats to Ukraine.", []string{"NO maritime q=20 announced"}},
		{"ottawa canberra", "Ottawa will send 50 armoured vehicles to Ukraine and Canberra pledged 30 Bushmasters.", []string{"CA armour q=50 announced", "AU armour q=30 announced"}},
		// later clause
		{"while clause", "France will deliver 12 CAESAR howitzers, while the United Kingdom would supply 150 artillery barrels to Ukraine.", []string{"FR artillery q=12 announced", "GB artillery q=150 announced"}},
		// bullet lists
		{"bullets", "The United States announced a new package for Ukraine. The package includes:\n\n• 12 Bradley Infantry Fighting Vehicles\n\n• More than 3 million rounds of small arms ammunition", []string{"US armour q=12 announced", "US ammunition q=3000000 announced"}},
		{"bullets one paragraph", "Poland will send Ukraine the following: • 20 mortars • 5,000 shells", []string{"PL artillery q=20 announced", "PL ammunition q=5000 announced"}},
		// number words
		{"nine", "Italy will send nine howitzers to Ukraine.", []string{"IT artillery q=9 announced"}},
		{"a second system", "Germany will deliver a second Patriot system to Ukraine.", []string{"DE air_defence q=1 announced"}},
		{"a further nine", "Sweden has delivered ten CV90 vehicles to Ukraine. A further nine are to follow.", []string{"SE armour q=10 delivered", "SE armour q=9 announced"}},
		// periods
		{"next three years", "BERLIN, 3 March 2025 – Germany will give Ukraine €3 billion over the next three years.", []string{"DE mixed 3000000000 EUR announced 2025-2027"}},
		{"in den Jahren", "Deutschland stellt der Ukraine in den Jahren 2024 bis 2027 zusätzlich 3 Milliarden Euro bereit.", []string{"DE mixed 3000000000 EUR committed 2024-2027"}},
		{"by 2028", "OSLO, 5 May 2025 – Norway will provide NOK 10 billion for air defence for Ukraine by 2028.", []string{"NO air_defence 10000000000 NOK announced 2025-2028"}},
		// status
		{"committing", "Denmark is committing DKK 1 billion to buy artillery for Ukraine.", []string{"DK artillery 1000000000 DKK committed"}},
		{"set aside", "Lithuania has set aside €10 million to buy munitions for Ukraine.", []string{"LT ammunition 10000000 EUR committed"}},
		{"purchased for ukraine", "The Netherlands purchased 30 radars for Ukraine.", []string{"NL air_defence q=30 committed"}},
		{"verpflichtungsermächtigungen", "Der Bundestag hat Verpflichtungsermächtigungen von 8 Milliarden Euro für die Ukraine vorgesehen.", []string{"DE mixed 8000000000 EUR committed"}},
		{"have arrived", "The 20 Leopard tanks from Spain have arrived in Ukraine.", []string{"ES armour q=20 delivered"}},
		{"were handed over", "Twelve howitzers from Italy were handed over to Ukraine last week.", []string{"IT artillery q=12 delivered"}},
		{"überlassen past", "Österreich hat der Ukraine 30 Lkw überlassen.", []string{"AT logistics q=30 delivered"}},
		{"wird überlassen", "Österreich wird der Ukraine 30 Lkw überlassen.", []string{"AT logistics q=30 announced"}},
		// category
		{"uncrewed", "Britain will send 500 uncrewed aerial systems to Ukraine.", []string{"GB drones q=500 announced"}},
		{"brückenlegepanzer", "Deutschland liefert der Ukraine sechs Brückenlegepanzer.", []string{"DE logistics q=6 announced"}},
		{"military aid budget", "Spain approved a budget of €1 billion for military aid to Ukraine.", []string{"ES mixed 1000000000 EUR committed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := gists(t, tt.text)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("text %q\ngot:\n  %s\nwant:\n  %s", tt.text, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestFrameRules checks the rules of frame.go and their neighbours, each
// with a sentence it must refuse and, where the line is fine, one it must
// keep. The sentences are written for this test.
func TestFrameRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		// joint figures and groups
		{"gemeinsam mit", "Gemeinsam mit Schweden will Dänemark der Ukraine 40 Millionen Euro für Drohnen geben.", nil},
		{"together with", "Together with Norway, Finland will fund 20 air defence systems for Ukraine.", nil},
		{"coalition led by two", "The demining coalition led by Lithuania and Iceland aims to clear 5,000 hectares for Ukraine.", nil},
		{"led by one", "The Czech-led initiative will deliver 500,000 shells to Ukraine this year, Prague said.", []string{"CZ ammunition q=500000 announced"}},
		{"governing coalition", "Die Ampel-Koalition hat für die Ukraine 4 Milliarden Euro Militärhilfe eingeplant, teilte die Bundesregierung mit.", []string{"DE mixed 4000000000 EUR committed"}},
		{"coalition government", "Britain's coalition government pledged £2 billion to Ukraine.", []string{"GB mixed 2000000000 GBP announced"}},
		{"coalition partner", "Coalition partner Denmark will send 20 tanks to Ukraine.", []string{"DK armour q=20 announced"}},
		{"coalition aims", "The drone coalition aims to deliver 1 million drones to Ukraine.", nil},
		{"to the coalition", "Estonia committed €5 million to the drone coalition for Ukraine.", []string{"EE drones 5000000 EUR committed"}},
		{"among the allies", "Among the allies, Germany pledged €500 million in new aid to Ukraine.", []string{"DE mixed 500000000 EUR announced"}},
		{"ziel der initiative", "Ziel der Initiative ist es, der Ukraine 300.000 Granaten zu beschaffen.", nil},
		// vague counts
		{"mehrere tausend", "Deutschland wird der Ukraine mehrere Tausend Drohnen liefern.", nil},
		{"thousands of", "Britain will send thousands of drones to Ukraine.", nil},
		{"several billion", "France will give several billion euros to Ukraine.", nil},
		{"tausend counted", "Deutschland wird der Ukraine 4.000 Drohnen liefern.", []string{"DE drones q=4000 announced"}},
		// other receivers
		{"republic of moldova", "The EU approved €30 million to support the armed forces of the Republic of Moldova.", nil},
		{"moldauische streitkräfte", "Die EU stellt 20 Millionen Euro für die moldauischen Streitkräfte bereit. Die Ukraine erhält nichts davon.", nil},
		{"erhält moldau", "Ebenfalls erhält die Republik Moldau weitere 10 Millionen Euro aus dem Fonds der Ukraine-Hilfe.", nil},
		{"sale to the maker", "Die Regierung genehmigte den Verkauf von 20 Leopard-Panzern an den Hersteller, nicht an die Ukraine.", nil},
		{"army receives", "The army will receive new vehicles from the plant. It has ordered 200 of them for $1 billion. Canada will also send Ukraine 10 more.", nil},
		// own business
		{"ordered from a supplier", "Polen hat in Südkorea 180 Kampfpanzer bestellt.", nil},
		{"bought for ukraine from a supplier", "Canada bought 8 NASAMS launchers from the United States for Ukraine.", []string{"CA air_defence q=8 committed"}},
		{"replenish", "The Pentagon signed a $300 million contract to replenish US stocks of Stinger missiles sent to Ukraine.", nil},
		{"company contract", "Diehl has received contracts worth €2 billion this year.", nil},
		{"plant", "Rheinmetall will build an ammunition plant in Ukraine worth €200 million.", nil},
		{"werk", "Der Konzern will in der Ukraine ein Munitionswerk für 300 Millionen Euro bauen.", nil},
		{"built at a plant", "Canada will send 40 armoured vehicles built at the London plant to Ukraine.", []string{"CA armour q=40 announced"}},
		{"konzernumsatz compound", "Der Rüstungsumsatz soll auf 12 Milliarden Euro steigen, auch dank der Ukraine.", nil},
		{"rearm europe", "Brussels unveiled ReArm Europe, a plan to mobilise €800 billion for defence.", nil},
		// Ukraine acting, Ukraine's budget
		{"domestic producers", "Ukraine's domestic producers will deliver 3 million drones this year.", nil},
		{"ukrainischer haushalt", "Der ukrainische Verteidigungshaushalt soll 2026 bei 2 Billionen Hrywnja liegen.", nil},
		// totals
		{"rises to", "Mit dem neuen Paket steigt die deutsche Hilfe für die Ukraine auf 40 Milliarden Euro.", nil},
		{"erhöht is a pledge", "Deutschland erhöht die Ukraine-Hilfe im kommenden Jahr auf sieben Milliarden Euro.", []string{"DE mixed 7000000000 EUR announced"}},
		{"von zusammen", "Im Mai wurden Zusagen an die Ukraine von zusammen 3 Milliarden Euro erfasst.", nil},
		{"has trained more than", "The UK has trained more than 50,000 Ukrainian recruits.", nil},
		{"has pledged more than", "Britain has pledged more than £3 billion this year for Ukraine.", []string{"GB mixed 3000000000 GBP announced"}},
		{"a further to train", "Britain pledged to train a further 10,000 Ukrainian soldiers this year.", []string{"GB training q=10000 announced"}},
		{"past year total", "BERLIN, 3 May 2025 – Im Jahr 2023 hatte Deutschland der Ukraine Militärhilfe im Wert von 5,4 Milliarden Euro geleistet.", nil},
		{"past month pledge", "OTTAWA, 3 May 2025 – In January 2023 Canada purchased one NASAMS system for Ukraine at a cost of US$406 million.", []string{"CA air_defence q=1 406000000 USD committed"}},
		{"davon", "Im Mai sagten die Geber der Ukraine 3 Milliarden Euro zu, davon die Hälfte durch Deutschland.", nil},
		{"equal parts", "Australia will provide AU$20 million for drones and AU$20 million for demining for Ukraine, a package of AU$40 million.", []string{"AU drones 20000000 AUD announced", "AU demining 20000000 AUD announced"}},
		{"half a system", "Oslo finanziert die Hälfte eines weiteren Patriot-Systems für die Ukraine.", nil},
		// requests and pending votes
		{"benötige", "Kiew sagt, es benötige zehn weitere Patriot-Systeme aus Deutschland.", nil},
		{"rejected calls", "The government rejected calls to transfer some of the 40 retired jets to Ukraine.", nil},
		{"pending vote", "A $60 billion aid package for Ukraine passed the Senate but has not come to a vote in the House.", nil},
		{"keine mehrheit", "Das Paket über 3 Milliarden Euro für die Ukraine hat im Parlament noch keine Mehrheit.", nil},
		{"stalled in congress", "A $20 billion package for Ukraine has stalled in Congress.", nil},
		{"blocked earlier, passed now", "The US Senate passed the $61 billion package for Ukraine, which had been blocked for months.", []string{"US mixed 61000000000 USD announced"}},
		{"not counting", "Norway's parliament approved NOK 5 billion in military aid for Ukraine, not counting humanitarian aid.", []string{"NO mixed 5000000000 NOK committed"}},
		// verbs and nouns
		{"steuern bei", "Die Niederlande steuern 250 Millionen Euro für Munition für die Ukraine bei.", []string{"NL ammunition 250000000 EUR announced"}},
		{"feuereinheit", "Deutschland hat der Ukraine eine weitere Feuereinheit des Systems IRIS-T übergeben.", []string{"DE air_defence q=1 delivered"}},
		{"gleitbomben", "Frankreich will der Ukraine 600 Gleitbomben liefern.", []string{"FR ammunition q=600 announced"}},
		{"compound head", "Deutschland wird der Ukraine zwölf ferngesteuerte Minenräummaschinen liefern.", []string{"DE demining q=12 announced"}},
		{"parliament as donor", "Der Haushaltsausschuss des Bundestages hat überplanmäßige Ausgaben von 1 Milliarde Euro für die Unterstützung der Ukraine genehmigt.", []string{"DE mixed 1000000000 EUR committed"}},
		{"relative clause donor", "Norway will contribute NOK 500 million to the fund for Ukraine, which is run by the United Kingdom.", []string{"NO mixed 500000000 NOK announced"}},
		{"fund as receiver", "Australia said $10 million has been transferred to the NATO trust fund for Ukraine.", []string{"AU mixed 10000000 AUD delivered"}},
		// the risky rules on plausible sentences they must not refuse
		{"together with items", "Britain has delivered 12 Challenger tanks to Ukraine, together with 20 howitzers.", []string{"GB armour q=12 delivered", "GB artillery q=20 delivered"}},
		{"gemeinsam mit sachen", "Deutschland liefert der Ukraine 10 Panzer gemeinsam mit der nötigen Munition.", []string{"DE armour q=10 announced"}},
		{"together with a partner", "Together with the Netherlands, Denmark will send 14 tanks to Ukraine.", nil},
		{"under the alliance", "Under the alliance's aid plan, NATO itself will fund €100 million of fuel for Ukraine.", []string{"NATO logistics 100000000 EUR announced"}},
		{"coalition receives", "Sweden will give SEK 300 million to the drone coalition for Ukraine.", []string{"SE drones 300000000 SEK announced"}},
		{"vote passed", "The Bundestag approved €3 billion in aid for Ukraine after a vote on Thursday.", []string{"DE mixed 3000000000 EUR committed"}},
		// values, shipments, packages
		{"estimated value", "The United States announced new aid for Ukraine. The package, valued at an estimated $150 million, comes from US stocks.", []string{"US mixed 150000000 USD announced"}},
		{"estimated casualties", "Russia has lost an estimated 400,000 soldiers in Ukraine, the ministry said.", nil},
		{"shipment worth", "Latvia has handed over a batch of aid to Ukraine. The shipment is worth about €4m, officials said.", []string{"LV mixed 4000000 EUR delivered"}},
		{"one quantity in a package", "Canada will send 30 armoured vehicles to Ukraine in a package worth C$90 million.", []string{"CA armour q=30 90000000 CAD announced"}},
		{"two quantities in a package", "Canada will send 30 armoured vehicles and 10 tanks to Ukraine in a package worth C$90 million.", []string{"CA armour q=30 announced", "CA armour q=10 announced", "CA armour 90000000 CAD announced"}},
		{"rockets", "Canada transferred 2,000 rocket motors to Ukraine.", []string{"CA ammunition q=2000 delivered"}},
		// who gives
		{"coalition led by two, receiving", "Japan has committed $30 million to the drone coalition led by Latvia and the United Kingdom.", []string{"JP drones 30000000 USD committed"}},
		{"supplied by", "20,000 drones will be supplied by Britain to Ukraine this year.", []string{"GB drones q=20000 announced"}},
		{"from 10 countries", "The fund for Ukraine has received contributions of £900 million from 10 countries.", nil},
		{"von 14 staaten", "Für die Initiative sind Zusagen über 2 Milliarden Euro von 14 Staaten eingegangen.", nil},
		{"from one country", "The fund for Ukraine has received £90 million from Norway.", []string{"NO mixed 90000000 GBP delivered"}},
		// own forces, requests, targets
		{"funding for the armed forces", "Funding for the armed forces will grow by SEK 20 billion next year, the finance minister said.", nil},
		{"eigene streitkräfte", "Frankreich stellt den eigenen Streitkräften bis 2030 insgesamt 400 Milliarden Euro zur Verfügung.", nil},
		{"armed forces of ukraine", "Sweden will give SEK 2 billion for the armed forces of Ukraine.", []string{"SE mixed 2000000000 SEK announced"}},
		{"um ... gebeten", "Kiew hat um die Lieferung weiterer 20 Kampfpanzer gebeten.", nil},
		{"baseline", "The allies agreed a minimum baseline of €40 billion a year for Ukraine.", nil},
		// production after the figures
		{"replaced by new production", "Oslo will hand over two NASAMS launchers to Ukraine, to be replaced later with new production.", []string{"NO air_defence q=2 announced"}},
		{"production is the figure", "Ukraine's industry will produce 2 million drones this year.", nil},
		// own business carried, company suppliers, conditions
		{"bestellt bei konzern", "Die Bundeswehr bestellt bei dem Münchner Konzern 200 Radhaubitzen für 3 Milliarden Euro.", nil},
		{"order carried", "Die Luftwaffe bestellt bei dem Hersteller 20 Hubschrauber. Eine erste Tranche über 400 Millionen Euro ist bereits vereinbart.", nil},
		{"order for ukraine", "Deutschland bestellt bei dem Hersteller 20 Radhaubitzen für die Ukraine.", []string{"DE artillery q=20 committed"}},
		{"next sentence names donor", "Die Bundeswehr bestellt bei dem Konzern 200 Haubitzen. Dänemark gibt der Ukraine 300 Millionen Euro für Drohnen.", []string{"DK drones 300000000 EUR announced"}},
		{"condition after the figure", "Warschau will der Ukraine 30 Panzer überlassen, sobald Ersatz für die eigene Truppe eingetroffen ist.", []string{"PL armour q=30 announced"}},
		{"for its own army", "Litauen hat 44 Kampfpanzer für die eigene Armee bestellt.", nil},
		// other receivers by name
		{"moldova named before", "Die EU stärkt die Verteidigung der Republik Moldau. Der Rat beschloss dafür 40 Millionen Euro.", nil},
		{"moldova then ukraine", "Die EU stärkt die Verteidigung der Republik Moldau. Für die Ukraine beschloss der Rat 500 Millionen Euro.", []string{"EU mixed 500000000 EUR committed"}},
		// counts
		{"das zweite system", "Das dritte IRIS-T-System aus Deutschland ist in der Ukraine eingetroffen.", []string{"DE air_defence q=1 delivered"}},
		{"die beiden", "Deutschland hat die beiden Patriot-Startgeräte an die Ukraine übergeben.", []string{"DE air_defence q=2 delivered"}},
		{"die beiden länder", "Die beiden Länder wollen der Ukraine helfen.", nil},
		{"the second package", "The second package is worth €50 million, Berlin said.", []string{"DE mixed 50000000 EUR announced"}},
		{"part of an earlier order", "Bis Mai waren 18 Haubitzen aus dieser Bestellung an die Ukraine übergeben.", nil},
		// schemes and places
		{"the scheme delivered", "The scheme delivered 500,000 shells to Ukraine last year, the minister said.", nil},
		{"under the scheme", "Under the scheme, Britain will send 200 drones to Ukraine.", []string{"GB drones q=200 announced"}},
		{"outside the eu", "Denmark will buy 20,000 shells outside the EU for Ukraine.", []string{"DK ammunition q=20000 announced"}},
		// what an amount pays for
		{"weaponry and ammunition", "Finland's new package for Ukraine is worth €150 million and consists of heavy weaponry and ammunition.", []string{"FI mixed 150000000 EUR announced"}},
		{"ammunition only", "Finland's new package for Ukraine is worth €150 million and consists of artillery ammunition.", []string{"FI ammunition 150000000 EUR announced"}},
		{"a tranche", "Die EU hat der Ukraine 1,5 Milliarden Euro aus Zinserträgen für Militärhilfe und Wiederaufbau überwiesen. Eine zweite Tranche von 1,4 Milliarden Euro soll im Frühjahr folgen.", []string{"EU mixed 1500000000 EUR delivered", "EU mixed 1400000000 EUR announced"}},
		// a number of the donor's own, a part of a total
		{"of its retired", "Australia will send 49 of its retired Abrams tanks to Ukraine.", []string{"AU armour q=49 announced"}},
		{"zehn seiner", "Deutschland gibt der Ukraine zehn seiner Leopard-Panzer.", []string{"DE armour q=10 announced"}},
		{"of the total", "Canada will send 10 of the 39 armoured vehicles to Ukraine.", []string{"CA armour q=10 announced"}},
		// status of the main clause, not of a relative clause on the noun
		{"relative clause status", "Britain has delivered 12 tanks to Ukraine, together with the 20 howitzers that it promised in May.", []string{"GB armour q=12 delivered", "GB artillery q=20 delivered"}},
		{"relativsatz status", "Die 20 Haubitzen, die Deutschland im Sommer zugesagt hatte, sind in der Ukraine eingetroffen.", []string{"DE artillery q=20 delivered"}},
		{"relativsatz only cue", "Dazu kommen drei IRIS-T-Systeme, die Deutschland bis Jahresende an die Ukraine liefert.", []string{"DE air_defence q=3 announced"}},
		{"no relative clause", "Britain promised 20 howitzers to Ukraine that will be delivered in May.", []string{"GB artillery q=20 announced"}},
		// lenders are no donors; a buyer named in a sentence without Ukraine buys for itself
		{"lender", "The World Bank's board approved a $650 million grant to help Ukraine repair power plants.", nil},
		{"lender de", "Die Weltbank kündigte an, weitere 1,5 Milliarden US-Dollar für Gehälter in der Ukraine bereitzustellen.", nil},
		{"own order", "Poland has ordered 1,000 K2 tanks and 96 Apache helicopters.", nil},
		{"order for ukraine", "Denmark has ordered 20 howitzers for Ukraine.", []string{"DK artillery q=20 committed"}},
		{"passive order", "Canada's contract for 50 armoured vehicles, ordered from the manufacturer, was signed last year for Ukraine.", []string{"CA armour q=50 committed"}},
		{"signed contracts", "Poland signed contracts last year for 180 K2 tanks worth about $5.8 billion.", nil},
		{"army orders", "The British Army has ordered the Starstreak missile under a contract worth £280 million.", nil},
		// a condition contrary to fact, a schedule for part of a pledge, a sum, a conversion
		{"counterfactual", "Estland gibt jedes Jahr 0,25 Prozent seiner Wirtschaftsleistung für die Ukraine. Der Minister rief die anderen Staaten auf, diesem Beispiel zu folgen: „Wenn alle so viel geben würden, hätte die Ukraine jedes Jahr mehr als 120 Milliarden Euro zur Verfügung.“", nil},
		{"plain condition", "Germany will send 10 tanks to Ukraine if the roads allow it.", []string{"DE armour q=10 announced"}},
		{"first of schedule", "Belgium has promised 30 F-16 jets to Ukraine. The minister said the first two of the jets Belgium has promised would be handed over before the end of the year.", []string{"BE aircraft q=30 announced"}},
		{"ersten schedule", "Dänemark liefert der Ukraine 19 F-16. Die ersten sechs Maschinen sollen im Winter übergeben werden.", []string{"DK aircraft q=19 announced"}},
		{"first received", "Kyiv received the first six F-16 jets from Denmark.", []string{"DK aircraft q=6 delivered"}},
		{"beläuft sich", "Schweden schnürt ein neues Paket für die Ukraine. Mit dem neuen Paket beläuft sich die militärische Unterstützung Schwedens seit Februar 2022 auf rund 40 Milliarden Kronen.", nil},
		{"umgerechnet", "Die Regierung in Tokio sagte am Freitag rund 300 Milliarden Yen zu, umgerechnet etwa zwei Milliarden US-Dollar.", []string{"JP mixed 300000000000 JPY committed"}},
		// own forces and national defence, running totals, shares of a total, blocked and remaining money
		{"for the royal navy", "Oslo will deliver patrol boats to Ukraine. The government also said it would buy five new frigates for the Royal Norwegian Navy, a contract worth NOK 90 billion.", nil},
		{"landesverteidigung", "Österreich stellt im kommenden Jahr rund 4,7 Milliarden Euro für die Landesverteidigung bereit.", nil},
		{"had reached", "The New Zealand government released a plan. Officials said about 100 personnel had been deployed to help train Ukrainian soldiers and provide intelligence support, and that total support to Ukraine had reached more than NZ$130 million.", nil},
		{"entfällt", "Die Hilfe für die Ukraine summiert sich. Auf die Vereinigten Staaten entfällt davon knapp die Hälfte, auf die europäischen Länder zusammen etwas mehr als 60 Milliarden Euro.", nil},
		{"accounts for", "Germany accounts for €30 billion of the aid delivered to Ukraine.", nil},
		{"blocked", "Hungary continues to block the reimbursement of €6.6 billion to member states for arms sent to Ukraine.", nil},
		{"remaining authority", "The United States is announcing a new package for Ukraine. We have roughly $5.9 billion in remaining drawdown authority, and we intend to use it.", nil},
		{"buy for ukraine", "The Netherlands will buy 10 radars for Ukraine.", []string{"NL air_defence q=10 announced"}},
		{"ordered from a manufacturer", "Litauen hat der Ukraine weitere 20 Millionen Euro für Drohnen zugesagt. Zudem bestellt die Regierung bei einem heimischen Hersteller 500 Aufklärungsdrohnen für die Ukraine.", []string{"LT drones 20000000 EUR committed", "LT drones q=500 committed"}},
		{"largest to date", "Sweden will send Ukraine two surveillance aircraft as part of its largest military aid package to date, worth SEK 13.3 billion.", []string{"SE aircraft q=2 announced", "SE mixed 13300000000 SEK announced"}},
		{"bislang größte", "Dänemark kündigte das bislang größte Paket für die Ukraine an: 19 Leopard-Panzer.", []string{"DK armour q=19 announced"}},
		{"to date total", "Sweden has sent SEK 43 billion in military aid to Ukraine to date.", nil},
		{"pronoun buyer", "Hauptabnehmer der Munition ist die Bundeswehr. Sie hat bei Rheinmetall im Juni einen Rahmenvertrag über Munition im Wert von bis zu 8 Milliarden Euro abgeschlossen.", nil},
		{"pronoun continues pledge", "Norway will send 10 patrol boats to Ukraine. It has also ordered 20 drones.", []string{"NO maritime q=10 announced", "NO drones q=20 committed"}},
		{"gefordert", "Deutschland liefert der Ukraine zwei Patriot-Systeme. Die Ukraine hatte zuletzt mindestens acht weitere Systeme gefordert.", []string{"DE air_defence q=2 announced"}},
		{"of these systems is new", "Norway will deliver 10 of these systems to Ukraine.", []string{"NO other q=10 announced"}},
		// round 4: refuted claims, opposed transfers, ranks, restocking,
		// groups, Ukraine's production, own defence spending, needs,
		// suggestions, surnames
		{"claim heading", "Behauptung: Frankreich habe der Ukraine heimlich 300 Panzer geliefert.", nil},
		{"claim not proven", "Die Behauptung, Polen habe weitere 100 Panzer zugesagt, lässt sich nicht belegen.", nil},
		{"no evidence for claim", "The post claims Italy has sent 500 missiles to Ukraine, but there is no evidence for it.", nil},
		{"false without claim", "Norway will send 10 patrol boats to Ukraine, the ministry said, calling reports of a delay false.", []string{"NO maritime q=10 announced"}},
		{"against the delivery", "Die Opposition hatte sich im Bundestag gegen die Lieferung von 50 Kampfjets an die Ukraine ausgesprochen.", nil},
		{"delivery approved", "Deutschland kündigte die Lieferung von 50 Kampfjets an die Ukraine an.", []string{"DE aircraft q=50 announced"}},
		{"platz drei", "Bei der Militärhilfe für die Ukraine liegt Japan mit 9 Milliarden Euro auf Platz drei.", nil},
		{"ranks with", "Britain ranks second with £12 billion in military aid committed to Ukraine.", nil},
		{"leads and provides with", "Latvia, which leads the drone coalition, will provide Ukraine with 1,000 drones.", []string{"LV drones q=1000 announced"}},
		{"kommt auf", "Nach der Auswertung kommt Frankreich auf 5 Milliarden Euro an zugesagter Hilfe für die Ukraine, Italien auf 3 Milliarden Euro.", nil},
		{"counts", "The audit office counts about €4 billion in aid delivered to Ukraine by Spain.", nil},
		{"total exceeds", "Sweden's total contribution to Ukraine now exceeds SEK 40 billion, including air defence it has delivered.", nil},
		{"package exceeds", "Belgium pledged a new package for Ukraine that exceeds €1 billion.", []string{"BE mixed 1000000000 EUR announced"}},
		{"replace those sent", "Norway has ordered 12 new howitzers to replace those sent to Ukraine.", nil},
		{"ersetzen abgegebene", "Berlin bestellt 20 Panzerhaubitzen, um die an die Ukraine abgegebenen Geschütze zu ersetzen.", nil},
		{"ersatz as condition", "Weitere 10 Panzer will Oslo der Ukraine überlassen, sobald Ersatz für die eigene Armee eingetroffen ist.", []string{"NO armour q=10 announced"}},
		{"whose members aim", "Britain co-leads the drone coalition with Latvia, whose members aim to send 100,000 drones to Ukraine this year.", nil},
		{"one of the members", "Finland, one of the coalition's members, will supply 40 boats to Ukraine.", []string{"FI maritime q=40 announced"}},
		{"ukraine produced", "Ministers will also wish to know that Ukraine produced 2 million drones last year, as Britain pledged.", nil},
		{"together send", "Poland and Lithuania will together send 30 tanks to Ukraine.", nil},
		{"together with things", "Poland will send 30 tanks to Ukraine together with spare parts.", []string{"PL armour q=30 announced"}},
		{"spend on defence", "Norway will spend NOK 600 billion on defence by 2036, the government said.", nil},
		{"spend on air defence", "Finland will spend €40 million on air defence for Ukraine.", []string{"FI air_defence 40000000 EUR announced"}},
		{"brauchen", "Wir haben mit Deutschland darüber gesprochen, dass wir noch 20 weitere Flugabwehrsysteme brauchen.", nil},
		{"braucht in relative", "Deutschland liefert der Ukraine 10 Panzer, die sie dringend braucht.", []string{"DE armour q=10 announced"}},
		{"suggests", "The columnist suggests that Germany send 50 more tanks to Ukraine.", nil},
		{"grateful to", "We are grateful to Norway for its new package of NOK 500 million for drones.", []string{"NO drones 500000000 NOK announced"}},
		{"own forces after", "Sweden will put SEK 500 million into a fund, under which Ukrainian plants build drones for their own forces.", []string{"SE drones 500000000 SEK announced"}},
		{"own forces", "Sweden will put SEK 500 million into the fund for its own forces.", nil},
		{"price at a cost of", "Norway is buying 3 NASAMS launchers from the United States for Ukraine at a cost of about $600 million, and will also give $100 million for drones.", []string{"NO air_defence q=3 600000000 USD announced", "NO drones 100000000 USD announced"}},
		{"price in the next sentence", "Canada has signed a contract for 30 armoured vehicles for Ukraine. Ottawa will pay C$60 million for the vehicles.", []string{"CA armour q=30 60000000 CAD committed"}},
		{"amount for something else", "Canada has signed a contract for 30 armoured vehicles for Ukraine. Ottawa will also pay C$60 million for drones.", []string{"CA armour q=30 committed", "CA drones 60000000 CAD announced"}},
		{"dafür", "Schweden hat für die Ukraine 12 Haubitzen bestellt. Stockholm zahlt dafür 80 Millionen Euro.", []string{"SE artillery q=12 80000000 EUR committed"}},
		{"austrian bundesregierung", "Wien – Die Bundesregierung stellt der Ukraine 5 Millionen Euro für die Minenräumung bereit.", []string{"AT demining 5000000 EUR committed"}},
		{"german bundesregierung beside austria", "Die Bundesregierung stellt der Ukraine 5 Millionen Euro für die Minenräumung bereit. Auch Österreich hilft, anders als Deutschland ohne Waffen.", []string{"DE demining 5000000 EUR committed"}},
		{"auszubilden", "Frankreich hat zugesagt, bis zu 2.000 weitere Soldaten der Ukraine auszubilden.", []string{"FR training q=2000 committed"}},
		{"own brigade", "Deutschland liefert der Ukraine 20 Panzer. Für 30 Millionen Euro entstehen zudem neue Hallen, die der Panzerbrigade 45 dienen sollen.", []string{"DE armour q=20 announced"}},
		{"own squadron", "Deutschland liefert der Ukraine 20 Panzer. Zudem erhält das Jagdgeschwader 74 für 30 Millionen Euro neue Hallen.", []string{"DE armour q=20 announced"}},
		{"darin and a type designation", "Norwegen hat ein neues Paket im Wert von 2 Milliarden Kronen angekündigt. Darin stecken unter anderem 20 Schnellboote vom Typ CB 90 sowie Lastwagen.", []string{"NO mixed 2000000000 NOK announced", "NO maritime q=20 announced"}},
		{"insgesamt geht es um", "Dänemark: Die ersten F-16 sollen im Mai in der Ukraine eintreffen. Insgesamt geht es um 24 Kampfjets, die Kopenhagen im Vorjahr zugesagt hatte.", []string{"DK aircraft q=24 committed"}},
		{"stehen bereit", "Für 2025 stehen im Fonds der EU 3 Milliarden Euro für die Ukraine bereit.", []string{"EU mixed 3000000000 EUR committed"}},
		{"sieht vor", "Der Plan der Bundesregierung sieht für die Ukraine 2 Milliarden Euro Militärhilfe vor.", []string{"DE mixed 2000000000 EUR committed"}},
		{"ukraine-fazilität", "Die Ukraine-Fazilität sieht 50 Milliarden Euro für den Wiederaufbau der Ukraine vor.", []string{"EU financial 50000000000 EUR committed"}},
		{"energy grid repairs", "Austria sent Ukraine €3 million for repairs to the power grid.", []string{"AT humanitarian 3000000 EUR delivered"}},
		{"reparatur der energieinfrastruktur", "Österreich hat der Ukraine 3 Millionen Euro für die Reparatur der Energieinfrastruktur überwiesen.", []string{"AT humanitarian 3000000 EUR delivered"}},
		{"drone detection", "Japan will give $20 million for drone-detection systems for Ukraine.", []string{"JP air_defence 20000000 USD announced"}},
		{"heavy weapons and ammunition", "Helsinki unveiled its new package, worth €100 million, including heavy weapons and ammunition.", []string{"FI mixed 100000000 EUR announced"}},
		{"ammunition only", "Helsinki unveiled its new package, worth €100 million, including ammunition.", []string{"FI ammunition 100000000 EUR announced"}},
		{"total pledge", "Belgium confirmed that the total pledge of 24 F-16 jets for Ukraine stands.", []string{"BE aircraft q=24 announced"}},
		{"bereit after brackets", "Für Norwegens Hilfe an die Ukraine stehen in diesem Jahr 50 Milliarden Kronen (rund 4 Milliarden Euro) bereit.", []string{"NO mixed 50000000000 NOK committed"}},
		{"allocated to production", "Britain has also allocated £200 million to the production of drones for Ukraine.", []string{"GB drones 200000000 GBP committed"}},
		{"selbst stressed", "Die NATO selbst stellt in diesem Jahr weitere 300 Millionen Euro für Treibstoff und Winterausrüstung bereit.", []string{"NATO logistics 300000000 EUR committed"}},
		{"ordinal since aggressor", "The package, Norway's 20th since Russia's invasion, includes 30 armoured vehicles for Ukraine.", []string{"NO armour q=30 announced"}},
		{"veranschlagt", "Im Haushalt sind für die Ukraine 2 Milliarden Euro veranschlagt, teilte die Bundesregierung mit.", []string{"DE mixed 2000000000 EUR committed"}},
		{"boeing model", "Canada will send five Boeing 737 aircraft to Ukraine.", []string{"CA aircraft q=5 announced"}},
		{"target clause", "Italien liefert der Ukraine 10 Panzer. Rom bekräftigte außerdem das Ziel, der Ukraine jedes Jahr Militärhilfe im Wert von mindestens 2 Milliarden Euro zu leisten.", []string{"IT armour q=10 announced"}},
		{"ziel then zusage", "Italien liefert der Ukraine 10 Panzer. Rom hat sein Ziel erreicht, und sagt der Ukraine außerdem Militärhilfe im Wert von 2 Milliarden Euro zu.", []string{"IT armour q=10 announced", "IT mixed 2000000000 EUR committed"}},
		{"coordinated own army", "Poland signed contracts for 100 tanks and more than 50 howitzers for its own army, and will send 20 older tanks to Ukraine.", []string{"PL armour q=20 announced"}},
		{"claims refuted before the pledge", "Norway dismissed the Russian claims as false and pledged NOK 1 billion for air defence for Ukraine.", []string{"NO air_defence 1000000000 NOK announced"}},
		{"replace what was destroyed", "Germany will deliver 10 more IRIS-T launchers to Ukraine to replace systems delivered earlier that were destroyed.", []string{"DE air_defence q=10 announced"}},
		{"veranschlagt as estimate", "Die Kosten für die Ukraine-Hilfe werden auf rund 5 Milliarden Euro veranschlagt, teilte die Bundesregierung mit.", nil},
		{"surname", "In Madrid, the minister thanked Spain and Prime Minister Pedro Montenegro for a package of €80 million in military aid.", []string{"ES mixed 80000000 EUR announced"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := gists(t, tt.text)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("text %q\ngot:\n  %s\nwant:\n  %s", tt.text, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}
