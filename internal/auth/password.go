// Package auth makes and checks the secrets users sign in with: password
// hashes and API tokens. It stores nothing; the store keeps the hashes.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	// argon2 is the one dependency outside the standard library here. The
	// standard library has no memory-hard password hash (crypto/pbkdf2 is
	// not memory-hard), and argon2id, the winner of the Password Hashing
	// Competition and RFC 9106's recommendation, is what OWASP advises for
	// new systems. golang.org/x/crypto is maintained by the Go team under
	// the Go security policy, and argon2 is pure Go, so the binary still
	// needs no C compiler.
	"golang.org/x/crypto/argon2"

	"pledgebook"
)

// Params are the argon2id cost parameters. They are stored with every hash,
// so that raising them later leaves existing hashes verifiable.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams is RFC 9106's second recommended option (section 4) for
// when 2 GiB of memory per hash is too much: 64 MiB, three passes, four
// lanes, a 128-bit salt and a 256-bit tag. It takes some tens of
// milliseconds on a server, which is what slows down guessing.
var DefaultParams = Params{Memory: 64 * 1024, Time: 3, Threads: 4, SaltLen: 16, KeyLen: 32}

// The bounds of what a password may be. The upper bound keeps the cost of
// hashing a hostile input bounded; NIST SP 800-63B asks for at least 8
// characters and for no rules about which.
const (
	MinPasswordLen = 8    // characters
	MaxPasswordLen = 1024 // bytes
)

// CheckPassword checks that pw is a password the ledger accepts, returning
// an invalid-input error naming the field "password".
func CheckPassword(pw string) error {
	switch {
	case pw == "":
		return pledgebook.FieldError("password", "is empty")
	case !utf8.ValidString(pw):
		return pledgebook.FieldError("password", "is not valid UTF-8")
	case utf8.RuneCountInString(pw) < MinPasswordLen:
		return pledgebook.FieldError("password", "is shorter than %d characters", MinPasswordLen)
	case len(pw) > MaxPasswordLen:
		return pledgebook.FieldError("password", "is longer than %d bytes", MaxPasswordLen)
	}
	return nil
}

// HashPassword checks pw (see CheckPassword) and hashes it with
// DefaultParams.
func HashPassword(pw string) (string, error) { return DefaultParams.Hash(pw) }

// Hash checks pw (see CheckPassword) and returns its argon2id hash with a
// new random salt, in PHC string form:
//
//	$argon2id$v=19$m=65536,t=3,p=4$SALT$HASH
//
// with SALT and HASH in unpadded standard base64, as the PHC format and the
// reference implementation write them.
func (p Params) Hash(pw string) (string, error) {
	if err := CheckPassword(pw); err != nil {
		return "", err
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var b64 = base64.RawStdEncoding

// The bounds on the parameters VerifyPassword accepts from a stored hash,
// so that a hash written behind the store's back cannot make a sign-in
// allocate without limit.
const (
	maxMemory  = 1 << 21 // KiB: 2 GiB, RFC 9106's first recommended option
	maxTime    = 16
	maxKeyLen  = 128
	maxSaltLen = 128
)

// VerifyPassword reports whether pw is the password hashed in hash, a PHC
// string made by Hash. The comparison takes the same time wherever the
// hashes differ. A hash that is not a well-formed argon2id PHC string is an
// error, not a mismatch, so that a damaged record is noticed.
func VerifyPassword(hash, pw string) (bool, error) {
	p, salt, key, err := parseHash(hash)
	if err != nil {
		return false, err
	}
	if len(pw) > MaxPasswordLen {
		return false, nil // never hashed, and too costly to hash now
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether hash was made with parameters other than p,
// so that a caller can hash the password again with p once it has checked
// it. A malformed hash needs rehashing.
func NeedsRehash(hash string, p Params) bool {
	got, salt, key, err := parseHash(hash)
	return err != nil || got.Memory != p.Memory || got.Time != p.Time || got.Threads != p.Threads ||
		uint32(len(salt)) != p.SaltLen || uint32(len(key)) != p.KeyLen
}

// parseHash splits a PHC string into its parameters, salt and key.
func parseHash(hash string) (Params, []byte, []byte, error) {
	bad := func(why string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("password hash: %s", why)
	}
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" {
		return bad("not a PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash)")
	}
	if parts[1] != "argon2id" {
		return bad(fmt.Sprintf("algorithm %q, want argon2id", parts[1]))
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad(fmt.Sprintf("version %q, want v=%d", parts[2], argon2.Version))
	}
	var p Params
	seen := map[string]bool{}
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || seen[k] {
			return bad(fmt.Sprintf("parameter %q", kv))
		}
		seen[k] = true
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return bad(fmt.Sprintf("parameter %q", kv))
		}
		switch k {
		case "m":
			p.Memory = uint32(n)
		case "t":
			p.Time = uint32(n)
		case "p":
			if n > 255 {
				return bad(fmt.Sprintf("parameter %q", kv))
			}
			p.Threads = uint8(n)
		default:
			return bad(fmt.Sprintf("unknown parameter %q", k))
		}
	}
	if !seen["m"] || !seen["t"] || !seen["p"] {
		return bad("parameters m, t and p are required")
	}
	if p.Time < 1 || p.Time > maxTime || p.Threads < 1 || p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory {
		return bad(fmt.Sprintf("parameters m=%d,t=%d,p=%d are out of range", p.Memory, p.Time, p.Threads))
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 || len(salt) > maxSaltLen {
		return bad("bad salt")
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > maxKeyLen {
		return bad("bad hash")
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}
