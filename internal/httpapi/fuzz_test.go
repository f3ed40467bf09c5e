package httpapi_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// The fuzz targets send what a client controls, the query string and the
// JSON body, to a real server on loopback over SQLite, and hold every
// parser of user input to the same rules, whatever the input:
//
//   - the server never fails with a 5xx (nor panics: a panic in a handler
//     is a 500 here, or a broken connection);
//   - an error is a problem document (application/problem+json) with
//     a 4xx status;
//   - a request that fails writes nothing: no record is added or changed
//     and no audit event appended.
//
// The writes are made as an admin, whom authorization never refuses, so
// that a refusal's audit event does not count as a write; what each role
// may do is TestAuthorizationMatrix's business. Run one with e.g.
//
//	go test -run '^$' -fuzz '^FuzzCreatePledge$' -fuzztime 60s ./internal/httpapi/

// snapshot is what a failed request must leave as it was: the number of
// rows of every table a write adds to, and the sum of the versions of
// every table a write changes rows of.
func (e *env) snapshot() string {
	e.t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT COUNT(*) FROM pledges`, `SELECT COALESCE(SUM(version), 0) FROM pledges`,
		`SELECT COUNT(*) FROM deliveries`, `SELECT COALESCE(SUM(version), 0) FROM deliveries`,
		`SELECT COUNT(*) FROM requirements`, `SELECT COALESCE(SUM(version), 0) FROM requirements`,
		`SELECT COUNT(*) FROM pledge_sources`, `SELECT COUNT(*) FROM status_changes`, `SELECT COUNT(*) FROM sources`,
		`SELECT COUNT(*) FROM audit_events`, `SELECT COUNT(*) FROM sessions`, `SELECT COUNT(*) FROM idempotency_keys`,
		`SELECT COUNT(*) FROM webhooks`,
	} {
		var n int64
		if err := e.store.DB().QueryRow(q).Scan(&n); err != nil {
			e.t.Fatalf("%s: %v", q, err)
		}
		b.WriteString(q[len("SELECT "):] + " = " + id(n) + "\n")
	}
	return b.String()
}

// fuzzEnv is the server a fuzz target sends its inputs to.
func fuzzEnv(f *testing.F) *env {
	return newEnv(f, engines[0].open) // SQLite: fuzzing runs without a database server
}

// checkResponse fails t unless r obeys the rules above, given the
// snapshot taken before the request.
func checkResponse(t *testing.T, e *env, r response, before string, what string) {
	t.Helper()
	if r.status >= 500 {
		t.Fatalf("%s: status %d: %s", what, r.status, r.body)
	}
	if r.status < 400 {
		return
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("%s: status %d with Content-Type %q: %s", what, r.status, ct, r.body)
	}
	if after := e.snapshot(); after != before {
		t.Fatalf("%s failed with %d (%s) but wrote:\nbefore:\n%s\nafter:\n%s", what, r.status, r.body, before, after)
	}
}

// with returns e reporting to t, for the fuzz function's own t.
func (e *env) with(t testing.TB) *env {
	c := *e
	c.t = t
	return &c
}

// FuzzQuery sends random query strings to every listing and report.
func FuzzQuery(f *testing.F) {
	e := fuzzEnv(f)
	paths := []string{
		"/api/v1/parties", "/api/v1/coalitions", "/api/v1/meetings", "/api/v1/requirements", "/api/v1/pledges",
		"/api/v1/deliveries", "/api/v1/sources", "/api/v1/candidates", "/api/v1/audit",
		"/api/v1/reports/donors", "/api/v1/reports/categories", "/api/v1/reports/coverage", "/api/v1/reports/timeline",
	}
	for i, q := range []string{
		"limit=2&order=desc", "limit=0", "limit=-1", "limit=99999999999999999999", "limit=1&cursor=MjAyNS0wNi0wNHw0NjExNjg2MDE4NDI3Mzg3OTA1",
		"cursor=%25%25", "cursor=_-_-", "cursor=%FF%FE", "order=sideways",
		"donor=gb&category=drones&status=announced&meeting=udcg-28&requirement=1&coalition=drone&ref=x&from=2025-01-01&to=2025-12-31",
		"from=2025-02-30", "to=yesterday", "from=2026-01-01&to=2025-01-01", "requirement=0", "requirement=-5", "requirement=1e3",
		"status=lost", "category=%00", "kind=planet", "member_of=NATO&donors=maybe", "donors=true", "state=maybe", "source=x",
		"pledge=9223372036854775808", "entity=pledge/1", "entity=%2F%2F", "currency=gbp", "currency=usd&from=2025-01-01",
		"ref=%E2%80%8B", "donor=", "limit=1&limit=2",
	} {
		f.Add(uint8(i), q, i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, which uint8, query string, signedIn bool) {
		e := e.with(t)
		// A query a client cannot put in a request line (a space, a control
		// or non-ASCII byte) is refused by net/http before any handler.
		if strings.ContainsFunc(query, func(r rune) bool { return r <= ' ' || r >= 0x7f }) {
			t.Skip()
		}
		path := paths[int(which)%len(paths)] + "?" + query
		if _, err := http.NewRequest(http.MethodGet, e.srv.URL+path, nil); err != nil {
			t.Skip() // not a request a client can send
		}
		as := ""
		if signedIn {
			as = "admin"
		}
		before := e.snapshot()
		r := e.do(http.MethodGet, path, as, "")
		checkResponse(t, e, r, before, "GET "+path)
		if r.status != 200 && r.status != 400 {
			t.Fatalf("GET %s: status %d, want 200 or 400: %s", path, r.status, r.body)
		}
	})
}

// fuzzBody fuzzes the JSON body of one write route: path gives the path
// (and headers) of each request.
func fuzzBody(f *testing.F, method string, path func(e *env) (string, []string), seeds ...string) {
	e := fuzzEnv(f)
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		``, ` `, `null`, `[]`, `"x"`, `1`, `{}`, `{} {}`, `{"a":1}`, `{`, `{"item":` + strings.Repeat("[", 10000),
		`{"quantity":1e400}`, `{"amount":"NaN"}`, `{"amount":"1e999999999"}`, `{"announced_on":"2025-13-01"}`,
		"{\"item\":\"\xff\xfe\"}", `{"visibility":"secret"}`, `{"status":""}`, `{"priority":-1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		e := e.with(t)
		if len(body) == 0 {
			body = []byte(" ") // do sends no body for ""; an empty one is still one
		}
		p, headers := path(e)
		before := e.snapshot()
		r := e.do(method, p, "admin", string(body), headers...)
		checkResponse(t, e, r, before, method+" "+p+" "+string(bytes.ToValidUTF8(body[:min(len(body), 200)], []byte("?"))))
	})
}

func fixed(path string) func(*env) (string, []string) {
	return func(*env) (string, []string) { return path, nil }
}

func FuzzCreatePledge(f *testing.F) {
	fuzzBody(f, http.MethodPost, fixed("/api/v1/pledges"),
		newPledge,
		`{"donor":"gb","recipient":"ua","category":"air_defence","item":"launchers","quantity":2,"unit":"launchers","amount":"1000000.50","currency":"gbp",`+
			`"status":"committed","announced_on":"2025-06-04","period_from":"2025-06-04","period_to":"2026-06-04","meeting":"udcg-28","requirement":1,`+
			`"coalition":"drone","visibility":"restricted","notes":"n","force":true,"source":{"url":"https://example.org/a","publisher":"P","title":"T","evidence":"E"}}`,
		`{"donor":"GB","category":"artillery","item":"x","quantity":0,"announced_on":"2025-06-04"}`,
		`{"donor":"GB","category":"artillery","item":"x","amount":"-1","currency":"EUR","announced_on":"2025-06-04"}`,
		`{"donor":"XX","category":"artillery","item":"x","quantity":1,"announced_on":"2025-06-04"}`,
		`{"donor":"GB","category":"artillery","item":"x","quantity":1,"announced_on":"2025-06-04","source":{"url":""}}`,
		`{"donor":"GB","category":"artillery","item":"x","quantity":1,"announced_on":"2025-06-04","meeting":"nope","coalition":"nope","requirement":999}`,
		`{"donor":"GB","category":"artillery","item":"x","quantity":1,"announced_on":"2025-06-04","period_from":"2026-01-01","period_to":"2025-01-01"}`,
	)
}

func FuzzUpdatePledge(f *testing.F) {
	fuzzBody(f, http.MethodPatch, func(e *env) (string, []string) {
		p := "/api/v1/pledges/" + id(e.gbPledge)
		return p, []string{"If-Match", e.do(http.MethodGet, p, "admin", "").header.Get("ETag")}
	},
		`{"notes":"corrected","quantity":120}`, `{"donor":"DE"}`, `{"quantity":null}`, `{"amount":"5","currency":"XXX"}`,
		`{"status":"delivered"}`, `{"announced_on":"1900-01-01"}`, `{"visibility":"confidential"}`, `{"item":""}`, `{"requirement":-1}`,
		`{"amount":null,"meeting":null,"period_from":null}`, `{"item":null}`, `{"Quantity":null,"quantity":5}`, `{"quantity":null,"amount":null}`,
	)
}

func FuzzCreateDelivery(f *testing.F) {
	fuzzBody(f, http.MethodPost, fixed("/api/v1/deliveries"),
		`{"pledge":1,"delivered_on":"2025-08-01","quantity":10}`,
		`{"pledge":1,"delivered_on":"2025-08-01","quantity":10,"confirmed":true,"visibility":"confidential","source":"s","notes":"n","ref":"r"}`,
		`{"pledge":1,"delivered_on":"2025-08-01","amount":"100","currency":"USD"}`,
		`{"pledge":1,"delivered_on":"2025-08-01","quantity":100000}`, `{"pledge":999,"delivered_on":"2025-08-01","quantity":1}`,
		`{"pledge":-1}`, `{"pledge":1,"delivered_on":"2020-01-01","quantity":1}`,
	)
}

func FuzzCreateRequirement(f *testing.F) {
	fuzzBody(f, http.MethodPost, fixed("/api/v1/requirements"),
		`{"recipient":"UA","category":"air_defence","item":"Patriot batteries","quantity":7,"priority":1}`,
		`{"recipient":"ua","category":"drones","item":"x","amount":"1000","currency":"EUR","priority":5,"needed_by":"2026-01-01","illustrative":true,"notes":"n","visibility":"restricted","ref":"r"}`,
		`{"recipient":"UA","category":"drones","item":"x","quantity":1,"priority":9}`, `{"recipient":"ZZ","category":"drones","item":"x","quantity":1}`,
	)
}

func FuzzSetPledgeStatus(f *testing.F) {
	fuzzBody(f, http.MethodPost, func(e *env) (string, []string) { return "/api/v1/pledges/" + id(e.dePledge) + "/status", nil },
		`{"status":"committed","date":"2025-07-01"}`, `{"status":"announced","date":"2025-07-01"}`, `{"status":"delivered","date":"2025-07-01","note":"n"}`,
		`{"status":"cancelled"}`, `{"status":"committed","date":"1999-01-01"}`,
	)
}

// FuzzSession signs in with random bodies. Failed sign-ins are rate
// limited (429); sessions are not audited, but a failed sign-in must not
// leave one.
func FuzzSession(f *testing.F) {
	fuzzBody(f, http.MethodPost, fixed("/api/v1/session"),
		`{"name":"ua","password":"`+password+`"}`, `{"name":"ua","password":"wrong"}`, `{"name":"","password":"x"}`,
		`{"name":"ua"}`, `{"name":"  UA  ","password":"`+password+`"}`, `{"name":"nobody","password":"x","extra":1}`,
	)
}

func FuzzCreateWebhook(f *testing.F) {
	fuzzBody(f, http.MethodPost, fixed("/api/v1/webhooks"),
		`{"url":"https://203.0.113.9/hook"}`,
		`{"url":"https://203.0.113.9/hook","selection":{"kind":"donor","key":"gb"}}`,
		`{"url":"http://[2001:db8::1]:8080/h","selection":{"kind":"area","key":"drones"}}`,
		`{"url":"https://203.0.113.9/h","selection":{"kind":"meeting","key":"udcg-28"}}`,
		`{"url":"http://127.0.0.1:9/hook"}`,
		`{"url":"http://10.0.0.1/hook","selection":{"kind":"all"}}`,
		`{"url":"https://hooks.example/x","selection":{"kind":"donor","key":"XX"}}`,
		`{"url":"ftp://203.0.113.9/x","selection":{"kind":"coalition","key":"drone"}}`,
		`{"url":"https://user:pw@203.0.113.9/x"}`,
		`{"selection":{"kind":"all","key":"GB"}}`,
	)
}

// FuzzIngestSource sends random documents to POST /api/v1/sources, as
// plain text and as HTML. A document may be stored (201) or found
// already stored (200); anything else is a problem that stores nothing.
func FuzzIngestSource(f *testing.F) {
	e := fuzzEnv(f)
	for _, s := range []string{
		"Norway will send four patrol boats to Ukraine, the ministry said on Tuesday.",
		"<html><head><title>T</title></head><body><p>Germany pledged 500 million euros for air defence.</p></body></html>",
		"<p>unclosed <b>tags <script>alert(1)</script>", "\xff\xfe\x00 not UTF-8", "<!-- only a comment -->", "",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, html bool) {
		e := e.with(t)
		if len(body) == 0 {
			body = []byte(" ")
		}
		ct := "text/plain; charset=utf-8"
		if html {
			ct = "text/html"
		}
		before := e.snapshot()
		r := e.do(http.MethodPost, "/api/v1/sources?min_confidence=0", "admin", string(body), "Content-Type", ct)
		checkResponse(t, e, r, before, "POST /api/v1/sources "+string(bytes.ToValidUTF8(body[:min(len(body), 200)], []byte("?"))))
		if r.status >= 300 && r.status != http.StatusBadRequest {
			t.Fatalf("status %d, want 201, 200 or 400: %s", r.status, r.body)
		}
	})
}
