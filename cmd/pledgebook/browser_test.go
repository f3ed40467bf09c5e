package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"pledgebook/internal/fx"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/refdata"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/sqlstore"
	"pledgebook/internal/web"
)

// The browser tests drive Debian's headless Chromium against the server
// serve runs (handler, over a SQLite file holding the demo data, on
// loopback). Without Chromium they skip, except under CI=true, where they
// fail. Screenshots go to $PLEDGEBOOK_SCREENSHOTS, or a temporary
// directory.

// browserUser signs in as a coordinator in the tests that need one.
const browserUser, browserPassword = "olena", "s3cret-passw0rd"

type browser struct {
	t    *testing.T
	ctx  context.Context // the tab
	base string          // the server's URL
}

// newBrowser starts the server on a fresh demo database and a Chromium
// with a fresh profile and a window of width × height.
func newBrowser(t *testing.T, width, height int) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed (apt-get install chromium); the browser tests must run in CI")
		}
		t.Skip("chromium is not installed (apt-get install chromium): browser tests skipped")
	}
	db := filepath.Join(t.TempDir(), "pb.db")
	for _, c := range []struct {
		args  []string
		stdin string
	}{
		{[]string{"demo", "--db", db}, ""},
		{[]string{"user", "add", browserUser, "--role", "coordinator", "--password-stdin", "--db", db}, browserPassword + "\n"},
	} {
		var stderr strings.Builder
		if code := Run(context.Background(), c.args, strings.NewReader(c.stdin), io.Discard, &stderr, func(string) string { return "" }); code != 0 {
			t.Fatalf("pledgebook %s: exit %d: %s", strings.Join(c.args, " "), code, stderr.String())
		}
	}
	s, err := sqlite.Open(context.Background(), db, sqlstore.Config{Converter: fx.ECB(), Catalog: refdata.Currencies{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h, err := handler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), httpapi.Options{GDP: refdata.LatestGDP}, web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelTab(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx, base: srv.URL}
	b.run(chromedp.EmulateViewport(int64(width), int64(height)))
	return b
}

func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// run runs actions in the tab, failing the test on an error.
func (b *browser) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// get runs an action that returns a value.
func get[T any](b *browser, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.t.Fatalf("browser: %v", err)
	}
	return v
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](b *browser, js string, opts ...chromedp.EvaluateOption) T {
	b.t.Helper()
	return get(b, chromedp.Evaluate[T](js, opts...))
}

// open loads a page of the server and waits for its main element.
func (b *browser) open(path string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.CSS("main")))
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(get(b, chromedp.Text(chromedp.CSS(sel))))
}

// lang is the page's <html lang>.
func (b *browser) lang() string { return eval[string](b, `document.documentElement.lang`) }

// path is the path of the page the tab shows.
func (b *browser) path() string { return eval[string](b, `location.pathname + location.search`) }

// screenshot saves the whole page as name.png and checks that it is the
// page, not a blank: as wide as the viewport and of many colours.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	buf := get(b, chromedp.FullScreenshot(100))
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	width := eval[int64](b, `window.innerWidth`)
	if got := img.Bounds().Dx(); int64(got) != width {
		b.t.Errorf("screenshot %s is %d px wide, want the viewport's %d", name, got, width)
	}
	if n := colours(img); n < 8 {
		b.t.Errorf("screenshot %s has %d colours: a blank page?", name, n)
	}
	dir := os.Getenv("PLEDGEBOOK_SCREENSHOTS")
	if dir == "" {
		dir = b.t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// colours counts the distinct colours of img, up to 1000.
func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y && len(seen) < 1000; y += 3 {
		for x := r.Min.X; x < r.Max.X; x += 3 {
			cr, cg, cb, ca := img.At(x, y).RGBA()
			seen[[4]uint32{cr, cg, cb, ca}] = true
		}
	}
	return len(seen)
}

// TestBrowserDashboard: the dashboard shows its charts as SVG, with the
// demo's donors among the labels, and the table beside them.
func TestBrowserDashboard(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	b.open("/")
	if h1 := b.text("h1"); h1 != "Dashboard" {
		t.Errorf("h1 = %q, want Dashboard", h1)
	}
	charts := eval[int](b, `document.querySelectorAll('svg.chart').length`)
	if charts < 2 {
		t.Errorf("%d SVG charts, want the donors' bars and the timeline", charts)
	}
	bars := eval[bool](b, `document.querySelectorAll('svg.chart rect').length > 10`)
	labelled := eval[bool](b, `[...document.querySelectorAll('svg.chart text.label')].some(e => e.textContent.includes('United Kingdom'))`)
	if !bars || !labelled {
		t.Errorf("bars drawn: %v; a bar labelled United Kingdom: %v", bars, labelled)
	}
	box := eval[struct{ W, H float64 }](b, `(() => { const r = document.querySelector('svg.chart').getBoundingClientRect(); return {W: r.width, H: r.height} })()`)
	if box.W < 300 || box.H < 100 {
		t.Errorf("the first chart is drawn %v×%v px: too small to read", box.W, box.H)
	}
	if !strings.Contains(b.text("table"), "United Kingdom") {
		t.Error("the table of donors does not name the United Kingdom")
	}
	b.screenshot("dashboard")
}

// TestBrowserKeyboard: Tab reaches the skip link first, which moves the
// focus to the content, and then every link of the main navigation in
// order.
func TestBrowserKeyboard(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	b.open("/")
	var focused []string
	for range 8 {
		b.run(chromedp.KeyEvent(kb.Tab))
		focused = append(focused, eval[string](b, `(document.activeElement.getAttribute('href') || '') + ' ' + document.activeElement.textContent.trim()`))
	}
	if !strings.HasPrefix(focused[0], "#main ") {
		t.Errorf("the first Tab focuses %q, want the skip link", focused[0])
	}
	want := []string{"/ Dashboard", "/pledges Pledges", "/meetings Meetings", "/coverage Coverage"}
	i := 0
	for _, f := range focused {
		if i < len(want) && f == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("Tab went through %q; want the navigation %q in order", focused, want)
	}
	b.screenshot("keyboard-focus")
	b.open("/")
	b.run(chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter))
	active := eval[string](b, `document.activeElement.id`)
	if active != "main" {
		t.Errorf("Enter on the skip link focuses %q, want main", active)
	}
}

// TestBrowserGerman: the language switch turns the page German, in
// <html lang> and the headings, and the choice holds on the next page.
func TestBrowserGerman(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	b.open("/")
	if l := b.lang(); l != "en" {
		t.Fatalf("<html lang> = %q before the switch, want en", l)
	}
	b.run(chromedp.Click(chromedp.CSS(`a[hreflang="de"]`)), chromedp.WaitVisible(chromedp.CSS(`html[lang="de"]`)))
	if h1, p := b.text("h1"), b.path(); h1 != "Übersicht" || p != "/" {
		t.Errorf("after the switch: h1 %q at %s, want Übersicht at /", h1, p)
	}
	if h2 := b.text("h2"); h2 != "Summen" && !strings.Contains(h2, "Summe") {
		t.Errorf("first h2 = %q, want German", h2)
	}
	b.screenshot("dashboard-de")
	b.run(chromedp.Click(chromedp.CSS(`nav a[href="/pledges"]`)), chromedp.WaitVisible(chromedp.CSS(`main`)))
	if l, h1 := b.lang(), b.text("h1"); l != "de" || h1 != "Zusagen" {
		t.Errorf("on /pledges after the switch: lang %q, h1 %q; want de, Zusagen", l, h1)
	}
	b.open("/meetings/udcg-28")
	if l := b.lang(); l != "de" {
		t.Errorf("on a page loaded afresh: lang %q, want de (remembered)", l)
	}
	b.run(chromedp.Click(chromedp.CSS(`a[hreflang="en"]`)), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"]`)))
	if p := b.path(); p != "/meetings/udcg-28" {
		t.Errorf("switching back lands on %s, want the same page", p)
	}
}

// TestBrowserMeeting: the meeting of 4 June 2025 shows the two UK pledges
// announced there, 100,000 drones and £247 million for training.
func TestBrowserMeeting(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	b.open("/meetings/udcg-28")
	rows := eval[[]string](b, `[...document.querySelector('main table').querySelectorAll('tbody tr')].map(r => r.textContent)`)
	if len(rows) != 2 {
		t.Fatalf("the meeting's first table has %d rows %q, want the two UK pledges", len(rows), rows)
	}
	for i, want := range [][]string{{"United Kingdom", "100,000"}, {"United Kingdom", "£247"}} {
		for _, w := range want {
			if !strings.Contains(rows[i], w) {
				t.Errorf("row %d %q lacks %q", i+1, rows[i], w)
			}
		}
	}
	b.screenshot("meeting-udcg-28")
}

// TestBrowserPhone: on a phone-sized screen no main page scrolls
// sideways.
func TestBrowserPhone(t *testing.T) {
	b := newBrowser(t, 390, 844)
	for _, path := range []string{"/", "/pledges", "/pledges/1", "/meetings", "/meetings/udcg-28", "/coverage"} {
		b.open(path)
		w := eval[struct{ Scroll, Inner int }](b, `({Scroll: document.documentElement.scrollWidth, Inner: window.innerWidth})`)
		if w.Inner != 390 || w.Scroll > w.Inner {
			wide := eval[[]string](b, `[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('table'))
				.slice(0, 5).map(e => e.tagName + (e.name ? '[name=' + e.name + ']' : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')`)
			t.Errorf("%s at 390 px: the page is %d px wide in a %d px window; too wide: %q", path, w.Scroll, w.Inner, wide)
		}
	}
	b.open("/")
	b.screenshot("dashboard-phone")
}

// TestBrowserSession: a browser signed in through the API keeps the
// __Host- session cookie, which is Secure, on http://127.0.0.1 (Chromium
// counts loopback as a secure context), and the pages then show the user.
func TestBrowserSession(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	b.open("/")
	status := eval[int](b, fmt.Sprintf(`fetch('/api/v1/session', {method: 'POST', headers: {'Content-Type': 'application/json'},
		body: JSON.stringify({name: %q, password: %q})}).then(r => r.status)`, browserUser, browserPassword), chromedp.EvalAwaitPromise)
	if status != 201 {
		t.Fatalf("POST /api/v1/session = %d, want 201", status)
	}
	if c := b.sessionCookie(); c == nil || !c.Secure || !c.HTTPOnly {
		t.Fatalf("session cookie after sign-in: %+v; want a Secure, HttpOnly cookie kept", c)
	}
	b.open("/")
	if who := b.text("header.site"); !strings.Contains(who, browserUser) {
		t.Errorf("header after sign-in = %q, want it to name %s", who, browserUser)
	}
	b.screenshot("signed-in")
}

func (b *browser) sessionCookie() *network.Cookie {
	b.t.Helper()
	res, err := chromedp.Call(b.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{b.base}})
	if err != nil {
		b.t.Fatalf("read cookies: %v", err)
	}
	for _, c := range res.Cookies {
		if c.Name == "__Host-pledgebook_session" {
			return c
		}
	}
	return nil
}

// TestBrowserAddPledge is the coordinator's round: sign in, add a public
// pledge with a distinctive item and value, find it on /pledges, in the
// dashboard's totals and in the Atom feed, switch to German, with
// screenshots on the way. It needs the sign-in page, the pledge form and
// the feed (the contract they are built to: GET /signin has inputs
// username and password and a submit button, a good POST redirects to
// next; /pledges/new has the fields donor, recipient, category, item,
// quantity, amount, currency, announced, status, meeting and notes, and
// redirects to /pledges/{id}; /feeds/pledges.atom has an <entry> per
// public pledge whose <title> holds the item).
func TestBrowserAddPledge(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	const item = "Browser-test sonar buoys 7F3A"

	// Sign in, on the way to the form.
	b.signIn("/pledges/new", `select[name="donor"]`)
	if p := b.path(); p != "/pledges/new" {
		t.Errorf("signing in lands on %s, want next, /pledges/new", p)
	}
	if c := b.sessionCookie(); c == nil || !c.Secure {
		t.Errorf("session cookie after signing in: %+v; want a Secure cookie kept", c)
	}
	signOut := eval[bool](b, `[...document.querySelectorAll('header button, header input[type=submit]')].some(e => /sign out/i.test(e.textContent + ' ' + (e.value || '')))`)
	if !signOut {
		t.Error("no sign-out button in the header when signed in")
	}

	// The dashboard's totals before.
	pledgesBefore, pledgedBefore := b.dashboardTotals()

	// Add the pledge.
	b.open("/pledges/new")
	b.need(`main form select[name="donor"]`, "the pledge form at /pledges/new")
	b.screenshot("pledge-form")
	eval[bool](b, `(() => {
		const set = (name, v) => { const e = document.querySelector('[name="' + name + '"]'); e.value = v; e.dispatchEvent(new Event('change', {bubbles: true})); };
		set('donor', 'NO'); set('category', 'maritime'); set('announced', '2025-06-04'); set('status', 'announced'); set('meeting', 'udcg-28');
		const r = document.querySelector('[name="recipient"]'); if (r.value === '') { r.value = 'UA'; }
		return true })()`)
	b.run(
		chromedp.SendKeys(chromedp.CSS(`[name="item"]`), item),
		chromedp.SendKeys(chromedp.CSS(`[name="quantity"]`), "40"),
		chromedp.SendKeys(chromedp.CSS(`[name="amount"]`), "75000000"),
		chromedp.SetValue(chromedp.CSS(`[name="currency"]`), "EUR"),
		chromedp.SendKeys(chromedp.CSS(`[name="notes"]`), "Added by the browser test."),
		chromedp.Click(chromedp.CSS(`main form [type="submit"]`)),
		// The form page has an h1 too: wait for what only the pledge's
		// page has (its actions) or the form's error summary, so that the
		// wait cannot end before the submission has navigated.
		chromedp.WaitVisible(chromedp.CSS(`#actions-h, .error-summary`)),
	)
	p := b.path()
	if !regexp.MustCompile(`^/pledges/[0-9]+$`).MatchString(p) {
		t.Fatalf("submitting the form lands on %s (%s), want /pledges/{id}", p, b.text("main"))
	}
	if !strings.Contains(b.text("main"), item) {
		t.Errorf("the new pledge's page does not show %q", item)
	}
	b.screenshot("pledge-added")

	// On the listing, filtered to the donor.
	b.open("/pledges?donor=NO")
	if !strings.Contains(b.text("main"), item) {
		t.Errorf("/pledges?donor=NO does not list %q", item)
	}

	// In the dashboard's totals: one pledge and €75m more.
	pledgesAfter, pledgedAfter := b.dashboardTotals()
	if pledgesAfter != pledgesBefore+1 || pledgedAfter-pledgedBefore < 74.9 || pledgedAfter-pledgedBefore > 75.1 {
		t.Errorf("dashboard totals went from %d pledges, €%.1fm to %d, €%.1fm; want one more and €75m more",
			pledgesBefore, pledgedBefore, pledgesAfter, pledgedAfter)
	}
	b.screenshot("dashboard-after")

	// In the public feed.
	entries := eval[int](b, fmt.Sprintf(`fetch('/feeds/pledges.atom', {credentials: 'omit'}).then(r => r.text()).then(t => {
		const doc = new DOMParser().parseFromString(t, 'application/xml');
		return [...doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry')]
			.filter(e => (e.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'title')[0] || {}).textContent.includes(%q)).length })`, item),
		chromedp.EvalAwaitPromise)
	if entries != 1 {
		t.Errorf("/feeds/pledges.atom has %d entries titled with %q, want 1", entries, item)
	}

	// In German.
	b.open(p)
	b.run(chromedp.Click(chromedp.CSS(`a[hreflang="de"]`)), chromedp.WaitVisible(chromedp.CSS(`html[lang="de"]`)))
	if got := b.path(); got != p || !strings.Contains(b.text("main"), item) {
		t.Errorf("after switching to German: at %s, want %s showing the pledge", got, p)
	}
	b.screenshot("pledge-added-de")
}

// signIn signs in as browserUser through the form at /signin, on the
// way to next, and waits for the element sel of the page it lands on.
func (b *browser) signIn(next, sel string) {
	b.t.Helper()
	b.open("/signin?next=" + url.QueryEscape(next))
	b.need(`main form input[name="username"]`, "a sign-in form at /signin")
	b.run(
		chromedp.SendKeys(chromedp.CSS(`input[name="username"]`), browserUser),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), browserPassword),
		chromedp.Click(chromedp.CSS(`main form [type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(sel)),
	)
}

// need fails the test at once when the page has no element sel, rather
// than waiting for it until the test times out.
func (b *browser) need(sel, what string) {
	b.t.Helper()
	if !eval[bool](b, fmt.Sprintf(`document.querySelector(%q) !== null`, sel)) {
		b.t.Fatalf("no %s (%s) on %s: %.300s", what, sel, b.path(), b.text("main"))
	}
}

// dashboardTotals reads the number of pledges and the value pledged, in
// millions of euros, from the dashboard's figures (in English).
func (b *browser) dashboardTotals() (int, float64) {
	b.t.Helper()
	b.open("/")
	figs := eval[[]string](b, `[...document.querySelectorAll('dl.figures dd')].map(e => e.textContent)`)
	if len(figs) < 4 {
		b.t.Fatalf("dashboard figures = %q", figs)
	}
	digits := func(s string) string {
		return strings.NewReplacer(",", "", "€", "", "m", "").Replace(strings.TrimSpace(s))
	}
	pledged, err1 := strconv.ParseFloat(digits(figs[0]), 64)
	n, err2 := strconv.Atoi(digits(figs[3]))
	if err1 != nil || err2 != nil {
		b.t.Fatalf("dashboard figures %q: %v, %v", figs, err1, err2)
	}
	return n, pledged
}
