package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"pledgebook"
	"pledgebook/internal/httpapi"
)

// formRoutes registers the pages that write: sign-in, the forms for
// pledges, deliveries and requirements, and the review queue.
func (u *UI) formRoutes() {
	u.handle("GET /signin", u.signinForm)
	u.handle("POST /signin", u.signin)
	u.handle("POST /signout", u.signout)
	u.handle("GET /pledges/new", u.newPledge)
	u.handle("POST /pledges/new", u.createPledge)
	u.handle("GET /pledges/{id}/edit", u.editPledge)
	u.handle("POST /pledges/{id}/edit", u.updatePledge)
	u.handle("GET /pledges/{id}/status", u.statusForm)
	u.handle("POST /pledges/{id}/status", u.setStatus)
	u.handle("GET /pledges/{id}/deliveries/new", u.newDelivery)
	u.handle("POST /pledges/{id}/deliveries/new", u.createDelivery)
	u.handle("POST /deliveries/{id}/confirm", u.confirmDelivery)
	u.handle("GET /requirements/new", u.newRequirement)
	u.handle("POST /requirements/new", u.createRequirement)
	u.handle("GET /requirements/{id}", u.requirement)
	u.handle("GET /requirements/{id}/edit", u.editRequirement)
	u.handle("POST /requirements/{id}/edit", u.updateRequirement)
	u.handle("GET "+sourceFormPath, u.newSource)
	u.handle("POST "+sourceFormPath, u.createSource)
	u.handle("GET /review", u.reviewQueue)
	u.handle("GET /review/{id}", u.reviewCandidate)
	u.handle("POST /review/{id}/accept", u.acceptCandidate)
	u.handle("POST /review/{id}/link", u.linkCandidate)
	u.handle("POST /review/{id}/reject", u.rejectCandidate)
}

// pledgeFields are the pledge form's names of the domain's fields.
var pledgeFields = map[string]string{"date": "announced", "announced_on": "announced", "period": "period_to",
	"source.url": "source", "link": "link"}

// pledgeChoices are the options of the pledge form's selects.
type pledgeChoices struct {
	Donors, Categories, Statuses, Meetings, Visibilities []choice
	names                                                names // every party's name, read with the donors
}

func (u *UI) pledgeChoices(ctx context.Context, l *locale, v pledgebook.Viewer) (pledgeChoices, error) {
	var c pledgeChoices
	parties, err := u.store.FindParties(ctx, pledgebook.PartyFilter{})
	if err != nil {
		return c, fmt.Errorf("load parties: %w", err)
	}
	c.names = names{}
	for _, p := range parties {
		name := p.NameEN
		if l.Lang == "de" && p.NameDE != "" {
			name = p.NameDE
		}
		c.names[p.Code] = name
		// A donor officer records only their own party's pledges.
		if v.Role == pledgebook.RoleDonor && p.Code != v.Party {
			continue
		}
		c.Donors = append(c.Donors, choice{Value: p.Code, Label: name + " (" + p.Code + ")"})
	}
	c.Categories = categoryChoices(l)
	for _, s := range pledgebook.Statuses {
		c.Statuses = append(c.Statuses, choice{Value: string(s), Label: l.Status(s)})
	}
	ms, err := u.store.FindMeetings(ctx)
	if err != nil {
		return c, fmt.Errorf("load meetings: %w", err)
	}
	for i := len(ms) - 1; i >= 0; i-- { // the latest first
		c.Meetings = append(c.Meetings, choice{Value: ms[i].ID, Label: ms[i].Title + " (" + l.Date(ms[i].Date) + ")"})
	}
	c.Visibilities = visibilityChoices(l)
	return c, nil
}

func categoryChoices(l *locale) []choice {
	var out []choice
	for _, info := range pledgebook.Categories {
		out = append(out, choice{Value: string(info.Code), Label: l.Category(info.Code)})
	}
	return out
}

func visibilityChoices(l *locale) []choice {
	var out []choice
	for _, v := range []pledgebook.Visibility{pledgebook.Public, pledgebook.Restricted, pledgebook.Confidential} {
		out = append(out, choice{Value: string(v), Label: l.T("visibility." + string(v))})
	}
	return out
}

// pledgeFormData is the pledge form's page: its choices and, when the
// form came back, the pledges it looks like or the values of a stale edit.
type pledgeFormData struct {
	Choices    pledgeChoices
	Pledge     *pledgebook.Pledge // the pledge edited; nil for a new one
	Duplicates []*pledgebook.Pledge
	Duplicate  bool     // the store refused it as a look-alike
	Yours      []change // a stale edit's values, not saved
	Parties    names
}

// pledgeFieldsView is what the "pledgefields" template draws.
type pledgeFieldsView struct {
	F        *form
	Choices  pledgeChoices
	Parties  names
	Pledge   *pledgebook.Pledge // the pledge edited, or nil
	NoSource bool               // the source is given otherwise: a candidate's
}

// View is the pledge fields of form f.
func (d pledgeFormData) View(f *form) pledgeFieldsView {
	return pledgeFieldsView{F: f, Choices: d.Choices, Parties: d.Parties, Pledge: d.Pledge}
}

// change is a field whose value the user typed differs from the stored.
type change struct {
	Label, Yours, Stored string
}

// parsePledge reads the pledge form; what cannot be read is put beside
// its field.
func parsePledge(f *form) (*pledgebook.Pledge, string) {
	f.require("donor", "category", "item", "announced")
	p := &pledgebook.Pledge{Donor: f.Get("donor"), Recipient: f.Get("recipient"), Category: pledgebook.Category(f.Get("category")),
		Item: f.Get("item"), Quantity: f.quantity("quantity"), Unit: f.Get("unit"), Amount: f.amount("amount"), Currency: f.Get("currency"),
		Status: pledgebook.Status(f.Get("status")), AnnouncedOn: f.date("announced"), PeriodFrom: f.date("period_from"),
		PeriodTo: f.date("period_to"), Meeting: f.Get("meeting"), Visibility: pledgebook.Visibility(f.Get("visibility")), Notes: f.Get("notes")}
	if p.Quantity == nil && p.Amount == nil && f.Errors["quantity"] == "" && f.Errors["amount"] == "" {
		f.Fail("quantity", f.L.T("form.quantityoramount"))
	}
	return p, f.Get("source")
}

// pledgeValues fills a form with a stored pledge's values.
func pledgeValues(l *locale, p *pledgebook.Pledge) url.Values {
	return url.Values{"donor": {p.Donor}, "recipient": {p.Recipient}, "category": {string(p.Category)}, "item": {p.Item},
		"quantity": {formInt(p.Quantity)}, "unit": {p.Unit}, "amount": {formNumber(l, p.Amount)}, "currency": {p.Currency},
		"status": {string(p.Status)}, "announced": {formDate(p.AnnouncedOn)}, "period_from": {formDate(p.PeriodFrom)},
		"period_to": {formDate(p.PeriodTo)}, "meeting": {p.Meeting}, "visibility": {string(p.Visibility)}, "notes": {p.Notes},
		"version": {strconv.Itoa(p.Version)}}
}

// lookalikes are the pledges the viewer may see that p looks like (see
// Pledge.LooksLike): what the store's duplicate check refused it for, and
// what a candidate is likely a re-announcement of.
func (u *UI) lookalikes(ctx context.Context, p *pledgebook.Pledge) ([]*pledgebook.Pledge, error) {
	if p.Donor == "" || !p.Category.Valid() {
		return nil, nil
	}
	ps, _, err := u.store.FindPledges(ctx, pledgebook.PledgeFilter{Donor: &p.Donor, Category: &p.Category})
	if err != nil {
		return nil, fmt.Errorf("look for similar pledges: %w", err)
	}
	var out []*pledgebook.Pledge
	for _, q := range ps {
		if p.LooksLike(q) {
			out = append(out, q)
		}
	}
	return out, nil
}

func (u *UI) showPledgeForm(w http.ResponseWriter, r *http.Request, p *page, f *form, d pledgeFormData, status int) error {
	var err error
	if d.Choices, err = u.pledgeChoices(r.Context(), p.L, p.Viewer); err != nil {
		return err
	}
	d.Parties = d.Choices.names
	title, action := p.L.T("pledgeform.new"), "/pledges/new"
	if d.Pledge != nil {
		title, action = p.L.T("pledgeform.edit", d.Pledge.Item), "/pledges/"+strconv.FormatInt(d.Pledge.ID, 10)+"/edit"
	}
	p.Nav = "pledges"
	u.renderForm(w, r, p, "pledgeform", title, formData{F: f, Action: action, Data: d}, status)
	return nil
}

func (u *UI) newPledge(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	if !mayAtAll(p.Viewer, httpapi.ActPledgeCreate) {
		return pledgebook.Errorf(pledgebook.KindForbidden, "a %s user may not record pledges", p.Viewer.Role)
	}
	f := newForm(p.L, url.Values{"recipient": {"UA"}, "status": {string(pledgebook.Announced)}, "visibility": {string(pledgebook.Public)},
		"donor": {p.Viewer.Party}}, pledgeFields)
	return u.showPledgeForm(w, r, p, f, pledgeFormData{}, 0)
}

// createPledge records a new pledge, or, when the store finds that it
// looks like one already recorded, shows those pledges and offers to
// record it as a re-announcement of one (link) or as new all the same
// (force), as the CLI's pledge add and the API do.
func (u *UI) createPledge(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	ctx := r.Context()
	f, err := postedForm(r, p.L, pledgeFields)
	if err != nil {
		return err
	}
	pl, source := parsePledge(f)
	if pl.Donor == "" && p.Viewer.Role == pledgebook.RoleDonor {
		pl.Donor = p.Viewer.Party
	}
	pl.Normalize()
	if err := u.api.Authorize(ctx, httpapi.ActPledgeCreate, "pledges", pl.Donor, pl.Recipient); err != nil {
		return err
	}
	if f.Failed() {
		return u.showPledgeForm(w, r, p, f, pledgeFormData{}, 0)
	}
	if link := f.Get("link"); link != "" {
		return u.reannounce(w, r, p, f, pl, source)
	}
	opts := pledgebook.CreatePledgeOptions{Force: f.Get("force") != "", Source: pledgebook.PledgeSource{URL: source}}
	err = u.store.CreatePledge(ctx, pl, opts)
	if pledgebook.ErrorKind(err) == pledgebook.KindConflict && pledgebook.ErrorField(err) == "" {
		d := pledgeFormData{Duplicate: true}
		if d.Duplicates, err = u.lookalikes(ctx, pl); err != nil {
			return err
		}
		f.Message = p.L.T("pledgeform.duplicate")
		if len(d.Duplicates) == 0 {
			f.Message = p.L.ErrorText(err) // one the viewer may not see
		}
		return u.showPledgeForm(w, r, p, f, d, http.StatusConflict)
	}
	if err != nil {
		if err := f.Take(err); err != nil {
			return err
		}
		return u.showPledgeForm(w, r, p, f, pledgeFormData{}, 0)
	}
	seeOther(w, r, "/pledges/"+strconv.FormatInt(pl.ID, 10))
	return nil
}

// reannounce records the form's announcement as a re-announcement of the
// pledge its link field names: its source, date and meeting are added to
// that pledge, which is not counted again.
func (u *UI) reannounce(w http.ResponseWriter, r *http.Request, p *page, f *form, pl *pledgebook.Pledge, source string) error {
	ctx := r.Context()
	id := f.id("link")
	if source == "" {
		f.Fail("source", p.L.T("pledgeform.linkneedssource"))
	}
	if f.Failed() {
		return u.showPledgeForm(w, r, p, f, pledgeFormData{}, 0)
	}
	target, err := u.store.FindPledgeByID(ctx, id)
	if err != nil {
		return fmt.Errorf("load pledge %d: %w", id, err)
	}
	if err := u.api.Authorize(ctx, httpapi.ActPledgeUpdate, "pledge/"+strconv.FormatInt(id, 10), target.Donor, target.Recipient); err != nil {
		return err
	}
	if target.Donor != pl.Donor {
		f.Fail("donor", p.L.T("pledgeform.linkotherdonor", id, target.Donor))
		return u.showPledgeForm(w, r, p, f, pledgeFormData{}, 0)
	}
	if _, err := u.store.LinkPledge(ctx, id, pledgebook.PledgeSource{URL: source, AnnouncedOn: pl.AnnouncedOn, Meeting: pl.Meeting}); err != nil {
		if err := f.Take(err); err != nil {
			return err
		}
		return u.showPledgeForm(w, r, p, f, pledgeFormData{}, 0)
	}
	seeOther(w, r, "/pledges/"+strconv.FormatInt(id, 10))
	return nil
}

// editable loads the pledge of the request's path for a write of act:
// not found when the viewer may not see it, forbidden when they may see
// but not change it. A GET is refused without an audit event, since it
// changes nothing; a POST is refused through the API's Authorize.
func (u *UI) editable(r *http.Request, p *page, act httpapi.Action) (*pledgebook.Pledge, error) {
	id, err := pathID(r, "pledge")
	if err != nil {
		return nil, err
	}
	pl, err := u.store.FindPledgeByID(r.Context(), id)
	if err != nil {
		return nil, fmt.Errorf("load pledge %d: %w", id, err)
	}
	if r.Method != http.MethodGet {
		return pl, u.api.Authorize(r.Context(), act, "pledge/"+strconv.FormatInt(id, 10), pl.Donor, pl.Recipient)
	}
	if !httpapi.Allowed(p.Viewer, act, pl.Donor, pl.Recipient) {
		return nil, pledgebook.Errorf(pledgebook.KindForbidden, "a %s user may not do %s here", p.Viewer.Role, act)
	}
	return pl, nil
}

func (u *UI) editPledge(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	pl, err := u.editable(r, p, httpapi.ActPledgeUpdate)
	if err != nil {
		return err
	}
	return u.showPledgeForm(w, r, p, newForm(p.L, pledgeValues(p.L, pl), pledgeFields), pledgeFormData{Pledge: pl}, 0)
}

// updatePledge saves an edit if no one else saved the pledge since the
// form was loaded (its version field); otherwise it saves nothing and
// shows the pledge as it is now, beside what the user typed.
func (u *UI) updatePledge(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	pl, err := u.editable(r, p, httpapi.ActPledgeUpdate)
	if err != nil {
		return err
	}
	f, err := postedForm(r, p.L, pledgeFields)
	if err != nil {
		return err
	}
	f.require("category", "item", "announced")
	upd, version := pledgeUpdate(f, pl)
	if f.Failed() {
		return u.showPledgeForm(w, r, p, f, pledgeFormData{Pledge: pl}, 0)
	}
	_, err = u.store.UpdatePledge(r.Context(), pl.ID, upd, version)
	if staleEdit(err) {
		now, err := u.store.FindPledgeByID(r.Context(), pl.ID)
		if err != nil {
			return fmt.Errorf("load pledge %d: %w", pl.ID, err)
		}
		f, yours := reloaded(p.L, f, pledgeValues(p.L, now), pledgeFields, pledgeEditable)
		return u.showPledgeForm(w, r, p, f, pledgeFormData{Pledge: now, Yours: yours}, http.StatusConflict)
	}
	if err != nil {
		if err := f.Take(err); err != nil {
			return err
		}
		return u.showPledgeForm(w, r, p, f, pledgeFormData{Pledge: pl}, 0)
	}
	seeOther(w, r, "/pledges/"+strconv.FormatInt(pl.ID, 10))
	return nil
}

// pledgeEditable are the fields an edit changes; who gives and receives a
// pledge and its status are not changed this way.
var pledgeEditable = []string{"category", "item", "quantity", "unit", "amount", "currency", "announced", "period_from", "period_to",
	"meeting", "visibility", "notes"}

// pledgeUpdate reads an edit of pl: every field, as a PledgeUpdate, and
// the version the form was loaded at.
func pledgeUpdate(f *form, pl *pledgebook.Pledge) (pledgebook.PledgeUpdate, int) {
	version := int(f.id("version"))
	if version == 0 {
		f.Message = f.L.T("form.noversion")
	}
	str := func(name string) *string { s := f.Get(name); return &s }
	date := func(name string) *pledgebook.Date { d := f.date(name); return &d }
	cat := pledgebook.Category(f.Get("category"))
	vis := pledgebook.Visibility(f.Get("visibility"))
	upd := pledgebook.PledgeUpdate{Category: &cat, Item: str("item"), Quantity: f.quantity("quantity"), Unit: str("unit"),
		Amount: f.amount("amount"), Currency: str("currency"), AnnouncedOn: date("announced"), PeriodFrom: date("period_from"),
		PeriodTo: date("period_to"), Meeting: str("meeting"), Visibility: &vis, Notes: str("notes")}
	// An emptied quantity or amount is removed, and its unit or currency
	// with it, whatever is left in their boxes: the store refuses what
	// would break the pledge's rules, and the form comes back as typed.
	if f.Get("quantity") == "" && pl.Quantity != nil {
		upd.Clear, upd.Unit = append(upd.Clear, "quantity"), nil
	}
	if f.Get("amount") == "" && pl.Amount != nil {
		upd.Clear, upd.Currency = append(upd.Clear, "amount"), nil
	}
	return upd, version
}

// changes lists the fields whose typed value differs from the form now
// showing the stored one.
func changes(typed, stored *form, names []string) []change {
	var out []change
	for _, n := range names {
		if y, s := typed.Get(n), stored.Get(n); y != s {
			out = append(out, change{Label: typed.L.T("field." + n), Yours: y, Stored: s})
		}
	}
	return out
}

// statusData is the status form's page.
type statusData struct {
	Pledge   *pledgebook.Pledge
	Statuses []choice
}

func (u *UI) showStatusForm(w http.ResponseWriter, r *http.Request, p *page, f *form, pl *pledgebook.Pledge) error {
	d := statusData{Pledge: pl, Statuses: statusChoices(p.L, pl)}
	p.Nav = "pledges"
	u.renderForm(w, r, p, "statusform", p.L.T("statusform.title", pl.Item), formData{F: f, Action: "/pledges/" + strconv.FormatInt(pl.ID, 10) + "/status", Data: d}, 0)
	return nil
}

func (u *UI) statusForm(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	pl, err := u.editable(r, p, httpapi.ActPledgeStatus)
	if err != nil {
		return err
	}
	return u.showStatusForm(w, r, p, newForm(p.L, nil, nil), pl)
}

// setStatus moves a pledge to the status of the form, on its date.
func (u *UI) setStatus(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	pl, err := u.editable(r, p, httpapi.ActPledgeStatus)
	if err != nil {
		return err
	}
	f, err := postedForm(r, p.L, nil)
	if err != nil {
		return err
	}
	f.require("status", "date")
	m := pledgebook.StatusMove{To: pledgebook.Status(f.Get("status")), On: f.date("date"), Note: f.Get("note")}
	if !f.Failed() {
		if _, err := u.store.SetPledgeStatus(r.Context(), pl.ID, m); err != nil {
			if err := f.Take(err); err != nil {
				return err
			}
		}
	}
	if f.Failed() {
		return u.showStatusForm(w, r, p, f, pl)
	}
	seeOther(w, r, "/pledges/"+strconv.FormatInt(pl.ID, 10))
	return nil
}

// pledgeActions are the writes a pledge's page offers its viewer: only
// those the API's table allows them.
type pledgeActions struct {
	Edit, Delivery, Confirm bool
	Status                  *formData // the status form, when the viewer may move it
}

// Any reports whether the viewer may do anything to the pledge.
func (a pledgeActions) Any() bool { return a.Edit || a.Delivery || a.Status != nil }

func pledgeActionsFor(p *page, pl *pledgebook.Pledge) pledgeActions {
	v := p.Viewer
	a := pledgeActions{
		Edit:     httpapi.Allowed(v, httpapi.ActPledgeUpdate, pl.Donor, pl.Recipient),
		Delivery: httpapi.Allowed(v, httpapi.ActDeliveryCreate, pl.Donor, pl.Recipient) && pl.Status != pledgebook.Cancelled,
		Confirm:  httpapi.Allowed(v, httpapi.ActDeliveryConfirm, pl.Donor, pl.Recipient),
	}
	if httpapi.Allowed(v, httpapi.ActPledgeStatus, pl.Donor, pl.Recipient) && !pl.Status.Final() {
		d := statusData{Pledge: pl, Statuses: statusChoices(p.L, pl)}
		a.Status = &formData{F: newForm(p.L, nil, nil), Action: "/pledges/" + strconv.FormatInt(pl.ID, 10) + "/status", CSRF: p.CSRF, Data: d}
	}
	return a
}

// statusChoices are the statuses pl may move to.
func statusChoices(l *locale, pl *pledgebook.Pledge) []choice {
	var out []choice
	for _, s := range pledgebook.Statuses {
		if pledgebook.CheckMove(pl.Status, s) == nil {
			out = append(out, choice{Value: string(s), Label: l.Status(s)})
		}
	}
	return out
}
