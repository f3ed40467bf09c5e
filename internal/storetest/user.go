package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"pledgebook"
)

// testHash and otherHash stand for password hashes: the store keeps what
// it is given, and checks only that it is not a plain password.
const (
	testHash  = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"
	otherHash = "$argon2id$v=19$m=65536,t=3,p=4$b3RoZXJzYWx0b3RoZXJzYQ$b3RoZXJoYXNob3RoZXJoYXNob3RoZXJoYXNob3RoZXI"
)

// tokenHash stands for the hash of the n-th token a case makes.
func tokenHash(n int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("pb_token_%d", n)))
	return hex.EncodeToString(sum[:])
}

// noSecrets fails if any of v's JSON holds a hash.
func noSecrets(t testing.TB, what string, v any, secrets ...string) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if strings.Contains(string(b), s) {
			t.Errorf("%s holds the secret %.20q...", what, s)
		}
	}
}

func testUsers(t *testing.T, open Opener) {
	s := fresh(t, open)
	ada := &pledgebook.User{Name: " Ada ", Role: pledgebook.RoleAdmin}
	if err := s.CreateUser(ctx(), ada, testHash); err != nil {
		t.Fatal(err)
	}
	if ada.ID == 0 || ada.Name != "ada" || ada.Version != 1 || !ada.PasswordSetAt.Equal(Now) || !ada.CreatedAt.Equal(Now) || ada.PasswordHash != "" {
		t.Errorf("created %+v; want an id, name ada, version 1, times %s, and no hash", ada, Now)
	}
	gb := &pledgebook.User{Name: "gb-officer", Role: pledgebook.RoleDonor, Party: "gb"}
	ua := &pledgebook.User{Name: "ua-logistics", Role: pledgebook.RoleRecipient}
	for _, u := range []*pledgebook.User{gb, ua} {
		if err := s.CreateUser(ctx(), u, otherHash); err != nil {
			t.Fatalf("CreateUser(%s): %v", u.Name, err)
		}
	}
	if gb.Party != "GB" || ua.Party != "UA" {
		t.Errorf("parties %q and %q, want GB and UA (the recipient's default)", gb.Party, ua.Party)
	}

	// Who sees which users.
	for _, c := range []struct {
		v    pledgebook.Viewer
		want string
	}{
		{admin, "ada,gb-officer,ua-logistics"}, {coordinator, "ada,gb-officer,ua-logistics"},
		{gb.Viewer(), "gb-officer"}, {ua.Viewer(), "ua-logistics"}, {viewer, ""}, {public, ""},
	} {
		us, err := s.FindUsers(as(c.v))
		if got := strings.Join(refs(us, func(u *pledgebook.User) string { return u.Name }), ","); err != nil || got != c.want {
			t.Errorf("FindUsers as %q = %q, %v; want %q", c.v.Name, got, err, c.want)
		}
		noSecrets(t, "FindUsers", us, testHash, otherHash)
	}

	// The sign-in lookup folds the name and gives the hash, to anyone.
	got, err := s.FindUserByName(as(public), "ADA")
	if err != nil || got.ID != ada.ID || got.PasswordHash != testHash {
		t.Errorf("FindUserByName(ADA) = %+v, %v; want ada with her hash", got, err)
	}
	if _, err := s.FindUserByName(ctx(), "nobody"); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("FindUserByName(nobody) = %v, want not found", err)
	}

	// A password change is an event, with neither hash in it.
	advance(t, time.Hour)
	after, err := s.SetUserPassword(ctx(), gb.ID, testHash)
	if err != nil || after.Version != 2 || !after.PasswordSetAt.Equal(Now.Add(time.Hour)) {
		t.Errorf("SetUserPassword = %+v, %v; want version 2, password set at %s", after, err, Now.Add(time.Hour))
	}
	if u, _ := s.FindUserByName(ctx(), "gb-officer"); u.PasswordHash != testHash {
		t.Errorf("hash after SetUserPassword = %q, want the new one", u.PasswordHash)
	}
	// Only its own user, or an admin, may set a password.
	_, err = s.SetUserPassword(as(ua.Viewer()), gb.ID, otherHash)
	wantNotFound(t, err, fmt.Sprintf("user %d not found", gb.ID), "SetUserPassword as another user")
	if _, err := s.SetUserPassword(as(gb.Viewer()), gb.ID, otherHash); err != nil {
		t.Errorf("SetUserPassword of one's own: %v", err)
	}

	// Disabling and enabling, each once.
	if u, err := s.SetUserDisabled(ctx(), ua.ID, true); err != nil || !u.Disabled {
		t.Errorf("SetUserDisabled(true) = %+v, %v", u, err)
	}
	n := count(t, s).events
	if _, err := s.SetUserDisabled(ctx(), ua.ID, true); err != nil || count(t, s).events != n {
		t.Errorf("disabling a disabled user: %v, or it wrote an event", err)
	}
	if u, err := s.SetUserDisabled(ctx(), ua.ID, false); err != nil || u.Disabled || u.Version != 3 {
		t.Errorf("SetUserDisabled(false) = %+v, %v; want enabled, version 3", u, err)
	}

	events, err := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "user"})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Entity+" "+e.Action)
	}
	want := fmt.Sprintf("user/%d create,user/%d create,user/%d create,user/%[2]d password,user/%[2]d password,user/%[3]d disable,user/%[3]d enable",
		ada.ID, gb.ID, ua.ID)
	if got := strings.Join(actions, ","); got != want {
		t.Errorf("user events:\n%s\nwant\n%s", got, want)
	}
	noSecrets(t, "the audit log", events, testHash, otherHash, "password_hash")
	if r, err := s.VerifyAudit(ctx()); err != nil || !r.OK {
		t.Fatalf("VerifyAudit = %+v, %v", r, err)
	}

	// A user written behind the log, or given another role, is found out.
	for _, tamper := range []struct{ sql, entry string }{
		{`UPDATE users SET role = 'admin' WHERE name = 'gb-officer'`, "user/"},
		{`INSERT INTO users (name, role, disabled, password_hash, password_set_at, version, created_at, updated_at)
			VALUES ('mallory', 'admin', FALSE, 'x', '2026-01-01T00:00:00.000000Z', 1, '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')`, "user/"},
	} {
		t.Run(strings.Fields(tamper.sql)[0], func(t *testing.T) {
			s := fresh(t, open)
			gb := &pledgebook.User{Name: "gb-officer", Role: pledgebook.RoleDonor, Party: "GB"}
			if err := s.CreateUser(ctx(), gb, testHash); err != nil {
				t.Fatal(err)
			}
			if _, err := s.DB().Exec(tamper.sql); err != nil {
				t.Fatal(err)
			}
			if r, err := s.VerifyAudit(ctx()); err != nil || r.OK || !strings.HasPrefix(r.BadEntry, tamper.entry) {
				t.Errorf("VerifyAudit after %s = %+v, %v; want %s named", tamper.sql, r, err, tamper.entry)
			}
		})
	}
}

func testUsersInvalid(t *testing.T, open Opener) {
	s := fresh(t, open)
	if err := s.CreateUser(ctx(), &pledgebook.User{Name: "ada", Role: pledgebook.RoleAdmin}, testHash); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		user  pledgebook.User
		hash  string
		kind  pledgebook.Kind
		field string
	}{
		{"unknown role", pledgebook.User{Name: "bob", Role: "root"}, testHash, pledgebook.KindInvalid, "role"},
		{"donor without a party", pledgebook.User{Name: "bob", Role: pledgebook.RoleDonor}, testHash, pledgebook.KindInvalid, "party"},
		{"unknown party", pledgebook.User{Name: "bob", Role: pledgebook.RoleDonor, Party: "XX"}, testHash, pledgebook.KindInvalid, "party"},
		{"viewer with a party", pledgebook.User{Name: "bob", Role: pledgebook.RoleViewer, Party: "GB"}, testHash, pledgebook.KindInvalid, "party"},
		{"no name", pledgebook.User{Role: pledgebook.RoleViewer}, testHash, pledgebook.KindInvalid, "name"},
		{"bad name", pledgebook.User{Name: "bob/../admin", Role: pledgebook.RoleViewer}, testHash, pledgebook.KindInvalid, "name"},
		{"a plain password", pledgebook.User{Name: "bob", Role: pledgebook.RoleViewer}, "hunter22", pledgebook.KindInvalid, "password"},
		{"no password", pledgebook.User{Name: "bob", Role: pledgebook.RoleViewer}, "", pledgebook.KindInvalid, "password"},
		{"name taken", pledgebook.User{Name: "ada", Role: pledgebook.RoleViewer}, testHash, pledgebook.KindConflict, "name"},
		{"name taken, in capitals", pledgebook.User{Name: "ADA", Role: pledgebook.RoleViewer}, testHash, pledgebook.KindConflict, "name"},
	}
	before := count(t, s)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.user
			wantKind(t, s.CreateUser(ctx(), &u, tt.hash), tt.kind, tt.field)
		})
	}
	if after := count(t, s); after != before {
		t.Errorf("refused users changed the store: %+v → %+v", before, after)
	}
	if us, _ := s.FindUsers(ctx()); len(us) != 1 {
		t.Errorf("%d users after the refusals, want 1", len(us))
	}
	_, err := s.SetUserPassword(ctx(), 9999, testHash)
	wantKind(t, err, pledgebook.KindNotFound, "")
	_, err = s.SetUserDisabled(ctx(), 9999, true)
	wantKind(t, err, pledgebook.KindNotFound, "")
	_, err = s.SetUserPassword(ctx(), 1, "plain")
	wantKind(t, err, pledgebook.KindInvalid, "password")
}

func testTokens(t *testing.T, open Opener) {
	s := fresh(t, open)
	gb := &pledgebook.User{Name: "gb-officer", Role: pledgebook.RoleDonor, Party: "GB"}
	de := &pledgebook.User{Name: "de-officer", Role: pledgebook.RoleDonor, Party: "DE"}
	for _, u := range []*pledgebook.User{gb, de} {
		if err := s.CreateUser(ctx(), u, testHash); err != nil {
			t.Fatal(err)
		}
	}
	short, err := s.CreateToken(ctx(), gb.ID, " nightly import ", tokenHash(1), Now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if short.ID == 0 || short.User != gb.ID || short.Name != "nightly import" || !short.ExpiresAt.Equal(Now.Add(time.Hour)) ||
		!short.CreatedAt.Equal(Now) || short.RevokedAt != nil || short.Version != 1 {
		t.Errorf("CreateToken = %+v", short)
	}
	long, err := s.CreateToken(as(gb.Viewer()), gb.ID, "dashboard", tokenHash(2), Now.Add(48*time.Hour))
	if err != nil {
		t.Fatalf("CreateToken for oneself: %v", err)
	}

	// The one error for every token that does not sign in.
	unknown := "no such token, or it has expired or been revoked"
	signsIn := func(hash string, want *pledgebook.User) {
		t.Helper()
		u, tok, err := s.FindUserByTokenHash(as(public), hash)
		switch {
		case want == nil && (pledgebook.ErrorKind(err) != pledgebook.KindNotFound || pledgebook.ErrorMessage(err) != unknown):
			t.Errorf("FindUserByTokenHash(%.8s…) = %v; want not found: %q", hash, err, unknown)
		case want != nil && (err != nil || u.ID != want.ID || tok == nil || u.PasswordHash != ""):
			t.Errorf("FindUserByTokenHash(%.8s…) = %+v, %+v, %v; want %s, without a password hash", hash, u, tok, err, want.Name)
		}
	}
	signsIn(tokenHash(1), gb)
	signsIn(tokenHash(2), gb)
	signsIn(tokenHash(99), nil)

	// Bad tokens are refused and change nothing.
	before := count(t, s)
	for _, c := range []struct {
		name, label, hash string
		user              int64
		expires           time.Time
		v                 pledgebook.Viewer
		kind              pledgebook.Kind
		field             string
	}{
		{"no name", " ", tokenHash(3), gb.ID, Now.Add(time.Hour), admin, pledgebook.KindInvalid, "name"},
		{"the token, not its hash", "x", "pb_" + strings.Repeat("A", 43), gb.ID, Now.Add(time.Hour), admin, pledgebook.KindInvalid, "hash"},
		{"expires now", "x", tokenHash(3), gb.ID, Now, admin, pledgebook.KindInvalid, "expires"},
		{"expired", "x", tokenHash(3), gb.ID, Now.Add(-time.Hour), admin, pledgebook.KindInvalid, "expires"},
		{"unknown user", "x", tokenHash(3), 9999, Now.Add(time.Hour), admin, pledgebook.KindNotFound, ""},
		{"another's user", "x", tokenHash(3), gb.ID, Now.Add(time.Hour), de.Viewer(), pledgebook.KindNotFound, ""},
		{"the public", "x", tokenHash(3), gb.ID, Now.Add(time.Hour), public, pledgebook.KindNotFound, ""},
		{"hash taken", "x", tokenHash(1), de.ID, Now.Add(time.Hour), admin, pledgebook.KindConflict, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.CreateToken(as(c.v), c.user, c.label, c.hash, c.expires)
			wantKind(t, err, c.kind, c.field)
		})
	}
	if after := count(t, s); after != before {
		t.Errorf("refused tokens changed the store: %+v → %+v", before, after)
	}

	// Who sees which tokens.
	for _, c := range []struct {
		v    pledgebook.Viewer
		want int
	}{{admin, 2}, {gb.Viewer(), 2}, {de.Viewer(), 0}, {public, 0}} {
		ts, err := s.FindTokens(as(c.v), gb.ID)
		if err != nil || len(ts) != c.want {
			t.Errorf("FindTokens(gb) as %q = %d, %v; want %d", c.v.Name, len(ts), err, c.want)
		}
		if len(ts) == 2 && ts[0].ID != long.ID {
			t.Errorf("FindTokens: %d first, want the newest, %d", ts[0].ID, long.ID)
		}
		noSecrets(t, "FindTokens", ts, tokenHash(1), tokenHash(2))
	}

	// Expiry is by the store's clock.
	advance(t, 59*time.Minute)
	signsIn(tokenHash(1), gb)
	advance(t, time.Minute)
	signsIn(tokenHash(1), nil)
	signsIn(tokenHash(2), gb)

	// Revocation is at once, and once.
	_, err = s.RevokeToken(as(de.Viewer()), long.ID)
	wantNotFound(t, err, fmt.Sprintf("token %d not found", long.ID), "RevokeToken as another user")
	revoked, err := s.RevokeToken(ctx(), long.ID)
	if err != nil || revoked.RevokedAt == nil || !revoked.RevokedAt.Equal(Now.Add(time.Hour)) || revoked.Version != 2 {
		t.Errorf("RevokeToken = %+v, %v; want revoked at %s", revoked, err, Now.Add(time.Hour))
	}
	signsIn(tokenHash(2), nil)
	_, err = s.RevokeToken(ctx(), long.ID)
	wantKind(t, err, pledgebook.KindConflict, "")
	_, err = s.RevokeToken(ctx(), 9999)
	wantNotFound(t, err, "token 9999 not found", "RevokeToken(9999)")

	// A disabled user's tokens stop, and come back with the user.
	if _, err := s.CreateToken(ctx(), gb.ID, "third", tokenHash(3), Now.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	signsIn(tokenHash(3), gb)
	if _, err := s.SetUserDisabled(ctx(), gb.ID, true); err != nil {
		t.Fatal(err)
	}
	signsIn(tokenHash(3), nil)
	_, err = s.CreateToken(ctx(), gb.ID, "fourth", tokenHash(4), Now.Add(24*time.Hour))
	wantKind(t, err, pledgebook.KindInvalid, "user")
	if _, err := s.SetUserDisabled(ctx(), gb.ID, false); err != nil {
		t.Fatal(err)
	}
	signsIn(tokenHash(3), gb)

	events, err := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "token"})
	if err != nil || len(events) != 4 { // three created, one revoked
		t.Errorf("token events = %d, %v; want 4", len(events), err)
	}
	noSecrets(t, "the token events", events, tokenHash(1), tokenHash(2), tokenHash(3))
	if r, err := s.VerifyAudit(ctx()); err != nil || !r.OK {
		t.Errorf("VerifyAudit = %+v, %v", r, err)
	}
}
