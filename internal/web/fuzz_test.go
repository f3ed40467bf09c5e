package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// FuzzForms posts what a browser's user controls, the form's body, to
// every form handler, signed in as an admin (whom authorization never
// refuses, so that every input reaches the parsers and the store), over
// SQLite, and holds them to the rules, whatever the input:
//
//   - the server never fails with a 5xx (nor panics);
//   - a form that is not accepted (anything but a 303) writes nothing.
//
// Run it with e.g.
//
//	go test -run '^$' -fuzz '^FuzzForms$' -fuzztime 60s ./internal/web/
func FuzzForms(f *testing.F) {
	e := newSite(f, engines[0].open)
	pledge, candidate := strconv.FormatInt(e.pledge, 10), strconv.FormatInt(e.candidate, 10)
	paths := []string{
		"/pledges/new", "/pledges/" + pledge + "/edit", "/pledges/" + pledge + "/status", "/pledges/" + pledge + "/deliveries/new",
		"/requirements/new", "/requirements/1/edit", "/review/" + candidate + "/accept", "/review/" + candidate + "/link",
		"/review/" + candidate + "/reject", "/signin", "/deliveries/1/confirm", "/sources/new",
	}
	seeds := []string{
		newPledgeForm().Encode(),
		"version=1&category=drones&item=drones&quantity=120&announced=2025-06-04&visibility=public",
		"status=committed&date=2025-07-01&note=x",
		"delivered=2025-08-01&quantity=10&visibility=public",
		"category=drones&item=shields&quantity=5&priority=2&needed_by=2026-01-01",
		"version=1&category=drones&item=shields&priority=9",
		"donor=GB&category=maritime&item=boats&quantity=500&announced=2025-06-05&force=1",
		"pledge=" + pledge + "&date=2025-06-05",
		"reason=not+a+pledge",
		"username=admin&password=wrong",
		"version=1",
		"donor=GB&category=drones&item=drones&quantity=100&announced=2025-06-04&link=" + pledge + "&source=https%3A%2F%2Fexample.org%2Fa",
		"amount=1e999999999&currency=EUR&quantity=99999999999999999999&announced=0000-01-01",
		"amount=1,2,3&quantity=-5&announced=2025-13-40&period_from=2026-01-01&period_to=2025-01-01",
		"donor=%00&item=%FF%FE&category=drones%0A&visibility=secret&status=lost&meeting=nope",
		"version=-1&version=2&link=0&force=&pledge_id=abc",
		"%zz=1&&=&a",
		"text=Norwegen+sagte+der+Ukraine+500+Millionen+Kronen+zu.&url=https%3A%2F%2Fexample.org%2Fn&published=2025-06-04&lang=de",
	}
	for i, s := range seeds {
		f.Add(uint8(i), s)
	}
	session := e.session("admin")
	token := csrfToken(session)
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		e := e.with(t)
		path := paths[int(which)%len(paths)]
		before := e.snapshot()
		req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(body+"&csrf="+url.QueryEscape(token)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: session})
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("POST %s %q: %v", path, body, err)
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("POST %s %q: status %d", path, body, resp.StatusCode)
		}
		if resp.StatusCode != http.StatusSeeOther {
			if after := e.snapshot(); after != before {
				t.Fatalf("POST %s %q failed with %d but wrote:\nbefore:\n%s\nafter:\n%s", path, body, resp.StatusCode, before, after)
			}
		}
	})
}
