package extract

import (
	"fmt"
	"strings"
	"testing"

	"pledgebook"
)

// want is the gist of an expected candidate: "GB drones q=100000
// announced" or "DE air_defence 500000000 EUR committed".
func gist(c Candidate) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", c.Donor, c.Category)
	if c.Quantity != nil {
		fmt.Fprintf(&b, " q=%d", *c.Quantity)
	}
	if c.Amount != nil {
		cur := "?"
		if c.Currency != nil {
			cur = *c.Currency
		}
		fmt.Fprintf(&b, " %s %s", c.Amount.String(), cur)
	}
	fmt.Fprintf(&b, " %s", c.Status)
	if c.Period != nil {
		fmt.Fprintf(&b, " %d-%d", c.Period.From, c.Period.To)
	}
	return b.String()
}

// gists returns the candidates the rules propose for text, before the
// model judges them: the rule tests test the rules alone (the model's
// threshold is tested in score_test.go and by the annotated sets).
func gists(t *testing.T, text string) []string {
	t.Helper()
	res := extractString(text, Options{MinConfidence: -1})
	checkEvidence(t, res)
	out := []string{}
	for _, c := range res.Candidates {
		out = append(out, gist(c))
	}
	return out
}

// TestPledges runs whole sentences and short reports through the
// extractor. The sentences are written for this test, in the styles of
// news and official releases, and are not in the corpus.
func TestPledges(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		// donors by name, adjective, government phrasing, capital, person
		{"de name", "Norwegen liefert der Ukraine zwölf weitere Haubitzen.", []string{"NO artillery q=12 announced"}},
		{"de government", "Die französische Regierung hat 40 Raketenwerfer zugesagt.", []string{"FR artillery q=40 committed"}},
		{"en possessive ministry", "Britain's defence ministry said it had delivered 300 armoured vehicles.", []string{"GB armour q=300 delivered"}},
		{"en capital as subject", "Washington pledged $400 million in new military aid on Friday.", []string{"US mixed 400000000 USD announced"}},
		{"de capital as subject", "Berlin will weitere 20 Marder an Kiew abgeben.", []string{"DE armour q=20 announced"}},
		{"capital as place", "At the meeting in London, Sweden pledged 10 boats.", []string{"SE maritime q=10 announced"}},
		{"person", "Pistorius kündigte an, vier Patriot-Systeme zu liefern.", []string{"DE air_defence q=4 announced"}},
		{"the Netherlands", "The Netherlands will send 18 F-16s to Ukraine.", []string{"NL aircraft q=18 announced"}},
		{"Dutch government", "The Dutch government has allocated €350m for drones.", []string{"NL drones 350000000 EUR committed"}},
		{"EU", "The European Union has disbursed €4.2 billion in budget support to Kyiv.", []string{"EU financial 4200000000 EUR delivered"}},
		{"US short form", "The US has sent 31 Abrams tanks to Ukraine.", []string{"US armour q=31 delivered"}},
		// carried-over donor
		{"carry over", "Denmark announced a new package on Monday. It will also send 15 Leopard 1 tanks.", []string{"DK armour q=15 announced"}},
		{"carry over de", "Die Niederlande haben ein neues Paket geschnürt. Zudem plant die Regierung, 200 Millionen Euro für Munition bereitzustellen.", []string{"NL ammunition 200000000 EUR announced"}},
		// several donors and pledges in one sentence
		{"two donors", "Germany pledged 100 drones, while France will send 50 howitzers.", []string{"DE drones q=100 announced", "FR artillery q=50 announced"}},
		{"each", "Estonia and Latvia will each contribute €10m to the demining coalition.", []string{"EE demining 10000000 EUR announced", "LV demining 10000000 EUR announced"}},
		{"donor after the figure", "100 armoured vehicles will be supplied by Canada.", []string{"CA armour q=100 announced"}},
		// currencies
		{"pounds word", "Britain will provide 150 million pounds for air defence.", []string{"GB air_defence 150000000 GBP announced"}},
		{"kroner by donor", "Norway will give 500 million kroner for training.", []string{"NO training 500000000 NOK announced"}},
		{"kronor by donor", "Sweden has approved 1.2 billion kronor for artillery ammunition.", []string{"SE ammunition 1200000000 SEK committed"}},
		{"dollars for Canada", "Canada will provide 500 million dollars for drones.", []string{"CA drones 500000000 CAD announced"}},
		{"A$", "Australia pledged A$100m for armoured vehicles.", []string{"AU armour 100000000 AUD announced"}},
		{"zloty", "Polen hat ein Paket im Wert von 200 Millionen Złoty übergeben.", []string{"PL mixed 200000000 PLN delivered"}},
		{"Franken", "Die Schweiz stellt 50 Millionen Franken für die Minenräumung bereit.", []string{"CH demining 50000000 CHF committed"}},
		{"second currency", "Japan pledged ¥1.5bn ($10m) for counter-drone equipment.", []string{"JP air_defence 1500000000 JPY announced"}},
		{"second currency de", "Dänemark hat 2 Milliarden Kronen (rund 270 Millionen Euro) für Artillerie zugesagt.", []string{"DK artillery 2000000000 DKK committed"}},
		// status
		{"delivered de", "Deutschland hat der Ukraine 18 Panzerhaubitzen 2000 übergeben.", []string{"DE artillery q=18 delivered"}},
		{"future passive", "The 40 howitzers will be delivered by the end of the year, Italy said.", []string{"IT artillery q=40 announced"}},
		{"sollen geliefert werden", "Spanien kündigte an: 20 Panzer sollen bis März geliefert werden.", []string{"ES armour q=20 announced"}},
		{"signed a contract", "Lithuania signed a contract for 300 drones for Ukraine.", []string{"LT drones q=300 committed"}},
		{"sagte zu", "Finnland sagte der Ukraine 30 Millionen Euro für Munition zu.", []string{"FI ammunition 30000000 EUR committed"}},
		{"arrived", "Ten Gepard anti-aircraft guns from Germany have arrived in Ukraine.", []string{"DE air_defence q=10 delivered"}},
		// quantity with value
		{"worth", "Portugal will send six helicopters worth €30 million.", []string{"PT aircraft q=6 30000000 EUR announced"}},
		{"package plus counted items", "The US announced a $1bn package including 20 Bradleys and 10 Strykers.", []string{"US mixed 1000000000 USD announced", "US armour q=20 announced", "US armour q=10 announced"}},
		// periods
		{"years span", "Germany will provide €1.2bn for air defence in 2025 and 2026.", []string{"DE air_defence 1200000000 EUR announced 2025-2026"}},
		{"bis with dateline", "Berlin, 3. März 2025 – Deutschland sagt bis 2028 jährlich 500 Millionen Euro für Drohnen zu.", []string{"DE drones 500000000 EUR committed 2025-2028"}},
		{"next three years", "LONDON, 2 May 2024 – Britain pledged £3bn a year for the next three years.", []string{"GB mixed 3000000000 GBP announced 2024-2026"}},
		{"no base year", "Britain pledged £3bn over the next three years.", []string{"GB mixed 3000000000 GBP announced"}},
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

// TestNonPledges lists figures that must yield nothing.
func TestNonPledges(t *testing.T) {
	tests := []struct{ name, text string }{
		{"casualties", "Russia has lost more than 3,000 tanks since the invasion, the British defence ministry said."},
		{"casualties de", "Nach ukrainischen Angaben wurden 1.200 russische Soldaten getötet."},
		{"own budget", "Deutschland erhöht seinen Verteidigungshaushalt 2026 auf 82 Milliarden Euro."},
		{"own budget en", "France will raise defence spending to €64bn by 2027."},
		{"poll", "In einer Umfrage sprachen sich 58 Prozent für weitere Waffenlieferungen aus."},
		{"date", "Am 4. Juni 2025 trafen sich die Minister in Brüssel."},
		{"countries", "57 Länder, darunter alle NATO-Mitglieder, kamen in Ramstein zusammen."},
		{"share price", "Die Rheinmetall-Aktie stieg um 4 Prozent auf 1.500 Euro."},
		{"revenue", "Rheinmetall expects sales of €10bn this year as orders for 155mm shells rise."},
		{"background total", "Since 2022, Germany has provided €28bn in military aid."},
		{"background de", "Seit Kriegsbeginn hat Frankreich Hilfe im Wert von 3 Milliarden Euro geleistet."},
		{"nato target", "NATO allies agreed to spend 5 percent of GDP on defence by 2035."},
		{"request", "Kyiv has asked for 25 more Patriot systems."},
		{"request de", "Selenskyj fordert 10 weitere Patriot-Systeme von den Verbündeten."},
		{"considering", "Germany is considering sending 50 more Leopard tanks."},
		{"russian drones", "Russland griff in der Nacht mit 400 Drohnen an."},
		{"russian launches", "Russia launched 120 drones and 8 missiles overnight, the Ukrainian air force said."},
		{"caliber only", "The factory makes 155mm shells."},
		{"group total", "Pledges made at the meeting add up to €21bn, Britain said."},
		{"model number", "Polen verfügt über Leopard 2 und PzH 2000."},
		{"brussels is no donor", "In Brüssel wurden 100 Millionen Euro für die Region besprochen."},
		{"ukraine no donor", "Ukraine will produce 4 million drones this year."},
		{"years", "Die Ausbildung dauert 5 Jahre."},
		{"question", "Will Germany send 100 more tanks?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := gists(t, tt.text); len(got) != 0 {
				t.Errorf("text %q\ngot:\n  %s\nwant nothing", tt.text, strings.Join(got, "\n  "))
			}
		})
	}
}

func TestCategoryWords(t *testing.T) {
	tests := []struct {
		word string
		want pledgebook.Category
	}{
		{"Drohnen", pledgebook.Drones}, {"Artilleriemunition", pledgebook.Ammunition}, {"Flugabwehrsysteme", pledgebook.AirDefence},
		{"Panzerhaubitzen", pledgebook.Artillery}, {"Kampfpanzer", pledgebook.Armour}, {"Flugabwehrpanzer", pledgebook.AirDefence},
		{"Schützenpanzer", pledgebook.Armour}, {"Patriot-Systeme", pledgebook.AirDefence}, {"IRIS-T", pledgebook.AirDefence},
		{"F-16", pledgebook.Aircraft}, {"Hubschrauber", pledgebook.Aircraft}, {"Patrouillenboote", pledgebook.Maritime},
		{"Marschflugkörper", pledgebook.LongRange}, {"ATACMS", pledgebook.LongRange}, {"Minenräumung", pledgebook.Demining},
		{"Ausbildung", pledgebook.Training}, {"Lkw", pledgebook.Logistics}, {"Haushaltshilfe", pledgebook.Financial},
		{"humanitarian", pledgebook.Humanitarian}, {"cyber", pledgebook.ITCyber}, {"howitzers", pledgebook.Artillery},
		{"shells", pledgebook.Ammunition}, {"CAESAR", pledgebook.Artillery}, {"Taurus", pledgebook.LongRange},
		{"Leopard", pledgebook.Armour}, {"helicopters", pledgebook.Aircraft}, {"Drohnenabwehr", pledgebook.AirDefence},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			text := tt.word + " x"
			toks := tokenize(text, lowerSameLen(text), 0, len(text), nil)
			hit, ok := matchCategory(toks, 0)
			if !ok || hit.cue.cat != tt.want {
				t.Errorf("matchCategory(%q) = %v %v, want %s", tt.word, hit.cue.cat, ok, tt.want)
			}
		})
	}
}

func TestDonorMentions(t *testing.T) {
	tests := []struct {
		text string
		want string // codes of the strong, non-location mentions, space-separated
	}{
		{"Großbritannien und die USA", "GB US"},
		{"the UK and the US", "GB US"},
		{"the British government", "GB"},
		{"die britische Regierung", "GB"},
		{"britische Drohnen", ""},
		{"Britain's defence ministry", "GB"},
		{"die Bundesregierung", "DE"},
		{"in Deutschland", ""},
		{"Berlin will liefern", "DE"},
		{"in Berlin", ""},
		{"London pledged", "GB"},
		{"Brüssel", ""},
		{"the Dutch defence ministry", "NL"},
		{"niederländische Regierung", "NL"},
		{"US-Regierung", "US"},
		{"us and them", ""},
		{"die Regierung in Helsinki", "FI"},
		{"die Regierung in Brüssel", "BE"},
		{"the Hague", ""},
		{"Kanadas Verteidigungsminister", "CA"},
		{"the European Union", "EU"},
		{"NATO", "NATO"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			toks := tokenize(tt.text, lowerSameLen(tt.text), 0, len(tt.text), nil)
			var got []string
			for _, m := range findMentions(toks, nil) {
				if m.strong && !m.location && m.code != "" {
					got = append(got, m.code)
				}
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("mentions in %q = %q, want %q", tt.text, strings.Join(got, " "), tt.want)
			}
		})
	}
}
