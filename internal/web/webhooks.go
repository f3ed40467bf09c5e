package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"pledgebook"
	"pledgebook/internal/webhook"
)

// The webhooks pages let a signed-in user subscribe a URL to a selection
// of pledges, see the delivery log, and delete a webhook. The store shows
// each user only their own webhooks (admins: all).

// routeWebhooks registers the webhooks pages.
func (u *UI) routeWebhooks() {
	u.handle("GET /webhooks", u.webhooks)
	u.handle("POST /webhooks", u.subscribe)
	u.handle("GET /webhooks/{id}", u.webhookLog)
	u.handle("POST /webhooks/{id}/delete", u.unsubscribe)
}

type webhooksData struct {
	Webhooks  []*pledgebook.Webhook
	Created   *pledgebook.Webhook // the webhook just made, with its secret: shown once
	Choices   []selectionChoice
	Selection string // the form's selection, e.g. donor:GB
	URL       string // the form's URL
	Error     string // the form's error, not tied to a field
	URLError  string
	SelError  string
	Parties   names
}

// selectionChoice is an option of the form's selection menu.
type selectionChoice struct {
	Group string // "" for all pledges
	Value string // kind:key
	Label string
}

// parseSelectionValue reads the form's selection, e.g. donor:GB or all.
func parseSelectionValue(v string) pledgebook.Selection {
	kind, key, _ := strings.Cut(v, ":")
	s := pledgebook.Selection{Kind: pledgebook.SelectionKind(kind), Key: key}
	s.Normalize()
	return s
}

// Describe names a webhook's selection in the page's language.
func (d webhooksData) Describe(l *locale, s pledgebook.Selection) string {
	switch s.Kind {
	case pledgebook.SelectDonor:
		return l.T("webhooks.sel.donor", d.Parties.Of(s.Key))
	case pledgebook.SelectArea:
		return l.T("webhooks.sel.area", l.Category(pledgebook.Category(s.Key)))
	case pledgebook.SelectMeeting:
		return l.T("webhooks.sel.meeting", s.Key)
	}
	return l.T("webhooks.sel.all")
}

// signedInPage refuses the public: webhooks belong to users.
func signedInPage(p *page) error {
	if !p.Viewer.SignedIn() {
		return pledgebook.Errorf(pledgebook.KindUnauthorized, "%s", p.L.T("webhooks.signin"))
	}
	return nil
}

func (u *UI) webhooksPage(r *http.Request, p *page, d *webhooksData) error {
	ctx := r.Context()
	hs, err := u.store.FindWebhooks(ctx)
	if err != nil {
		return fmt.Errorf("load webhooks: %w", err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	donors, err := u.store.FindParties(ctx, pledgebook.PartyFilter{Donors: true})
	if err != nil {
		return fmt.Errorf("load donors: %w", err)
	}
	meetings, err := u.store.FindMeetings(ctx)
	if err != nil {
		return fmt.Errorf("load meetings: %w", err)
	}
	d.Webhooks, d.Parties = hs, n
	d.Choices = []selectionChoice{{Value: "all", Label: p.L.T("webhooks.sel.all")}}
	for _, pt := range donors {
		d.Choices = append(d.Choices, selectionChoice{Group: p.L.T("col.donor"), Value: "donor:" + pt.Code, Label: n.Of(pt.Code)})
	}
	for _, c := range pledgebook.Categories {
		d.Choices = append(d.Choices, selectionChoice{Group: p.L.T("col.category"), Value: "area:" + string(c.Code), Label: p.L.Category(c.Code)})
	}
	for _, m := range meetings {
		d.Choices = append(d.Choices, selectionChoice{Group: p.L.T("col.meeting"), Value: "meeting:" + m.ID, Label: m.Title})
	}
	if d.Selection == "" {
		d.Selection = "all"
	}
	p.Title, p.Nav, p.Data = p.L.T("webhooks.title"), "webhooks", *d
	return nil
}

func (u *UI) webhooks(w http.ResponseWriter, r *http.Request, p *page) error {
	if err := signedInPage(p); err != nil {
		return err
	}
	if err := u.webhooksPage(r, p, &webhooksData{}); err != nil {
		return err
	}
	u.render(w, r, http.StatusOK, "webhooks", p)
	return nil
}

func (u *UI) guard() *webhook.Guard {
	if u.opts.Webhooks != nil {
		return u.opts.Webhooks
	}
	return &webhook.Guard{}
}

func (u *UI) subscribe(w http.ResponseWriter, r *http.Request, p *page) error {
	if err := signedInPage(p); err != nil {
		return err
	}
	d := &webhooksData{Selection: r.PostFormValue("selection"), URL: strings.TrimSpace(r.PostFormValue("url"))}
	h, err := u.guard().Subscribe(r.Context(), u.store, parseSelectionValue(d.Selection), d.URL)
	status := http.StatusCreated
	switch {
	case err == nil:
		d.Created, d.Selection, d.URL = h, "", ""
	case pledgebook.ErrorKind(err) != pledgebook.KindInvalid:
		return err
	default:
		status = http.StatusBadRequest
		msg := p.L.ErrorText(err)
		switch pledgebook.ErrorField(err) {
		case "url":
			d.URLError = msg
		case "kind", "key":
			d.SelError = msg
		default:
			d.Error = msg
		}
	}
	if err := u.webhooksPage(r, p, d); err != nil {
		return err
	}
	u.render(w, r, status, "webhooks", p)
	return nil
}

func webhookID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, pledgebook.Errorf(pledgebook.KindNotFound, "no such webhook")
	}
	return id, nil
}

func (u *UI) unsubscribe(w http.ResponseWriter, r *http.Request, p *page) error {
	if err := signedInPage(p); err != nil {
		return err
	}
	id, err := webhookID(r)
	if err != nil {
		return err
	}
	if err := u.store.DeleteWebhook(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/webhooks", http.StatusSeeOther)
	return nil
}

type webhookLogData struct {
	webhooksData
	Webhook    *pledgebook.Webhook
	Deliveries []pledgebook.WebhookDelivery
}

// webhookLogSize is how many attempts the log page shows.
const webhookLogSize = 100

func (u *UI) webhookLog(w http.ResponseWriter, r *http.Request, p *page) error {
	if err := signedInPage(p); err != nil {
		return err
	}
	id, err := webhookID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	h, err := u.store.FindWebhookByID(ctx, id)
	if err != nil {
		return err
	}
	ds, err := u.store.FindWebhookDeliveries(ctx, id, webhookLogSize)
	if err != nil {
		return err
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	p.Title, p.Nav = p.L.T("webhooks.log.title", h.ID), "webhooks"
	p.Data = webhookLogData{webhooksData: webhooksData{Parties: n}, Webhook: h, Deliveries: ds}
	u.render(w, r, http.StatusOK, "webhook", p)
	return nil
}

// When formats a time of the delivery log: the date in the page's
// language and the time of day in UTC.
func (d webhooksData) When(l *locale, t *time.Time) string {
	if t == nil {
		return "–"
	}
	u := t.UTC()
	return l.Date(pledgebook.DateOf(u)) + " " + u.Format("15:04:05") + " UTC"
}
