package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

var (
	dronesArgs = []string{"pledge", "add", "--donor", "GB", "--category", "drones", "--item", "drones", "--quantity", "100000",
		"--unit", "drones", "--date", "2025-06-04", "--meeting", "udcg-28", "--coalition", "drone",
		"--source", "https://www.gov.uk/government/news/uk-to-deliver-100000-drones-to-ukraine"}
	trainingArgs = []string{"pledge", "add", "--donor", "GB", "--category", "training", "--item", "training of troops",
		"--amount", "247m", "--currency", "GBP", "--date", "2025-06-04", "--meeting", "udcg-28"}
)

// TestPledgeAddPrintsOnlyTheID checks that `pledge add` prints the new
// id and nothing else, so that scripts can capture it.
func TestPledgeAddPrintsOnlyTheID(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	tests := []struct {
		name string
		args []string
	}{
		{"quantity", dronesArgs},
		{"amount", trainingArgs},
		{"amount with separators, lower-case codes", []string{"pledge", "add", "--donor", "de", "--category", "air_defence",
			"--item", "IRIS-T SLM", "--quantity", "4", "--amount", "1,000,000,000", "--currency", "eur", "--date", "2025-06-04",
			"--period-from", "2025-01-01", "--period-to", "2026-12-31", "--status", "committed", "--visibility", "restricted"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.run(t, tt.args...)
			if want := fmt.Sprintf("%d\n", i+1); r.code != exitOK || r.stdout != want || r.stderr != "" {
				t.Errorf("pledgebook %s: exit %d, stdout %q, stderr %q; want exit 0, stdout %q, no stderr",
					strings.Join(tt.args, " "), r.code, r.stdout, r.stderr, want)
			}
		})
	}
	var ps jsonListing[pledge]
	c.mustJSON(t, &ps, "pledge", "list")
	if ps.Total != len(tests) || len(ps.Items) != len(tests) {
		t.Errorf("pledge list: %d items, total %d; want %d", len(ps.Items), ps.Total, len(tests))
	}
}

// TestDuplicatePledge checks the ways past a refused duplicate: --force
// records a second pledge; --link records a re-announcement that is
// counted once.
func TestDuplicatePledge(t *testing.T) {
	t.Parallel()
	t.Run("force", func(t *testing.T) {
		c := newCLI(t)
		id := c.mustID(t, trainingArgs...)
		dup := []string{"pledge", "add", "--donor", "GB", "--category", "training", "--item", "Training of troops",
			"--amount", "247000000", "--currency", "GBP", "--date", "2025-06-04"}
		if r := c.run(t, dup...); r.code != exitConflict || !strings.Contains(r.stderr, fmt.Sprintf("pledge %d", id)) {
			t.Fatalf("pledgebook %s: exit %d, stderr %q; want %d naming pledge %d", strings.Join(dup, " "), r.code, r.stderr, exitConflict, id)
		}
		forced := c.mustID(t, append(dup, "--force")...)
		if forced == id {
			t.Errorf("--force gave the existing id %d", id)
		}
		var rep totalsReport
		c.mustJSON(t, &rep, "report", "donors")
		if gb, _ := rep.row("GB"); gb.Pledges != 2 || gb.Pledged != "586628666.42" {
			t.Errorf("report donors after --force: GB %+v, want 2 pledges, pledged 586628666.42", gb)
		}
	})
	t.Run("link", func(t *testing.T) {
		c := newCLI(t)
		id := c.mustID(t, append(trainingArgs, "--source", "https://www.gov.uk/training")...)
		var before totalsReport
		c.mustJSON(t, &before, "report", "donors")

		linkArgs := []string{"pledge", "add", "--link", itoa(id), "--donor", "GB", "--source", "https://example.org/healey-restates",
			"--date", "2025-07-21", "--meeting", "udcg-29", "--publisher", "Example News"}
		if got := c.mustID(t, linkArgs...); got != id {
			t.Errorf("pledgebook %s printed %d, want the linked pledge %d", strings.Join(linkArgs, " "), got, id)
		}
		p := c.pledge(t, id)
		var re []string
		for _, s := range p.Sources {
			if s.Reannouncement {
				re = append(re, s.URL+" at "+s.Meeting)
			}
		}
		if len(p.Sources) != 2 || len(re) != 1 || re[0] != "https://example.org/healey-restates at udcg-29" {
			t.Errorf("pledge show %d: sources %+v; want 2, one the re-announcement at udcg-29", id, p.Sources)
		}
		var after totalsReport
		c.mustJSON(t, &after, "report", "donors")
		gb, _ := after.row("GB")
		if gb.Pledges != 1 || after.Total.Pledged != before.Total.Pledged || gb.Pledged != "293314333.21" {
			t.Errorf("report donors after the link: GB %+v, total %s; want 1 pledge of 293314333.21, total %s as before",
				gb, after.Total.Pledged, before.Total.Pledged)
		}
		var ps jsonListing[pledge]
		c.mustJSON(t, &ps, "pledge", "list", "--meeting", "udcg-29")
		if len(ps.Items) != 1 || ps.Items[0].ID != id {
			t.Errorf("pledge list --meeting udcg-29: %+v, want pledge %d, re-announced there", ps.Items, id)
		}
		// pledge link is the same as pledge add --link.
		c.must(t, "pledge", "link", itoa(id), "--source", "https://example.org/third", "--date", "2025-08-01")
		if p := c.pledge(t, id); len(p.Sources) != 3 {
			t.Errorf("after pledge link: %d sources, want 3", len(p.Sources))
		}
	})
}

// TestPledgeStatusAndDelivery follows a pledge from announcement to
// delivery.
func TestPledgeStatusAndDelivery(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	id := c.mustID(t, dronesArgs...)
	sid := itoa(id)
	steps := []struct {
		name       string
		args       []string
		stdout     string // "" for an id
		status     string
		delivered  int64
		deliveries int
	}{
		{"commit", []string{"pledge", "status", sid, "committed", "--date", "2025-06-10", "--note", "MoD letter"},
			"pledge " + sid + " is committed since 2025-06-10\n", "committed", 0, 0},
		{"skip to contracted", []string{"pledge", "status", sid, "contracted", "--date", "2025-06-10"},
			"pledge " + sid + " is contracted since 2025-06-10\n", "contracted", 0, 0},
		{"first delivery", []string{"delivery", "add", "--pledge", sid, "--date", "2025-10-15", "--quantity", "20000", "--confirmed",
			"--source", "https://example.org/delivered"}, "", "delivering", 20000, 1},
		{"second delivery", []string{"delivery", "add", "--pledge", sid, "--date", "2025-11-15", "--quantity", "30,000"}, "", "delivering", 50000, 2},
		{"last delivery", []string{"delivery", "add", "--pledge", sid, "--date", "2025-12-15", "--quantity", "50000"}, "", "delivered", 100000, 3},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.stdout == "" {
				c.mustID(t, st.args...)
			} else if got := c.must(t, st.args...); got != st.stdout {
				t.Errorf("pledgebook %s: stdout %q, want %q", strings.Join(st.args, " "), got, st.stdout)
			}
			p := c.pledge(t, id)
			if p.Status != st.status || p.DeliveredQuantity != st.delivered || p.Deliveries != st.deliveries {
				t.Errorf("after %s: pledge show: status %s, delivered_quantity %d, deliveries %d; want %s, %d, %d",
					strings.Join(st.args, " "), p.Status, p.DeliveredQuantity, p.Deliveries, st.status, st.delivered, st.deliveries)
			}
		})
	}
	var ds jsonListing[struct {
		Pledge    int64 `json:"pledge"`
		Quantity  int64 `json:"quantity"`
		Confirmed bool  `json:"confirmed"`
	}]
	c.mustJSON(t, &ds, "delivery", "list", "--pledge", sid)
	if len(ds.Items) != 3 || ds.Items[0].Quantity != 20000 || !ds.Items[0].Confirmed || ds.Items[1].Confirmed {
		t.Errorf("delivery list --pledge %s: %+v; want 3 deliveries, the first confirmed of 20000", sid, ds.Items)
	}
	if out := c.must(t, "pledge", "show", sid); !strings.Contains(out, "100000/100000 in 3 deliveries") {
		t.Errorf("pledge show %s (table) does not say 100000/100000 in 3 deliveries:\n%s", sid, out)
	}
}

// TestRequirement records a requirement, answers it with a pledge and
// reads its coverage back.
func TestRequirement(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	id := c.mustID(t, "requirement", "add", "--category", "air_defence", "--item", "Patriot batteries", "--quantity", "7",
		"--unit", "batteries", "--priority", "1", "--needed-by", "2026-12-31", "--amount", "7bn", "--currency", "EUR")
	c.mustID(t, "requirement", "add", "--category", "demining", "--item", "demining machines", "--quantity", "50", "--illustrative")
	c.mustID(t, "pledge", "add", "--donor", "DE", "--category", "air_defence", "--item", "Patriot batteries", "--quantity", "2",
		"--date", "2025-06-04", "--requirement", itoa(id))

	type requirement struct {
		ID           int64  `json:"id"`
		Item         string `json:"item"`
		Priority     int    `json:"priority"`
		Quantity     int64  `json:"quantity"`
		AmountEUR    string `json:"amount_eur"`
		Illustrative bool   `json:"illustrative"`
	}
	var list jsonListing[requirement]
	c.mustJSON(t, &list, "requirement", "list")
	if len(list.Items) != 2 || list.Items[0].ID != id || list.Items[0].Priority != 1 || list.Items[1].Illustrative != true {
		t.Errorf("requirement list: %+v; want the priority 1 requirement %d first, then the illustrative one", list.Items, id)
	}
	var only jsonListing[requirement]
	c.mustJSON(t, &only, "requirement", "list", "--category", "demining")
	if len(only.Items) != 1 || only.Items[0].Item != "demining machines" {
		t.Errorf("requirement list --category demining: %+v, want the demining machines", only.Items)
	}

	var show struct {
		requirement
		Coverage struct {
			Required int64  `json:"required"`
			Pledged  int64  `json:"pledged"`
			Gap      int64  `json:"gap"`
			GapValue string `json:"gap_value"`
		} `json:"coverage"`
		Pledges []pledge `json:"pledges"`
	}
	c.mustJSON(t, &show, "requirement", "show", itoa(id))
	cov := show.Coverage
	if show.ID != id || show.AmountEUR != "7000000000" || cov.Required != 7 || cov.Pledged != 2 || cov.Gap != 5 || cov.GapValue != "5000000000" ||
		len(show.Pledges) != 1 {
		t.Errorf("requirement show %d: %+v; want 7 required, 2 pledged in 1 pledge, gap 5 worth 5000000000", id, show)
	}
	// A requirement nothing answers lists no pledges: [], not null.
	out := c.must(t, "requirement", "show", "2", "--format", "json")
	var none map[string]json.RawMessage
	mustUnmarshal(t, out, &none)
	if got := string(none["pledges"]); got != "[]" {
		t.Errorf("requirement show 2 --format json: pledges %s, want []", got)
	}
	if out := c.must(t, "requirement", "show", itoa(id)); !strings.Contains(out, "2 in 1 pledges (29% covered)") {
		t.Errorf("requirement show %d (table) does not say 2 in 1 pledges (29%% covered):\n%s", id, out)
	}
}

// TestReferenceData reads the reference data every database starts with.
func TestReferenceData(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, out string)
	}{
		{"party list as CSV", []string{"party", "list", "--format", "csv"}, func(t *testing.T, out string) {
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatalf("party list --format csv: %v", err)
			}
			if want := []string{"CODE", "KIND", "NAME", "NAME_DE", "NAME_UK", "CURRENCY", "MEMBER_OF"}; len(rows) == 0 || !slices.Equal(rows[0], want) {
				t.Fatalf("party list --format csv: header %v, want %v", rows[:min(1, len(rows))], want)
			}
			if len(rows)-1 != 256 {
				t.Errorf("party list --format csv: %d rows, want 256", len(rows)-1)
			}
			if !slices.ContainsFunc(rows, func(r []string) bool { return r[0] == "GB" && r[1] == "country" && r[5] == "GBP" }) {
				t.Errorf("party list --format csv has no row GB,country,…,GBP")
			}
		}},
		{"party list of NATO members", []string{"party", "list", "--member-of", "nato", "--format", "json"}, func(t *testing.T, out string) {
			var ps jsonListing[struct{ Code string }]
			mustUnmarshal(t, out, &ps)
			codes := make([]string, len(ps.Items))
			for i, p := range ps.Items {
				codes[i] = p.Code
			}
			if !slices.Contains(codes, "GB") || slices.Contains(codes, "UA") || len(codes) < 30 {
				t.Errorf("party list --member-of nato: %v; want at least 30 members, GB but not UA", codes)
			}
		}},
		{"meeting show udcg-28", []string{"meeting", "show", "udcg-28", "--format", "json"}, func(t *testing.T, out string) {
			var m struct {
				ID      string   `json:"id"`
				Date    string   `json:"date"`
				Place   string   `json:"place"`
				Chairs  []string `json:"chairs"`
				Pledges []pledge `json:"pledges"`
			}
			mustUnmarshal(t, out, &m)
			if m.ID != "udcg-28" || m.Date != "2025-06-04" || m.Place == "" || len(m.Chairs) == 0 || m.Pledges == nil || len(m.Pledges) != 0 {
				t.Errorf("meeting show udcg-28: %+v; want the meeting of 2025-06-04 with its place, chairs and an empty pledge list", m)
			}
		}},
		{"meeting list", []string{"meeting", "list", "--format", "json"}, func(t *testing.T, out string) {
			var ms jsonListing[struct{ ID, Date string }]
			mustUnmarshal(t, out, &ms)
			if !slices.ContainsFunc(ms.Items, func(m struct{ ID, Date string }) bool { return m.ID == "udcg-28" }) ||
				!slices.IsSortedFunc(ms.Items, func(a, b struct{ ID, Date string }) int { return strings.Compare(a.Date, b.Date) }) {
				t.Errorf("meeting list: %v; want udcg-28 among meetings oldest first", ms.Items)
			}
		}},
		{"coalition list", []string{"coalition", "list"}, func(t *testing.T, out string) {
			if !strings.HasPrefix(out, "ID ") || !strings.Contains(out, "Drone Capability Coalition") {
				t.Errorf("coalition list:\n%s\nwant a table with the Drone Capability Coalition", out)
			}
		}},
		{"coalition show", []string{"coalition", "show", "drone", "--format", "json"}, func(t *testing.T, out string) {
			var co struct {
				ID      string   `json:"id"`
				Leads   []string `json:"leads"`
				Members []struct{ Party string }
			}
			mustUnmarshal(t, out, &co)
			if co.ID != "drone" || !slices.Contains(co.Leads, "GB") || len(co.Members) < 2 {
				t.Errorf("coalition show drone: %+v; want GB among the leads and members", co)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, c.must(t, tt.args...))
		})
	}
}

func mustUnmarshal(t *testing.T, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, out)
	}
}

// TestPledgeJSON checks the JSON shape of pledges and that amounts are
// exact: never floats, never rounded.
func TestPledgeJSON(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.mustID(t, dronesArgs...)
	id := c.mustID(t, trainingArgs...)

	out := c.must(t, "pledge", "list", "--format", "json")
	var top map[string]json.RawMessage
	mustUnmarshal(t, out, &top)
	var items []map[string]json.RawMessage
	if err := json.Unmarshal(top["items"], &items); err != nil || len(items) != 2 || string(top["total"]) != "2" {
		t.Fatalf("pledge list --format json: %s\nwant an object with items (2 pledges) and total 2", out)
	}
	keys := []string{"id", "donor", "recipient", "category", "item", "quantity", "unit", "amount", "currency", "amount_eur",
		"status", "announced_on", "meeting", "requirement", "coalition", "visibility", "sources", "delivered_quantity", "version"}
	for i, p := range items {
		for _, k := range keys {
			if _, ok := p[k]; !ok {
				t.Errorf("pledge list --format json: item %d has no key %q: %v", i, k, p)
			}
		}
	}

	training := items[1]
	tests := []struct {
		key, want string // want is the JSON text
	}{
		{"id", itoa(id)},
		{"amount", `"247000000"`},
		{"currency", `"GBP"`},
		{"amount_eur", `"293314333.21"`}, // 247m GBP at the ECB rate of 2025-06-04, 0.8421 GBP per EUR
		{"fx_date", `"2025-06-04"`},
		{"quantity", "null"},
		{"status", `"announced"`},
		{"announced_on", `"2025-06-04"`},
		{"meeting", `"udcg-28"`},
		{"requirement", "null"},
		{"visibility", `"public"`},
		{"delivered_quantity", "0"},
		{"version", "1"},
	}
	for _, tt := range tests {
		if got := string(training[tt.key]); got != tt.want {
			t.Errorf("pledge %d (%s) key %q = %s, want %s", id, strings.Join(trainingArgs, " "), tt.key, got, tt.want)
		}
	}
	drones := items[0]
	if string(drones["quantity"]) != "100000" || string(drones["amount"]) != "null" || string(drones["coalition"]) != `"drone"` {
		t.Errorf("pledge %s: quantity %s amount %s coalition %s; want 100000, null, \"drone\"",
			strings.Join(dronesArgs, " "), drones["quantity"], drones["amount"], drones["coalition"])
	}
	// The table shows the same amount for people.
	if out := c.must(t, "pledge", "show", itoa(id)); !strings.Contains(out, "247,000,000 GBP") || !strings.Contains(out, "293,314,333.21 (ECB rate of 2025-06-04)") {
		t.Errorf("pledge show %d (table):\n%s\nwant 247,000,000 GBP and 293,314,333.21 (ECB rate of 2025-06-04)", id, out)
	}
}

// TestUnconvertedCurrency records a pledge in a currency the ECB has no
// rate for: it is noted, never added as zero, and reports list it.
func TestUnconvertedCurrency(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.mustID(t, trainingArgs...)
	var before totalsReport
	c.mustJSON(t, &before, "report", "donors")

	args := []string{"pledge", "add", "--donor", "DE", "--category", "financial", "--item", "budget support", "--amount", "1bn",
		"--currency", "UAH", "--date", "2025-06-04"}
	r := c.run(t, args...)
	if r.code != exitOK || r.stdout != "2\n" || !strings.Contains(r.stderr, "note: pledge 2 has no EUR value: no ECB reference rate for UAH on 2025-06-04") {
		t.Fatalf("pledgebook %s: exit %d, stdout %q, stderr %q; want exit 0, the id 2 and a note that UAH has no rate",
			strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	if p := c.pledge(t, 2); p.AmountEUR != nil || p.Amount == nil || *p.Amount != "1000000000" {
		t.Errorf("pledge show 2: amount %v, amount_eur %v; want 1000000000 and null", p.Amount, p.AmountEUR)
	}

	var after totalsReport
	c.mustJSON(t, &after, "report", "donors")
	un := after.Total.Unconverted
	if len(un) != 1 || un[0].Currency != "UAH" || un[0].Amount != "1000000000" {
		t.Errorf("report donors: total unconverted %+v, want UAH 1000000000", un)
	}
	if after.Total.Pledged != before.Total.Pledged || after.Total.Pledges != before.Total.Pledges+1 {
		t.Errorf("report donors: total pledged %s in %d pledges, want %s as before in %d",
			after.Total.Pledged, after.Total.Pledges, before.Total.Pledged, before.Total.Pledges+1)
	}
	if de, _ := after.row("DE"); de.Pledged != "0" || len(de.Unconverted) != 1 {
		t.Errorf("report donors: DE %+v, want pledged 0 and UAH unconverted", de)
	}

	tables := []struct {
		args []string
		note string
	}{
		{[]string{"report", "donors"}, "Note: left out of the EUR figures for want of an ECB rate on their dates: UAH 1,000,000,000"},
		{[]string{"report", "categories", "--currency", "USD"}, "Note: left out of the USD figures for want of an ECB rate on their dates: UAH 1,000,000,000"},
		{[]string{"report", "timeline"}, "Note: left out of the EUR figures for want of an ECB rate on their dates: UAH 1,000,000,000"},
	}
	for _, tt := range tables {
		if out := c.must(t, tt.args...); !strings.Contains(out, tt.note+"\n") {
			t.Errorf("pledgebook %s:\n%s\nwant the line %q", strings.Join(tt.args, " "), out, tt.note)
		}
	}
	// With CSV the note goes to stderr, leaving stdout to the rows.
	r = c.run(t, "report", "donors", "--format", "csv")
	if r.code != exitOK || strings.Contains(r.stdout, "ote:") || !strings.Contains(r.stderr, "note: left out of the EUR figures") {
		t.Errorf("report donors --format csv: exit %d, stdout %q, stderr %q; want the note on stderr only", r.code, r.stdout, r.stderr)
	}
}

// TestOpenFailure checks that a database that cannot be opened is an
// error, not a crash.
func TestOpenFailure(t *testing.T) {
	t.Parallel()
	c := &cli{db: t.TempDir() + "/no/such/dir/pledgebook.db", env: map[string]string{}}
	r := c.run(t, "pledge", "list")
	if r.code != exitInternal || r.stdout != "" || !strings.Contains(r.stderr, "pledgebook: open database "+c.db) {
		t.Errorf("pledgebook --db %s pledge list: exit %d, stdout %q, stderr %q; want exit %d and an error naming the database",
			c.db, r.code, r.stdout, r.stderr, exitInternal)
	}
}

// TestPledgeEdit corrects a pledge's fields, empties some, and checks that
// refused edits (a rule broken, a stale version, nothing to change, a bad
// value) leave the ledger as it was.
func TestPledgeEdit(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	sid := itoa(c.mustID(t, dronesArgs...))
	show := func() map[string]any {
		t.Helper()
		var p map[string]any
		c.mustJSON(t, &p, "pledge", "show", sid)
		return p
	}
	if got := c.must(t, "pledge", "edit", sid, "--amount", "350m", "--currency", "GBP", "--notes", "value from the MoD release"); got != "pledge "+sid+" updated (version 2)\n" {
		t.Errorf("edit printed %q", got)
	}
	p := show()
	if p["amount"] != "350000000" || p["currency"] != "GBP" || p["quantity"] != float64(100000) || p["notes"] != "value from the MoD release" || p["amount_eur"] == nil {
		t.Errorf("after setting the amount: %v", p)
	}
	c.must(t, "pledge", "edit", sid, "--clear", "quantity,notes", "--clear", "coalition")
	p = show()
	empty := func(v any) bool { return v == nil || v == "" }
	if !empty(p["quantity"]) || !empty(p["unit"]) || !empty(p["notes"]) || !empty(p["coalition"]) || p["amount"] != "350000000" {
		t.Errorf("after emptying quantity, notes and coalition: %v", p)
	}
	before := c.state(t)
	refused := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"no quantity nor amount left", []string{"--clear", "amount"}, exitInvalid, "amount"},
		{"stale version", []string{"--notes", "late", "--version", "1"}, exitConflict, "version"},
		{"set and emptied", []string{"--notes", "x", "--clear", "notes"}, exitInvalid, "notes"},
		{"field that must stay", []string{"--clear", "item"}, exitInvalid, "item"},
		{"nothing to change", nil, exitInvalid, "nothing to change"},
		{"bad amount", []string{"--amount", "lots"}, exitInvalid, "amount"},
		{"no such pledge", []string{"--notes", "x"}, exitNotFound, "99"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			id := sid
			if tc.code == exitNotFound {
				id = "99"
			}
			r := c.run(t, append([]string{"pledge", "edit", id}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
				t.Errorf("pledge edit %s %v: exit %d, stdout %q, stderr %q; want exit %d naming %q", id, tc.args, r.code, r.stdout, r.stderr, tc.code, tc.want)
			}
		})
	}
	if after := c.state(t); after != before {
		t.Errorf("refused edits changed the ledger:\nbefore %+v\nafter  %+v", before, after)
	}
	if out := c.must(t, "audit", "verify"); !strings.Contains(out, "intact") {
		t.Errorf("audit verify after edits: %s", out)
	}
}
