package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/auth"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/postgres"
	"pledgebook/internal/postgres/pgtest"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/storetest"
)

// engines are the stores every API test runs against: SQLite always,
// PostgreSQL when PLEDGEBOOK_TEST_POSTGRES is set.
var engines = []struct {
	name string
	open storetest.Opener
}{
	{"sqlite", func(t testing.TB) storetest.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "pb.db"), storetest.Config())
		if err != nil {
			t.Fatalf("open sqlite: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}},
	{"postgres", func(t testing.TB) storetest.Store {
		dsn := pgtest.DSN(t)
		if _, err := postgres.Migrate(context.Background(), dsn); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		s, err := postgres.Open(context.Background(), dsn, storetest.Config())
		if err != nil {
			t.Fatalf("open postgres: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}},
}

func eachEngine(t *testing.T, fn func(t *testing.T, open storetest.Opener)) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) { fn(t, e.open) })
	}
}

// The users of the test ledger, by role; donors and recipients have an
// own party and another.
var users = []pledgebook.User{
	{Name: "admin", Role: pledgebook.RoleAdmin},
	{Name: "coord", Role: pledgebook.RoleCoordinator},
	{Name: "gb", Role: pledgebook.RoleDonor, Party: "GB"},
	{Name: "de", Role: pledgebook.RoleDonor, Party: "DE"},
	{Name: "ua", Role: pledgebook.RoleRecipient, Party: "UA"},
	{Name: "md", Role: pledgebook.RoleRecipient, Party: "MD"},
	{Name: "cura", Role: pledgebook.RoleCurator},
	{Name: "vic", Role: pledgebook.RoleViewer},
}

const password = "correct horse battery staple"

var passwordHash = func() string {
	p := auth.DefaultParams
	p.Memory, p.Time = 1024, 1 // cheap for tests; the format is the same
	h, err := p.Hash(password)
	if err != nil {
		panic(err)
	}
	return h
}()

// env is a server on loopback over a fresh store with users, tokens and
// a few records.
type env struct {
	t                                     testing.TB
	store                                 storetest.Store
	srv                                   *httptest.Server
	tokens                                map[string]string // user name → API token
	gbPledge, dePledge, secret, candidate int64
	ua                                    int64 // id of the recipient user
}

func newEnv(t testing.TB, open storetest.Opener) *env {
	t.Helper()
	s := open(t)
	ctx := pledgebook.WithViewer(pledgebook.WithActor(context.Background(), "test"), pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin})
	if _, err := s.SyncReference(ctx, storetest.Reference()); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, store: s, tokens: map[string]string{}}
	for _, u := range users {
		u := u
		if err := s.CreateUser(ctx, &u, passwordHash); err != nil {
			t.Fatalf("CreateUser(%s): %v", u.Name, err)
		}
		tok, hash, err := auth.NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateToken(ctx, u.ID, "test", hash, storetest.Now.Add(24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		e.tokens[u.Name] = tok
		if u.Name == "ua" {
			e.ua = u.ID
		}
	}
	mk := func(donor, item string, vis pledgebook.Visibility) int64 {
		p := &pledgebook.Pledge{Donor: donor, Category: pledgebook.Drones, Item: item, Quantity: ptr[int64](100), AnnouncedOn: pledgebook.MustDate("2025-06-04"), Visibility: vis}
		if err := s.CreatePledge(ctx, p, pledgebook.CreatePledgeOptions{}); err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	e.gbPledge = mk("GB", "drones", pledgebook.Public)
	e.dePledge = mk("DE", "interceptor drones", pledgebook.Public)
	e.secret = mk("DE", "secret drones", pledgebook.Confidential)
	text := "The United Kingdom will send 500 boats to Ukraine."
	src, _, err := s.IngestSource(ctx, pledgebook.Ingest{
		Source: pledgebook.Source{Publisher: "Example", Title: "Boats", Published: pledgebook.MustDate("2025-06-04"), Language: "en"},
		Text:   text,
		Candidates: []pledgebook.Candidate{{Donor: "GB", DonorText: "The United Kingdom", Category: pledgebook.Maritime, Item: "boats",
			Quantity: ptr[int64](500), Status: pledgebook.Announced, Confidence: decimal.RequireFromString("0.9"),
			EvidenceStart: 0, EvidenceEnd: len(text), Evidence: text}},
	})
	if err != nil {
		t.Fatalf("IngestSource: %v", err)
	}
	cs, err := s.FindCandidates(ctx, pledgebook.CandidateFilter{Source: &src.ID})
	if err != nil || len(cs) != 1 {
		t.Fatalf("candidates = %v, %v", cs, err)
	}
	e.candidate = cs[0].ID
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.srv = httptest.NewServer(httpapi.New(s, log, httpapi.Options{Now: storetest.Config().Now, DB: s.DB(), Webhooks: offlineGuard}))
	t.Cleanup(e.srv.Close)
	return e
}

func ptr[T any](v T) *T { return &v }

// response is what a request got.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

func (r response) problem(t testing.TB) httpapi.Problem {
	t.Helper()
	var p httpapi.Problem
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("status %d with Content-Type %q, want application/problem+json: %s", r.status, ct, r.body)
	}
	r.json(t, &p)
	return p
}

// do sends a request as user (a name in users, or "" for the public).
func (e *env) do(method, path, as, body string, headers ...string) response {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if as != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[as])
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (e *env) count(table string) int {
	e.t.Helper()
	var n int
	if err := e.store.DB().QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

func id(n int64) string { return fmt.Sprint(n) }

const newPledge = `{"donor":"GB","category":"artillery","item":"shells","quantity":5000,"announced_on":"2025-06-04"}`

// TestScenarios runs one request per case against a shared ledger: every
// route's success, bad input, and refusals.
func TestScenarios(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		big := `{"item":"` + strings.Repeat("x", 1<<20) + `"}`
		cases := []struct {
			name, method, path, as, body string
			headers                      []string
			status                       int
			field                        string // for problems: the field named
			contains                     string // in the body
		}{
			{name: "parties", method: "GET", path: "/api/v1/parties?kind=country&limit=2", status: 200, contains: `"next_cursor":"`},
			{name: "parties bad kind", method: "GET", path: "/api/v1/parties?kind=planet", status: 400, field: "kind"},
			{name: "party", method: "GET", path: "/api/v1/parties/gb", status: 200, contains: `"code":"GB"`},
			{name: "party missing", method: "GET", path: "/api/v1/parties/QQ", status: 404},
			{name: "coalitions", method: "GET", path: "/api/v1/coalitions", status: 200, contains: `"drone"`},
			{name: "coalition", method: "GET", path: "/api/v1/coalitions/drone", status: 200},
			{name: "coalition missing", method: "GET", path: "/api/v1/coalitions/nope", status: 404},
			{name: "meetings", method: "GET", path: "/api/v1/meetings", status: 200, contains: `"udcg-28"`},
			{name: "meeting", method: "GET", path: "/api/v1/meetings/udcg-27", status: 200},
			{name: "requirements", method: "GET", path: "/api/v1/requirements", status: 200, contains: `"items":[]`},
			{name: "requirements bad category", method: "GET", path: "/api/v1/requirements?category=lasers", status: 400, field: "category"},
			{name: "requirement missing", method: "GET", path: "/api/v1/requirements/999", status: 404},
			{name: "requirement bad id", method: "GET", path: "/api/v1/requirements/abc", status: 400, field: "id"},
			{name: "pledges public", method: "GET", path: "/api/v1/pledges", status: 200, contains: `"interceptor drones"`},
			{name: "pledges filter", method: "GET", path: "/api/v1/pledges?donor=gb&status=announced&from=2025-01-01", status: 200, contains: `"donor":"GB"`},
			{name: "pledges bad status", method: "GET", path: "/api/v1/pledges?status=lost", status: 400, field: "status"},
			{name: "pledges bad date", method: "GET", path: "/api/v1/pledges?from=yesterday", status: 400, field: "from"},
			{name: "pledges bad limit", method: "GET", path: "/api/v1/pledges?limit=0", status: 400, field: "limit"},
			{name: "pledges bad cursor", method: "GET", path: "/api/v1/pledges?cursor=%25%25", status: 400, field: "cursor"},
			{name: "pledge", method: "GET", path: "/api/v1/pledges/" + id(e.gbPledge), status: 200, contains: `"version":1`},
			{name: "confidential pledge public", method: "GET", path: "/api/v1/pledges/" + id(e.secret), status: 404},
			{name: "confidential pledge other donor", method: "GET", path: "/api/v1/pledges/" + id(e.secret), as: "gb", status: 404},
			{name: "confidential pledge own donor", method: "GET", path: "/api/v1/pledges/" + id(e.secret), as: "de", status: 200},
			{name: "deliveries", method: "GET", path: "/api/v1/deliveries?pledge=" + id(e.gbPledge), status: 200},
			{name: "deliveries bad pledge", method: "GET", path: "/api/v1/deliveries?pledge=x", status: 400, field: "pledge"},
			{name: "delivery missing", method: "GET", path: "/api/v1/deliveries/999", status: 404},
			{name: "sources public", method: "GET", path: "/api/v1/sources", status: 200, contains: `"items":[]`},
			{name: "sources curator", method: "GET", path: "/api/v1/sources", as: "cura", status: 200, contains: `"Boats"`},
			{name: "source curator", method: "GET", path: "/api/v1/sources/1", as: "cura", status: 200, contains: `"text":"The United Kingdom`},
			{name: "source public", method: "GET", path: "/api/v1/sources/1", status: 404},
			{name: "candidates curator", method: "GET", path: "/api/v1/candidates?state=pending", as: "cura", status: 200, contains: `"boats"`},
			{name: "candidates bad state", method: "GET", path: "/api/v1/candidates?state=maybe", as: "cura", status: 400, field: "state"},
			{name: "candidate viewer", method: "GET", path: "/api/v1/candidates/" + id(e.candidate), as: "vic", status: 404},
			{name: "audit admin", method: "GET", path: "/api/v1/audit?entity=pledge", as: "admin", status: 200, contains: `"pledge/` + id(e.secret) + `"`},
			{name: "audit public", method: "GET", path: "/api/v1/audit?entity=pledge", status: 200, contains: `"pledge/` + id(e.gbPledge) + `"`},
			{name: "audit event", method: "GET", path: "/api/v1/audit/1", as: "admin", status: 200, contains: `"seq":1`},
			{name: "report donors", method: "GET", path: "/api/v1/reports/donors", status: 200, contains: `"currency":"EUR"`},
			{name: "report categories usd", method: "GET", path: "/api/v1/reports/categories?currency=usd", status: 200, contains: `"currency":"USD"`},
			{name: "report coverage", method: "GET", path: "/api/v1/reports/coverage", status: 200},
			{name: "report timeline", method: "GET", path: "/api/v1/reports/timeline?from=2025-01-01&to=2025-12-31", status: 200},
			{name: "report bad currency", method: "GET", path: "/api/v1/reports/donors?currency=GBP", status: 400, field: "currency"},
			{name: "bad token", method: "GET", path: "/api/v1/pledges", headers: []string{"Authorization", "Bearer pb_nope"}, status: 401},
			{name: "not bearer", method: "GET", path: "/api/v1/pledges", headers: []string{"Authorization", "Basic eDp5"}, status: 401},
			{name: "no route", method: "GET", path: "/api/v1/nothing", status: 404},
			{name: "healthz", method: "GET", path: "/healthz", status: 200},
			{name: "readyz", method: "GET", path: "/readyz", status: 200, contains: "ready"},
			{name: "metrics", method: "GET", path: "/metrics", status: 200, contains: "go_sql_"},
			{name: "openapi", method: "GET", path: "/api/v1/openapi.json", status: 200, contains: `"openapi":"3.1.0"`},

			{name: "create pledge public", method: "POST", path: "/api/v1/pledges", body: newPledge, status: 401},
			{name: "create pledge viewer", method: "POST", path: "/api/v1/pledges", as: "vic", body: newPledge, status: 403},
			{name: "create pledge other donor", method: "POST", path: "/api/v1/pledges", as: "de", body: newPledge, status: 403},
			{name: "create pledge unknown field", method: "POST", path: "/api/v1/pledges", as: "gb", body: `{"donor":"GB","colour":"red"}`, status: 400, field: "colour"},
			{name: "create pledge wrong type", method: "POST", path: "/api/v1/pledges", as: "gb", body: `{"donor":"GB","quantity":"many"}`, status: 400, field: "quantity"},
			{name: "create pledge bad json", method: "POST", path: "/api/v1/pledges", as: "gb", body: `{"donor":`, status: 400},
			{name: "create pledge invalid", method: "POST", path: "/api/v1/pledges", as: "gb", body: `{"donor":"GB","category":"artillery","item":"","quantity":1,"announced_on":"2025-06-04"}`, status: 400, field: "item"},
			{name: "create pledge bad date", method: "POST", path: "/api/v1/pledges", as: "gb", body: `{"donor":"GB","announced_on":"June"}`, status: 400},
			{name: "create pledge too big", method: "POST", path: "/api/v1/pledges", as: "gb", body: big, status: 413},
			{name: "create pledge not json", method: "POST", path: "/api/v1/pledges", as: "gb", body: newPledge, headers: []string{"Content-Type", "text/plain"}, status: 415},
			{name: "create pledge", method: "POST", path: "/api/v1/pledges", as: "gb", body: newPledge, status: 201, contains: `"shells"`},
			{name: "create pledge duplicate", method: "POST", path: "/api/v1/pledges", as: "gb", body: newPledge, status: 409},
			{name: "create pledge own party by default", method: "POST", path: "/api/v1/pledges", as: "de", body: `{"category":"air_defence","item":"IRIS-T","quantity":2,"announced_on":"2025-06-04"}`, status: 201, contains: `"donor":"DE"`},

			{name: "status other donor", method: "POST", path: "/api/v1/pledges/" + id(e.gbPledge) + "/status", as: "de", body: `{"status":"committed","date":"2025-07-01"}`, status: 403},
			{name: "status invisible", method: "POST", path: "/api/v1/pledges/" + id(e.secret) + "/status", as: "gb", body: `{"status":"committed","date":"2025-07-01"}`, status: 404},
			{name: "status bad", method: "POST", path: "/api/v1/pledges/" + id(e.gbPledge) + "/status", as: "gb", body: `{"status":"lost","date":"2025-07-01"}`, status: 400, field: "status"},
			{name: "status back", method: "POST", path: "/api/v1/pledges/" + id(e.gbPledge) + "/status", as: "gb", body: `{"status":"announced","date":"2025-07-01"}`, status: 400, field: "status"},
			{name: "status", method: "POST", path: "/api/v1/pledges/" + id(e.gbPledge) + "/status", as: "gb", body: `{"status":"committed","date":"2025-07-01"}`, status: 200, contains: `"status":"committed"`},

			{name: "delivery donor", method: "POST", path: "/api/v1/deliveries", as: "gb", body: `{"pledge":` + id(e.gbPledge) + `,"delivered_on":"2025-08-01","quantity":10}`, status: 201},
			{name: "delivery confirmed by donor", method: "POST", path: "/api/v1/deliveries", as: "gb", body: `{"pledge":` + id(e.gbPledge) + `,"delivered_on":"2025-08-01","quantity":10,"confirmed":true}`, status: 403},
			{name: "delivery confirmed by recipient", method: "POST", path: "/api/v1/deliveries", as: "ua", body: `{"pledge":` + id(e.gbPledge) + `,"delivered_on":"2025-08-02","quantity":10,"confirmed":true}`, status: 201, contains: `"confirmed":true`},
			{name: "delivery too much", method: "POST", path: "/api/v1/deliveries", as: "gb", body: `{"pledge":` + id(e.gbPledge) + `,"delivered_on":"2025-08-01","quantity":1000}`, status: 400, field: "quantity"},
			{name: "delivery no pledge", method: "POST", path: "/api/v1/deliveries", as: "gb", body: `{"delivered_on":"2025-08-01","quantity":1}`, status: 400, field: "pledge"},
			{name: "delivery other donor", method: "POST", path: "/api/v1/deliveries", as: "de", body: `{"pledge":` + id(e.gbPledge) + `,"delivered_on":"2025-08-01","quantity":1}`, status: 403},

			{name: "requirement recipient", method: "POST", path: "/api/v1/requirements", as: "ua", body: `{"category":"air_defence","item":"Patriot batteries","quantity":7,"priority":1}`, status: 201, contains: `"recipient":"UA"`},
			{name: "requirement other recipient", method: "POST", path: "/api/v1/requirements", as: "md", body: `{"recipient":"UA","category":"air_defence","item":"x","quantity":1}`, status: 403},
			{name: "requirement donor", method: "POST", path: "/api/v1/requirements", as: "gb", body: `{"recipient":"UA","category":"air_defence","item":"x","quantity":1}`, status: 403},
			{name: "requirement invalid", method: "POST", path: "/api/v1/requirements", as: "ua", body: `{"category":"air_defence","item":"x","priority":9}`, status: 400, field: "priority"},

			{name: "reject by viewer", method: "POST", path: "/api/v1/candidates/" + id(e.candidate) + "/reject", as: "vic", body: `{"reason":"no"}`, status: 403},
			{name: "reject no reason", method: "POST", path: "/api/v1/candidates/" + id(e.candidate) + "/reject", as: "cura", body: `{"reason":""}`, status: 400, field: "reason"},
			{name: "link bad", method: "POST", path: "/api/v1/candidates/" + id(e.candidate) + "/link", as: "cura", body: `{}`, status: 400, field: "pledge"},
			{name: "accept", method: "POST", path: "/api/v1/candidates/" + id(e.candidate) + "/accept", as: "cura", body: `{}`, status: 200, contains: `"state":"accepted"`},
			{name: "accept again", method: "POST", path: "/api/v1/candidates/" + id(e.candidate) + "/accept", as: "cura", body: `{}`, status: 409},
			{name: "candidate missing", method: "POST", path: "/api/v1/candidates/999/reject", as: "cura", body: `{"reason":"no"}`, status: 404},

			{name: "refusals audited", method: "GET", path: "/api/v1/audit?entity=refusal", as: "admin", status: 200, contains: `"refusal/pledge.create/pledges"`},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := e.do(c.method, c.path, c.as, c.body, c.headers...)
				if r.status != c.status {
					t.Fatalf("%s %s as %q: status %d, want %d: %s", c.method, c.path, c.as, r.status, c.status, r.body)
				}
				if r.status >= 400 {
					p := r.problem(t)
					if p.Status != c.status || p.Title == "" {
						t.Errorf("problem %+v, want status %d and a title", p, c.status)
					}
					if c.field != "" && p.Field != c.field {
						t.Errorf("problem names field %q (%s), want %q", p.Field, p.Detail, c.field)
					}
				}
				if c.contains != "" && !bytes.Contains(r.body, []byte(c.contains)) {
					t.Errorf("body does not contain %s: %s", c.contains, r.body)
				}
				for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
					if got := r.header.Get(h); got != want {
						t.Errorf("%s = %q, want %q", h, got, want)
					}
				}
				if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
					t.Errorf("Content-Security-Policy = %q", csp)
				}
			})
		}
	})
}
