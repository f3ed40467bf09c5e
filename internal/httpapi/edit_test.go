package httpapi_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pledgebook/internal/httpapi"
	"pledgebook/internal/storetest"
)

func TestEditingRules(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		path := "/api/v1/pledges/" + id(e.gbPledge)
		r := e.do("GET", path, "gb", "")
		etag := r.header.Get("ETag")
		if etag != `W/"1"` {
			t.Fatalf("ETag = %q, want W/\"1\"", etag)
		}
		for _, c := range []struct {
			name, ifMatch string
			status        int
		}{
			{"no If-Match", "", http.StatusPreconditionRequired},
			{"garbage If-Match", "x", http.StatusPreconditionFailed},
			{"stale If-Match", `W/"7"`, http.StatusPreconditionFailed},
		} {
			var h []string
			if c.ifMatch != "" {
				h = []string{"If-Match", c.ifMatch}
			}
			if r := e.do("PATCH", path, "gb", `{"notes":"x"}`, h...); r.status != c.status {
				t.Errorf("%s: status %d, want %d: %s", c.name, r.status, c.status, r.body)
			}
		}
		r = e.do("PATCH", path, "gb", `{"notes":"corrected","quantity":120}`, "If-Match", etag)
		if r.status != 200 || r.header.Get("ETag") != `W/"2"` || !strings.Contains(string(r.body), `"quantity":120`) {
			t.Fatalf("PATCH: %d %s %s", r.status, r.header.Get("ETag"), r.body)
		}
		// The old ETag is now stale.
		if r := e.do("PATCH", path, "gb", `{"notes":"again"}`, "If-Match", etag); r.status != http.StatusPreconditionFailed {
			t.Errorf("PATCH with the old ETag: %d, want 412", r.status)
		}
		if r := e.do("PATCH", path, "gb", `{"donor":"DE"}`, "If-Match", `W/"2"`); r.status != 400 || r.problem(t).Field != "donor" {
			t.Errorf("PATCH donor: %d %s, want 400 naming donor", r.status, r.body)
		}
		if r := e.do("PATCH", path, "de", `{"notes":"x"}`, "If-Match", `W/"2"`); r.status != 403 {
			t.Errorf("PATCH by another donor: %d, want 403", r.status)
		}
		if r := e.do("PATCH", "/api/v1/pledges/"+id(e.secret), "gb", `{"notes":"x"}`, "If-Match", `W/"1"`); r.status != 404 {
			t.Errorf("PATCH of an invisible pledge: %d, want 404", r.status)
		}
		if r := e.do("PATCH", path, "", `{"notes":"x"}`, "If-Match", `W/"2"`); r.status != 401 {
			t.Errorf("PATCH by the public: %d, want 401", r.status)
		}
	})
}

// TestEditRequirement checks PATCH /requirements/{id}: the If-Match
// version, the recipient's scope, and the refusals.
func TestEditRequirement(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		r := e.do("POST", "/api/v1/requirements", "ua", `{"category":"drones","item":"shields","quantity":10,"priority":2}`)
		if r.status != 201 {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		path := r.header.Get("Location")
		for _, c := range []struct {
			name, as, body, ifMatch string
			status                  int
		}{
			{"no If-Match", "ua", `{"priority":1}`, "", http.StatusPreconditionRequired},
			{"stale", "ua", `{"priority":1}`, `W/"7"`, http.StatusPreconditionFailed},
			{"donor", "gb", `{"priority":1}`, `W/"1"`, http.StatusForbidden},
			{"another recipient", "md", `{"priority":1}`, `W/"1"`, http.StatusForbidden},
			{"public", "", `{"priority":1}`, `W/"1"`, http.StatusUnauthorized},
			{"invalid", "ua", `{"priority":9}`, `W/"1"`, http.StatusBadRequest},
			{"recipient not changed this way", "ua", `{"recipient":"MD"}`, `W/"1"`, http.StatusBadRequest},
		} {
			var h []string
			if c.ifMatch != "" {
				h = []string{"If-Match", c.ifMatch}
			}
			if r := e.do("PATCH", path, c.as, c.body, h...); r.status != c.status {
				t.Errorf("%s: status %d, want %d: %s", c.name, r.status, c.status, r.body)
			}
		}
		r = e.do("PATCH", path, "ua", `{"priority":1,"item":"drone shields"}`, "If-Match", `W/"1"`)
		if r.status != 200 || r.header.Get("ETag") != `W/"2"` || !strings.Contains(string(r.body), `"item":"drone shields"`) {
			t.Fatalf("PATCH: %d %s %s", r.status, r.header.Get("ETag"), r.body)
		}
	})
}

func TestIdempotency(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		before := e.count("pledges")
		first := e.do("POST", "/api/v1/pledges", "gb", newPledge, "Idempotency-Key", "k-1")
		again := e.do("POST", "/api/v1/pledges", "gb", newPledge, "Idempotency-Key", "k-1")
		if first.status != 201 || again.status != 201 || string(first.body) != string(again.body) || again.header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("first %d %s\nretry %d %s", first.status, first.body, again.status, again.body)
		}
		if n := e.count("pledges"); n != before+1 {
			t.Errorf("%d pledges after a retried create, want %d", n, before+1)
		}
		if r := e.do("POST", "/api/v1/pledges", "gb", strings.Replace(newPledge, "5000", "6000", 1), "Idempotency-Key", "k-1"); r.status != 422 {
			t.Errorf("same key, other body: %d, want 422: %s", r.status, r.body)
		}
		// A failed request releases its key.
		bad := `{"donor":"GB","category":"artillery","item":"","quantity":1,"announced_on":"2025-06-04"}`
		if r := e.do("POST", "/api/v1/pledges", "gb", bad, "Idempotency-Key", "k-2"); r.status != 400 {
			t.Fatalf("bad create: %d", r.status)
		}
		good := `{"donor":"GB","category":"artillery","item":"mortars","quantity":10,"announced_on":"2025-06-04"}`
		if r := e.do("POST", "/api/v1/pledges", "gb", good, "Idempotency-Key", "k-2"); r.status != 201 {
			t.Errorf("retry after a failure: %d, want 201: %s", r.status, r.body)
		}
		// Keys belong to their user.
		de := strings.Replace(newPledge, "GB", "DE", 1)
		if r := e.do("POST", "/api/v1/pledges", "de", de, "Idempotency-Key", "k-1"); r.status != 201 {
			t.Errorf("another user's same key: %d, want 201: %s", r.status, r.body)
		}
	})
}

func TestSession(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		r := e.do("POST", "/api/v1/session", "", `{"name":"UA","password":"`+password+`"}`)
		if r.status != 201 {
			t.Fatalf("sign in: %d %s", r.status, r.body)
		}
		c := r.header.Get("Set-Cookie")
		for _, want := range []string{"__Host-pledgebook_session=", "Secure", "HttpOnly", "SameSite=Strict", "Path=/"} {
			if !strings.Contains(c, want) {
				t.Errorf("Set-Cookie %q lacks %s", c, want)
			}
		}
		cookie := strings.SplitN(c, ";", 2)[0]
		body := `{"category":"air_defence","item":"radars","quantity":3}`
		if r := e.do("POST", "/api/v1/requirements", "", body, "Cookie", cookie); r.status != 201 {
			t.Errorf("write with the session: %d %s", r.status, r.body)
		}
		if r := e.do("POST", "/api/v1/requirements", "", body, "Cookie", cookie, "Origin", "https://evil.example"); r.status != 403 {
			t.Errorf("cross-site write with the session: %d, want 403", r.status)
		}
		if r := e.do("DELETE", "/api/v1/session", "", "", "Cookie", cookie); r.status != 204 {
			t.Errorf("sign out: %d", r.status)
		}
		if r := e.do("POST", "/api/v1/requirements", "", body, "Cookie", cookie); r.status != 401 {
			t.Errorf("write after signing out: %d, want 401", r.status)
		}
		if r := e.do("POST", "/api/v1/session", "", `{"name":"ua","password":"wrong password"}`); r.status != 401 {
			t.Errorf("wrong password: %d, want 401", r.status)
		}
		if r := e.do("POST", "/api/v1/session", "", `{"name":"nobody","password":"whatever it is"}`); r.status != 401 {
			t.Errorf("unknown user: %d, want 401", r.status)
		}
		// Failed sign-ins are limited per name: the burst, then 429.
		var last response
		for range 6 {
			last = e.do("POST", "/api/v1/session", "", `{"name":"vic","password":"guess guess"}`)
		}
		if last.status != 429 || last.header.Get("Retry-After") == "" {
			t.Errorf("after 6 failures: %d Retry-After %q, want 429 with Retry-After", last.status, last.header.Get("Retry-After"))
		}
		if r := e.do("POST", "/api/v1/session", "", `{"name":"vic","password":"`+password+`"}`); r.status != 429 {
			t.Errorf("right password while limited: %d, want 429", r.status)
		}
	})
}

// TestAuthorizationMatrix tries every write route as every role, on a
// record of the user's own party and of another.
func TestAuthorizationMatrix(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		type write struct {
			name, method string
			path         func(own bool) string
			body         func(own bool) string
			ifMatch      bool
		}
		pledgeOf := func(own bool) int64 {
			if own {
				return e.gbPledge
			}
			return e.dePledge
		}
		writes := []write{
			{"create pledge", "POST", func(bool) string { return "/api/v1/pledges" }, func(own bool) string {
				d := map[bool]string{true: "GB", false: "FR"}[own]
				return `{"donor":"` + d + `","category":"training","item":"courses","amount":"1000000","currency":"EUR","announced_on":"2025-06-04","force":true}`
			}, false},
			{"update pledge", "PATCH", func(own bool) string { return "/api/v1/pledges/" + id(pledgeOf(own)) }, func(bool) string { return `{"notes":"n"}` }, true},
			{"status", "POST", func(own bool) string { return "/api/v1/pledges/" + id(pledgeOf(own)) + "/status" }, func(bool) string {
				return `{"status":"committed","date":"2025-07-01"}`
			}, false},
			{"delivery", "POST", func(bool) string { return "/api/v1/deliveries" }, func(own bool) string {
				return `{"pledge":` + id(pledgeOf(own)) + `,"delivered_on":"2025-08-01","quantity":1}`
			}, false},
			{"requirement", "POST", func(bool) string { return "/api/v1/requirements" }, func(own bool) string {
				rc := map[bool]string{true: "UA", false: "MD"}[own]
				return `{"recipient":"` + rc + `","category":"drones","item":"x","quantity":1}`
			}, false},
			{"reject candidate", "POST", func(bool) string { return "/api/v1/candidates/" + id(e.candidate) + "/reject" }, func(bool) string { return `{"reason":""}` }, false},
		}
		// want: what each role gets for own and other records, for each
		// write: "ok" (passes authorization: 2xx, or 4xx from validation),
		// or the refusal's status.
		allowed := map[string]map[string][2]int{ // role → write → [own, other]; 0 = allowed
			"":      {"*": {401, 401}},
			"admin": {"*": {0, 0}},
			"coord": {"*": {0, 0}},
			"gb": {"create pledge": {0, 403}, "update pledge": {0, 403}, "status": {0, 403}, "delivery": {0, 403},
				"requirement": {403, 403}, "reject candidate": {403, 403}},
			"ua": {"create pledge": {403, 403}, "update pledge": {403, 403}, "status": {403, 403}, "delivery": {0, 0},
				"requirement": {0, 403}, "reject candidate": {403, 403}},
			"cura": {"*": {403, 403}, "reject candidate": {0, 0}},
			"vic":  {"*": {403, 403}},
		}
		for role, rules := range allowed {
			for _, w := range writes {
				for i, own := range []bool{true, false} {
					want, ok := rules[w.name]
					if !ok {
						want = rules["*"]
					}
					name := role + "/" + w.name + map[bool]string{true: "/own", false: "/other"}[own]
					t.Run(name, func(t *testing.T) {
						var h []string
						if w.ifMatch {
							cur := e.do("GET", w.path(own), "admin", "")
							h = []string{"If-Match", cur.header.Get("ETag")}
						}
						r := e.do(w.method, w.path(own), role, w.body(own), h...)
						switch {
						case want[i] == 0 && (r.status == 401 || r.status == 403):
							t.Errorf("status %d, want the write allowed: %s", r.status, r.body)
						case want[i] != 0 && r.status != want[i]:
							t.Errorf("status %d, want %d: %s", r.status, want[i], r.body)
						}
					})
				}
			}
		}
	})
}

// TestOpenAPIMatchesRoutes checks the document against the server: every
// operation it names is served by exactly that route, and every route is
// in it.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	api := httpapi.NewAPI(nil, slog.New(slog.NewTextHandler(io.Discard, nil)), httpapi.Options{})
	d := api.OpenAPI()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	param := regexp.MustCompile(`\{[a-z]+\}`)
	for path, ops := range doc.Paths {
		for method := range ops {
			pattern := strings.ToUpper(method) + " " + path
			documented[pattern] = true
			req := httptest.NewRequest(strings.ToUpper(method), param.ReplaceAllString(path, "1"), nil)
			if _, got := api.Handler(req); got != pattern {
				t.Errorf("the document names %s, but the server routes it to %q", pattern, got)
			}
		}
	}
	for _, p := range api.Patterns() {
		if !documented[p] {
			t.Errorf("route %s is registered but not in the OpenAPI document", p)
		}
	}
	if len(api.Patterns()) < 30 {
		t.Errorf("only %d routes registered", len(api.Patterns()))
	}
}

// TestOpenAPILint runs Redocly's linter, from npm, over the document, when
// PLEDGEBOOK_TEST_OPENAPI_LINT=1.
func TestOpenAPILint(t *testing.T) {
	if os.Getenv("PLEDGEBOOK_TEST_OPENAPI_LINT") != "1" {
		t.Skip("OpenAPI lint skipped: set PLEDGEBOOK_TEST_OPENAPI_LINT=1 to run `npx @redocly/cli lint` (needs npm)")
	}
	api := httpapi.NewAPI(nil, slog.New(slog.NewTextHandler(io.Discard, nil)), httpapi.Options{})
	b, err := json.MarshalIndent(api.OpenAPI(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(f, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("npx", "--yes", "@redocly/cli@latest", "lint", "--extends", "recommended", f).CombinedOutput()
	if err != nil {
		t.Fatalf("redocly lint: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
