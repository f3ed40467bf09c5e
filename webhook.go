package pledgebook

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// Webhook is a signed-in user's subscription: every new and changed pledge
// of its selection that the user may see is POSTed to URL, signed with
// Secret. The secret is shown once, when the webhook is made; reads other
// than the dispatcher's leave it empty.
type Webhook struct {
	ID        int64     `json:"id"`
	User      int64     `json:"user"`  // the owner, whose visibility the payloads have
	Owner     string    `json:"owner"` // the owner's name
	Selection Selection `json:"selection"`
	URL       string    `json:"url"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`

	// Secret is the HMAC key the payloads are signed with.
	Secret string `json:"-"`
	// Cursor is the sequence number of the last audit event the
	// dispatcher has dealt with: sent, scheduled for a retry, or skipped.
	Cursor int64 `json:"-"`
}

// CheckWebhookURL checks that u is an absolute http or https URL without
// credentials, of at most 2,000 characters. Whether its host may be
// reached is the caller's decision (see internal/webhook).
func CheckWebhookURL(u string) error {
	if u == "" {
		return FieldError("url", "is required")
	}
	if len(u) > 2000 {
		return FieldError("url", "is longer than 2,000 characters")
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.Hostname() == "" || p.Opaque != "" {
		return FieldError("url", "%q is not an absolute http or https URL", u)
	}
	if p.User != nil {
		return FieldError("url", "must not hold a user name or password")
	}
	if p.Fragment != "" || strings.ContainsAny(u, " \t\r\n") {
		return FieldError("url", "must have no fragment and no white space")
	}
	return nil
}

// WebhookDelivery is one attempt to deliver an audit event to a webhook:
// the delivery log.
type WebhookDelivery struct {
	ID      int64     `json:"id"`
	Webhook int64     `json:"webhook"`
	Seq     int64     `json:"seq"`     // the audit event delivered, the receiver's event id
	Attempt int       `json:"attempt"` // 1 for the first
	At      time.Time `json:"at"`
	Status  int       `json:"status"` // the receiver's HTTP status; 0 when there was none
	Error   string    `json:"error,omitempty"`
	// Outcome is delivered, retry (NextAt says when) or failed (given up).
	Outcome string `json:"outcome"`
	// NextAt is when the event is due to be tried again; nil once a later
	// attempt is recorded, or when there will be none.
	NextAt *time.Time `json:"next_at"`
}

// The outcomes of a delivery attempt.
const (
	OutcomeDelivered = "delivered"
	OutcomeRetry     = "retry"
	OutcomeFailed    = "failed"
)

// ActiveWebhook is a webhook the dispatcher serves, with the viewer its
// payloads are read as.
type ActiveWebhook struct {
	Webhook *Webhook
	Owner   Viewer
}

// WebhookStore keeps webhooks and their delivery log. Webhooks belong to
// their owner: only the owner and admins read or delete one, and for
// anyone else it is not found. Creating and deleting one is audited, its
// secret never.
type WebhookStore interface {
	// CreateWebhook stores h for the signed-in viewer in ctx, who becomes
	// its owner (unauthorized for the public), and sets its ID, owner,
	// active flag and creation time. The selection must name a known
	// donor, capability area or meeting (invalid, naming "key"), the URL
	// must pass CheckWebhookURL, and the secret must be at least 32
	// characters. The webhook starts at the end of the audit log: it is
	// sent the changes made after it, not the history.
	CreateWebhook(ctx context.Context, h *Webhook) error
	// FindWebhooks returns the webhooks the viewer may read, newest
	// first: their own, and for admins every one; none for the public.
	// Secrets are left empty.
	FindWebhooks(ctx context.Context) ([]*Webhook, error)
	// FindWebhookByID returns a webhook the viewer may read, without its
	// secret, or a not-found error.
	FindWebhookByID(ctx context.Context, id int64) (*Webhook, error)
	// DeleteWebhook deletes a webhook the viewer may read, and its
	// delivery log; nothing more is sent to it.
	DeleteWebhook(ctx context.Context, id int64) error
	// FindWebhookDeliveries returns the last limit attempts (all when 0)
	// to deliver to webhook id, newest first; not found when the viewer
	// may not read the webhook.
	FindWebhookDeliveries(ctx context.Context, id int64, limit int) ([]WebhookDelivery, error)

	// ActiveWebhooks returns every active webhook whose owner is not
	// disabled, with its secret and cursor, and the owner's viewer. It is
	// the dispatcher's read and does not depend on the viewer in ctx;
	// never serve its result.
	ActiveWebhooks(ctx context.Context) ([]ActiveWebhook, error)
	// RecordWebhookAttempt appends d to the log of webhook d.Webhook,
	// clears NextAt of the earlier attempts at the same event, and moves
	// the webhook's cursor on to d.Seq if it is behind. Like
	// ActiveWebhooks it is the dispatcher's and does not depend on the
	// viewer. A webhook that no longer exists is not found.
	RecordWebhookAttempt(ctx context.Context, d *WebhookDelivery) error
	// AdvanceWebhookCursor moves the cursor of webhook id on to seq, for
	// events the dispatcher skipped; a cursor already past seq stays.
	AdvanceWebhookCursor(ctx context.Context, id, seq int64) error
	// DueWebhookRetries returns up to limit attempts whose NextAt is at or
	// before now, of active webhooks of owners not disabled, earliest
	// first.
	DueWebhookRetries(ctx context.Context, now time.Time, limit int) ([]WebhookDelivery, error)
}
