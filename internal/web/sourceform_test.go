package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pledgebook"
	"pledgebook/internal/extract"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/storetest"
)

// seedDoc is the news report pledgebook was started from: the extractor
// finds two pledges in it.
const seedDoc = "../extract/testdata/corpus/001-de-seed.txt"

// upload posts the source form as user, multipart as a browser sends it,
// with the session's CSRF token: fields, and the file name with its
// content when name is not empty.
func (e *site) upload(user, lang string, fields url.Values, name, content string) reply {
	e.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if user != "" {
		mw.WriteField("csrf", csrfToken(e.session(user)))
	}
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile("document", name)
	if err != nil {
		e.t.Fatal(err)
	}
	io.WriteString(fw, content)
	mw.Close()
	r, err := http.NewRequest("POST", e.srv.URL+"/sources/new", &b)
	if err != nil {
		e.t.Fatal(err)
	}
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if user != "" {
		r.AddCookie(&http.Cookie{Name: httpapi.SessionCookie, Value: e.session(user)})
	}
	if lang != "" {
		r.AddCookie(&http.Cookie{Name: langCookie, Value: lang})
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(r)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, string(body), resp.Header}
}

func TestSourceFormRenders(t *testing.T) {
	e := newSite(t, engines[0].open)
	for _, c := range []struct{ lang, title string }{{"en", "Submit a report"}, {"de", "Bericht einreichen"}} {
		r := e.send("GET", "/sources/new", "cura", c.lang, nil)
		if r.status != 200 {
			t.Fatalf("%s: status %d", c.lang, r.status)
		}
		for _, want := range []string{"<title>" + c.title + " – pledgebook</title>", `enctype="multipart/form-data"`, `type="file" id="f-document" name="document"`,
			`accept=".txt,.html,.htm,text/plain,text/html"`, `<textarea id="f-text" name="text"`, `name="url"`, `name="publisher"`, `type="date" id="f-published"`,
			`name="title"`, `<select id="f-lang" name="lang"`, `name="csrf" value="` + csrfToken(e.session("cura")) + `"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("%s form lacks %q", c.lang, want)
			}
		}
	}
	for _, p := range []string{"/sources", "/review"} {
		if r := e.do("GET", p, "cura", nil); !strings.Contains(r.body, `href="/sources/new"`) {
			t.Errorf("%s does not link a curator to the form", p)
		}
		if r := e.do("GET", p, "vic", nil); strings.Contains(r.body, `href="/sources/new"`) {
			t.Errorf("%s links a viewer to the form", p)
		}
	}
	if r := e.do("GET", "/sources/new", "", nil); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/signin?next=") {
		t.Errorf("the public: %d %s, want 303 to sign in", r.status, r.header.Get("Location"))
	}
	for _, u := range []string{"gb", "ua", "vic"} {
		if r := e.do("GET", "/sources/new", u, nil); r.status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", u, r.status)
		}
	}
}

var sourceLocationRE = regexp.MustCompile(`^/sources/(\d+)\?queued=(\d+)$`)

// TestSourceForm submits the seed through the form: stored once with
// its two candidates queued, the same document again changes nothing,
// and refused or faulty forms store nothing.
func TestSourceForm(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newSite(t, open)
		seed, err := os.ReadFile(seedDoc)
		if err != nil {
			t.Fatal(err)
		}
		meta := url.Values{"url": {"https://example.org/boltwise-udcg"}, "publisher": {"IT BOLTWISE"}, "published": {"2025-06-04"}, "lang": {"auto"}}

		before := e.snapshot()
		t.Run("refused", func(t *testing.T) {
			for _, u := range []string{"gb", "vic"} {
				if r := e.upload(u, "", meta, "seed.txt", string(seed)); r.status != http.StatusForbidden {
					t.Errorf("%s: status %d, want 403", u, r.status)
				}
			}
			if r := e.upload("", "", meta, "seed.txt", string(seed)); r.status != http.StatusUnauthorized {
				t.Errorf("the public: status %d, want 401", r.status)
			}
			e.unchanged(t, before, "a refused upload")
		})
		t.Run("faulty", func(t *testing.T) {
			for _, c := range []struct {
				name, field, file, content, lang, msg string
				set                                   url.Values
			}{
				{"no document", "document", "", "", "", "choose a file or paste the text", nil},
				{"no document de", "document", "", "", "de", "eine Datei wählen oder den Text einfügen", nil},
				{"file and text", "document", "seed.txt", string(seed), "", "not both", url.Values{"text": {"Some pasted text."}}},
				{"bad date", "published", "seed.txt", string(seed), "", "is not a date", url.Values{"published": {"2025-13-01"}}},
				{"bad url", "url", "seed.txt", string(seed), "", "not an absolute", url.Values{"url": {"ftp://example.org/x"}}},
				{"not text", "document", "seed.pdf", "%PDF-1.7", "", "not a text or HTML file", nil},
				{"nothing left", "document", "empty.html", "<html><body><script>x()</script></body></html>", "", "no text left", nil},
				{"over the limit", "document", "big.txt", strings.Repeat("x", extract.DefaultMaxBytes+1), "", "larger than the limit", nil},
			} {
				t.Run(c.name, func(t *testing.T) {
					f := cloneValues(meta)
					for k, v := range c.set {
						f[k] = v
					}
					r := e.upload("cura", c.lang, f, c.file, c.content)
					if r.status != http.StatusBadRequest {
						t.Fatalf("status %d, want 400:\n%.500s", r.status, r.body)
					}
					invalidField(t, r.body, c.field)
					if !strings.Contains(r.body, c.msg) {
						t.Errorf("the page does not say %q", c.msg)
					}
					if !strings.Contains(r.body, `value="IT BOLTWISE"`) {
						t.Errorf("what was typed is not kept")
					}
					e.unchanged(t, before, c.name)
				})
			}
		})

		t.Run("body over the limit", func(t *testing.T) {
			r := e.upload("cura", "", meta, "huge.txt", strings.Repeat("x", maxUploadBytes+1))
			if r.status != http.StatusBadRequest || !strings.Contains(r.body, "larger than") {
				t.Errorf("status %d, want 400 saying the form is too large:\n%.500s", r.status, r.body)
			}
			e.unchanged(t, before, "an upload over the limit")
		})

		r := e.upload("cura", "", meta, "seed.txt", string(seed))
		m := sourceLocationRE.FindStringSubmatch(r.header.Get("Location"))
		if r.status != http.StatusSeeOther || m == nil || m[2] != "2" {
			t.Fatalf("upload the seed: %d Location %q, want 303 to its source with 2 queued:\n%.500s", r.status, r.header.Get("Location"), r.body)
		}
		id := m[1]
		src, err := e.store.FindSourceByID(adminCtx, func() int64 { n, _ := strconv.ParseInt(id, 10, 64); return n }())
		if err != nil || src.URL != meta.Get("url") || src.Publisher != "IT BOLTWISE" || src.Published.String() != "2025-06-04" || src.Language != "de" {
			t.Fatalf("source %s = %+v, %v", id, src, err)
		}
		srcID := src.ID
		cs, err := e.store.FindCandidates(adminCtx, pledgebook.CandidateFilter{Source: &srcID})
		if err != nil || len(cs) != 2 || cs[0].State != pledgebook.Pending {
			t.Fatalf("candidates of the seed: %d, %v; want 2 pending", len(cs), err)
		}
		for _, c := range []struct{ lang, want string }{{"", "Candidates queued for review: 2."}, {"de", "Zur Prüfung vorgemerkte Kandidaten: 2."}} {
			if page := e.send("GET", r.header.Get("Location"), "cura", c.lang, nil); !strings.Contains(page.body, c.want) || !strings.Contains(page.body, `href="/review?source=`+id+`"`) {
				t.Errorf("the source's page (%s) does not say %q and link to its queue", c.lang, c.want)
			}
		}
		if q := e.do("GET", "/review?source="+id, "cura", nil); !strings.Contains(q.body, "2 candidates") || strings.Contains(q.body, "boats") {
			t.Errorf("the queue filtered to the seed does not show its 2 candidates alone")
		}

		// The same document again, pasted by another user: the source
		// it already is, nothing new.
		before = e.snapshot()
		again := cloneValues(meta)
		again.Set("text", string(seed))
		r = e.upload("coord", "", again, "", "")
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/sources/"+id+"?already=1" {
			t.Fatalf("the same document again: %d %q, want 303 to /sources/%s?already=1", r.status, r.header.Get("Location"), id)
		}
		e.unchanged(t, before, "the same document again")
		if page := e.do("GET", "/sources/"+id+"?already=1", "coord", nil); !strings.Contains(page.body, "already stored as this source") {
			t.Errorf("the source's page does not say the document was already stored")
		}
		if rep, err := e.store.VerifyAudit(adminCtx); err != nil || !rep.OK {
			t.Errorf("VerifyAudit: %+v, %v", rep, err)
		}
	})
}
