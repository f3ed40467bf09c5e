package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"
	"time"

	"pledgebook"
	"pledgebook/internal/storetest"
)

// engines are the stores the pages are rendered over.
var engines = []struct {
	name string
	open storetest.Opener
}{{"sqlite", openSQLite}, {"postgres", openPostgres}}

var adminCtx = pledgebook.WithActor(pledgebook.WithViewer(context.Background(), admin), "test")

// signIn creates a user of role and a session for it, and returns the
// request header that carries the session.
func (e *env) signIn(t testing.TB, name string, role pledgebook.Role) []string {
	t.Helper()
	u := &pledgebook.User{Name: name, Role: role}
	if err := e.store.CreateUser(adminCtx, u, "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"); err != nil {
		t.Fatal(err)
	}
	secret := "session-of-" + name
	sum := sha256.Sum256([]byte(secret))
	if _, err := e.store.CreateSession(adminCtx, u.ID, hex.EncodeToString(sum[:]), storetest.Now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	return []string{"Cookie", sessionCookie + "=" + secret}
}

// sourceText is a news item of our own: one candidate in it becomes a
// pledge, the other waits for review.
const sourceText = "At the meeting in Brussels, Latvia said it would send 2,500 interceptor drones before winter. " +
	"Officials added that training would follow. Latvia also promised field repair kits."

// addSource ingests sourceText and accepts its first candidate, returning
// the source's and the pledge's IDs.
func (e *env) addSource(t testing.TB) (int64, int64) {
	t.Helper()
	span := func(s string) (int, int) {
		i := strings.Index(sourceText, s)
		return i, i + len(s)
	}
	s1, e1 := span("2,500 interceptor drones")
	s2, e2 := span("field repair kits")
	src, _, err := e.store.IngestSource(adminCtx, pledgebook.Ingest{
		Source: pledgebook.Source{URL: "https://example.org/news/latvia-interceptors", Publisher: "Example Wire", Title: "Latvia to send interceptor drones",
			Published: pledgebook.MustDate("2025-06-05"), Language: "en"},
		Text: sourceText,
		Candidates: []pledgebook.Candidate{
			{Donor: "LV", Category: pledgebook.Drones, Item: "interceptor drones", Quantity: ptr[int64](2500), Unit: "drones", Status: pledgebook.Announced,
				Date: pledgebook.MustDate("2025-06-04"), EvidenceStart: s1, EvidenceEnd: e1, Evidence: sourceText[s1:e1]},
			{Donor: "LV", Category: pledgebook.Logistics, Item: "field repair kits", Status: pledgebook.Announced,
				Date: pledgebook.MustDate("2025-06-04"), EvidenceStart: s2, EvidenceEnd: e2, Evidence: sourceText[s2:e2]},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := e.store.FindCandidates(adminCtx, pledgebook.CandidateFilter{Source: &src.ID})
	if err != nil || len(cs) != 2 {
		t.Fatalf("candidates = %v, %v", cs, err)
	}
	c, err := e.store.AcceptCandidate(adminCtx, cs[0].ID, &pledgebook.Pledge{Donor: "LV", Category: pledgebook.Drones, Item: "interceptor drones",
		Quantity: ptr[int64](2500), Unit: "drones", AnnouncedOn: pledgebook.MustDate("2025-06-04"), Meeting: "udcg-28"}, false)
	if err != nil {
		t.Fatal(err)
	}
	return src.ID, *c.Pledge
}

// TestListingPages renders the donor, coalition, source and coverage pages
// and the sorted and searched pledge listing in both languages, on both
// engines, as the public and as signed-in viewers.
func TestListingPages(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			e := newEnvOn(t, eng.open)
			src, pledge := e.addSource(t)
			curator := e.signIn(t, "cleo", pledgebook.RoleCurator)
			de := []string{"Cookie", langCookie + "=de"}
			cases := []struct {
				name, path string
				headers    []string
				status     int
				lang       string
				title      string
				want       []string
				notWant    []string
			}{
				{"donors", "/donors", nil, 200, "en", "Donors", []string{`href="/donors/GB"`, "Share of GDP", `href="/donors.csv"`, `href="/donors.xlsx"`, `aria-current="page">Donors`}, nil},
				{"donors de", "/donors", de, 200, "de", "Geber", []string{"Anteil am BIP", "Mio. €", " %"}, nil},
				{"donor", "/donors/GB", nil, 200, "en", "United Kingdom", []string{"By capability area (EUR)", "Training", `href="/pledges?donor=GB"`,
					`href="/meetings/udcg-28"`, "Pledged and delivered over time", "<polyline", "Pledges by month (EUR)", "(2023)"}, nil},
				{"donor de", "/donors/gb", de, 200, "de", "Vereinigtes Königreich", []string{"Nach Fähigkeitsbereich (EUR)", "Ausbildung", "4. Juni 2025", `href="/feeds/donors/GB.atom?lang=de"`}, nil},
				{"donor unknown", "/donors/XX", nil, 404, "en", "Something went wrong", nil, nil},
				// The confidential pledge of the test is Germany's: the
				// public's figures for Germany leave it out.
				{"donor confidential left out", "/donors/DE", nil, 200, "en", "Germany", nil, []string{"Secret interceptors"}},
				{"coalitions", "/coalitions", nil, 200, "en", "Coalitions", []string{`href="/coalitions/`, `href="/coalitions.csv"`}, nil},
				{"coalitions de", "/coalitions", de, 200, "de", "Koalitionen", []string{"Gegründet"}, nil},
				{"coalition", "/coalitions/drone", nil, 200, "en", "Drone", []string{"Led by", `href="/donors/LV"`, "Members", "interceptor drones"}, nil},
				{"coalition de", "/coalitions/drone", de, 200, "de", "Drone", []string{"Geleitet von", "Mitglieder"}, nil},
				{"coalition unknown", "/coalitions/nope", nil, 404, "en", "Something went wrong", nil, nil},
				{"sources anonymous", "/sources", nil, 200, "en", "Sources", []string{"Nothing to show."}, []string{"Latvia to send"}},
				{"sources curator", "/sources", curator, 200, "en", "Sources", []string{`href="/sources/` + itoa(src) + `"`, "Latvia to send interceptor drones", `href="/sources"`}, nil},
				{"sources curator de", "/sources", append(append([]string{}, curator...), de...), 200, "de", "Quellen", []string{"Herausgeber"}, nil},
				{"source anonymous", "/sources/" + itoa(src), nil, 404, "en", "Something went wrong", nil, []string{"interceptor"}},
				{"source curator", "/sources/" + itoa(src), curator, 200, "en", "Latvia to send interceptor drones", []string{
					"Latvia said it would send <mark>2,500 interceptor drones</mark> before winter.", "promised <mark>field repair kits</mark>.",
					"Example Wire", "5 June 2025", `href="https://example.org/news/latvia-interceptors"`, `href="/pledges/` + itoa(pledge) + `"`, "awaiting review"}, nil},
				{"source curator de", "/sources/" + itoa(src), append(append([]string{}, curator...), de...), 200, "de", "Latvia", []string{"5. Juni 2025", "wartet auf Prüfung"}, nil},
				{"source not a number", "/sources/x", curator, 404, "en", "Something went wrong", nil, nil},
				{"pledge evidence in context", "/pledges/" + itoa(pledge), curator, 200, "en", "Latvia", []string{
					"<blockquote><p>At the meeting in Brussels, Latvia said it would send <mark>2,500 interceptor drones</mark> before winter.",
					`href="/sources/` + itoa(src) + `"`, `href="/donors/LV"`}, nil},
				{"pledge evidence alone", "/pledges/" + itoa(pledge), nil, 200, "en", "Latvia", []string{"<blockquote><p><mark>2,500 interceptor drones</mark></p></blockquote>"},
					[]string{"before winter", `href="/sources/`}},
				{"coverage matrix", "/coverage", nil, 200, "en", "Requirement coverage", []string{`aria-labelledby="matrix-cap"`, "Value pledged by capability area and donor (EUR)",
					`<th scope="col" class="num"><a href="/donors/DE">Germany</a></th>`, `href="/coverage.csv"`}, nil},
				{"coverage matrix de", "/coverage", de, 200, "de", "Bedarfsdeckung", []string{"Zusagen nach Fähigkeitsbereich und Geber", " bis "}, nil},
				{"pledges sorted by value", "/pledges?sort=value&dir=desc", nil, 200, "en", "Pledges", []string{`aria-sort="descending"><a href="/pledges?sort=value">`,
					`href="/pledges.csv?dir=desc&amp;sort=value"`, `<a href="/pledges?sort=announced">`}, nil},
				{"pledges search", "/pledges?q=INTERCEPTOR+DRONES", nil, 200, "en", "Pledges", []string{"2 pledges", ">interceptor drones<", ">Interceptor drones<", `value="INTERCEPTOR DRONES"`}, []string{"Secret interceptors"}},
				{"pledges search de", "/pledges?q=interceptor&sort=donor", de, 200, "de", "Zusagen", []string{`aria-sort="ascending"`, "Gegenstand und Notizen durchsuchen"}, nil},
				{"pledges bad sort", "/pledges?sort=colour", nil, 400, "en", "Something went wrong", []string{"unknown order"}, nil},
				{"pledges bad dir", "/pledges?dir=up", nil, 400, "en", "Something went wrong", nil, nil},
				{"pledges bad value cursor", "/pledges?sort=value&after=lots.3", nil, 400, "en", "Something went wrong", nil, nil},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					status, body, _ := e.get(t, tc.path, tc.headers...)
					if status != tc.status {
						t.Fatalf("GET %s: status %d, want %d\n%s", tc.path, status, tc.status, body)
					}
					if m := langRE.FindStringSubmatch(body); m == nil || m[1] != tc.lang {
						t.Errorf("GET %s: <html lang> = %v, want %q", tc.path, m, tc.lang)
					}
					if m := titleRE.FindStringSubmatch(body); m == nil || !strings.Contains(m[1], tc.title) {
						t.Errorf("GET %s: title = %v, want it to contain %q", tc.path, m, tc.title)
					}
					for _, w := range tc.want {
						if !strings.Contains(body, w) {
							t.Errorf("GET %s: body lacks %q", tc.path, w)
						}
					}
					for _, w := range tc.notWant {
						if strings.Contains(body, w) {
							t.Errorf("GET %s: body has %q, which it must not", tc.path, w)
						}
					}
				})
			}
		})
	}
}

// TestPledgePaging follows the listing's next links in every order and
// direction and checks that they show every pledge once, in the order the
// store gives the whole listing.
func TestPledgePaging(t *testing.T) {
	e := newEnv(t)
	for _, o := range pledgebook.PledgeSorts {
		for _, dir := range []string{"asc", "desc"} {
			t.Run(string(o)+"/"+dir, func(t *testing.T) {
				all, _, err := e.store.FindPledges(context.Background(), pledgebook.PledgeFilter{Sort: o, Desc: dir == "desc"})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				next := "/pledges?sort=" + string(o) + "&dir=" + dir
				for pages := 0; next != "" && pages < 20; pages++ {
					status, body, _ := e.get(t, next)
					if status != 200 {
						t.Fatalf("GET %s: status %d", next, status)
					}
					for _, m := range pledgeLinkRE.FindAllStringSubmatch(body, -1) {
						got = append(got, m[1])
					}
					next = ""
					if m := nextRE.FindStringSubmatch(body); m != nil {
						next = strings.ReplaceAll(m[1], "&amp;", "&")
					}
				}
				var want []string
				for _, p := range all {
					want = append(want, itoa(p.ID))
				}
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("pages show %v, want %v", got, want)
				}
			})
		}
	}
}

var (
	pledgeLinkRE = regexp.MustCompile(`<td><a href="/pledges/(\d+)">`)
	nextRE       = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
)
