package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"pledgebook"
)

// maxBody is the largest request body accepted: 1 MiB, far above any
// record, so that a client cannot make the server buffer without limit.
const maxBody = 1 << 20

// readBody reads the request body, at most maxBody bytes, refusing a body
// that is not JSON.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return nil, statusErr(http.StatusUnsupportedMediaType, "Content-Type", "the body must be application/json")
		}
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, statusErr(http.StatusRequestEntityTooLarge, "", "the body is larger than %d bytes", maxBody)
	}
	if err != nil {
		return nil, statusErr(http.StatusBadRequest, "", "read the body: %v", err)
	}
	return b, nil
}

// decodeJSON decodes b into v strictly: one JSON object, no unknown
// fields, nothing after it.
func decodeJSON(b []byte, v any) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return statusErr(http.StatusBadRequest, "", "the body is empty; send a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return statusErr(http.StatusBadRequest, "", "the body holds more than one JSON value")
	}
	return nil
}

// jsonError names the offending field of a decoding error where it can.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return statusErr(http.StatusBadRequest, te.Field, "expected %s", te.Type.String())
	case errors.As(err, &se):
		return statusErr(http.StatusBadRequest, "", "malformed JSON at byte %d", se.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return statusErr(http.StatusBadRequest, f, "unknown field %q", f)
	}
	// A field's own UnmarshalJSON (dates, amounts, enums) failed: the domain
	// error carries its field; others are plain bad input.
	if f := fieldOf(err); f != "" {
		return statusErr(http.StatusBadRequest, f, "%s", err.Error())
	}
	return statusErr(http.StatusBadRequest, "", "malformed JSON: %v", err)
}

func fieldOf(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Field
	}
	return pledgebook.ErrorField(err)
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"type":"urn:pledgebook:problem:500","title":"Internal Server Error","status":500}`))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
