package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"pledgebook"
	"pledgebook/internal/auth"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/storetest"
)

// visibilityReads are the listings and reports the property reads, each
// as one document: a listing is every page, fetched a few items at a time
// by following next_cursor.
var visibilityReads = []string{
	"/api/v1/pledges", "/api/v1/pledges?status=announced", "/api/v1/pledges?donor=GB", "/api/v1/deliveries",
	"/api/v1/requirements", "/api/v1/parties?donors=true",
	"/api/v1/reports/donors", "/api/v1/reports/donors?currency=USD", "/api/v1/reports/categories",
	"/api/v1/reports/coverage", "/api/v1/reports/coverage?currency=USD", "/api/v1/reports/timeline",
	"/api/v1/reports/timeline?currency=USD&from=2025-03-01",
}

// TestVisibilityProperty is the visibility property over HTTP: for random
// ledgers (seeded) and a user of every role and party, every listing and
// report fetched with that user's token
//
//  1. names no record the user may not see, and
//  2. equals what an admin gets from a server over a ledger built of only
//     the records the user may see, so that nothing in it can depend on
//     what is hidden.
//
// Record ids differ between the two ledgers, so responses are compared
// with every id replaced by the ref of the record it names.
// storetest.VisibilityProperty holds the store to the same property.
func TestVisibilityProperty(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		for _, seed := range []uint64{1, 2, 3} {
			t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
				w := storetest.NewWorld(seed)
				var users []pledgebook.User
				for _, vw := range storetest.Viewers() {
					if vw.Viewer.SignedIn() {
						users = append(users, pledgebook.User{Name: userName(vw), Role: vw.Viewer.Role, Party: vw.Viewer.Party})
					}
				}
				a := newLedgerServer(t, open, w, storetest.All, users)
				built := map[string]*ledgerServer{}
				for _, vw := range storetest.Viewers() {
					keep := w.VisibleTo(vw.Viewer)
					visible := w.Refs(keep)
					b := built[w.Key(keep)]
					if b == nil {
						b = newLedgerServer(t, open, w, keep, nil)
						built[w.Key(keep)] = b
					}
					user := ""
					if vw.Viewer.SignedIn() {
						user = userName(vw)
					}
					for _, path := range visibilityReads {
						got := a.read(t, path, user)
						for ref := range got.refs {
							if !visible[ref] {
								t.Errorf("%s: GET %s shows %s, which they may not see", vw.Name, path, ref)
							}
						}
						if want := b.read(t, path, "admin"); got.doc != want.doc {
							t.Errorf("%s: GET %s differs from an admin's read of a ledger without the hidden records\ngot:  %s\nwant: %s",
								vw.Name, path, got.doc, want.doc)
						}
					}
				}
			})
		}
	})
}

// userName is the name of the user who reads as vw.
func userName(vw storetest.NamedViewer) string {
	return "u-" + strings.ToLower(strings.ReplaceAll(vw.Name, " ", "-"))
}

// ledgerServer is a server over a ledger loaded from a World, with its
// users' tokens and the refs of its records by id.
type ledgerServer struct {
	srv                   *httptest.Server
	tokens                map[string]string
	pledges, requirements map[int64]string // id → ref
	deliveries            map[int64]string
}

func newLedgerServer(t *testing.T, open storetest.Opener, w storetest.World, keep func(any) bool, users []pledgebook.User) *ledgerServer {
	t.Helper()
	s := open(t)
	w.Load(t, s, keep)
	ctx := pledgebook.WithViewer(pledgebook.WithActor(context.Background(), "test"), pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin})
	ls := &ledgerServer{tokens: map[string]string{}, pledges: map[int64]string{}, requirements: map[int64]string{},
		deliveries: map[int64]string{}}
	for _, u := range append([]pledgebook.User{{Name: "admin", Role: pledgebook.RoleAdmin}}, users...) {
		if err := s.CreateUser(ctx, &u, passwordHash); err != nil {
			t.Fatalf("CreateUser(%s): %v", u.Name, err)
		}
		tok, hash, err := auth.NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateToken(ctx, u.ID, "test", hash, storetest.Now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		ls.tokens[u.Name] = tok
	}
	ps, _, err := s.FindPledges(ctx, pledgebook.PledgeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		ls.pledges[p.ID] = p.Ref
	}
	rs, err := s.FindRequirements(ctx, pledgebook.RequirementFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		ls.requirements[r.ID] = r.Ref
	}
	ds, err := s.FindDeliveries(ctx, pledgebook.DeliveryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		ls.deliveries[d.ID] = d.Ref
	}
	ls.srv = httptest.NewServer(httpapi.New(s, slog.New(slog.NewTextHandler(io.Discard, nil)), httpapi.Options{Now: storetest.Config().Now}))
	t.Cleanup(ls.srv.Close)
	return ls
}

// readResult is a read as ids-free JSON and the refs it names.
type readResult struct {
	doc  string
	refs map[string]bool
}

// read fetches path as user ("" for the public): a listing page by page,
// three items a page, its items joined into one list.
func (ls *ledgerServer) read(t *testing.T, path, user string) readResult {
	t.Helper()
	get := func(path string) any {
		req, err := http.NewRequest(http.MethodGet, ls.srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if user != "" {
			req.Header.Set("Authorization", "Bearer "+ls.tokens[user])
		}
		res, err := ls.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s as %q: %d %s", path, user, res.StatusCode, b)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		return v
	}
	var doc any
	if strings.HasPrefix(path, "/api/v1/reports/") {
		doc = get(path)
	} else {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		var items []any
		cursor := ""
		for range 100 {
			page := get(path + sep + "limit=3" + cursor).(map[string]any)
			items = append(items, page["items"].([]any)...)
			next, _ := page["next_cursor"].(string)
			if next == "" {
				break
			}
			cursor = "&cursor=" + next
		}
		doc = items
	}
	r := readResult{refs: map[string]bool{}}
	doc = ls.canonical(doc, "", r.refs)
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	r.doc = string(b)
	return r
}

var deliveryID = regexp.MustCompile(`\bdelivery [0-9]+\b`)

// canonical returns v with every record id replaced by the ref of the
// record it names (a hidden or unknown one by "id N", which no other
// ledger's read will match), collecting the refs it names in refs.
func (ls *ledgerServer) canonical(v any, key string, refs map[string]bool) any {
	name := func(m map[int64]string, kind string, x any) any {
		f, ok := x.(float64)
		if !ok {
			return x
		}
		if ref, ok := m[int64(f)]; ok {
			refs[ref] = true
			return ref
		}
		return fmt.Sprintf("%s id %v", kind, f)
	}
	switch x := v.(type) {
	case map[string]any:
		if ref, ok := x["ref"].(string); ok {
			refs[ref] = true
			delete(x, "id") // the record's own id; its ref names it
		}
		for k, e := range x {
			x[k] = ls.canonical(e, k, refs)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = ls.canonical(e, key, refs)
		}
		return x
	}
	if s, ok := v.(string); ok {
		// A status move a delivery made names it in its note.
		return deliveryID.ReplaceAllStringFunc(s, func(m string) string {
			n, _ := strconv.ParseInt(strings.TrimPrefix(m, "delivery "), 10, 64)
			return "delivery " + name(ls.deliveries, "delivery", float64(n)).(string)
		})
	}
	switch key {
	case "pledge":
		return name(ls.pledges, "pledge", v)
	case "requirement":
		return name(ls.requirements, "requirement", v)
	}
	return v
}
