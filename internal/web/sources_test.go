package web

import (
	"context"
	"strings"
	"testing"

	"pledgebook"
)

func render(spans []span) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Mark {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	const text = "Kyiv gets 100 drones and 5 radars from Łódź."
	at := func(s string) [2]int {
		i := strings.Index(text, s)
		return [2]int{i, i + len(s)}
	}
	cases := []struct {
		name  string
		marks [][2]int
		want  string
	}{
		{"none", nil, text},
		{"one", [][2]int{at("100 drones")}, "Kyiv gets [100 drones] and 5 radars from Łódź."},
		{"two, out of order", [][2]int{at("5 radars"), at("100 drones")}, "Kyiv gets [100 drones] and [5 radars] from Łódź."},
		{"overlapping", [][2]int{at("100 drones"), at("drones and 5")}, "Kyiv gets [100 drones and 5] radars from Łódź."},
		{"nested", [][2]int{at("100 drones and 5 radars"), at("drones")}, "Kyiv gets [100 drones and 5 radars] from Łódź."},
		{"whole text", [][2]int{{0, len(text)}}, "[" + text + "]"},
		{"outside the text", [][2]int{{-1, 3}, {40, 400}, {5, 5}, {7, 2}}, text},
		{"inside a character", [][2]int{{at("Łódź")[0] + 1, at("Łódź")[1]}}, text},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(highlight(text, tc.marks)); got != tc.want {
				t.Errorf("highlight(%v) = %q, want %q", tc.marks, got, tc.want)
			}
		})
	}
}

func TestInContext(t *testing.T) {
	long := strings.Repeat("word ", 100)
	cases := []struct {
		name, text, evidence, want string
	}{
		{"short text", "Latvia sends 2,500 drones soon.", "2,500 drones", "Latvia sends [2,500 drones] soon."},
		{"missing", "Latvia sends drones.", "tanks", ""},
		{"empty evidence", "Latvia sends drones.", "", ""},
		// 240 bytes either side, cut back to whole words: 47 words before
		// (the space after the last is kept) and 48 after.
		{"long text cut at words", long + "KEY" + long, "KEY", "…" + strings.Repeat("word ", 47) + "[KEY]" + strings.TrimSuffix(strings.Repeat("word ", 48), " ") + "…"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(inContext(tc.text, tc.evidence)); got != tc.want {
				t.Errorf("inContext(%q) = %q, want %q", tc.evidence, got, tc.want)
			}
		})
	}
}

// TestCoverageMatrixVisibility checks the matrix's figures against the
// pledges each viewer may see: Germany's air defence cell holds the
// confidential pledge for a coordinator and not for the public.
func TestCoverageMatrixVisibility(t *testing.T) {
	e := newEnv(t)
	coordinator := e.signIn(t, "cora", pledgebook.RoleCoordinator)
	en := newLocale("en", mustCatalogs(t)["en"])
	cell := func(v pledgebook.Viewer) string {
		ps, _, err := e.store.FindPledges(pledgebook.WithViewer(context.Background(), v), pledgebook.PledgeFilter{Donor: ptr("DE"), Category: ptr(pledgebook.AirDefence)})
		if err != nil {
			t.Fatal(err)
		}
		r := pledgebook.TotalsBy(ps, pledgebook.EUR, func(*pledgebook.Pledge) string { return "" }, func(string) string { return "" })
		if !r.Total.Pledged.IsPositive() {
			return "<title>Germany, Air defence: –</title>"
		}
		return "<title>Germany, Air defence: " + en.Money(r.Total.Pledged, "EUR") + "</title>"
	}
	public, all := cell(pledgebook.Viewer{}), cell(pledgebook.Viewer{Role: pledgebook.RoleCoordinator})
	if public == all {
		t.Fatalf("the public and a coordinator see the same Germany air defence total: %s", public)
	}
	for _, tc := range []struct {
		name          string
		headers       []string
		want, notWant string
	}{{"public", nil, public, all}, {"coordinator", coordinator, all, public}} {
		_, body, _ := e.get(t, "/coverage", tc.headers...)
		if !strings.Contains(body, tc.want) || strings.Contains(body, tc.notWant) {
			t.Errorf("%s: the matrix lacks %s or shows %s", tc.name, tc.want, tc.notWant)
		}
	}
}
