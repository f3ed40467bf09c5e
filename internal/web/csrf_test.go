package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestProtect sends form posts to the CSRF guard. No UI page takes a POST
// at "/", so a request the guard lets through reaches the router and gets
// its 404, while one it stops gets 403 before that.
func TestProtect(t *testing.T) {
	e := newEnv(t)
	session := []string{"Cookie", sessionCookie + "=" + e.session}
	token := csrfToken(e.session)
	cases := []struct {
		name    string
		form    url.Values
		headers []string
		status  int
	}{
		{"same origin, no session", nil, []string{"Sec-Fetch-Site", "same-origin"}, http.StatusNotFound},
		{"cross site", nil, []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"other origin", nil, []string{"Origin", "https://elsewhere.example"}, http.StatusForbidden},
		{"session without token", nil, session, http.StatusForbidden},
		{"session with another session's token", url.Values{"csrf": {csrfToken("another")}}, session, http.StatusForbidden},
		{"session with token", url.Values{"csrf": {token}}, session, http.StatusNotFound},
		{"session with token, cross site", url.Values{"csrf": {token}}, append([]string{"Sec-Fetch-Site", "cross-site"}, session...), http.StatusForbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(c.form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for i := 0; i+1 < len(c.headers); i += 2 {
				r.Header.Add(c.headers[i], c.headers[i+1])
			}
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, r)
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.String())
			}
			if c.status == http.StatusForbidden && !strings.Contains(w.Body.String(), "<title>") {
				t.Errorf("a refusal should be an error page, got %q", w.Body.String())
			}
		})
	}
}

// TestFormToken checks that a signed-in page's forms get the session's
// token and a public page's get none.
func TestFormToken(t *testing.T) {
	e := newEnv(t)
	p := newEnvPage(t, e, sessionCookie+"="+e.session)
	if p.CSRF != csrfToken(e.session) || p.CSRF == "" {
		t.Errorf("signed-in page token %q, want the session's", p.CSRF)
	}
	if p := newEnvPage(t, e, ""); p.CSRF != "" {
		t.Errorf("public page token %q, want none", p.CSRF)
	}
}

func newEnvPage(t *testing.T, e *env, cookie string) *page {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if cookie != "" {
		r.Header.Set("Cookie", cookie)
	}
	return (&UI{locales: map[string]*locale{"en": newLocale("en", mustCatalogs(t)["en"])}}).newPage(r)
}
