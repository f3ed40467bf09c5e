package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"pledgebook"
	"pledgebook/internal/httpapi"
)

// deliveryFields are the delivery form's names of the domain's fields.
var deliveryFields = map[string]string{"date": "delivered"}

type deliveryFormData struct {
	Pledge       *pledgebook.Pledge
	Visibilities []choice
	MayConfirm   bool // the viewer may also confirm receipt
}

func (u *UI) showDeliveryForm(w http.ResponseWriter, r *http.Request, p *page, f *form, pl *pledgebook.Pledge) error {
	d := deliveryFormData{Pledge: pl, Visibilities: visibilityChoices(p.L),
		MayConfirm: httpapi.Allowed(p.Viewer, httpapi.ActDeliveryConfirm, pl.Donor, pl.Recipient)}
	p.Nav = "pledges"
	u.renderForm(w, r, p, "deliveryform", p.L.T("deliveryform.title", pl.Item),
		formData{F: f, Action: "/pledges/" + strconv.FormatInt(pl.ID, 10) + "/deliveries/new", Data: d}, 0)
	return nil
}

func (u *UI) newDelivery(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	pl, err := u.editable(r, p, httpapi.ActDeliveryCreate)
	if err != nil {
		return err
	}
	f := newForm(p.L, url.Values{"visibility": {string(pl.Visibility)}, "currency": {pl.Currency}}, deliveryFields)
	return u.showDeliveryForm(w, r, p, f, pl)
}

// createDelivery records a delivery against the pledge of the path; one
// marked as received needs the right to confirm, as in the API.
func (u *UI) createDelivery(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	pl, err := u.editable(r, p, httpapi.ActDeliveryCreate)
	if err != nil {
		return err
	}
	f, err := postedForm(r, p.L, deliveryFields)
	if err != nil {
		return err
	}
	d := &pledgebook.Delivery{Pledge: pl.ID, DeliveredOn: f.date("delivered"), Quantity: f.quantity("quantity"), Amount: f.amount("amount"),
		Currency: f.Get("currency"), Confirmed: f.Get("confirmed") != "", Visibility: pledgebook.Visibility(f.Get("visibility")),
		Source: f.Get("source"), Notes: f.Get("notes")}
	if d.Confirmed {
		if err := u.api.Authorize(r.Context(), httpapi.ActDeliveryConfirm, "pledge/"+strconv.FormatInt(pl.ID, 10), pl.Donor, pl.Recipient); err != nil {
			return err
		}
	}
	f.require("delivered")
	if d.Quantity == nil && d.Amount == nil && f.Errors["quantity"] == "" && f.Errors["amount"] == "" {
		f.Fail("quantity", f.L.T("form.quantityoramount"))
	}
	if !f.Failed() {
		if err := u.store.CreateDelivery(r.Context(), d); err != nil {
			if err := f.Take(err); err != nil {
				return err
			}
		}
	}
	if f.Failed() {
		return u.showDeliveryForm(w, r, p, f, pl)
	}
	seeOther(w, r, "/pledges/"+strconv.FormatInt(pl.ID, 10))
	return nil
}

// confirmDelivery records that the recipient received a delivery, if it
// is still at the version the pledge page showed.
func (u *UI) confirmDelivery(w http.ResponseWriter, r *http.Request, p *page) error {
	if ok, err := u.signedIn(w, r, p); !ok {
		return err
	}
	ctx := r.Context()
	id, err := pathID(r, "delivery")
	if err != nil {
		return err
	}
	d, err := u.store.FindDeliveryByID(ctx, id)
	if err != nil {
		return fmt.Errorf("load delivery %d: %w", id, err)
	}
	pl, err := u.store.FindPledgeByID(ctx, d.Pledge)
	if err != nil {
		return fmt.Errorf("load pledge %d: %w", d.Pledge, err)
	}
	if err := u.api.Authorize(ctx, httpapi.ActDeliveryConfirm, "delivery/"+strconv.FormatInt(id, 10), pl.Donor, pl.Recipient); err != nil {
		return err
	}
	f, err := postedForm(r, p.L, nil)
	if err != nil {
		return err
	}
	version := int(f.id("version"))
	if version == 0 {
		return pledgebook.FieldError("version", "is required: the version of the delivery shown")
	}
	if _, err := u.store.ConfirmDelivery(ctx, id, version); err != nil {
		if staleEdit(err) {
			return pledgebook.Errorf(pledgebook.KindConflict, "%s", p.L.T("deliveryform.stale"))
		}
		return err
	}
	seeOther(w, r, "/pledges/"+strconv.FormatInt(pl.ID, 10))
	return nil
}
