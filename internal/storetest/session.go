package storetest

import (
	"strings"
	"testing"
	"time"

	"pledgebook"
)

func testUpdatePledge(t *testing.T, open Opener) {
	s := fresh(t, open)
	p := mustCreate(t, s, seedPledge(), pledgebook.CreatePledgeOptions{})

	// A nil field is not set: only the item and the amount change.
	upd := pledgebook.PledgeUpdate{Item: ptr("FPV drones"), Amount: dec("1000000"), Currency: ptr("GBP")}
	got, err := s.UpdatePledge(ctx(), p.ID, upd, p.Version)
	if err != nil {
		t.Fatalf("UpdatePledge: %v", err)
	}
	if got.Item != "FPV drones" || got.Quantity == nil || *got.Quantity != 100000 || got.Meeting != "udcg-28" || got.Version != p.Version+1 {
		t.Errorf("after update: item %q quantity %v meeting %q version %d; want FPV drones, 100000, udcg-28, %d",
			got.Item, got.Quantity, got.Meeting, got.Version, p.Version+1)
	}
	if got.AmountEUR == nil {
		t.Errorf("after setting an amount in GBP the pledge has no EUR value")
	}
	events, err := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "pledge/" + itoa(p.ID)})
	if err != nil || len(events) != 2 || events[1].Action != "update" || events[1].Actor != "test" {
		t.Fatalf("audit of the update = %+v, %v; want create then update by test", events, err)
	}

	// A stale version is a conflict and changes nothing.
	before := count(t, s)
	_, err = s.UpdatePledge(ctx(), p.ID, pledgebook.PledgeUpdate{Item: ptr("other")}, p.Version)
	wantKind(t, err, pledgebook.KindConflict, "version")
	if after := count(t, s); after != before {
		t.Errorf("a stale update changed the counts from %+v to %+v", before, after)
	}

	// Every field is validated before anything is written.
	for _, c := range []struct {
		name  string
		upd   pledgebook.PledgeUpdate
		field string
	}{
		{"empty item", pledgebook.PledgeUpdate{Item: ptr("  ")}, "item"},
		{"negative quantity", pledgebook.PledgeUpdate{Quantity: ptr[int64](-1)}, "quantity"},
		{"unknown category", pledgebook.PledgeUpdate{Category: ptr(pledgebook.Category("lasers"))}, "category"},
		{"unknown currency", pledgebook.PledgeUpdate{Currency: ptr("XXQ")}, "currency"},
		{"unknown meeting", pledgebook.PledgeUpdate{Meeting: ptr("udcg-99")}, "meeting"},
		{"bad visibility", pledgebook.PledgeUpdate{Visibility: ptr(pledgebook.Visibility("secret"))}, "visibility"},
		{"future date", pledgebook.PledgeUpdate{AnnouncedOn: ptr(pledgebook.DateOf(Now).AddDays(3))}, "announced_on"},
		{"period backwards", pledgebook.PledgeUpdate{PeriodFrom: ptr(pledgebook.MustDate("2026-01-01")), PeriodTo: ptr(pledgebook.MustDate("2025-01-01"))}, "period"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.UpdatePledge(ctx(), p.ID, c.upd, got.Version)
			wantKind(t, err, pledgebook.KindInvalid, c.field)
			if after := count(t, s); after != before {
				t.Errorf("a refused update changed the counts from %+v to %+v", before, after)
			}
		})
	}

	// An update that changes nothing is not recorded.
	same, err := s.UpdatePledge(ctx(), p.ID, pledgebook.PledgeUpdate{Item: ptr("FPV drones")}, got.Version)
	if err != nil || same.Version != got.Version || count(t, s) != before {
		t.Errorf("no-op update = version %v, %v; want version %d and no event", same, err, got.Version)
	}

	// A pledge the viewer may not see is not found, to a write too.
	hidden := seedPledge()
	hidden.Donor, hidden.Item, hidden.Visibility = "DE", "shells", pledgebook.Confidential
	mustCreate(t, s, hidden, pledgebook.CreatePledgeOptions{})
	_, err = s.UpdatePledge(as(donorGB), hidden.ID, pledgebook.PledgeUpdate{Notes: ptr("x")}, hidden.Version)
	wantKind(t, err, pledgebook.KindNotFound, "")
	if _, err := s.UpdatePledge(ctx(), 999999, pledgebook.PledgeUpdate{}, 1); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("UpdatePledge(missing) = %v, want not found", err)
	}

	// The verified audit trail agrees with the stored pledges.
	if r, err := s.VerifyAudit(ctx()); err != nil || !r.OK {
		t.Errorf("VerifyAudit after updates = %+v, %v", r, err)
	}
}

func testSessions(t *testing.T, open Opener) {
	s := fresh(t, open)
	u := &pledgebook.User{Name: "ses", Role: pledgebook.RoleViewer}
	if err := s.CreateUser(ctx(), u, testHash); err != nil {
		t.Fatal(err)
	}
	sess, err := s.CreateSession(ctx(), u.ID, tokenHash(1), Now.Add(time.Hour))
	if err != nil || sess.ID == 0 || sess.User != u.ID {
		t.Fatalf("CreateSession = %+v, %v", sess, err)
	}
	got, gs, err := s.FindUserBySessionHash(as(public), tokenHash(1))
	if err != nil || got.ID != u.ID || gs.ID != sess.ID || got.PasswordHash != "" {
		t.Fatalf("FindUserBySessionHash = %+v, %+v, %v; want user %d without hash", got, gs, err, u.ID)
	}
	for _, c := range []struct {
		name, hash string
		exp        time.Time
		field      string
	}{
		{"plain secret", "not-a-hash", Now.Add(time.Hour), "hash"},
		{"past expiry", tokenHash(2), Now.Add(-time.Second), "expires"},
	} {
		if _, err := s.CreateSession(ctx(), u.ID, c.hash, c.exp); pledgebook.ErrorKind(err) != pledgebook.KindInvalid || pledgebook.ErrorField(err) != c.field {
			t.Errorf("CreateSession(%s) = %v, want invalid %s", c.name, err, c.field)
		}
	}
	if _, err := s.CreateSession(ctx(), 424242, tokenHash(3), Now.Add(time.Hour)); pledgebook.ErrorKind(err) != pledgebook.KindInvalid {
		t.Errorf("CreateSession(unknown user) = %v, want invalid", err)
	}
	unknown := func(what, hash string) {
		t.Helper()
		_, _, err := s.FindUserBySessionHash(ctx(), hash)
		wantKind(t, err, pledgebook.KindNotFound, "")
		if !strings.Contains(err.Error(), "no such session") {
			t.Errorf("%s: %v; want the one message for every failure", what, err)
		}
	}
	unknown("never made", tokenHash(9))

	// Expiry by the store's clock.
	if _, err := s.CreateSession(ctx(), u.ID, tokenHash(4), Now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	func() {
		advance(t, 2*time.Minute)
		unknown("expired", tokenHash(4))
	}()

	// Signing out ends the session, and twice is harmless.
	for range 2 {
		if err := s.DeleteSession(ctx(), tokenHash(1)); err != nil {
			t.Fatalf("DeleteSession: %v", err)
		}
	}
	unknown("deleted", tokenHash(1))

	// A disabled user's sessions stop working, and so do sessions begun
	// before a password change.
	if _, err := s.CreateSession(ctx(), u.ID, tokenHash(5), Now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetUserDisabled(ctx(), u.ID, true); err != nil {
		t.Fatal(err)
	}
	unknown("disabled", tokenHash(5))
	if _, err := s.SetUserDisabled(ctx(), u.ID, false); err != nil {
		t.Fatal(err)
	}
	advance(t, time.Second)
	if _, err := s.SetUserPassword(ctx(), u.ID, otherHash); err != nil {
		t.Fatal(err)
	}
	unknown("password changed", tokenHash(5))
}

func testRefusal(t *testing.T, open Opener) {
	s := fresh(t, open)
	p := mustCreate(t, s, seedPledge(), pledgebook.CreatePledgeOptions{})
	c := pledgebook.WithActor(as(donorDE), "user:de-officer")
	if err := s.RecordRefusal(c, "pledge.update", "pledge/"+itoa(p.ID)); err != nil {
		t.Fatalf("RecordRefusal: %v", err)
	}
	if err := s.RecordRefusal(c, "", ""); pledgebook.ErrorKind(err) != pledgebook.KindInvalid {
		t.Errorf("RecordRefusal without action = %v, want invalid", err)
	}
	events, err := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "refusal"})
	if err != nil || len(events) != 1 || events[0].Action != "refused" || events[0].Actor != "user:de-officer" ||
		events[0].Entity != "refusal/pledge.update/pledge/"+itoa(p.ID) {
		t.Fatalf("refusal events = %+v, %v", events, err)
	}
	// Only those who see everything read refusals.
	if evs, err := s.AuditLog(as(donorDE), pledgebook.AuditFilter{Entity: "refusal"}); err != nil || len(evs) != 0 {
		t.Errorf("a donor reads %d refusal events (%v); want none", len(evs), err)
	}
	if r, err := s.VerifyAudit(ctx()); err != nil || !r.OK {
		t.Errorf("VerifyAudit with a refusal = %+v, %v", r, err)
	}
}

func testIdempotency(t *testing.T, open Opener) {
	s := fresh(t, open)
	u := &pledgebook.User{Name: "idem", Role: pledgebook.RoleCoordinator}
	if err := s.CreateUser(ctx(), u, testHash); err != nil {
		t.Fatal(err)
	}
	k := pledgebook.IdempotencyKey{User: u.ID, Key: "k1", Route: "POST /api/v1/pledges", RequestHash: tokenHash(1)}
	got, err := s.ClaimIdempotencyKey(ctx(), k)
	if err != nil || got != nil {
		t.Fatalf("first claim = %+v, %v; want nil, nil", got, err)
	}
	got, err = s.ClaimIdempotencyKey(ctx(), k)
	if err != nil || got == nil || got.Done || got.RequestHash != k.RequestHash {
		t.Fatalf("claim while running = %+v, %v; want the claim, not done", got, err)
	}
	if err := s.CompleteIdempotencyKey(ctx(), k, 201, []byte(`{"id":1}`)); err != nil {
		t.Fatal(err)
	}
	got, err = s.ClaimIdempotencyKey(ctx(), k)
	if err != nil || got == nil || !got.Done || got.Status != 201 || string(got.Body) != `{"id":1}` {
		t.Fatalf("claim after completion = %+v, %v; want the stored 201 response", got, err)
	}
	// Keys are scoped by route and by user.
	other := k
	other.Route = "POST /api/v1/deliveries"
	if got, err := s.ClaimIdempotencyKey(ctx(), other); err != nil || got != nil {
		t.Errorf("same key on another route = %+v, %v; want a fresh claim", got, err)
	}
	// A released claim can be made again.
	if err := s.CompleteIdempotencyKey(ctx(), other, 0, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := s.ClaimIdempotencyKey(ctx(), other); err != nil || got != nil {
		t.Errorf("claim after release = %+v, %v; want a fresh claim", got, err)
	}
	bad := k
	bad.Key = ""
	if _, err := s.ClaimIdempotencyKey(ctx(), bad); pledgebook.ErrorKind(err) != pledgebook.KindInvalid {
		t.Errorf("empty key = %v, want invalid", err)
	}
	if err := s.Ping(ctx()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}
