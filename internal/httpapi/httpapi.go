// Package httpapi is the JSON API of pledgebook under /api/v1: reads of
// every ledger entity and report, writes for pledges, deliveries,
// requirements and review, sign-in, and the OpenAPI document describing
// all of it, generated from the same route table that registers the
// handlers.
//
// What a viewer may read is decided by the store from the viewer this
// package puts in the request's context; handlers never filter records
// themselves. What a user may write is decided in one place, the table in
// authz.go.
package httpapi

import (
	"database/sql"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/webhook"
)

// Options configures the API. The zero value is usable.
type Options struct {
	// Now is the clock, for sessions and rate limits; time.Now when nil.
	Now func() time.Time
	// GDP gives a donor's latest GDP in USD, for the donor report's
	// shares; none when nil.
	GDP func(party string) (year int, usdGDP decimal.Decimal, ok bool)
	// DB is the store's database handle, whose pool statistics /metrics
	// exports; none when nil.
	DB *sql.DB
	// Registry collects the metrics; a new registry when nil.
	Registry *prometheus.Registry
	// SessionTTL is how long a browser session lasts; 12 hours when 0.
	SessionTTL time.Duration
	// LoginBurst failed sign-ins are allowed per name and per client
	// address, refilled at one per LoginRefill; 5 and 1 minute when 0.
	LoginBurst  int
	LoginRefill time.Duration
	// Webhooks decides which addresses webhooks may reach; the strict
	// default (no internal address) when nil.
	Webhooks *webhook.Guard
}

// API serves the JSON API.
type API struct {
	store   pledgebook.Store
	log     *slog.Logger
	opts    Options
	now     func() time.Time
	mux     *http.ServeMux
	routes  []route
	metrics *metrics
	byName  *limiter
	byIP    *limiter
}

// New returns the API's handler over store.
func New(store pledgebook.Store, log *slog.Logger, opts Options) http.Handler {
	return NewAPI(store, log, opts)
}

// NewAPI returns the API itself, for callers that also want its routes.
func NewAPI(store pledgebook.Store, log *slog.Logger, opts Options) *API {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.SessionTTL == 0 {
		opts.SessionTTL = 12 * time.Hour
	}
	if opts.LoginBurst == 0 {
		opts.LoginBurst = 5
	}
	if opts.LoginRefill == 0 {
		opts.LoginRefill = time.Minute
	}
	if opts.Registry == nil {
		opts.Registry = prometheus.NewRegistry()
	}
	a := &API{store: store, log: log, opts: opts, now: opts.Now, mux: http.NewServeMux()}
	a.byName = newLimiter(opts.LoginBurst, opts.LoginRefill, opts.Now)
	a.byIP = newLimiter(opts.LoginBurst*4, opts.LoginRefill/4, opts.Now)
	a.metrics = newMetrics(opts.Registry, opts.DB)
	a.routes = a.routeTable()
	for _, rt := range a.routes {
		a.mux.Handle(rt.method+" "+rt.path, a.wrap(rt))
	}
	a.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, a.log, statusErr(http.StatusNotFound, "", "no route %s %s", r.Method, r.URL.Path))
	})
	return a
}

// ServeHTTP serves a request through the common middleware: security
// headers, metrics and the request log.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	start := a.now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	a.mux.ServeHTTP(rec, r)
	pattern := r.Pattern
	if pattern == "" || pattern == "/" {
		pattern = "unmatched"
	}
	elapsed := a.now().Sub(start)
	a.metrics.observe(pattern, rec.status, elapsed)
	a.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.Group("request", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("route", pattern),
			slog.String("remote", clientIP(r))),
		slog.Int("status", rec.status), slog.Int("bytes", rec.bytes), slog.Duration("duration", elapsed))
}

func (a *API) openapi(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, a.OpenAPI())
	return nil
}

func (a *API) healthz(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// ready answers whether the store answers.
func (a *API) ready(w http.ResponseWriter, r *http.Request) error {
	if err := a.store.Ping(r.Context()); err != nil {
		a.log.WarnContext(r.Context(), "not ready", "err", err)
		return statusErr(http.StatusServiceUnavailable, "", "the database does not answer")
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	return nil
}

func (a *API) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	a.metrics.handler(a.opts.Registry).ServeHTTP(w, r)
	return nil
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// wrap turns a route's handler into an http.Handler: authentication,
// idempotency for POSTs that write, and errors as problems.
func (a *API) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var err error
		if !rt.plain {
			r, err = a.authenticate(w, r)
		}
		if err == nil {
			if rt.idempotent {
				err = a.idempotent(w, r, rt)
			} else {
				err = rt.handle(w, r)
			}
		}
		if err != nil {
			writeError(w, r, a.log, err)
		}
	})
}

// Patterns returns the ServeMux patterns of every route, as registered.
func (a *API) Patterns() []string {
	out := make([]string, len(a.routes))
	for i, rt := range a.routes {
		out[i] = rt.method + " " + rt.path
	}
	return out
}

// Handler returns the handler and pattern the server would use for r.
func (a *API) Handler(r *http.Request) (http.Handler, string) { return a.mux.Handler(r) }
