package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pledgebook/internal/storetest"
)

var requirementRE = regexp.MustCompile(`^/requirements/(\d+)$`)

func TestRequirementForms(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newSite(t, open)
		form := url.Values{"category": {"air_defence"}, "item": {"Patriot batteries"}, "quantity": {"7"}, "unit": {"batteries"},
			"amount": {"7,000,000,000"}, "currency": {"EUR"}, "priority": {"1"}, "needed_by": {"2026-03-01"}, "visibility": {"public"}, "notes": {"urgent"}}
		var id int64
		t.Run("create", func(t *testing.T) {
			if r := e.do("GET", "/requirements/new", "ua", nil); r.status != 200 || !strings.Contains(r.body, `name="recipient" value="UA"`) {
				t.Fatalf("form: status %d", r.status)
			}
			id = created(t, e.do("POST", "/requirements/new", "ua", form), requirementRE)
			x, err := e.store.FindRequirementByID(adminCtx, id)
			if err != nil || x.Recipient != "UA" || x.Item != "Patriot batteries" || *x.Quantity != 7 || x.Priority != 1 || x.NeededBy.String() != "2026-03-01" {
				t.Fatalf("stored %+v, %v", x, err)
			}
			if ev := e.lastAudit(t, "requirement/"+strconv.FormatInt(id, 10)); ev.Action != "create" || ev.Actor != "user:ua" {
				t.Errorf("audit %s by %s", ev.Action, ev.Actor)
			}
			r := e.do("GET", "/requirements/"+strconv.FormatInt(id, 10), "", nil)
			if r.status != 200 || !strings.Contains(r.body, "Patriot batteries") || strings.Contains(r.body, "/edit") {
				t.Errorf("the public's requirement page: status %d, or it offers the edit link", r.status)
			}
			if r := e.do("GET", "/coverage", "ua", nil); !strings.Contains(r.body, `href="/requirements/`+strconv.FormatInt(id, 10)+`"`) ||
				!strings.Contains(r.body, `href="/requirements/new"`) {
				t.Errorf("coverage does not link the requirement and the form")
			}
			if r := e.do("GET", "/coverage", "gb", nil); strings.Contains(r.body, `href="/requirements/new"`) {
				t.Errorf("a donor is offered the requirement form")
			}
		})
		t.Run("validation", func(t *testing.T) {
			before := e.snapshot()
			f := cloneValues(form)
			f.Set("item", "")
			f.Set("priority", "9")
			r := e.do("POST", "/requirements/new", "ua", f)
			if r.status != http.StatusBadRequest {
				t.Fatalf("status %d", r.status)
			}
			invalidField(t, r.body, "item")
			f.Set("item", "x")
			r = e.do("POST", "/requirements/new", "ua", f)
			invalidField(t, r.body, "priority") // the domain's rule, beside its field
			e.unchanged(t, before, "invalid requirements")
		})
		t.Run("refusals", func(t *testing.T) {
			before := e.snapshot()
			if r := e.do("POST", "/requirements/new", "gb", form); r.status != http.StatusForbidden {
				t.Errorf("donor: status %d, want 403", r.status)
			}
			f := cloneValues(form)
			f.Set("recipient", "MD")
			if r := e.do("POST", "/requirements/new", "ua", f); r.status != http.StatusForbidden {
				t.Errorf("UA's staff recording MD's requirement: status %d, want 403", r.status)
			}
			if r := e.do("POST", "/requirements/new", "", form); r.status != http.StatusUnauthorized {
				t.Errorf("public: status %d, want 401", r.status)
			}
			e.unchanged(t, before, "refused requirements")
		})
		t.Run("edit", func(t *testing.T) {
			path := "/requirements/" + strconv.FormatInt(id, 10) + "/edit"
			if r := e.do("GET", path, "ua", nil); r.status != 200 || !strings.Contains(r.body, `name="version" value="1"`) {
				t.Fatalf("edit form: status %d", r.status)
			}
			f := cloneValues(form)
			f.Set("version", "1")
			f.Set("item", "Patriot fire units")
			f.Set("priority", "2")
			created(t, e.do("POST", path, "ua", f), requirementRE)
			x, _ := e.store.FindRequirementByID(adminCtx, id)
			if x.Item != "Patriot fire units" || x.Priority != 2 || x.Version != 2 {
				t.Errorf("stored %+v", x)
			}
			if ev := e.lastAudit(t, "requirement/"+strconv.FormatInt(id, 10)); ev.Action != "update" || ev.Actor != "user:ua" {
				t.Errorf("audit %s by %s", ev.Action, ev.Actor)
			}
			before := e.snapshot()
			f.Set("item", "stale units")
			r := e.do("POST", path, "ua", f) // still version 1
			if r.status != http.StatusConflict || !strings.Contains(r.body, `name="version" value="2"`) || !strings.Contains(r.body, "Patriot fire units") ||
				!strings.Contains(r.body, "stale units") {
				t.Errorf("stale edit: status %d", r.status)
			}
			if r := e.do("POST", path, "gb", f); r.status != http.StatusForbidden {
				t.Errorf("donor editing: status %d, want 403", r.status)
			}
			e.unchanged(t, before, "refused edits")
			x, _ = e.store.FindRequirementByID(adminCtx, id)
			if x.Item != "Patriot fire units" {
				t.Errorf("a refused edit changed the item to %q", x.Item)
			}
		})
		t.Run("emptied fields are cleared", func(t *testing.T) {
			path := "/requirements/" + strconv.FormatInt(id, 10) + "/edit"
			f := cloneValues(form)
			f.Set("version", "2")
			f.Set("item", "Patriot fire units")
			f.Set("quantity", "") // its unit, left in its box, goes with it
			f.Set("amount", "")   // and its currency
			f.Set("needed_by", "")
			created(t, e.do("POST", path, "ua", f), requirementRE)
			x, _ := e.store.FindRequirementByID(adminCtx, id)
			if x.Quantity != nil || x.Unit != "" || x.Amount != nil || x.Currency != "" || x.AmountEUR != nil || !x.NeededBy.IsZero() || x.Version != 3 {
				t.Errorf("after emptying: %+v; want quantity, unit, amount, currency, value and needed-by empty at version 3", x)
			}
		})
	})
}
