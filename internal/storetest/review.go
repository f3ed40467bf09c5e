package storetest

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"pledgebook"
)

const reviewText = "Großbritannien hat angekündigt, 100.000 Drohnen zu liefern. Die britische Regierung plant zudem, 247 Millionen Pfund in die Ausbildung zu investieren."

// reviewIngest is a document with the two candidates an extractor finds in
// it.
func reviewIngest() pledgebook.Ingest {
	span := func(s string) (int, int) {
		i := strings.Index(reviewText, s)
		return i, i + len(s)
	}
	s1, e1 := span("100.000 Drohnen")
	s2, e2 := span("247 Millionen Pfund in die Ausbildung")
	return pledgebook.Ingest{
		Source: pledgebook.Source{Publisher: "Example Zeitung", Title: "Treffen in Brüssel", Published: pledgebook.MustDate("2025-06-04"), Language: "de"},
		Text:   reviewText,
		Candidates: []pledgebook.Candidate{
			{Donor: "GB", DonorText: "Großbritannien", Category: pledgebook.Drones, Item: "drones", Quantity: ptr[int64](100000),
				Status: pledgebook.Announced, Confidence: decimal.RequireFromString("0.9"), EvidenceStart: s1, EvidenceEnd: e1, Evidence: reviewText[s1:e1]},
			{Donor: "GB", DonorText: "Die britische Regierung", Category: pledgebook.Training, Item: "training", Amount: dec("247000000"),
				Currency: "GBP", Status: pledgebook.Announced, Confidence: decimal.RequireFromString("0.8"), EvidenceStart: s2, EvidenceEnd: e2, Evidence: reviewText[s2:e2]},
		},
	}
}

func testIngest(t *testing.T, open Opener) {
	s := fresh(t, open)
	src, created, err := s.IngestSource(ctx(), reviewIngest())
	if err != nil || !created {
		t.Fatalf("IngestSource = %v, %v; want a new source", created, err)
	}
	if !strings.HasPrefix(src.URL, "urn:sha256:") || len(src.ContentHash) != 64 || src.Language != "de" {
		t.Errorf("source = %+v; want a urn:sha256 URL, a content hash and language de", src)
	}
	got, err := s.FindSourceByID(ctx(), src.ID)
	if err != nil || got.Text != reviewText {
		t.Errorf("FindSourceByID text = %q, %v; want the stored text", got.Text, err)
	}
	cs, err := s.FindCandidates(ctx(), pledgebook.CandidateFilter{Source: &src.ID})
	if err != nil || len(cs) != 2 || cs[0].State != pledgebook.Pending || cs[1].Amount.String() != "247000000" || cs[0].Recipient != "UA" {
		t.Fatalf("candidates = %+v, %v; want two pending", cs, err)
	}
	// The same document again is the same source and queues nothing.
	before := count(t, s)
	again, created, err := s.IngestSource(ctx(), reviewIngest())
	if err != nil || created || again.ID != src.ID {
		t.Errorf("second IngestSource = %+v, %v, %v; want source %d, not created", again, created, err, src.ID)
	}
	if after := count(t, s); after != before {
		t.Errorf("a repeated document changed the store: %+v → %+v", before, after)
	}
	invalid := []struct {
		name   string
		change func(*pledgebook.Ingest)
		field  string
	}{
		{"no text", func(in *pledgebook.Ingest) { in.Text = "  " }, "text"},
		{"evidence outside the text", func(in *pledgebook.Ingest) { in.Text += " x"; in.Candidates[0].EvidenceEnd = 9999 }, "candidates[0].evidence"},
		{"evidence not the text", func(in *pledgebook.Ingest) { in.Text += " y"; in.Candidates[1].Evidence = "something else" }, "candidates[1].evidence"},
		{"unknown category", func(in *pledgebook.Ingest) { in.Text += " z"; in.Candidates[0].Category = "boats" }, "candidates[0].category"},
		{"bad URL", func(in *pledgebook.Ingest) { in.Text += " w"; in.Source.URL = "file:///etc/passwd" }, "url"},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			in := reviewIngest()
			tt.change(&in)
			before := count(t, s)
			_, _, err := s.IngestSource(ctx(), in)
			wantKind(t, err, pledgebook.KindInvalid, tt.field)
			if after := count(t, s); after != before {
				t.Errorf("a refused document changed the store: %+v → %+v", before, after)
			}
		})
	}
}

func testReview(t *testing.T, open Opener) {
	s := fresh(t, open)
	src, _, err := s.IngestSource(ctx(), reviewIngest())
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := s.FindCandidates(ctx(), pledgebook.CandidateFilter{Source: &src.ID})
	drones, training := cs[0], cs[1]

	// Accept, corrected by the curator: it was announced at udcg-28.
	p := drones.ToPledge(src.Published)
	p.Meeting = "udcg-28"
	c, err := s.AcceptCandidate(ctx(), drones.ID, p, false)
	if err != nil {
		t.Fatalf("AcceptCandidate: %v", err)
	}
	if c.State != pledgebook.Accepted || c.Pledge == nil || *c.Pledge != p.ID || c.ReviewedBy != "test" || c.ReviewedAt == nil {
		t.Errorf("accepted candidate = %+v", c)
	}
	got, _ := s.FindPledgeByID(ctx(), p.ID)
	if len(got.Sources) != 1 || got.Sources[0].URL != src.URL || got.Sources[0].Evidence != "100.000 Drohnen" || got.Meeting != "udcg-28" {
		t.Errorf("accepted pledge sources = %+v; want the source with its evidence", got.Sources)
	}
	before := count(t, s)
	_, err = s.AcceptCandidate(ctx(), drones.ID, drones.ToPledge(src.Published), true)
	wantKind(t, err, pledgebook.KindConflict, "")
	if after := count(t, s); after != before {
		t.Errorf("accepting twice changed the store")
	}

	// The training candidate duplicates a pledge already in the ledger: the
	// duplicate check applies, and the curator links it instead.
	existing := mustCreate(t, s, &pledgebook.Pledge{Donor: "GB", Category: pledgebook.Training, Item: "training", Amount: dec("247000000"),
		Currency: "GBP", AnnouncedOn: pledgebook.MustDate("2025-06-03")}, pledgebook.CreatePledgeOptions{})
	before = count(t, s)
	_, err = s.AcceptCandidate(ctx(), training.ID, training.ToPledge(src.Published), false)
	wantKind(t, err, pledgebook.KindConflict, "")
	if after := count(t, s); after != before {
		t.Errorf("a refused accept changed the store: %+v → %+v", before, after)
	}
	if c, _ := s.FindCandidateByID(ctx(), training.ID); c.State != pledgebook.Pending {
		t.Errorf("refused accept left the candidate %s, want pending", c.State)
	}
	_, err = s.LinkCandidate(ctx(), training.ID, 9999, pledgebook.Date{})
	wantKind(t, err, pledgebook.KindInvalid, "pledge")
	c, err = s.LinkCandidate(ctx(), training.ID, existing.ID, pledgebook.Date{})
	if err != nil || c.State != pledgebook.Linked || *c.Pledge != existing.ID {
		t.Fatalf("LinkCandidate = %+v, %v", c, err)
	}
	got, _ = s.FindPledgeByID(ctx(), existing.ID)
	if len(got.Sources) != 1 || !got.Sources[0].Reannouncement || got.Sources[0].AnnouncedOn.String() != "2025-06-04" {
		t.Errorf("linked pledge sources = %+v; want the candidate's source as a re-announcement on the source's date", got.Sources)
	}

	// Reject needs a reason.
	in := reviewIngest()
	in.Text += " Ein zweiter Bericht."
	src2, _, err := s.IngestSource(ctx(), in)
	if err != nil {
		t.Fatal(err)
	}
	cs, _ = s.FindCandidates(ctx(), pledgebook.CandidateFilter{Source: &src2.ID})
	_, err = s.RejectCandidate(ctx(), cs[0].ID, " ")
	wantKind(t, err, pledgebook.KindInvalid, "reason")
	if c, err := s.RejectCandidate(ctx(), cs[0].ID, "the same pledge, reported again"); err != nil || c.State != pledgebook.Rejected || c.Reason == "" {
		t.Errorf("RejectCandidate = %+v, %v", c, err)
	}
	if _, err := s.RejectCandidate(ctx(), 9999, "x"); pledgebook.ErrorKind(err) != pledgebook.KindNotFound {
		t.Errorf("RejectCandidate(9999) = %v, want not found", err)
	}
	pending := pledgebook.Pending
	if left, _ := s.FindCandidates(ctx(), pledgebook.CandidateFilter{State: &pending}); len(left) != 1 {
		t.Errorf("%d candidates pending, want 1", len(left))
	}
	events, _ := s.AuditLog(ctx(), pledgebook.AuditFilter{Entity: "candidate"})
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Entity+":"+e.Action)
	}
	if got := strings.Join(actions, ","); !strings.Contains(got, ":accepted") || !strings.Contains(got, ":linked") || !strings.Contains(got, ":rejected") {
		t.Errorf("candidate audit events = %s; want accepted, linked and rejected among them", got)
	}
	if r, err := s.VerifyAudit(ctx()); err != nil || !r.OK {
		t.Errorf("VerifyAudit after review = %+v, %v", r, err)
	}
	// A source's text edited behind the log is found.
	if _, err := s.DB().Exec(`UPDATE sources SET text = 'Nothing was pledged.' WHERE content_hash IS NOT NULL`); err != nil {
		t.Fatal(err)
	}
	if r, err := s.VerifyAudit(ctx()); err != nil || r.OK || !strings.HasPrefix(r.BadEntry, "source/") {
		t.Errorf("VerifyAudit after editing a source's text = %+v, %v; want the source named", r, err)
	}
}
