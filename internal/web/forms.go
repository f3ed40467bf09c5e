package web

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/httpapi"
)

// form is a form as the user filled it in, and what is wrong with it: a
// message beside each field at fault, and one for the whole form. Pages
// with a form render it from here, so that whatever the user typed is
// shown again when the form comes back with errors.
type form struct {
	L      *locale
	Values url.Values
	// Errors are the messages beside the fields, by field name; order
	// keeps the fields in the order they failed, for the summary.
	Errors  map[string]string
	order   []string
	Message string // an error of the whole form, or a conflict
	// fields maps the domain's field names (pledgebook.ErrorField) to the
	// form's, where they differ: "date" is the form's "announced".
	fields map[string]string
}

func newForm(l *locale, values url.Values, fields map[string]string) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{L: l, Values: values, Errors: map[string]string{}, fields: fields}
}

// postedForm reads a posted form; a body too large or malformed is an
// invalid-input error.
func postedForm(r *http.Request, l *locale, fields map[string]string) (*form, error) {
	if err := r.ParseForm(); err != nil {
		return nil, pledgebook.Errorf(pledgebook.KindInvalid, "the form could not be read")
	}
	return newForm(l, r.PostForm, fields), nil
}

// Get is the value of a field as typed, trimmed.
func (f *form) Get(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Set replaces a field's value.
func (f *form) Set(name, value string) { f.Values.Set(name, value) }

// Fail puts msg beside field name; the first message of a field stays.
func (f *form) Fail(name, msg string) {
	if _, ok := f.Errors[name]; ok {
		return
	}
	f.Errors[name] = msg
	f.order = append(f.order, name)
}

// Err is the message beside field name, if any.
func (f *form) Err(name string) string { return f.Errors[name] }

// Failed reports whether the form has any error.
func (f *form) Failed() bool { return len(f.Errors) > 0 || f.Message != "" }

// Take shows err on the form when it is about the input (invalid, or a
// conflict) and returns nil; any other error (not found, forbidden,
// internal) is returned for an error page.
func (f *form) Take(err error) error {
	switch pledgebook.ErrorKind(err) {
	case pledgebook.KindInvalid, pledgebook.KindConflict:
	default:
		return err
	}
	var de *pledgebook.Error
	msg := f.L.ErrorText(err)
	if errors.As(err, &de) {
		msg = f.L.FieldErrorText(de)
	}
	field := pledgebook.ErrorField(err)
	if name, ok := f.fields[field]; ok {
		field = name
	}
	if field != "" && f.Values.Has(field) {
		f.Fail(field, msg)
		return nil
	}
	f.Message = f.L.ErrorText(err)
	return nil
}

// problem is one line of the error summary at the top of a form.
type problem struct {
	ID, Label, Text string
}

// Problems lists the fields at fault, for the summary that links to them.
func (f *form) Problems() []problem {
	out := make([]problem, 0, len(f.order))
	for _, name := range f.order {
		out = append(out, problem{ID: fieldID(name), Label: f.L.T("field." + name), Text: f.Errors[name]})
	}
	return out
}

func fieldID(name string) string { return "f-" + name }

// fieldView is what the field templates in parts/forms.html draw: a
// labelled control with its value and, when it is at fault, the message
// that aria-describedby points to.
type fieldView struct {
	Name, ID, Label, Type, Value, Error, Hint string
	Autocomplete                              string
	Required                                  bool
	Choices                                   []choice
}

// ErrID is the id of the field's message.
func (v fieldView) ErrID() string { return v.ID + "-err" }

// HintID is the id of the field's hint.
func (v fieldView) HintID() string { return v.ID + "-hint" }

// Describedby is the field's aria-describedby: its hint and its error.
func (v fieldView) Describedby() string {
	var ids []string
	if v.Hint != "" {
		ids = append(ids, v.HintID())
	}
	if v.Error != "" {
		ids = append(ids, v.ErrID())
	}
	return strings.Join(ids, " ")
}

// choice is an option of a select.
type choice struct {
	Value, Label string
	Selected     bool
}

// Field returns the view of an input of type typ (text, date, decimal,
// url, textarea, password, checkbox); flags are "required", "auto=TOKEN"
// for autocomplete, or "hint=KEY" for a hint from the catalogue.
func (f *form) Field(name, typ string, flags ...string) fieldView {
	v := fieldView{Name: name, ID: fieldID(name), Label: f.L.T("field." + name), Type: typ, Value: f.Values.Get(name), Error: f.Errors[name]}
	for _, fl := range flags {
		switch {
		case fl == "required":
			v.Required = true
		case strings.HasPrefix(fl, "auto="):
			v.Autocomplete = strings.TrimPrefix(fl, "auto=")
		case strings.HasPrefix(fl, "hint="):
			v.Hint = f.L.T(strings.TrimPrefix(fl, "hint="))
		}
	}
	return v
}

// Select returns the view of a select among choices, the form's value
// selected; flags as for Field, and "blank" for an empty first option.
func (f *form) Select(name string, choices []choice, flags ...string) fieldView {
	v := f.Field(name, "select", flags...)
	for _, fl := range flags {
		if fl == "blank" {
			v.Choices = append(v.Choices, choice{Value: "", Label: "–"})
		}
	}
	for _, c := range choices {
		c.Selected = c.Value == v.Value
		v.Choices = append(v.Choices, c)
	}
	return v
}

// The form's values parsed, each failure put beside its field.

// numberRE matches a number as people type it: digits with or without
// thousands separators in groups of three, and decimals. The separators
// are the page language's, written here as G and P.
const numberRE = `^(?:\d{1,3}(?:G\d{3})+|\d{1,30})(?:P\d{1,30})?$`

var (
	numberEN = regexp.MustCompile(strings.NewReplacer("G", ",", "P", `\.`).Replace(numberRE))
	numberDE = regexp.MustCompile(strings.NewReplacer("G", `\.`, "P", ",").Replace(numberRE))
)

// number reads a number typed in the page's language as a plain decimal
// string (1234.5), or "" when it is not one: 1,234.5 in English, 1.234,5
// in German, so that a separator is never silently misread.
func (f *form) number(name string) (string, bool) {
	s := strings.ReplaceAll(f.Get(name), " ", "")
	re := numberEN
	if f.L.point == "," {
		re = numberDE
	}
	if !re.MatchString(s) {
		return "", false
	}
	s = strings.ReplaceAll(s, f.L.group, "")
	return strings.ReplaceAll(s, f.L.point, "."), true
}

// amount parses an optional exact amount.
func (f *form) amount(name string) *decimal.Decimal {
	if f.Get(name) == "" {
		return nil
	}
	s, ok := f.number(name)
	d, err := decimal.NewFromString(s)
	if !ok || err != nil {
		f.Fail(name, f.L.T("form.notamount"))
		return nil
	}
	return &d
}

// quantity parses an optional whole number.
func (f *form) quantity(name string) *int64 {
	if f.Get(name) == "" {
		return nil
	}
	s, ok := f.number(name)
	n, err := strconv.ParseInt(s, 10, 64)
	if !ok || err != nil || n < 0 {
		f.Fail(name, f.L.T("form.notquantity"))
		return nil
	}
	return &n
}

// formNumber writes a number for a form field in the page's language,
// without thousands separators, so that it reads back as it was.
func formNumber(l *locale, d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return strings.ReplaceAll(d.String(), ".", l.point)
}

func formInt(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}

func formDate(d pledgebook.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// date parses an optional YYYY-MM-DD date, as input type=date sends it.
func (f *form) date(name string) pledgebook.Date {
	s := f.Get(name)
	if s == "" {
		return pledgebook.Date{}
	}
	d, err := pledgebook.ParseDate(s)
	if err != nil {
		f.Fail(name, f.L.T("form.notdate"))
	}
	return d
}

// id parses an optional record id.
func (f *form) id(name string) int64 {
	s := f.Get(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		f.Fail(name, f.L.T("form.notid"))
		return 0
	}
	return n
}

// require fails each named field that is empty.
func (f *form) require(names ...string) {
	for _, n := range names {
		if f.Get(n) == "" {
			f.Fail(n, f.L.T("form.required"))
		}
	}
}

// formData is what a page with a form gets: the form, and the page's own
// data beside it.
type formData struct {
	F      *form
	Action string // where the form posts
	CSRF   string // the page's form token, for the "csrf" template
	Data   any
}

// renderForm shows a page with a form: 200 when it is new, else the status
// that fits what is wrong with it.
func (u *UI) renderForm(w http.ResponseWriter, r *http.Request, p *page, name, title string, d formData, status int) {
	if status == 0 {
		status = http.StatusOK
		if d.F.Failed() {
			status = http.StatusBadRequest
		}
	}
	if d.F.Failed() {
		// The title says so first, as it is what a screen reader reads.
		title = p.L.T("form.errortitle", title)
	}
	p.Title = title
	d.CSRF = p.CSRF
	p.Data = d
	u.render(w, r, status, name, p)
}

// may reports whether the page's viewer may do act on a record of donor
// and recipient, by the API's table, so that a page offers only what the
// viewer may use; the handlers check again with the API's Authorize.
func may(p *page, act string, donor, recipient string) bool {
	return httpapi.Allowed(p.Viewer, httpapi.Action(act), donor, recipient)
}

// mayAtAll reports whether v may do act on some record: for a donor or a
// recipient user, on one of their own party's.
func mayAtAll(v pledgebook.Viewer, act httpapi.Action) bool {
	return httpapi.Allowed(v, act, v.Party, v.Party)
}

// signedIn refuses the public: a GET goes to the sign-in form and comes
// back, anything else is unauthorized.
func (u *UI) signedIn(w http.ResponseWriter, r *http.Request, p *page) (bool, error) {
	if p.Viewer.SignedIn() {
		return true, nil
	}
	if r.Method == http.MethodGet {
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return false, nil
	}
	return false, pledgebook.Errorf(pledgebook.KindUnauthorized, "sign in to do this")
}

// pathID reads a record id from the path; a malformed one is not found.
func pathID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, pledgebook.Errorf(pledgebook.KindNotFound, "no such %s", what)
	}
	return id, nil
}

// seeOther sends the browser to the record just written.
func seeOther(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// staleEdit reports an edit refused because someone saved the record
// after the form was read (its version field).
func staleEdit(err error) bool {
	return pledgebook.ErrorKind(err) == pledgebook.KindConflict && pledgebook.ErrorField(err) == "version"
}

// reloaded makes an edit form again from the record's current values
// after a stale edit, and lists what the user typed that differs from
// them, so that nothing typed is lost and nothing stored is overwritten.
func reloaded(l *locale, typed *form, current url.Values, fields map[string]string, editable []string) (*form, []change) {
	f := newForm(l, current, fields)
	f.Message = l.T("form.stale")
	return f, changes(typed, f, editable)
}
