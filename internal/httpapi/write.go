package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// PledgeInput is a new pledge: the JSON fields of the CLI's pledge, how to
// treat a look-alike, and the evidence of its announcement.
type PledgeInput struct {
	Ref         string                `json:"ref,omitempty"`
	Donor       string                `json:"donor"`
	Recipient   string                `json:"recipient,omitempty"`
	Category    pledgebook.Category   `json:"category"`
	Item        string                `json:"item"`
	Quantity    *int64                `json:"quantity,omitempty"`
	Unit        string                `json:"unit,omitempty"`
	Amount      *decimal.Decimal      `json:"amount,omitempty"`
	Currency    string                `json:"currency,omitempty"`
	Status      pledgebook.Status     `json:"status,omitempty"`
	AnnouncedOn pledgebook.Date       `json:"announced_on"`
	PeriodFrom  pledgebook.Date       `json:"period_from,omitzero"`
	PeriodTo    pledgebook.Date       `json:"period_to,omitzero"`
	Meeting     string                `json:"meeting,omitempty"`
	Requirement *int64                `json:"requirement,omitempty"`
	Coalition   string                `json:"coalition,omitempty"`
	Visibility  pledgebook.Visibility `json:"visibility,omitempty"`
	Notes       string                `json:"notes,omitempty"`
	Force       bool                  `json:"force,omitempty"`  // record it even if it looks like an existing pledge
	Source      *SourceInput          `json:"source,omitempty"` // the evidence of the announcement
}

// SourceInput is the evidence of an announcement.
type SourceInput struct {
	URL       string `json:"url"`
	Publisher string `json:"publisher,omitempty"`
	Title     string `json:"title,omitempty"`
	Evidence  string `json:"evidence,omitempty"`
}

func (in PledgeInput) pledge() *pledgebook.Pledge {
	return &pledgebook.Pledge{Ref: strings.TrimSpace(in.Ref), Donor: in.Donor, Recipient: in.Recipient, Category: in.Category, Item: in.Item,
		Quantity: in.Quantity, Unit: in.Unit, Amount: in.Amount, Currency: in.Currency, Status: in.Status, AnnouncedOn: in.AnnouncedOn,
		PeriodFrom: in.PeriodFrom, PeriodTo: in.PeriodTo, Meeting: in.Meeting, Requirement: in.Requirement, Coalition: in.Coalition,
		Visibility: in.Visibility, Notes: in.Notes}
}

// decode refuses the public, then reads the body strictly into v.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if err := signedIn(r.Context()); err != nil {
		return err
	}
	b, err := readBody(w, r)
	if err != nil {
		return err
	}
	return decodeJSON(b, v)
}

func (a *API) createPledge(w http.ResponseWriter, r *http.Request) error {
	var in PledgeInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p := in.pledge()
	v := viewerOf(r.Context())
	if p.Donor == "" && v.Role == pledgebook.RoleDonor {
		p.Donor = v.Party // a donor officer records their own party's pledges
	}
	p.Normalize()
	if err := a.authorize(r.Context(), actPledgeCreate, "pledges", p.Donor, p.Recipient); err != nil {
		return err
	}
	opts := pledgebook.CreatePledgeOptions{Force: in.Force}
	if in.Source != nil {
		opts.Source = pledgebook.PledgeSource{URL: strings.TrimSpace(in.Source.URL), Publisher: in.Source.Publisher, Title: in.Source.Title, Evidence: in.Source.Evidence}
		if opts.Source.URL == "" {
			return pledgebook.FieldError("source.url", "is required when a source is given")
		}
	}
	if err := a.store.CreatePledge(r.Context(), p, opts); err != nil {
		return err
	}
	// Read back as the caller may see it: totals count only visible
	// deliveries.
	out, err := a.store.FindPledgeByID(r.Context(), p.ID)
	if err != nil {
		return err
	}
	created(w, "/api/v1/pledges/"+strconv.FormatInt(out.ID, 10), out.Version, out)
	return nil
}

// created writes a 201 with the new record's location and ETag.
func created(w http.ResponseWriter, location string, version int, v any) {
	w.Header().Set("Location", location)
	setETag(w, version)
	writeJSON(w, http.StatusCreated, v)
}

// ifMatch returns the version the If-Match header names: 428 without
// one, 412 when it is not a version of this API's ETags.
func ifMatch(r *http.Request) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, statusErr(http.StatusPreconditionRequired, "If-Match", "send If-Match with the ETag of the record you read, so that no one else's change is overwritten")
	}
	s := strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, statusErr(http.StatusPreconditionFailed, "If-Match", "%s is not an ETag of this record", h)
	}
	return n, nil
}

// pledgeFor loads the pledge a write addresses, as the caller may see it
// (not found when they may not), and checks that they may do act on it.
func (a *API) pledgeFor(r *http.Request, act action, id int64) (*pledgebook.Pledge, error) {
	p, err := a.store.FindPledgeByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if err := a.authorize(r.Context(), act, "pledge/"+strconv.FormatInt(id, 10), p.Donor, p.Recipient); err != nil {
		return nil, err
	}
	return p, nil
}

func (a *API) updatePledge(w http.ResponseWriter, r *http.Request) error {
	if err := signedIn(r.Context()); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	var upd pledgebook.PledgeUpdate
	if err := decode(w, r, &upd); err != nil {
		return err
	}
	if _, err := a.pledgeFor(r, actPledgeUpdate, id); err != nil {
		return err
	}
	p, err := a.store.UpdatePledge(r.Context(), id, upd, version)
	if pledgebook.ErrorKind(err) == pledgebook.KindConflict && pledgebook.ErrorField(err) == "version" {
		return statusErr(http.StatusPreconditionFailed, "If-Match", "%s", pledgebook.ErrorMessage(err))
	}
	if err != nil {
		return err
	}
	setETag(w, p.Version)
	writeJSON(w, http.StatusOK, p)
	return nil
}

// StatusInput moves a pledge to a new status.
type StatusInput struct {
	Status pledgebook.Status `json:"status"`
	Date   pledgebook.Date   `json:"date"`
	Note   string            `json:"note,omitempty"`
}

func (a *API) setPledgeStatus(w http.ResponseWriter, r *http.Request) error {
	var in StatusInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := a.pledgeFor(r, actPledgeStatus, id); err != nil {
		return err
	}
	if _, err := pledgebook.ParseStatus(string(in.Status)); err != nil {
		return err
	}
	if in.Date.IsZero() {
		return pledgebook.FieldError("date", "is required")
	}
	p, err := a.store.SetPledgeStatus(r.Context(), id, pledgebook.StatusMove{To: in.Status, On: in.Date, Note: in.Note})
	if err != nil {
		return err
	}
	out, err := a.store.FindPledgeByID(r.Context(), p.ID)
	if err != nil {
		return err
	}
	setETag(w, out.Version)
	writeJSON(w, http.StatusOK, out)
	return nil
}

// DeliveryInput is a new delivery.
type DeliveryInput struct {
	Ref         string                `json:"ref,omitempty"`
	Pledge      int64                 `json:"pledge"`
	DeliveredOn pledgebook.Date       `json:"delivered_on"`
	Quantity    *int64                `json:"quantity,omitempty"`
	Amount      *decimal.Decimal      `json:"amount,omitempty"`
	Currency    string                `json:"currency,omitempty"`
	Confirmed   bool                  `json:"confirmed,omitempty"` // the recipient confirms receipt
	Visibility  pledgebook.Visibility `json:"visibility,omitempty"`
	Source      string                `json:"source,omitempty"`
	Notes       string                `json:"notes,omitempty"`
}

func (a *API) createDelivery(w http.ResponseWriter, r *http.Request) error {
	var in DeliveryInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Pledge <= 0 {
		return pledgebook.FieldError("pledge", "is required")
	}
	p, err := a.pledgeFor(r, actDeliveryCreate, in.Pledge)
	if err != nil {
		return err
	}
	if in.Confirmed {
		if err := a.authorize(r.Context(), actDeliveryConfirm, "pledge/"+strconv.FormatInt(p.ID, 10), p.Donor, p.Recipient); err != nil {
			return err
		}
	}
	d := &pledgebook.Delivery{Ref: strings.TrimSpace(in.Ref), Pledge: in.Pledge, DeliveredOn: in.DeliveredOn, Quantity: in.Quantity, Amount: in.Amount,
		Currency: in.Currency, Confirmed: in.Confirmed, Visibility: in.Visibility, Source: in.Source, Notes: in.Notes}
	if err := a.store.CreateDelivery(r.Context(), d); err != nil {
		return err
	}
	created(w, "/api/v1/deliveries/"+strconv.FormatInt(d.ID, 10), d.Version, d)
	return nil
}

// confirmDelivery records that the recipient received a delivery: the
// delivery's If-Match version, no body.
func (a *API) confirmDelivery(w http.ResponseWriter, r *http.Request) error {
	if err := signedIn(r.Context()); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	d, err := a.store.FindDeliveryByID(r.Context(), id)
	if err != nil {
		return err
	}
	p, err := a.store.FindPledgeByID(r.Context(), d.Pledge)
	if err != nil {
		return err
	}
	if err := a.authorize(r.Context(), actDeliveryConfirm, "delivery/"+strconv.FormatInt(id, 10), p.Donor, p.Recipient); err != nil {
		return err
	}
	out, err := a.store.ConfirmDelivery(r.Context(), id, version)
	if pledgebook.ErrorKind(err) == pledgebook.KindConflict && pledgebook.ErrorField(err) == "version" {
		return statusErr(http.StatusPreconditionFailed, "If-Match", "%s", pledgebook.ErrorMessage(err))
	}
	if err != nil {
		return err
	}
	setETag(w, out.Version)
	writeJSON(w, http.StatusOK, out)
	return nil
}

// RequirementInput is a new requirement.
type RequirementInput struct {
	Ref          string                `json:"ref,omitempty"`
	Recipient    string                `json:"recipient,omitempty"`
	Category     pledgebook.Category   `json:"category"`
	Item         string                `json:"item"`
	Quantity     *int64                `json:"quantity,omitempty"`
	Unit         string                `json:"unit,omitempty"`
	Amount       *decimal.Decimal      `json:"amount,omitempty"`
	Currency     string                `json:"currency,omitempty"`
	Priority     int                   `json:"priority,omitempty"`
	NeededBy     pledgebook.Date       `json:"needed_by,omitzero"`
	Illustrative bool                  `json:"illustrative,omitempty"`
	Notes        string                `json:"notes,omitempty"`
	Visibility   pledgebook.Visibility `json:"visibility,omitempty"`
}

func (a *API) createRequirement(w http.ResponseWriter, r *http.Request) error {
	var in RequirementInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	x := &pledgebook.Requirement{Ref: strings.TrimSpace(in.Ref), Recipient: in.Recipient, Category: in.Category, Item: in.Item, Quantity: in.Quantity,
		Unit: in.Unit, Amount: in.Amount, Currency: in.Currency, Priority: in.Priority, NeededBy: in.NeededBy, Illustrative: in.Illustrative,
		Notes: in.Notes, Visibility: in.Visibility}
	if x.Recipient == "" && viewerOf(r.Context()).Role == pledgebook.RoleRecipient {
		x.Recipient = viewerOf(r.Context()).Party
	}
	x.Normalize()
	if err := a.authorize(r.Context(), actRequirementCreate, "requirements", "", x.Recipient); err != nil {
		return err
	}
	if err := a.store.CreateRequirement(r.Context(), x); err != nil {
		return err
	}
	created(w, "/api/v1/requirements/"+strconv.FormatInt(x.ID, 10), x.Version, x)
	return nil
}

func (a *API) updateRequirement(w http.ResponseWriter, r *http.Request) error {
	if err := signedIn(r.Context()); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	var upd pledgebook.RequirementUpdate
	if err := decode(w, r, &upd); err != nil {
		return err
	}
	x, err := a.store.FindRequirementByID(r.Context(), id)
	if err != nil {
		return err
	}
	if err := a.authorize(r.Context(), actRequirementUpdate, "requirement/"+strconv.FormatInt(id, 10), "", x.Recipient); err != nil {
		return err
	}
	out, err := a.store.UpdateRequirement(r.Context(), id, upd, version)
	if pledgebook.ErrorKind(err) == pledgebook.KindConflict && pledgebook.ErrorField(err) == "version" {
		return statusErr(http.StatusPreconditionFailed, "If-Match", "%s", pledgebook.ErrorMessage(err))
	}
	if err != nil {
		return err
	}
	setETag(w, out.Version)
	writeJSON(w, http.StatusOK, out)
	return nil
}

// AcceptInput accepts a candidate as a new pledge: the pledge as the
// curator corrected it, or the candidate's own proposal when absent.
type AcceptInput struct {
	Pledge *PledgeInput `json:"pledge,omitempty"`
	Force  bool         `json:"force,omitempty"`
}

// LinkInput links a candidate to the pledge it re-announces.
type LinkInput struct {
	Pledge int64           `json:"pledge"`
	Date   pledgebook.Date `json:"date,omitzero"`
}

// RejectInput rejects a candidate.
type RejectInput struct {
	Reason string `json:"reason"`
}

// candidateFor checks that the caller may review, then that the candidate
// is one they may see.
func (a *API) candidateFor(r *http.Request) (*pledgebook.Candidate, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	if err := a.authorize(r.Context(), actCandidateReview, "candidate/"+strconv.FormatInt(id, 10), "", ""); err != nil {
		return nil, err
	}
	return a.store.FindCandidateByID(r.Context(), id)
}

func (a *API) acceptCandidate(w http.ResponseWriter, r *http.Request) error {
	var in AcceptInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := a.candidateFor(r)
	if err != nil {
		return err
	}
	// As on the command line, a pledge the text does not date takes the
	// source's publication date, and only failing that today's.
	on := pledgebook.DateOf(a.now().UTC())
	if src, err := a.store.FindSourceByID(r.Context(), c.Source); err == nil && !src.Published.IsZero() {
		on = src.Published
	}
	p := c.ToPledge(on)
	if in.Pledge != nil {
		p = in.Pledge.pledge()
	}
	out, err := a.store.AcceptCandidate(r.Context(), c.ID, p, in.Force || in.Pledge != nil && in.Pledge.Force)
	if err != nil {
		return err
	}
	setETag(w, out.Version)
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (a *API) linkCandidate(w http.ResponseWriter, r *http.Request) error {
	var in LinkInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := a.candidateFor(r)
	if err != nil {
		return err
	}
	if in.Pledge <= 0 {
		return pledgebook.FieldError("pledge", "is required: the pledge the candidate re-announces")
	}
	out, err := a.store.LinkCandidate(r.Context(), c.ID, in.Pledge, in.Date)
	if err != nil {
		return err
	}
	setETag(w, out.Version)
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (a *API) rejectCandidate(w http.ResponseWriter, r *http.Request) error {
	var in RejectInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := a.candidateFor(r)
	if err != nil {
		return err
	}
	if strings.TrimSpace(in.Reason) == "" {
		return pledgebook.FieldError("reason", "is required")
	}
	out, err := a.store.RejectCandidate(r.Context(), c.ID, in.Reason)
	if err != nil {
		return err
	}
	setETag(w, out.Version)
	writeJSON(w, http.StatusOK, out)
	return nil
}
