package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"pledgebook"
)

// post sends a form as the browser would from this site.
func (e *feedEnv) post(t testing.TB, path string, form url.Values, cookie string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	if cookie != "" {
		r.Header.Set("Cookie", cookie)
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

func (e *feedEnv) webhookCount(t testing.TB) int {
	t.Helper()
	var n int
	if err := e.store.DB().QueryRow(`SELECT COUNT(*) FROM webhooks`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var secretRE = regexp.MustCompile(`whsec_[0-9a-f]{64}`)

func TestWebhooksPage(t *testing.T) {
	e := newFeedEnv(t, "")
	cookie := sessionCookie + "=" + e.session
	token := csrfToken(e.session)

	if w := e.get(t, "/webhooks"); w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "Sign in to manage webhooks") ||
		!strings.Contains(w.Body.String(), `<a href="/signin?next=%2fwebhooks">`) {
		t.Fatalf("public GET /webhooks: %d", w.Code)
	}
	w := e.get(t, "/webhooks", "Cookie", cookie)
	body := w.Body.String()
	if w.Code != 200 || !strings.Contains(body, `<input type="hidden" name="csrf" value="`+token+`">`) || !strings.Contains(body, `<option value="donor:GB">`) ||
		!strings.Contains(body, `<optgroup label="Meeting">`) || !strings.Contains(body, `<label for="wh-url">`) || !strings.Contains(body, `href="/webhooks" aria-current="page"`) {
		t.Fatalf("GET /webhooks signed in: %d\n%s", w.Code, body)
	}

	// Refused: no token, an internal address, an unknown selection. None
	// stores anything.
	for _, c := range []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"no token", url.Values{"url": {"https://203.0.113.9/hook"}, "selection": {"all"}}, http.StatusForbidden, "the form has expired"},
		{"other token", url.Values{"csrf": {csrfToken("x")}, "url": {"https://203.0.113.9/hook"}, "selection": {"all"}}, http.StatusForbidden, "the form has expired"},
		{"loopback", url.Values{"csrf": {token}, "url": {"http://127.0.0.1:8080/hook"}, "selection": {"all"}}, http.StatusBadRequest, `id="wh-url-err"`},
		{"metadata", url.Values{"csrf": {token}, "url": {"http://169.254.169.254/"}, "selection": {"all"}}, http.StatusBadRequest, `aria-invalid="true" aria-describedby="wh-url-err"`},
		{"not a url", url.Values{"csrf": {token}, "url": {"hook"}, "selection": {"all"}}, http.StatusBadRequest, `id="wh-url-err"`},
		{"unknown donor", url.Values{"csrf": {token}, "url": {"https://203.0.113.9/hook"}, "selection": {"donor:XX"}}, http.StatusBadRequest, `id="wh-selection-err"`},
		{"unknown kind", url.Values{"csrf": {token}, "url": {"https://203.0.113.9/hook"}, "selection": {"coalition:drone"}}, http.StatusBadRequest, `id="wh-selection-err"`},
	} {
		w := e.post(t, "/webhooks", c.form, cookie)
		if w.Code != c.status || !strings.Contains(w.Body.String(), c.want) {
			t.Errorf("%s: status %d, want %d with %q\n%.3000s", c.name, w.Code, c.status, c.want, w.Body.String())
		}
		if c.status == http.StatusBadRequest && !strings.Contains(w.Body.String(), `value="`+c.form.Get("url")+`"`) {
			t.Errorf("%s: the form lost the URL it was sent", c.name)
		}
		if n := e.webhookCount(t); n != 0 {
			t.Fatalf("%s: %d webhooks stored", c.name, n)
		}
	}
	if w := e.post(t, "/webhooks", url.Values{"url": {"https://203.0.113.9/hook"}}, ""); w.Code != http.StatusUnauthorized || e.webhookCount(t) != 0 {
		t.Errorf("public POST /webhooks: %d", w.Code)
	}

	// Subscribed: the secret is shown once.
	w = e.post(t, "/webhooks", url.Values{"csrf": {token}, "url": {"https://203.0.113.9/hook"}, "selection": {"meeting:udcg-28"}}, cookie)
	secret := secretRE.FindString(w.Body.String())
	if w.Code != http.StatusCreated || secret == "" || !strings.Contains(w.Body.String(), "Meeting: udcg-28") {
		t.Fatalf("subscribe: %d, secret %q\n%s", w.Code, secret, w.Body.String())
	}
	hs, err := e.store.FindWebhooks(pledgebook.WithViewer(context.Background(), admin))
	if err != nil || len(hs) != 1 || hs[0].Selection.Key != "udcg-28" {
		t.Fatalf("stored webhooks %+v, %v", hs, err)
	}
	if again := e.get(t, "/webhooks", "Cookie", cookie).Body.String(); secretRE.MatchString(again) || !strings.Contains(again, "https://203.0.113.9/hook") {
		t.Errorf("the list shows the secret again, or not the webhook")
	}
	path := "/webhooks/" + itoa(hs[0].ID)
	if w := e.get(t, path, "Cookie", cookie); w.Code != 200 || !strings.Contains(w.Body.String(), "Nothing has been sent yet.") {
		t.Errorf("GET %s: %d", path, w.Code)
	}

	// Another user's webhook is not found, to read or to delete.
	other := &pledgebook.User{Name: "olga", Role: pledgebook.RoleViewer}
	if err := e.store.CreateUser(pledgebook.WithActor(pledgebook.WithViewer(context.Background(), admin), "test"), other,
		"$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"); err != nil {
		t.Fatal(err)
	}
	theirs := &pledgebook.Webhook{URL: "https://203.0.113.10/theirs", Secret: "whsec_0123456789abcdef0123456789abcdef"}
	if err := e.store.CreateWebhook(pledgebook.WithViewer(context.Background(), other.Viewer()), theirs); err != nil {
		t.Fatal(err)
	}
	if w := e.get(t, "/webhooks/"+itoa(theirs.ID), "Cookie", cookie); w.Code != http.StatusNotFound {
		t.Errorf("another's log: %d, want 404", w.Code)
	}
	if w := e.post(t, "/webhooks/"+itoa(theirs.ID)+"/delete", url.Values{"csrf": {token}}, cookie); w.Code != http.StatusNotFound || e.webhookCount(t) != 2 {
		t.Errorf("deleting another's: %d, want 404 and nothing deleted", w.Code)
	}
	if strings.Contains(e.get(t, "/webhooks", "Cookie", cookie).Body.String(), "theirs") {
		t.Errorf("the list shows another user's webhook")
	}

	// Deleting one's own needs the token too.
	if w := e.post(t, path+"/delete", nil, cookie); w.Code != http.StatusForbidden || e.webhookCount(t) != 2 {
		t.Errorf("delete without token: %d", w.Code)
	}
	if w := e.post(t, path+"/delete", url.Values{"csrf": {token}}, cookie); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/webhooks" || e.webhookCount(t) != 1 {
		t.Errorf("delete: %d to %q, %d left", w.Code, w.Header().Get("Location"), e.webhookCount(t))
	}
}
