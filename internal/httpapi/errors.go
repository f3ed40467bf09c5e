package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"pledgebook"
)

// Problem is an RFC 9457 problem document: what every failed request
// returns, as application/problem+json.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
	Field  string `json:"field,omitempty"` // the offending input field, if any
}

// kindStatus is the one mapping of the domain's error kinds to HTTP
// statuses.
var kindStatus = map[pledgebook.Kind]int{
	pledgebook.KindInvalid:      http.StatusBadRequest,
	pledgebook.KindNotFound:     http.StatusNotFound,
	pledgebook.KindConflict:     http.StatusConflict,
	pledgebook.KindUnauthorized: http.StatusUnauthorized,
	pledgebook.KindForbidden:    http.StatusForbidden,
	pledgebook.KindInternal:     http.StatusInternalServerError,
}

// httpError is an error whose status is decided by the HTTP layer rather
// than by a domain kind: 412, 413, 415, 422, 428, 429.
type httpError struct {
	status     int
	field      string
	detail     string
	retryAfter int // seconds, for 429
}

func (e *httpError) Error() string { return fmt.Sprintf("%d %s", e.status, e.detail) }

func statusErr(status int, field, format string, args ...any) error {
	return &httpError{status: status, field: field, detail: fmt.Sprintf(format, args...)}
}

// problemFor turns err into the problem shown to the client: the domain's
// safe message and field, never the cause of an internal error.
func problemFor(err error) Problem {
	var he *httpError
	if errors.As(err, &he) {
		return Problem{Type: problemType(he.status), Title: http.StatusText(he.status), Status: he.status, Detail: he.detail, Field: he.field}
	}
	kind := pledgebook.ErrorKind(err)
	status, ok := kindStatus[kind]
	if !ok {
		status = http.StatusInternalServerError
	}
	p := Problem{Type: problemType(status), Title: http.StatusText(status), Status: status}
	if kind != pledgebook.KindInternal {
		var de *pledgebook.Error
		if errors.As(err, &de) {
			p.Detail, p.Field = de.Message, de.Field
		}
	} else {
		p.Detail = "internal error; it has been logged"
	}
	return p
}

// problemType is the problem's type URI: a stable name per status, which
// the OpenAPI document describes.
func problemType(status int) string { return "urn:pledgebook:problem:" + strconv.Itoa(status) }

// writeError writes err as a problem document, logging internal errors
// with their cause.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	p := problemFor(err)
	if p.Status >= 500 {
		log.ErrorContext(r.Context(), "request failed", slog.Group("request", "method", r.Method, "path", r.URL.Path), "err", err)
	}
	var he *httpError
	if errors.As(err, &he) && he.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(he.retryAfter))
	}
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="pledgebook"`)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// StatusOf is the HTTP status of err by the one table of kinds above, for
// the other handlers served beside the API (the HTML UI).
func StatusOf(err error) int { return problemFor(err).Status }

// RetryAfter is how many seconds the client should wait before trying
// again after err (a refused sign-in), or 0.
func RetryAfter(err error) int {
	var he *httpError
	if errors.As(err, &he) {
		return he.retryAfter
	}
	return 0
}
