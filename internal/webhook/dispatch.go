package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"pledgebook"
)

// Event is the JSON body of a delivery: one audited change to a pledge,
// and the pledge as the webhook's owner may see it when it is sent.
type Event struct {
	ID        string               `json:"id"`   // the audit sequence number, as in the Pledgebook-Event header
	Type      string               `json:"type"` // pledge.created, pledge.status, pledge.updated, pledge.linked
	At        time.Time            `json:"at"`   // when the change was made
	Webhook   int64                `json:"webhook"`
	Selection pledgebook.Selection `json:"selection"`
	URL       string               `json:"url"` // the pledge's page
	Pledge    *pledgebook.Pledge   `json:"pledge"`
}

// eventTypes names the audit actions on pledges as event types.
var eventTypes = map[string]string{"create": "pledge.created", "status": "pledge.status", "update": "pledge.updated", "link": "pledge.linked"}

// Options configures a Dispatcher. Only Store is required.
type Options struct {
	Store pledgebook.Store
	Log   *slog.Logger
	// BaseURL is the site's address, for the pledge's page in payloads.
	BaseURL string
	// Guard decides which addresses deliveries may reach.
	Guard *Guard
	// Client sends the deliveries; Guard.Client(Timeout) when nil.
	Client *http.Client
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Jitter returns a number in [0, 1) that spreads retries out;
	// math/rand/v2's Float64 when nil.
	Jitter func() float64
	// Interval is how often Run looks for work; 5 seconds when 0.
	Interval time.Duration
	// Timeout bounds each delivery; 10 seconds when 0.
	Timeout time.Duration
	// MaxAttempts is how often an event is tried before it is given up;
	// 8 when 0.
	MaxAttempts int
	// BaseDelay is the wait before the first retry, doubled for each
	// further one up to MaxDelay; 30 seconds and 1 hour when 0.
	BaseDelay, MaxDelay time.Duration
	// Batch is how many events of a webhook, and how many retries, one
	// round takes on; 100 when 0.
	Batch int
}

// Dispatcher follows the audit log and delivers each webhook the changes
// of its selection that its owner may see. Everything it must remember is
// in the store (each webhook's cursor, the attempts and when to retry),
// so a restarted dispatcher resumes where it stopped. A delivery may be
// repeated when the server stops between sending and recording it:
// receivers drop repeats by the event ID.
type Dispatcher struct {
	o Options
}

// New returns a dispatcher; run it with Run.
func New(o Options) *Dispatcher {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Guard == nil {
		o.Guard = &Guard{}
	}
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Client == nil {
		o.Client = o.Guard.Client(o.Timeout)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Jitter == nil {
		o.Jitter = rand.Float64
	}
	if o.Interval == 0 {
		o.Interval = 5 * time.Second
	}
	if o.MaxAttempts == 0 {
		o.MaxAttempts = 8
	}
	if o.BaseDelay == 0 {
		o.BaseDelay = 30 * time.Second
	}
	if o.MaxDelay == 0 {
		o.MaxDelay = time.Hour
	}
	if o.Batch == 0 {
		o.Batch = 100
	}
	o.BaseURL = strings.TrimSuffix(o.BaseURL, "/")
	return &Dispatcher{o: o}
}

// Run delivers until ctx ends, a round every Interval; it returns nil
// when ctx ends. A round that fails is logged and the next one tries
// again.
func (d *Dispatcher) Run(ctx context.Context) error {
	t := time.NewTicker(d.o.Interval)
	defer t.Stop()
	for {
		if err := d.RunOnce(ctx); err != nil && ctx.Err() == nil {
			d.o.Log.ErrorContext(ctx, "webhook round failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// RunOnce makes one round: the retries that are due, then the new events
// of every active webhook.
func (d *Dispatcher) RunOnce(ctx context.Context) error {
	st := d.o.Store
	hooks, err := st.ActiveWebhooks(ctx)
	if err != nil {
		return err
	}
	byID := make(map[int64]pledgebook.ActiveWebhook, len(hooks))
	for _, h := range hooks {
		byID[h.Webhook.ID] = h
	}
	// A receiver that fails is left alone for the rest of the round, so
	// that one that is down costs a round one timeout, not one per event;
	// its other events wait for the next round.
	down := map[int64]bool{}
	due, err := st.DueWebhookRetries(ctx, d.o.Now(), d.o.Batch)
	if err != nil {
		return err
	}
	for _, a := range due {
		h, ok := byID[a.Webhook]
		if !ok || down[a.Webhook] {
			continue
		}
		ok, err := d.deliver(ctx, h, a.Seq, a.Attempt+1)
		if err != nil {
			return err
		}
		down[a.Webhook] = !ok
	}
	for _, h := range hooks {
		if err := ctx.Err(); err != nil {
			return err
		}
		if down[h.Webhook.ID] {
			continue
		}
		// The owner's reading of the log has only the events of pledges
		// the owner may see now.
		evs, err := st.AuditLog(d.ownerCtx(ctx, h), pledgebook.AuditFilter{Entity: "pledge", After: h.Webhook.Cursor, Limit: d.o.Batch})
		if err != nil {
			return fmt.Errorf("read the log for webhook %d: %w", h.Webhook.ID, err)
		}
		for _, e := range evs {
			ok, err := d.deliver(ctx, h, e.Seq, 1)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
		}
	}
	return nil
}

func (d *Dispatcher) ownerCtx(ctx context.Context, h pledgebook.ActiveWebhook) context.Context {
	return pledgebook.WithActor(pledgebook.WithViewer(ctx, h.Owner), "webhook:"+strconv.FormatInt(h.Webhook.ID, 10))
}

// deliver makes attempt number attempt to send event seq to h and records
// it; an event h's owner may not see, or outside h's selection, is not
// sent: a first attempt just moves the cursor past it, a retry is given up.
// It reports whether the receiver was not found failing: false only when
// a request was made and failed.
func (d *Dispatcher) deliver(ctx context.Context, h pledgebook.ActiveWebhook, seq int64, attempt int) (bool, error) {
	st, hook := d.o.Store, h.Webhook
	octx := d.ownerCtx(ctx, h)
	skip := func(why string) (bool, error) {
		if attempt == 1 {
			return true, st.AdvanceWebhookCursor(ctx, hook.ID, seq)
		}
		return true, st.RecordWebhookAttempt(ctx, &pledgebook.WebhookDelivery{Webhook: hook.ID, Seq: seq, Attempt: attempt, At: d.o.Now(), Error: why, Outcome: pledgebook.OutcomeFailed})
	}
	e, err := st.FindAuditEventBySeq(octx, seq)
	if pledgebook.ErrorKind(err) == pledgebook.KindNotFound {
		return skip("the change is no longer visible to the webhook's owner")
	}
	if err != nil {
		return false, err
	}
	kind, key, _ := strings.Cut(e.Entity, "/")
	id, perr := strconv.ParseInt(key, 10, 64)
	if kind != "pledge" || perr != nil {
		return skip("not a change to a pledge")
	}
	p, err := st.FindPledgeByID(octx, id)
	if pledgebook.ErrorKind(err) == pledgebook.KindNotFound {
		return skip("the pledge is no longer visible to the webhook's owner")
	}
	if err != nil {
		return false, err
	}
	if !hook.Selection.Selects(p) {
		return skip("the pledge is no longer in the webhook's selection")
	}
	typ := eventTypes[e.Action]
	if typ == "" {
		typ = "pledge." + e.Action
	}
	body, err := json.Marshal(Event{ID: strconv.FormatInt(seq, 10), Type: typ, At: e.At, Webhook: hook.ID, Selection: hook.Selection,
		URL: d.o.BaseURL + "/pledges/" + key, Pledge: p})
	if err != nil {
		return false, fmt.Errorf("encode event %d: %w", seq, err)
	}
	rec := &pledgebook.WebhookDelivery{Webhook: hook.ID, Seq: seq, Attempt: attempt, At: d.o.Now()}
	rec.Status, err = d.post(ctx, hook, seq, attempt, body)
	switch {
	case err == nil && rec.Status >= 200 && rec.Status < 300:
		rec.Outcome = pledgebook.OutcomeDelivered
	case attempt >= d.o.MaxAttempts:
		rec.Outcome = pledgebook.OutcomeFailed
	default:
		rec.Outcome = pledgebook.OutcomeRetry
		next := rec.At.Add(d.backoff(attempt))
		rec.NextAt = &next
	}
	if err != nil {
		rec.Error = err.Error()
	} else if rec.Outcome != pledgebook.OutcomeDelivered {
		rec.Error = fmt.Sprintf("the receiver answered %d", rec.Status)
	}
	if rec.Outcome != pledgebook.OutcomeDelivered {
		d.o.Log.WarnContext(ctx, "webhook delivery failed", "webhook", hook.ID, "event", seq, "attempt", attempt, "outcome", rec.Outcome, "err", rec.Error)
	}
	return rec.Outcome == pledgebook.OutcomeDelivered, st.RecordWebhookAttempt(ctx, rec)
}

// post sends one delivery and returns the receiver's status.
func (d *Dispatcher) post(ctx context.Context, hook *pledgebook.Webhook, seq int64, attempt int, body []byte) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, d.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hook.URL, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("make request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "pledgebook-webhook/1")
	req.Header.Set(EventHeader, strconv.FormatInt(seq, 10))
	req.Header.Set(WebhookHeader, strconv.FormatInt(hook.ID, 10))
	req.Header.Set(AttemptHeader, strconv.Itoa(attempt))
	req.Header.Set(SignatureHeader, Sign(hook.Secret, d.o.Now(), body))
	resp, err := d.o.Client.Do(req)
	if err != nil {
		// The error names the URL, which is the owner's own.
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, nil
}

// backoff is the wait after failed attempt n: BaseDelay doubled n-1
// times, at most MaxDelay, of which a random half is taken off so that
// receivers coming back are not met by every retry at once.
func (d *Dispatcher) backoff(n int) time.Duration {
	delay := d.o.MaxDelay
	if n-1 < 40 {
		if x := d.o.BaseDelay << (n - 1); x > 0 && x < delay {
			delay = x
		}
	}
	return delay/2 + time.Duration(d.o.Jitter()*float64(delay/2))
}
