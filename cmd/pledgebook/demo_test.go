package main

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// demoCLI returns a cli on a new database holding the demo data set.
func demoCLI(t *testing.T) *cli {
	t.Helper()
	c := newCLI(t)
	if out := c.must(t, "demo"); !strings.HasPrefix(out, "loaded ") {
		t.Fatalf("pledgebook demo: stdout %q, want it to start with \"loaded \"", out)
	}
	return c
}

// TestDemoTwice checks that loading the demo data again changes nothing.
func TestDemoTwice(t *testing.T) {
	t.Parallel()
	c := demoCLI(t)
	before := c.state(t)
	r := c.run(t, "demo")
	if r.code != exitOK || !strings.Contains(r.stdout, "demo data already loaded in "+c.db+"; nothing changed") || r.stderr != "" {
		t.Errorf("pledgebook demo, again: exit %d, stdout %q, stderr %q; want exit 0 and that nothing changed", r.code, r.stdout, r.stderr)
	}
	if after := c.state(t); after != before {
		t.Errorf("pledgebook demo, again, changed the ledger: audit events %d → %d, pledges changed %v, deliveries changed %v",
			before.events, after.events, after.pledges != before.pledges, after.deliveries != before.deliveries)
	}
	if out := c.must(t, "audit", "verify"); !strings.HasPrefix(out, "audit trail intact: ") {
		t.Errorf("audit verify after demo: %q, want the trail intact", out)
	}
}

// TestDemoMeeting checks the pledges of the 28th contact-group meeting.
func TestDemoMeeting(t *testing.T) {
	t.Parallel()
	c := demoCLI(t)
	var m struct {
		ID      string   `json:"id"`
		Pledges []pledge `json:"pledges"`
	}
	c.mustJSON(t, &m, "meeting", "show", "udcg-28")
	var announced []string
	for _, p := range m.Pledges {
		atMeeting := p.Meeting == "udcg-28" || slices.ContainsFunc(p.Sources, func(s source) bool { return s.Meeting == "udcg-28" })
		if !atMeeting {
			t.Errorf("meeting show udcg-28 lists pledge %d, announced at %q and never re-announced there", p.ID, p.Meeting)
		}
		if p.Meeting != "udcg-28" {
			continue
		}
		switch {
		case p.Donor == "GB" && p.Quantity != nil && *p.Quantity == 100000 && p.Category == "drones":
			announced = append(announced, "100000 drones")
		case p.Donor == "GB" && p.Amount != nil && *p.Amount == "247000000" && p.Currency == "GBP" && p.Category == "training":
			announced = append(announced, "GBP 247000000 training")
		default:
			announced = append(announced, p.Donor+" "+p.Item)
		}
	}
	slices.Sort(announced)
	if want := []string{"100000 drones", "GBP 247000000 training"}; !slices.Equal(announced, want) {
		t.Errorf("meeting show udcg-28 --format json: pledges announced there %q, want the two UK pledges %q", announced, want)
	}
}

// TestDemoReports runs every report in every format on the demo data. The
// tables are golden files in testdata/; go test -update rewrites them.
func TestDemoReports(t *testing.T) {
	t.Parallel()
	c := demoCLI(t)
	reports := []struct {
		name string
		args []string
	}{
		{"donors", []string{"report", "donors"}},
		{"categories", []string{"report", "categories"}},
		{"coverage", []string{"report", "coverage"}},
		{"coverage-areas", []string{"report", "coverage", "--areas"}},
		{"timeline", []string{"report", "timeline"}},
		{"donors-usd-2025", []string{"report", "donors", "--currency", "usd", "--from", "2025-01-01", "--to", "2025-12-31"}},
	}
	for _, rep := range reports {
		for _, f := range []string{"table", "json", "csv"} {
			t.Run(rep.name+"/"+f, func(t *testing.T) {
				args := append(slices.Clone(rep.args), "--format", f)
				in := "pledgebook " + strings.Join(args, " ")
				out := c.must(t, args...)
				switch f {
				case "table":
					if !strings.HasSuffix(out, "\n") || len(strings.Split(out, "\n")) < 3 {
						t.Errorf("%s: %q, want a header and rows", in, out)
					}
					golden(t, "demo/report-"+rep.name+".txt", out)
				case "json":
					var v struct {
						Currency string            `json:"currency"`
						Items    []json.RawMessage `json:"items"`
					}
					if err := json.Unmarshal([]byte(out), &v); err != nil || len(v.Items) == 0 {
						t.Errorf("%s: %v; want an object with items\n%s", in, err, out)
					}
					if rep.name != "coverage-areas" && v.Currency != "EUR" && v.Currency != "USD" {
						t.Errorf("%s: currency %q, want EUR or USD", in, v.Currency)
					}
				case "csv":
					rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
					if err != nil || len(rows) < 2 || rows[0][0] != strings.ToUpper(rows[0][0]) {
						t.Errorf("%s: %v; want a CSV header and rows\n%s", in, err, out)
					}
					if strings.Contains(out, "Note:") {
						t.Errorf("%s: notes on stdout; want them on stderr\n%s", in, out)
					}
				}
			})
		}
	}

	// The JSON figures are the exact ones the table groups for people.
	var donors totalsReport
	c.mustJSON(t, &donors, "report", "donors")
	table := c.must(t, "report", "donors")
	for _, x := range append(donors.Items, donors.Total) {
		if !strings.Contains(table, x.Pledged) && !strings.Contains(table, groupDigits(x.Pledged)) {
			t.Errorf("report donors: %s pledged %s in JSON, not in the table as %s", x.Key, x.Pledged, groupDigits(x.Pledged))
		}
	}
}

// groupDigits writes 1234567.5 as 1,234,567.50, the way tables show money.
func groupDigits(s string) string {
	intPart, frac, ok := strings.Cut(s, ".")
	if ok && len(frac) == 1 {
		frac += "0"
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if ok {
		b.WriteString("." + frac)
	}
	return b.String()
}
