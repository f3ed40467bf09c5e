package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"pledgebook"
	"pledgebook/internal/httpapi"
)

// requirementFields are the requirement form's names of the domain's
// fields.
var requirementFields = map[string]string{}

type requirementFormData struct {
	Requirement  *pledgebook.Requirement // the one edited; nil for a new one
	Categories   []choice
	Priorities   []choice
	Visibilities []choice
	Yours        []change
	Parties      names
	FixedParty   bool // a recipient user records only their own party's
}

// requirementEditable are the fields an edit changes.
var requirementEditable = []string{"category", "item", "quantity", "unit", "amount", "currency", "priority", "needed_by", "illustrative",
	"notes", "visibility"}

func requirementValues(l *locale, r *pledgebook.Requirement) url.Values {
	v := url.Values{"recipient": {r.Recipient}, "category": {string(r.Category)}, "item": {r.Item}, "quantity": {formInt(r.Quantity)},
		"unit": {r.Unit}, "amount": {formNumber(l, r.Amount)}, "currency": {r.Currency}, "priority": {strconv.Itoa(r.Priority)},
		"needed_by": {formDate(r.NeededBy)}, "illustrative": {""}, "notes": {r.Notes}, "visibility": {string(r.Visibility)},
		"version": {strconv.Itoa(r.Version)}}
	if r.Illustrative {
		v.Set("illustrative", "1")
	}
	return v
}

func (u *UI) showRequirementForm(w http.ResponseWriter, r *http.Request, p *page, f *form, d requirementFormData, status int) error {
	var err error
	if d.Parties, err = u.partyNames(r.Context(), p.L); err != nil {
		return err
	}
	d.Categories, d.Visibilities = categoryChoices(p.L), visibilityChoices(p.L)
	for i := 1; i <= 5; i++ {
		d.Priorities = append(d.Priorities, choice{Value: strconv.Itoa(i), Label: p.L.T("priority." + strconv.Itoa(i))})
	}
	d.FixedParty = p.Viewer.Role == pledgebook.RoleRecipient
	title, action := p.L.T("requirementform.new"), "/requirements/new"
	if d.Requirement != nil {
		title, action = p.L.T("requirementform.edit", d.Requirement.Item), "/requirements/"+strconv.FormatInt(d.Requirement.ID, 10)+"/edit"
	}
	p.Nav = "coverage"
	u.renderForm(w, r, p, "requirementform", title, formData{F: f, Action: action, Data: d}, status)
	return nil
}

// parseRequirement reads the fields the new and the edit form share.
func parseRequirement(f *form) *pledgebook.Requirement {
	f.require("category", "item")
	x := &pledgebook.Requirement{Recipient: f.Get("recipient"), Category: pledgebook.Category(f.Get("category")), Item: f.Get("item"),
		Quantity: f.quantity("quantity"), Unit: f.Get("unit"), Amount: f.amount("amount"), Currency: f.Get("currency"),
		NeededBy: f.date("needed_by"), Illustrative: f.Get("illustrative") != "", Notes: f.Get("notes"),
		Visibility: pledgebook.Visibility(f.Get("visibility"))}
	if s := f.Get("priority"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			f.Fail("priority", f.L.T("form.notquantity"))
		}
		x.Priority = n
	}
	return x
}

func (u *UI) newRequirement(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	if !mayAtAll(p.Viewer, httpapi.ActRequirementCreate) {
		return pledgebook.Errorf(pledgebook.KindForbidden, "a %s user may not record requirements", p.Viewer.Role)
	}
	recipient := "UA"
	if p.Viewer.Role == pledgebook.RoleRecipient {
		recipient = p.Viewer.Party
	}
	f := newForm(p.L, url.Values{"recipient": {recipient}, "priority": {"3"}, "visibility": {string(pledgebook.Public)}}, requirementFields)
	return u.showRequirementForm(w, r, p, f, requirementFormData{}, 0)
}

func (u *UI) createRequirement(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	f, err := postedForm(r, p.L, requirementFields)
	if err != nil {
		return err
	}
	x := parseRequirement(f)
	if x.Recipient == "" && p.Viewer.Role == pledgebook.RoleRecipient {
		x.Recipient = p.Viewer.Party
	}
	x.Normalize()
	if err := u.api.Authorize(r.Context(), httpapi.ActRequirementCreate, "requirements", "", x.Recipient); err != nil {
		return err
	}
	if !f.Failed() {
		if err := u.store.CreateRequirement(r.Context(), x); err != nil {
			if err := f.Take(err); err != nil {
				return err
			}
		}
	}
	if f.Failed() {
		return u.showRequirementForm(w, r, p, f, requirementFormData{}, 0)
	}
	seeOther(w, r, "/requirements/"+strconv.FormatInt(x.ID, 10))
	return nil
}

// editableRequirement loads the requirement of the path for an edit, as
// editable does a pledge.
func (u *UI) editableRequirement(r *http.Request, p *page) (*pledgebook.Requirement, error) {
	id, err := pathID(r, "requirement")
	if err != nil {
		return nil, err
	}
	x, err := u.store.FindRequirementByID(r.Context(), id)
	if err != nil {
		return nil, fmt.Errorf("load requirement %d: %w", id, err)
	}
	if r.Method != http.MethodGet {
		return x, u.api.Authorize(r.Context(), httpapi.ActRequirementUpdate, "requirement/"+strconv.FormatInt(id, 10), "", x.Recipient)
	}
	if !httpapi.Allowed(p.Viewer, httpapi.ActRequirementUpdate, "", x.Recipient) {
		return nil, pledgebook.Errorf(pledgebook.KindForbidden, "a %s user may not change this requirement", p.Viewer.Role)
	}
	return x, nil
}

func (u *UI) editRequirement(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	x, err := u.editableRequirement(r, p)
	if err != nil {
		return err
	}
	return u.showRequirementForm(w, r, p, newForm(p.L, requirementValues(p.L, x), requirementFields), requirementFormData{Requirement: x}, 0)
}

// updateRequirement saves an edit at the version the form was loaded at,
// as updatePledge does.
func (u *UI) updateRequirement(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	x, err := u.editableRequirement(r, p)
	if err != nil {
		return err
	}
	f, err := postedForm(r, p.L, requirementFields)
	if err != nil {
		return err
	}
	n := parseRequirement(f)
	version := int(f.id("version"))
	if version == 0 {
		f.Message = p.L.T("form.noversion")
	}
	upd := pledgebook.RequirementUpdate{Category: &n.Category, Item: &n.Item, Quantity: n.Quantity, Unit: &n.Unit, Amount: n.Amount,
		Currency: &n.Currency, NeededBy: &n.NeededBy, Illustrative: &n.Illustrative, Notes: &n.Notes, Visibility: &n.Visibility}
	if f.Get("priority") != "" {
		upd.Priority = &n.Priority
	}
	// As in a pledge's edit, an emptied quantity or amount is removed with
	// its unit or currency.
	if f.Get("quantity") == "" && x.Quantity != nil {
		upd.Clear, upd.Unit = append(upd.Clear, "quantity"), nil
	}
	if f.Get("amount") == "" && x.Amount != nil {
		upd.Clear, upd.Currency = append(upd.Clear, "amount"), nil
	}
	if f.Failed() {
		return u.showRequirementForm(w, r, p, f, requirementFormData{Requirement: x}, 0)
	}
	_, err = u.store.UpdateRequirement(r.Context(), x.ID, upd, version)
	if staleEdit(err) {
		now, err := u.store.FindRequirementByID(r.Context(), x.ID)
		if err != nil {
			return fmt.Errorf("load requirement %d: %w", x.ID, err)
		}
		f, yours := reloaded(p.L, f, requirementValues(p.L, now), requirementFields, requirementEditable)
		return u.showRequirementForm(w, r, p, f, requirementFormData{Requirement: now, Yours: yours}, http.StatusConflict)
	}
	if err != nil {
		if err := f.Take(err); err != nil {
			return err
		}
		return u.showRequirementForm(w, r, p, f, requirementFormData{Requirement: x}, 0)
	}
	seeOther(w, r, "/requirements/"+strconv.FormatInt(x.ID, 10))
	return nil
}

type requirementData struct {
	Requirement *pledgebook.Requirement
	Pledges     []*pledgebook.Pledge // those answering it
	Parties     names
	MayEdit     bool
}

// requirement shows one requirement and the pledges that answer it.
func (u *UI) requirement(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	id, err := pathID(r, "requirement")
	if err != nil {
		return err
	}
	x, err := u.store.FindRequirementByID(ctx, id)
	if err != nil {
		return fmt.Errorf("load requirement %d: %w", id, err)
	}
	ps, _, err := u.store.FindPledges(ctx, pledgebook.PledgeFilter{Requirement: &id})
	if err != nil {
		return fmt.Errorf("load pledges of requirement %d: %w", id, err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	p.Title, p.Nav = p.L.T("requirement.title", x.Item), "coverage"
	p.Data = requirementData{Requirement: x, Pledges: ps, Parties: n, MayEdit: httpapi.Allowed(p.Viewer, httpapi.ActRequirementUpdate, "", x.Recipient)}
	u.render(w, r, http.StatusOK, "requirement", p)
	return nil
}
