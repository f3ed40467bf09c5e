package httpapi_test

import (
	"context"
	"net/http"
	"testing"

	"pledgebook"
	"pledgebook/internal/storetest"
)

// TestPatchNullClears checks PATCH /pledges/{id} as a JSON Merge Patch: a
// null member empties its field, a null that would break the pledge's
// rules is refused naming the field and changes nothing, a null on a field
// that cannot be emptied is refused, and a stale ETag still wins over all.
func TestPatchNullClears(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		path := "/api/v1/pledges/" + id(e.gbPledge)
		r := e.do("PATCH", path, "gb", `{"amount":"2500000","currency":"GBP","unit":"units","meeting":"udcg-28","notes":"first","period_from":"2025-07-01","period_to":"2026-06-30"}`,
			"If-Match", `W/"1"`)
		if r.status != 200 {
			t.Fatalf("PATCH setting the fields: %d %s", r.status, r.body)
		}
		var p pledgebook.Pledge
		r.json(t, &p)
		if p.Amount == nil || p.AmountEUR == nil || p.Meeting != "udcg-28" || p.Unit != "units" {
			t.Fatalf("after setting: amount %v EUR %v meeting %q unit %q", p.Amount, p.AmountEUR, p.Meeting, p.Unit)
		}

		for _, c := range []struct {
			name, body string
			status     int
			field      string
		}{
			{"no quantity and no amount", `{"quantity":null,"amount":null}`, http.StatusBadRequest, "quantity"},
			{"an amount without its currency", `{"currency":null}`, http.StatusBadRequest, "currency"},
			{"a unit kept without its quantity", `{"quantity":null,"unit":"units"}`, http.StatusBadRequest, "unit"},
			{"the item", `{"item":null}`, http.StatusBadRequest, "item"},
			{"the announcement date", `{"announced_on":null}`, http.StatusBadRequest, "announced_on"},
			{"the visibility, spelt otherwise", `{"Visibility":null}`, http.StatusBadRequest, "visibility"},
			{"an unknown field", `{"colour":null}`, http.StatusBadRequest, "colour"},
		} {
			r := e.do("PATCH", path, "gb", c.body, "If-Match", `W/"2"`)
			if r.status != c.status || r.problem(t).Field != c.field {
				t.Errorf("%s: PATCH %s = %d %s; want %d naming %q", c.name, c.body, r.status, r.body, c.status, c.field)
			}
		}
		var still pledgebook.Pledge
		e.do("GET", path, "gb", "").json(t, &still)
		if still.Version != 2 || still.Quantity == nil || still.Amount == nil || still.Currency != "GBP" {
			t.Fatalf("the refused patches changed the pledge: version %d quantity %v amount %v %q", still.Version, still.Quantity, still.Amount, still.Currency)
		}

		// Emptying the amount empties its currency and values; the other
		// nulls empty their fields; what is absent stays.
		r = e.do("PATCH", path, "gb", `{"amount":null,"meeting":null,"notes":null,"period_from":null,"period_to":null}`, "If-Match", `W/"2"`)
		if r.status != 200 || r.header.Get("ETag") != `W/"3"` {
			t.Fatalf("PATCH with nulls: %d %s", r.status, r.body)
		}
		var got pledgebook.Pledge
		r.json(t, &got)
		if got.Amount != nil || got.Currency != "" || got.AmountEUR != nil || got.AmountUSD != nil || !got.FXDate.IsZero() {
			t.Errorf("after amount:null: amount %v %q EUR %v USD %v fx %s; want all empty", got.Amount, got.Currency, got.AmountEUR, got.AmountUSD, got.FXDate)
		}
		if got.Meeting != "" || got.Notes != "" || !got.PeriodFrom.IsZero() || !got.PeriodTo.IsZero() {
			t.Errorf("after nulls: meeting %q notes %q period %s–%s; want them empty", got.Meeting, got.Notes, got.PeriodFrom, got.PeriodTo)
		}
		if got.Quantity == nil || *got.Quantity != 100 || got.Unit != "units" || got.Item != "drones" {
			t.Errorf("absent fields changed: quantity %v unit %q item %q", got.Quantity, got.Unit, got.Item)
		}

		// Now the quantity is all the pledge has: emptying it is refused.
		r = e.do("PATCH", path, "gb", `{"quantity":null}`, "If-Match", `W/"3"`)
		if r.status != http.StatusBadRequest || r.problem(t).Field != "quantity" {
			t.Errorf("emptying the last quantity: %d %s; want 400 naming quantity", r.status, r.body)
		}
		// A stale version is refused before anything else is looked at.
		if r := e.do("PATCH", path, "gb", `{"notes":null}`, "If-Match", `W/"2"`); r.status != http.StatusPreconditionFailed {
			t.Errorf("PATCH with nulls and a stale ETag: %d %s; want 412", r.status, r.body)
		}

		ctx := pledgebook.WithViewer(context.Background(), pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin})
		events, err := e.store.AuditLog(ctx, pledgebook.AuditFilter{Entity: "pledge/" + id(e.gbPledge)})
		if err != nil || len(events) != 3 {
			t.Fatalf("audit = %d events, %v; want create and two updates", len(events), err)
		}
		rep, err := e.store.VerifyAudit(ctx)
		if err != nil || !rep.OK {
			t.Errorf("VerifyAudit after emptying fields: %+v, %v", rep, err)
		}
	})
}

// TestPatchNullClearsRequirement checks the same for requirements.
func TestPatchNullClearsRequirement(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		r := e.do("POST", "/api/v1/requirements", "ua", `{"category":"drones","item":"shields","quantity":10,"unit":"sets","amount":"40000","currency":"EUR","needed_by":"2026-03-01","notes":"urgent"}`)
		if r.status != 201 {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		path := r.header.Get("Location")
		if r := e.do("PATCH", path, "ua", `{"amount":null,"currency":"EUR"}`, "If-Match", `W/"1"`); r.status != 400 || r.problem(t).Field != "amount" {
			t.Errorf("emptying the amount but keeping a currency: %d %s; want 400 naming amount", r.status, r.body)
		}
		r = e.do("PATCH", path, "ua", `{"quantity":null,"amount":null,"needed_by":null,"notes":null}`, "If-Match", `W/"1"`)
		if r.status != 200 {
			t.Fatalf("PATCH with nulls: %d %s", r.status, r.body)
		}
		var x pledgebook.Requirement
		r.json(t, &x)
		if x.Quantity != nil || x.Unit != "" || x.Amount != nil || x.Currency != "" || x.AmountEUR != nil || !x.NeededBy.IsZero() || x.Notes != "" || x.Item != "shields" {
			t.Errorf("after nulls: %+v; want quantity, unit, amount, currency, needed_by and notes empty, item kept", x)
		}
	})
}
