package httpapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"

	"pledgebook"
)

// idempotent runs a POST route honouring its Idempotency-Key header: the
// first request with a key runs and its response is stored; a retry with
// the same key and body gets that response again, without writing; the
// same key with another body (or query) is refused (422). Keys belong to a user and
// a route. Without the header the request simply runs.
func (a *API) idempotent(w http.ResponseWriter, r *http.Request, rt route) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return rt.handle(w, r)
	}
	v := viewerOf(r.Context())
	if !v.SignedIn() {
		return pledgebook.Errorf(pledgebook.KindUnauthorized, "sign in to do this")
	}
	var body []byte
	var err error
	if rt.media != nil {
		body, err = readDocument(r, rt.media, rt.maxBody)
	} else {
		body, err = readBody(w, r)
	}
	if err != nil {
		return err
	}
	// The query is part of the request where a route reads one (the
	// metadata of a document); a request without one hashes as before.
	h := sha256.New()
	h.Write(body)
	if r.URL.RawQuery != "" {
		h.Write([]byte("\x00?" + r.URL.RawQuery))
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	k := pledgebook.IdempotencyKey{User: v.UserID, Key: key, Route: rt.method + " " + rt.path + " " + r.URL.Path, RequestHash: hex.EncodeToString(sum[:])}
	prev, err := a.store.ClaimIdempotencyKey(r.Context(), k)
	if pledgebook.ErrorKind(err) == pledgebook.KindConflict {
		return statusErr(http.StatusConflict, "Idempotency-Key", "a request with this key is still running")
	}
	if err != nil {
		return err
	}
	if prev != nil {
		switch {
		case prev.RequestHash != k.RequestHash:
			return statusErr(http.StatusUnprocessableEntity, "Idempotency-Key", "this key was used for a different request")
		case !prev.Done:
			return statusErr(http.StatusConflict, "Idempotency-Key", "a request with this key is still running")
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(prev.Status)
		_, _ = w.Write(prev.Body)
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := &captureWriter{ResponseWriter: w}
	herr := rt.handle(rec, r)
	status := rec.status
	if herr != nil || status < 200 || status > 299 {
		status = 0 // a failed request may be retried with the same key
	}
	// The request's own ctx may be cancelled once the response is out;
	// the outcome must be stored regardless.
	if err := a.store.CompleteIdempotencyKey(detach(r.Context()), k, status, rec.body.Bytes()); err != nil {
		a.log.ErrorContext(r.Context(), "store idempotent response", "err", err)
	}
	return herr
}

// captureWriter passes a response through and keeps a copy.
type captureWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (c *captureWriter) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *captureWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	c.body.Write(b)
	return c.ResponseWriter.Write(b)
}
