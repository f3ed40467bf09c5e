package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// update rewrites the golden files in testdata/: go test ./cmd/pledgebook -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// result is what one run of the command line gave.
type result struct {
	code           int
	stdout, stderr string
}

// runEnv runs the command line in-process with args and an environment
// that is env and nothing else.
func runEnv(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := Run(t.Context(), args, strings.NewReader(""), &stdout, &stderr, getenv)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// cli runs the command line against one database.
type cli struct {
	db  string // a SQLite file or a postgres:// DSN, given with --db
	env map[string]string
}

// newCLI returns a cli on a new SQLite file in t's temporary directory.
func newCLI(t *testing.T) *cli {
	return &cli{db: filepath.Join(t.TempDir(), "pledgebook.db"), env: map[string]string{"PLEDGEBOOK_ACTOR": "test"}}
}

// run runs `pledgebook --db DB args...`.
func (c *cli) run(t *testing.T, args ...string) result {
	t.Helper()
	return runEnv(t, c.env, append([]string{"--db", c.db}, args...)...)
}

// must runs args, fails t unless they exit 0, and returns stdout.
func (c *cli) must(t *testing.T, args ...string) string {
	t.Helper()
	r := c.run(t, args...)
	if r.code != exitOK {
		t.Fatalf("pledgebook %s: exit %d, want 0\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// mustJSON runs args with --format json and decodes stdout into v.
func (c *cli) mustJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	out := c.must(t, append(args, "--format", "json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("pledgebook %s --format json: %v\noutput: %s", strings.Join(args, " "), err, out)
	}
}

// mustID runs a command that prints only the id of the record it made.
func (c *cli) mustID(t *testing.T, args ...string) int64 {
	t.Helper()
	r := c.run(t, args...)
	id, err := strconv.ParseInt(strings.TrimSuffix(r.stdout, "\n"), 10, 64)
	if r.code != exitOK || err != nil || id <= 0 || r.stdout != fmt.Sprintf("%d\n", id) {
		t.Fatalf("pledgebook %s: exit %d, stdout %q, stderr %q; want exit 0 and only a record id on stdout",
			strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return id
}

// pledge is the part of a pledge's JSON the tests look at.
type pledge struct {
	ID                int64    `json:"id"`
	Donor             string   `json:"donor"`
	Category          string   `json:"category"`
	Item              string   `json:"item"`
	Quantity          *int64   `json:"quantity"`
	Amount            *string  `json:"amount"`
	Currency          string   `json:"currency"`
	AmountEUR         *string  `json:"amount_eur"`
	Status            string   `json:"status"`
	Meeting           string   `json:"meeting"`
	Requirement       *int64   `json:"requirement"`
	DeliveredQuantity int64    `json:"delivered_quantity"`
	Deliveries        int      `json:"deliveries"`
	Sources           []source `json:"sources"`
	Version           int      `json:"version"`
}

type source struct {
	URL            string `json:"url"`
	Meeting        string `json:"meeting"`
	Reannouncement bool   `json:"reannouncement"`
}

func (c *cli) pledge(t *testing.T, id int64) pledge {
	t.Helper()
	var p pledge
	c.mustJSON(t, &p, "pledge", "show", itoa(id))
	return p
}

// jsonListing is the JSON form of every listing.
type jsonListing[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// totals is a row of `report donors|categories --format json`.
type totals struct {
	Key         string `json:"key"`
	Pledges     int    `json:"pledges"`
	Pledged     string `json:"pledged"`
	Delivered   string `json:"delivered"`
	Outstanding string `json:"outstanding"`
	InKind      int    `json:"in_kind"`
	Unconverted []struct {
		Amount   string `json:"amount"`
		Currency string `json:"currency"`
	} `json:"unconverted"`
}

type totalsReport struct {
	Currency string   `json:"currency"`
	Items    []totals `json:"items"`
	Total    totals   `json:"total"`
}

func (r totalsReport) row(key string) (totals, bool) {
	for _, x := range r.Items {
		if x.Key == key {
			return x, true
		}
	}
	return totals{}, false
}

// state is what a command that fails must leave alone.
type state struct {
	events                            int
	pledges, deliveries, requirements string
}

func (c *cli) state(t *testing.T) state {
	t.Helper()
	var log jsonListing[json.RawMessage]
	c.mustJSON(t, &log, "audit", "log")
	return state{
		events:       len(log.Items),
		pledges:      c.must(t, "pledge", "list", "--format", "json"),
		deliveries:   c.must(t, "delivery", "list", "--format", "json"),
		requirements: c.must(t, "requirement", "list", "--format", "json"),
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
