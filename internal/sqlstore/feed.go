package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"pledgebook"
)

// FindPledgeChanges returns the pledges f selects with their last audit
// event, most recently changed first.
func (s *Store) FindPledgeChanges(ctx context.Context, f pledgebook.PledgeFilter) ([]pledgebook.PledgeChange, error) {
	const op = "find pledge changes"
	r := reachOf(ctx)
	f.Status, f.After, f.Offset = nil, nil, 0
	w := pledgeWhere(f, 0, r)
	if f.Limit > 0 {
		// Every audited change to a pledge sets its updated_at, so the
		// newest changes are among the pledges updated since the f.Limit-th
		// newest updated_at, found through its index. A minute's margin
		// covers concurrent writers, whose clocks and sequence numbers may
		// disagree by the time between taking the time and the log's lock.
		var cutoff nullTime
		err := s.read.QueryRowContext(ctx, s.q(`SELECT updated_at FROM pledges`+w.String()+` ORDER BY updated_at DESC LIMIT 1 OFFSET ?`),
			append(append([]any{}, w.args...), f.Limit-1)...).Scan(&cutoff)
		switch {
		case isNoRows(err):
		case err != nil:
			return nil, s.fail(op, err)
		case cutoff.valid:
			w.add(`updated_at >= ?`, stamp(cutoff.t.Add(-time.Minute)))
		}
	}
	// One query finds the last event of every selected pledge through the
	// index on (entity, seq), and keeps the newest f.Limit.
	q := `SELECT c.id, e.seq, e.at, e.action FROM (SELECT id, (SELECT MAX(a.seq) FROM audit_events a WHERE a.entity = 'pledge/' || CAST(pledges.id AS TEXT)) AS last FROM pledges` +
		w.String() + ` ORDER BY last DESC`
	args := w.args
	if f.Limit > 0 {
		q, args = q+` LIMIT ?`, append(append([]any{}, args...), f.Limit)
	}
	q += `) c JOIN audit_events e ON e.seq = c.last ORDER BY e.seq DESC`
	rows, err := s.read.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, s.fail(op, err)
	}
	var out []pledgebook.PledgeChange
	var ids []any
	for rows.Next() {
		var c pledgebook.PledgeChange
		var id int64
		if err := rows.Scan(&id, &c.Seq, timeScan{&c.At}, &c.Action); err != nil {
			rows.Close()
			return nil, s.fail(op, fmt.Errorf("scan pledge change: %w", err))
		}
		c.Pledge = &pledgebook.Pledge{ID: id}
		out, ids = append(out, c), append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.fail(op, err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	cols, colArgs := pledgeColumnsFor(r)
	page := ` WHERE id IN (?` + strings.Repeat(`, ?`, len(ids)-1) + `)`
	ps, err := s.loadPledges(ctx, s.read, cols, colArgs, page, ids, true, r)
	if err != nil {
		return nil, s.fail(op, err)
	}
	byID := make(map[int64]*pledgebook.Pledge, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	kept := out[:0]
	for _, c := range out {
		// A pledge deleted between the two reads is left out.
		if p, ok := byID[c.Pledge.ID]; ok {
			c.Pledge = p
			kept = append(kept, c)
		}
	}
	return kept, nil
}
