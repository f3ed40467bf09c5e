package web

import (
	"net/http"
	"strconv"

	"pledgebook"
	"pledgebook/internal/httpapi"
)

// signinFields are the sign-in form's names of the API's fields.
var signinFields = map[string]string{"name": "username"}

type signinData struct {
	Next string // where to go once signed in
}

// signinForm shows the sign-in form; next is where it returns to.
func (u *UI) signinForm(w http.ResponseWriter, r *http.Request, p *page) error {
	f := newForm(p.L, nil, signinFields)
	p.Nav = "signin"
	u.renderForm(w, r, p, "signin", p.L.T("signin.title"), formData{F: f, Action: "/signin", Data: signinData{Next: localPath(r.URL.Query().Get("next"))}}, 0)
	return nil
}

// signin signs in through the API's one sign-in (password check, rate
// limit, session and cookie) and goes on to next. A failure shows the
// form again with the name kept and the password not.
func (u *UI) signin(w http.ResponseWriter, r *http.Request, p *page) error {
	f, err := postedForm(r, p.L, signinFields)
	if err != nil {
		return err
	}
	next := localPath(f.Get("next"))
	if f.Get("next") == "" {
		next = localPath(r.URL.Query().Get("next"))
	}
	_, err = u.api.SignIn(w, r, f.Get("username"), f.Values.Get("password"))
	if err == nil {
		seeOther(w, r, next)
		return nil
	}
	f.Values.Del("password")
	status := httpapi.StatusOf(err)
	switch {
	case status == http.StatusTooManyRequests:
		if s := httpapi.RetryAfter(err); s > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(s))
		}
		f.Message = p.L.T("signin.limited")
	case status == http.StatusUnauthorized:
		f.Message = p.L.T("signin.wrong")
	case pledgebook.ErrorKind(err) == pledgebook.KindInvalid:
		f.Fail(signinFieldName(pledgebook.ErrorField(err)), p.L.T("form.required"))
	default:
		return err
	}
	p.Nav = "signin"
	u.renderForm(w, r, p, "signin", p.L.T("signin.title"), formData{F: f, Action: "/signin", Data: signinData{Next: next}}, status)
	return nil
}

func signinFieldName(field string) string {
	if n, ok := signinFields[field]; ok {
		return n
	}
	return field
}

// signout ends the session and returns to the dashboard.
func (u *UI) signout(w http.ResponseWriter, r *http.Request, p *page) error {
	if err := u.api.SignOut(w, r); err != nil {
		return err
	}
	seeOther(w, r, "/")
	return nil
}
