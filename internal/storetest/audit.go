package storetest

import (
	"strings"
	"sync"
	"testing"

	"pledgebook"
)

// history makes a small ledger: a pledge with a source, a status move, a
// re-announcement and a delivery.
func history(t testing.TB, s Store) *pledgebook.Pledge {
	t.Helper()
	p := mustCreate(t, s, seedPledge(), pledgebook.CreatePledgeOptions{Source: pledgebook.PledgeSource{URL: "https://example.org/one"}})
	if _, err := s.SetPledgeStatus(ctx(), p.ID, pledgebook.StatusMove{To: pledgebook.Committed, On: pledgebook.MustDate("2025-07-01")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkPledge(ctx(), p.ID, pledgebook.PledgeSource{URL: "https://example.org/two", AnnouncedOn: pledgebook.MustDate("2025-09-09")}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateDelivery(ctx(), &pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2025-10-01"), Quantity: ptr[int64](100)}); err != nil {
		t.Fatal(err)
	}
	return p
}

func testAudit(t *testing.T, open Opener) {
	s := fresh(t, open)
	start := count(t, s).events
	p := history(t, s)
	events, err := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "pledge/" + itoa(p.ID)})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
		if e.Actor != "test" || e.Hash == "" || e.PrevHash == "" {
			t.Errorf("event %d: actor %q hash %q prev %q", e.Seq, e.Actor, e.Hash, e.PrevHash)
		}
	}
	// create, status, link, then the move to delivering that the delivery made.
	if got := strings.Join(actions, ","); got != "create,status,link,status" {
		t.Errorf("pledge history actions = %s, want create,status,link,status", got)
	}
	if events[0].Before != "" || !strings.Contains(events[0].After, `"item":"drones"`) || !strings.Contains(events[1].Before, `"status":"announced"`) {
		t.Errorf("first events' before/after do not hold the record: %+v", events[:2])
	}
	// pledge ×4, two sources, one delivery.
	if got := count(t, s).events - start; got != 7 {
		t.Errorf("history wrote %d audit events, want 7", got)
	}
	all, _ := s.AuditLog(ctx(), pledgebook.AuditFilter{})
	for i := 1; i < len(all); i++ {
		if all[i].Seq != all[i-1].Seq+1 || all[i].PrevHash != all[i-1].Hash {
			t.Fatalf("events %d and %d are not chained", all[i-1].Seq, all[i].Seq)
		}
	}
	r, err := s.VerifyAudit(ctx())
	if err != nil || !r.OK || r.Events != int64(len(all)) || r.HeadHash != all[len(all)-1].Hash {
		t.Errorf("VerifyAudit = %+v, %v; want OK with %d events", r, err, len(all))
	}
	if kinds, _ := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "delivery"}); len(kinds) != 1 {
		t.Errorf("AuditLog(delivery) = %d events, want 1", len(kinds))
	}
}

func testTamper(t *testing.T, open Opener) {
	tests := []struct {
		name    string
		sql     []string
		seq     bool   // the report names an event, not a record
		problem string // part of the report's problem
	}{
		{"alter an event", []string{`UPDATE audit_events SET actor = 'mallory' WHERE seq = 3`}, true, "altered"},
		{"alter a snapshot", []string{`UPDATE audit_events SET after = replace(after, '100000', '900000') WHERE seq = (SELECT MIN(seq) FROM audit_events WHERE entity LIKE 'pledge/%')`}, true, "altered"},
		{"delete an event", []string{`DELETE FROM audit_events WHERE seq = 5`}, true, "missing"},
		{"reorder events", []string{
			`UPDATE audit_events SET seq = -1 WHERE seq = 4`,
			`UPDATE audit_events SET seq = 4 WHERE seq = 5`,
			`UPDATE audit_events SET seq = 5 WHERE seq = -1`}, true, "does not follow"},
		{"drop the last event", []string{`DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)`}, true, "removed from the end"},
		{"edit a record", []string{`UPDATE pledges SET quantity = 5`}, false, "changed behind the log"},
		{"edit a delivery", []string{`UPDATE deliveries SET quantity = 99999`}, false, "changed behind the log"},
		{"delete a record", []string{`DELETE FROM deliveries`}, false, "deleted behind the log"},
		{"insert a record", []string{`INSERT INTO sources (url, publisher, title, language, created_at) VALUES ('https://example.org/x', '', '', '', '2025-01-01T00:00:00.000000Z')`}, false, "written behind the log"},
		{"rename a party", []string{`UPDATE parties SET name_en = 'Elsewhere' WHERE code = 'GB'`}, false, "party/GB"},
	}
	// A change made behind the log stays visible after the reference sync
	// restores the record: the sync's event starts from a state the log
	// never recorded.
	t.Run("rename a party, then sync", func(t *testing.T) {
		s := fresh(t, open)
		if _, err := s.DB().Exec(`UPDATE parties SET name_en = 'Elsewhere' WHERE code = 'GB'`); err != nil {
			t.Fatal(err)
		}
		if n, err := s.SyncReference(ctx(), Reference()); err != nil || n != 1 {
			t.Fatalf("SyncReference = %d, %v; want the party restored", n, err)
		}
		if r, err := s.VerifyAudit(ctx()); err != nil || r.OK || r.BadEntry != "party/GB" {
			t.Errorf("VerifyAudit = %+v, %v; want party/GB named as changed behind the log", r, err)
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fresh(t, open)
			history(t, s)
			if r, err := s.VerifyAudit(ctx()); err != nil || !r.OK {
				t.Fatalf("before tampering: %+v, %v", r, err)
			}
			for _, q := range tt.sql {
				if _, err := s.DB().Exec(q); err != nil {
					t.Fatalf("tamper %q: %v", q, err)
				}
			}
			r, err := s.VerifyAudit(ctx())
			if err != nil {
				t.Fatalf("VerifyAudit: %v", err)
			}
			if r.OK {
				t.Fatalf("VerifyAudit after %s = OK, want a failure", tt.name)
			}
			if tt.seq && r.BadSeq == 0 || !tt.seq && r.BadEntry == "" {
				t.Errorf("report %+v does not name the bad %s", r, map[bool]string{true: "event", false: "record"}[tt.seq])
			}
			if !strings.Contains(r.Problem+" "+r.BadEntry, tt.problem) {
				t.Errorf("problem %q (entry %q) does not say %q", r.Problem, r.BadEntry, tt.problem)
			}
		})
	}
}

// testConcurrent writes from many goroutines at once; the chain must stay
// whole and every write must land.
func testConcurrent(t *testing.T, open Opener) {
	s := fresh(t, open)
	const writers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				p := &pledgebook.Pledge{Donor: "PL", Category: pledgebook.Ammunition, Item: "rounds batch " + itoa(int64(w)) + "-" + itoa(int64(i)),
					Quantity: ptr[int64](1000), AnnouncedOn: pledgebook.MustDate("2025-03-03")}
				errs <- s.CreatePledge(ctx(), p, pledgebook.CreatePledgeOptions{})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent CreatePledge: %v", err)
		}
	}
	if _, n, _ := s.FindPledges(ctx(), pledgebook.PledgeFilter{}); n != writers*each {
		t.Errorf("stored %d pledges, want %d", n, writers*each)
	}
	if r, err := s.VerifyAudit(ctx()); err != nil || !r.OK {
		t.Errorf("VerifyAudit after concurrent writes = %+v, %v", r, err)
	}
}

// testConcurrentChecks checks that the checks a write makes see the writes
// that committed before it, when writers race: pledges announced in one
// new source all link that one source, and concurrent deliveries never add
// up to more than was pledged.
func testConcurrentChecks(t *testing.T, open Opener) {
	s := fresh(t, open)
	const writers = 8
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			p := &pledgebook.Pledge{Donor: "PL", Category: pledgebook.Ammunition, Item: "shells lot " + itoa(int64(w)),
				Quantity: ptr[int64](10), AnnouncedOn: pledgebook.MustDate("2025-03-03")}
			errs <- s.CreatePledge(ctx(), p, pledgebook.CreatePledgeOptions{Source: pledgebook.PledgeSource{URL: "https://example.org/package"}})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent CreatePledge with one source: %v", err)
		}
	}
	if ss, err := s.FindSources(ctx()); err != nil || len(ss) != 1 {
		t.Errorf("FindSources = %d sources, %v; want the one", len(ss), err)
	}

	p := mustCreate(t, s, &pledgebook.Pledge{Donor: "PL", Category: pledgebook.Ammunition, Item: "mortar rounds", Quantity: ptr[int64](10),
		AnnouncedOn: pledgebook.MustDate("2025-03-03")}, pledgebook.CreatePledgeOptions{})
	ok := make(chan bool, writers)
	for range writers {
		wg.Go(func() {
			err := s.CreateDelivery(ctx(), &pledgebook.Delivery{Pledge: p.ID, DeliveredOn: pledgebook.MustDate("2025-04-04"), Quantity: ptr[int64](4)})
			if err != nil && pledgebook.ErrorKind(err) != pledgebook.KindInvalid {
				t.Errorf("concurrent CreateDelivery: %v", err)
			}
			ok <- err == nil
		})
	}
	wg.Wait()
	close(ok)
	n := 0
	for o := range ok {
		if o {
			n++
		}
	}
	got, err := s.FindPledgeByID(ctx(), p.ID)
	if err != nil || n != 2 || got.DeliveredQuantity != 8 {
		t.Errorf("%d of %d concurrent deliveries of 4 of 10 stored, delivered %d (%v); want 2, 8", n, writers, got.DeliveredQuantity, err)
	}
	if r, err := s.VerifyAudit(ctx()); err != nil || !r.OK {
		t.Errorf("VerifyAudit after concurrent writes = %+v, %v", r, err)
	}
}
