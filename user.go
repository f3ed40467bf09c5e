package pledgebook

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a user is in the ledger, and so what they may read and do.
type Role string

// The roles. Donor and recipient users belong to one party; the others to
// none.
const (
	RoleAdmin       Role = "admin"       // runs the installation: users, tokens, everything
	RoleCoordinator Role = "coordinator" // contact-group secretariat: sees everything
	RoleDonor       Role = "donor"       // a donor nation's officer: their own party's records
	RoleRecipient   Role = "recipient"   // the recipient's logistics staff
	RoleCurator     Role = "curator"     // feeds the news in and reviews candidates
	RoleViewer      Role = "viewer"      // reads what signed-in users may read
)

// Roles lists every role, in the order the documentation gives them.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleDonor, RoleRecipient, RoleCurator, RoleViewer}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	switch r {
	case RoleAdmin, RoleCoordinator, RoleDonor, RoleRecipient, RoleCurator, RoleViewer:
		return true
	}
	return false
}

// HasParty reports whether users of role r belong to a party.
func (r Role) HasParty() bool { return r == RoleDonor || r == RoleRecipient }

// ParseRole returns the role named s, or an invalid-input error naming the
// field "role".
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !r.Valid() {
		return "", FieldError("role", "unknown role %q (one of admin, coordinator, donor, recipient, curator, viewer)", s)
	}
	return r, nil
}

// User is a person or program that signs in. Its password hash is kept out
// of JSON, and so out of audit snapshots and API responses.
type User struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	Party    string `json:"party,omitempty"` // donor and recipient users only
	Disabled bool   `json:"disabled"`
	// PasswordSetAt is when the password was last set. Sessions begun
	// before it are to be refused, so that a password change signs every
	// other session out.
	PasswordSetAt time.Time `json:"password_set_at"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	Version       int       `json:"version"`

	// PasswordHash is the password's hash as a PHC string, filled in only
	// by Store.FindUserByName, the sign-in lookup. Never the password.
	PasswordHash string `json:"-"`
}

// Normalize trims and folds the user's fields: names are lower case, so
// that "Alice" and "alice" are one user; a recipient user belongs to UA
// unless given another party.
func (u *User) Normalize() {
	u.Name = NormalizeUserName(u.Name)
	u.Role = Role(strings.ToLower(strings.TrimSpace(string(u.Role))))
	u.Party = strings.ToUpper(strings.TrimSpace(u.Party))
	if u.Role == RoleRecipient && u.Party == "" {
		u.Party = "UA"
	}
}

// NormalizeUserName folds a user name as Normalize does, for look-ups.
func NormalizeUserName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// Validate checks the user's own fields. That the party exists is checked
// by the store.
func (u *User) Validate() error {
	if err := checkUserName(u.Name); err != nil {
		return err
	}
	if !u.Role.Valid() {
		return FieldError("role", "unknown role %q (one of admin, coordinator, donor, recipient, curator, viewer)", u.Role)
	}
	switch {
	case u.Role == RoleDonor && u.Party == "":
		return FieldError("party", "is required for a donor user: the party whose records they keep")
	case !u.Role.HasParty() && u.Party != "":
		return FieldError("party", "only donor and recipient users belong to a party, not a %s", u.Role)
	}
	return nil
}

// checkUserName allows what is safe in a URL path, a log line and an audit
// actor: lower-case letters, digits and . _ - @, starting with a letter or
// digit.
func checkUserName(name string) error {
	if name == "" {
		return FieldError("name", "is required")
	}
	if utf8.RuneCountInString(name) > 64 {
		return FieldError("name", "is longer than 64 characters")
	}
	for i, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || i > 0 && strings.ContainsRune("._-@", r)
		if !ok {
			return FieldError("name", "%q may hold only lower-case letters, digits and . _ - @, and must start with a letter or digit", name)
		}
	}
	return nil
}

// CheckPasswordHash checks that h looks like a stored hash (a PHC string
// such as $argon2id$v=19$...), so that a plain password is never stored by
// mistake. How the hash is made is up to the caller.
func CheckPasswordHash(h string) error {
	if !strings.HasPrefix(h, "$") || strings.Count(h, "$") < 3 || len(h) > 512 {
		return FieldError("password", "is not a password hash in PHC form ($algorithm$...$salt$hash)")
	}
	return nil
}

// Viewer returns the viewer that u reads as once signed in.
func (u *User) Viewer() Viewer {
	return Viewer{UserID: u.ID, Name: u.Name, Role: u.Role, Party: u.Party}
}

// Token is an API token for programs. The token itself is shown once, when
// it is made; the store keeps only its SHA-256 hash, which no read returns.
type Token struct {
	ID        int64      `json:"id"`
	User      int64      `json:"user"`
	Name      string     `json:"name"` // what the token is for, e.g. "import script"
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	RevokedAt *time.Time `json:"revoked_at"`
	Version   int        `json:"version"`
}

// Active reports whether the token may be used at time now: not revoked
// and not yet expired.
func (t *Token) Active(now time.Time) bool { return t.RevokedAt == nil && now.Before(t.ExpiresAt) }

// CheckTokenHash checks that h is a hex SHA-256, as a stored token hash
// must be, so that a token itself is never stored by mistake.
func CheckTokenHash(h string) error {
	if len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" {
		return FieldError("hash", "is not the hex SHA-256 of a token")
	}
	return nil
}
