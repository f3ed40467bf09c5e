package web

import (
	"net/http"
	"strconv"
	"testing"
)

// BenchmarkPledgeFormPage renders the new-pledge form for a coordinator
// over loopback on SQLite: the parties and meetings read for its selects
// and the template.
func BenchmarkPledgeFormPage(b *testing.B) {
	e := newSite(b, engines[0].open)
	for b.Loop() {
		if r := e.do("GET", "/pledges/new", "coord", nil); r.status != http.StatusOK {
			b.Fatalf("status %d", r.status)
		}
	}
}

// BenchmarkCreatePledgeForm posts the new-pledge form, each time a new
// item, through the CSRF check, authorization, the store's validation,
// duplicate check and audited insert, and the redirect.
func BenchmarkCreatePledgeForm(b *testing.B) {
	e := newSite(b, engines[0].open)
	f := newPledgeForm()
	i := 0
	for b.Loop() {
		i++
		f.Set("item", "launchers batch "+strconv.Itoa(i))
		if r := e.do("POST", "/pledges/new", "coord", f); r.status != http.StatusSeeOther {
			b.Fatalf("status %d: %s", r.status, r.body)
		}
	}
}
