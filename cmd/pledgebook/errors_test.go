package main

import (
	"maps"
	"strings"
	"testing"
	"time"
)

// seeded names the records seed makes.
type seeded struct {
	committed int64  // GB drones, 100000, announced 2025-06-04 at udcg-28, committed 2025-06-10
	delivered int64  // PL 155mm shells, 10, delivered in full on 2025-04-01
	source    string // the committed pledge's source
}

// seed makes a small ledger for commands to fail against.
func seed(t *testing.T, c *cli) seeded {
	t.Helper()
	s := seeded{source: "https://www.gov.uk/government/news/uk-to-deliver-100000-drones-to-ukraine"}
	s.committed = c.mustID(t, "pledge", "add", "--donor", "GB", "--category", "drones", "--item", "drones", "--quantity", "100000",
		"--date", "2025-06-04", "--meeting", "udcg-28", "--source", s.source, "--ref", "seed-a")
	c.must(t, "pledge", "status", itoa(s.committed), "committed", "--date", "2025-06-10")
	s.delivered = c.mustID(t, "pledge", "add", "--donor", "PL", "--category", "ammunition", "--item", "155mm shells", "--quantity", "10",
		"--date", "2025-03-03")
	c.mustID(t, "delivery", "add", "--pledge", itoa(s.delivered), "--date", "2025-04-01", "--quantity", "10")
	if p := c.pledge(t, s.delivered); p.Status != "delivered" {
		t.Fatalf("seed: pledge %d is %s, want delivered", s.delivered, p.Status)
	}
	return s
}

// TestBadInput runs every kind of bad input against a small ledger. Each
// must exit with its code, say on stderr what is wrong, print nothing on
// stdout, and change nothing.
func TestBadInput(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	s := seed(t, c)
	a, b := itoa(s.committed), itoa(s.delivered)
	future := time.Now().UTC().AddDate(1, 0, 0).Format("2006-01-02")

	// add is a valid new pledge with args overriding its flags (the last
	// value of a flag wins); the last case checks that it is valid.
	add := func(args ...string) []string {
		return append([]string{"pledge", "add", "--donor", "DE", "--category", "artillery", "--item", "howitzers", "--quantity", "5",
			"--date", "2025-02-03"}, args...)
	}
	deliver := func(args ...string) []string {
		return append([]string{"delivery", "add", "--pledge", a, "--date", "2025-07-01", "--quantity", "1"}, args...)
	}

	tests := []struct {
		name   string
		env    map[string]string // added to the environment
		args   []string
		code   int
		stderr []string // each appears in stderr
	}{
		// pledge add: fields
		{name: "unknown donor code", args: add("--donor", "XX"), code: exitInvalid, stderr: []string{"donor: unknown party code", "XX"}},
		{name: "missing donor", args: add("--donor", ""), code: exitInvalid, stderr: []string{"donor: is required"}},
		{name: "recipient is the donor", args: add("--donor", "UA"), code: exitInvalid, stderr: []string{"recipient:", "same party"}},
		{name: "unknown category", args: add("--category", "boats"), code: exitInvalid, stderr: []string{"category: unknown capability area", `"boats"`}},
		{name: "missing item", args: add("--item", ""), code: exitInvalid, stderr: []string{"item: is required"}},
		{name: "unknown currency", args: add("--amount", "5m", "--currency", "XYZ"), code: exitInvalid, stderr: []string{"currency: unknown currency", `"XYZ"`}},
		{name: "amount without currency", args: add("--amount", "5m"), code: exitInvalid, stderr: []string{"currency: is required"}},
		{name: "currency without amount", args: add("--currency", "EUR"), code: exitInvalid, stderr: []string{"amount: is required"}},
		{name: "negative quantity", args: add("--quantity=-5"), code: exitInvalid, stderr: []string{"quantity: must not be negative", "-5"}},
		{name: "non-numeric quantity", args: add("--quantity", "lots"), code: exitInvalid, stderr: []string{"quantity:", `"lots"`}},
		{name: "no quantity and no amount", args: add("--quantity", ""), code: exitInvalid, stderr: []string{"quantity:", "a quantity, an amount, or both"}},
		{name: "impossible date", args: add("--date", "2025-02-30"), code: exitInvalid, stderr: []string{"date:", `"2025-02-30"`}},
		{name: "missing date", args: add("--date", ""), code: exitInvalid, stderr: []string{"date:", "required"}},
		{name: "future date", args: add("--date", future), code: exitInvalid, stderr: []string{"date:", future, "future"}},
		{name: "period ends before it begins", args: add("--period-from", "2025-06-01", "--period-to", "2025-01-01"), code: exitInvalid, stderr: []string{"period:", "before it begins"}},
		{name: "malformed amount", args: add("--amount", "5 euros", "--currency", "EUR"), code: exitInvalid, stderr: []string{"amount:", `"5 euros"`}},
		{name: "amount with decimal comma", args: add("--amount", "1,5", "--currency", "EUR"), code: exitInvalid, stderr: []string{"amount:", `"1,5"`}},
		{name: "negative amount", args: add("--amount", "-5", "--currency", "EUR"), code: exitInvalid, stderr: []string{"amount: must not be negative"}},
		{name: "unknown meeting", args: add("--meeting", "udcg-999"), code: exitInvalid, stderr: []string{"meeting: unknown meeting udcg-999"}},
		{name: "unknown coalition", args: add("--coalition", "kites"), code: exitInvalid, stderr: []string{"coalition: unknown coalition kites"}},
		{name: "unknown requirement id", args: add("--requirement", "999"), code: exitInvalid, stderr: []string{"requirement: unknown requirement 999"}},
		{name: "non-numeric requirement id", args: add("--requirement", "abc"), code: exitInvalid, stderr: []string{"requirement:", `"abc" is not a record id`}},
		{name: "bad visibility", args: add("--visibility", "secret"), code: exitInvalid, stderr: []string{"visibility: unknown visibility", `"secret"`}},
		{name: "unknown status", args: add("--status", "shipped"), code: exitInvalid, stderr: []string{"status: unknown status", `"shipped"`}},
		{name: "source is not a URL", args: add("--source", "the radio"), code: exitInvalid, stderr: []string{"source:", "not an absolute http(s) URL"}},

		// pledge add: duplicates
		{name: "duplicate pledge", args: []string{"pledge", "add", "--donor", "gb", "--category", "drones", "--item", "Drones",
			"--quantity", "100000", "--date", "2025-06-20"}, code: exitConflict,
			stderr: []string{"looks like pledge " + a, "--link " + a, "--force"}},
		{name: "ref already used", args: add("--ref", "seed-a"), code: exitConflict, stderr: []string{"ref:", `"seed-a" is already used by record ` + a}},

		// pledge add --link and pledge link
		{name: "link with wrong donor", args: []string{"pledge", "add", "--link", a, "--donor", "FR", "--source", "https://example.org/r",
			"--date", "2025-07-01"}, code: exitInvalid, stderr: []string{"donor: pledge " + a + " is GB's, not FR's", "--link"}},
		{name: "link without source", args: []string{"pledge", "add", "--link", a, "--date", "2025-07-01"}, code: exitInvalid,
			stderr: []string{"source:", "--source"}},
		{name: "link command without source", args: []string{"pledge", "link", a, "--date", "2025-07-01"}, code: exitInvalid,
			stderr: []string{"source:", "--source"}},
		{name: "link without date", args: []string{"pledge", "link", a, "--source", "https://example.org/r"}, code: exitInvalid,
			stderr: []string{"date:", "required"}},
		{name: "link before the first announcement", args: []string{"pledge", "link", a, "--source", "https://example.org/r",
			"--date", "2025-06-01"}, code: exitInvalid, stderr: []string{"date:", "before pledge " + a + " was first announced"}},
		{name: "link to unknown pledge", args: []string{"pledge", "link", "999", "--source", "https://example.org/r", "--date", "2025-07-01"},
			code: exitNotFound, stderr: []string{"pledge 999 not found"}},
		{name: "link with non-numeric id", args: []string{"pledge", "add", "--link", "abc", "--source", "https://example.org/r",
			"--date", "2025-07-01"}, code: exitInvalid, stderr: []string{"link:", `"abc" is not a record id`}},
		{name: "link the same source again", args: []string{"pledge", "link", a, "--source", s.source, "--date", "2025-07-01"},
			code: exitConflict, stderr: []string{"source:", "already a source of pledge " + a}},

		// pledge status
		{name: "backwards status move", args: []string{"pledge", "status", a, "announced", "--date", "2025-06-11"}, code: exitInvalid,
			stderr: []string{"status: cannot move back from committed to announced"}},
		{name: "move to the same status", args: []string{"pledge", "status", a, "committed", "--date", "2025-06-11"}, code: exitInvalid,
			stderr: []string{"status: the pledge is already committed"}},
		{name: "move from delivered", args: []string{"pledge", "status", b, "cancelled", "--date", "2025-05-01"}, code: exitInvalid,
			stderr: []string{"status: the pledge is delivered; no status change leads out of it"}},
		{name: "status date before the previous move", args: []string{"pledge", "status", a, "contracted", "--date", "2025-06-05"},
			code: exitInvalid, stderr: []string{"date: 2025-06-05 is before the pledge's last status change", "2025-06-10"}},
		{name: "status date in the future", args: []string{"pledge", "status", a, "contracted", "--date", future}, code: exitInvalid,
			stderr: []string{"date:", future, "future"}},
		{name: "status without date", args: []string{"pledge", "status", a, "contracted"}, code: exitInvalid, stderr: []string{"date:", "required"}},
		{name: "unknown status", args: []string{"pledge", "status", a, "shipped", "--date", "2025-06-11"}, code: exitInvalid,
			stderr: []string{"status: unknown status", `"shipped"`}},
		{name: "status of unknown pledge", args: []string{"pledge", "status", "999", "contracted", "--date", "2025-06-11"}, code: exitNotFound,
			stderr: []string{"pledge 999 not found"}},

		// pledge show, list
		{name: "non-numeric id", args: []string{"pledge", "show", "abc"}, code: exitInvalid, stderr: []string{"pledge:", `"abc" is not a record id`}},
		{name: "zero id", args: []string{"pledge", "show", "0"}, code: exitInvalid, stderr: []string{"pledge:", `"0" is not a record id`}},
		{name: "unknown pledge", args: []string{"pledge", "show", "999"}, code: exitNotFound, stderr: []string{"pledge 999 not found"}},
		{name: "list by unknown status", args: []string{"pledge", "list", "--status", "shipped"}, code: exitInvalid, stderr: []string{"status:", `"shipped"`}},
		{name: "list by unknown category", args: []string{"pledge", "list", "--category", "boats"}, code: exitInvalid, stderr: []string{"category:", `"boats"`}},
		{name: "list with negative limit", args: []string{"pledge", "list", "--limit=-1"}, code: exitInvalid, stderr: []string{"limit:", "negative"}},
		{name: "list from impossible date", args: []string{"pledge", "list", "--from", "2025-02-30"}, code: exitInvalid, stderr: []string{"from:", `"2025-02-30"`}},

		// delivery add
		{name: "delivery exceeding the pledged quantity", args: deliver("--quantity", "100001"), code: exitInvalid,
			stderr: []string{"quantity: 100001 more would bring deliveries to 100001, above the 100000 pledged"}},
		{name: "delivery exceeding what is left", args: []string{"delivery", "add", "--pledge", b, "--date", "2025-07-01", "--quantity", "1"},
			code: exitInvalid, stderr: []string{"quantity:", "above the 10 pledged"}},
		{name: "delivery on unknown pledge", args: deliver("--pledge", "999"), code: exitInvalid, stderr: []string{"pledge: unknown pledge 999"}},
		{name: "delivery without pledge", args: deliver("--pledge", ""), code: exitInvalid, stderr: []string{"pledge:", "not a record id"}},
		{name: "delivery on non-numeric pledge id", args: deliver("--pledge", "abc"), code: exitInvalid, stderr: []string{"pledge:", `"abc" is not a record id`}},
		{name: "delivery before the announcement", args: deliver("--date", "2025-06-01"), code: exitInvalid,
			stderr: []string{"date: 2025-06-01 is before the pledge was announced"}},
		{name: "delivery with impossible date", args: deliver("--date", "2025-02-30"), code: exitInvalid, stderr: []string{"date:", `"2025-02-30"`}},
		{name: "delivery with negative quantity", args: deliver("--quantity=-1"), code: exitInvalid, stderr: []string{"quantity: must not be negative"}},
		{name: "delivery with bad visibility", args: deliver("--visibility", "secret"), code: exitInvalid, stderr: []string{"visibility:", `"secret"`}},
		{name: "delivery list by non-numeric pledge", args: []string{"delivery", "list", "--pledge", "abc"}, code: exitInvalid, stderr: []string{"pledge:", `"abc"`}},

		// requirements and reference data
		{name: "requirement with bad priority", args: []string{"requirement", "add", "--category", "drones", "--item", "x", "--priority", "9"},
			code: exitInvalid, stderr: []string{"priority: must be from 1", "got 9"}},
		{name: "requirement in unknown category", args: []string{"requirement", "add", "--category", "boats", "--item", "x"},
			code: exitInvalid, stderr: []string{"category:", `"boats"`}},
		{name: "requirement for unknown recipient", args: []string{"requirement", "add", "--recipient", "XX", "--category", "drones", "--item", "x"},
			code: exitInvalid, stderr: []string{"recipient:", "XX"}},
		{name: "requirement with impossible date", args: []string{"requirement", "add", "--category", "drones", "--item", "x",
			"--needed-by", "2025-02-30"}, code: exitInvalid, stderr: []string{"needed-by:", `"2025-02-30"`}},
		{name: "unknown requirement", args: []string{"requirement", "show", "999"}, code: exitNotFound, stderr: []string{"requirement 999 not found"}},
		{name: "non-numeric requirement", args: []string{"requirement", "show", "abc"}, code: exitInvalid, stderr: []string{"requirement:", `"abc"`}},
		{name: "unknown meeting shown", args: []string{"meeting", "show", "udcg-999"}, code: exitNotFound, stderr: []string{"udcg-999 not found"}},
		{name: "unknown coalition shown", args: []string{"coalition", "show", "kites"}, code: exitNotFound, stderr: []string{"kites not found"}},
		{name: "party list of unknown kind", args: []string{"party", "list", "--kind", "planet"}, code: exitInvalid, stderr: []string{"kind:", `"planet"`}},

		// reports
		{name: "report donors in GBP", args: []string{"report", "donors", "--currency", "GBP"}, code: exitInvalid,
			stderr: []string{"currency: reports add up in EUR or USD", `"GBP"`}},
		{name: "report categories in GBP", args: []string{"report", "categories", "--currency", "GBP"}, code: exitInvalid, stderr: []string{"currency:", `"GBP"`}},
		{name: "report coverage in GBP", args: []string{"report", "coverage", "--currency", "GBP"}, code: exitInvalid, stderr: []string{"currency:", `"GBP"`}},
		{name: "report timeline in GBP", args: []string{"report", "timeline", "--currency", "GBP"}, code: exitInvalid, stderr: []string{"currency:", `"GBP"`}},
		{name: "report from impossible date", args: []string{"report", "donors", "--from", "2025-13-01"}, code: exitInvalid, stderr: []string{"from:", `"2025-13-01"`}},

		// the command line itself
		{name: "bad --format value", args: []string{"pledge", "list", "--format", "yaml"}, code: exitInvalid, stderr: []string{"--format", `"yaml"`, "table, json or csv"}},
		{name: "bad --format on a report", args: []string{"report", "donors", "--format", "xml"}, code: exitInvalid, stderr: []string{"--format", `"xml"`}},
		{name: "unknown flag", args: []string{"pledge", "add", "--bogus"}, code: exitInvalid, stderr: []string{"unknown flag: --bogus"}},
		{name: "flag without value", args: []string{"pledge", "list", "--donor"}, code: exitInvalid, stderr: []string{"flag needs an argument", "--donor"}},
		{name: "missing argument", args: []string{"pledge", "show"}, code: exitInvalid, stderr: []string{"accepts 1 arg(s), received 0"}},
		{name: "too few arguments", args: []string{"pledge", "status", a}, code: exitInvalid, stderr: []string{"accepts 2 arg(s), received 1"}},
		{name: "too many arguments", args: []string{"pledge", "show", a, b}, code: exitInvalid, stderr: []string{"accepts 1 arg(s), received 2"}},
		{name: "argument to a command that takes none", args: []string{"pledge", "list", "extra"}, code: exitInvalid, stderr: []string{"unknown command", `"extra"`}},
		{name: "unknown command", args: []string{"frobnicate"}, code: exitInvalid, stderr: []string{"unknown command", `"frobnicate"`}},
		{name: "unknown subcommand", args: []string{"pledge", "ad"}, code: exitInvalid, stderr: []string{"unknown command", `"ad"`}},
		{name: "bad --log-level flag", args: []string{"--log-level", "loud", "pledge", "list"}, code: exitInvalid, stderr: []string{"log level", `"loud"`}},
		{name: "bad PLEDGEBOOK_LOG_LEVEL env", env: map[string]string{"PLEDGEBOOK_LOG_LEVEL": "loud"}, args: []string{"pledge", "list"},
			code: exitInvalid, stderr: []string{"configuration: log level", `"loud"`}},
		{name: "bad PLEDGEBOOK_LOG_FORMAT env", env: map[string]string{"PLEDGEBOOK_LOG_FORMAT": "yaml"}, args: []string{"pledge", "list"},
			code: exitInvalid, stderr: []string{"configuration: log format", `"yaml"`}},
	}

	before := c.state(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := maps.Clone(c.env)
			maps.Copy(env, tt.env)
			in := "pledgebook " + strings.Join(tt.args, " ")
			r := runEnv(t, env, append([]string{"--db", c.db}, tt.args...)...)
			if r.code != tt.code {
				t.Errorf("%s: exit %d, want %d\nstderr: %s", in, r.code, tt.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("%s: stdout %q, want nothing", in, r.stdout)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("%s: stderr %q does not say %q", in, r.stderr, want)
				}
			}
			if !strings.HasPrefix(r.stderr, "pledgebook: ") || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("%s: stderr %q, want one line starting with %q", in, r.stderr, "pledgebook: ")
			}
			if after := c.state(t); after != before {
				t.Errorf("%s changed the ledger: audit events %d → %d, pledges changed %v, deliveries changed %v, requirements changed %v",
					in, before.events, after.events, after.pledges != before.pledges, after.deliveries != before.deliveries,
					after.requirements != before.requirements)
			}
		})
	}

	// The pledge the add cases spoil is itself valid, so each of them
	// failed for the reason it names.
	c.mustID(t, add()...)
}
