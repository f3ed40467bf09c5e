package pledgebook

import "time"

// Session is a browser sign-in. The session id is a random secret held in
// the browser's cookie; the store keeps only its hex SHA-256 (see
// CheckTokenHash), so that a copy of the database signs no one in.
type Session struct {
	ID        int64     `json:"id"`
	User      int64     `json:"user"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// IdempotencyKey names one request a client may retry: the key it chose
// (the Idempotency-Key header), scoped to the user and the route, and the
// hash of the request body, so that the same key reused for a different
// request is told apart from a retry.
type IdempotencyKey struct {
	User        int64
	Key         string
	Route       string // e.g. "POST /api/v1/pledges"
	RequestHash string // hex SHA-256 of the request body
}

// Validate checks the key's own fields.
func (k IdempotencyKey) Validate() error {
	switch {
	case k.Key == "" || len(k.Key) > 200:
		return FieldError("Idempotency-Key", "must be 1 to 200 characters")
	case k.Route == "":
		return FieldError("route", "is required")
	}
	return CheckTokenHash(k.RequestHash)
}

// IdempotentResponse is what a store remembers of a request made with an
// idempotency key: its hash, and once it has finished, its response.
type IdempotentResponse struct {
	RequestHash string
	Done        bool // false while the first request is still running
	Status      int
	Body        []byte
}
