package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"

	"pledgebook"
	"pledgebook/internal/httpapi"
)

// maxFormBytes caps the body of a form, as the API caps its JSON bodies.
const maxFormBytes = 1 << 20

// csrfField names the hidden form field that carries the CSRF token; the
// "csrf" template in partials.html writes it into a form.
const csrfField = "csrf"

// protect guards every request that can change something (any method but
// GET, HEAD and OPTIONS) against cross-site request forgery, twice over:
//
//   - The browser must say the request comes from this site: Go's
//     CrossOriginProtection checks Sec-Fetch-Site, or else Origin against
//     Host, which every current browser sends.
//   - A request with a session cookie must carry the session's token in
//     the form's csrf field. The token is a hash of the session secret, so
//     it needs no storage and works on every server of a deployment, and a
//     page of another site cannot compute it, since it cannot read the
//     cookie.
//
// The sign-in form has no session yet and relies on the first check.
func (u *UI) protect(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(r))
		if err := cop.Check(r); err != nil {
			u.fail(w, r, u.newPage(r), pledgebook.Errorf(pledgebook.KindForbidden, "this form was sent from another site"))
			return
		}
		// A body over the limit is refused as that, not as a form
		// without its token.
		if err := r.ParseMultipartForm(maxUploadBytes); errors.As(err, new(*http.MaxBytesError)) {
			u.fail(w, r, u.newPage(r), pledgebook.Errorf(pledgebook.KindInvalid, "the form is larger than %d bytes", bodyLimit(r)))
			return
		}
		if c, err := r.Cookie(httpapi.SessionCookie); err == nil && c.Value != "" {
			got := r.PostFormValue(csrfField)
			if subtle.ConstantTimeCompare([]byte(got), []byte(csrfToken(c.Value))) != 1 {
				u.fail(w, r, u.newPage(r), pledgebook.Errorf(pledgebook.KindForbidden, "the form has expired or was not sent from this site: reload the page and send it again"))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// csrfToken is the form token of the session whose cookie holds secret.
func csrfToken(secret string) string {
	sum := sha256.Sum256([]byte("pledgebook form token\x00" + secret))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// requestCSRF is the token that forms on r's page must carry: empty
// without a session, where no token is checked.
func requestCSRF(r *http.Request) string {
	if c, err := r.Cookie(httpapi.SessionCookie); err == nil && c.Value != "" {
		return csrfToken(c.Value)
	}
	return ""
}
