package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"pledgebook"
)

// feedLimit is how many entries a feed holds: the pledges changed last.
const feedLimit = 100

// Feeds are Atom documents (RFC 4287) of the new and changed pledges of a
// selection. A feed URL is shared and fetched by programs, so a feed reads
// as the anonymous public whoever asks, and its language is chosen by the
// URL (?lang=de), never by cookies or Accept-Language: the same URL is the
// same document for every reader and every cache. Pages link to the feed
// in the page's language.

// atomFeed and atomEntry are the parts of RFC 4287 that the feeds use.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"xml:lang,attr"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published,omitempty"`
	Link      atomLink     `xml:"link"`
	Category  atomCategory `xml:"category"`
	Summary   atomText     `xml:"summary"`
}

// feedPaths are the feeds' URL paths by kind of selection.
var feedPaths = map[pledgebook.SelectionKind]string{
	pledgebook.SelectDonor:   "/feeds/donors/",
	pledgebook.SelectArea:    "/feeds/areas/",
	pledgebook.SelectMeeting: "/feeds/meetings/",
}

// FeedPath returns the path of the feed of sel, e.g. /feeds/donors/GB.atom.
func FeedPath(sel pledgebook.Selection) string {
	p, ok := feedPaths[sel.Kind]
	if !ok {
		return "/feeds/pledges.atom"
	}
	return p + url.PathEscape(sel.Key) + ".atom"
}

// feedLink is a page's link to a feed.
type feedLink struct {
	Href  string // relative to the site
	Title string
}

// addFeed links the page to the feed of sel, whose donor, area or meeting
// is called name: in the <head> (layout.html) and visibly where the page
// calls {{template "feedlink" .}}. Any page may call it with any
// selection, e.g. a donor's page with pledgebook.Selection{Kind:
// pledgebook.SelectDonor, Key: code}.
func (p *page) addFeed(sel pledgebook.Selection, name string) {
	href := FeedPath(sel)
	if p.L.Lang != languages[0] {
		href += "?lang=" + p.L.Lang
	}
	p.Feeds = append(p.Feeds, feedLink{Href: href, Title: feedTitle(p.L, sel.Kind, name)})
}

// feedTitle is the title of the feed of a kind of selection of name.
func feedTitle(l *locale, kind pledgebook.SelectionKind, name string) string {
	if kind == pledgebook.SelectAll {
		return l.T("feeds.title.all")
	}
	return l.T("feeds.title."+string(kind), name)
}

// baseURL is where the site is reached, for the absolute URLs of feeds:
// Options.BaseURL, else the scheme and host the request came by.
func (u *UI) baseURL(r *http.Request) string {
	if u.opts.BaseURL != "" {
		return strings.TrimSuffix(u.opts.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// feedLanguage is the feed's language: the lang query parameter when it
// names one of the UI's languages, else the default.
func (u *UI) feedLanguage(r *http.Request) *locale {
	if l, ok := u.locales[r.URL.Query().Get("lang")]; ok {
		return l
	}
	return u.locales[languages[0]]
}

// feedSelection reads the selection from a feed's path and checks that it
// names something that exists: an unknown donor, area or meeting is not
// found. It returns the name of what is selected, in l's language.
func (u *UI) feedSelection(r *http.Request, kind pledgebook.SelectionKind, l *locale) (pledgebook.Selection, string, error) {
	sel := pledgebook.Selection{Kind: kind}
	if kind == pledgebook.SelectAll {
		return sel, "", nil
	}
	key, ok := strings.CutSuffix(r.PathValue("file"), ".atom")
	if !ok || key == "" {
		return sel, "", pledgebook.Errorf(pledgebook.KindNotFound, "no such feed")
	}
	sel.Key = key
	sel.Normalize()
	ctx := r.Context()
	switch kind {
	case pledgebook.SelectDonor:
		p, err := u.store.FindPartyByCode(ctx, sel.Key)
		if err != nil {
			return sel, "", err
		}
		if l.Lang == "de" && p.NameDE != "" {
			return sel, p.NameDE, nil
		}
		return sel, p.NameEN, nil
	case pledgebook.SelectArea:
		c, err := pledgebook.ParseCategory(key)
		if err != nil {
			return sel, "", pledgebook.Errorf(pledgebook.KindNotFound, "no such capability area")
		}
		return sel, l.Category(c), nil
	case pledgebook.SelectMeeting:
		m, err := u.store.FindMeetingByID(ctx, key)
		if err != nil {
			return sel, "", err
		}
		return sel, m.Title, nil
	}
	return sel, "", pledgebook.Errorf(pledgebook.KindNotFound, "no such feed")
}

// feedHandler serves the feed of one kind of selection.
func (u *UI) feedHandler(kind pledgebook.SelectionKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// Whoever asks, a feed holds what the public may see.
		r = r.WithContext(pledgebook.WithViewer(r.Context(), pledgebook.Viewer{}))
		l := u.feedLanguage(r)
		sel, name, err := u.feedSelection(r, kind, l)
		if err == nil {
			err = u.serveFeed(w, r, l, sel, name)
		}
		if err != nil {
			p := u.newPage(r)
			u.fail(w, r, p, err)
		}
	}
}

func (u *UI) serveFeed(w http.ResponseWriter, r *http.Request, l *locale, sel pledgebook.Selection, name string) error {
	ctx := r.Context()
	f := sel.Filter()
	f.Limit = feedLimit
	changes, err := u.store.FindPledgeChanges(ctx, f)
	if err != nil {
		return fmt.Errorf("load changes of %s %s: %w", sel.Kind, sel.Key, err)
	}
	// The validator is the list of changes shown and the language: a
	// pledge leaving the feed changes it as much as one entering it.
	tag := sha256.New()
	fmt.Fprintf(tag, "%s\x00%s\x00%s", l.Lang, sel.Kind, sel.Key)
	for _, c := range changes {
		fmt.Fprintf(tag, "\x00%d.%d", c.Pledge.ID, c.Seq)
	}
	etag := `W/"` + hex.EncodeToString(tag.Sum(nil)[:16]) + `"`
	// With no entries there is no change to date the feed by; the epoch
	// says so without inventing one.
	updated := time.Unix(0, 0).UTC()
	if len(changes) > 0 {
		updated = changes[0].At
	}
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", updated.Format(http.TimeFormat))
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Vary", "Accept-Encoding")
	if notModified(r, etag, updated) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	n, err := u.partyNames(ctx, l)
	if err != nil {
		return err
	}
	doc := u.feedDocument(r, l, sel, name, n, changes, updated)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode feed: %w", err)
	}
	buf.WriteByte('\n')
	h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	h.Set("Content-Language", l.Lang)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = buf.WriteTo(w)
	}
	return nil
}

// notModified applies If-None-Match, or without it If-Modified-Since (RFC
// 9110, 13.2.2).
func notModified(r *http.Request, etag string, updated time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for t := range strings.SplitSeq(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
				return true
			}
		}
		return false
	}
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil {
		return !updated.Truncate(time.Second).After(ims)
	}
	return false
}

// feedDocument builds the Atom document.
func (u *UI) feedDocument(r *http.Request, l *locale, sel pledgebook.Selection, name string, n names, changes []pledgebook.PledgeChange, updated time.Time) atomFeed {
	base := u.baseURL(r)
	self := base + FeedPath(sel)
	if lang := r.URL.Query().Get("lang"); lang == l.Lang && lang != languages[0] {
		self += "?lang=" + lang
	}
	alternate := base + "/"
	switch sel.Kind {
	case pledgebook.SelectDonor:
		alternate = base + "/pledges?donor=" + url.QueryEscape(sel.Key)
	case pledgebook.SelectArea:
		alternate = base + "/pledges?category=" + url.QueryEscape(sel.Key)
	case pledgebook.SelectMeeting:
		alternate = base + "/meetings/" + url.PathEscape(sel.Key)
	}
	feed := atomFeed{
		Lang:     l.Lang,
		ID:       tagURI(base, strings.TrimSuffix(FeedPath(sel), ".atom")),
		Title:    feedTitle(l, sel.Kind, name),
		Subtitle: l.T("feeds.subtitle", feedLimit),
		Updated:  updated.Format(time.RFC3339Nano),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: alternate, HrefLang: l.Lang},
		},
		Author:    atomPerson{Name: "pledgebook", URI: base + "/"},
		Generator: "pledgebook",
	}
	for _, c := range changes {
		p := c.Pledge
		e := atomEntry{
			ID:       tagURI(base, "/pledges/"+strconv.FormatInt(p.ID, 10)),
			Title:    entryTitle(l, n, p),
			Updated:  c.At.Format(time.RFC3339Nano),
			Link:     atomLink{Rel: "alternate", Type: "text/html", Href: base + "/pledges/" + strconv.FormatInt(p.ID, 10), HrefLang: l.Lang},
			Category: atomCategory{Term: string(p.Category), Label: l.Category(p.Category)},
			Summary:  atomText{Type: "text", Body: entrySummary(l, c)},
		}
		if !p.CreatedAt.IsZero() {
			e.Published = p.CreatedAt.Format(time.RFC3339Nano)
		}
		feed.Entries = append(feed.Entries, e)
	}
	return feed
}

// tagURI is a tag URI (RFC 4151) of the site for path: an ID that stays
// the same for as long as the site keeps its host name, whatever the
// scheme or port it is reached by.
func tagURI(base, path string) string {
	host := base
	if b, err := url.Parse(base); err == nil && b.Hostname() != "" {
		host = b.Hostname()
	}
	return "tag:" + host + ",2025:pledgebook" + path
}

// entryTitle names a pledge: its donor, its item, and its quantity and
// amount, e.g. "United Kingdom: drones (100,000 drones)".
func entryTitle(l *locale, n names, p *pledgebook.Pledge) string {
	var size []string
	if p.Quantity != nil {
		size = append(size, strings.TrimSpace(l.Int(p.Quantity)+" "+p.Unit))
	}
	if p.Amount != nil {
		size = append(size, l.Money(*p.Amount, p.Currency))
	}
	t := n.Of(p.Donor) + ": " + p.Item
	if len(size) > 0 {
		t += " (" + strings.Join(size, ", ") + ")"
	}
	return t
}

// entrySummary says what the change was and where the pledge stands.
func entrySummary(l *locale, c pledgebook.PledgeChange) string {
	var what string
	switch c.Action {
	case "create":
		what = l.T("feeds.change.create")
	case "status":
		what = l.T("feeds.change.status", l.Status(c.Pledge.Status))
	case "link":
		what = l.T("feeds.change.link")
	default:
		what = l.T("feeds.change.update")
	}
	return what + " " + l.T("feeds.facts", l.Category(c.Pledge.Category), l.Status(c.Pledge.Status), l.Date(c.Pledge.AnnouncedOn))
}

// routeFeeds registers the feeds.
func (u *UI) routeFeeds() {
	u.mux.HandleFunc("GET /feeds/pledges.atom", u.feedHandler(pledgebook.SelectAll))
	u.mux.HandleFunc("GET /feeds/donors/{file}", u.feedHandler(pledgebook.SelectDonor))
	u.mux.HandleFunc("GET /feeds/areas/{file}", u.feedHandler(pledgebook.SelectArea))
	u.mux.HandleFunc("GET /feeds/meetings/{file}", u.feedHandler(pledgebook.SelectMeeting))
}

// pledgesFeeds links the pledge listing to the feeds of its filters: the
// donor's (when the donor is known: there is no feed of an unknown one) and
// the area's when filtered by them, else the feed of all.
func pledgesFeeds(p *page, f pledgebook.PledgeFilter, n names) {
	if _, known := n[deref0(f.Donor)]; known {
		p.addFeed(pledgebook.Selection{Kind: pledgebook.SelectDonor, Key: *f.Donor}, n.Of(*f.Donor))
	}
	if f.Category != nil {
		p.addFeed(pledgebook.Selection{Kind: pledgebook.SelectArea, Key: string(*f.Category)}, p.L.Category(*f.Category))
	}
	if len(p.Feeds) == 0 {
		p.addFeed(pledgebook.Selection{Kind: pledgebook.SelectAll}, "")
	}
}

func deref0(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
