package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pledgebook"
	"pledgebook/internal/auth"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/storetest"
)

// benchPledges is the size of the ledger the API benchmarks read and
// write: the generated ledger of storetest.Bench.
const benchPledges = 10_000

// benchWorkers are the sizes of the client pool: one client alone, for the
// latency of a request on an idle server, and four, twice the cores of
// the machine the figures in docs/api-benchmarks.md come from, for
// throughput under load.
var benchWorkers = []int{1, 4}

// BenchmarkAPI measures the API against a real server on loopback
// (httptest.NewServer, 127.0.0.1:0) over each store, side by side with the
// same work done by calling the store directly, in the same run:
//
//   - ListPledges: GET /api/v1/pledges?limit=50, the first page of the
//     listing; the store side is what the handler asks of the store,
//     FindPledges with a limit of 51 (the extra pledge says whether
//     there is a next page).
//   - ListPledgesDonor: GET /api/v1/pledges?donor=NL&limit=500, one
//     donor's pledges (448), all on one page; the store side is
//     FindPledges with that filter.
//   - Coverage: GET /api/v1/reports/coverage; the store side is
//     pledgebook.CoverageOf, the function the handler calls.
//   - CreatePledge: POST /api/v1/pledges of a new pledge of the generated
//     ledger (every other one with a source); the store side is what the
//     handler asks of the store, CreatePledge (the pledge, its status
//     entry, source and audit event in one transaction) and
//     FindPledgeByID to read it back.
//
// Each case runs as .../store and then .../http, for each client pool
// size c: b.N operations, spread over c goroutines that each take the
// next one until b.N are done, so that the count is bounded and the run
// ends by itself. Every operation's latency is kept; the case reports
// req/s (b.N over the wall time), p50-ms and p99-ms, and the http case
// also reports http/store, its p50 over the store case's p50 from the
// same run, which is the HTTP layer's overhead as a ratio (1 = none).
//
// The client is an http.Client on loopback that reuses its connections,
// signs in with an admin's API token (so every request looks the token
// up, as a program's would), reads every body to the end and checks the
// status. The store side reads as the same admin. The server logs each
// request as JSON to io.Discard, so that the log's cost is counted but
// not the disk's. Each case runs once untimed before any is measured. The
// ledger is built once per store before any case and
// is not timed; the writes add to it, so the reads run first.
func BenchmarkAPI(b *testing.B) {
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) { benchAPI(b, e.open) })
	}
}

func benchAPI(b *testing.B, open storetest.Opener) {
	s := open(b)
	start := time.Now()
	storetest.BenchLedger(b, s, benchPledges)
	b.Logf("setup: %d pledges stored in %v", benchPledges, time.Since(start).Round(time.Millisecond))

	admin := pledgebook.User{Name: "bench-admin", Role: pledgebook.RoleAdmin}
	sys := pledgebook.WithViewer(pledgebook.WithActor(context.Background(), "bench"), pledgebook.Viewer{Name: "bench", Role: pledgebook.RoleAdmin})
	if err := s.CreateUser(sys, &admin, passwordHash); err != nil {
		b.Fatal(err)
	}
	tok, hash, err := auth.NewToken()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.CreateToken(sys, admin.ID, "bench", hash, storetest.Now.Add(24*time.Hour)); err != nil {
		b.Fatal(err)
	}
	// The store side reads and writes as the user the token signs in.
	ctx := pledgebook.WithViewer(pledgebook.WithActor(context.Background(), "user:"+admin.Name), admin.Viewer())

	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	srv := httptest.NewServer(httpapi.New(s, log, httpapi.Options{Now: storetest.Config().Now, DB: s.DB()}))
	b.Cleanup(srv.Close)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: slices.Max(benchWorkers), MaxConnsPerHost: slices.Max(benchWorkers)}}
	b.Cleanup(client.CloseIdleConnections)
	get := func(path string) func(int) error {
		return func(int) error { return request(client, http.MethodGet, srv.URL+path, tok, "", http.StatusOK) }
	}

	reqs, err := s.FindRequirements(sys, pledgebook.RequirementFilter{})
	if err != nil {
		b.Fatal(err)
	}
	// next numbers the new pledges past the ledger's, so that every one is
	// a distinct item and none is refused as a duplicate.
	var next atomic.Int64
	next.Store(benchPledges)
	newPledge := func() (*pledgebook.Pledge, pledgebook.CreatePledgeOptions) {
		return storetest.BenchPledge(int(next.Add(1)), reqs)
	}
	nl := "NL"
	cases := []struct {
		name        string
		store, http func(i int) error
	}{
		{"ListPledges", func(int) error {
			ps, _, err := s.FindPledges(ctx, pledgebook.PledgeFilter{Limit: 51})
			return want(len(ps) == 51, err, "FindPledges(limit 51): %d pledges", len(ps))
		}, get("/api/v1/pledges?limit=50")},
		{"ListPledgesDonor", func(int) error {
			ps, _, err := s.FindPledges(ctx, pledgebook.PledgeFilter{Donor: &nl})
			return want(len(ps) > 0, err, "FindPledges(donor NL): %d pledges", len(ps))
		}, get("/api/v1/pledges?donor=NL&limit=500")},
		{"Coverage", func(int) error {
			r, err := pledgebook.CoverageOf(ctx, s, pledgebook.ReportQuery{Basis: pledgebook.EUR})
			return want(len(r.Requirements) == len(reqs), err, "coverage: %d rows", len(r.Requirements))
		}, get("/api/v1/reports/coverage")},
		{"CreatePledge", func(int) error {
			p, opts := newPledge()
			if err := s.CreatePledge(ctx, p, opts); err != nil {
				return err
			}
			_, err := s.FindPledgeByID(ctx, p.ID)
			return err
		}, func(int) error {
			return request(client, http.MethodPost, srv.URL+"/api/v1/pledges", tok, pledgeJSON(newPledge()), http.StatusCreated)
		}},
	}
	// One untimed round first, so that no case pays for a cold cache or
	// the first connection.
	for _, c := range cases {
		if err := c.store(0); err != nil {
			b.Fatalf("%s on the store: %v", c.name, err)
		}
		if err := c.http(0); err != nil {
			b.Fatalf("%s over HTTP: %v", c.name, err)
		}
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for _, workers := range benchWorkers {
				b.Run(fmt.Sprintf("c=%d", workers), func(b *testing.B) {
					var storeP50 time.Duration
					b.Run("store", func(b *testing.B) { storeP50 = load(b, workers, c.store, 0) })
					b.Run("http", func(b *testing.B) { load(b, workers, c.http, storeP50) })
				})
			}
		})
	}
}

// load runs b.N operations on a pool of workers goroutines and reports
// their throughput and latency; with base, the p50 of the same operation
// on the store, also the ratio of this p50 to it. It returns the p50.
func load(b *testing.B, workers int, op func(i int) error, base time.Duration) time.Duration {
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var once sync.Once
	var failed error
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				t0 := time.Now()
				err := op(i)
				lat[i] = time.Since(t0)
				if err != nil {
					once.Do(func() { failed = err })
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if failed != nil {
		b.Fatal(failed)
	}
	slices.Sort(lat)
	p50, p99 := lat[(len(lat)-1)*50/100], lat[(len(lat)-1)*99/100]
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	if base > 0 {
		b.ReportMetric(float64(p50)/float64(base), "http/store")
	}
	return p50
}

// request sends one request with the API token and reads the response to
// the end; any status but want is an error.
func request(c *http.Client, method, url, token, body string, want int) error {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != want {
		b, _ := io.ReadAll(io.LimitReader(res.Body, 500))
		return fmt.Errorf("%s %s: status %d, want %d: %s", method, url, res.StatusCode, want, b)
	}
	_, err = io.Copy(io.Discard, res.Body)
	return err
}

// want returns err, or an error saying what was wrong when ok is false.
func want(ok bool, err error, format string, args ...any) error {
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf(format, args...)
	}
	return nil
}

// pledgeJSON is the body of POST /api/v1/pledges for p.
func pledgeJSON(p *pledgebook.Pledge, opts pledgebook.CreatePledgeOptions) string {
	in := httpapi.PledgeInput{Ref: p.Ref, Donor: p.Donor, Recipient: p.Recipient, Category: p.Category, Item: p.Item, Quantity: p.Quantity,
		Unit: p.Unit, Amount: p.Amount, Currency: p.Currency, Status: p.Status, AnnouncedOn: p.AnnouncedOn, PeriodFrom: p.PeriodFrom,
		PeriodTo: p.PeriodTo, Meeting: p.Meeting, Requirement: p.Requirement, Coalition: p.Coalition, Visibility: p.Visibility, Notes: p.Notes}
	if opts.Source.URL != "" {
		in.Source = &httpapi.SourceInput{URL: opts.Source.URL, Publisher: opts.Source.Publisher, Title: opts.Source.Title, Evidence: opts.Source.Evidence}
	}
	b, err := json.Marshal(in)
	if err != nil {
		panic(err)
	}
	return string(b)
}
