package storetest

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// BenchSizes are the ledger sizes Bench measures, in pledges. The largest
// is skipped under -short.
var BenchSizes = []int{10_000, 100_000}

// benchShortMax is the largest ledger Bench builds under -short.
const benchShortMax = 10_000

// Bench measures a store at the sizes in BenchSizes:
//
//   - Insert/n=N: N pledges through CreatePledge, each with its status entry
//     and audit event and, for half of them, a source, into a fresh store
//     holding the reference data and 50 requirements.
//   - Coverage/n=N: what `pledgebook report coverage` does: FindRequirements,
//     FindPledges of every pledge, and pledgebook.Coverage.
//   - FindPledges/n=N: FindPledges of every pledge alone.
//   - FindPledgeByID/n=N: one pledge by ID, the four queries with which
//     CreatePledge reads back what it stored, at the smallest size only.
//   - Verify/n=N: VerifyAudit, at the smallest size only.
//
// The ledger is the same generated one in every benchmark (see BenchPledge).
// Setting up a store is never timed. The read benchmarks share one store
// per size, filled the first time a benchmark needs it, so that filtering
// with -bench builds only what it runs. Building a large ledger takes
// minutes (Insert rebuilds it on every iteration), so the large sizes are
// best run with -benchtime=1x or a few x. Under -short they are skipped.
func Bench(b *testing.B, open Opener) {
	b.Helper()
	// The read benchmarks' stores are opened here, empty, so that they
	// outlive the sub-benchmarks that share them and so that the opener
	// fails or skips on the goroutine it was given; they are filled the
	// first time a benchmark needs them.
	ledgers, state := map[int]Store{}, map[int]string{}
	for _, n := range BenchSizes {
		if !testing.Short() || n <= benchShortMax {
			ledgers[n] = open(b)
		}
	}
	ledger := func(sb *testing.B, n int) Store {
		s := ledgers[n]
		switch state[n] {
		case "failed":
			sb.Fatalf("the ledger of %d pledges failed to build in an earlier benchmark", n)
		case "":
			state[n] = "failed" // until it is built
			start := time.Now()
			benchStore(sb, s)
			insertPledges(sb, s, n)
			sb.Logf("setup: %d pledges stored in %v", n, time.Since(start).Round(time.Millisecond))
			state[n] = "built"
		}
		return s
	}

	b.Run("Insert", func(b *testing.B) {
		for _, n := range BenchSizes {
			b.Run(sizeName(n), func(b *testing.B) { benchInsert(b, open, n) })
		}
	})
	b.Run("Coverage", func(b *testing.B) {
		for _, n := range BenchSizes {
			b.Run(sizeName(n), func(b *testing.B) {
				skipLarge(b, n)
				benchCoverage(b, ledger(b, n), n)
			})
		}
	})
	b.Run("FindPledges", func(b *testing.B) {
		for _, n := range BenchSizes {
			b.Run(sizeName(n), func(b *testing.B) {
				skipLarge(b, n)
				benchFindPledges(b, ledger(b, n), n)
			})
		}
	})
	b.Run("FindPledgeByID", func(b *testing.B) {
		n := BenchSizes[0]
		b.Run(sizeName(n), func(b *testing.B) { benchFindPledgeByID(b, ledger(b, n), n) })
	})
	b.Run("Verify", func(b *testing.B) {
		n := BenchSizes[0]
		b.Run(sizeName(n), func(b *testing.B) { benchVerify(b, ledger(b, n), n) })
	})
}

func sizeName(n int) string { return fmt.Sprintf("n=%d", n) }

func skipLarge(b *testing.B, n int) {
	if testing.Short() && n > benchShortMax {
		b.Skipf("%d pledges take minutes to set up; skipped under -short", n)
	}
}

// benchStore loads the reference data and BenchRequirements into the
// empty store s.
func benchStore(b testing.TB, s Store) Store {
	b.Helper()
	if _, err := s.SyncReference(ctx(), Reference()); err != nil {
		b.Fatalf("SyncReference: %v", err)
	}
	for _, r := range BenchRequirements() {
		if err := s.CreateRequirement(ctx(), r); err != nil {
			b.Fatalf("CreateRequirement(%s): %v", r.Item, err)
		}
	}
	return s
}

// BenchLedger fills the empty store s with the ledger Bench reads: the
// reference data, the 50 generated requirements and the first n pledges
// of the generated ledger (see BenchPledge), each with its status entry,
// audit event and, for half of them, a source. Other packages' benchmarks
// use it to measure the same ledger through their own layers.
func BenchLedger(tb testing.TB, s Store, n int) {
	tb.Helper()
	benchStore(tb, s)
	insertPledges(tb, s, n)
}

// insertPledges stores the first n pledges of the generated ledger in s.
func insertPledges(b testing.TB, s Store, n int) {
	b.Helper()
	reqs, err := s.FindRequirements(ctx(), pledgebook.RequirementFilter{})
	if err != nil {
		b.Fatalf("FindRequirements: %v", err)
	}
	ps, opts := benchPledges(n, reqs)
	for i, p := range ps {
		if err := s.CreatePledge(ctx(), p, opts[i]); err != nil {
			b.Fatalf("CreatePledge(pledge %d: %s %s): %v", i, p.Donor, p.Item, err)
		}
	}
}

func benchPledges(n int, reqs []*pledgebook.Requirement) ([]*pledgebook.Pledge, []pledgebook.CreatePledgeOptions) {
	ps := make([]*pledgebook.Pledge, n)
	opts := make([]pledgebook.CreatePledgeOptions, n)
	for i := range n {
		ps[i], opts[i] = BenchPledge(i, reqs)
	}
	return ps, opts
}

func benchInsert(b *testing.B, open Opener, n int) {
	skipLarge(b, n)
	b.ReportAllocs()
	var s Store
	for b.Loop() {
		b.StopTimer()
		if s != nil {
			s.Close() // the previous iteration's; its cleanup closes it again harmlessly
		}
		s = benchStore(b, open(b))
		reqs, err := s.FindRequirements(ctx(), pledgebook.RequirementFilter{})
		if err != nil {
			b.Fatalf("FindRequirements: %v", err)
		}
		ps, opts := benchPledges(n, reqs)
		b.StartTimer()
		for i, p := range ps {
			if err := s.CreatePledge(ctx(), p, opts[i]); err != nil {
				b.Fatalf("CreatePledge(pledge %d: %s %s): %v", i, p.Donor, p.Item, err)
			}
		}
	}
	reportPerPledge(b, n)
}

func benchCoverage(b *testing.B, s Store, n int) {
	b.ReportAllocs()
	for b.Loop() {
		reqs, err := s.FindRequirements(ctx(), pledgebook.RequirementFilter{})
		if err != nil {
			b.Fatalf("FindRequirements: %v", err)
		}
		ps, total, err := s.FindPledges(ctx(), pledgebook.PledgeFilter{})
		if err != nil {
			b.Fatalf("FindPledges: %v", err)
		}
		r := pledgebook.Coverage(reqs, ps, pledgebook.EUR)
		if total != n || len(r.Requirements) != len(reqs) {
			b.Fatalf("coverage of %d pledges and %d requirements: got %d pledges and %d rows", n, len(reqs), total, len(r.Requirements))
		}
	}
	reportPerPledge(b, n)
}

func benchFindPledges(b *testing.B, s Store, n int) {
	b.ReportAllocs()
	for b.Loop() {
		ps, total, err := s.FindPledges(ctx(), pledgebook.PledgeFilter{})
		if err != nil {
			b.Fatalf("FindPledges: %v", err)
		}
		if total != n || len(ps) != n {
			b.Fatalf("FindPledges of a ledger of %d pledges: got %d, total %d", n, len(ps), total)
		}
	}
	reportPerPledge(b, n)
}

func benchFindPledgeByID(b *testing.B, s Store, n int) {
	ps, _, err := s.FindPledges(ctx(), pledgebook.PledgeFilter{})
	if err != nil || len(ps) != n {
		b.Fatalf("FindPledges of a ledger of %d pledges: %d pledges, %v", n, len(ps), err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		id := ps[i%n].ID
		if _, err := s.FindPledgeByID(ctx(), id); err != nil {
			b.Fatalf("FindPledgeByID(%d): %v", id, err)
		}
		i++
	}
}

func benchVerify(b *testing.B, s Store, n int) {
	b.ReportAllocs()
	for b.Loop() {
		r, err := s.VerifyAudit(ctx())
		if err != nil {
			b.Fatalf("VerifyAudit: %v", err)
		}
		if !r.OK {
			b.Fatalf("VerifyAudit of a ledger of %d pledges: %s", n, r.Problem)
		}
	}
	reportPerPledge(b, n)
}

// reportPerPledge adds the throughput per pledge to ns/op, which is per
// ledger of n pledges.
func reportPerPledge(b *testing.B, n int) {
	pledges := float64(n) * float64(b.N)
	if pledges == 0 || b.Elapsed() <= 0 {
		return
	}
	b.ReportMetric(pledges/b.Elapsed().Seconds(), "pledges/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/pledges, "ns/pledge")
}

// benchDonors are the donors of the generated ledger, the busiest first.
var benchDonors = []string{
	"US", "DE", "GB", "NL", "DK", "NO", "SE", "PL", "FR", "CA",
	"IT", "ES", "FI", "BE", "CZ", "LT", "LV", "EE", "SK", "PT",
	"AU", "JP", "KR", "RO", "BG", "GR", "HR", "SI", "AT", "IE",
	"LU", "IS", "NZ", "TR", "HU", "CH", "EU", "NATO", "EIB", "WB",
}

// benchItems are a few item names per capability area.
var benchItems = map[pledgebook.Category][]string{
	pledgebook.AirDefence:   {"Patriot interceptors", "IRIS-T SLM launchers", "Stinger missiles", "Gepard ammunition"},
	pledgebook.Drones:       {"FPV drones", "reconnaissance drones", "interceptor drones", "naval drones"},
	pledgebook.Artillery:    {"155mm howitzers", "MLRS launchers", "mortars", "counter-battery radars"},
	pledgebook.Ammunition:   {"155mm shells", "120mm mortar rounds", "small arms ammunition", "tank rounds"},
	pledgebook.Armour:       {"infantry fighting vehicles", "main battle tanks", "armoured personnel carriers"},
	pledgebook.Aircraft:     {"F-16 fighters", "transport helicopters", "spare parts for aircraft"},
	pledgebook.Maritime:     {"patrol boats", "mine countermeasure vessels", "coastal radars"},
	pledgebook.LongRange:    {"cruise missiles", "ballistic missiles", "long-range drones"},
	pledgebook.Training:     {"pilot training", "infantry training", "medical training"},
	pledgebook.Demining:     {"demining vehicles", "mine detectors", "demining kits"},
	pledgebook.ITCyber:      {"cyber defence support", "satellite terminals", "secure radios"},
	pledgebook.Logistics:    {"trucks", "fuel", "field hospitals"},
	pledgebook.Financial:    {"budget support", "defence industry financing", "procurement fund contribution"},
	pledgebook.Humanitarian: {"generators", "winter equipment", "medical supplies"},
	pledgebook.Mixed:        {"military aid package", "security assistance package"},
	pledgebook.Other:        {"uniforms", "night vision devices", "body armour"},
}

// benchRequirements is how many requirements the generated ledger has.
const benchRequirements = 50

// BenchRequirements returns the requirements of the generated ledger: 50,
// spread over every capability area, most with a quantity and some with a
// value in EUR.
func BenchRequirements() []*pledgebook.Requirement {
	rng := rand.New(rand.NewPCG(1, 0))
	out := make([]*pledgebook.Requirement, benchRequirements)
	for i := range out {
		cat := pledgebook.Categories[i%len(pledgebook.Categories)].Code
		names := benchItems[cat]
		r := &pledgebook.Requirement{
			Category: cat,
			Item:     fmt.Sprintf("%s (need %d)", names[i%len(names)], i+1),
			Priority: 1 + rng.IntN(5),
			NeededBy: pledgebook.MustDate("2026-01-01").AddDays(rng.IntN(730)),
		}
		if i%5 != 4 {
			r.Quantity = ptr(int64(100 + rng.IntN(20_000)))
		}
		if i%3 != 0 {
			r.Amount, r.Currency = ptr(decimal.NewFromInt(int64(1+rng.IntN(2_000))*1_000_000)), "EUR"
		}
		out[i] = r
	}
	return out
}

var (
	benchFirstDay = pledgebook.MustDate("2022-02-24")
	// benchDays ends the dates on 2026-03-31, inside the embedded ECB
	// rates, so that every amount is valued.
	benchDays = int(pledgebook.MustDate("2026-03-31").Time().Sub(benchFirstDay.Time()).Hours()/24) + 1
)

// BenchPledge returns pledge i of the generated ledger and the options to
// create it with. The ledger is the same on every run: 40 donors, the
// busiest pledging most; every capability area; 40% of pledges stated as a
// quantity only, 35% as an amount only (in EUR, USD, GBP or NOK) and 25%
// as both; announced between 2022-02-24 and 2026-03-31; 30% answering one
// of reqs in their area, some at a meeting or in a coalition, half with a
// source (nearly all distinct: a donor's pledges within a block of 8 share
// one). Every item name is distinct, so no pledge looks like another and
// CreatePledge never refuses one as a duplicate.
func BenchPledge(i int, reqs []*pledgebook.Requirement) (*pledgebook.Pledge, pledgebook.CreatePledgeOptions) {
	rng := rand.New(rand.NewPCG(2, uint64(i)))
	cat := pledgebook.Categories[rng.IntN(len(pledgebook.Categories))].Code
	names := benchItems[cat]
	p := &pledgebook.Pledge{
		Donor:       benchDonors[min(rng.IntN(len(benchDonors)), rng.IntN(len(benchDonors)))],
		Category:    cat,
		Item:        fmt.Sprintf("%s, lot %d", names[rng.IntN(len(names))], i+1),
		AnnouncedOn: benchFirstDay.AddDays(rng.IntN(benchDays)),
	}
	switch k := rng.IntN(100); {
	case k < 40:
		p.Quantity, p.Unit = ptr(int64(1+rng.IntN(5_000))), "pieces"
	case k < 75:
		p.Amount, p.Currency = benchAmount(rng)
	default:
		p.Quantity, p.Unit = ptr(int64(1+rng.IntN(500))), "pieces"
		p.Amount, p.Currency = benchAmount(rng)
	}
	switch k := rng.IntN(100); {
	case k < 10:
		p.Status = pledgebook.Committed
	case k < 13:
		p.Status = pledgebook.Cancelled
	}
	if rng.IntN(100) < 15 {
		p.PeriodFrom = p.AnnouncedOn
		p.PeriodTo = p.AnnouncedOn.AddYears(1 + rng.IntN(3))
	}
	if rng.IntN(100) < 30 {
		var answer []int64
		for _, r := range reqs {
			if r.Category == cat {
				answer = append(answer, r.ID)
			}
		}
		if len(answer) > 0 {
			p.Requirement = ptr(answer[rng.IntN(len(answer))])
		}
	}
	if rng.IntN(100) < 10 {
		p.Meeting = []string{"udcg-27", "udcg-28"}[rng.IntN(2)]
	}
	if cat == pledgebook.Drones && rng.IntN(100) < 40 {
		p.Coalition = "drone"
	}
	if rng.IntN(100) < 5 {
		p.Visibility = pledgebook.Restricted
	}
	var opts pledgebook.CreatePledgeOptions
	if rng.IntN(2) == 0 {
		opts.Source = pledgebook.PledgeSource{URL: fmt.Sprintf("https://news.example.org/%s/%d", p.Donor, i/8), Publisher: "Example News"}
	}
	return p, opts
}

// benchAmount returns an amount of a few thousand to a few hundred million
// in one of the ledger's currencies, EUR most often.
func benchAmount(rng *rand.Rand) (*decimal.Decimal, string) {
	currency := "EUR"
	switch k := rng.IntN(100); {
	case k < 25:
		currency = "USD"
	case k < 40:
		currency = "GBP"
	case k < 55:
		currency = "NOK"
	}
	d := decimal.New(int64(1+rng.IntN(1_000_000)), int32(rng.IntN(4))+1) // 10 to 10^10
	return &d, currency
}
