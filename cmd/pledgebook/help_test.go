package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// commandPaths returns the path of every command under c, c's own first.
func commandPaths(c *cobra.Command, parent []string) [][]string {
	paths := [][]string{parent}
	for _, sub := range c.Commands() {
		paths = append(paths, commandPaths(sub, append(slices.Clone(parent), sub.Name()))...)
	}
	return paths
}

// TestHelp runs --help on every command in the tree. Help must print
// usage, exit 0 and leave the database alone.
func TestHelp(t *testing.T) {
	t.Parallel()
	paths := commandPaths((&app{}).rootCommand(), nil)

	// The tree has at least the commands the documentation promises.
	var have []string
	for _, p := range paths {
		have = append(have, strings.Join(p, " "))
	}
	for _, want := range []string{"pledge add", "pledge list", "pledge show", "pledge link", "pledge status", "delivery add",
		"delivery list", "requirement add", "requirement list", "requirement show", "party list", "meeting list", "meeting show",
		"coalition list", "coalition show", "report donors", "report categories", "report coverage", "report timeline",
		"audit verify", "audit log", "migrate", "config", "demo", "user add", "user list", "user disable", "token create",
		"token list", "token revoke"} {
		if !slices.Contains(have, want) {
			t.Errorf("command tree %q has no %q", have, want)
		}
	}

	db := filepath.Join(t.TempDir(), "pledgebook.db")
	for _, p := range paths {
		name := strings.Join(p, " ")
		if name == "" {
			name = "root"
		}
		for _, flag := range []string{"--help", "-h"} {
			t.Run(name+"/"+flag, func(t *testing.T) {
				args := append(append([]string{"--db", db}, p...), flag)
				in := "pledgebook " + strings.Join(args, " ")
				r := runEnv(t, map[string]string{}, args...)
				usage := strings.TrimSpace("pledgebook " + strings.Join(p, " "))
				if r.code != exitOK || !strings.Contains(r.stdout, "Usage:\n  "+usage) || r.stderr != "" {
					t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 0 and Usage: %s", in, r.code, r.stdout, r.stderr, usage)
				}
			})
		}
	}
	// help COMMAND and a group on its own print the same usage.
	for _, args := range [][]string{{"help", "pledge", "add"}, {"pledge"}, {"report"}, {}} {
		r := runEnv(t, map[string]string{}, append(args, "--db", db)...)
		if r.code != exitOK || !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("pledgebook %s: exit %d, stdout %q, stderr %q; want exit 0 and usage", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("help created the database %s (stat: %v)", db, err)
	}
}

// TestConfig checks that config prints the effective configuration with
// the password of a DSN masked, without connecting to anything.
func TestConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dsnFile := filepath.Join(dir, "dsn")
	if err := os.WriteFile(dsnFile, []byte("postgres://app:fr0m-a-f1le@db.internal:5432/ledger\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		want   []string // lines of stdout
		secret string   // never printed
	}{
		{"defaults", nil, nil, []string{"db          pledgebook.db", "engine      sqlite", "actor       cli", "log-level   warn", "log-format  text"}, ""},
		{"sqlite file from a flag", nil, []string{"--db", filepath.Join(dir, "x.db")},
			[]string{"db          " + filepath.Join(dir, "x.db"), "engine      sqlite"}, ""},
		{"postgres DSN from PLEDGEBOOK_DB, password masked",
			map[string]string{"PLEDGEBOOK_DB": "postgres://alice:s3cr3t-pw@db.example.org:5432/pledgebook?sslmode=require"}, nil,
			[]string{"db          postgres://alice:xxxxx@db.example.org:5432/pledgebook?sslmode=require", "engine      postgres"}, "s3cr3t-pw"},
		{"postgresql scheme", map[string]string{"PLEDGEBOOK_DB": "postgresql://bob:hunter2@localhost/pb"}, nil,
			[]string{"db          postgresql://bob:xxxxx@localhost/pb", "engine      postgres"}, "hunter2"},
		{"DSN without a password", map[string]string{"PLEDGEBOOK_DB": "postgres://carol@localhost/pb"}, nil,
			[]string{"db          postgres://carol@localhost/pb", "engine      postgres"}, ""},
		{"DSN from PLEDGEBOOK_DB_FILE", map[string]string{"PLEDGEBOOK_DB_FILE": dsnFile}, nil,
			[]string{"db          postgres://app:xxxxx@db.internal:5432/ledger", "engine      postgres"}, "fr0m-a-f1le"},
		{"flag over env", map[string]string{"PLEDGEBOOK_DB": "postgres://alice:s3cr3t-pw@db.example.org/pb"}, []string{"--db", "local.db"},
			[]string{"db          local.db", "engine      sqlite"}, "s3cr3t-pw"},
		{"actor, level and format from env", map[string]string{"USER": "dana", "PLEDGEBOOK_LOG_LEVEL": "debug", "PLEDGEBOOK_LOG_FORMAT": "json"}, nil,
			[]string{"actor       cli:dana", "log-level   debug", "log-format  json"}, ""},
		{"PLEDGEBOOK_ACTOR over USER", map[string]string{"USER": "dana", "PLEDGEBOOK_ACTOR": "ministry:erin"}, nil,
			[]string{"actor       ministry:erin"}, ""},
		{"serve defaults", nil, nil, []string{"addr        127.0.0.1:8080", "tls-cert    (none)", "tls-key     (none)"}, ""},
		{"serve settings from env", map[string]string{"PLEDGEBOOK_ADDR": ":8443", "PLEDGEBOOK_TLS_CERT": "/etc/pb/cert.pem", "PLEDGEBOOK_TLS_KEY": "/etc/pb/key.pem"}, nil,
			[]string{"addr        :8443", "tls-cert    /etc/pb/cert.pem", "tls-key     /etc/pb/key.pem"}, ""},
		{"feeds and webhooks from env", map[string]string{"PLEDGEBOOK_BASE_URL": "https://pledges.example", "PLEDGEBOOK_WEBHOOK_ALLOW": "10.1.2.0/24"}, nil,
			[]string{"base-url    https://pledges.example", "webhook-allow 10.1.2.0/24"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "pledgebook " + strings.Join(append(slices.Clone(tt.args), "config"), " ")
			r := runEnv(t, tt.env, append(tt.args, "config")...)
			if r.code != exitOK || r.stderr != "" {
				t.Fatalf("%s with env %v: exit %d, stderr %q; want exit 0", in, tt.env, r.code, r.stderr)
			}
			lines := strings.Split(r.stdout, "\n")
			for _, want := range tt.want {
				if !slices.Contains(lines, want) {
					t.Errorf("%s with env %v:\n%s\nwant the line %q", in, tt.env, r.stdout, want)
				}
			}
			if tt.secret != "" && strings.Contains(r.stdout, tt.secret) {
				t.Errorf("%s with env %v printed the password %q:\n%s", in, tt.env, tt.secret, r.stdout)
			}
		})
	}
}
