package httpapi

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"math"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"pledgebook"
	"pledgebook/internal/auth"
)

// SessionCookie names the browser session's cookie. The __Host- prefix
// makes browsers refuse it unless it is Secure, on path / and without a
// Domain, so that no other site or subdomain can plant one.
const SessionCookie = "__Host-pledgebook_session"

// authenticate puts the viewer and the actor of the request in its
// context: the user of a bearer token, or of a session cookie, or the
// anonymous public. A bearer token that does not sign in is refused (401)
// rather than read as the public, so that a broken script notices.
func (a *API) authenticate(w http.ResponseWriter, r *http.Request) (*http.Request, error) {
	ctx := r.Context()
	var u *pledgebook.User
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return r, pledgebook.Errorf(pledgebook.KindUnauthorized, "the Authorization header must be Bearer and an API token")
		}
		hash, err := auth.HashToken(strings.TrimSpace(tok))
		if err != nil {
			return r, pledgebook.Errorf(pledgebook.KindUnauthorized, "the API token is not valid")
		}
		if u, _, err = a.store.FindUserByTokenHash(ctx, hash); err != nil {
			if pledgebook.ErrorKind(err) == pledgebook.KindNotFound {
				return r, pledgebook.Errorf(pledgebook.KindUnauthorized, "the API token is unknown, expired or revoked")
			}
			return r, err
		}
	} else if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		// Cookies ride along on requests other sites make: a write with one
		// must come from this origin (SameSite=Strict already stops most).
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !sameOrigin(r) {
			return r, pledgebook.Errorf(pledgebook.KindForbidden, "a cross-site request may not use the session cookie")
		}
		if u, _, err = a.store.FindUserBySessionHash(ctx, hashSecret(c.Value)); err != nil {
			if pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
				return r, err
			}
			u = nil // an ended session reads as the public
		}
	}
	if u == nil {
		return r.WithContext(pledgebook.WithActor(pledgebook.WithViewer(ctx, pledgebook.Viewer{}), "public")), nil
	}
	ctx = pledgebook.WithViewer(ctx, u.Viewer())
	ctx = pledgebook.WithActor(ctx, "user:"+u.Name)
	return r.WithContext(ctx), nil
}

// sameOrigin reports whether a request's Origin, when it has one, is the
// host it was sent to.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// dummyHash is verified against when a sign-in names no user, so that the
// time taken does not tell whether the user exists.
var dummyHash = sync.OnceValue(func() string {
	h, _ := auth.HashPassword("no such user, no such password")
	return h
})

// SessionRequest signs a user in.
type SessionRequest struct {
	Name     string `json:"name"`
	Password string `json:"password"`
}

// SessionResponse is the signed-in user and when the session ends.
type SessionResponse struct {
	User      *pledgebook.User `json:"user"`
	ExpiresAt time.Time        `json:"expires_at"`
}

func (a *API) createSession(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(w, r)
	if err != nil {
		return err
	}
	var in SessionRequest
	if err := decodeJSON(body, &in); err != nil {
		return err
	}
	out, err := a.SignIn(w, r, in.Name, in.Password)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// SignIn checks a user's name and password and, when they match, starts a
// session and sets its cookie on w. It is the one sign-in of the API and
// the HTML UI: failed attempts are rate-limited per name and per client
// address (a 429 error, see RetryAfter), an unknown name takes as long as
// a wrong password, and a disabled user cannot sign in. A missing name or
// password is an invalid-input error naming the field "name" or
// "password"; a wrong one is unauthorized.
func (a *API) SignIn(w http.ResponseWriter, r *http.Request, name, password string) (SessionResponse, error) {
	name = pledgebook.NormalizeUserName(name)
	switch {
	case name == "":
		return SessionResponse{}, pledgebook.FieldError("name", "is required")
	case password == "":
		return SessionResponse{}, pledgebook.FieldError("password", "is required")
	}
	ip := clientIP(r)
	if wait := max(a.byName.wait("name:"+name), a.byIP.wait("ip:"+ip)); wait > 0 {
		a.log.WarnContext(r.Context(), "sign-in rate limited", "user", name, "remote", ip)
		return SessionResponse{}, &httpError{status: http.StatusTooManyRequests, detail: "too many failed sign-ins; try again later",
			retryAfter: int(math.Ceil(wait.Seconds()))}
	}
	u, err := a.store.FindUserByName(r.Context(), name)
	hash := dummyHash()
	if err == nil {
		hash = u.PasswordHash
	} else if pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		return SessionResponse{}, err
	}
	ok, verr := auth.VerifyPassword(hash, password)
	if err != nil || verr != nil || !ok || u.Disabled {
		a.byName.take("name:" + name)
		a.byIP.take("ip:" + ip)
		if verr != nil {
			a.log.ErrorContext(r.Context(), "stored password hash is damaged", "user", name, "err", verr)
		}
		a.log.WarnContext(r.Context(), "sign-in failed", "user", name, "remote", ip)
		return SessionResponse{}, pledgebook.Errorf(pledgebook.KindUnauthorized, "wrong name or password")
	}
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	id := base64.RawURLEncoding.EncodeToString(secret)
	sess, err := a.store.CreateSession(r.Context(), u.ID, hashSecret(id), a.now().Add(a.opts.SessionTTL))
	if err != nil {
		return SessionResponse{}, err
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: id, Path: "/", Expires: sess.ExpiresAt,
		MaxAge: int(a.opts.SessionTTL.Seconds()), Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	u.PasswordHash = ""
	return SessionResponse{User: u, ExpiresAt: sess.ExpiresAt}, nil
}

func (a *API) deleteSession(w http.ResponseWriter, r *http.Request) error {
	if err := a.SignOut(w, r); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// SignOut ends the session of r's cookie, if any, and clears the cookie on
// w; signing out without a session is not an error.
func (a *API) SignOut(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if err := a.store.DeleteSession(r.Context(), hashSecret(c.Value)); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return nil
}

// clientIP is the address the request came from. Behind a proxy, that is
// the proxy: the API does not trust X-Forwarded-For, which anyone can set.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limiter is a token bucket per key, in memory: burst failures at once,
// then one per refill.
type limiter struct {
	mu      sync.Mutex
	burst   float64
	refill  time.Duration
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(burst int, refill time.Duration, now func() time.Time) *limiter {
	return &limiter{burst: float64(burst), refill: refill, now: now, buckets: map[string]*bucket{}}
}

// level returns key's bucket brought up to date; the caller holds mu.
func (l *limiter) level(key string) *bucket {
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+float64(now.Sub(b.at))/float64(l.refill))
	b.at = now
	if len(l.buckets) > 100_000 {
		// Forget full buckets, so that many names cannot fill the memory.
		for k, x := range l.buckets {
			if x.tokens >= l.burst {
				delete(l.buckets, k)
			}
		}
	}
	return b
}

// wait returns how long key must wait before it may try again: 0 when it
// has a token left.
func (l *limiter) wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.level(key)
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) * float64(l.refill))
}

// take spends one of key's tokens, for a failure.
func (l *limiter) take(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.level(key)
	b.tokens = math.Max(0, b.tokens-1)
}

// viewerOf returns the request's viewer.
func viewerOf(ctx context.Context) pledgebook.Viewer { return pledgebook.ViewerFrom(ctx) }

// Authenticate is the API's sign-in as middleware, for the other handlers
// served beside it (the HTML UI): it puts the viewer and actor of the
// request in its context exactly as the API's own routes do, so that a
// session or token sees the same records in both. A request whose
// credentials are refused gets the API's problem response.
func (a *API) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, err := a.authenticate(w, r)
		if err != nil {
			writeError(w, r, a.log, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}
