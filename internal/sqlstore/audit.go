package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"pledgebook"
	"pledgebook/internal/audit"
)

// AuditLog returns the audit events f selects that the viewer may read,
// oldest first.
func (s *Store) AuditLog(ctx context.Context, f pledgebook.AuditFilter) ([]pledgebook.AuditEvent, error) {
	w := &where{}
	switch {
	case strings.Contains(f.Entity, "/"):
		w.add(`entity = ?`, f.Entity)
	case f.Entity != "":
		w.add(`entity LIKE ?`, f.Entity+"/%")
	}
	order, cmp := ` ORDER BY seq`, ">"
	if f.Desc {
		order, cmp = ` ORDER BY seq DESC`, "<"
	}
	if f.After > 0 {
		w.add(`seq `+cmp+` ?`, f.After)
	}
	cond, args := auditVisibleSQL(reachOf(ctx))
	w.add(cond, args...)
	q := `SELECT seq, at, actor, action, entity, before, after, prev_hash, hash FROM audit_events` + w.String() + order
	args = w.args
	if f.Limit > 0 {
		q, args = q+` LIMIT ?`, append(args, f.Limit)
	}
	var out []pledgebook.AuditEvent
	err := s.eachEvent(ctx, q, args, func(e pledgebook.AuditEvent) bool {
		out = append(out, e)
		return true
	})
	return out, s.fail("read audit log", err)
}

// FindAuditEventBySeq returns event seq if the viewer may read it.
func (s *Store) FindAuditEventBySeq(ctx context.Context, seq int64) (pledgebook.AuditEvent, error) {
	w := &where{}
	w.add(`seq = ?`, seq)
	cond, args := auditVisibleSQL(reachOf(ctx))
	w.add(cond, args...)
	var out []pledgebook.AuditEvent
	err := s.eachEvent(ctx, `SELECT seq, at, actor, action, entity, before, after, prev_hash, hash FROM audit_events`+w.String(), w.args,
		func(e pledgebook.AuditEvent) bool {
			out = append(out, e)
			return false
		})
	if err == nil && len(out) == 0 {
		err = notFound("audit event", seq)
	}
	if err != nil {
		return pledgebook.AuditEvent{}, s.fail("find audit event", err)
	}
	return out[0], nil
}

// auditVisibleSQL returns the condition on audit_events that lets through
// the events r may read: every event for those who see everything;
// otherwise the events of the reference data, of the review queue when r
// may review, and of the requirements, pledges and deliveries r may see
// now, and never those of users and tokens. An event's snapshots are as
// sensitive as the record they show, and a record's events are judged by
// what the record is now, as its reads are.
func auditVisibleSQL(r pledgebook.Reach) (string, []any) {
	if r.All {
		return "", nil
	}
	conds := []string{`entity LIKE 'party/%'`, `entity LIKE 'meeting/%'`, `entity LIKE 'coalition/%'`}
	if r.Review {
		conds = append(conds, `entity LIKE 'source/%'`, `entity LIKE 'candidate/%'`)
	}
	var args []any
	entities := func(prefix, from, cond string, condArgs []any) {
		conds = append(conds, `entity IN (SELECT '`+prefix+`/' || CAST(id AS TEXT) FROM `+from+` WHERE `+cond+`)`)
		args = append(args, condArgs...)
	}
	cond, condArgs := visibleSQL(r, "visibility", "", "recipient")
	entities("requirement", "requirements", cond, condArgs)
	cond, condArgs = visibleSQL(r, "visibility", "donor", "recipient")
	entities("pledge", "pledges", cond, condArgs)
	pc, pcArgs := visibleSQL(r, "p.visibility", "p.donor", "p.recipient")
	dc, dcArgs := visibleSQL(r, "d.visibility", "p.donor", "p.recipient")
	conds = append(conds, `entity IN (SELECT 'delivery/' || CAST(d.id AS TEXT) FROM deliveries d JOIN pledges p ON p.id = d.pledge_id WHERE `+pc+` AND `+dc+`)`)
	args = append(append(args, pcArgs...), dcArgs...)
	return "(" + strings.Join(conds, " OR ") + ")", args
}

func (s *Store) eachEvent(ctx context.Context, q string, args []any, fn func(pledgebook.AuditEvent) bool) error {
	rows, err := s.read.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e pledgebook.AuditEvent
		if err := rows.Scan(&e.Seq, timeScan{&e.At}, &e.Actor, &e.Action, &e.Entity, &e.Before, &e.After, &e.PrevHash, &e.Hash); err != nil {
			return fmt.Errorf("scan audit event: %w", err)
		}
		if !fn(e) {
			break
		}
	}
	return rows.Err()
}

// VerifyAudit checks the chain, its head, and every stored record against
// the last state the log gives for it.
func (s *Store) VerifyAudit(ctx context.Context) (pledgebook.AuditReport, error) {
	const op = "verify audit trail"
	v := audit.NewVerifier()
	err := s.eachEvent(ctx, `SELECT seq, at, actor, action, entity, before, after, prev_hash, hash FROM audit_events ORDER BY seq`, nil, v.Add)
	if err != nil {
		return pledgebook.AuditReport{}, s.fail(op, err)
	}
	var head audit.Head
	if err := s.read.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&head.Seq, &head.Hash); err != nil {
		return pledgebook.AuditReport{}, s.fail(op, fmt.Errorf("read audit head: %w", err))
	}
	v.Finish(head)
	records := 0
	check := func(entity string, rec any) bool {
		b, err := json.Marshal(rec)
		if err != nil {
			return false
		}
		records++
		return v.Record(entity, b)
	}
	if err := s.eachRecord(ctx, check); err != nil {
		return pledgebook.AuditReport{}, s.fail(op, err)
	}
	v.Missing()
	return v.Report(records), nil
}

// eachRecord calls fn with every stored record and its audit entity key,
// until fn returns false.
func (s *Store) eachRecord(ctx context.Context, fn func(entity string, rec any) bool) error {
	parties, err := s.findParties(ctx, s.read, pledgebook.PartyFilter{}, everything)
	if err != nil {
		return err
	}
	for _, p := range parties {
		if !fn("party/"+p.Code, p) {
			return nil
		}
	}
	meetings, err := s.findMeetings(ctx, s.read, "")
	if err != nil {
		return err
	}
	for _, m := range meetings {
		if !fn("meeting/"+m.ID, m) {
			return nil
		}
	}
	coalitions, err := s.findCoalitions(ctx, s.read, "")
	if err != nil {
		return err
	}
	for _, c := range coalitions {
		if !fn("coalition/"+c.ID, c) {
			return nil
		}
	}
	sources, err := s.findSources(ctx, s.read, 0, true, everything)
	if err != nil {
		return err
	}
	for _, src := range sources {
		// The log records the hash of a source's text, not the text: a
		// text edited behind the log changes the hash computed here.
		if src.ContentHash != "" {
			src.ContentHash = contentHash(src.Text)
		}
		if !fn(sourceEntity(src.ID), src) {
			return nil
		}
	}
	candidates, err := s.findCandidates(ctx, s.read, pledgebook.CandidateFilter{}, 0, everything)
	if err != nil {
		return err
	}
	for _, c := range candidates {
		if !fn(candidateEntity(c.ID), c) {
			return nil
		}
	}
	reqs, err := s.findRequirements(ctx, s.read, pledgebook.RequirementFilter{}, 0, everything)
	if err != nil {
		return err
	}
	for _, r := range reqs {
		if !fn(requirementEntity(r.ID), r) {
			return nil
		}
	}
	pledges, _, err := s.findPledges(ctx, s.read, pledgebook.PledgeFilter{}, 0, everything)
	if err != nil {
		return err
	}
	for _, p := range pledges {
		if !fn(pledgeEntity(p.ID), p.Snapshot()) {
			return nil
		}
	}
	deliveries, err := s.findDeliveries(ctx, s.read, pledgebook.DeliveryFilter{}, 0, everything)
	if err != nil {
		return err
	}
	for _, d := range deliveries {
		if !fn(deliveryEntity(d.ID), d) {
			return nil
		}
	}
	users, err := s.findUsers(ctx, s.read, everything, "")
	if err != nil {
		return err
	}
	for _, u := range users {
		if !fn(userEntity(u.ID), u) {
			return nil
		}
	}
	tokens, err := s.findTokens(ctx, s.read, &where{})
	if err != nil {
		return err
	}
	for _, tok := range tokens {
		if !fn(tokenEntity(tok.ID), tok) {
			return nil
		}
	}
	webhooks, err := s.findWebhooks(ctx, s.read, &where{}, false)
	if err != nil {
		return err
	}
	for _, h := range webhooks {
		if !fn(webhookEntity(h.ID), h) {
			return nil
		}
	}
	return nil
}
