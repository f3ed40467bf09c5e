package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/demo"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/refdata"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/storetest"
)

// parsedFeed is what the tests read of an Atom document, parsed by
// encoding/xml in the Atom namespace.
type parsedFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"http://www.w3.org/2005/Atom id"`
	Title   string   `xml:"http://www.w3.org/2005/Atom title"`
	Updated string   `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	Author []struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	} `xml:"http://www.w3.org/2005/Atom author"`
	Entries []struct {
		ID      string `xml:"http://www.w3.org/2005/Atom id"`
		Title   string `xml:"http://www.w3.org/2005/Atom title"`
		Updated string `xml:"http://www.w3.org/2005/Atom updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Summary string `xml:"http://www.w3.org/2005/Atom summary"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

// feedEnv is the UI over the demo data, with a confidential and a
// restricted pledge, a coordinator's session, and a clock the test moves.
type feedEnv struct {
	store    *sqlite.Store
	h        http.Handler
	session  string // a coordinator's session cookie
	secret   int64  // a confidential pledge
	restrict int64  // a restricted pledge
	mu       sync.Mutex
	now      time.Time
}

func (e *feedEnv) clock() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

func (e *feedEnv) advance(d time.Duration) {
	e.mu.Lock()
	e.now = e.now.Add(d)
	e.mu.Unlock()
}

func newFeedEnv(t testing.TB, base string) *feedEnv {
	t.Helper()
	e := &feedEnv{now: storetest.Now}
	cfg := storetest.Config()
	cfg.Now = e.clock
	ctx := pledgebook.WithActor(pledgebook.WithViewer(context.Background(), admin), "test")
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "feeds.db"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	e.store = s
	if _, err := s.SyncReference(ctx, refdata.Reference()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, s, demo.Data()); err != nil {
		t.Fatal(err)
	}
	e.advance(time.Hour)
	amount := decimal.NewFromInt(1_000_000_000)
	for _, vis := range []pledgebook.Visibility{pledgebook.Confidential, pledgebook.Restricted} {
		p := &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Drones, Item: "Hidden " + string(vis) + " drones", Amount: &amount, Currency: "EUR",
			AnnouncedOn: pledgebook.MustDate("2025-06-04"), Meeting: "udcg-28", Visibility: vis}
		if err := s.CreatePledge(ctx, p, pledgebook.CreatePledgeOptions{}); err != nil {
			t.Fatal(err)
		}
		if vis == pledgebook.Confidential {
			e.secret = p.ID
		} else {
			e.restrict = p.ID
		}
	}
	u := &pledgebook.User{Name: "cora", Role: pledgebook.RoleCoordinator}
	if err := s.CreateUser(ctx, u, "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"); err != nil {
		t.Fatal(err)
	}
	e.session = "coordinator-session-secret"
	sum := sha256.Sum256([]byte(e.session))
	if _, err := s.CreateSession(ctx, u.ID, hex.EncodeToString(sum[:]), storetest.Now.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	api := httpapi.NewAPI(s, log, httpapi.Options{Now: e.clock})
	h, err := New(s, log, Options{Authenticate: api.Authenticate, BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	e.h = h
	return e
}

func (e *feedEnv) get(t testing.TB, path string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Add(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

// feed fetches and parses a feed, checking what RFC 4287 requires of
// every feed and entry.
func (e *feedEnv) feed(t testing.TB, path string, headers ...string) parsedFeed {
	t.Helper()
	w := e.get(t, path, headers...)
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d\n%s", path, w.Code, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	var f parsedFeed
	if err := xml.Unmarshal(w.Body.Bytes(), &f); err != nil {
		t.Fatalf("GET %s: not an Atom document: %v\n%s", path, err, w.Body.String())
	}
	checkRFC4287(t, path, f)
	return f
}

func checkRFC4287(t testing.TB, path string, f parsedFeed) {
	t.Helper()
	date := func(what, s string) {
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			t.Errorf("GET %s: %s %q is not an RFC 3339 date: %v", path, what, s, err)
		}
	}
	if f.ID == "" || f.Title == "" {
		t.Errorf("GET %s: feed id %q, title %q: both are required", path, f.ID, f.Title)
	}
	date("feed updated", f.Updated)
	self := false
	for _, l := range f.Links {
		if l.Rel == "self" && strings.HasPrefix(l.Href, "http") && strings.Contains(strings.ToLower(l.Href), strings.ToLower(path[:strings.Index(path+"?", "?")])) {
			self = true
		}
	}
	if !self {
		t.Errorf("GET %s: no absolute rel=self link in %+v", path, f.Links)
	}
	// Without an author of each entry, the feed must have one.
	if len(f.Author) == 0 || f.Author[0].Name == "" {
		t.Errorf("GET %s: no feed author", path)
	}
	ids := map[string]bool{}
	for _, en := range f.Entries {
		if en.ID == "" || en.Title == "" || en.Summary == "" {
			t.Errorf("GET %s: entry %+v lacks an id, a title or a summary", path, en)
		}
		if ids[en.ID] {
			t.Errorf("GET %s: entry id %s twice", path, en.ID)
		}
		ids[en.ID] = true
		date("entry updated", en.Updated)
		if len(en.Links) != 1 || en.Links[0].Rel != "alternate" || !strings.HasPrefix(en.Links[0].Href, "http") {
			t.Errorf("GET %s: entry %s links %+v, want one absolute alternate", path, en.ID, en.Links)
		}
	}
}

func entryFor(f parsedFeed, id int64) int {
	for i, en := range f.Entries {
		if strings.HasSuffix(en.ID, "/pledges/"+itoa(id)) {
			return i
		}
	}
	return -1
}

func TestFeeds(t *testing.T) {
	e := newFeedEnv(t, "https://pledges.example")
	coordinator := []string{"Cookie", sessionCookie + "=" + e.session}

	all := e.feed(t, "/feeds/pledges.atom")
	if all.Lang != "en" || all.ID != "tag:pledges.example,2025:pledgebook/feeds/pledges" || len(all.Entries) != 45 {
		t.Fatalf("all: lang %q, id %q, %d entries; want en, the tag URI, the 45 public demo pledges", all.Lang, all.ID, len(all.Entries))
	}
	if got := all.Entries[entryFor(all, 1)]; got.Links[0].Href != "https://pledges.example/pledges/1" || got.ID != "tag:pledges.example,2025:pledgebook/pledges/1" ||
		!strings.HasPrefix(got.Title, "United Kingdom") || !strings.Contains(got.Title, "100,000") {
		t.Errorf("entry of pledge 1 = %+v", got)
	}

	// A feed holds what the public may see, whoever asks.
	for _, headers := range [][]string{nil, coordinator} {
		f := e.feed(t, "/feeds/donors/GB.atom", headers...)
		for _, id := range []int64{e.secret, e.restrict} {
			if entryFor(f, id) >= 0 {
				t.Errorf("GB feed with headers %v shows non-public pledge %d", headers, id)
			}
		}
		if len(f.Entries) == 0 {
			t.Errorf("GB feed is empty")
		}
	}
	if w := e.get(t, "/feeds/pledges.atom", coordinator...); strings.Contains(w.Body.String(), "Hidden") {
		t.Errorf("the feed of all shows a hidden pledge to a coordinator's cookie")
	}

	// A status move puts the pledge first, with a newer updated.
	last := all.Entries[len(all.Entries)-1]
	var lastID int64 = -1
	for _, id := range []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47} {
		if strings.HasSuffix(last.ID, "/pledges/"+itoa(id)) {
			lastID = id
		}
	}
	p, err := e.store.FindPledgeByID(pledgebook.WithViewer(context.Background(), admin), lastID)
	if err != nil {
		t.Fatal(err)
	}
	next, ok := map[pledgebook.Status]pledgebook.Status{pledgebook.Announced: pledgebook.Committed, pledgebook.Committed: pledgebook.Contracted, pledgebook.Contracted: pledgebook.Cancelled, pledgebook.Delivering: pledgebook.Cancelled}[p.Status]
	if !ok {
		t.Fatalf("pledge %d is %s, which the test cannot move", lastID, p.Status)
	}
	e.advance(time.Hour)
	if _, err := e.store.SetPledgeStatus(pledgebook.WithActor(pledgebook.WithViewer(context.Background(), admin), "test"), lastID,
		pledgebook.StatusMove{To: next, On: pledgebook.MustDate("2026-11-01")}); err != nil {
		t.Fatal(err)
	}
	moved := e.feed(t, "/feeds/pledges.atom")
	top := moved.Entries[0]
	if top.ID != last.ID {
		t.Fatalf("after a status move, first entry %s, want %s", top.ID, last.ID)
	}
	was, _ := time.Parse(time.RFC3339Nano, last.Updated)
	now, _ := time.Parse(time.RFC3339Nano, top.Updated)
	if !now.After(was) || top.Updated != moved.Updated {
		t.Errorf("after a status move: entry updated %s (was %s), feed updated %s; want the entry newer and the feed's", top.Updated, last.Updated, moved.Updated)
	}
	if !strings.Contains(top.Summary, "Status moved to") {
		t.Errorf("summary %q does not say the status moved", top.Summary)
	}

	// The selections.
	for _, c := range []struct {
		path  string
		check func(string) bool
	}{
		{"/feeds/donors/GB.atom", func(title string) bool { return strings.HasPrefix(title, "United Kingdom") }},
		{"/feeds/donors/gb.atom", func(title string) bool { return strings.HasPrefix(title, "United Kingdom") }},
		{"/feeds/meetings/udcg-28.atom", func(string) bool { return true }},
		{"/feeds/areas/drones.atom", func(string) bool { return true }},
	} {
		f := e.feed(t, c.path)
		if len(f.Entries) == 0 || len(f.Entries) >= len(all.Entries) {
			t.Errorf("GET %s: %d entries, want some but not all %d", c.path, len(f.Entries), len(all.Entries))
		}
		for _, en := range f.Entries {
			if !c.check(en.Title) {
				t.Errorf("GET %s: entry %q is not in the selection", c.path, en.Title)
			}
		}
	}
	meeting := e.feed(t, "/feeds/meetings/udcg-28.atom")
	var titles []string
	for _, en := range meeting.Entries {
		titles = append(titles, en.Title)
	}
	if s := strings.Join(titles, "\n"); !strings.Contains(s, "100,000 drones") || !strings.Contains(s, "£247m") {
		t.Errorf("udcg-28 feed lacks the UK's two pledges:\n%s", s)
	}
	areas := e.feed(t, "/feeds/areas/drones.atom")
	for i := range areas.Entries {
		if !strings.Contains(e.get(t, "/feeds/areas/drones.atom").Body.String(), `term="drones"`) {
			t.Fatalf("drones feed entry %d is not in the drones area", i)
		}
	}

	// German, by the URL.
	de := e.feed(t, "/feeds/meetings/udcg-28.atom?lang=de")
	if de.Lang != "de" || !strings.Contains(de.Title, "Zusagen bei") || !strings.Contains(strings.Join([]string{de.Entries[0].Summary}, ""), "angekündigt") {
		t.Errorf("German feed: lang %q, title %q, summary %q", de.Lang, de.Title, de.Entries[0].Summary)
	}
}

func TestFeedCaching(t *testing.T) {
	e := newFeedEnv(t, "")
	w := e.get(t, "/feeds/donors/GB.atom")
	etag, lm := w.Header().Get("ETag"), w.Header().Get("Last-Modified")
	if w.Code != 200 || etag == "" || lm == "" {
		t.Fatalf("status %d, ETag %q, Last-Modified %q", w.Code, etag, lm)
	}
	// Without a base URL, absolute URLs come from the request.
	if !strings.Contains(w.Body.String(), `href="http://example.com/feeds/donors/GB.atom"`) {
		t.Errorf("self link does not use the request's host:\n%.600s", w.Body.String())
	}
	for _, c := range []struct {
		name    string
		headers []string
		status  int
	}{
		{"same etag", []string{"If-None-Match", etag}, http.StatusNotModified},
		{"etag in a list", []string{"If-None-Match", `"x", ` + etag}, http.StatusNotModified},
		{"other etag", []string{"If-None-Match", `W/"other"`}, http.StatusOK},
		{"not modified since", []string{"If-Modified-Since", lm}, http.StatusNotModified},
		{"modified since", []string{"If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT"}, http.StatusOK},
		{"other etag beats the date", []string{"If-None-Match", `W/"other"`, "If-Modified-Since", lm}, http.StatusOK},
	} {
		if got := e.get(t, "/feeds/donors/GB.atom", c.headers...); got.Code != c.status || (c.status == 304 && got.Body.Len() != 0) {
			t.Errorf("%s: status %d, body %d bytes; want %d", c.name, got.Code, got.Body.Len(), c.status)
		}
	}
	// Another language is another document.
	if de := e.get(t, "/feeds/donors/GB.atom?lang=de", "If-None-Match", etag); de.Code != 200 || de.Header().Get("ETag") == etag {
		t.Errorf("German feed: status %d, ETag %q (English %q)", de.Code, de.Header().Get("ETag"), etag)
	}
	// A change to the selection changes the ETag; one elsewhere does not.
	ctx := pledgebook.WithActor(pledgebook.WithViewer(context.Background(), admin), "test")
	e.advance(time.Minute)
	de := &pledgebook.Pledge{Donor: "DE", Category: pledgebook.Maritime, Item: "Feed test boats", Quantity: ptr(int64(3)), AnnouncedOn: pledgebook.MustDate("2026-11-01")}
	if err := e.store.CreatePledge(ctx, de, pledgebook.CreatePledgeOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := e.get(t, "/feeds/donors/GB.atom", "If-None-Match", etag); got.Code != http.StatusNotModified {
		t.Errorf("after a German pledge the GB feed answers %d, want 304", got.Code)
	}
	gb := &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Maritime, Item: "Feed test boats", Quantity: ptr(int64(3)), AnnouncedOn: pledgebook.MustDate("2026-11-01")}
	if err := e.store.CreatePledge(ctx, gb, pledgebook.CreatePledgeOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := e.get(t, "/feeds/donors/GB.atom", "If-None-Match", etag); got.Code != http.StatusOK || got.Header().Get("ETag") == etag {
		t.Errorf("after a GB pledge the GB feed answers %d with ETag %q, want 200 and a new one", got.Code, got.Header().Get("ETag"))
	}
}

func TestFeedNotFound(t *testing.T) {
	e := newFeedEnv(t, "")
	for _, path := range []string{"/feeds/donors/XX.atom", "/feeds/donors/GB", "/feeds/donors/GB.rss", "/feeds/areas/lasers.atom",
		"/feeds/meetings/udcg-999.atom", "/feeds/meetings/.atom", "/feeds/other.atom", "/feeds/donors/GB.atom/x"} {
		if w := e.get(t, path); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, w.Code)
		}
	}
}

// TestFeedLinks checks that the pages link their feeds, in <head> and
// visibly, in the page's language.
func TestFeedLinks(t *testing.T) {
	e := newFeedEnv(t, "")
	for _, c := range []struct {
		path, cookie string
		want         []string
	}{
		{"/", "", []string{"/feeds/pledges.atom"}},
		{"/pledges", "", []string{"/feeds/pledges.atom"}},
		{"/pledges?donor=GB", "", []string{"/feeds/donors/GB.atom"}},
		{"/pledges?category=drones", "", []string{"/feeds/areas/drones.atom"}},
		{"/pledges?donor=GB&category=drones", "", []string{"/feeds/donors/GB.atom", "/feeds/areas/drones.atom"}},
		{"/meetings/udcg-28", "", []string{"/feeds/meetings/udcg-28.atom"}},
		{"/pledges?donor=ZZ", "", []string{"/feeds/pledges.atom"}},
		{"/meetings/udcg-28", langCookie + "=de", []string{"/feeds/meetings/udcg-28.atom?lang=de"}},
	} {
		var headers []string
		if c.cookie != "" {
			headers = []string{"Cookie", c.cookie}
		}
		body := e.get(t, c.path, headers...).Body.String()
		head := body[:strings.Index(body, "</head>")]
		for _, href := range c.want {
			if !strings.Contains(head, `<link rel="alternate" type="application/atom+xml"`) || !strings.Contains(head, `href="`+href+`"`) {
				t.Errorf("GET %s: <head> lacks the feed %s", c.path, href)
			}
			if !strings.Contains(body[len(head):], `<a href="`+href+`" type="application/atom+xml">`) {
				t.Errorf("GET %s: no visible link to %s", c.path, href)
			}
			if w := e.get(t, strings.ReplaceAll(href, "&amp;", "&")); w.Code != 200 {
				t.Errorf("GET %s: the linked feed %s answers %d", c.path, href, w.Code)
			}
		}
	}
}
