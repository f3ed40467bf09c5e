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

func TestReviewQueue(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newSite(t, open)
		id := strconv.FormatInt(e.candidate, 10)
		path := "/review/" + id
		t.Run("queue", func(t *testing.T) {
			r := e.do("GET", "/review", "cura", nil)
			if r.status != 200 || !strings.Contains(r.body, `href="`+path+`"`) || !strings.Contains(r.body, "boats") {
				t.Fatalf("queue: status %d\n%s", r.status, r.body)
			}
			if r := e.do("GET", "/review?state=rejected", "cura", nil); strings.Contains(r.body, `href="`+path+`"`) {
				t.Errorf("the rejected filter lists a pending candidate")
			}
			if r := e.do("GET", "/review?state=maybe", "cura", nil); r.status != http.StatusBadRequest {
				t.Errorf("unknown state: status %d, want 400", r.status)
			}
			if r := e.do("GET", "/review", "vic", nil); r.status != http.StatusForbidden {
				t.Errorf("viewer: status %d, want 403", r.status)
			}
			if r := e.do("GET", "/", "vic", nil); strings.Contains(r.body, `href="/review"`) {
				t.Errorf("a viewer is offered the review queue")
			}
			if r := e.do("GET", "/", "cura", nil); !strings.Contains(r.body, `href="/review"`) {
				t.Errorf("a curator is not offered the review queue")
			}
		})
		t.Run("candidate", func(t *testing.T) {
			r := e.do("GET", path, "cura", nil)
			for _, want := range []string{"Ministers met in Brussels. <mark>" + e.evidence + "</mark> More aid", `id="f-item" name="item" value="boats"`,
				`id="f-quantity" name="quantity" value="500"`, `<option value="GB" selected>`, `<option value="maritime" selected>`,
				`id="f-announced" name="announced" value="2025-06-05"`, `action="` + path + `/accept"`, `action="` + path + `/link"`, `action="` + path + `/reject"`} {
				if !strings.Contains(r.body, want) {
					t.Errorf("candidate page lacks %q", want)
				}
			}
		})
		t.Run("reject needs a reason", func(t *testing.T) {
			before := e.snapshot()
			r := e.do("POST", path+"/reject", "cura", url.Values{"reason": {"  "}})
			if r.status != http.StatusBadRequest {
				t.Fatalf("status %d", r.status)
			}
			invalidField(t, r.body, "reason")
			if r := e.do("POST", path+"/reject", "vic", url.Values{"reason": {"no"}}); r.status != http.StatusForbidden {
				t.Errorf("viewer rejecting: status %d, want 403", r.status)
			}
			e.unchanged(t, before, "refused rejections")
		})
		t.Run("link needs a pledge", func(t *testing.T) {
			before := e.snapshot()
			r := e.do("POST", path+"/link", "cura", url.Values{"pledge": {""}, "pledge_id": {""}})
			if r.status != http.StatusBadRequest || !strings.Contains(r.body, `id="f-pledge-err"`) {
				t.Fatalf("status %d", r.status)
			}
			r = e.do("POST", path+"/link", "cura", url.Values{"pledge_id": {"99999"}})
			if r.status != http.StatusBadRequest {
				t.Fatalf("unknown pledge: status %d", r.status)
			}
			invalidField(t, r.body, "pledge_id")
			e.unchanged(t, before, "links without a pledge")
		})
	})
}

// TestReviewActions accepts, links and rejects one candidate each.
func TestReviewActions(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		for _, c := range []struct {
			name   string
			action string
			form   func(e *site) url.Values
			check  func(t *testing.T, e *site, c *pledgebook.Candidate, location string)
		}{
			{"accept", "accept", func(e *site) url.Values {
				return url.Values{"donor": {"GB"}, "recipient": {"UA"}, "category": {"maritime"}, "item": {"patrol boats"}, "quantity": {"450"},
					"announced": {"2025-06-05"}, "status": {"announced"}, "visibility": {"public"}}
			}, func(t *testing.T, e *site, c *pledgebook.Candidate, location string) {
				if c.State != pledgebook.Accepted || c.Pledge == nil || location != "/pledges/"+strconv.FormatInt(*c.Pledge, 10) {
					t.Fatalf("candidate %+v, location %s", c, location)
				}
				p, _ := e.store.FindPledgeByID(adminCtx, *c.Pledge)
				if p.Item != "patrol boats" || *p.Quantity != 450 || len(p.Sources) != 1 || p.Sources[0].Evidence != e.evidence {
					t.Errorf("accepted pledge %+v (the curator's corrections, with the evidence)", p)
				}
			}},
			{"link", "link", func(e *site) url.Values {
				return url.Values{"pledge": {strconv.FormatInt(e.pledge, 10)}, "date": {"2025-06-05"}}
			}, func(t *testing.T, e *site, c *pledgebook.Candidate, location string) {
				if c.State != pledgebook.Linked || c.Pledge == nil || *c.Pledge != e.pledge {
					t.Fatalf("candidate %+v", c)
				}
				p, _ := e.store.FindPledgeByID(adminCtx, e.pledge)
				if last := p.Sources[len(p.Sources)-1]; !last.Reannouncement || last.Evidence != e.evidence {
					t.Errorf("re-announcement %+v", last)
				}
			}},
			{"reject", "reject", func(e *site) url.Values { return url.Values{"reason": {"a boat show, not a pledge"}} },
				func(t *testing.T, e *site, c *pledgebook.Candidate, location string) {
					if c.State != pledgebook.Rejected || c.Reason != "a boat show, not a pledge" || location != "/review" {
						t.Fatalf("candidate %+v, location %s", c, location)
					}
				}},
		} {
			t.Run(c.name, func(t *testing.T) {
				e := newSite(t, open)
				path := "/review/" + strconv.FormatInt(e.candidate, 10)
				r := e.do("POST", path+"/"+c.action, "cura", c.form(e))
				if r.status != http.StatusSeeOther {
					t.Fatalf("status %d, want 303:\n%s", r.status, r.body)
				}
				got, err := e.store.FindCandidateByID(adminCtx, e.candidate)
				if err != nil {
					t.Fatal(err)
				}
				c.check(t, e, got, r.header.Get("Location"))
				if ev := e.lastAudit(t, "candidate/"+strconv.FormatInt(e.candidate, 10)); ev.Actor != "user:cura" || ev.Action != string(got.State) {
					t.Errorf("audit %s by %s", ev.Action, ev.Actor)
				}
				// A reviewed candidate offers no more actions and takes none.
				if r := e.do("GET", path, "cura", nil); strings.Contains(r.body, `action="`+path+`/reject"`) {
					t.Errorf("a reviewed candidate still offers actions")
				}
				before := e.snapshot()
				if r := e.do("POST", path+"/reject", "cura", url.Values{"reason": {"again"}}); r.status == http.StatusSeeOther {
					t.Errorf("reviewing twice succeeded")
				}
				e.unchanged(t, before, "a second review")
			})
		}
	})
}

// TestReviewDuplicate accepts a candidate that looks like a recorded
// pledge: refused, with the pledge offered to link to, unless forced.
func TestReviewDuplicate(t *testing.T) {
	e := newSite(t, engines[0].open)
	path := "/review/" + strconv.FormatInt(e.candidate, 10)
	f := url.Values{"donor": {"GB"}, "category": {"drones"}, "item": {"drones"}, "quantity": {"100"}, "announced": {"2025-06-05"}, "visibility": {"public"}}
	before := e.snapshot()
	r := e.do("POST", path+"/accept", "cura", f)
	if r.status != http.StatusConflict || !strings.Contains(r.body, `name="force" value="1"`) {
		t.Fatalf("look-alike: status %d", r.status)
	}
	e.unchanged(t, before, "a refused look-alike")
	f.Set("force", "1")
	created(t, e.do("POST", path+"/accept", "cura", f), locationRE)
}
