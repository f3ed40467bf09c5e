package web

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"path"
	"strconv"
	"strings"

	"pledgebook"
	"pledgebook/internal/extract"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/ingest"
)

// The form /sources/new submits a news report, uploaded or pasted, as the
// CLI's ingest and POST /api/v1/sources do (internal/ingest): stored once
// as a source, its candidates queued for review.

// maxUploadBytes caps the body of the form that uploads a document: the
// extractor's limit and room for the other fields and the multipart
// framing. A document under the body's limit but over the extractor's is
// refused beside its field, the rest of the form kept.
const maxUploadBytes = extract.DefaultMaxBytes + 1<<20

// sourceFormPath is where the form is served and posts.
const sourceFormPath = "/sources/new"

// bodyLimit is the largest body protect lets a request send.
func bodyLimit(r *http.Request) int64 {
	if r.URL.Path == sourceFormPath {
		return maxUploadBytes
	}
	return maxFormBytes
}

// sourceFormData is the form's page: its language choices.
type sourceFormData struct {
	Langs []choice
	Limit string // the document size limit, for the hint
}

func (u *UI) showSourceForm(w http.ResponseWriter, r *http.Request, p *page, f *form) error {
	d := sourceFormData{Limit: p.L.Int(extract.DefaultMaxBytes >> 20)}
	for _, l := range []string{"auto", "de", "en"} {
		d.Langs = append(d.Langs, choice{Value: l, Label: p.L.T("sourceform.lang." + l)})
	}
	p.Nav = "sources"
	u.renderForm(w, r, p, "sourceform", p.L.T("sourceform.title"), formData{F: f, Action: sourceFormPath, Data: d}, 0)
	return nil
}

// ingester refuses viewers who may not submit documents, by the API's
// table; the public goes to sign in.
func (u *UI) ingester(w http.ResponseWriter, r *http.Request, p *page) (bool, error) {
	if ok, err := u.signedIn(w, r, p); !ok {
		return false, err
	}
	if !httpapi.Allowed(p.Viewer, httpapi.ActSourceIngest, "", "") {
		return false, pledgebook.Errorf(pledgebook.KindForbidden, "a %s user may not submit documents", p.Viewer.Role)
	}
	return true, nil
}

func (u *UI) newSource(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.ingester(w, r, p); !ok {
		return err
	}
	return u.showSourceForm(w, r, p, newForm(p.L, nil, nil))
}

// createSource ingests the uploaded or pasted document and sends the
// browser to its source, saying how many candidates were queued.
func (u *UI) createSource(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	ctx := r.Context()
	if err := u.api.Authorize(ctx, httpapi.ActSourceIngest, "sources", "", ""); err != nil {
		return err
	}
	// protect has parsed a multipart body already (for its token); a
	// form sent otherwise has no file.
	if err := r.ParseMultipartForm(maxUploadBytes); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return pledgebook.Errorf(pledgebook.KindInvalid, "the form could not be read")
	}
	f, err := postedForm(r, p.L, nil)
	if err != nil {
		return err
	}
	published := f.date("published")
	doc, field := u.document(r, f)
	if f.Failed() {
		return u.showSourceForm(w, r, p, f)
	}
	lang := f.Get("lang")
	if lang == "" {
		lang = "auto"
	}
	out, err := ingest.Run(ctx, u.store, ingest.Document{Body: doc, Lang: lang, MinConfidence: extract.DefaultMinConfidence,
		Source: pledgebook.Source{URL: f.Get("url"), Publisher: f.Get("publisher"), Title: f.Get("title"), Published: published}})
	if err != nil {
		f.fields = map[string]string{"document": field}
		if err := f.Take(err); err != nil {
			return err
		}
		return u.showSourceForm(w, r, p, f)
	}
	to := "/sources/" + strconv.FormatInt(out.Source.ID, 10)
	if out.Created {
		to += "?queued=" + strconv.Itoa(out.Queued)
	} else {
		to += "?already=1"
	}
	seeOther(w, r, to)
	return nil
}

// document is the form's document, the uploaded file or the pasted text,
// and the field it came from; what is wrong with it is put beside the
// upload field.
func (u *UI) document(r *http.Request, f *form) (io.Reader, string) {
	var fh *multipart.FileHeader
	if r.MultipartForm != nil {
		if fs := r.MultipartForm.File["document"]; len(fs) > 0 && (fs[0].Filename != "" || fs[0].Size > 0) {
			fh = fs[0]
		}
	}
	text := f.Values.Get("text")
	pasted := strings.TrimSpace(text) != ""
	switch {
	case fh == nil && !pasted:
		f.Values.Set("document", "")
		f.Fail("document", f.L.T("sourceform.nodocument"))
		return nil, ""
	case fh != nil && pasted:
		f.Values.Set("document", fh.Filename)
		f.Fail("document", f.L.T("sourceform.both"))
		return nil, ""
	case pasted:
		return strings.NewReader(text), "text"
	}
	f.Values.Set("document", fh.Filename)
	switch strings.ToLower(path.Ext(fh.Filename)) {
	case ".txt", ".text", ".html", ".htm":
	default:
		if ct := fh.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") && !strings.HasPrefix(ct, "text/html") {
			f.Fail("document", f.L.T("sourceform.nottext"))
			return nil, ""
		}
	}
	file, err := fh.Open()
	if err != nil {
		f.Fail("document", f.L.T("sourceform.unreadable"))
		return nil, ""
	}
	defer file.Close()
	// Read the limit and a byte, so that ingest refuses a larger file
	// beside its field; the body's limit bounds it anyway.
	b, err := io.ReadAll(io.LimitReader(file, extract.DefaultMaxBytes+1))
	if err != nil {
		f.Fail("document", f.L.T("sourceform.unreadable"))
		return nil, ""
	}
	return bytes.NewReader(b), "document"
}

// sourceNotice is what the source's page says after the form: how many
// candidates were queued, or that the document was already this source.
func sourceNotice(l *locale, r *http.Request) string {
	q := r.URL.Query()
	if q.Get("already") != "" {
		return l.T("sourceform.already")
	}
	if s := q.Get("queued"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n >= 0 {
			return l.T("sourceform.queued", n)
		}
	}
	return ""
}
