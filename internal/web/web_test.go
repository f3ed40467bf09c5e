package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/demo"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/postgres"
	"pledgebook/internal/postgres/pgtest"
	"pledgebook/internal/refdata"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// env is the UI over a SQLite store holding the demo data, one
// confidential pledge and a signed-in session, behind the API's
// authentication as serve wires it.
type env struct {
	store    storetest.Store
	h        http.Handler
	session  string // the session cookie's value of a viewer-role user
	secret   *pledgebook.Pledge
	restrict int64 // a restricted demo pledge
}

var admin = pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin}

func newEnv(t testing.TB) *env { return newEnvOn(t, openSQLite) }

// openSQLite and openPostgres are the engines newEnvOn runs the UI on.
func openSQLite(t testing.TB) storetest.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ui.db"), storetest.Config())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openPostgres(t testing.TB) storetest.Store {
	t.Helper()
	dsn := pgtest.DSN(t)
	if _, err := postgres.Migrate(context.Background(), dsn); err != nil {
		t.Fatal(err)
	}
	s, err := postgres.Open(context.Background(), dsn, storetest.Config())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newEnvOn is newEnv on the store open returns.
func newEnvOn(t testing.TB, open storetest.Opener) *env {
	t.Helper()
	ctx := pledgebook.WithActor(pledgebook.WithViewer(context.Background(), admin), "test")
	s := open(t)
	if _, err := s.SyncReference(ctx, refdata.Reference()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, s, demo.Data()); err != nil {
		t.Fatal(err)
	}
	e := &env{store: s}
	amount := decimal.NewFromInt(1_000_000_000)
	e.secret = &pledgebook.Pledge{Donor: "DE", Category: pledgebook.AirDefence, Item: "Secret interceptors", Amount: &amount, Currency: "EUR",
		AnnouncedOn: pledgebook.MustDate("2025-06-04"), Meeting: "udcg-28", Visibility: pledgebook.Confidential}
	if err := s.CreatePledge(ctx, e.secret, pledgebook.CreatePledgeOptions{}); err != nil {
		t.Fatal(err)
	}
	// The demo's sources carry no evidence text; a re-announcement does.
	if _, err := s.LinkPledge(ctx, 1, pledgebook.PledgeSource{URL: "https://example.org/drones-again", Title: "Drones again",
		Published: pledgebook.MustDate("2025-07-21"), AnnouncedOn: pledgebook.MustDate("2025-07-21"), Meeting: "udcg-29",
		Evidence: "Britain repeated its pledge of 100,000 drones."}); err != nil {
		t.Fatal(err)
	}
	ref := "demo-nl-purl-2025-12"
	ps, _, err := s.FindPledges(ctx, pledgebook.PledgeFilter{Ref: &ref})
	if err != nil || len(ps) != 1 || ps[0].Visibility != pledgebook.Restricted {
		t.Fatalf("restricted demo pledge %s = %v, %v", ref, ps, err)
	}
	e.restrict = ps[0].ID
	u := &pledgebook.User{Name: "vic", Role: pledgebook.RoleViewer}
	if err := s.CreateUser(ctx, u, "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"); err != nil {
		t.Fatal(err)
	}
	e.session = "test-session-secret"
	sum := sha256.Sum256([]byte(e.session))
	if _, err := s.CreateSession(ctx, u.ID, hex.EncodeToString(sum[:]), storetest.Now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	api := httpapi.NewAPI(s, log, httpapi.Options{Now: storetest.Config().Now})
	h, err := New(s, log, Options{API: api, GDP: refdata.LatestGDP})
	if err != nil {
		t.Fatal(err)
	}
	e.h = h
	return e
}

// get serves one request; headers are name, value pairs.
func (e *env) get(t testing.TB, path string, headers ...string) (int, string, http.Header) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Add(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w.Code, w.Body.String(), w.Header()
}

const sessionCookie = httpapi.SessionCookie

var (
	titleRE = regexp.MustCompile(`<title>([^<]+)</title>`)
	langRE  = regexp.MustCompile(`<html lang="([a-z]+)">`)
)

func TestPages(t *testing.T) {
	e := newEnv(t)
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
		{"dashboard", "/", nil, 200, "en", "Dashboard", []string{"<svg", "Totals by donor (EUR)", "Pledged and delivered over time", "United Kingdom"}, nil},
		{"dashboard de", "/", de, 200, "de", "Übersicht", []string{"Mio. €", "Summen nach Geber (EUR)"}, nil},
		{"dashboard accept-language", "/", []string{"Accept-Language", "fr;q=0.9, de-AT;q=0.8, en;q=0.5"}, 200, "de", "Übersicht", nil, nil},
		{"pledges", "/pledges", nil, 200, "en", "Pledges", []string{`<label for="f-donor">`, `rel="next"`, "45 pledges"}, []string{"Secret interceptors"}},
		{"pledges filtered", "/pledges?donor=GB&category=drones", nil, 200, "en", "Pledges", []string{"100,000 drones"}, []string{"Operation Interflex"}},
		{"pledges bad status", "/pledges?status=bogus", nil, 400, "en", "Something went wrong", []string{"unknown status"}, nil},
		{"pledges bad cursor", "/pledges?after=x", nil, 400, "en", "Something went wrong", nil, nil},
		{"pledge", "/pledges/1", nil, 200, "en", "United Kingdom", []string{"Status history", "85,000 of 100,000 drones", "Deliveries", "Sources", "Re-announcements", "<blockquote><p><mark>Britain repeated its pledge of 100,000 drones.</mark></p></blockquote>", "100,000 drones"}, nil},
		{"pledge de", "/pledges/2", de, 200, "de", "Vereinigtes Königreich", []string{"247 Mio. £", "4. Juni 2025", ">28th Ukraine Defense Contact Group meeting</a>"}, nil},
		{"pledge missing", "/pledges/99999", nil, 404, "en", "Something went wrong", nil, nil},
		{"confidential pledge anonymous", "/pledges/" + itoa(e.secret.ID), nil, 404, "en", "Something went wrong", nil, nil},
		{"restricted pledge anonymous", "/pledges/" + itoa(e.restrict), nil, 404, "en", "Something went wrong", nil, nil},
		{"restricted pledge signed in", "/pledges/" + itoa(e.restrict), []string{"Cookie", sessionCookie + "=" + e.session}, 200, "en", "Netherlands", []string{"Signed in as vic"}, nil},
		{"meetings", "/meetings", nil, 200, "en", "Meetings", []string{`href="/meetings/udcg-28"`, "4 June 2025"}, nil},
		{"meeting udcg-28", "/meetings/udcg-28", nil, 200, "en", "28th Ukraine Defense Contact Group meeting", []string{"100,000 drones", "£247m", "Operation Interflex", "Brussels", "Re-announced at this meeting"}, []string{"Secret interceptors"}},
		{"meeting udcg-28 de", "/meetings/udcg-28", de, 200, "de", "28th Ukraine Defense Contact Group meeting", []string{"100.000 drones", "247 Mio. £", "4. Juni 2025"}, nil},
		{"meeting missing", "/meetings/nope", nil, 404, "en", "Something went wrong", nil, nil},
		{"coverage", "/coverage", nil, 200, "en", "Requirement coverage", []string{"Requirements by priority", "<meter", "97.8% <small>(by value)</small>"}, nil},
		{"coverage de", "/coverage", de, 200, "de", "Bedarfsdeckung", []string{"(nach Wert)"}, nil},
		{"unknown page", "/nope", nil, 404, "en", "Something went wrong", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body, h := e.get(t, tc.path, tc.headers...)
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
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("GET %s: CSP = %q", tc.path, csp)
			}
		})
	}
}

func itoa(n int64) string { return decimal.NewFromInt(n).String() }

// TestDashboardVisibility checks that the dashboard's totals are those of
// the pledges the viewer may see: the public's leave out the restricted and
// the confidential pledge, a signed-in session's only the confidential one.
func TestDashboardVisibility(t *testing.T) {
	e := newEnv(t)
	en := newLocale("en", mustCatalogs(t)["en"])
	total := func(v pledgebook.Viewer) decimal.Decimal {
		r, err := pledgebook.DonorReport(pledgebook.WithViewer(context.Background(), v), e.store, pledgebook.ReportQuery{Basis: pledgebook.EUR}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r.Total.Pledged
	}
	public, signedIn, all := total(pledgebook.Viewer{}), total(pledgebook.Viewer{UserID: 1, Name: "vic", Role: pledgebook.RoleViewer}), total(admin)
	// The demo holds a confidential pledge of its own beside the test's.
	if got := all.Sub(signedIn); got.LessThan(decimal.NewFromInt(1_000_000_000)) {
		t.Fatalf("admin total - signed-in total = %s, want at least the confidential 1bn", got)
	}
	if !signedIn.GreaterThan(public) {
		t.Fatalf("signed-in total %s is not above the public %s: the restricted pledge is missing", signedIn, public)
	}
	cases := []struct {
		name    string
		headers []string
		want    decimal.Decimal
		notWant []decimal.Decimal
	}{
		{"anonymous", nil, public, []decimal.Decimal{signedIn, all}},
		{"session", []string{"Cookie", sessionCookie + "=" + e.session}, signedIn, []decimal.Decimal{public, all}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, body, _ := e.get(t, "/", tc.headers...)
			if want := "<dd>" + en.Money(tc.want, "EUR") + "</dd>"; !strings.Contains(body, want) {
				t.Errorf("dashboard lacks the total %s", want)
			}
			for _, bad := range tc.notWant {
				if s := "<dd>" + en.Money(bad, "EUR") + "</dd>"; strings.Contains(body, s) {
					t.Errorf("dashboard shows %s, another viewer's total", s)
				}
			}
		})
	}
}

// TestLanguageSwitch follows the switch: it sets the cookie and returns
// to the page, and the page then renders in German.
func TestLanguageSwitch(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	jar := &cookieJar{}
	c := &http.Client{Jar: jar}
	resp, err := c.Get(srv.URL + "/lang/de?next=" + "%2Fmeetings%2Fudcg-28")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Request.URL.Path != "/meetings/udcg-28" || !strings.Contains(string(body), `<html lang="de">`) || !strings.Contains(string(body), "247 Mio. £") {
		t.Errorf("after switching: at %s, body:\n%.400s", resp.Request.URL, body)
	}
	for _, next := range []string{"https://evil.example/", "//evil.example/", "/\\evil.example", ""} {
		r := httptest.NewRequest(http.MethodGet, "/lang/en?next="+strings.ReplaceAll(next, "/", "%2F"), nil)
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, r)
		if loc := w.Header().Get("Location"); loc != "/" {
			t.Errorf("switch with next=%q redirects to %q, want /", next, loc)
		}
	}
}

type cookieJar struct {
	mu      sync.Mutex
	cookies []*http.Cookie
}

func (j *cookieJar) SetCookies(_ *url.URL, cs []*http.Cookie) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.cookies = append(j.cookies, cs...)
}

func (j *cookieJar) Cookies(_ *url.URL) []*http.Cookie {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.cookies
}

var hrefRE = regexp.MustCompile(`href="(/[^"]*)"`)

// TestCrawl follows every internal link from / and checks that none is
// broken and that every page has a title and a language.
func TestCrawl(t *testing.T) {
	e := newEnv(t)
	// A curator also reaches the pages of the review queue and the form
	// that submits a report.
	curator := e.signIn(t, "crawling-curator", pledgebook.RoleCurator)[1]
	for _, c := range []struct{ name, lang, cookie string }{{"en", "en", ""}, {"de", "de", ""}, {"en curator", "en", curator}} {
		lang := c.lang
		t.Run(c.name, func(t *testing.T) {
			seen := map[string]bool{"/": true}
			queue := []string{"/"}
			for len(queue) > 0 && len(seen) < 2000 {
				path := queue[0]
				queue = queue[1:]
				cookie := langCookie + "=" + lang
				if c.cookie != "" {
					cookie += "; " + c.cookie
				}
				status, body, h := e.get(t, path, "Cookie", cookie)
				switch {
				case strings.HasPrefix(path, "/lang/"):
					if status != http.StatusSeeOther {
						t.Errorf("GET %s: status %d, want 303", path, status)
					}
					continue
				case status != http.StatusOK:
					t.Errorf("GET %s: status %d, a broken link", path, status)
					continue
				case !strings.HasPrefix(h.Get("Content-Type"), "text/html"):
					continue
				}
				if m := titleRE.FindStringSubmatch(body); m == nil || strings.TrimSpace(m[1]) == "" {
					t.Errorf("GET %s: no title", path)
				}
				if m := langRE.FindStringSubmatch(body); m == nil || m[1] != lang {
					t.Errorf("GET %s: <html lang> = %v, want %s", path, m, lang)
				}
				for _, m := range hrefRE.FindAllStringSubmatch(body, -1) {
					link := strings.ReplaceAll(m[1], "&amp;", "&")
					if !seen[link] {
						seen[link] = true
						queue = append(queue, link)
					}
				}
			}
			if len(seen) < 60 {
				t.Errorf("crawl saw only %d pages", len(seen))
			}
			// Pages every visitor reaches from the navigation.
			for _, page := range []string{"/pledges", "/deliveries", "/deliveries.csv", "/donors", "/meetings", "/coverage", "/coalitions"} {
				if !seen[page] {
					t.Errorf("the crawl did not reach %s", page)
				}
			}
			if c.cookie != "" && (!seen["/sources/new"] || !seen["/review"]) {
				t.Errorf("the curator's crawl did not reach /review and /sources/new")
			}
		})
	}
}

// TestGolden compares the udcg-28 page with its golden file in each
// language; -update rewrites them.
func TestGolden(t *testing.T) {
	e := newEnv(t)
	for _, lang := range []string{"en", "de"} {
		t.Run(lang, func(t *testing.T) {
			_, body, _ := e.get(t, "/meetings/udcg-28", "Cookie", langCookie+"="+lang)
			file := filepath.Join("testdata", "meeting-udcg-28."+lang+".html")
			if *update {
				if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if body != string(want) {
				t.Errorf("GET /meetings/udcg-28 in %s differs from %s; run with -update and read the diff", lang, file)
			}
		})
	}
}
