package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"pledgebook"
	"pledgebook/internal/storetest"
)

func TestPledgeForm(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newSite(t, open)
		t.Run("form", func(t *testing.T) {
			r := e.do("GET", "/pledges/new", "gb", nil)
			if r.status != 200 {
				t.Fatalf("status %d", r.status)
			}
			for _, name := range []string{"donor", "recipient", "category", "item", "quantity", "unit", "amount", "currency", "announced", "status",
				"meeting", "visibility", "period_from", "period_to", "notes", "source"} {
				if !strings.Contains(r.body, `<label for="f-`+name+`">`) || !strings.Contains(r.body, `name="`+name+`"`) {
					t.Errorf("no labelled field %s", name)
				}
			}
			if !strings.Contains(r.body, `type="date" id="f-announced"`) {
				t.Errorf("announced is not a date input")
			}
			// A donor officer is offered only their own party.
			if !strings.Contains(r.body, `<option value="GB" selected>`) || strings.Contains(r.body, `<option value="DE"`) {
				t.Errorf("gb's donor select offers other parties or lacks GB")
			}
		})
		t.Run("public is sent to sign in", func(t *testing.T) {
			r := e.do("GET", "/pledges/new", "", nil)
			if r.status != http.StatusSeeOther || r.header.Get("Location") != "/signin?next=%2Fpledges%2Fnew" {
				t.Errorf("status %d to %q", r.status, r.header.Get("Location"))
			}
		})
		t.Run("success", func(t *testing.T) {
			id := created(t, e.do("POST", "/pledges/new", "gb", newPledgeForm()), locationRE)
			p, err := e.store.FindPledgeByID(adminCtx, id)
			if err != nil {
				t.Fatal(err)
			}
			if p.Donor != "GB" || p.Item != "Rapid Sentry launchers" || *p.Quantity != 12 || p.Amount.String() != "1500000.5" || p.Currency != "GBP" ||
				p.AnnouncedOn.String() != "2025-06-04" || p.Meeting != "udcg-28" || p.PeriodTo.String() != "2026-06-30" || p.Notes != "from the test" ||
				len(p.Sources) != 1 || p.Sources[0].URL != "https://example.org/sentry" {
				t.Errorf("stored %+v", p)
			}
			if ev := e.lastAudit(t, "pledge/"+strconv.FormatInt(id, 10)); ev.Action != "create" || ev.Actor != "user:gb" {
				t.Errorf("audit %s by %s, want create by user:gb", ev.Action, ev.Actor)
			}
		})
		t.Run("German numbers", func(t *testing.T) {
			f := newPledgeForm()
			f.Set("item", "Rapid Sentry missiles")
			f.Set("amount", "2.500.000,25")
			f.Set("quantity", "1.200")
			r := e.do("POST", "/pledges/new", "gb", f)
			if r.status != http.StatusBadRequest {
				// In English, 2.500.000,25 is not a number.
				t.Fatalf("English page took 2.500.000,25: %d", r.status)
			}
			id := created(t, e.send("POST", "/pledges/new", "gb", "de", f), locationRE)
			p, _ := e.store.FindPledgeByID(adminCtx, id)
			if p.Amount.String() != "2500000.25" || *p.Quantity != 1200 {
				t.Errorf("German form stored amount %s, quantity %d", p.Amount, *p.Quantity)
			}
		})
		t.Run("validation", func(t *testing.T) {
			before := e.snapshot()
			f := newPledgeForm()
			f.Set("item", "")
			f.Set("amount", "lots")
			f.Set("announced", "2025-02-30")
			f.Set("notes", "keep <this>")
			r := e.do("POST", "/pledges/new", "gb", f)
			if r.status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", r.status)
			}
			for _, name := range []string{"item", "amount", "announced"} {
				invalidField(t, r.body, name)
			}
			if !strings.Contains(r.body, `value="lots"`) || !strings.Contains(r.body, "keep &lt;this&gt;") {
				t.Errorf("the form lost what was typed")
			}
			e.unchanged(t, before, "an invalid pledge")
		})
		t.Run("domain error beside its field", func(t *testing.T) {
			before := e.snapshot()
			f := newPledgeForm()
			f.Set("currency", "XYZ")
			r := e.do("POST", "/pledges/new", "gb", f)
			if r.status != http.StatusBadRequest || !strings.Contains(r.body, "unknown currency") {
				t.Fatalf("status %d, want 400 with the domain's message", r.status)
			}
			invalidField(t, r.body, "currency")
			f = newPledgeForm()
			f.Set("announced", "2030-01-01")
			r = e.do("POST", "/pledges/new", "gb", f)
			invalidField(t, r.body, "announced") // the store's "date" is the form's "announced"
			e.unchanged(t, before, "a pledge the domain refuses")
		})
		t.Run("another party's pledge", func(t *testing.T) {
			before := e.snapshot()
			f := newPledgeForm()
			f.Set("donor", "DE")
			if r := e.do("POST", "/pledges/new", "gb", f); r.status != http.StatusForbidden {
				t.Fatalf("gb recording DE's pledge: status %d, want 403", r.status)
			}
			e.unchanged(t, before, "a refused pledge")
			if ev := e.lastAudit(t, "refusal"); ev.Actor != "user:gb" || ev.Entity != "refusal/pledge.create/pledges" {
				t.Errorf("refusal audited as %s by %s", ev.Entity, ev.Actor)
			}
		})
		t.Run("public and viewer refused", func(t *testing.T) {
			before := e.snapshot()
			if r := e.do("POST", "/pledges/new", "", newPledgeForm()); r.status != http.StatusUnauthorized {
				t.Errorf("public: status %d, want 401", r.status)
			}
			if r := e.do("POST", "/pledges/new", "vic", newPledgeForm()); r.status != http.StatusForbidden {
				t.Errorf("viewer: status %d, want 403", r.status)
			}
			if r := e.do("GET", "/pledges/new", "vic", nil); r.status != http.StatusForbidden {
				t.Errorf("viewer GET: status %d, want 403", r.status)
			}
			e.unchanged(t, before, "refused pledges")
		})
		t.Run("csrf", func(t *testing.T) {
			before := e.snapshot()
			f := newPledgeForm()
			f.Set("item", "Forged drones")
			f.Set("csrf", "forged")
			if r := e.do("POST", "/pledges/new", "gb", f); r.status != http.StatusForbidden {
				t.Errorf("forged token: status %d, want 403", r.status)
			}
			f.Del("csrf")
			f.Set("csrf", "")
			if r := e.do("POST", "/pledges/new", "gb", f); r.status != http.StatusForbidden {
				t.Errorf("no token: status %d, want 403", r.status)
			}
			e.unchanged(t, before, "forged forms")
		})
	})
}

func TestDuplicatePledge(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newSite(t, open)
		// The same drones as the site's pledge: a look-alike.
		f := url.Values{"donor": {"GB"}, "category": {"drones"}, "item": {"Drones"}, "quantity": {"100"}, "announced": {"2025-07-21"},
			"visibility": {"public"}, "status": {"announced"}, "meeting": {"udcg-27"}, "source": {"https://example.org/drones-again"}}
		before := e.snapshot()
		r := e.do("POST", "/pledges/new", "gb", f)
		if r.status != http.StatusConflict {
			t.Fatalf("look-alike: status %d, want 409", r.status)
		}
		id := strconv.FormatInt(e.pledge, 10)
		for _, want := range []string{`href="/pledges/` + id + `"`, `name="link" value="` + id + `"`, `name="force" value="1"`, `value="https://example.org/drones-again"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("duplicate page lacks %q", want)
			}
		}
		e.unchanged(t, before, "a refused look-alike")

		t.Run("re-announcement", func(t *testing.T) {
			g := cloneValues(f)
			g.Set("link", id)
			if got := created(t, e.do("POST", "/pledges/new", "gb", g), locationRE); got != e.pledge {
				t.Fatalf("linked to %d, want %d", got, e.pledge)
			}
			p, _ := e.store.FindPledgeByID(adminCtx, e.pledge)
			last := p.Sources[len(p.Sources)-1]
			if !last.Reannouncement || last.URL != "https://example.org/drones-again" || last.AnnouncedOn.String() != "2025-07-21" || last.Meeting != "udcg-27" {
				t.Errorf("re-announcement stored as %+v", last)
			}
			var n int
			_ = e.store.DB().QueryRow(`SELECT COUNT(*) FROM pledges`).Scan(&n)
			if n != 1 {
				t.Errorf("%d pledges after linking, want 1", n)
			}
		})
		t.Run("force", func(t *testing.T) {
			g := cloneValues(f)
			g.Set("force", "1")
			g.Set("source", "https://example.org/more-drones")
			got := created(t, e.do("POST", "/pledges/new", "gb", g), locationRE)
			if got == e.pledge {
				t.Fatalf("force returned the old pledge")
			}
		})
		t.Run("re-announcement of another party's pledge", func(t *testing.T) {
			before := e.snapshot()
			g := cloneValues(f)
			g.Set("donor", "DE")
			g.Set("link", id)
			if r := e.do("POST", "/pledges/new", "de", g); r.status != http.StatusForbidden {
				t.Errorf("de linking to GB's pledge: status %d, want 403", r.status)
			}
			e.unchanged(t, before, "a refused link")
		})
	})
}

func TestEditPledge(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newSite(t, open)
		path := "/pledges/" + strconv.FormatInt(e.pledge, 10) + "/edit"
		r := e.do("GET", path, "gb", nil)
		if r.status != 200 || !strings.Contains(r.body, `name="version" value="1"`) || !strings.Contains(r.body, `value="drones"`) {
			t.Fatalf("edit form: status %d\n%s", r.status, r.body)
		}
		form := func(item, version string) url.Values {
			return url.Values{"version": {version}, "category": {"drones"}, "item": {item}, "quantity": {"150"}, "unit": {"drones"},
				"announced": {"2025-06-04"}, "meeting": {"udcg-28"}, "visibility": {"public"}, "notes": {"raised"}}
		}
		t.Run("success", func(t *testing.T) {
			created(t, e.do("POST", path, "gb", form("interceptor drones", "1")), locationRE)
			p, _ := e.store.FindPledgeByID(adminCtx, e.pledge)
			if p.Item != "interceptor drones" || *p.Quantity != 150 || p.Notes != "raised" || p.Version != 2 {
				t.Errorf("stored %+v", p)
			}
			if ev := e.lastAudit(t, "pledge/"+strconv.FormatInt(e.pledge, 10)); ev.Action != "update" || ev.Actor != "user:gb" {
				t.Errorf("audit %s by %s", ev.Action, ev.Actor)
			}
		})
		t.Run("stale version", func(t *testing.T) {
			before := e.snapshot()
			r := e.do("POST", path, "gb", form("my stale drones", "1"))
			if r.status != http.StatusConflict {
				t.Fatalf("stale edit: status %d, want 409", r.status)
			}
			for _, want := range []string{"Someone else saved this record", `name="version" value="2"`, `id="f-item" name="item" value="interceptor drones"`, "my stale drones"} {
				if !strings.Contains(r.body, want) {
					t.Errorf("stale page lacks %q", want)
				}
			}
			e.unchanged(t, before, "a stale edit")
		})
		t.Run("emptied fields are cleared", func(t *testing.T) {
			f := form("interceptor drones", "2")
			f.Set("amount", "2500000")
			f.Set("currency", "GBP")
			created(t, e.do("POST", path, "gb", f), locationRE)
			// The quantity emptied, its unit left in its box: both go.
			f = form("interceptor drones", "3")
			f.Set("amount", "2500000")
			f.Set("currency", "GBP")
			f.Set("quantity", "")
			f.Set("meeting", "")
			f.Set("notes", "")
			created(t, e.do("POST", path, "gb", f), locationRE)
			p, _ := e.store.FindPledgeByID(adminCtx, e.pledge)
			if p.Quantity != nil || p.Unit != "" || p.Meeting != "" || p.Notes != "" || p.Amount == nil || p.Version != 4 {
				t.Fatalf("after emptying quantity, meeting, notes: quantity %v unit %q meeting %q notes %q amount %v version %d",
					p.Quantity, p.Unit, p.Meeting, p.Notes, p.Amount, p.Version)
			}
			// The amount emptied, its currency left in its box: both go, and
			// the values derived from them.
			f = form("interceptor drones", "4")
			f.Set("quantity", "40")
			f.Set("amount", "")
			f.Set("currency", "GBP")
			created(t, e.do("POST", path, "gb", f), locationRE)
			p, _ = e.store.FindPledgeByID(adminCtx, e.pledge)
			if p.Amount != nil || p.Currency != "" || p.AmountEUR != nil || p.Quantity == nil || *p.Quantity != 40 || p.Version != 5 {
				t.Fatalf("after emptying the amount: amount %v %q EUR %v quantity %v version %d", p.Amount, p.Currency, p.AmountEUR, p.Quantity, p.Version)
			}
			if rep, err := e.store.VerifyAudit(adminCtx); err != nil || !rep.OK {
				t.Errorf("VerifyAudit after emptying fields: %+v, %v", rep, err)
			}
		})
		t.Run("a refused clear keeps what was typed", func(t *testing.T) {
			for _, c := range []struct{ lang, message string }{
				{"en", "a pledge needs a quantity, an amount, or both"},
				{"de", "eine Zusage braucht eine Menge, einen Betrag oder beides"},
			} {
				before := e.snapshot()
				f := form("interceptor drones", "5")
				f.Set("quantity", "")
				f.Set("notes", "typed, not saved")
				r := e.send("POST", path, "gb", c.lang, f)
				if r.status != http.StatusBadRequest {
					t.Fatalf("%s: emptying the only quantity: status %d, want 400", c.lang, r.status)
				}
				invalidField(t, r.body, "quantity")
				for _, want := range []string{c.message, `id="f-quantity" name="quantity" value=""`, "typed, not saved"} {
					if !strings.Contains(r.body, want) {
						t.Errorf("%s: the refused form lacks %q", c.lang, want)
					}
				}
				e.unchanged(t, before, "emptying the only quantity")
			}
		})
		t.Run("another party", func(t *testing.T) {
			before := e.snapshot()
			if r := e.do("GET", path, "de", nil); r.status != http.StatusForbidden {
				t.Errorf("de GET: status %d, want 403", r.status)
			}
			if r := e.do("POST", path, "de", form("taken over", "2")); r.status != http.StatusForbidden {
				t.Errorf("de POST: status %d, want 403", r.status)
			}
			e.unchanged(t, before, "de editing GB's pledge")
		})
		t.Run("links on the pledge page", func(t *testing.T) {
			page := "/pledges/" + strconv.FormatInt(e.pledge, 10)
			if r := e.do("GET", page, "gb", nil); !strings.Contains(r.body, `href="`+path+`"`) || !strings.Contains(r.body, `action="`+page+`/status"`) {
				t.Errorf("gb's pledge page lacks the edit link or the status form")
			}
			for _, user := range []string{"", "de", "vic"} {
				if r := e.do("GET", page, user, nil); strings.Contains(r.body, `href="`+path+`"`) || strings.Contains(r.body, `/status"`) {
					t.Errorf("%q sees the edit link or status form", user)
				}
			}
		})
	})
}

func TestStatusAndDeliveries(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newSite(t, open)
		id := strconv.FormatInt(e.pledge, 10)
		t.Run("status", func(t *testing.T) {
			created(t, e.do("POST", "/pledges/"+id+"/status", "gb", url.Values{"status": {"committed"}, "date": {"2025-07-01"}, "note": {"signed"}}), locationRE)
			p, _ := e.store.FindPledgeByID(adminCtx, e.pledge)
			if p.Status != pledgebook.Committed || p.History[len(p.History)-1].Note != "signed" {
				t.Errorf("status %s, history %v", p.Status, p.History)
			}
			before := e.snapshot()
			r := e.do("POST", "/pledges/"+id+"/status", "gb", url.Values{"status": {"announced"}, "date": {"2025-07-02"}})
			if r.status != http.StatusBadRequest || !strings.Contains(r.body, "cannot move back") {
				t.Fatalf("moving back: status %d", r.status)
			}
			invalidField(t, r.body, "status")
			if r := e.do("POST", "/pledges/"+id+"/status", "de", url.Values{"status": {"contracted"}, "date": {"2025-07-02"}}); r.status != http.StatusForbidden {
				t.Errorf("de moving GB's pledge: status %d, want 403", r.status)
			}
			e.unchanged(t, before, "refused status moves")
		})
		var delivery int64
		t.Run("delivery", func(t *testing.T) {
			path := "/pledges/" + id + "/deliveries/new"
			if r := e.do("GET", path, "gb", nil); r.status != 200 || strings.Contains(r.body, `name="confirmed"`) {
				t.Errorf("gb's delivery form: status %d; a donor may not confirm, so no confirmed box", r.status)
			}
			before := e.snapshot()
			r := e.do("POST", path, "gb", url.Values{"delivered": {"2025-08-01"}, "quantity": {"500"}, "visibility": {"public"}})
			if r.status != http.StatusBadRequest || !strings.Contains(r.body, "above the 100 pledged") {
				t.Fatalf("too many: status %d", r.status)
			}
			invalidField(t, r.body, "quantity")
			if r := e.do("POST", path, "gb", url.Values{"delivered": {"2025-08-01"}, "quantity": {"40"}, "confirmed": {"1"}}); r.status != http.StatusForbidden {
				t.Errorf("gb confirming its own delivery: status %d, want 403", r.status)
			}
			e.unchanged(t, before, "refused deliveries")
			created(t, e.do("POST", path, "gb", url.Values{"delivered": {"2025-08-01"}, "quantity": {"40"}, "visibility": {"public"},
				"source": {"https://example.org/delivered"}}), locationRE)
			ds, _ := e.store.FindDeliveries(adminCtx, pledgebook.DeliveryFilter{Pledge: &e.pledge})
			if len(ds) != 1 || *ds[0].Quantity != 40 || ds[0].Confirmed || ds[0].Source != "https://example.org/delivered" {
				t.Fatalf("deliveries %+v", ds)
			}
			delivery = ds[0].ID
			if ev := e.lastAudit(t, "delivery/"+strconv.FormatInt(delivery, 10)); ev.Action != "create" || ev.Actor != "user:gb" {
				t.Errorf("audit %s by %s", ev.Action, ev.Actor)
			}
		})
		t.Run("confirm", func(t *testing.T) {
			page := e.do("GET", "/pledges/"+id, "ua", nil)
			action := `action="/deliveries/` + strconv.FormatInt(delivery, 10) + `/confirm"`
			if !strings.Contains(page.body, action) {
				t.Fatalf("the recipient's pledge page has no confirm button")
			}
			if r := e.do("GET", "/pledges/"+id, "gb", nil); strings.Contains(r.body, action) {
				t.Errorf("the donor is offered the confirm button")
			}
			path := "/deliveries/" + strconv.FormatInt(delivery, 10) + "/confirm"
			before := e.snapshot()
			if r := e.do("POST", path, "gb", url.Values{"version": {"1"}}); r.status != http.StatusForbidden {
				t.Errorf("gb confirming: status %d, want 403", r.status)
			}
			if r := e.do("POST", path, "ua", url.Values{"version": {"7"}}); r.status != http.StatusConflict {
				t.Errorf("stale confirm: status %d, want 409", r.status)
			}
			e.unchanged(t, before, "refused confirmations")
			created(t, e.do("POST", path, "ua", url.Values{"version": {"1"}}), locationRE)
			d, _ := e.store.FindDeliveryByID(adminCtx, delivery)
			if !d.Confirmed {
				t.Errorf("delivery not confirmed")
			}
			if ev := e.lastAudit(t, "delivery/"+strconv.FormatInt(delivery, 10)); ev.Action != "confirm" || ev.Actor != "user:ua" {
				t.Errorf("audit %s by %s", ev.Action, ev.Actor)
			}
		})
	})
}
