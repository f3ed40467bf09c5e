package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// The headers of a delivery.
const (
	// SignatureHeader carries t=UNIX-SECONDS,v1=HEX: the HMAC-SHA256, keyed
	// with the webhook's secret, of the timestamp, ".", and the body.
	SignatureHeader = "Pledgebook-Signature"
	// EventHeader carries the event's ID, the audit sequence number: the
	// same on every attempt, for receivers to drop repeats.
	EventHeader = "Pledgebook-Event"
	// WebhookHeader carries the webhook's ID.
	WebhookHeader = "Pledgebook-Webhook"
	// AttemptHeader carries the attempt's number, 1 for the first.
	AttemptHeader = "Pledgebook-Attempt"
)

// Sign returns the signature header's value for body sent at t.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + mac(secret, ts, body)
}

func mac(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte("."))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Verify checks a signature header against body, as a receiver should: the
// HMAC must match and the timestamp must be within tolerance of now, so
// that a captured delivery cannot be replayed later.
func Verify(secret, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts string
	var sigs []string
	for part := range strings.SplitSeq(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return errors.New("webhook signature: malformed header")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return errors.New("webhook signature: timestamp outside the tolerance")
	}
	want := mac(secret, ts, body)
	for _, s := range sigs {
		if hmac.Equal([]byte(s), []byte(want)) {
			return nil
		}
	}
	return errors.New("webhook signature: no signature matches")
}
