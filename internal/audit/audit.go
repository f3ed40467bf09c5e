// Package audit computes and checks the hash chain of the audit trail.
//
// Each event's hash is SHA-256 over its sequence number, time, actor,
// action, entity, before and after, and the previous event's hash, in an
// unambiguous length-prefixed encoding. Changing any field of any event,
// removing or reordering events, or dropping events from the end (checked
// against the stored head) breaks the chain. The stores write events with
// Next in the same transaction as the change they record.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"pledgebook"
)

// Genesis is the previous hash of the first event.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// TimeLayout is how event times enter the hash and the database: UTC with
// microseconds, which both SQLite (as text) and PostgreSQL keep exactly.
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// Head is the last event of the chain as recorded beside it, so that
// dropping events from the end is detected.
type Head struct {
	Seq  int64
	Hash string
}

// Hash returns the hex SHA-256 of e's content and e.PrevHash. e.Hash is
// ignored.
func Hash(e pledgebook.AuditEvent) string {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
		h.Write([]byte{'\n'})
	}
	field(strconv.FormatInt(e.Seq, 10))
	field(e.At.UTC().Format(TimeLayout))
	field(e.Actor)
	field(e.Action)
	field(e.Entity)
	field(e.Before)
	field(e.After)
	field(e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

// Next returns the event that follows head: sequence number, previous hash
// and hash filled in, time truncated to what the database keeps.
func Next(head Head, at time.Time, actor, action, entity, before, after string) pledgebook.AuditEvent {
	prev := head.Hash
	if head.Seq == 0 {
		prev = Genesis
	}
	e := pledgebook.AuditEvent{
		Seq:      head.Seq + 1,
		At:       at.UTC().Truncate(time.Microsecond),
		Actor:    actor,
		Action:   action,
		Entity:   entity,
		Before:   before,
		After:    after,
		PrevHash: prev,
	}
	e.Hash = Hash(e)
	return e
}

// Verifier checks a chain event by event, in sequence order, and remembers
// each entity's last recorded state so that stored records can be compared
// with it afterwards.
type Verifier struct {
	n    int64
	prev string
	last map[string][sha256.Size]byte // entity → digest of its last "after"
	gone map[string]bool              // entity whose last event deleted it
	fail *pledgebook.AuditReport
}

// NewVerifier returns a Verifier for a chain that starts at the genesis.
func NewVerifier() *Verifier {
	return &Verifier{prev: Genesis, last: map[string][sha256.Size]byte{}, gone: map[string]bool{}}
}

// Add checks the next event. It returns false once the chain is broken;
// Report then says where.
func (v *Verifier) Add(e pledgebook.AuditEvent) bool {
	if v.fail != nil {
		return false
	}
	want := v.n + 1
	switch {
	case e.Seq != want:
		v.broken(want, fmt.Sprintf("event %d is missing or out of order (found event %d in its place)", want, e.Seq))
	case e.PrevHash != v.prev:
		v.broken(e.Seq, fmt.Sprintf("event %d does not follow event %d: its previous hash does not match", e.Seq, e.Seq-1))
	case Hash(e) != e.Hash:
		v.broken(e.Seq, fmt.Sprintf("event %d was altered: its content does not match its hash", e.Seq))
	}
	if v.fail != nil {
		return false
	}
	// An event that starts from a state the log never recorded launders a
	// change made behind its back (e.g. the reference sync restoring a
	// tampered party).
	if last, ok := v.last[e.Entity]; e.Before != "" && (!ok || sha256.Sum256([]byte(e.Before)) != last) {
		v.record(e.Entity, fmt.Sprintf("%s was changed behind the log before event %d: the event starts from a state the log never recorded", e.Entity, e.Seq))
		return false
	}
	v.n = e.Seq
	v.prev = e.Hash
	if e.After == "" {
		delete(v.last, e.Entity)
		v.gone[e.Entity] = true
	} else {
		v.last[e.Entity] = sha256.Sum256([]byte(e.After))
		delete(v.gone, e.Entity)
	}
	return true
}

// Finish compares the chain with its recorded head. Call it after the last
// event.
func (v *Verifier) Finish(head Head) {
	if v.fail != nil {
		return
	}
	switch {
	case head.Seq > v.n:
		v.broken(v.n+1, fmt.Sprintf("the log ends at event %d but %d events were written: events were removed from the end", v.n, head.Seq))
	case head.Seq < v.n:
		v.broken(head.Seq+1, fmt.Sprintf("the log has %d events but its head records %d", v.n, head.Seq))
	case v.n > 0 && head.Hash != v.prev:
		v.broken(v.n, fmt.Sprintf("event %d does not match the recorded head hash", v.n))
	}
}

// Record checks one stored record, by entity key and its current JSON,
// against the log. Call Missing after all records to find records the log
// says exist but the store lacks.
func (v *Verifier) Record(entity string, current []byte) bool {
	if v.fail != nil {
		return false
	}
	want, ok := v.last[entity]
	switch {
	case !ok && v.gone[entity]:
		v.record(entity, fmt.Sprintf("%s was deleted according to the log but is still stored", entity))
	case !ok:
		v.record(entity, fmt.Sprintf("%s is stored but has no audit event: it was written behind the log", entity))
	case sha256.Sum256(current) != want:
		v.record(entity, fmt.Sprintf("%s does not match its last audited state: it was changed behind the log", entity))
	}
	if v.fail != nil {
		return false
	}
	// A record checked once leaves last, so that Missing reports only the
	// records that were never seen.
	delete(v.last, entity)
	return true
}

// Missing reports the first entity, in sorted order, that the log says
// exists but that Record was never called for.
func (v *Verifier) Missing() {
	if v.fail != nil || len(v.last) == 0 {
		return
	}
	entity := slices.Sorted(maps.Keys(v.last))[0]
	v.record(entity, fmt.Sprintf("%s exists according to the log but is not stored: it was deleted behind the log", entity))
}

// Report returns the outcome; OK is true when nothing failed.
func (v *Verifier) Report(records int) pledgebook.AuditReport {
	r := pledgebook.AuditReport{Events: v.n, HeadHash: v.prev, Records: records, OK: v.fail == nil}
	if v.n == 0 {
		r.HeadHash = ""
	}
	if v.fail != nil {
		r.Problem, r.BadSeq, r.BadEntry = v.fail.Problem, v.fail.BadSeq, v.fail.BadEntry
	}
	return r
}

func (v *Verifier) broken(seq int64, problem string) {
	v.fail = &pledgebook.AuditReport{BadSeq: seq, Problem: problem}
}

func (v *Verifier) record(entity, problem string) {
	v.fail = &pledgebook.AuditReport{BadEntry: entity, Problem: problem}
}
