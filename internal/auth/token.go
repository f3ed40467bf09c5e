package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"pledgebook"
)

// TokenPrefix starts every API token, so that a token pasted into the wrong
// place (a log, a chat, a repository) is recognisable to people and to
// secret scanners.
const TokenPrefix = "pb_"

// tokenBytes is how much randomness a token holds: 256 bits, beyond
// guessing however many guesses are allowed.
const tokenBytes = 32

// tokenLen is the length of a token as shown: the prefix and 32 bytes in
// unpadded base64url.
var tokenLen = len(TokenPrefix) + base64.RawURLEncoding.EncodedLen(tokenBytes)

// Token lifetimes: the default of `token create`, and the longest allowed,
// so that a forgotten token stops working by itself.
const (
	DefaultTokenLifetime = 30 * 24 * time.Hour
	MaxTokenLifetime     = 366 * 24 * time.Hour
)

// NewToken returns a new API token and its hash. The token is shown to its
// owner once and never stored; the store keeps only the hash, which is what
// HashToken gives for the token when it is presented.
func NewToken() (token, hash string, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("make token: %w", err)
	}
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

// HashToken returns the hash under which a presented token is stored: the
// hex SHA-256 of the whole token. A string that cannot be a token is an
// invalid-input error, so that it costs no look-up. A fast hash is enough
// here, unlike for passwords: a token holds 256 random bits, so there is
// nothing to guess from its hash.
func HashToken(token string) (string, error) {
	body, ok := strings.CutPrefix(token, TokenPrefix)
	if !ok || len(token) != tokenLen {
		return "", pledgebook.FieldError("token", "is not a pledgebook API token (%s followed by %d characters)", TokenPrefix, tokenLen-len(TokenPrefix))
	}
	// The decoder skips line breaks, so the alphabet is checked first: a
	// token has one spelling, the one NewToken gave.
	if strings.Trim(body, urlAlphabet) != "" {
		return "", pledgebook.FieldError("token", "is not a pledgebook API token")
	}
	if _, err := base64.RawURLEncoding.Strict().DecodeString(body); err != nil {
		return "", pledgebook.FieldError("token", "is not a pledgebook API token")
	}
	return hashToken(token), nil
}

const urlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// TokenExpiry returns when a token made at now and valid for d expires. d
// must be positive and at most MaxTokenLifetime.
func TokenExpiry(now time.Time, d time.Duration) (time.Time, error) {
	switch {
	case d <= 0:
		return time.Time{}, pledgebook.FieldError("expires", "must be a positive duration, such as 720h, got %s", d)
	case d > MaxTokenLifetime:
		return time.Time{}, pledgebook.FieldError("expires", "%s is longer than the longest a token may live (%s)", d, MaxTokenLifetime)
	}
	return now.Add(d), nil
}
