package web

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"unicode/utf8"

	"pledgebook"
	"pledgebook/internal/httpapi"
)

// The review queue: curators see the candidates that extraction proposed,
// each beside its evidence in the source's text, and accept (correcting
// the fields), link to an existing pledge, or reject them, through the
// same store calls as the CLI's review command and the API's review
// routes.

type queueData struct {
	Candidates []*pledgebook.Candidate
	State      string // the filter: a state, or "all"
	Source     int64  // the filter: a source's ID, or 0 for all
	States     []choice
}

// reviewer refuses viewers who may not review, by the API's table: the
// public goes to sign in.
func (u *UI) reviewer(w http.ResponseWriter, r *http.Request, p *page) (bool, error) {
	if ok, err := u.signedIn(w, r, p); !ok {
		return false, err
	}
	if !httpapi.Allowed(p.Viewer, httpapi.ActCandidateReview, "", "") {
		return false, pledgebook.Errorf(pledgebook.KindForbidden, "a %s user may not review candidates", p.Viewer.Role)
	}
	return true, nil
}

func (u *UI) reviewQueue(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.reviewer(w, r, p); !ok {
		return err
	}
	state := r.URL.Query().Get("state")
	if state == "" {
		state = string(pledgebook.Pending)
	}
	var f pledgebook.CandidateFilter
	if state != "all" {
		st, err := pledgebook.ParseCandidateState(state)
		if err != nil {
			return err
		}
		f.State = &st
	}
	// ?source= narrows the queue to one document's candidates, where the
	// form that submitted it leads.
	var source int64
	if s := r.URL.Query().Get("source"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return pledgebook.FieldError("source", "must be a positive whole number, got %q", s)
		}
		source, f.Source = n, &n
	}
	cs, err := u.store.FindCandidates(r.Context(), f)
	if err != nil {
		return fmt.Errorf("list candidates: %w", err)
	}
	// Pending first, as they are what is left to do; then by ID.
	slices.SortStableFunc(cs, func(a, b *pledgebook.Candidate) int {
		return cmp.Compare(pendingRank(a), pendingRank(b))
	})
	d := queueData{Candidates: cs, State: state, Source: source}
	for _, s := range []string{"pending", "accepted", "linked", "rejected", "all"} {
		d.States = append(d.States, choice{Value: s, Label: p.L.T("review.state." + s), Selected: s == state})
	}
	p.Title, p.Nav, p.Data = p.L.T("review.title"), "review", d
	u.render(w, r, http.StatusOK, "review", p)
	return nil
}

func pendingRank(c *pledgebook.Candidate) int {
	if c.State == pledgebook.Pending {
		return 0
	}
	return 1
}

// candidateData is a candidate's review page: the candidate, its source
// with the evidence marked in the text, the pledges it looks like, and
// the three forms.
type candidateData struct {
	Candidate              *pledgebook.Candidate
	Source                 *pledgebook.Source
	Before, Marked, After  string // the source's text around the evidence
	Matches                []*pledgebook.Pledge
	Duplicate              bool // accepting it was refused as a look-alike
	Accept, Link, Reject   *form
	Choices                pledgeChoices
	Parties                names
	CSRF                   string
	AcceptURL, LinkURL     string
	RejectURL, PledgeLabel string
}

// View is the pledge fields of the accept form.
func (d candidateData) View() pledgeFieldsView {
	return pledgeFieldsView{F: d.Accept, Choices: d.Choices, Parties: d.Parties, NoSource: true}
}

// evidenceSpan splits text around the evidence at byte offsets start and
// end; when they do not fall on the text's characters, the evidence stands
// alone.
func evidenceSpan(text, evidence string, start, end int) (before, marked, after string) {
	if start < 0 || end > len(text) || start > end || !utf8.RuneStart(byteAt(text, start)) || !utf8.RuneStart(byteAt(text, end)) {
		return "", evidence, ""
	}
	return text[:start], text[start:end], text[end:]
}

func byteAt(s string, i int) byte {
	if i >= len(s) {
		return 'x' // the end of the text starts nothing, which is fine
	}
	return s[i]
}

// loadCandidate reads the candidate of the path with its source, and the
// forms filled from it.
func (u *UI) loadCandidate(r *http.Request, p *page) (*candidateData, error) {
	ctx := r.Context()
	id, err := pathID(r, "candidate")
	if err != nil {
		return nil, err
	}
	c, err := u.store.FindCandidateByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load candidate %d: %w", id, err)
	}
	src, err := u.store.FindSourceByID(ctx, c.Source)
	if err != nil {
		return nil, fmt.Errorf("load source %d: %w", c.Source, err)
	}
	d := &candidateData{Candidate: c, Source: src, CSRF: p.CSRF}
	d.Before, d.Marked, d.After = evidenceSpan(src.Text, c.Evidence, c.EvidenceStart, c.EvidenceEnd)
	base := "/review/" + strconv.FormatInt(id, 10)
	d.AcceptURL, d.LinkURL, d.RejectURL = base+"/accept", base+"/link", base+"/reject"
	// As on the command line, a pledge the text does not date takes the
	// source's publication date.
	proposed := c.ToPledge(src.Published)
	proposed.Normalize()
	if d.Matches, err = u.lookalikes(ctx, proposed); err != nil {
		return nil, err
	}
	vals := pledgeValues(p.L, proposed)
	vals.Del("version")
	d.Accept = newForm(p.L, vals, pledgeFields)
	d.Link = newForm(p.L, url.Values{"pledge": {""}, "pledge_id": {""}, "date": {formDate(c.Date)}}, nil)
	if len(d.Matches) == 1 {
		d.Link.Set("pledge", strconv.FormatInt(d.Matches[0].ID, 10))
	}
	d.Reject = newForm(p.L, url.Values{"reason": {""}}, nil)
	if d.Choices, err = u.pledgeChoices(ctx, p.L, p.Viewer); err != nil {
		return nil, err
	}
	d.Parties = d.Choices.names
	return d, nil
}

func (u *UI) showCandidate(w http.ResponseWriter, r *http.Request, p *page, d *candidateData, status int) error {
	if status == 0 {
		status = http.StatusOK
		for _, f := range []*form{d.Accept, d.Link, d.Reject} {
			if f.Failed() {
				status = http.StatusBadRequest
			}
		}
	}
	p.Title, p.Nav, p.Data = p.L.T("review.candidate", d.Candidate.ID), "review", d
	if status >= 400 {
		p.Title = p.L.T("form.errortitle", p.Title)
	}
	u.render(w, r, status, "candidate", p)
	return nil
}

func (u *UI) reviewCandidate(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.reviewer(w, r, p); !ok {
		return err
	}
	d, err := u.loadCandidate(r, p)
	if err != nil {
		return err
	}
	return u.showCandidate(w, r, p, d, 0)
}

// reviewing checks that the viewer may review, through the API's
// Authorize (which audits a refusal), and loads the candidate and the
// posted form.
func (u *UI) reviewing(w http.ResponseWriter, r *http.Request, p *page) (*candidateData, *form, error) {
	if ok, err := u.signedIn(w, r, p); !ok {
		return nil, nil, err
	}
	if err := u.api.Authorize(r.Context(), httpapi.ActCandidateReview, "candidate/"+r.PathValue("id"), "", ""); err != nil {
		return nil, nil, err
	}
	d, err := u.loadCandidate(r, p)
	if err != nil {
		return nil, nil, err
	}
	f, err := postedForm(r, p.L, pledgeFields)
	return d, f, err
}

// acceptCandidate records the candidate as a new pledge with the fields as
// the curator corrected them.
func (u *UI) acceptCandidate(w http.ResponseWriter, r *http.Request, p *page) error {
	d, f, err := u.reviewing(w, r, p)
	if d == nil || err != nil {
		return err
	}
	d.Accept = f
	pl, _ := parsePledge(f)
	if f.Failed() {
		return u.showCandidate(w, r, p, d, 0)
	}
	c, err := u.store.AcceptCandidate(r.Context(), d.Candidate.ID, pl, f.Get("force") != "")
	if pledgebook.ErrorKind(err) == pledgebook.KindConflict && pledgebook.ErrorField(err) == "" && d.Candidate.State == pledgebook.Pending {
		// Refused as a look-alike: offer the pledges it looks like to link
		// to, or to accept it all the same.
		pl.Normalize()
		if d.Matches, err = u.lookalikes(r.Context(), pl); err != nil {
			return err
		}
		d.Duplicate = true
		f.Message = p.L.T("review.duplicate")
		return u.showCandidate(w, r, p, d, http.StatusConflict)
	}
	if err != nil {
		if err := f.Take(err); err != nil {
			return err
		}
		return u.showCandidate(w, r, p, d, 0)
	}
	seeOther(w, r, "/pledges/"+strconv.FormatInt(*c.Pledge, 10))
	return nil
}

// linkCandidate records the candidate as a re-announcement of the pledge
// picked among the matches, or typed in.
func (u *UI) linkCandidate(w http.ResponseWriter, r *http.Request, p *page) error {
	d, f, err := u.reviewing(w, r, p)
	if d == nil || err != nil {
		return err
	}
	d.Link = f
	field := "pledge_id"
	if f.Get(field) == "" {
		field = "pledge"
	}
	id := f.id(field)
	if id == 0 && !f.Failed() {
		f.Fail("pledge", p.L.T("review.pickpledge"))
	}
	on := f.date("date")
	if f.Failed() {
		return u.showCandidate(w, r, p, d, 0)
	}
	if _, err := u.store.LinkCandidate(r.Context(), d.Candidate.ID, id, on); err != nil {
		f.fields = map[string]string{"pledge": field}
		f.Values.Set(field, f.Values.Get(field)) // so that Take puts the store's message there
		if pledgebook.ErrorKind(err) == pledgebook.KindNotFound {
			f.Fail(field, p.L.T("review.nopledge", id))
		} else if err := f.Take(err); err != nil {
			return err
		}
		return u.showCandidate(w, r, p, d, 0)
	}
	seeOther(w, r, "/pledges/"+strconv.FormatInt(id, 10))
	return nil
}

// rejectCandidate marks the candidate rejected, with the required reason.
func (u *UI) rejectCandidate(w http.ResponseWriter, r *http.Request, p *page) error {
	d, f, err := u.reviewing(w, r, p)
	if d == nil || err != nil {
		return err
	}
	d.Reject = f
	f.require("reason")
	if !f.Failed() {
		if _, err := u.store.RejectCandidate(r.Context(), d.Candidate.ID, f.Get("reason")); err != nil {
			if err := f.Take(err); err != nil {
				return err
			}
		}
	}
	if f.Failed() {
		return u.showCandidate(w, r, p, d, 0)
	}
	seeOther(w, r, "/review")
	return nil
}
