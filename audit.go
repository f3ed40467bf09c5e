package pledgebook

import (
	"context"
	"time"
)

// AuditEvent is one entry of the append-only audit trail. Each event's Hash
// covers its content and the previous event's hash, so that altering,
// removing or reordering events breaks the chain.
type AuditEvent struct {
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"` // e.g. "create", "update", "status", "link"
	Entity   string    `json:"entity"` // kind/key, e.g. "pledge/42"
	Before   string    `json:"before"` // the record's JSON before the change, "" if none
	After    string    `json:"after"`  // the record's JSON after the change, "" if deleted
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`
}

// AuditFilter selects audit events; the zero filter selects all of them.
type AuditFilter struct {
	Entity string // "pledge/42"; "pledge" for every pledge; "" for all
	After  int64  // only the events after sequence number After in the order; 0 for all
	Desc   bool   // newest first
	Limit  int    // 0 for no limit
}

// AuditReport is the outcome of verifying the audit trail.
type AuditReport struct {
	Events   int64  `json:"events"`
	HeadHash string `json:"head_hash"`
	Records  int    `json:"records"` // stored records compared with the log
	OK       bool   `json:"ok"`
	Problem  string `json:"problem,omitempty"`   // what is wrong, when not OK
	BadSeq   int64  `json:"bad_seq,omitempty"`   // the first event that fails, if an event
	BadEntry string `json:"bad_entry,omitempty"` // the record that fails, if a record
}

type actorKey struct{}

// WithActor returns a context that attributes changes to actor, e.g.
// "cli:alice" or "user:7".
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns the actor set by WithActor, or "system".
func ActorFrom(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "system"
}
