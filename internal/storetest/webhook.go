package storetest

import (
	"strings"
	"testing"
	"time"

	"pledgebook"
)

const webhookSecret = "whsec_0123456789abcdef0123456789abcdef"

func countWebhooks(t testing.TB, s Store) (hooks, attempts int) {
	t.Helper()
	if err := s.DB().QueryRow(`SELECT COUNT(*) FROM webhooks`).Scan(&hooks); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRow(`SELECT COUNT(*) FROM webhook_deliveries`).Scan(&attempts); err != nil {
		t.Fatal(err)
	}
	return hooks, attempts
}

func mustUser(t testing.TB, s Store, name string, role pledgebook.Role, party string) *pledgebook.User {
	t.Helper()
	u := &pledgebook.User{Name: name, Role: role, Party: party}
	if err := s.CreateUser(ctx(), u, testHash); err != nil {
		t.Fatalf("CreateUser(%s): %v", name, err)
	}
	return u
}

// testWebhooks checks the webhook contract: who may make and read one,
// what is refused with nothing stored, and that the audit trail records
// them without the secret.
func testWebhooks(t *testing.T, open Opener) {
	s := fresh(t, open)
	owner := mustUser(t, s, "hook-owner", pledgebook.RoleViewer, "")
	other := mustUser(t, s, "hook-other", pledgebook.RoleDonor, "GB")
	root := mustUser(t, s, "hook-admin", pledgebook.RoleAdmin, "")
	mustCreate(t, s, seedPledge(), pledgebook.CreatePledgeOptions{})

	before := count(t, s)
	for _, c := range []struct {
		name  string
		v     pledgebook.Viewer
		h     pledgebook.Webhook
		kind  pledgebook.Kind
		field string
	}{
		{"public", public, pledgebook.Webhook{URL: "https://example.org/h", Secret: webhookSecret}, pledgebook.KindUnauthorized, ""},
		{"no url", owner.Viewer(), pledgebook.Webhook{Secret: webhookSecret}, pledgebook.KindInvalid, "url"},
		{"ftp url", owner.Viewer(), pledgebook.Webhook{URL: "ftp://example.org/h", Secret: webhookSecret}, pledgebook.KindInvalid, "url"},
		{"relative url", owner.Viewer(), pledgebook.Webhook{URL: "/hook", Secret: webhookSecret}, pledgebook.KindInvalid, "url"},
		{"credentials in url", owner.Viewer(), pledgebook.Webhook{URL: "https://u:p@example.org/h", Secret: webhookSecret}, pledgebook.KindInvalid, "url"},
		{"short secret", owner.Viewer(), pledgebook.Webhook{URL: "https://example.org/h", Secret: "short"}, pledgebook.KindInvalid, "secret"},
		{"unknown kind", owner.Viewer(), pledgebook.Webhook{URL: "https://example.org/h", Secret: webhookSecret, Selection: pledgebook.Selection{Kind: "coalition", Key: "drone"}}, pledgebook.KindInvalid, "kind"},
		{"unknown donor", owner.Viewer(), pledgebook.Webhook{URL: "https://example.org/h", Secret: webhookSecret, Selection: pledgebook.Selection{Kind: pledgebook.SelectDonor, Key: "XX"}}, pledgebook.KindInvalid, "key"},
		{"unknown meeting", owner.Viewer(), pledgebook.Webhook{URL: "https://example.org/h", Secret: webhookSecret, Selection: pledgebook.Selection{Kind: pledgebook.SelectMeeting, Key: "udcg-99"}}, pledgebook.KindInvalid, "key"},
		{"unknown area", owner.Viewer(), pledgebook.Webhook{URL: "https://example.org/h", Secret: webhookSecret, Selection: pledgebook.Selection{Kind: pledgebook.SelectArea, Key: "lasers"}}, pledgebook.KindInvalid, "key"},
		{"all with a key", owner.Viewer(), pledgebook.Webhook{URL: "https://example.org/h", Secret: webhookSecret, Selection: pledgebook.Selection{Kind: pledgebook.SelectAll, Key: "GB"}}, pledgebook.KindInvalid, "key"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := c.h
			wantKind(t, s.CreateWebhook(as(c.v), &h), c.kind, c.field)
			if n, _ := countWebhooks(t, s); n != 0 {
				t.Fatalf("a refused webhook left %d webhooks stored", n)
			}
			if got := count(t, s); got != before {
				t.Fatalf("a refused webhook changed the counts: %+v, want %+v", got, before)
			}
		})
	}

	h := &pledgebook.Webhook{URL: "https://example.org/hook", Secret: webhookSecret, Selection: pledgebook.Selection{Kind: "donor", Key: " gb "}}
	if err := s.CreateWebhook(as(owner.Viewer()), h); err != nil {
		t.Fatalf("CreateWebhook: %v", err)
	}
	head := count(t, s).events - 1 // the webhook's own event comes after the cursor
	if h.ID == 0 || h.User != owner.ID || h.Owner != owner.Name || !h.Active || h.Selection.Key != "GB" || h.CreatedAt.IsZero() || int(h.Cursor) != head {
		t.Fatalf("CreateWebhook stored %+v; want an active webhook of %s on donor GB starting at event %d", h, owner.Name, head)
	}
	if err := s.CreateWebhook(as(owner.Viewer()), &pledgebook.Webhook{URL: "http://example.org/all", Secret: webhookSecret}); err != nil {
		t.Fatalf("CreateWebhook(all): %v", err)
	}
	mine := &pledgebook.Webhook{URL: "https://example.org/mine", Secret: webhookSecret, Selection: pledgebook.Selection{Kind: pledgebook.SelectArea, Key: "drones"}}
	if err := s.CreateWebhook(as(other.Viewer()), mine); err != nil {
		t.Fatalf("CreateWebhook(other): %v", err)
	}

	// Reads: one's own, all for admins, none for the public; no secrets.
	for _, c := range []struct {
		name string
		v    pledgebook.Viewer
		want int
	}{{"owner", owner.Viewer(), 2}, {"other", other.Viewer(), 1}, {"admin", root.Viewer(), 3}, {"coordinator", coordinator, 0}, {"public", public, 0}} {
		hs, err := s.FindWebhooks(as(c.v))
		if err != nil || len(hs) != c.want {
			t.Errorf("FindWebhooks as %s = %d webhooks, %v; want %d", c.name, len(hs), err, c.want)
		}
		for _, x := range hs {
			if x.Secret != "" || (c.name != "admin" && x.User != c.v.UserID) {
				t.Errorf("FindWebhooks as %s returned %+v", c.name, x)
			}
		}
	}
	if got, err := s.FindWebhookByID(as(owner.Viewer()), h.ID); err != nil || got.URL != h.URL || got.Secret != "" {
		t.Errorf("FindWebhookByID as owner = %+v, %v", got, err)
	}
	_, err := s.FindWebhookByID(as(other.Viewer()), h.ID)
	wantKind(t, err, pledgebook.KindNotFound, "")
	_, err = s.FindWebhookDeliveries(as(other.Viewer()), h.ID, 0)
	wantKind(t, err, pledgebook.KindNotFound, "")
	wantKind(t, s.DeleteWebhook(as(other.Viewer()), h.ID), pledgebook.KindNotFound, "")

	// The audit trail has the webhooks, without their secrets, and only
	// admins and coordinators read those events.
	evs, err := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "webhook"})
	if err != nil || len(evs) != 3 {
		t.Fatalf("audit events of webhooks = %d, %v; want 3", len(evs), err)
	}
	for _, e := range evs {
		if strings.Contains(e.After, webhookSecret) || strings.Contains(e.After, "whsec_") {
			t.Fatalf("audit event %d holds the secret: %s", e.Seq, e.After)
		}
	}
	if evs, _ := s.AuditLog(as(owner.Viewer()), pledgebook.AuditFilter{Entity: "webhook"}); len(evs) != 0 {
		t.Errorf("a viewer reads %d webhook audit events, want none", len(evs))
	}
	checkVerified(t, s)

	// The dispatcher's reads see the secrets and the owners.
	active, err := s.ActiveWebhooks(ctx())
	if err != nil || len(active) != 3 {
		t.Fatalf("ActiveWebhooks = %d, %v; want 3", len(active), err)
	}
	if a := active[0]; a.Webhook.ID != h.ID || a.Webhook.Secret != webhookSecret || a.Owner.UserID != owner.ID || a.Owner.Role != pledgebook.RoleViewer {
		t.Fatalf("ActiveWebhooks[0] = %+v / %+v; want the first webhook with its secret and owner", a.Webhook, a.Owner)
	}
	if a := active[2]; a.Owner.Party != "GB" || a.Owner.Role != pledgebook.RoleDonor {
		t.Fatalf("ActiveWebhooks[2] owner = %+v, want the GB donor", a.Owner)
	}

	// The delivery log: a failure scheduled for a retry, then a success.
	next := Now.Add(time.Minute)
	a1 := &pledgebook.WebhookDelivery{Webhook: h.ID, Seq: h.Cursor + 5, Attempt: 1, At: Now, Status: 500, Outcome: pledgebook.OutcomeRetry, NextAt: &next}
	if err := s.RecordWebhookAttempt(ctx(), a1); err != nil || a1.ID == 0 {
		t.Fatalf("RecordWebhookAttempt = %v", err)
	}
	for _, bad := range []pledgebook.WebhookDelivery{
		{Webhook: h.ID, Seq: 1, Attempt: 0, At: Now, Outcome: pledgebook.OutcomeDelivered},
		{Webhook: h.ID, Seq: 1, Attempt: 1, At: Now, Outcome: pledgebook.OutcomeRetry},
		{Webhook: h.ID, Seq: 1, Attempt: 1, At: Now, Outcome: "lost"},
	} {
		wantKind(t, s.RecordWebhookAttempt(ctx(), &bad), pledgebook.KindInvalid, "")
	}
	wantKind(t, s.RecordWebhookAttempt(ctx(), &pledgebook.WebhookDelivery{Webhook: 424242, Seq: 1, Attempt: 1, At: Now, Outcome: pledgebook.OutcomeDelivered}), pledgebook.KindNotFound, "")
	if hs, _ := s.ActiveWebhooks(ctx()); hs[0].Webhook.Cursor != a1.Seq {
		t.Errorf("cursor after an attempt at %d = %d", a1.Seq, hs[0].Webhook.Cursor)
	}
	if due, err := s.DueWebhookRetries(ctx(), Now, 0); err != nil || len(due) != 0 {
		t.Errorf("DueWebhookRetries before the time = %v, %v; want none", due, err)
	}
	due, err := s.DueWebhookRetries(ctx(), next, 0)
	if err != nil || len(due) != 1 || due[0].ID != a1.ID || due[0].Seq != a1.Seq || due[0].Attempt != 1 || due[0].NextAt == nil || !due[0].NextAt.Equal(next) {
		t.Fatalf("DueWebhookRetries at the time = %+v, %v; want the failed attempt", due, err)
	}
	a2 := &pledgebook.WebhookDelivery{Webhook: h.ID, Seq: a1.Seq, Attempt: 2, At: next, Status: 204, Outcome: pledgebook.OutcomeDelivered}
	if err := s.RecordWebhookAttempt(ctx(), a2); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.DueWebhookRetries(ctx(), next.Add(time.Hour), 0); len(due) != 0 {
		t.Errorf("DueWebhookRetries after a success = %+v; want none", due)
	}
	log, err := s.FindWebhookDeliveries(as(owner.Viewer()), h.ID, 0)
	if err != nil || len(log) != 2 || log[0].ID != a2.ID || log[0].Status != 204 || log[1].NextAt != nil || log[1].Outcome != pledgebook.OutcomeRetry {
		t.Fatalf("FindWebhookDeliveries = %+v, %v; want the success, then the failure with its retry cleared", log, err)
	}
	if log, _ := s.FindWebhookDeliveries(as(root.Viewer()), h.ID, 1); len(log) != 1 {
		t.Errorf("FindWebhookDeliveries(limit 1) as admin = %d attempts", len(log))
	}

	// The cursor moves only forward.
	if err := s.AdvanceWebhookCursor(ctx(), h.ID, a1.Seq+10); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceWebhookCursor(ctx(), h.ID, 1); err != nil {
		t.Fatal(err)
	}
	if hs, _ := s.ActiveWebhooks(ctx()); hs[0].Webhook.Cursor != a1.Seq+10 {
		t.Errorf("cursor = %d, want %d", hs[0].Webhook.Cursor, a1.Seq+10)
	}
	wantKind(t, s.AdvanceWebhookCursor(ctx(), 424242, 3), pledgebook.KindNotFound, "")

	// A disabled owner's webhooks stop, retries included.
	retry := Now
	if err := s.RecordWebhookAttempt(ctx(), &pledgebook.WebhookDelivery{Webhook: mine.ID, Seq: 3, Attempt: 1, At: Now, Outcome: pledgebook.OutcomeRetry, NextAt: &retry}); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.DueWebhookRetries(ctx(), Now, 0); len(due) != 1 {
		t.Fatalf("DueWebhookRetries = %d, want the other's retry", len(due))
	}
	if _, err := s.SetUserDisabled(ctx(), other.ID, true); err != nil {
		t.Fatal(err)
	}
	if hs, _ := s.ActiveWebhooks(ctx()); len(hs) != 2 {
		t.Errorf("ActiveWebhooks with the other disabled = %d, want 2", len(hs))
	}
	if due, _ := s.DueWebhookRetries(ctx(), Now, 0); len(due) != 0 {
		t.Errorf("DueWebhookRetries of a disabled owner = %+v, want none", due)
	}
	wantKind(t, s.CreateWebhook(as(other.Viewer()), &pledgebook.Webhook{URL: "https://example.org/x", Secret: webhookSecret}), pledgebook.KindUnauthorized, "")

	// Deleting removes the webhook and its log, and is audited.
	if err := s.DeleteWebhook(as(owner.Viewer()), h.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.FindWebhookByID(as(owner.Viewer()), h.ID)
	wantKind(t, err, pledgebook.KindNotFound, "")
	// The other's one attempt is all that is left of the log.
	if hooks, attempts := countWebhooks(t, s); hooks != 2 || attempts != 1 {
		t.Errorf("after delete: %d webhooks, %d attempts; want 2, 1", hooks, attempts)
	}
	checkVerified(t, s)
}

func checkVerified(t testing.TB, s Store) {
	t.Helper()
	r, err := s.VerifyAudit(ctx())
	if err != nil || !r.OK {
		t.Fatalf("VerifyAudit = %+v, %v", r, err)
	}
}
