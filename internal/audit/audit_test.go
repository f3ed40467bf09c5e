package audit

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"pledgebook"
)

var t0 = time.Date(2025, 6, 4, 10, 30, 0, 123456000, time.UTC)

// chain returns a clean log of five events and its head: pledge/1 created
// and updated, pledge/2 created and deleted, delivery/1 created.
func chain() ([]pledgebook.AuditEvent, Head) {
	steps := []struct{ action, entity, before, after string }{
		{"create", "pledge/1", "", `{"id":1,"version":1}`},
		{"update", "pledge/1", `{"id":1,"version":1}`, `{"id":1,"version":2}`},
		{"create", "pledge/2", "", `{"id":2}`},
		{"delete", "pledge/2", `{"id":2}`, ""},
		{"create", "delivery/1", "", `{"id":1}`},
	}
	var events []pledgebook.AuditEvent
	var head Head
	for i, s := range steps {
		e := Next(head, t0.Add(time.Duration(i)*time.Minute), "cli:alice", s.action, s.entity, s.before, s.after)
		events = append(events, e)
		head = Head{Seq: e.Seq, Hash: e.Hash}
	}
	return events, head
}

// stored is what a store holds after the clean chain.
var stored = map[string]string{
	"pledge/1":   `{"id":1,"version":2}`,
	"delivery/1": `{"id":1}`,
}

func TestHash(t *testing.T) {
	base := pledgebook.AuditEvent{
		Seq: 7, At: t0, Actor: "user:3", Action: "update", Entity: "pledge/42",
		Before: `{"status":"announced"}`, After: `{"status":"committed"}`, PrevHash: strings.Repeat("ab", 32),
	}
	want := Hash(base)
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(want) {
		t.Fatalf("Hash(%+v) = %q, want 64 lower-case hex digits", base, want)
	}
	tests := []struct {
		name   string
		change func(*pledgebook.AuditEvent)
		same   bool // whether the hash must stay the same
	}{
		{"unchanged", func(e *pledgebook.AuditEvent) {}, true},
		{"Hash field is ignored", func(e *pledgebook.AuditEvent) { e.Hash = "anything" }, true},
		{"same instant in another zone", func(e *pledgebook.AuditEvent) { e.At = t0.In(time.FixedZone("UTC+3", 3*3600)) }, true},
		{"Seq", func(e *pledgebook.AuditEvent) { e.Seq++ }, false},
		{"At by a second", func(e *pledgebook.AuditEvent) { e.At = e.At.Add(time.Second) }, false},
		{"At by a microsecond", func(e *pledgebook.AuditEvent) { e.At = e.At.Add(time.Microsecond) }, false},
		{"Actor", func(e *pledgebook.AuditEvent) { e.Actor = "user:4" }, false},
		{"Action", func(e *pledgebook.AuditEvent) { e.Action = "status" }, false},
		{"Entity", func(e *pledgebook.AuditEvent) { e.Entity = "pledge/43" }, false},
		{"Before", func(e *pledgebook.AuditEvent) { e.Before = `{"status":"contracted"}` }, false},
		{"Before emptied", func(e *pledgebook.AuditEvent) { e.Before = "" }, false},
		{"After", func(e *pledgebook.AuditEvent) { e.After = `{"status":"delivered"}` }, false},
		{"After by one space", func(e *pledgebook.AuditEvent) { e.After += " " }, false},
		{"PrevHash", func(e *pledgebook.AuditEvent) { e.PrevHash = Genesis }, false},
		{"text moved between fields", func(e *pledgebook.AuditEvent) {
			e.Actor, e.Action = "user:3u", "pdate"
		}, false},
		{"text moved from Before to After", func(e *pledgebook.AuditEvent) {
			e.Before, e.After = `{"status":"announced"}{`, `"status":"committed"}`
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := base
			tt.change(&e)
			got := Hash(e)
			if again := Hash(e); again != got {
				t.Fatalf("Hash(%+v) is not deterministic: %s, then %s", e, got, again)
			}
			if tt.same && got != want {
				t.Errorf("Hash(%+v) = %s, want %s as for %+v", e, got, want, base)
			}
			if !tt.same && got == want {
				t.Errorf("Hash(%+v) = %s, the same as for %+v; want a different hash", e, got, base)
			}
		})
	}
}

func TestNext(t *testing.T) {
	at := time.Date(2025, 6, 4, 12, 0, 0, 123456789, time.FixedZone("CEST", 2*3600))
	first := Next(Head{}, at, "cli:alice", "create", "pledge/1", "", `{"id":1}`)
	second := Next(Head{Seq: first.Seq, Hash: first.Hash}, at.Add(time.Second), "cli:bob", "update", "pledge/1", `{"id":1}`, `{"id":1,"v":2}`)
	tests := []struct {
		name     string
		e        pledgebook.AuditEvent
		seq      int64
		prevHash string
		at       time.Time
	}{
		{"first event follows the genesis", first, 1, Genesis, time.Date(2025, 6, 4, 10, 0, 0, 123456000, time.UTC)},
		{"second event follows the first", second, 2, first.Hash, time.Date(2025, 6, 4, 10, 0, 1, 123456000, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.e.Seq != tt.seq {
				t.Errorf("Seq = %d, want %d", tt.e.Seq, tt.seq)
			}
			if tt.e.PrevHash != tt.prevHash {
				t.Errorf("PrevHash = %s, want %s", tt.e.PrevHash, tt.prevHash)
			}
			if !tt.e.At.Equal(tt.at) || tt.e.At.Location() != time.UTC {
				t.Errorf("At = %v, want %v: UTC, truncated to microseconds", tt.e.At, tt.at)
			}
			if want := Hash(tt.e); tt.e.Hash != want {
				t.Errorf("Hash = %s, want Hash(e) = %s", tt.e.Hash, want)
			}
		})
	}
	t.Run("stored time hashes alike", func(t *testing.T) {
		// What the database gives back is the time formatted with
		// TimeLayout; it must hash exactly like the event as written.
		back, err := time.Parse(TimeLayout, first.At.Format(TimeLayout))
		if err != nil {
			t.Fatal(err)
		}
		e := first
		e.At = back
		if got := Hash(e); got != first.Hash {
			t.Errorf("Hash after a round trip through %q = %s, want %s", first.At.Format(TimeLayout), got, first.Hash)
		}
	})
}

func TestVerifierChain(t *testing.T) {
	tests := []struct {
		name       string
		change     func(events []pledgebook.AuditEvent, head Head) ([]pledgebook.AuditEvent, Head)
		wantSeq    int64  // BadSeq; 0 when the chain is intact
		wantEvents int64  // events accepted before the break
		problem    string // part of the expected Problem
	}{
		{"clean", nil, 0, 5, ""},
		{"altered content", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			es[1].After = `{"id":1,"version":3}`
			return es, h
		}, 2, 1, "event 2 was altered"},
		{"altered actor", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			es[0].Actor = "cli:mallory"
			return es, h
		}, 1, 0, "event 1 was altered"},
		{"altered time", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			es[4].At = es[4].At.Add(-time.Hour)
			return es, h
		}, 5, 4, "event 5 was altered"},
		{"altered and rehashed", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			es[1].After = `{"id":1,"version":3}`
			es[1].Hash = Hash(es[1])
			return es, h
		}, 3, 2, "event 3 does not follow event 2"},
		{"hash replaced", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			es[2].Hash = strings.Repeat("0", 63) + "1"
			return es, h
		}, 3, 2, "event 3 was altered"},
		{"first event does not start at the genesis", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			es[0].PrevHash = strings.Repeat("f", 64)
			es[0].Hash = Hash(es[0])
			return es, h
		}, 1, 0, "event 1 does not follow event 0"},
		{"first event missing", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			return es[1:], h
		}, 1, 0, "event 1 is missing or out of order (found event 2 in its place)"},
		{"middle event missing", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			return slices.Delete(es, 2, 3), h
		}, 3, 2, "event 3 is missing or out of order (found event 4 in its place)"},
		{"middle event missing, rest renumbered and rehashed", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			es = slices.Delete(es, 2, 3)
			for i := 2; i < len(es); i++ {
				es[i].Seq--
				es[i].Hash = Hash(es[i])
			}
			return es, h
		}, 3, 2, "event 3 does not follow event 2"},
		{"two events swapped", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			es[1], es[2] = es[2], es[1]
			return es, h
		}, 2, 1, "event 2 is missing or out of order (found event 3 in its place)"},
		{"event repeated", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			return slices.Insert(es, 2, es[1]), h
		}, 3, 2, "event 3 is missing or out of order (found event 2 in its place)"},
		{"last event removed", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			return es[:4], h
		}, 5, 4, "the log ends at event 4 but 5 events were written"},
		{"every event removed", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			return nil, h
		}, 1, 0, "the log ends at event 0 but 5 events were written"},
		{"event added after the head", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			return es, Head{Seq: 4, Hash: es[3].Hash}
		}, 5, 5, "the log has 5 events but its head records 4"},
		{"head hash differs", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			return es, Head{Seq: 5, Hash: strings.Repeat("0", 64)}
		}, 5, 5, "event 5 does not match the recorded head hash"},
		{"last event rewritten under the head", func(es []pledgebook.AuditEvent, h Head) ([]pledgebook.AuditEvent, Head) {
			es[4].Actor = "cli:mallory"
			es[4].Hash = Hash(es[4])
			return es, h
		}, 5, 5, "event 5 does not match the recorded head hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, head := chain()
			if tt.change != nil {
				events, head = tt.change(events, head)
			}
			v := NewVerifier()
			for _, e := range events {
				v.Add(e)
			}
			v.Finish(head)
			r := v.Report(0)
			if tt.wantSeq == 0 {
				if !r.OK || r.Problem != "" || r.BadSeq != 0 {
					t.Fatalf("Report() = %+v, want OK", r)
				}
				if r.Events != 5 || r.HeadHash != head.Hash {
					t.Errorf("Report() = %d events, head %s; want 5 events, head %s", r.Events, r.HeadHash, head.Hash)
				}
				return
			}
			if r.OK || r.BadSeq != tt.wantSeq || !strings.Contains(r.Problem, tt.problem) || r.BadEntry != "" {
				t.Errorf("Report() = {OK:%v BadSeq:%d BadEntry:%q Problem:%q}, want BadSeq %d and a problem containing %q",
					r.OK, r.BadSeq, r.BadEntry, r.Problem, tt.wantSeq, tt.problem)
			}
			if r.Events != tt.wantEvents {
				t.Errorf("Report().Events = %d, want %d accepted before the break", r.Events, tt.wantEvents)
			}
		})
	}
}

func TestVerifierStopsAtTheFirstBreak(t *testing.T) {
	events, head := chain()
	events[1].After = "tampered"
	events[3].After = "tampered too"
	v := NewVerifier()
	var accepted []bool
	for _, e := range events {
		accepted = append(accepted, v.Add(e))
	}
	if want := []bool{true, false, false, false, false}; !slices.Equal(accepted, want) {
		t.Errorf("Add results = %v, want %v", accepted, want)
	}
	v.Finish(head)
	if v.Record("pledge/1", []byte(stored["pledge/1"])) {
		t.Errorf("Record after a broken chain = true, want false")
	}
	v.Missing()
	if r := v.Report(1); r.BadSeq != 2 || r.BadEntry != "" || !strings.Contains(r.Problem, "event 2") {
		t.Errorf("Report() = %+v, want the first break, at event 2", r)
	}
}

func TestVerifierRecords(t *testing.T) {
	tests := []struct {
		name      string
		records   map[string]string // what the store holds
		wantEntry string            // BadEntry; "" when everything matches
		problem   string
	}{
		{"matching", stored, "", ""},
		{"record changed behind the log",
			map[string]string{"pledge/1": `{"id":1,"version":1}`, "delivery/1": `{"id":1}`},
			"pledge/1", "pledge/1 does not match its last audited state"},
		{"record changed by a byte",
			map[string]string{"pledge/1": `{"id":1,"version":2} `, "delivery/1": `{"id":1}`},
			"pledge/1", "changed behind the log"},
		{"record missing",
			map[string]string{"pledge/1": `{"id":1,"version":2}`},
			"delivery/1", "delivery/1 exists according to the log but is not stored"},
		{"every record missing", map[string]string{}, "delivery/1", "is not stored"},
		{"extra record",
			map[string]string{"pledge/1": `{"id":1,"version":2}`, "delivery/1": `{"id":1}`, "pledge/3": `{"id":3}`},
			"pledge/3", "pledge/3 is stored but has no audit event"},
		{"deleted record still present",
			map[string]string{"pledge/1": `{"id":1,"version":2}`, "delivery/1": `{"id":1}`, "pledge/2": `{"id":2}`},
			"pledge/2", "pledge/2 was deleted according to the log but is still stored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, head := chain()
			v := NewVerifier()
			for _, e := range events {
				if !v.Add(e) {
					t.Fatalf("Add(event %d) = false on a clean chain: %+v", e.Seq, v.Report(0))
				}
			}
			v.Finish(head)
			for _, k := range slices.Sorted(maps.Keys(tt.records)) {
				v.Record(k, []byte(tt.records[k]))
			}
			v.Missing()
			r := v.Report(len(tt.records))
			if r.Records != len(tt.records) || r.Events != 5 {
				t.Errorf("Report() = %d events, %d records; want 5 events, %d records", r.Events, r.Records, len(tt.records))
			}
			if tt.wantEntry == "" {
				if !r.OK || r.Problem != "" || r.HeadHash != head.Hash {
					t.Errorf("Report() = %+v, want OK with head %s", r, head.Hash)
				}
				return
			}
			if r.OK || r.BadEntry != tt.wantEntry || r.BadSeq != 0 || !strings.Contains(r.Problem, tt.problem) {
				t.Errorf("Report() = {OK:%v BadEntry:%q BadSeq:%d Problem:%q}, want BadEntry %q and a problem containing %q",
					r.OK, r.BadEntry, r.BadSeq, r.Problem, tt.wantEntry, tt.problem)
			}
		})
	}
}

func TestVerifierRecreatedRecord(t *testing.T) {
	// A record deleted and created again is expected in the store.
	var events []pledgebook.AuditEvent
	var head Head
	for i, s := range []struct{ action, after string }{{"create", "v1"}, {"delete", ""}, {"create", "v2"}} {
		e := Next(head, t0.Add(time.Duration(i)*time.Second), "system", s.action, "requirement/1", "", s.after)
		events, head = append(events, e), Head{Seq: e.Seq, Hash: e.Hash}
	}
	v := NewVerifier()
	for _, e := range events {
		v.Add(e)
	}
	v.Finish(head)
	v.Record("requirement/1", []byte("v2"))
	v.Missing()
	if r := v.Report(1); !r.OK {
		t.Errorf("Report() = %+v, want OK for a record that was deleted and created again", r)
	}
}

func TestVerifierEmpty(t *testing.T) {
	tests := []struct {
		name    string
		head    Head
		records []string
		ok      bool
	}{
		{"empty log and head", Head{}, nil, true},
		{"empty log, head says three events", Head{Seq: 3, Hash: strings.Repeat("a", 64)}, nil, false},
		{"empty log, a stored record", Head{}, []string{"pledge/1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewVerifier()
			v.Finish(tt.head)
			for _, k := range tt.records {
				v.Record(k, []byte("{}"))
			}
			v.Missing()
			r := v.Report(len(tt.records))
			if r.OK != tt.ok || r.Events != 0 || r.HeadHash != "" {
				t.Errorf("Report() = %+v, want OK=%v, 0 events and no head hash", r, tt.ok)
			}
		})
	}
}
