package sqlstore

import (
	"context"
	"strings"

	"pledgebook"
)

// everything is the reach of the reads the store makes for itself inside
// write transactions and audit verification: duplicate checks, delivered
// quantities and read-backs must see every record, whoever asked.
var everything = pledgebook.Reach{All: true, Restricted: true, Review: true}

// reachOf returns what the viewer in ctx may read. Only the public read
// paths call it; the store's own reads use everything.
func reachOf(ctx context.Context) pledgebook.Reach { return pledgebook.ViewerFrom(ctx).Reach() }

// visibleSQL returns the SQL condition, with ? placeholders and their
// arguments, that lets through exactly the rows r allows (see
// pledgebook.Reach.Allows): vis, donor and recipient name the columns that
// hold the row's visibility and parties. donor is "" for records without a
// donor, such as requirements. It returns "" when r allows everything.
//
// Every read path builds its visibility condition here, so that the rule
// has one SQL form on both engines.
func visibleSQL(r pledgebook.Reach, vis, donor, recipient string) (string, []any) {
	if r.All {
		return "", nil
	}
	cond, args := vis+" = ?", []any{pledgebook.Public}
	if r.Restricted {
		cond, args = vis+" IN (?, ?)", append(args, pledgebook.Restricted)
	}
	var parties []string
	var partyArgs []any
	if r.Donor != "" && donor != "" {
		parties, partyArgs = append(parties, donor+" = ?"), append(partyArgs, r.Donor)
	}
	if r.Recipient != "" {
		parties, partyArgs = append(parties, recipient+" = ?"), append(partyArgs, r.Recipient)
	}
	if len(parties) > 0 {
		cond += " OR (" + vis + " = ? AND (" + strings.Join(parties, " OR ") + "))"
		args = append(append(args, pledgebook.Confidential), partyArgs...)
	}
	return "(" + cond + ")", args
}

// where collects the conditions of a query and their arguments, in the
// order they appear in the query text.
type where struct {
	conds []string
	args  []any
}

// add adds a condition with its arguments; an empty condition adds nothing.
func (w *where) add(cond string, args ...any) {
	if cond == "" {
		return
	}
	w.conds, w.args = append(w.conds, cond), append(w.args, args...)
}

// String returns " WHERE c1 AND c2 ...", or "" without conditions.
func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// nothing is a condition no row meets, for viewers who may see none of a
// kind of record.
const nothing = "1 = 0"
