// Package storetest is the contract of pledgebook.Store as a test suite.
// Every engine runs it from its own tests, so that SQLite and PostgreSQL
// are held to exactly the same behaviour, errors included.
package storetest

import (
	"context"
	"database/sql"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/fx"
	"pledgebook/internal/refdata"
	"pledgebook/internal/sqlstore"
)

// Now is the suite's clock: every store it opens sees this time, unless a
// case moves the clock on for a while (see advance).
var Now = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// moved is how far a case has moved the suite's clock past Now.
var moved atomic.Int64

// Config returns the store configuration the suite expects: the embedded
// ECB rates and currency list, and the suite's clock.
func Config() sqlstore.Config {
	return sqlstore.Config{Converter: fx.ECB(), Catalog: refdata.Currencies{}, Now: func() time.Time {
		return Now.Add(time.Duration(moved.Load()))
	}}
}

// advance moves the clock of every store the suite opened on by d, until t
// ends, for the cases about time passing (a token expiring). The suite's
// cases run one at a time, so no other case sees it.
func advance(t testing.TB, d time.Duration) {
	moved.Add(int64(d))
	t.Cleanup(func() { moved.Add(-int64(d)) })
}

// Store is what the suite needs of a store: the contract, and the handle
// below it, to tamper with the data as an attacker with database access
// would.
type Store interface {
	pledgebook.Store
	DB() *sql.DB
}

// Opener returns a new, empty, migrated store that is closed when the test
// ends.
type Opener func(t testing.TB) Store

// Reference is the suite's reference data: every country and organisation,
// two meetings and a coalition.
func Reference() pledgebook.Reference {
	return pledgebook.Reference{
		Parties: refdata.Parties(),
		Meetings: []pledgebook.Meeting{
			{ID: "udcg-27", Kind: "udcg", Number: 27, Title: "27th UDCG meeting", Date: pledgebook.MustDate("2025-04-11"), Place: "Brussels", Chairs: []string{"John Healey", "Boris Pistorius"}},
			{ID: "udcg-28", Kind: "udcg", Number: 28, Title: "28th UDCG meeting", Date: pledgebook.MustDate("2025-06-04"), Place: "Brussels", Chairs: []string{"John Healey", "Boris Pistorius"}},
		},
		Coalitions: []pledgebook.Coalition{
			{ID: "drone", Name: "Drone coalition", Leads: []string{"LV", "GB"}, Categories: []pledgebook.Category{pledgebook.Drones},
				Members: []pledgebook.CoalitionMember{{Party: "SE", Joined: pledgebook.MustDate("2024-03-01")}}, Founded: pledgebook.MustDate("2024-02-14")},
		},
	}
}

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"Reference", testReference},
		{"CreatePledge", testCreatePledge},
		{"CreatePledgeInvalid", testCreatePledgeInvalid},
		{"Duplicates", testDuplicates},
		{"Status", testStatus},
		{"Link", testLink},
		{"Deliveries", testDeliveries},
		{"ConfirmDelivery", testConfirmDelivery},
		{"DeliveryFilters", testDeliveryFilters},
		{"FindPledges", testFindPledges},
		{"Pages", testPages},
		{"SortSearch", testSortSearch},
		{"PledgesBySource", testPledgesBySource},
		{"SingleReads", testSingleReads},
		{"Requirements", testRequirements},
		{"Audit", testAudit},
		{"Tamper", testTamper},
		{"Concurrent", testConcurrent},
		{"ConcurrentChecks", testConcurrentChecks},
		{"Ingest", testIngest},
		{"Review", testReview},
		{"Users", testUsers},
		{"UsersInvalid", testUsersInvalid},
		{"Tokens", testTokens},
		{"VisibilityMatrix", testVisibilityMatrix},
		{"VisibilityTotals", testVisibilityTotals},
		{"VisibilityAudit", testVisibilityAudit},
		{"VisibilityWrites", testVisibilityWrites},
		{"VisibilityProperty", testVisibilityProperty},
		{"Figures", testFigures},
		{"UpdatePledge", testUpdatePledge},
		{"UpdateRequirement", testUpdateRequirement},
		{"ClearFields", testClearFields},
		{"Sessions", testSessions},
		{"Refusal", testRefusal},
		{"Idempotency", testIdempotency},
		{"PledgeChanges", testPledgeChanges},
		{"Webhooks", testWebhooks},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

// fresh opens a store with the reference data loaded.
func fresh(t testing.TB, open Opener) Store {
	t.Helper()
	s := open(t)
	if _, err := s.SyncReference(ctx(), Reference()); err != nil {
		t.Fatalf("SyncReference: %v", err)
	}
	return s
}

// ctx is the context of the suite's own reads and writes: the actor
// "test", reading as an admin, who sees every record. The visibility cases
// read as other viewers with as.
func ctx() context.Context {
	return pledgebook.WithViewer(pledgebook.WithActor(context.Background(), "test"), admin)
}

// admin is the viewer the suite reads as unless a case says otherwise.
var admin = pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin}

// as returns a context that reads as v.
func as(v pledgebook.Viewer) context.Context {
	return pledgebook.WithViewer(pledgebook.WithActor(context.Background(), "test:"+v.Name), v)
}

func ptr[T any](v T) *T { return &v }

func dec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

// seedPledge is a valid pledge for the suite to vary.
func seedPledge() *pledgebook.Pledge {
	return &pledgebook.Pledge{
		Donor: "GB", Category: pledgebook.Drones, Item: "drones", Quantity: ptr[int64](100000), Unit: "drones",
		AnnouncedOn: pledgebook.MustDate("2025-06-04"), Meeting: "udcg-28", Coalition: "drone",
	}
}

func mustCreate(t testing.TB, s pledgebook.Store, p *pledgebook.Pledge, opts pledgebook.CreatePledgeOptions) *pledgebook.Pledge {
	t.Helper()
	if err := s.CreatePledge(ctx(), p, opts); err != nil {
		t.Fatalf("CreatePledge(%s %s): %v", p.Donor, p.Item, err)
	}
	return p
}

// counts is what a failed write must leave unchanged.
type counts struct{ pledges, deliveries, requirements, sources, events int }

func count(t testing.TB, s Store) counts {
	t.Helper()
	var c counts
	for _, q := range []struct {
		table string
		n     *int
	}{{"pledges", &c.pledges}, {"deliveries", &c.deliveries}, {"requirements", &c.requirements}, {"sources", &c.sources}, {"audit_events", &c.events}} {
		if err := s.DB().QueryRow(`SELECT COUNT(*) FROM ` + q.table).Scan(q.n); err != nil {
			t.Fatalf("count %s: %v", q.table, err)
		}
	}
	return c
}

// wantKind fails the test unless err has the given kind and, if field is
// not empty, names that field.
func wantKind(t testing.TB, err error, kind pledgebook.Kind, field string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", kind)
	}
	if got := pledgebook.ErrorKind(err); got != kind {
		t.Fatalf("got error kind %s (%v), want %s", got, err, kind)
	}
	if field != "" && pledgebook.ErrorField(err) != field {
		t.Fatalf("got error on field %q (%v), want field %q", pledgebook.ErrorField(err), err, field)
	}
}
