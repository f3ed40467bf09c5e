package main

import (
	"strings"
	"testing"

	"pledgebook/internal/postgres/pgtest"
)

// TestPostgres runs the command line on PostgreSQL: the schema is only
// changed by migrate, and the demo data gives the same reports as on
// SQLite. It is skipped unless PLEDGEBOOK_TEST_POSTGRES names a server.
func TestPostgres(t *testing.T) {
	t.Parallel()
	pg := &cli{db: pgtest.DSN(t), env: map[string]string{"PLEDGEBOOK_ACTOR": "test"}}

	r := pg.run(t, "demo")
	if r.code != exitInvalid || r.stdout != "" || !strings.Contains(r.stderr, "run `pledgebook migrate`") {
		t.Fatalf("demo on an unmigrated database: exit %d, stdout %q, stderr %q; want exit %d telling to run `pledgebook migrate`",
			r.code, r.stdout, r.stderr, exitInvalid)
	}
	if out := pg.must(t, "migrate"); !strings.Contains(out, "applied 0001_") || !strings.HasSuffix(out, "postgres database is up to date\n") {
		t.Errorf("migrate: %q, want the migrations applied and the database up to date", out)
	}
	if out := pg.must(t, "migrate"); out != "postgres database is up to date\n" {
		t.Errorf("migrate, again: %q, want only that the database is up to date", out)
	}
	if out := pg.must(t, "demo"); !strings.HasPrefix(out, "loaded ") {
		t.Errorf("demo: %q, want it to start with \"loaded \"", out)
	}
	if out := pg.must(t, "demo"); !strings.Contains(out, "nothing changed") {
		t.Errorf("demo, again: %q, want that nothing changed", out)
	}
	if out := pg.must(t, "audit", "verify"); !intact.MatchString(out) {
		t.Errorf("audit verify: %q, want the trail intact", out)
	}

	lite := demoCLI(t)
	for _, args := range [][]string{
		{"report", "donors", "--format", "json"},
		{"report", "donors", "--currency", "USD", "--format", "json"},
		{"report", "categories", "--format", "json"},
		{"report", "coverage", "--format", "json"},
		{"report", "timeline", "--format", "json"},
	} {
		in := strings.Join(args, " ")
		got, want := pg.must(t, args...), lite.must(t, args...)
		if got != want {
			t.Errorf("%s on PostgreSQL differs from SQLite\npostgres:\n%s\nsqlite:\n%s", in, got, want)
		}
	}
	var rep totalsReport
	pg.mustJSON(t, &rep, "report", "donors")
	if rep.Total.Pledges == 0 || rep.Total.Pledged == "0" {
		t.Errorf("report donors on PostgreSQL: total %+v, want the demo pledges", rep.Total)
	}

	// Bad input is refused the same way, and changes nothing.
	before := pg.state(t)
	if r := pg.run(t, "pledge", "status", "1", "announced", "--date", "2025-07-01"); r.code != exitInvalid || r.stdout != "" {
		t.Errorf("pledge status 1 announced: exit %d, stdout %q, stderr %q; want exit %d", r.code, r.stdout, r.stderr, exitInvalid)
	}
	if r := pg.run(t, "pledge", "show", "9999"); r.code != exitNotFound {
		t.Errorf("pledge show 9999: exit %d, stderr %q; want %d", r.code, r.stderr, exitNotFound)
	}
	if after := pg.state(t); after != before {
		t.Errorf("refused commands changed the PostgreSQL ledger: audit events %d → %d", before.events, after.events)
	}
}
