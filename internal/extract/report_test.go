package extract

import (
	"strings"
	"testing"
)

// TestReports runs short multi-paragraph reports, written for this test
// in the style of the wire services, through the extractor: headline and
// body naming the same pledge, back-references, package totals with
// breakdowns, background figures.
func TestReports(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "headline and body",
			text: "Spain to send 20 more Leopard tanks\n\nMADRID, 12 March 2024 – Spain will send 20 more Leopard 2A4 tanks to Ukraine, Defence Minister Margarita Robles said on Tuesday. The tanks are being refurbished in Seville.\n\nSince the start of the war Spain has delivered 62 tanks and armoured vehicles.",
			want: []string{"ES armour q=20 announced"},
		},
		{
			name: "back reference and status carried",
			text: "Berlin, 5. Mai 2025 – Die Bundesregierung hat ein neues Paket für die Ukraine beschlossen. Es umfasst 300 Millionen Euro für Artilleriemunition. Außerdem sollen 20 Schützenpanzer folgen.",
			want: []string{"DE ammunition 300000000 EUR committed", "DE armour q=20 announced"},
		},
		{
			name: "breakdown replaces the total",
			text: "Canada announces C$500m package\n\nOTTAWA – Canada will provide C$500m in military aid to Ukraine. The package includes C$300m for drones and C$200m for air defence, the defence minister said.",
			want: []string{"CA drones 300000000 CAD announced", "CA air_defence 200000000 CAD announced"},
		},
		{
			name: "several donors",
			text: "At the meeting, Lithuania pledged €30m for demining, Latvia €10m for drones and Estonia €15m for ammunition.",
			want: []string{"LT demining 30000000 EUR announced", "LV drones 10000000 EUR announced", "EE ammunition 15000000 EUR announced"},
		},
		{
			name: "loss figures next to a pledge",
			text: "Russia has lost 400 tanks since January, Kyiv says. Meanwhile Norway pledged 2 billion kroner for air defence.",
			want: []string{"NO air_defence 2000000000 NOK announced"},
		},
		{
			name: "delivery report",
			text: "Die letzten 18 Leopard-2-Panzer aus Deutschland sind in der Ukraine eingetroffen, teilte das Verteidigungsministerium mit.",
			want: []string{"DE armour q=18 delivered"},
		},
		{
			name: "request and refusal",
			text: "Ukraine has asked Germany for 500 Taurus missiles. Berlin has refused to send them. The US will instead provide $300m for long-range drones.",
			want: []string{"US long_range 300000000 USD announced"},
		},
		{
			name: "nothing but context",
			text: "Defence ministers from 50 countries met at Ramstein on Friday. NATO's 32 members agreed to spend 3.5 per cent of GDP on defence. The meeting lasted four hours.",
			want: []string{},
		},
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
