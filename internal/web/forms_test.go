package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/auth"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/storetest"
)

func eachEngine(t *testing.T, fn func(t *testing.T, open storetest.Opener)) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) { fn(t, e.open) })
	}
}

// The users of the form tests' ledger, one per role; "gb" and "de" are
// donor officers of two parties.
var formUsers = []pledgebook.User{
	{Name: "admin", Role: pledgebook.RoleAdmin},
	{Name: "coord", Role: pledgebook.RoleCoordinator},
	{Name: "gb", Role: pledgebook.RoleDonor, Party: "GB"},
	{Name: "de", Role: pledgebook.RoleDonor, Party: "DE"},
	{Name: "ua", Role: pledgebook.RoleRecipient, Party: "UA"},
	{Name: "cura", Role: pledgebook.RoleCurator},
	{Name: "vic", Role: pledgebook.RoleViewer},
}

const testPassword = "correct horse battery staple"

var testPasswordHash = func() string {
	p := auth.DefaultParams
	p.Memory, p.Time = 1024, 1 // cheap for tests; the format is the same
	h, err := p.Hash(testPassword)
	if err != nil {
		panic(err)
	}
	return h
}()

// site is the UI on loopback over a fresh store holding the users above,
// a GB pledge and a pending review candidate.
type site struct {
	t         testing.TB
	store     storetest.Store
	srv       *httptest.Server
	sessions  map[string]string // user name → session cookie value
	pledge    int64             // GB's public pledge of 100 drones
	candidate int64             // a pending candidate: GB, 500 boats
	evidence  string
}

func newSite(t testing.TB, open storetest.Opener) *site {
	t.Helper()
	s := open(t)
	if _, err := s.SyncReference(adminCtx, storetest.Reference()); err != nil {
		t.Fatal(err)
	}
	for _, u := range formUsers {
		if err := s.CreateUser(adminCtx, &u, testPasswordHash); err != nil {
			t.Fatalf("CreateUser(%s): %v", u.Name, err)
		}
	}
	e := &site{t: t, store: s, sessions: map[string]string{}}
	p := &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Drones, Item: "drones", Quantity: ptr[int64](100), Unit: "drones",
		AnnouncedOn: pledgebook.MustDate("2025-06-04"), Meeting: "udcg-28"}
	if err := s.CreatePledge(adminCtx, p, pledgebook.CreatePledgeOptions{}); err != nil {
		t.Fatal(err)
	}
	e.pledge = p.ID
	text := "Ministers met in Brussels. The United Kingdom will send 500 boats to Ukraine. More aid is to follow."
	e.evidence = "The United Kingdom will send 500 boats to Ukraine."
	start := strings.Index(text, e.evidence)
	_, _, err := s.IngestSource(adminCtx, pledgebook.Ingest{
		Source: pledgebook.Source{URL: "https://example.org/boats", Publisher: "Example", Title: "Boats", Published: pledgebook.MustDate("2025-06-05"), Language: "en"},
		Text:   text,
		Candidates: []pledgebook.Candidate{{Donor: "GB", DonorText: "The United Kingdom", Recipient: "UA", Category: pledgebook.Maritime, Item: "boats",
			Quantity: ptr[int64](500), Status: pledgebook.Announced, Confidence: decimal.RequireFromString("0.9"),
			EvidenceStart: start, EvidenceEnd: start + len(e.evidence), Evidence: e.evidence}},
	})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.FindCandidates(adminCtx, pledgebook.CandidateFilter{})
	if err != nil || len(cs) != 1 {
		t.Fatalf("candidates %v, %v", cs, err)
	}
	e.candidate = cs[0].ID
	log := slog.New(slog.NewTextHandler(testLog, nil))
	api := httpapi.NewAPI(s, log, httpapi.Options{Now: storetest.Config().Now})
	h, err := New(s, log, Options{API: api})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(h)
	t.Cleanup(e.srv.Close)
	return e
}

func ptr[T any](v T) *T { return &v }

// reply is a response, its body read.
type reply struct {
	status int
	body   string
	header http.Header
}

// do sends a request as user ("" for the public), without following
// redirects. A form is posted with the session's CSRF token unless it
// has a csrf field of its own.
func (e *site) do(method, path, user string, form url.Values) reply {
	e.t.Helper()
	return e.send(method, path, user, "", form)
}

// send is do in the language lang ("" for the default).
func (e *site) send(method, path, user, lang string, form url.Values) reply {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		form = cloneValues(form)
		if user != "" && !form.Has("csrf") {
			form.Set("csrf", csrfToken(e.session(user)))
		}
		body = strings.NewReader(form.Encode())
	}
	r, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if user != "" {
		r.AddCookie(&http.Cookie{Name: httpapi.SessionCookie, Value: e.session(user)})
	}
	if lang != "" {
		r.AddCookie(&http.Cookie{Name: langCookie, Value: lang})
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(r)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, string(b), resp.Header}
}

func cloneValues(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

// session signs user in through the sign-in form, once, and returns the
// session cookie's value.
func (e *site) session(user string) string {
	e.t.Helper()
	if s, ok := e.sessions[user]; ok {
		return s
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(e.srv.URL+"/signin", url.Values{"username": {user}, "password": {testPassword}})
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == httpapi.SessionCookie && c.Value != "" {
			e.sessions[user] = c.Value
			return c.Value
		}
	}
	e.t.Fatalf("signing in as %s set no session cookie (status %d)", user, resp.StatusCode)
	return ""
}

// with returns e reporting to t, for a fuzz function's own t.
func (e *site) with(t testing.TB) *site {
	c := *e
	c.t = t
	return &c
}

// snapshot is what a refused or failed form must leave as it was: the
// rows and versions of every table a form writes, and the audit events
// other than refusals (which a refused write appends, as in the API).
func (e *site) snapshot() string {
	e.t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT COUNT(*) FROM pledges`, `SELECT COALESCE(SUM(version), 0) FROM pledges`,
		`SELECT COUNT(*) FROM deliveries`, `SELECT COALESCE(SUM(version), 0) FROM deliveries`,
		`SELECT COUNT(*) FROM requirements`, `SELECT COALESCE(SUM(version), 0) FROM requirements`,
		`SELECT COUNT(*) FROM pledge_sources`, `SELECT COUNT(*) FROM status_changes`, `SELECT COUNT(*) FROM sources`,
		`SELECT COALESCE(SUM(version), 0) FROM candidates`, `SELECT COUNT(*) FROM audit_events WHERE action <> 'refused'`,
	} {
		var n int64
		if err := e.store.DB().QueryRow(q).Scan(&n); err != nil {
			e.t.Fatalf("%s: %v", q, err)
		}
		b.WriteString(q + " = " + strconv.FormatInt(n, 10) + "\n")
	}
	return b.String()
}

// unchanged fails unless the store is as before.
func (e *site) unchanged(t *testing.T, before, what string) {
	t.Helper()
	if after := e.snapshot(); after != before {
		t.Errorf("%s wrote:\nbefore:\n%s\nafter:\n%s", what, before, after)
	}
}

// lastAudit returns the newest audit event of entity.
func (e *site) lastAudit(t *testing.T, entity string) pledgebook.AuditEvent {
	t.Helper()
	evs, err := e.store.AuditLog(adminCtx, pledgebook.AuditFilter{Entity: entity, Desc: true})
	if err != nil || len(evs) == 0 {
		t.Fatalf("audit of %s: %v, %v", entity, evs, err)
	}
	return evs[0]
}

// newPledgeForm is a valid form for a new pledge of GB's.
func newPledgeForm() url.Values {
	return url.Values{"donor": {"GB"}, "recipient": {"UA"}, "category": {"air_defence"}, "item": {"Rapid Sentry launchers"},
		"quantity": {"12"}, "unit": {"launchers"}, "amount": {"1,500,000.50"}, "currency": {"GBP"}, "announced": {"2025-06-04"},
		"status": {"announced"}, "meeting": {"udcg-28"}, "visibility": {"public"}, "period_from": {"2025-07-01"},
		"period_to": {"2026-06-30"}, "notes": {"from the test"}, "source": {"https://example.org/sentry"}}
}

var locationRE = regexp.MustCompile(`^/pledges/(\d+)$`)

// created returns the id of the record a 303 points to.
func created(t *testing.T, r reply, re *regexp.Regexp) int64 {
	t.Helper()
	if r.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303:\n%s", r.status, r.body)
	}
	m := re.FindStringSubmatch(r.header.Get("Location"))
	if m == nil {
		t.Fatalf("Location %q does not match %s", r.header.Get("Location"), re)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// invalidField checks that the page shows msg-bearing markup beside field
// name: aria-invalid, aria-describedby pointing to the message, and the
// summary's link to it.
func invalidField(t *testing.T, body, name string) {
	t.Helper()
	id := "f-" + name
	ctrl := regexp.MustCompile(`<(input|select|textarea)[^>]*id="` + regexp.QuoteMeta(id) + `"[^>]*>`).FindString(body)
	if !strings.Contains(ctrl, `aria-invalid="true"`) || !strings.Contains(ctrl, id+"-err") {
		t.Errorf("field %s is not marked invalid: %q", name, ctrl)
	}
	if !strings.Contains(body, `<p class="error" id="`+id+`-err">`) {
		t.Errorf("no message beside field %s", name)
	}
	if !strings.Contains(body, `<a href="#`+id+`">`) {
		t.Errorf("the summary does not link to field %s", name)
	}
	if !strings.Contains(body, `role="alert"`) {
		t.Errorf("no role=alert summary")
	}
}

func TestSignIn(t *testing.T) {
	e := newSite(t, engines[0].open)
	t.Run("form", func(t *testing.T) {
		r := e.do("GET", "/signin?next=/pledges", "", nil)
		for _, want := range []string{`<label for="f-username">`, `name="username"`, `<label for="f-password">`, `type="password"`, `name="password"`,
			`<button type="submit">Sign in</button>`, `name="next" value="/pledges"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("sign-in form lacks %q", want)
			}
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		r := e.do("POST", "/signin", "", url.Values{"username": {"gb"}, "password": {"not the password"}})
		if r.status != http.StatusUnauthorized {
			t.Fatalf("status %d, want 401", r.status)
		}
		if !strings.Contains(r.body, `value="gb"`) || strings.Contains(r.body, "not the password") || !strings.Contains(r.body, "The name or the password is wrong.") {
			t.Errorf("the form should come back with the name, without the password, and say why:\n%s", r.body)
		}
		if r.header.Get("Set-Cookie") != "" {
			t.Errorf("a failed sign-in set a cookie: %s", r.header.Get("Set-Cookie"))
		}
	})
	t.Run("missing name", func(t *testing.T) {
		r := e.do("POST", "/signin", "", url.Values{"username": {""}, "password": {"x"}})
		if r.status != http.StatusBadRequest {
			t.Fatalf("status %d, want 400", r.status)
		}
		invalidField(t, r.body, "username")
	})
	for _, c := range []struct{ next, want string }{{"/pledges?donor=GB", "/pledges?donor=GB"}, {"https://evil.example/", "/"}, {"//evil.example", "/"}, {"", "/"}} {
		t.Run("next "+c.next, func(t *testing.T) {
			r := e.do("POST", "/signin", "", url.Values{"username": {"GB "}, "password": {testPassword}, "next": {c.next}})
			if r.status != http.StatusSeeOther || r.header.Get("Location") != c.want {
				t.Fatalf("status %d to %q, want 303 to %q", r.status, r.header.Get("Location"), c.want)
			}
			var session string
			for _, ck := range (&http.Response{Header: r.header}).Cookies() {
				if ck.Name == httpapi.SessionCookie {
					session = ck.Value
					if !ck.Secure || !ck.HttpOnly {
						t.Errorf("session cookie %v is not Secure and HttpOnly", ck)
					}
				}
			}
			if session == "" {
				t.Fatal("no session cookie")
			}
			e.sessions["gb-"+c.want] = session
			page := e.do("GET", "/", "gb-"+c.want, nil)
			if !strings.Contains(page.body, "Signed in as gb") || !strings.Contains(page.body, `action="/signout"`) || !strings.Contains(page.body, `name="csrf"`) {
				t.Errorf("the layout does not show the user and a sign-out form")
			}
		})
	}
	t.Run("sign out", func(t *testing.T) {
		user := "gb-/"
		r := e.do("POST", "/signout", user, url.Values{})
		if r.status != http.StatusSeeOther {
			t.Fatalf("sign out: status %d, want 303: %s", r.status, r.body)
		}
		if page := e.do("GET", "/", user, nil); strings.Contains(page.body, "Signed in as") || !strings.Contains(page.body, ">Sign in</a>") {
			t.Errorf("the session still works after signing out")
		}
	})
	t.Run("rate limit", func(t *testing.T) {
		var last reply
		for range 6 {
			last = e.do("POST", "/signin", "", url.Values{"username": {"de"}, "password": {"guess"}})
		}
		if last.status != http.StatusTooManyRequests || last.header.Get("Retry-After") == "" || !strings.Contains(last.body, "Too many failed sign-ins") {
			t.Fatalf("after 6 failures: status %d, Retry-After %q, want 429 with Retry-After and a message", last.status, last.header.Get("Retry-After"))
		}
		// The right password is refused too while the limit lasts: the
		// limit is the API's, shared with POST /api/v1/session.
		if r := e.do("POST", "/signin", "", url.Values{"username": {"de"}, "password": {testPassword}}); r.status != http.StatusTooManyRequests {
			t.Errorf("right password during the limit: status %d, want 429", r.status)
		}
	})
}

// testLog is where the site logs: nowhere, unless PLEDGEBOOK_TEST_LOG is
// set, for debugging a failure.
var testLog io.Writer = func() io.Writer {
	if os.Getenv("PLEDGEBOOK_TEST_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}()

var (
	controlRE = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	idRE      = regexp.MustCompile(`\bid="([^"]+)"`)
	rawKeyRE  = regexp.MustCompile(`>[^<]*\b(field|form|hint|review|pledgeform|requirementform|deliveryform|statusform|signin)\.[a-z_]+`)
)

// TestFormPages renders every form page in both languages and checks that
// every visible control has a label and that no message key shows raw.
func TestFormPages(t *testing.T) {
	e := newSite(t, engines[0].open)
	x := &pledgebook.Requirement{Recipient: "UA", Category: pledgebook.Drones, Item: "shields", Quantity: ptr[int64](3)}
	if err := e.store.CreateRequirement(adminCtx, x); err != nil {
		t.Fatal(err)
	}
	p, c, r := strconv.FormatInt(e.pledge, 10), strconv.FormatInt(e.candidate, 10), strconv.FormatInt(x.ID, 10)
	for _, lang := range []string{"en", "de"} {
		for _, path := range []string{"/signin", "/pledges/new", "/pledges/" + p, "/pledges/" + p + "/edit", "/pledges/" + p + "/status",
			"/pledges/" + p + "/deliveries/new", "/requirements/new", "/requirements/" + r, "/requirements/" + r + "/edit", "/review",
			"/review?state=all", "/review/" + c} {
			t.Run(lang+path, func(t *testing.T) {
				res := e.send("GET", path, "admin", lang, nil)
				if res.status != 200 {
					t.Fatalf("status %d", res.status)
				}
				if m := langRE.FindStringSubmatch(res.body); m == nil || m[1] != lang {
					t.Errorf("<html lang> = %v", m)
				}
				if m := titleRE.FindStringSubmatch(res.body); m == nil || strings.TrimSpace(m[1]) == "" {
					t.Errorf("no title")
				}
				if m := rawKeyRE.FindString(res.body); m != "" {
					t.Errorf("a raw message key shows: %q", m)
				}
				for _, ctrl := range controlRE.FindAllString(res.body, -1) {
					if strings.Contains(ctrl, `type="hidden"`) {
						continue
					}
					m := idRE.FindStringSubmatch(ctrl)
					if m == nil || !strings.Contains(res.body, `<label for="`+m[1]+`"`) {
						t.Errorf("control without a label: %s", ctrl)
					}
				}
			})
		}
	}
}

// TestSignInLink checks the layout's sign-in link: it returns to the page
// it was followed from, and the sign-in page does not link to itself
// again with a longer next, which a crawler would follow without end.
func TestSignInLink(t *testing.T) {
	e := newSite(t, engines[0].open)
	if r := e.do("GET", "/coverage", "", nil); !strings.Contains(r.body, `href="/signin?next=%2fcoverage"`) {
		t.Errorf("coverage lacks the sign-in link back to it")
	}
	if r := e.do("GET", "/signin?next=%2Fcoverage", "", nil); strings.Contains(r.body, `href="/signin?next=`) || !strings.Contains(r.body, `href="/signin" aria-current="page"`) {
		t.Errorf("the sign-in page links to a sign-in page with another next")
	}
}
