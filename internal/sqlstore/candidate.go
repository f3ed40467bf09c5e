package sqlstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
)

const candidateColumns = `id, source_id, donor, donor_text, recipient, category, item, quantity, unit, amount, currency, status,
	period_from, period_to, date, confidence, evidence_start, evidence_end, evidence, state, reason, pledge_id,
	reviewed_by, reviewed_at, version, created_at`

func contentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

func candidateEntity(id int64) string { return "candidate/" + strconv.FormatInt(id, 10) }

// checkCandidate checks what extraction proposed: the evidence must be a
// span of the text, and the fields that review relies on must be known
// values. Donor and amounts are checked when the candidate is accepted.
func checkCandidate(i int, c *pledgebook.Candidate, text string) error {
	field := func(name string) string { return fmt.Sprintf("candidates[%d].%s", i, name) }
	switch {
	case c.EvidenceStart < 0 || c.EvidenceEnd < c.EvidenceStart || c.EvidenceEnd > len(text):
		return pledgebook.FieldError(field("evidence"), "span %d–%d is outside the text (%d bytes)", c.EvidenceStart, c.EvidenceEnd, len(text))
	case text[c.EvidenceStart:c.EvidenceEnd] != c.Evidence:
		return pledgebook.FieldError(field("evidence"), "does not match the text at %d–%d", c.EvidenceStart, c.EvidenceEnd)
	case c.Category != "" && !c.Category.Valid():
		return pledgebook.FieldError(field("category"), "unknown capability area %q", c.Category)
	case c.Status != "" && !c.Status.Valid():
		return pledgebook.FieldError(field("status"), "unknown status %q", c.Status)
	case c.Quantity != nil && *c.Quantity < 0:
		return pledgebook.FieldError(field("quantity"), "must not be negative")
	}
	return nil
}

// IngestSource stores a document once and queues its candidates.
func (s *Store) IngestSource(ctx context.Context, in pledgebook.Ingest) (*pledgebook.Source, bool, error) {
	const op = "ingest source"
	if strings.TrimSpace(in.Text) == "" {
		return nil, false, s.fail(op, pledgebook.FieldError("text", "the document has no text left after cleaning"))
	}
	src := in.Source
	src.ContentHash = contentHash(in.Text)
	src.URL = strings.TrimSpace(src.URL)
	if src.URL == "" {
		src.URL = pledgebook.ContentURN(src.ContentHash)
	}
	if err := pledgebook.CheckURL("url", src.URL); err != nil {
		return nil, false, s.fail(op, err)
	}
	for i := range in.Candidates {
		if err := checkCandidate(i, &in.Candidates[i], in.Text); err != nil {
			return nil, false, s.fail(op, err)
		}
	}
	var out *pledgebook.Source
	created := false
	err := s.writeTx(ctx, op, func(t *tx) error {
		var id int64
		err := t.queryRow(`SELECT id FROM sources WHERE content_hash = ? OR url = ? ORDER BY id LIMIT 1`, src.ContentHash, src.URL).Scan(&id)
		if err == nil {
			found, err := s.findSources(ctx, t.Tx, id, false, everything)
			if err != nil {
				return err
			}
			out = found[0]
			return nil
		}
		if !isNoRows(err) {
			return fmt.Errorf("look up source: %w", err)
		}
		id, err = t.insertID(`INSERT INTO sources (url, publisher, title, published, language, content_hash, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			src.URL, src.Publisher, src.Title, src.Published, src.Language, src.ContentHash, in.Text, stamp(t.now))
		if err != nil {
			return fmt.Errorf("insert source: %w", err)
		}
		found, err := s.findSources(ctx, t.Tx, id, false, everything)
		if err != nil {
			return err
		}
		out, created = found[0], true
		if err := t.record("create", sourceEntity(id), nil, out); err != nil {
			return err
		}
		for _, c := range in.Candidates {
			if err := t.insertCandidate(id, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return out, created, nil
}

func (t *tx) insertCandidate(sourceID int64, c pledgebook.Candidate) error {
	recipient := c.Recipient
	if recipient == "" {
		recipient = "UA"
	}
	id, err := t.insertID(`INSERT INTO candidates (source_id, donor, donor_text, recipient, category, item, quantity, unit, amount, currency,
		status, period_from, period_to, date, confidence, evidence_start, evidence_end, evidence, state, version, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 1, ?)`,
		sourceID, strings.ToUpper(c.Donor), c.DonorText, recipient, c.Category, c.Item, intValue(c.Quantity), c.Unit, decimalValue(c.Amount),
		strings.ToUpper(c.Currency), c.Status, c.PeriodFrom, c.PeriodTo, c.Date, c.Confidence.String(), c.EvidenceStart, c.EvidenceEnd,
		c.Evidence, stamp(t.now))
	if err != nil {
		return fmt.Errorf("insert candidate: %w", err)
	}
	stored, err := t.candidate(id)
	if err != nil {
		return err
	}
	return t.record("create", candidateEntity(id), nil, stored)
}

func (t *tx) candidate(id int64) (*pledgebook.Candidate, error) {
	cs, err := t.s.findCandidates(t.ctx, t.Tx, pledgebook.CandidateFilter{}, id, everything)
	if err == nil && len(cs) == 0 {
		err = notFound("candidate", id)
	}
	if err != nil {
		return nil, err
	}
	return cs[0], nil
}

// FindCandidates returns the candidates f selects, oldest first.
func (s *Store) FindCandidates(ctx context.Context, f pledgebook.CandidateFilter) ([]*pledgebook.Candidate, error) {
	cs, err := s.findCandidates(ctx, s.read, f, 0, reachOf(ctx))
	return cs, s.fail("find candidates", err)
}

// FindCandidateByID returns one candidate.
func (s *Store) FindCandidateByID(ctx context.Context, id int64) (*pledgebook.Candidate, error) {
	cs, err := s.findCandidates(ctx, s.read, pledgebook.CandidateFilter{}, id, reachOf(ctx))
	if err == nil && len(cs) == 0 {
		err = notFound("candidate", id)
	}
	if err != nil {
		return nil, s.fail("find candidate", err)
	}
	return cs[0], nil
}

// findCandidates loads the candidates f selects if r may review; none
// otherwise.
func (s *Store) findCandidates(ctx context.Context, db querier, f pledgebook.CandidateFilter, id int64, r pledgebook.Reach) ([]*pledgebook.Candidate, error) {
	w := &where{}
	if id != 0 {
		w.add("id = ?", id)
	}
	if f.State != nil {
		w.add("state = ?", *f.State)
	}
	if f.Source != nil {
		w.add("source_id = ?", *f.Source)
	}
	if !r.Review {
		w.add(nothing)
	}
	q := `SELECT ` + candidateColumns + ` FROM candidates` + w.String()
	rows, err := db.QueryContext(ctx, s.q(q+` ORDER BY id`), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*pledgebook.Candidate
	for rows.Next() {
		c := &pledgebook.Candidate{}
		var conf string
		var reviewedAt nullTime
		if err := rows.Scan(&c.ID, &c.Source, &c.Donor, &c.DonorText, &c.Recipient, &c.Category, &c.Item, nullInt{&c.Quantity}, &c.Unit,
			nullDecimal{&c.Amount}, &c.Currency, &c.Status, &c.PeriodFrom, &c.PeriodTo, &c.Date, &conf, &c.EvidenceStart, &c.EvidenceEnd,
			&c.Evidence, &c.State, &c.Reason, nullInt{&c.Pledge}, &c.ReviewedBy, &reviewedAt, &c.Version, timeScan{&c.CreatedAt}); err != nil {
			return nil, fmt.Errorf("scan candidate: %w", err)
		}
		if c.Confidence, err = decimal.NewFromString(conf); err != nil {
			return nil, fmt.Errorf("scan candidate confidence %q: %w", conf, err)
		}
		c.ReviewedAt = reviewedAt.ptr()
		out = append(out, c)
	}
	return out, rows.Err()
}

// review marks a pending candidate reviewed, in the same transaction as
// what the review did, and audits the change.
func (t *tx) review(c *pledgebook.Candidate, state pledgebook.CandidateState, pledgeID *int64, reason string) (*pledgebook.Candidate, error) {
	_, err := t.exec(`UPDATE candidates SET state = ?, pledge_id = ?, reason = ?, reviewed_by = ?, reviewed_at = ?, version = version + 1 WHERE id = ?`,
		state, intValue(pledgeID), reason, t.actor, stamp(t.now), c.ID)
	if err != nil {
		return nil, fmt.Errorf("update candidate: %w", err)
	}
	after, err := t.candidate(c.ID)
	if err != nil {
		return nil, err
	}
	return after, t.record(string(state), candidateEntity(c.ID), c, after)
}

// pendingCandidate loads a candidate that may still be reviewed, and its
// source.
func (t *tx) pendingCandidate(id int64) (*pledgebook.Candidate, *pledgebook.Source, error) {
	if !reachOf(t.ctx).Review {
		return nil, nil, notFound("candidate", id)
	}
	c, err := t.candidate(id)
	if err != nil {
		return nil, nil, err
	}
	if err := c.CheckReviewable(); err != nil {
		return nil, nil, err
	}
	srcs, err := t.s.findSources(t.ctx, t.Tx, c.Source, false, everything)
	if err != nil {
		return nil, nil, err
	}
	if len(srcs) == 0 {
		return nil, nil, fmt.Errorf("candidate %d: source %d is missing", id, c.Source)
	}
	return c, srcs[0], nil
}

func evidenceSource(c *pledgebook.Candidate, src *pledgebook.Source) pledgebook.PledgeSource {
	return pledgebook.PledgeSource{URL: src.URL, Publisher: src.Publisher, Title: src.Title, Published: src.Published, Evidence: c.Evidence}
}

// AcceptCandidate turns a candidate into a new pledge.
func (s *Store) AcceptCandidate(ctx context.Context, id int64, p *pledgebook.Pledge, force bool) (*pledgebook.Candidate, error) {
	var out *pledgebook.Candidate
	err := s.writeTx(ctx, "accept candidate", func(t *tx) error {
		c, src, err := t.pendingCandidate(id)
		if err != nil {
			return err
		}
		if err := t.createPledge(p, pledgebook.CreatePledgeOptions{Force: force, Source: evidenceSource(c, src)}); err != nil {
			return err
		}
		out, err = t.review(c, pledgebook.Accepted, &p.ID, "")
		return err
	})
	return out, err
}

// LinkCandidate records a candidate as a re-announcement of a pledge.
func (s *Store) LinkCandidate(ctx context.Context, id, pledgeID int64, on pledgebook.Date) (*pledgebook.Candidate, error) {
	var out *pledgebook.Candidate
	err := s.writeTx(ctx, "link candidate", func(t *tx) error {
		c, src, err := t.pendingCandidate(id)
		if err != nil {
			return err
		}
		ps := evidenceSource(c, src)
		ps.AnnouncedOn = on
		if ps.AnnouncedOn.IsZero() {
			ps.AnnouncedOn = c.Date
		}
		if ps.AnnouncedOn.IsZero() {
			ps.AnnouncedOn = src.Published
		}
		if _, err := t.linkPledge(pledgeID, ps); err != nil {
			if pledgebook.ErrorKind(err) == pledgebook.KindNotFound {
				return pledgebook.FieldError("pledge", "unknown pledge %d", pledgeID)
			}
			return err
		}
		out, err = t.review(c, pledgebook.Linked, &pledgeID, "")
		return err
	})
	return out, err
}

// RejectCandidate marks a candidate rejected with a reason.
func (s *Store) RejectCandidate(ctx context.Context, id int64, reason string) (*pledgebook.Candidate, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, s.fail("reject candidate", pledgebook.FieldError("reason", "is required: say why the candidate is not a pledge"))
	}
	var out *pledgebook.Candidate
	err := s.writeTx(ctx, "reject candidate", func(t *tx) error {
		c, _, err := t.pendingCandidate(id)
		if err != nil {
			return err
		}
		out, err = t.review(c, pledgebook.Rejected, nil, reason)
		return err
	})
	return out, err
}
