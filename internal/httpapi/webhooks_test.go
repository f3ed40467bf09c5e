package httpapi_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"

	"pledgebook/internal/httpapi"
	"pledgebook/internal/storetest"
	"pledgebook/internal/webhook"
)

// offlineGuard is the default webhook guard with a resolver that resolves
// nothing, so that tests and fuzzing never ask the network for a name:
// only literal addresses pass, and only those outside the server's
// network.
var offlineGuard = &webhook.Guard{Resolver: &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
	return nil, errors.New("no name lookups in tests")
}}}

// TestWebhooksAPI subscribes, reads and deletes webhooks as their owner,
// another user and the public, and checks that refused input stores
// nothing.
func TestWebhooksAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		r := e.do(http.MethodPost, "/api/v1/webhooks", "vic", `{"url":"https://203.0.113.9/hook","selection":{"kind":"donor","key":"gb"}}`)
		if r.status != http.StatusCreated {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		var made httpapi.WebhookCreated
		r.json(t, &made)
		if !strings.HasPrefix(made.Secret, "whsec_") || len(made.Secret) != 70 || made.Selection.Key != "GB" || made.Owner != "vic" || made.ID == 0 ||
			r.header.Get("Location") != "/api/v1/webhooks/"+id(made.ID) {
			t.Fatalf("created %+v (Location %q)", made, r.header.Get("Location"))
		}
		path := "/api/v1/webhooks/" + id(made.ID)
		if r := e.do(http.MethodGet, path, "vic", ""); r.status != 200 || strings.Contains(string(r.body), made.Secret) || strings.Contains(string(r.body), `"secret"`) {
			t.Errorf("owner's read: %d %s; want the webhook without its secret", r.status, r.body)
		}
		if r := e.do(http.MethodGet, "/api/v1/webhooks", "vic", ""); r.status != 200 || !strings.Contains(string(r.body), `"id":`+id(made.ID)) {
			t.Errorf("owner's list: %d %s", r.status, r.body)
		}
		if r := e.do(http.MethodGet, "/api/v1/webhooks", "admin", ""); r.status != 200 || !strings.Contains(string(r.body), `"id":`+id(made.ID)) {
			t.Errorf("admin's list: %d %s", r.status, r.body)
		}
		if r := e.do(http.MethodGet, "/api/v1/webhooks", "coord", ""); r.status != 200 || strings.Contains(string(r.body), `"id":`+id(made.ID)) {
			t.Errorf("a coordinator's list has another's webhook: %d %s", r.status, r.body)
		}
		if r := e.do(http.MethodGet, path+"/deliveries", "vic", ""); r.status != 200 || !strings.Contains(string(r.body), `"items":[]`) {
			t.Errorf("delivery log: %d %s", r.status, r.body)
		}
		for _, c := range []struct {
			method, path, as string
			status           int
		}{
			{http.MethodGet, path, "gb", 404}, {http.MethodGet, path + "/deliveries", "gb", 404}, {http.MethodDelete, path, "gb", 404},
			{http.MethodGet, path, "", 401}, {http.MethodGet, "/api/v1/webhooks", "", 401}, {http.MethodDelete, path, "", 401},
			{http.MethodGet, "/api/v1/webhooks/x", "vic", 400},
		} {
			if r := e.do(c.method, c.path, c.as, ""); r.status != c.status || r.problem(t).Status != c.status {
				t.Errorf("%s %s as %q: %d, want %d: %s", c.method, c.path, c.as, r.status, c.status, r.body)
			}
		}

		before := e.count("webhooks")
		for _, c := range []struct {
			name, as, body, field string
			status                int
		}{
			{"public", "", `{"url":"https://203.0.113.9/hook"}`, "", 401},
			{"loopback", "vic", `{"url":"http://127.0.0.1:8080/hook"}`, "url", 400},
			{"metadata service", "vic", `{"url":"http://169.254.169.254/latest"}`, "url", 400},
			{"private", "vic", `{"url":"https://192.168.1.20/hook"}`, "url", 400},
			{"unresolvable", "vic", `{"url":"https://hooks.invalid/hook"}`, "url", 400},
			{"not http", "vic", `{"url":"file:///etc/passwd"}`, "url", 400},
			{"unknown donor", "vic", `{"url":"https://203.0.113.9/hook","selection":{"kind":"donor","key":"XX"}}`, "key", 400},
			{"unknown meeting", "vic", `{"url":"https://203.0.113.9/hook","selection":{"kind":"meeting","key":"nope"}}`, "key", 400},
			{"unknown kind", "vic", `{"url":"https://203.0.113.9/hook","selection":{"kind":"coalition","key":"drone"}}`, "kind", 400},
			{"unknown field", "vic", `{"url":"https://203.0.113.9/hook","secret":"mine"}`, "", 400},
		} {
			r := e.do(http.MethodPost, "/api/v1/webhooks", c.as, c.body)
			if r.status != c.status {
				t.Errorf("%s: %d, want %d: %s", c.name, r.status, c.status, r.body)
				continue
			}
			if p := r.problem(t); c.field != "" && p.Field != c.field {
				t.Errorf("%s: problem on %q, want %q: %s", c.name, p.Field, c.field, r.body)
			}
		}
		if n := e.count("webhooks"); n != before {
			t.Errorf("refused requests stored %d webhooks", n-before)
		}

		if r := e.do(http.MethodDelete, path, "vic", ""); r.status != http.StatusNoContent {
			t.Fatalf("delete: %d %s", r.status, r.body)
		}
		if r := e.do(http.MethodGet, path, "vic", ""); r.status != 404 {
			t.Errorf("after delete: %d", r.status)
		}
	})
}
