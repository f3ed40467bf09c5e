package main

import (
	"database/sql"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite" // the "sqlite" driver, to tamper with the file
)

type auditEvent struct {
	Seq    int64  `json:"seq"`
	Actor  string `json:"actor"`
	Action string `json:"action"`
	Entity string `json:"entity"`
	Hash   string `json:"hash"`
}

func (c *cli) auditLog(t *testing.T, args ...string) []auditEvent {
	t.Helper()
	var log jsonListing[auditEvent]
	c.mustJSON(t, &log, append([]string{"audit", "log"}, args...)...)
	return log.Items
}

var intact = regexp.MustCompile(`^audit trail intact: (\d+) events, head ([0-9a-f]{64}); (\d+) records match the log\n$`)

// TestAuditVerify checks the report on an intact trail.
func TestAuditVerify(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	seed(t, c)
	events := c.auditLog(t)
	head := events[len(events)-1]

	out := c.must(t, "audit", "verify")
	m := intact.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("audit verify: %q, want it to match %s", out, intact)
	}
	if m[1] != strconv.FormatInt(head.Seq, 10) || m[2] != head.Hash || len(events) != int(head.Seq) {
		t.Errorf("audit verify: %d events, head %s; want %d events, head %s (the last of audit log)", head.Seq, m[2], len(events), head.Hash)
	}

	var rep struct {
		OK       bool   `json:"ok"`
		Events   int    `json:"events"`
		HeadHash string `json:"head_hash"`
		Records  int    `json:"records"`
	}
	c.mustJSON(t, &rep, "audit", "verify")
	if !rep.OK || rep.Events != len(events) || rep.HeadHash != head.Hash || strconv.Itoa(rep.Records) != m[3] {
		t.Errorf("audit verify --format json: %+v, want ok with %d events, head %s, %s records", rep, len(events), head.Hash, m[3])
	}
}

// TestAuditLog checks one record's history and the filters.
func TestAuditLog(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	s := seed(t, c)
	c.must(t, "pledge", "link", itoa(s.committed), "--source", "https://example.org/again", "--date", "2025-07-01")
	entity := "pledge/" + itoa(s.committed)

	tests := []struct {
		name    string
		args    []string
		entity  string // every event is of this entity, or of this kind when it has no "/"
		actions []string
	}{
		{"one pledge", []string{"--entity", entity}, entity, []string{"create", "status", "link"}},
		{"a pledge by its bare id", []string{"--entity", itoa(s.committed)}, entity, []string{"create", "status", "link"}},
		{"the delivered pledge", []string{"--entity", "pledge/" + itoa(s.delivered)}, "pledge/" + itoa(s.delivered), []string{"create", "status"}},
		{"every delivery", []string{"--entity", "delivery"}, "delivery", []string{"create"}},
		{"every pledge, at most 2", []string{"--entity", "pledge", "--limit", "2"}, "pledge", []string{"create", "status"}},
		{"an unknown record", []string{"--entity", "pledge/999"}, "pledge/999", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := c.auditLog(t, tt.args...)
			var actions []string
			for _, e := range es {
				actions = append(actions, e.Action)
				kind, _, _ := strings.Cut(e.Entity, "/")
				if e.Entity != tt.entity && kind != tt.entity || e.Actor != "test" {
					t.Errorf("audit log %s: event %+v, want entity %s by actor test", strings.Join(tt.args, " "), e, tt.entity)
				}
			}
			if !slices.Equal(actions, tt.actions) {
				t.Errorf("audit log %s: actions %v, want %v", strings.Join(tt.args, " "), actions, tt.actions)
			}
		})
	}
	out := c.must(t, "audit", "log", "--entity", entity)
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 4 || !strings.HasPrefix(lines[0], "SEQ") || !strings.Contains(lines[1], entity) {
		t.Errorf("audit log --entity %s (table):\n%s\nwant a header and 3 events", entity, out)
	}
}

// TestAuditVerifyFindsTampering changes the SQLite file behind the
// ledger's back, one way per case on a database of its own, and expects
// audit verify to exit 5 naming the event or record that gives it away.
func TestAuditVerifyFindsTampering(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// sql tampers with the database; {first} is the seq of the first
		// event of pledge 1, {last} the last event's.
		sql     string
		where   string // "event N" or a record; the table says "BROKEN at " where
		problem string
	}{
		{"alter an event", `UPDATE audit_events SET actor = 'mallory' WHERE seq = {first}`, "event {first}", "was altered"},
		{"alter an event's snapshot", `UPDATE audit_events SET after = replace(after, '100000', '900000') WHERE seq = {first}`, "event {first}", "was altered"},
		{"delete an event", `DELETE FROM audit_events WHERE seq = {first}`, "event {first}", "is missing or out of order"},
		{"drop the last event", `DELETE FROM audit_events WHERE seq = {last}`, "event {last}", "removed from the end"},
		{"edit a pledge row", `UPDATE pledges SET quantity = 5 WHERE id = 1`, "pledge/1", "changed behind the log"},
		{"edit a delivery", `UPDATE deliveries SET quantity = 9 WHERE id = 1`, "delivery/1", "changed behind the log"},
		{"delete a delivery", `DELETE FROM deliveries WHERE id = 1`, "delivery/1", "deleted behind the log"},
		{"rename a party", `UPDATE parties SET name_en = 'Elsewhere' WHERE code = 'GB'`, "party/GB", "changed behind the log"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newCLI(t)
			s := seed(t, c)
			if s.committed != 1 {
				t.Fatalf("seed made pledge %d first, want 1", s.committed)
			}
			first := c.auditLog(t, "--entity", "pledge/1")[0].Seq
			all := c.auditLog(t)
			last := all[len(all)-1].Seq
			c.must(t, "audit", "verify")

			fill := strings.NewReplacer("{first}", strconv.FormatInt(first, 10), "{last}", strconv.FormatInt(last, 10)).Replace
			q := fill(tt.sql)
			db, err := sql.Open("sqlite", c.db)
			if err != nil {
				t.Fatal(err)
			}
			res, err := db.Exec(q)
			if err != nil {
				t.Fatalf("tamper: %s: %v", q, err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				t.Fatalf("tamper: %s changed %d rows, want 1", q, n)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}

			where := fill(tt.where)
			r := c.run(t, "audit", "verify")
			if r.code != exitAudit || !strings.HasPrefix(r.stdout, "audit trail BROKEN at "+where+": ") || !strings.Contains(r.stdout, tt.problem) {
				t.Errorf("after %s: audit verify: exit %d, stdout %q, stderr %q; want exit %d, BROKEN at %s: …%s…",
					q, r.code, r.stdout, r.stderr, exitAudit, where, tt.problem)
			}

			r = c.run(t, "audit", "verify", "--format", "json")
			var rep struct {
				OK       bool   `json:"ok"`
				BadSeq   int64  `json:"bad_seq"`
				BadEntry string `json:"bad_entry"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != exitAudit || rep.OK ||
				rep.BadEntry != where && "event "+strconv.FormatInt(rep.BadSeq, 10) != where {
				t.Errorf("after %s: audit verify --format json: exit %d, %s (%v); want exit %d naming %s", q, r.code, r.stdout, err, exitAudit, where)
			}
		})
	}
}
