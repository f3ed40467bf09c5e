// Package web is the HTML UI of pledgebook: server-rendered pages in
// English and German over the same store reads as the API, with every
// template and asset embedded in the binary.
//
// Templates are parsed and checked when the handler is built, so that a
// broken template stops the server at start-up rather than a request. What
// a viewer may read is decided by the store from the viewer that the
// authentication middleware (shared with the API) puts in the request's
// context; pages never filter records themselves.
package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/webhook"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configures the UI. The zero value is usable.
type Options struct {
	// Authenticate puts the request's viewer in its context; the API's
	// middleware (httpapi.API.Authenticate) when nil.
	Authenticate func(http.Handler) http.Handler
	// GDP gives a donor's latest GDP in USD, for the donor pages' share of
	// GDP (refdata.LatestGDP in production); without it no share is shown.
	GDP func(party string) (year int, usdGDP decimal.Decimal, ok bool)
	// API is the JSON API served beside the UI, whose sign-in, sign-out
	// and authorization table the UI's forms share; New makes one over
	// the same store when nil. Authenticate defaults to its middleware.
	API *httpapi.API
	// BaseURL is where the site is reached, e.g. https://pledges.example,
	// for the absolute URLs feeds need; the request's scheme and host
	// when empty.
	BaseURL string
	// Webhooks decides which addresses webhooks may reach; the strict
	// default (no internal address) when nil.
	Webhooks *webhook.Guard
}

// shared are the templates every page is parsed with (the patterns of
// ParseFS); every other file in templates/ is a page, rendered inside
// layout.html. Partials of one part of the UI go in templates/parts/.
var shared = []string{"templates/layout.html", "templates/partials.html", "templates/parts/*.html"}

// funcs are the templates' arithmetic, for placing chart labels.
var funcs = template.FuncMap{
	"add": func(a, b float64) float64 { return a + b },
	// may reports whether the page's viewer may do a write: see may.
	"may": may,
	"sub": func(a, b float64) float64 { return a - b },
	// pair hands a shared template the locale beside its data.
	"pair":  func(l *locale, d any) pair { return pair{l, d} },
	"deref": func(d *decimal.Decimal) decimal.Decimal { return *d },
	// files is a listing's path, for the download links.
	"files": func(path string) downloadPath { return downloadPath(path) },
}

type pair struct {
	L *locale
	D any
}

// UI serves the HTML pages.
type UI struct {
	store     pledgebook.Store
	log       *slog.Logger
	templates map[string]*template.Template
	locales   map[string]*locale
	mux       *http.ServeMux
	opts      Options
	api       *httpapi.API
}

// New returns the UI's handler over store, or an error when a template or
// message catalogue is broken.
func New(store pledgebook.Store, log *slog.Logger, opts Options) (http.Handler, error) {
	if opts.API == nil {
		opts.API = httpapi.NewAPI(store, log, httpapi.Options{})
	}
	if opts.Authenticate == nil {
		opts.Authenticate = opts.API.Authenticate
	}
	u := &UI{store: store, log: log, templates: map[string]*template.Template{}, locales: map[string]*locale{}, mux: http.NewServeMux(), api: opts.API, opts: opts}
	cats, err := loadCatalogs()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	domain, err := loadDomainMessages(messageFS)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	for lang, c := range cats {
		u.locales[lang] = newLocale(lang, c)
		u.locales[lang].domain = domain[lang]
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	for _, file := range files {
		if slices.Contains(shared, file) {
			continue
		}
		name := strings.TrimSuffix(path.Base(file), ".html")
		t, err := template.New("layout.html").Option("missingkey=error").Funcs(funcs).ParseFS(templateFS, append(slices.Clone(shared), file)...)
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		for _, block := range []string{"title", "main"} {
			if t.Lookup(block) == nil {
				return nil, fmt.Errorf("web: template %s defines no %q", name, block)
			}
		}
		u.templates[name] = t
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	fileServer := http.StripPrefix("/static/", http.FileServerFS(static))
	u.mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	}))
	u.mux.HandleFunc("GET /lang/{lang}", u.switchLanguage)
	u.handle("GET /{$}", u.dashboard)
	u.handle("GET /pledges", u.pledges)
	u.handle("GET /pledges/{id}", u.pledge)
	u.handle("GET /deliveries", u.deliveries)
	u.handle("GET /meetings", u.meetings)
	u.handle("GET /meetings/{id}", u.meeting)
	u.handle("GET /coverage", u.coverage)
	u.handle("GET /donors", u.donors)
	u.handle("GET /donors/{code}", u.donor)
	u.handle("GET /coalitions", u.coalitions)
	u.handle("GET /coalitions/{id}", u.coalition)
	u.handle("GET /sources", u.sources)
	u.handle("GET /sources/{id}", u.source)
	u.routeDownloads()
	u.formRoutes()
	u.routeFeeds()
	u.routeWebhooks()
	u.handle("/", func(w http.ResponseWriter, r *http.Request, p *page) error {
		return pledgebook.Errorf(pledgebook.KindNotFound, "there is no page at %s", r.URL.Path)
	})
	return securityHeaders(opts.Authenticate(u.protect(u.mux))), nil
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// page is what every template gets: the locale, the viewer, the path for
// the language switch, and the page's own data.
type page struct {
	L      *locale
	Viewer pledgebook.Viewer
	Path   string // the request's path and query, for the language switch
	Nav    string // the current section, for aria-current
	Title  string
	CSRF   string     // the token every form that changes something carries
	Feeds  []feedLink // the Atom feeds of what the page shows (see addFeed)
	Data   any
}

// newPage starts the page of a request, in its language and for its viewer.
func (u *UI) newPage(r *http.Request) *page {
	return &page{L: u.locales[pickLanguage(r)], Viewer: pledgebook.ViewerFrom(r.Context()), Path: r.URL.RequestURI(), CSRF: requestCSRF(r)}
}

// handle registers a page handler: it gets a page to fill in, and an error
// it returns becomes an error page with the status of the error's kind.
func (u *UI) handle(pattern string, fn func(http.ResponseWriter, *http.Request, *page) error) {
	u.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		p := u.newPage(r)
		if err := fn(w, r, p); err != nil {
			u.fail(w, r, p, err)
		}
	})
}

// fail shows err as an error page, with the status of the error's kind.
func (u *UI) fail(w http.ResponseWriter, r *http.Request, p *page, err error) {
	status := httpapi.StatusOf(err)
	if status >= 500 {
		u.log.ErrorContext(r.Context(), "page failed", slog.Group("request", "method", r.Method, "path", r.URL.Path), "err", err)
	}
	p.Title, p.Nav = p.L.T("error.title"), ""
	msg := p.L.ErrorText(err)
	if status == http.StatusNotFound {
		msg = p.L.T("error.notfound")
	}
	p.Data = struct {
		Status int
		Text   string
	}{status, msg}
	u.render(w, r, status, "error", p)
}

// render executes a page template into a buffer first, so that a failure
// half-way never sends half a page with a 200.
func (u *UI) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	var buf bytes.Buffer
	if err := u.templates[name].Execute(&buf, p); err != nil {
		u.log.ErrorContext(r.Context(), "render page", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", p.L.Lang)
	w.Header().Set("Vary", "Cookie, Accept-Language")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// switchLanguage remembers the chosen language in a cookie and returns to
// the page the switch was on.
func (u *UI) switchLanguage(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if _, ok := u.locales[lang]; !ok {
		http.NotFound(w, r)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
}

// localPath returns next when it is a path on this site, else "/", so that
// the switch cannot be made to redirect elsewhere.
func localPath(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return u.RequestURI()
}

// LangURL is the language switch's link to lang from the current page.
func (p *page) LangURL(lang string) string {
	return "/lang/" + lang + "?next=" + url.QueryEscape(p.Path)
}
