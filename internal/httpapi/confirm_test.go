package httpapi_test

import (
	"context"
	"strings"
	"testing"

	"pledgebook"
	"pledgebook/internal/storetest"
)

// TestConfirmDelivery checks POST /api/v1/deliveries/{id}/confirm: who
// may confirm (the recipient of the delivery's pledge, coordinators,
// admins), the If-Match rules, and that a delivery the caller may not see
// is not found.
func TestConfirmDelivery(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		ctx := pledgebook.WithViewer(pledgebook.WithActor(context.Background(), "test"), pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin})
		deliver := func(pledge int64, vis pledgebook.Visibility) string {
			d := &pledgebook.Delivery{Pledge: pledge, DeliveredOn: pledgebook.MustDate("2025-08-01"), Quantity: ptr[int64](1), Visibility: vis}
			if err := e.store.CreateDelivery(ctx, d); err != nil {
				t.Fatal(err)
			}
			return "/api/v1/deliveries/" + id(d.ID) + "/confirm"
		}
		path := deliver(e.gbPledge, pledgebook.Public)
		other := deliver(e.dePledge, pledgebook.Public)
		hidden := deliver(e.secret, pledgebook.Confidential)
		v1 := []string{"If-Match", `W/"1"`}
		refusals := e.count("audit_events")
		for _, c := range []struct {
			name, path, as string
			headers        []string
			status         int
		}{
			{"public", path, "", v1, 401},
			{"without If-Match", path, "ua", nil, 428},
			{"donor", path, "gb", v1, 403},
			{"other recipient", path, "md", v1, 403},
			{"viewer", path, "vic", v1, 403},
			{"curator", path, "cura", v1, 403},
			{"hidden from the donor", hidden, "gb", v1, 404},
			{"missing", "/api/v1/deliveries/999/confirm", "ua", v1, 404},
			{"bad id", "/api/v1/deliveries/x/confirm", "ua", v1, 400},
			{"stale", path, "ua", []string{"If-Match", `W/"5"`}, 412},
			{"recipient", path, "ua", v1, 200},
			{"again", path, "ua", []string{"If-Match", `W/"2"`}, 409},
			{"coordinator", other, "coord", v1, 200},
			{"recipient of a confidential pledge", hidden, "ua", v1, 200},
		} {
			t.Run(c.name, func(t *testing.T) {
				r := e.do("POST", c.path, c.as, "", c.headers...)
				if r.status != c.status {
					t.Fatalf("status %d, want %d: %s", r.status, c.status, r.body)
				}
				if r.status >= 400 {
					r.problem(t)
					return
				}
				if !strings.Contains(string(r.body), `"confirmed":true`) || r.header.Get("ETag") != `W/"2"` {
					t.Errorf("confirmed: ETag %q, %s", r.header.Get("ETag"), r.body)
				}
			})
		}
		// Four refusals (donor, other recipient, viewer, curator) and three
		// confirmations were audited.
		if got := e.count("audit_events") - refusals; got != 7 {
			t.Errorf("%d audit events, want 4 refusals and 3 confirmations", got)
		}
		if r := e.do("GET", "/api/v1/audit?entity=delivery", "admin", ""); !strings.Contains(string(r.body), `"action":"confirm"`) {
			t.Errorf("no confirm event in the audit log: %s", r.body)
		}
	})
}
