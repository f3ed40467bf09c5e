package webhook

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"pledgebook"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/storetest"
)

const testHash = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"

var admin = pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin}

func adminCtx() context.Context {
	return pledgebook.WithActor(pledgebook.WithViewer(context.Background(), admin), "test")
}

// loopback allows the tests' receivers, which listen on 127.0.0.1.
var loopback = &Guard{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}

// receiver is a real HTTP server on loopback that records what it gets
// and answers with the statuses it is given, then 204.
type receiver struct {
	srv      *httptest.Server
	mu       sync.Mutex
	got      []delivery
	statuses []int
}

type delivery struct {
	header http.Header
	body   []byte
	event  Event
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	r := &receiver{statuses: statuses}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		var e Event
		_ = json.Unmarshal(body, &e)
		r.mu.Lock()
		r.got = append(r.got, delivery{req.Header.Clone(), body, e})
		status := http.StatusNoContent
		if len(r.statuses) > 0 {
			status, r.statuses = r.statuses[0], r.statuses[1:]
		}
		r.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// world is a store on a SQLite file, a clock the test moves, and users.
type world struct {
	path string
	s    *sqlite.Store
	mu   sync.Mutex
	now  time.Time
}

func (w *world) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *world) advance(d time.Duration) {
	w.mu.Lock()
	w.now = w.now.Add(d)
	w.mu.Unlock()
}

func (w *world) open(t *testing.T) {
	t.Helper()
	cfg := storetest.Config()
	cfg.Now = w.clock
	s, err := sqlite.Open(adminCtx(), w.path, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	w.s = s
}

func newWorld(t *testing.T) *world {
	w := &world{path: filepath.Join(t.TempDir(), "hooks.db"), now: storetest.Now}
	w.open(t)
	if _, err := w.s.SyncReference(adminCtx(), storetest.Reference()); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) user(t *testing.T, name string, role pledgebook.Role, party string) *pledgebook.User {
	t.Helper()
	u := &pledgebook.User{Name: name, Role: role, Party: party}
	if err := w.s.CreateUser(adminCtx(), u, testHash); err != nil {
		t.Fatal(err)
	}
	return u
}

func (w *world) subscribe(t *testing.T, u *pledgebook.User, sel pledgebook.Selection, url string) *pledgebook.Webhook {
	t.Helper()
	h, err := loopback.Subscribe(pledgebook.WithViewer(context.Background(), u.Viewer()), w.s, sel, url)
	if err != nil {
		t.Fatalf("Subscribe(%s, %+v, %s): %v", u.Name, sel, url, err)
	}
	return h
}

func (w *world) pledge(t *testing.T, donor string, vis pledgebook.Visibility) *pledgebook.Pledge {
	t.Helper()
	q := int64(len(donor) + int(w.clock().Unix()%1000))
	p := &pledgebook.Pledge{Donor: donor, Category: pledgebook.Drones, Item: "test drones " + string(vis) + " " + strconv.FormatInt(w.clock().UnixNano(), 36),
		Quantity: &q, AnnouncedOn: pledgebook.MustDate("2025-06-04"), Visibility: vis}
	if err := w.s.CreatePledge(adminCtx(), p, pledgebook.CreatePledgeOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	w.advance(time.Second)
	return p
}

func (w *world) dispatcher(o Options) *Dispatcher {
	o.Store, o.Guard, o.Now, o.BaseURL = w.s, loopback, w.clock, "https://pledges.example"
	if o.Jitter == nil {
		o.Jitter = func() float64 { return 0.5 }
	}
	return New(o)
}

func runOnce(t *testing.T, d *Dispatcher) {
	t.Helper()
	if err := d.RunOnce(context.Background()); err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
}

func TestDeliverSigned(t *testing.T) {
	w := newWorld(t)
	owner := w.user(t, "olena", pledgebook.RoleViewer, "")
	rcv := newReceiver(t)
	old := w.pledge(t, "GB", pledgebook.Public) // before the webhook: not sent
	h := w.subscribe(t, owner, pledgebook.Selection{}, rcv.srv.URL+"/hook")
	if len(h.Secret) != len("whsec_")+64 {
		t.Fatalf("secret %q, want whsec_ and 32 bytes in hex", h.Secret)
	}
	p := w.pledge(t, "GB", pledgebook.Public)
	d := w.dispatcher(Options{})
	runOnce(t, d)
	got := rcv.deliveries()
	if len(got) != 1 {
		t.Fatalf("receiver got %d deliveries, want 1 (the pledge made after subscribing)", len(got))
	}
	g := got[0]
	if err := Verify(h.Secret, g.header.Get(SignatureHeader), g.body, w.clock(), 5*time.Minute); err != nil {
		t.Fatalf("signature %q does not verify: %v", g.header.Get(SignatureHeader), err)
	}
	if err := Verify("whsec_another", g.header.Get(SignatureHeader), g.body, w.clock(), 5*time.Minute); err == nil {
		t.Fatal("the signature verifies with another secret")
	}
	tampered := append([]byte(nil), g.body...)
	tampered[len(tampered)-2] ^= 1
	if err := Verify(h.Secret, g.header.Get(SignatureHeader), tampered, w.clock(), 5*time.Minute); err == nil {
		t.Fatal("the signature verifies a changed body")
	}
	if err := Verify(h.Secret, g.header.Get(SignatureHeader), g.body, w.clock().Add(time.Hour), 5*time.Minute); err == nil {
		t.Fatal("the signature verifies an hour later")
	}
	e := g.event
	if e.Type != "pledge.created" || e.Pledge == nil || e.Pledge.ID != p.ID || e.Pledge.ID == old.ID || e.Webhook != h.ID ||
		e.URL != "https://pledges.example/pledges/"+strconv.FormatInt(p.ID, 10) || e.ID != g.header.Get(EventHeader) || g.header.Get(AttemptHeader) != "1" ||
		g.header.Get(WebhookHeader) != strconv.FormatInt(h.ID, 10) || g.header.Get("Content-Type") != "application/json" {
		t.Fatalf("delivery %+v with headers %v", e, g.header)
	}
	runOnce(t, d)
	if n := len(rcv.deliveries()); n != 1 {
		t.Fatalf("a second round sent %d deliveries in all, want still 1", n)
	}
	// A status move is the next event.
	if _, err := w.s.SetPledgeStatus(adminCtx(), p.ID, pledgebook.StatusMove{To: pledgebook.Committed, On: pledgebook.MustDate("2025-07-01")}); err != nil {
		t.Fatal(err)
	}
	runOnce(t, d)
	got = rcv.deliveries()
	if len(got) != 2 || got[1].event.Type != "pledge.status" || got[1].event.Pledge.Status != pledgebook.Committed {
		t.Fatalf("after a status move: %d deliveries, last %+v", len(got), got[len(got)-1].event)
	}
	log, err := w.s.FindWebhookDeliveries(pledgebook.WithViewer(context.Background(), owner.Viewer()), h.ID, 0)
	if err != nil || len(log) != 2 || log[0].Outcome != pledgebook.OutcomeDelivered || log[0].Status != 204 {
		t.Fatalf("delivery log %+v, %v", log, err)
	}
}

func TestRetries(t *testing.T) {
	w := newWorld(t)
	owner := w.user(t, "olena", pledgebook.RoleViewer, "")
	rcv := newReceiver(t, 500, 503) // fails twice, then succeeds
	h := w.subscribe(t, owner, pledgebook.Selection{}, rcv.srv.URL)
	w.pledge(t, "GB", pledgebook.Public)
	d := w.dispatcher(Options{BaseDelay: time.Minute, MaxDelay: 10 * time.Minute})
	runOnce(t, d)
	runOnce(t, d) // not due yet
	if n := len(rcv.deliveries()); n != 1 {
		t.Fatalf("before the back-off passed: %d attempts, want 1", n)
	}
	w.advance(30 * time.Second) // half of the first minute, jitter 0.5: 45s
	runOnce(t, d)
	if n := len(rcv.deliveries()); n != 1 {
		t.Fatalf("30s on: %d attempts, want still 1", n)
	}
	w.advance(15 * time.Second)
	runOnce(t, d)
	if n := len(rcv.deliveries()); n != 2 {
		t.Fatalf("45s on: %d attempts, want 2", n)
	}
	w.advance(89 * time.Second) // the second wait is 2m × 0.75 = 90s
	runOnce(t, d)
	if n := len(rcv.deliveries()); n != 2 {
		t.Fatalf("89s after the second: %d attempts, want 2", n)
	}
	w.advance(time.Second)
	runOnce(t, d)
	got := rcv.deliveries()
	if len(got) != 3 {
		t.Fatalf("after the back-off: %d attempts, want 3", len(got))
	}
	for i, g := range got {
		if g.header.Get(EventHeader) != got[0].header.Get(EventHeader) || g.header.Get(AttemptHeader) != strconv.Itoa(i+1) {
			t.Errorf("attempt %d: event %s attempt %s; want the same event, attempt %d", i+1, g.header.Get(EventHeader), g.header.Get(AttemptHeader), i+1)
		}
		if err := Verify(h.Secret, g.header.Get(SignatureHeader), g.body, w.clock(), 10*time.Minute); err != nil {
			t.Errorf("attempt %d: %v", i+1, err)
		}
	}
	w.advance(time.Hour)
	runOnce(t, d)
	if n := len(rcv.deliveries()); n != 3 {
		t.Fatalf("after success: %d attempts, want no more than 3", n)
	}
	log, _ := w.s.FindWebhookDeliveries(pledgebook.WithViewer(context.Background(), owner.Viewer()), h.ID, 0)
	want := []struct {
		outcome string
		status  int
	}{{pledgebook.OutcomeDelivered, 204}, {pledgebook.OutcomeRetry, 503}, {pledgebook.OutcomeRetry, 500}}
	if len(log) != 3 {
		t.Fatalf("log %+v, want 3 attempts", log)
	}
	for i, a := range log {
		if a.Outcome != want[i].outcome || a.Status != want[i].status || a.Attempt != 3-i || a.NextAt != nil {
			t.Errorf("log[%d] = %+v, want %s %d, attempt %d, no retry pending", i, a, want[i].outcome, want[i].status, 3-i)
		}
	}
}

func TestGiveUpAndMoveOn(t *testing.T) {
	w := newWorld(t)
	owner := w.user(t, "olena", pledgebook.RoleViewer, "")
	rcv := newReceiver(t, 500, 500, 500) // the first event fails every time
	h := w.subscribe(t, owner, pledgebook.Selection{}, rcv.srv.URL)
	first := w.pledge(t, "GB", pledgebook.Public)
	d := w.dispatcher(Options{MaxAttempts: 2, BaseDelay: time.Minute})
	runOnce(t, d)
	w.advance(time.Hour)
	runOnce(t, d)
	w.advance(time.Hour)
	runOnce(t, d)
	got := rcv.deliveries()
	if len(got) != 2 {
		t.Fatalf("%d attempts, want MaxAttempts = 2", len(got))
	}
	log, _ := w.s.FindWebhookDeliveries(pledgebook.WithViewer(context.Background(), owner.Viewer()), h.ID, 0)
	if log[0].Outcome != pledgebook.OutcomeFailed || log[0].NextAt != nil || log[0].Error == "" {
		t.Fatalf("last attempt %+v, want failed, with the error, and no retry", log[0])
	}
	// The next event still goes out.
	second := w.pledge(t, "GB", pledgebook.Public)
	runOnce(t, d)
	got = rcv.deliveries()
	if len(got) != 3 || got[2].event.Pledge.ID != second.ID || got[0].event.Pledge.ID != first.ID {
		t.Fatalf("after giving up: %d deliveries, last of pledge %d; want 3, the last of %d", len(got), got[len(got)-1].event.Pledge.ID, second.ID)
	}
}

// TestSubscriberVisibility checks that each webhook carries what its owner
// may see, and that a disabled owner's webhooks stop.
func TestSubscriberVisibility(t *testing.T) {
	w := newWorld(t)
	gbOfficer := w.user(t, "gb-officer", pledgebook.RoleDonor, "GB")
	viewer := w.user(t, "vic", pledgebook.RoleViewer, "")
	deOnly := w.user(t, "de-watcher", pledgebook.RoleViewer, "")
	rGB, rViewer, rDE := newReceiver(t), newReceiver(t), newReceiver(t)
	w.subscribe(t, gbOfficer, pledgebook.Selection{}, rGB.srv.URL)
	w.subscribe(t, viewer, pledgebook.Selection{}, rViewer.srv.URL)
	w.subscribe(t, deOnly, pledgebook.Selection{Kind: pledgebook.SelectDonor, Key: "DE"}, rDE.srv.URL)

	ps := map[string]*pledgebook.Pledge{
		"GB public":       w.pledge(t, "GB", pledgebook.Public),
		"GB restricted":   w.pledge(t, "GB", pledgebook.Restricted),
		"GB confidential": w.pledge(t, "GB", pledgebook.Confidential),
		"DE confidential": w.pledge(t, "DE", pledgebook.Confidential),
		"DE public":       w.pledge(t, "DE", pledgebook.Public),
	}
	d := w.dispatcher(Options{})
	runOnce(t, d)
	sent := func(r *receiver) map[int64]bool {
		out := map[int64]bool{}
		for _, g := range r.deliveries() {
			out[g.event.Pledge.ID] = true
			if g.event.Pledge.Visibility == "" {
				t.Errorf("payload without the pledge's visibility: %s", g.body)
			}
		}
		return out
	}
	for _, c := range []struct {
		name string
		r    *receiver
		want map[string]bool
	}{
		{"GB officer", rGB, map[string]bool{"GB public": true, "GB restricted": true, "GB confidential": true, "DE public": true}},
		{"viewer", rViewer, map[string]bool{"GB public": true, "GB restricted": true, "DE public": true}},
		{"DE selection", rDE, map[string]bool{"DE public": true}},
	} {
		got := sent(c.r)
		for name, p := range ps {
			if got[p.ID] != c.want[name] {
				t.Errorf("%s's webhook: %s sent = %v, want %v", c.name, name, got[p.ID], c.want[name])
			}
		}
	}

	// A disabled owner's webhook stops.
	if _, err := w.s.SetUserDisabled(adminCtx(), viewer.ID, true); err != nil {
		t.Fatal(err)
	}
	before := len(rViewer.deliveries())
	w.pledge(t, "GB", pledgebook.Public)
	runOnce(t, d)
	if n := len(rViewer.deliveries()); n != before {
		t.Errorf("a disabled owner's webhook got %d more deliveries", n-before)
	}
	if n := len(rGB.deliveries()); n != 5 {
		t.Errorf("the GB officer's webhook has %d deliveries, want 5", n)
	}
}

// TestRestartResumes stops a dispatcher and its store with an event sent
// and a retry pending, and checks that a new one over the same database
// file neither repeats the one nor loses the other.
func TestRestartResumes(t *testing.T) {
	w := newWorld(t)
	owner := w.user(t, "olena", pledgebook.RoleViewer, "")
	rcv := newReceiver(t)
	flaky := newReceiver(t, 500)
	w.subscribe(t, owner, pledgebook.Selection{}, rcv.srv.URL)
	w.subscribe(t, owner, pledgebook.Selection{}, flaky.srv.URL)
	first := w.pledge(t, "GB", pledgebook.Public)
	runOnce(t, w.dispatcher(Options{BaseDelay: time.Minute}))
	if len(rcv.deliveries()) != 1 || len(flaky.deliveries()) != 1 {
		t.Fatalf("first round: %d and %d deliveries, want 1 each", len(rcv.deliveries()), len(flaky.deliveries()))
	}
	if err := w.s.Close(); err != nil {
		t.Fatal(err)
	}
	w.open(t) // the restart: a new store and dispatcher over the same file
	second := w.pledge(t, "GB", pledgebook.Public)
	w.advance(time.Hour)
	runOnce(t, w.dispatcher(Options{BaseDelay: time.Minute}))
	got := rcv.deliveries()
	if len(got) != 2 || got[1].event.Pledge.ID != second.ID {
		t.Fatalf("after the restart: %d deliveries; want 2, the second of pledge %d", len(got), second.ID)
	}
	retried := flaky.deliveries()
	if len(retried) != 3 || retried[1].event.Pledge.ID != first.ID || retried[1].header.Get(AttemptHeader) != "2" {
		t.Fatalf("after the restart the flaky receiver got %d deliveries; want the retry of pledge %d and the new one", len(retried), first.ID)
	}
}

func TestGuard(t *testing.T) {
	w := newWorld(t)
	owner := w.user(t, "olena", pledgebook.RoleViewer, "")
	strict := &Guard{}
	ctx := pledgebook.WithViewer(context.Background(), owner.Viewer())
	for _, c := range []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:9/hook", false},
		{"http://localhost:9/hook", false},
		{"http://10.1.2.3/hook", false},
		{"http://192.168.0.10/hook", false},
		{"http://172.16.5.4/hook", false},
		{"http://169.254.169.254/latest/meta-data", false},
		{"http://100.64.0.1/", false},
		{"http://0.0.0.0:80/", false},
		{"http://[::1]/hook", false},
		{"http://[fe80::1]/hook", false},
		{"http://[fd00::1]/hook", false},
		{"http://[::ffff:127.0.0.1]/hook", false},
		{"ftp://203.0.113.9/hook", false},
		{"https://203.0.113.9/hook", true},
		{"http://[2001:db8::1]:8443/hook", true},
	} {
		err := strict.CheckTarget(ctx, c.url)
		if (err == nil) != c.ok {
			t.Errorf("CheckTarget(%s) = %v, want ok %v", c.url, err, c.ok)
		}
		if err != nil && (pledgebook.ErrorKind(err) != pledgebook.KindInvalid || pledgebook.ErrorField(err) != "url") {
			t.Errorf("CheckTarget(%s) = %v, want invalid url", c.url, err)
		}
	}
	// Refused subscriptions store nothing.
	for _, u := range []string{"http://127.0.0.1:9/hook", "http://10.0.0.1/", "not a url"} {
		if _, err := strict.Subscribe(ctx, w.s, pledgebook.Selection{}, u); err == nil {
			t.Errorf("Subscribe(%s) succeeded", u)
		}
	}
	if _, err := loopback.Subscribe(ctx, w.s, pledgebook.Selection{Kind: pledgebook.SelectDonor, Key: "XX"}, "http://127.0.0.1:9/"); pledgebook.ErrorField(err) != "key" {
		t.Errorf("Subscribe(unknown donor) = %v, want invalid key", err)
	}
	if _, err := loopback.Subscribe(context.Background(), w.s, pledgebook.Selection{}, "http://127.0.0.1:9/"); pledgebook.ErrorKind(err) != pledgebook.KindUnauthorized {
		t.Errorf("Subscribe(public) = %v, want unauthorized", err)
	}
	if hs, _ := w.s.FindWebhooks(adminCtx()); len(hs) != 0 {
		t.Errorf("refused subscriptions stored %d webhooks", len(hs))
	}

	// The dialer refuses too: a name may resolve elsewhere after the check.
	rcv := newReceiver(t)
	resp, err := strict.Client(time.Second).Post(rcv.srv.URL, "application/json", nil)
	if err == nil {
		resp.Body.Close()
		t.Fatal("the strict client reached a loopback receiver")
	}
	if n := len(rcv.deliveries()); n != 0 {
		t.Fatalf("the receiver got %d requests", n)
	}
	resp, err = loopback.Client(time.Second).Post(rcv.srv.URL, "application/json", nil)
	if err != nil {
		t.Fatalf("the loopback-allowing client: %v", err)
	}
	resp.Body.Close()
}

func TestParseAllow(t *testing.T) {
	got, err := ParseAllow(" 127.0.0.1, 10.0.0.0/8,::1 ")
	if err != nil || len(got) != 3 || got[0].String() != "127.0.0.1/32" || got[1].String() != "10.0.0.0/8" || got[2].String() != "::1/128" {
		t.Fatalf("ParseAllow = %v, %v", got, err)
	}
	for _, bad := range []string{"localhost", "10.0.0.0/99", "1.2.3"} {
		if _, err := ParseAllow(bad); err == nil {
			t.Errorf("ParseAllow(%q) accepted it", bad)
		}
	}
}

// TestDownReceiver checks that a receiver that fails costs a round one
// attempt, not one per event, and that every event arrives once it is back.
func TestDownReceiver(t *testing.T) {
	w := newWorld(t)
	owner := w.user(t, "olena", pledgebook.RoleViewer, "")
	rcv := newReceiver(t, 500, 500)
	w.subscribe(t, owner, pledgebook.Selection{}, rcv.srv.URL)
	var ids []int64
	for range 3 {
		ids = append(ids, w.pledge(t, "GB", pledgebook.Public).ID)
	}
	d := w.dispatcher(Options{BaseDelay: time.Minute})
	runOnce(t, d)
	if n := len(rcv.deliveries()); n != 1 {
		t.Fatalf("first round against a failing receiver: %d attempts, want 1", n)
	}
	runOnce(t, d)
	if n := len(rcv.deliveries()); n != 2 {
		t.Fatalf("second round: %d attempts, want 2 (the next event)", n)
	}
	w.advance(time.Hour)
	runOnce(t, d)
	got := map[int64]int{}
	for _, g := range rcv.deliveries() {
		got[g.event.Pledge.ID]++
	}
	for i, id := range ids {
		want := 1
		if i < 2 {
			want = 2 // failed once, then retried
		}
		if got[id] != want {
			t.Errorf("pledge %d sent %d times, want %d", id, got[id], want)
		}
	}
}
