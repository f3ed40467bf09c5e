package auth

import (
	"strings"
	"testing"

	"pledgebook"
)

// cheap keeps the tests fast; the format and the checks are the same at
// any cost.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashAndVerify(t *testing.T) {
	h, err := cheap.Hash("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") || strings.Count(h, "$") != 5 {
		t.Fatalf("Hash = %q, want a PHC string $argon2id$v=19$m=64,t=1,p=1$SALT$HASH", h)
	}
	if err := pledgebook.CheckPasswordHash(h); err != nil {
		t.Errorf("the store would refuse the hash %q: %v", h, err)
	}
	tests := []struct {
		name string
		pw   string
		want bool
	}{
		{"the password", "correct horse battery staple", true},
		{"another password", "correct horse battery stapler", false},
		{"different case", "Correct horse battery staple", false},
		{"empty", "", false},
		{"too long to hash", strings.Repeat("x", MaxPasswordLen+1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := VerifyPassword(h, tt.pw)
			if err != nil || got != tt.want {
				t.Errorf("VerifyPassword(%q, %.20q) = %v, %v; want %v", h, tt.pw, got, err, tt.want)
			}
		})
	}
	again, _ := cheap.Hash("correct horse battery staple")
	if again == h {
		t.Errorf("two hashes of one password are the same (%q): the salt is not random", h)
	}
}

func TestDefaultParams(t *testing.T) {
	if testing.Short() {
		t.Skip("hashes with 64 MiB")
	}
	h, err := HashPassword("a password of some length")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=4$") {
		t.Errorf("HashPassword = %q, want RFC 9106's parameters m=65536,t=3,p=4", h)
	}
	if ok, err := VerifyPassword(h, "a password of some length"); !ok || err != nil {
		t.Errorf("VerifyPassword = %v, %v; want true", ok, err)
	}
	if NeedsRehash(h, DefaultParams) || !NeedsRehash(h, cheap) {
		t.Errorf("NeedsRehash(%q): want false for DefaultParams and true for others", h)
	}
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		pw string
		ok bool
	}{
		{"", false},
		{"short", false},
		{"1234567", false},
		{"12345678", true},
		{"äöüßäöüß", true}, // 8 characters, 16 bytes
		{"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", false},
		{strings.Repeat("a", MaxPasswordLen), true},
		{strings.Repeat("a", MaxPasswordLen+1), false},
	}
	for _, tt := range tests {
		err := CheckPassword(tt.pw)
		if (err == nil) != tt.ok {
			t.Errorf("CheckPassword(%.20q) = %v; want ok %v", tt.pw, err, tt.ok)
		}
		if err != nil && (pledgebook.ErrorKind(err) != pledgebook.KindInvalid || pledgebook.ErrorField(err) != "password") {
			t.Errorf("CheckPassword(%.20q) = %v; want an invalid-input error on the field password", tt.pw, err)
		}
		if _, err := cheap.Hash(tt.pw); (err == nil) != tt.ok {
			t.Errorf("Hash(%.20q) error = %v; want ok %v", tt.pw, err, tt.ok)
		}
	}
}

func TestVerifyMalformed(t *testing.T) {
	good, _ := cheap.Hash("a good password")
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	tests := []struct{ name, hash string }{
		{"empty", ""},
		{"plain text", "a good password"},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i", "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key},
		{"old version", "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key},
		{"missing parameter", "$argon2id$v=19$m=64,t=1$" + salt + "$" + key},
		{"repeated parameter", "$argon2id$v=19$m=64,m=64,t=1,p=1$" + salt + "$" + key},
		{"unknown parameter", "$argon2id$v=19$m=64,t=1,p=1,x=2$" + salt + "$" + key},
		{"zero passes", "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key},
		{"huge memory", "$argon2id$v=19$m=4294967295,t=1,p=1$" + salt + "$" + key},
		{"zero threads", "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key},
		{"too many threads", "$argon2id$v=19$m=64,t=1,p=300$" + salt + "$" + key},
		{"bad salt", "$argon2id$v=19$m=64,t=1,p=1$!!$" + key},
		{"short salt", "$argon2id$v=19$m=64,t=1,p=1$AAAA$" + key},
		{"bad hash", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$!!"},
		{"short hash", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$AAAA"},
		{"extra field", good + "$x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := VerifyPassword(tt.hash, "a good password")
			if ok || err == nil {
				t.Errorf("VerifyPassword(%q) = %v, %v; want false and an error", tt.hash, ok, err)
			}
			if !NeedsRehash(tt.hash, cheap) {
				t.Errorf("NeedsRehash(%q) = false; want true for a malformed hash", tt.hash)
			}
		})
	}
	// A hash whose key was changed no longer verifies, and is no error.
	flipped := strings.Join(append(parts[:5:5], strings.ToUpper(key[:1])+key[1:]), "$")
	if flipped != good {
		if ok, err := VerifyPassword(flipped, "a good password"); ok || err != nil {
			t.Errorf("VerifyPassword(altered key) = %v, %v; want false, nil", ok, err)
		}
	}
}

// FuzzVerifyPassword feeds VerifyPassword arbitrary stored hashes: it must
// never panic, never accept a hash it cannot parse, and never run with
// parameters beyond its bounds (which would show as a timeout or an
// out-of-memory failure).
func FuzzVerifyPassword(f *testing.F) {
	good, _ := cheap.Hash("a good password")
	for _, seed := range []string{good, "", "$", "$argon2id$v=19$m=64,t=1,p=1$$", "$argon2id$v=19$m=2097152,t=16,p=255$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"} {
		f.Add(seed, "a good password")
	}
	f.Fuzz(func(t *testing.T, hash, pw string) {
		p, _, _, err := parseHash(hash)
		if err == nil && (p.Memory > 4096 || p.Time > 2) {
			t.Skip("valid but too costly to run under fuzzing")
		}
		ok, verr := VerifyPassword(hash, pw)
		if (err != nil) != (verr != nil) {
			t.Fatalf("parseHash error %v but VerifyPassword error %v", err, verr)
		}
		if verr != nil && ok {
			t.Fatalf("VerifyPassword(%q) = true with error %v", hash, verr)
		}
	})
}
