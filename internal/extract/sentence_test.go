package extract

import (
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "Eins ist gut. Zwei ist besser! Drei?", []string{"Eins ist gut.", "Zwei ist besser!", "Drei?"}},
		{"Mrd.", "Das Paket hat 1,5 Mrd. Euro. Es folgt mehr.", []string{"Das Paket hat 1,5 Mrd. Euro.", "Es folgt mehr."}},
		{"Mio.", "Für 8,5 Mio. Euro wurde gekauft. Gut so.", []string{"Für 8,5 Mio. Euro wurde gekauft.", "Gut so."}},
		{"z. B.", "Waffen, z. B. Drohnen, kamen an. Danach mehr.", []string{"Waffen, z. B. Drohnen, kamen an.", "Danach mehr."}},
		{"u. a.", "Geliefert wurden u. a. Panzer. Dann Munition.", []string{"Geliefert wurden u. a. Panzer.", "Dann Munition."}},
		{"bzw. ca.", "Etwa 100 bzw. ca. 120 Stück. Mehr nicht.", []string{"Etwa 100 bzw. ca. 120 Stück.", "Mehr nicht."}},
		{"Nr.", "Paket Nr. 17 ist fertig. Gut.", []string{"Paket Nr. 17 ist fertig.", "Gut."}},
		{"Dr.", "Dr. Müller sagte das. Dann ging er.", []string{"Dr. Müller sagte das.", "Dann ging er."}},
		{"St.", "In St. Petersburg fiel Schnee. Es war kalt.", []string{"In St. Petersburg fiel Schnee.", "Es war kalt."}},
		{"U.S.", "The U.S. Army sent 31 tanks. They arrived.", []string{"The U.S. Army sent 31 tanks.", "They arrived."}},
		{"e.g.", "Items, e.g. Drones, were sent. Then more.", []string{"Items, e.g. Drones, were sent.", "Then more."}},
		{"decimal", "It costs 22.3 million. Fine.", []string{"It costs 22.3 million.", "Fine."}},
		{"German date", "Am 4. Juni 2025 tagte die Gruppe. Danach nicht.", []string{"Am 4. Juni 2025 tagte die Gruppe.", "Danach nicht."}},
		{"German ordinal", "Das 18. Paket ist groß. Schweden zahlt.", []string{"Das 18. Paket ist groß.", "Schweden zahlt."}},
		{"initial", "Joe R. Smith came. Then he left.", []string{"Joe R. Smith came.", "Then he left."}},
		{"quote", "„Wir liefern.“ Das sagte er.", []string{"„Wir liefern.“", "Das sagte er."}},
		{"lower after stop", "Ein Satz. und kein neuer.", []string{"Ein Satz. und kein neuer."}},
		{"number at end", "Es waren 100. Danach 200.", []string{"Es waren 100.", "Danach 200."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range splitSentences(tt.text, 0, len(tt.text), nil) {
				got = append(got, tt.text[s.start:s.end])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("splitSentences(%q)\ngot  %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Die Bundesregierung hat der Ukraine weitere Panzer zugesagt, wie das Ministerium mitteilte.", "de"},
		{"The government has pledged further tanks to Ukraine, the ministry said on Monday.", "en"},
		{"Міністерство оборони повідомило про нові поставки.", "uk"},
		{"12345 67", ""},
	}
	for _, tt := range tests {
		if got := detectLanguage(lowerSameLen(tt.text)); got != tt.want {
			t.Errorf("detectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestLowerSameLen checks what the lower-cased copy holds. (Its length
// equals the input's by construction, so only the content can go wrong.)
func TestLowerSameLen(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ÄÖÜ BRÜSSEL", "äöü brüssel"},
		{"İstanbul", "İstanbul"}, // its lower case, i, takes one byte: kept
		{"ẞ", "ẞ"},               // ß takes two bytes, ẞ three: kept
		{"Ǆ", "ǆ"},
		{"abc\xff", "abc\xff"},
	}
	for _, tt := range tests {
		if got := lowerSameLen(tt.in); got != tt.want {
			t.Errorf("lowerSameLen(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
