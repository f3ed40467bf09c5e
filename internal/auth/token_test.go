package auth

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"pledgebook"
)

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		tok, hash, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(tok, "pb_") || len(tok) != 3+43 {
			t.Fatalf("NewToken = %q, want pb_ and 43 base64url characters", tok)
		}
		raw, err := base64.RawURLEncoding.DecodeString(tok[3:])
		if err != nil || len(raw) != 32 {
			t.Fatalf("token %q holds %d bytes (%v), want 32", tok, len(raw), err)
		}
		if err := pledgebook.CheckTokenHash(hash); err != nil {
			t.Fatalf("hash %q of %q: %v", hash, tok, err)
		}
		if strings.Contains(hash, tok[3:]) {
			t.Fatalf("hash %q contains the token", hash)
		}
		again, err := HashToken(tok)
		if err != nil || again != hash {
			t.Fatalf("HashToken(%q) = %q, %v; want %q, the hash NewToken gave", tok, again, err, hash)
		}
		if seen[tok] {
			t.Fatalf("NewToken repeated %q", tok)
		}
		seen[tok] = true
	}
}

func TestHashTokenRefuses(t *testing.T) {
	tok, _, _ := NewToken()
	tests := []struct{ name, token string }{
		{"empty", ""},
		{"no prefix", tok[3:]},
		{"other prefix", "gh_" + tok[3:]},
		{"too short", tok[:len(tok)-1]},
		{"too long", tok + "A"},
		{"not base64url", "pb_" + strings.Repeat("+", 43)},
		{"padding", tok[:len(tok)-1] + "="},
		{"a bearer header", "Bearer " + tok},
		{"a line break", tok[:20] + "\n" + tok[21:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := HashToken(tt.token)
			if err == nil || pledgebook.ErrorKind(err) != pledgebook.KindInvalid {
				t.Errorf("HashToken(%q) = %q, %v; want an invalid-input error", tt.token, h, err)
			}
		})
	}
}

func TestTokenExpiry(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		d    time.Duration
		want time.Time // zero for an error
	}{
		{720 * time.Hour, now.Add(720 * time.Hour)},
		{time.Minute, now.Add(time.Minute)},
		{MaxTokenLifetime, now.Add(MaxTokenLifetime)},
		{MaxTokenLifetime + time.Second, time.Time{}},
		{0, time.Time{}},
		{-time.Hour, time.Time{}},
	}
	for _, tt := range tests {
		got, err := TokenExpiry(now, tt.d)
		if !got.Equal(tt.want) || (err != nil) != tt.want.IsZero() {
			t.Errorf("TokenExpiry(%s) = %s, %v; want %s", tt.d, got, err, tt.want)
		}
		if err != nil && pledgebook.ErrorField(err) != "expires" {
			t.Errorf("TokenExpiry(%s) error %v does not name the field expires", tt.d, err)
		}
	}
}

// FuzzHashToken checks that HashToken accepts exactly the strings NewToken
// can make, and hashes them to what the store accepts.
func FuzzHashToken(f *testing.F) {
	tok, _, _ := NewToken()
	for _, seed := range []string{tok, "", "pb_", "pb_" + strings.Repeat("A", 43), "pb_" + strings.Repeat("_", 43)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := HashToken(s)
		if err != nil {
			return
		}
		raw, derr := base64.RawURLEncoding.Strict().DecodeString(strings.TrimPrefix(s, "pb_"))
		if !strings.HasPrefix(s, "pb_") || derr != nil || len(raw) != 32 || base64.RawURLEncoding.EncodeToString(raw) != s[3:] {
			t.Fatalf("HashToken accepted %q, which is not pb_ and 32 bytes in base64url", s)
		}
		if err := pledgebook.CheckTokenHash(h); err != nil {
			t.Fatalf("HashToken(%q) = %q, which the store refuses: %v", s, h, err)
		}
	})
}
