package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"pledgebook"
	"pledgebook/internal/auth"
	"pledgebook/internal/fx"
	"pledgebook/internal/refdata"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/sqlstore"
)

// runIn runs `pledgebook --db DB args...` with stdin as standard input.
func (c *cli) runIn(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string { return c.env[k] }
	code := Run(t.Context(), append([]string{"--db", c.db}, args...), strings.NewReader(stdin), &stdout, &stderr, getenv)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// mustIn is must with standard input.
func (c *cli) mustIn(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	r := c.runIn(t, stdin, args...)
	if r.code != exitOK {
		t.Fatalf("pledgebook %s: exit %d, want 0\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// user is the part of a user's JSON the tests look at.
type user struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Party    string `json:"party"`
	Disabled bool   `json:"disabled"`
}

func (c *cli) users(t *testing.T) map[string]user {
	t.Helper()
	var l jsonListing[user]
	c.mustJSON(t, &l, "user", "list")
	out := map[string]user{}
	for _, u := range l.Items {
		out[u.Name] = u
	}
	return out
}

// openStore opens the CLI's database as the server will, on the real
// clock, to check that what the CLI made works for signing in.
func (c *cli) openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), c.db, sqlstore.Config{Converter: fx.ECB(), Catalog: refdata.Currencies{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var tokenLine = regexp.MustCompile(`\npb_[A-Za-z0-9_-]{43}\n$`)

// mustAdd adds a user with a password and returns its id.
func (c *cli) mustAdd(t *testing.T, password string, args ...string) int64 {
	t.Helper()
	out := c.mustIn(t, password+"\n", append([]string{"user", "add"}, append(args, "--password-stdin")...)...)
	var id int64
	if err := json.Unmarshal([]byte(out), &id); err != nil || id <= 0 {
		t.Fatalf("user add %s: stdout %q, want only the new user's id", strings.Join(args, " "), out)
	}
	return id
}

// TestUsers walks through what an admin does with users and tokens, and
// checks that the secrets end up only where they belong.
func TestUsers(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	const password = "correct horse battery staple"
	c.mustAdd(t, password, "Alice", "--role", "coordinator")
	c.mustAdd(t, "another password", "gb-mod", "--role", "donor", "--party", "gb")
	c.mustAdd(t, "a third password", "ua-log", "--role", "recipient")

	us := c.users(t)
	for name, want := range map[string]user{
		"alice":  {Name: "alice", Role: "coordinator"},
		"gb-mod": {Name: "gb-mod", Role: "donor", Party: "GB"},
		"ua-log": {Name: "ua-log", Role: "recipient", Party: "UA"},
	} {
		got := us[name]
		got.ID = 0
		if got != want {
			t.Errorf("user list: %s = %+v, want %+v", name, us[name], want)
		}
	}

	// The password works for signing in, and is stored only as a hash.
	s := c.openStore(t)
	u, err := s.FindUserByName(context.Background(), "ALICE")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := auth.VerifyPassword(u.PasswordHash, password); !ok || err != nil {
		t.Errorf("the stored hash %q does not verify the password: %v, %v", u.PasswordHash, ok, err)
	}
	if !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=65536,t=3,p=4$") {
		t.Errorf("stored hash %q, want argon2id with RFC 9106's parameters", u.PasswordHash)
	}

	// A token is printed once, alone on the last line, and works.
	out := c.must(t, "token", "create", "alice", "--expires", "90d", "--label", "import script")
	if !tokenLine.MatchString(out) {
		t.Fatalf("token create printed %q; want the token alone on the last line", out)
	}
	token := strings.TrimSpace(out[strings.LastIndex(strings.TrimSuffix(out, "\n"), "\n"):])
	hash, err := auth.HashToken(token)
	if err != nil {
		t.Fatal(err)
	}
	holder, tok, err := s.FindUserByTokenHash(context.Background(), hash)
	if err != nil || holder.Name != "alice" || tok.Name != "import script" {
		t.Fatalf("FindUserByTokenHash(token just made) = %+v, %+v, %v; want alice's import script token", holder, tok, err)
	}
	if d := time.Until(tok.ExpiresAt); d < 89*24*time.Hour || d > 90*24*time.Hour {
		t.Errorf("token expires in %s, want 90 days", d)
	}
	id := itoa(tok.ID)
	if out := c.must(t, "token", "list", "alice"); !strings.Contains(out, "import script") || !strings.Contains(out, "active") || strings.Contains(out, token) {
		t.Errorf("token list alice = %q; want the token listed as active, without the token itself", out)
	}

	// Neither secret is in the audit trail or any listing.
	c.mustIn(t, "a new password for alice\n", "user", "password", "alice", "--password-stdin")
	u2, _ := s.FindUserByName(context.Background(), "alice")
	var log jsonListing[pledgebook.AuditEvent]
	c.mustJSON(t, &log, "audit", "log")
	everything := c.must(t, "audit", "log", "--format", "json") + c.must(t, "user", "list", "--format", "json") +
		c.must(t, "token", "list", "alice", "--format", "json")
	for _, secret := range []string{password, "a new password for alice", u.PasswordHash, u2.PasswordHash, token, token[3:], hash} {
		if strings.Contains(everything, secret) {
			t.Errorf("the audit log or a listing holds the secret %q", secret)
		}
	}
	actions := map[string]bool{}
	for _, e := range log.Items {
		if strings.HasPrefix(e.Entity, "user/") || strings.HasPrefix(e.Entity, "token/") {
			actions[strings.SplitN(e.Entity, "/", 2)[0]+" "+e.Action] = true
		}
	}
	for _, want := range []string{"user create", "user password", "token create"} {
		if !actions[want] {
			t.Errorf("audit log has no %q event; it has %v", want, actions)
		}
	}
	if ok, _ := auth.VerifyPassword(u2.PasswordHash, "a new password for alice"); !ok {
		t.Error("user password did not change the password")
	}

	// Revoking the token stops it at once; revoking it again is a conflict.
	if out := c.must(t, "token", "revoke", id); out != "token "+id+" revoked\n" {
		t.Errorf("token revoke = %q", out)
	}
	if _, _, err := s.FindUserByTokenHash(context.Background(), hash); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("a revoked token still signs in: %v", err)
	}
	if r := c.run(t, "token", "revoke", id); r.code != exitConflict || !strings.Contains(r.stderr, "already revoked") {
		t.Errorf("second token revoke: exit %d, stderr %q; want exit %d, already revoked", r.code, r.stderr, exitConflict)
	}
	if out := c.must(t, "token", "list", "alice"); !strings.Contains(out, "revoked") {
		t.Errorf("token list after revoke = %q, want the token shown revoked", out)
	}

	// Disabling a user stops their tokens; enabling brings them back.
	out = c.must(t, "token", "create", "gb-mod")
	gbHash, _ := auth.HashToken(strings.TrimSpace(out[strings.LastIndex(strings.TrimSuffix(out, "\n"), "\n"):]))
	if _, _, err := s.FindUserByTokenHash(context.Background(), gbHash); err != nil {
		t.Fatalf("gb-mod's new token: %v", err)
	}
	if out := c.must(t, "user", "disable", "gb-mod"); out != "user gb-mod disabled\n" {
		t.Errorf("user disable = %q", out)
	}
	if !c.users(t)["gb-mod"].Disabled {
		t.Error("user list does not show gb-mod disabled")
	}
	if _, _, err := s.FindUserByTokenHash(context.Background(), gbHash); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("a disabled user's token still signs in: %v", err)
	}
	if r := c.run(t, "token", "create", "gb-mod"); r.code != exitInvalid || !strings.Contains(r.stderr, "disabled") {
		t.Errorf("token create for a disabled user: exit %d, stderr %q; want exit %d", r.code, r.stderr, exitInvalid)
	}
	c.must(t, "user", "enable", "gb-mod")
	if _, _, err := s.FindUserByTokenHash(context.Background(), gbHash); err != nil {
		t.Errorf("gb-mod's token after enable: %v", err)
	}
	if out := c.must(t, "audit", "verify"); !intact.MatchString(out) {
		t.Errorf("audit verify: %q", out)
	}
}

// TestUserBadInput: each bad command exits with its code, says what is
// wrong, prints nothing on stdout and changes nothing.
func TestUserBadInput(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.mustAdd(t, "a good password", "alice", "--role", "admin")
	c.must(t, "token", "create", "alice")
	add := func(args ...string) []string {
		return append([]string{"user", "add", "bob", "--role", "viewer", "--password-stdin"}, args...)
	}
	const pw = "a fine password\n"
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr []string
	}{
		{"unknown role", pw, add("--role", "superuser"), exitInvalid, []string{"role: unknown role", `"superuser"`}},
		{"no role", pw, add("--role", ""), exitInvalid, []string{"role: unknown role"}},
		{"donor without a party", pw, add("--role", "donor"), exitInvalid, []string{"party: is required for a donor"}},
		{"unknown party", pw, add("--role", "donor", "--party", "XX"), exitInvalid, []string{"party: unknown party code", "XX"}},
		{"unknown recipient party", pw, add("--role", "recipient", "--party", "QQ"), exitInvalid, []string{"party: unknown party code", "QQ"}},
		{"viewer with a party", pw, add("--party", "GB"), exitInvalid, []string{"party: only donor and recipient users"}},
		{"empty password", "", add(), exitInvalid, []string{"password: is empty"}},
		{"empty password line", "\n", add(), exitInvalid, []string{"password: is empty"}},
		{"short password", "short\n", add(), exitInvalid, []string{"password: is shorter than 8"}},
		{"huge password", strings.Repeat("x", 5000), add(), exitInvalid, []string{"password: is longer than 1024 bytes"}},
		{"password not from stdin", pw, []string{"user", "add", "bob", "--role", "viewer"}, exitInvalid, []string{"password-stdin: is required"}},
		{"bad name", pw, []string{"user", "add", "bob smith", "--role", "viewer", "--password-stdin"}, exitInvalid, []string{"name:", "lower-case letters"}},
		{"duplicate name", pw, []string{"user", "add", "alice", "--role", "viewer", "--password-stdin"}, exitConflict, []string{"name:", `already a user called "alice"`}},
		{"duplicate name in capitals", pw, []string{"user", "add", "ALICE", "--role", "viewer", "--password-stdin"}, exitConflict, []string{`already a user called "alice"`}},
		{"no name", pw, []string{"user", "add", "--role", "viewer", "--password-stdin"}, exitInvalid, []string{"accepts 1 arg"}},
		{"disable unknown user", "", []string{"user", "disable", "nobody"}, exitNotFound, []string{`user "nobody" not found`}},
		{"password of unknown user", pw, []string{"user", "password", "nobody", "--password-stdin"}, exitNotFound, []string{`user "nobody" not found`}},
		{"short new password", "short\n", []string{"user", "password", "alice", "--password-stdin"}, exitInvalid, []string{"password: is shorter"}},
		{"token for unknown user", "", []string{"token", "create", "nobody"}, exitNotFound, []string{`user "nobody" not found`}},
		{"token lifetime zero", "", []string{"token", "create", "alice", "--expires", "0s"}, exitInvalid, []string{"expires: must be a positive duration"}},
		{"token lifetime negative", "", []string{"token", "create", "alice", "--expires=-1h"}, exitInvalid, []string{"expires: must be a positive duration"}},
		{"token lifetime too long", "", []string{"token", "create", "alice", "--expires", "400d"}, exitInvalid, []string{"expires:", "longer than"}},
		{"token lifetime not a duration", "", []string{"token", "create", "alice", "--expires", "soon"}, exitInvalid, []string{"expires:", `"soon" is not a duration`}},
		{"token without a label", "", []string{"token", "create", "alice", "--label", " "}, exitInvalid, []string{"label: is required"}},
		{"tokens of unknown user", "", []string{"token", "list", "nobody"}, exitNotFound, []string{`user "nobody" not found`}},
		{"revoke unknown token", "", []string{"token", "revoke", "999"}, exitNotFound, []string{"token 999 not found"}},
		{"revoke non-numeric id", "", []string{"token", "revoke", "abc"}, exitInvalid, []string{"token:", `"abc" is not a record id`}},
	}
	snapshot := func() (string, int) {
		var log jsonListing[json.RawMessage]
		c.mustJSON(t, &log, "audit", "log")
		return c.must(t, "user", "list", "--format", "json") + c.must(t, "token", "list", "alice", "--format", "json"), len(log.Items)
	}
	before, events := snapshot()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.runIn(t, tt.stdin, tt.args...)
			in := "pledgebook " + strings.Join(tt.args, " ")
			if r.code != tt.code || r.stdout != "" {
				t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d and no output", in, r.code, r.stdout, r.stderr, tt.code)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("%s: stderr %q does not say %q", in, r.stderr, want)
				}
			}
			if after, n := snapshot(); after != before || n != events {
				t.Errorf("%s changed the users, tokens or audit log (%d → %d events)", in, events, n)
			}
		})
	}
}
