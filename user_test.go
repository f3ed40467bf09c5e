package pledgebook

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestUserValidate(t *testing.T) {
	tests := []struct {
		name  string
		user  User
		field string // "" when valid
		party string // the party after Normalize, when valid
	}{
		{"admin", User{Name: "ada", Role: RoleAdmin}, "", ""},
		{"donor with a party", User{Name: "gb.officer", Role: RoleDonor, Party: "gb"}, "", "GB"},
		{"recipient defaults to UA", User{Name: "ua-logistics", Role: RoleRecipient}, "", "UA"},
		{"recipient of another party", User{Name: "md", Role: RoleRecipient, Party: "MD"}, "", "MD"},
		{"name folded", User{Name: "  Alice@Example.org ", Role: RoleViewer}, "", ""},
		{"role folded", User{Name: "bob", Role: " Curator "}, "", ""},
		{"no name", User{Role: RoleAdmin}, "name", ""},
		{"name with a space", User{Name: "a b", Role: RoleAdmin}, "name", ""},
		{"name with a slash", User{Name: "a/b", Role: RoleAdmin}, "name", ""},
		{"name starting with a dot", User{Name: ".hidden", Role: RoleAdmin}, "name", ""},
		{"name too long", User{Name: strings.Repeat("a", 65), Role: RoleAdmin}, "name", ""},
		{"unknown role", User{Name: "eve", Role: "root"}, "role", ""},
		{"no role", User{Name: "eve"}, "role", ""},
		{"donor without a party", User{Name: "gb", Role: RoleDonor}, "party", ""},
		{"viewer with a party", User{Name: "vic", Role: RoleViewer, Party: "GB"}, "party", ""},
		{"coordinator with a party", User{Name: "cora", Role: RoleCoordinator, Party: "GB"}, "party", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.user
			u.Normalize()
			err := u.Validate()
			if tt.field == "" {
				if err != nil || u.Party != tt.party {
					t.Errorf("%+v: Validate = %v, party %q; want valid with party %q", tt.user, err, u.Party, tt.party)
				}
				return
			}
			if ErrorKind(err) != KindInvalid || ErrorField(err) != tt.field {
				t.Errorf("%+v: Validate = %v; want an invalid %s", tt.user, err, tt.field)
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	for _, r := range Roles {
		if got, err := ParseRole(" " + strings.ToUpper(string(r)) + " "); got != r || err != nil {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	if _, err := ParseRole("superuser"); ErrorField(err) != "role" {
		t.Errorf("ParseRole(superuser) = %v, want an invalid role", err)
	}
}

// TestUserJSON checks that no hash reaches JSON, which is also what the
// audit trail records.
func TestUserJSON(t *testing.T) {
	u := User{ID: 1, Name: "ada", Role: RoleAdmin, PasswordHash: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"}
	b, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "argon2") || strings.Contains(strings.ToLower(string(b)), "hash") {
		t.Errorf("User JSON %s holds the password hash", b)
	}
}

func TestCheckHashes(t *testing.T) {
	for h, ok := range map[string]bool{
		"$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA": true,
		"hunter22": false, "": false, "$plain": false,
	} {
		if err := CheckPasswordHash(h); (err == nil) != ok {
			t.Errorf("CheckPasswordHash(%q) = %v, want ok %v", h, err, ok)
		}
	}
	for h, ok := range map[string]bool{
		strings.Repeat("ab", 32): true, strings.Repeat("AB", 32): false, strings.Repeat("a", 63): false,
		"pb_" + strings.Repeat("a", 61): false,
	} {
		if err := CheckTokenHash(h); (err == nil) != ok {
			t.Errorf("CheckTokenHash(%q) = %v, want ok %v", h, err, ok)
		}
	}
}

func TestTokenActive(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	revoked := now.Add(-time.Hour)
	tests := []struct {
		name string
		tok  Token
		want bool
	}{
		{"fresh", Token{ExpiresAt: now.Add(time.Hour)}, true},
		{"expires now", Token{ExpiresAt: now}, false},
		{"expired", Token{ExpiresAt: now.Add(-time.Second)}, false},
		{"revoked", Token{ExpiresAt: now.Add(time.Hour), RevokedAt: &revoked}, false},
	}
	for _, tt := range tests {
		if got := tt.tok.Active(now); got != tt.want {
			t.Errorf("%s: Active = %v, want %v", tt.name, got, tt.want)
		}
	}
}
