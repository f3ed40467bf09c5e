package httpapi

import (
	"net/http"
	"strconv"

	"pledgebook"
	"pledgebook/internal/webhook"
)

// WebhookInput subscribes a URL to the new and changed pledges of a
// selection: kind all (the default), donor, area or meeting, with the
// donor's code, the area or the meeting's ID as key.
type WebhookInput struct {
	URL       string               `json:"url"`
	Selection pledgebook.Selection `json:"selection"`
}

// WebhookCreated is a new webhook with its signing secret, which is shown
// this once.
type WebhookCreated struct {
	pledgebook.Webhook
	Secret string `json:"secret"`
}

func (a *API) guard() *webhook.Guard {
	if a.opts.Webhooks != nil {
		return a.opts.Webhooks
	}
	return &webhook.Guard{}
}

func (a *API) createWebhook(w http.ResponseWriter, r *http.Request) error {
	var in WebhookInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := a.authorize(r.Context(), actWebhookManage, "webhooks", "", ""); err != nil {
		return err
	}
	h, err := a.guard().Subscribe(r.Context(), a.store, in.Selection, in.URL)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/webhooks/"+strconv.FormatInt(h.ID, 10))
	writeJSON(w, http.StatusCreated, WebhookCreated{Webhook: *h, Secret: h.Secret})
	return nil
}

func (a *API) listWebhooks(w http.ResponseWriter, r *http.Request) error {
	if err := signedIn(r.Context()); err != nil {
		return err
	}
	hs, err := a.store.FindWebhooks(r.Context())
	if err != nil {
		return err
	}
	return writeList(w, r, hs, func(h *pledgebook.Webhook) string { return idKey(h.ID) })
}

func (a *API) getWebhook(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := signedIn(r.Context()); err != nil {
		return err
	}
	h, err := a.store.FindWebhookByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, h)
	return nil
}

func (a *API) deleteWebhook(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.authorize(r.Context(), actWebhookManage, "webhook/"+strconv.FormatInt(id, 10), "", ""); err != nil {
		return err
	}
	if err := a.store.DeleteWebhook(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) listWebhookDeliveries(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := signedIn(r.Context()); err != nil {
		return err
	}
	ds, err := a.store.FindWebhookDeliveries(r.Context(), id, 0)
	if err != nil {
		return err
	}
	return writeList(w, r, ds, func(d pledgebook.WebhookDelivery) string { return idKey(d.ID) })
}
