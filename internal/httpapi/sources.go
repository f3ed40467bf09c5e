package httpapi

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"pledgebook"
	"pledgebook/internal/extract"
	"pledgebook/internal/ingest"
)

// SourceIngested is the answer to a submitted document: the source it is
// stored as, and how many candidates were queued for review.
type SourceIngested struct {
	*pledgebook.Source
	// Queued is the number of candidates queued for review: 0 when the
	// document was already a source (status 200), which it leaves as it
	// was.
	Queued int `json:"queued"`
}

// documentTypes are the media types of a document submitted to
// POST /api/v1/sources: what the extractor reads.
var documentTypes = []string{"text/plain", "text/html"}

// sourceParams are the metadata of a submitted document, and the
// extractor's settings, as query parameters: the body is the document.
var sourceParams = []param{
	{name: "url", typ: "string", desc: "where the document was published (absolute http or https); without it the source is known by its text's SHA-256"},
	{name: "publisher", typ: "string", desc: "who published it"},
	{name: "published", typ: "date", desc: "date published: the date a candidate's pledge gets unless the text dates it"},
	{name: "title", typ: "string", desc: "title; the document's own when absent"},
	{name: "lang", typ: "string", desc: "language of the document, detected when auto", enum: []string{"auto", "de", "en"}},
	{name: "min_confidence", typ: "number", desc: "drop candidates the scoring model rates lower: 0 to 1, 0 keeps all; 0.4 when absent"},
}

// readDocument reads a raw request body of one of types, at most limit
// bytes: reading stops at limit+1, and a larger body is refused with 413.
func readDocument(r *http.Request, types []string, limit int64) ([]byte, error) {
	if err := checkDocumentType(r.Header.Get("Content-Type"), types); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, statusErr(http.StatusBadRequest, "", "read the body: %v", err)
	}
	if int64(len(b)) > limit {
		return nil, statusErr(http.StatusRequestEntityTooLarge, "", "the document is larger than the limit of %d bytes", limit)
	}
	return b, nil
}

// checkDocumentType refuses a Content-Type that is not one of types in
// UTF-8 (the charset may be left out).
func checkDocumentType(ct string, types []string) error {
	want := strings.Join(types, " or ")
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return statusErr(http.StatusUnsupportedMediaType, "Content-Type", "the body must be %s, in UTF-8", want)
	}
	ok := false
	for _, t := range types {
		ok = ok || mt == t
	}
	if cs, has := params["charset"]; !ok || has && !strings.EqualFold(cs, "utf-8") {
		return statusErr(http.StatusUnsupportedMediaType, "Content-Type", "the body must be %s, in UTF-8", want)
	}
	return nil
}

// createSource ingests the document in the body, as the CLI's ingest
// does: stored once as a source, its candidates queued for review.
func (a *API) createSource(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := a.authorize(ctx, actSourceIngest, "sources", "", ""); err != nil {
		return err
	}
	q := r.URL.Query()
	d := ingest.Document{Lang: q.Get("lang"), MinConfidence: extract.DefaultMinConfidence,
		Source: pledgebook.Source{URL: q.Get("url"), Publisher: strings.TrimSpace(q.Get("publisher")), Title: strings.TrimSpace(q.Get("title"))}}
	if pub, err := optDate(q, "published"); err != nil {
		return err
	} else if pub != nil {
		d.Source.Published = *pub
	}
	if q.Has("min_confidence") {
		f, err := strconv.ParseFloat(q.Get("min_confidence"), 64)
		if err != nil {
			return pledgebook.FieldError("min_confidence", "must be a number between 0 and 1, got %q", q.Get("min_confidence"))
		}
		d.MinConfidence = f
	}
	// The metadata is checked before the document is read, which may
	// be large.
	if err := ingest.Check(d); err != nil {
		return err
	}
	body, err := readDocument(r, documentTypes, extract.DefaultMaxBytes)
	if err != nil {
		return err
	}
	d.Body = bytes.NewReader(body)
	out, err := ingest.Run(ctx, a.store, d)
	if err != nil {
		return err
	}
	loc := "/api/v1/sources/" + strconv.FormatInt(out.Source.ID, 10)
	if !out.Created {
		w.Header().Set("Content-Location", loc)
		writeJSON(w, http.StatusOK, SourceIngested{out.Source, 0})
		return nil
	}
	w.Header().Set("Location", loc)
	writeJSON(w, http.StatusCreated, SourceIngested{out.Source, out.Queued})
	return nil
}
