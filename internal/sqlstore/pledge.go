package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
)

const pledgeColumns = `id, ref, donor, recipient, category, item, quantity, unit, amount, currency,
	amount_eur, amount_usd, fx_date, status, announced_on, period_from, period_to,
	meeting_id, requirement_id, coalition_id, visibility, notes, version, created_at, updated_at`

// CreatePledge validates, deduplicates, values and stores a new pledge.
func (s *Store) CreatePledge(ctx context.Context, p *pledgebook.Pledge, opts pledgebook.CreatePledgeOptions) error {
	return s.writeTx(ctx, "create pledge", func(t *tx) error { return t.createPledge(p, opts) })
}

// createPledge is CreatePledge inside a transaction, so that reviewing a
// candidate can create its pledge and mark the candidate in one.
func (t *tx) createPledge(p *pledgebook.Pledge, opts pledgebook.CreatePledgeOptions) error {
	s := t.s
	p.Normalize()
	if err := p.Validate(s.cat); err != nil {
		return err
	}
	if p.AnnouncedOn.After(s.today()) {
		return pledgebook.FieldError("date", "%s is in the future; record a pledge once it is announced", p.AnnouncedOn)
	}
	if opts.Source.URL != "" {
		if err := pledgebook.CheckURL("source", opts.Source.URL); err != nil {
			return err
		}
	}
	if err := t.checkPledgeRefs(p); err != nil {
		return err
	}
	if p.Ref != "" {
		if err := t.checkFree("pledges", p.Ref); err != nil {
			return err
		}
	}
	if !opts.Force {
		if err := t.checkDuplicate(p); err != nil {
			return err
		}
	}
	if p.Amount != nil {
		c := s.conv.Convert(*p.Amount, p.Currency, p.AnnouncedOn)
		p.AmountEUR, p.AmountUSD, p.FXDate = c.EUR, c.USD, c.RateDate
	}
	stamp := stamp(t.now)
	id, err := t.insertID(`INSERT INTO pledges (ref, donor, recipient, category, item, item_key, quantity, unit, amount, currency,
		amount_eur, amount_usd, fx_date, status, announced_on, period_from, period_to, meeting_id, requirement_id,
		coalition_id, visibility, notes, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		nullString(p.Ref), p.Donor, p.Recipient, p.Category, p.Item, pledgebook.NormalizeItem(p.Item), intValue(p.Quantity), p.Unit,
		decimalValue(p.Amount), p.Currency, decimalValue(p.AmountEUR), decimalValue(p.AmountUSD), p.FXDate, p.Status,
		p.AnnouncedOn, p.PeriodFrom, p.PeriodTo, nullString(p.Meeting), intValue(p.Requirement), nullString(p.Coalition),
		p.Visibility, p.Notes, stamp, stamp)
	if err != nil {
		return fmt.Errorf("insert pledge: %w", err)
	}
	if _, err := t.exec(`INSERT INTO status_changes (pledge_id, from_status, to_status, on_date, note) VALUES (?, '', ?, ?, '')`,
		id, p.Status, p.AnnouncedOn); err != nil {
		return fmt.Errorf("insert status: %w", err)
	}
	if opts.Source.URL != "" {
		src := opts.Source
		src.AnnouncedOn, src.Meeting, src.Reannouncement = p.AnnouncedOn, p.Meeting, false
		if err := t.addPledgeSource(id, src); err != nil {
			return err
		}
	}
	stored, err := t.pledge(id)
	if err != nil {
		return err
	}
	*p = *stored
	return t.record("create", pledgeEntity(id), nil, p.Snapshot())
}

func pledgeEntity(id int64) string { return "pledge/" + strconv.FormatInt(id, 10) }

// checkPledgeRefs checks that every record p refers to exists.
func (t *tx) checkPledgeRefs(p *pledgebook.Pledge) error {
	checks := []struct {
		field, table, column string
		value                any
		present              bool
	}{
		{"donor", "parties", "code", p.Donor, true},
		{"recipient", "parties", "code", p.Recipient, true},
		{"meeting", "meetings", "id", p.Meeting, p.Meeting != ""},
		{"requirement", "requirements", "id", p.Requirement, p.Requirement != nil},
		{"coalition", "coalitions", "id", p.Coalition, p.Coalition != ""},
	}
	for _, c := range checks {
		if !c.present {
			continue
		}
		v := c.value
		if ip, ok := v.(*int64); ok {
			v = *ip
		}
		if err := t.exists(c.field, c.table, c.column, v); err != nil {
			return err
		}
	}
	if p.Requirement != nil {
		return t.visibleRequirement(*p.Requirement)
	}
	return nil
}

// visibleRequirement returns the error for an unknown requirement when the
// viewer may not see requirement id, so that a write does not confirm that
// it exists.
func (t *tx) visibleRequirement(id int64) error {
	var vis pledgebook.Visibility
	var recipient string
	if err := t.queryRow(`SELECT visibility, recipient FROM requirements WHERE id = ?`, id).Scan(&vis, &recipient); err != nil {
		return fmt.Errorf("look up requirement %d: %w", id, err)
	}
	if !reachOf(t.ctx).Allows(vis, "", recipient) {
		return pledgebook.FieldError("requirement", "unknown requirement %d", id)
	}
	return nil
}

// exists returns an invalid-input error naming field when no row of table
// has column = value.
func (t *tx) exists(field, table, column string, value any) error {
	var one int
	err := t.queryRow(`SELECT 1 FROM `+table+` WHERE `+column+` = ?`, value).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		what := map[string]string{"parties": "party code (an ISO 3166-1 alpha-2 code such as GB, or an organisation such as EU)",
			"meetings": "meeting", "requirements": "requirement", "coalitions": "coalition", "pledges": "pledge"}[table]
		return pledgebook.FieldError(field, "unknown %s %v", what, value)
	}
	if err != nil {
		return fmt.Errorf("look up %s %v: %w", field, value, err)
	}
	return nil
}

// checkFree returns a conflict when ref is already used in table.
func (t *tx) checkFree(table, ref string) error {
	var id int64
	err := t.queryRow(`SELECT id FROM `+table+` WHERE ref = ?`, ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("look up ref %q: %w", ref, err)
	}
	if !reachOf(t.ctx).All {
		// The record may be one the caller may not see: say only that the
		// key is taken, which its uniqueness cannot hide.
		return pledgebook.ConflictError("ref", "%q is already used by another record", ref)
	}
	return pledgebook.ConflictError("ref", "%q is already used by record %d", ref, id)
}

// checkDuplicate refuses p when it looks like a pledge already stored.
func (t *tx) checkDuplicate(p *pledgebook.Pledge) error {
	rows, err := t.query(`SELECT id, donor, recipient, category, item, quantity, amount, currency, status, announced_on, period_from, period_to, unit, visibility
		FROM pledges WHERE donor = ? AND category = ? AND item_key = ? AND status <> 'cancelled' ORDER BY id`,
		p.Donor, p.Category, pledgebook.NormalizeItem(p.Item))
	if err != nil {
		return fmt.Errorf("look for duplicates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var q pledgebook.Pledge
		if err := rows.Scan(&q.ID, &q.Donor, &q.Recipient, &q.Category, &q.Item, nullInt{&q.Quantity}, nullDecimal{&q.Amount}, &q.Currency,
			&q.Status, &q.AnnouncedOn, &q.PeriodFrom, &q.PeriodTo, &q.Unit, &q.Visibility); err != nil {
			return fmt.Errorf("look for duplicates: %w", err)
		}
		if p.LooksLike(&q) && !reachOf(t.ctx).Allows(q.Visibility, q.Donor, q.Recipient) {
			// The check sees every pledge, so that nothing is counted twice,
			// but the caller learns only that there is one.
			return &pledgebook.Error{Kind: pledgebook.KindConflict, Message: "this looks like a pledge you cannot see; ask a coordinator"}
		}
		if p.LooksLike(&q) {
			return &pledgebook.Error{Kind: pledgebook.KindConflict, Message: fmt.Sprintf(
				"this looks like pledge %d (%s, %s, %s, announced %s): record it as a re-announcement of pledge %d (--link %d), or force it if it is genuinely new (--force)",
				q.ID, q.Donor, q.Item, describeSize(&q), q.AnnouncedOn, q.ID, q.ID)}
		}
	}
	return rows.Err()
}

func describeSize(p *pledgebook.Pledge) string {
	var parts []string
	if p.Quantity != nil {
		parts = append(parts, strings.TrimSpace(strconv.FormatInt(*p.Quantity, 10)+" "+p.Unit))
	}
	if p.Amount != nil {
		parts = append(parts, p.Currency+" "+p.Amount.String())
	}
	return strings.Join(parts, ", ")
}

// addPledgeSource links a source, created if new, to a pledge.
func (t *tx) addPledgeSource(pledgeID int64, src pledgebook.PledgeSource) error {
	if src.Meeting != "" {
		if err := t.exists("meeting", "meetings", "id", src.Meeting); err != nil {
			return err
		}
	}
	sourceID, err := t.source(src)
	if err != nil {
		return err
	}
	var one int
	err = t.queryRow(`SELECT 1 FROM pledge_sources WHERE pledge_id = ? AND source_id = ?`, pledgeID, sourceID).Scan(&one)
	if err == nil {
		return pledgebook.ConflictError("source", "%s is already a source of pledge %d", src.URL, pledgeID)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("look up pledge source: %w", err)
	}
	_, err = t.exec(`INSERT INTO pledge_sources (pledge_id, source_id, announced_on, meeting_id, reannouncement, evidence) VALUES (?, ?, ?, ?, ?, ?)`,
		pledgeID, sourceID, src.AnnouncedOn, nullString(src.Meeting), src.Reannouncement, src.Evidence)
	if err != nil {
		return fmt.Errorf("insert pledge source: %w", err)
	}
	return nil
}

// FindPledgeByID returns one pledge with everything a reader needs.
func (s *Store) FindPledgeByID(ctx context.Context, id int64) (*pledgebook.Pledge, error) {
	ps, _, err := s.findPledges(ctx, s.read, pledgebook.PledgeFilter{}, id, reachOf(ctx))
	if err == nil && len(ps) == 0 {
		err = notFound("pledge", id)
	}
	if err != nil {
		return nil, s.fail("find pledge", err)
	}
	return ps[0], nil
}

// FindPledges returns the pledges f selects and how many there are in all.
func (s *Store) FindPledges(ctx context.Context, f pledgebook.PledgeFilter) ([]*pledgebook.Pledge, int, error) {
	ps, n, err := s.findPledges(ctx, s.read, f, 0, reachOf(ctx))
	return ps, n, s.fail("find pledges", err)
}

// pledge reads a pledge as it is, whoever is asking, for a write to check
// and change.
func (t *tx) pledge(id int64) (*pledgebook.Pledge, error) {
	ps, _, err := t.s.findPledges(t.ctx, t.Tx, pledgebook.PledgeFilter{}, id, everything)
	if err == nil && len(ps) == 0 {
		err = notFound("pledge", id)
	}
	if err != nil {
		return nil, err
	}
	return ps[0], nil
}

// visiblePledge reads the pledge a write is addressed to, as pledge does,
// but as not found when the viewer may not see it: a write must not tell
// its caller about a pledge that a read would not show them (its status,
// its quantity, that it exists).
func (t *tx) visiblePledge(id int64) (*pledgebook.Pledge, error) {
	p, err := t.pledge(id)
	if err != nil {
		return nil, err
	}
	if !reachOf(t.ctx).Allows(p.Visibility, p.Donor, p.Recipient) {
		return nil, notFound("pledge", id)
	}
	return p, nil
}

// pledgeWhere is the condition of a pledge query: f, id when not 0, and
// what r allows.
func pledgeWhere(f pledgebook.PledgeFilter, id int64, r pledgebook.Reach) *where {
	w := &where{}
	if id != 0 {
		w.add("id = ?", id)
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			w.add("1 = 0")
		} else {
			args := make([]any, len(f.IDs))
			for i, id := range f.IDs {
				args[i] = id
			}
			w.add("id IN (?"+strings.Repeat(", ?", len(f.IDs)-1)+")", args...)
		}
	}
	if f.Donor != nil {
		w.add("donor = ?", *f.Donor)
	}
	if f.Category != nil {
		w.add("category = ?", *f.Category)
	}
	if f.Status != nil {
		w.add("status = ?", *f.Status)
	}
	if f.Meeting != nil {
		w.add("(meeting_id = ? OR id IN (SELECT pledge_id FROM pledge_sources WHERE meeting_id = ?))", *f.Meeting, *f.Meeting)
	}
	if f.Requirement != nil {
		w.add("requirement_id = ?", *f.Requirement)
		// For a viewer who may not see the requirement, no pledge answers it.
		cond, args := visibleSQL(r, "r.visibility", "", "r.recipient")
		if cond != "" {
			w.add("requirement_id IN (SELECT r.id FROM requirements r WHERE "+cond+")", args...)
		}
	}
	if f.Coalition != nil {
		w.add("coalition_id = ?", *f.Coalition)
	}
	if f.Ref != nil {
		w.add("ref = ?", *f.Ref)
	}
	if f.Source != nil {
		w.add("id IN (SELECT pledge_id FROM pledge_sources WHERE source_id = ?)", *f.Source)
	}
	if f.From != nil {
		w.add("announced_on >= ?", *f.From)
	}
	if f.To != nil {
		w.add("announced_on <= ?", *f.To)
	}
	if f.Search != nil && *f.Search != "" {
		like := "%" + likeEscaper.Replace(strings.ToLower(*f.Search)) + "%"
		w.add(`(LOWER(item) LIKE ? ESCAPE '\' OR LOWER(notes) LIKE ? ESCAPE '\')`, like, like)
	}
	cond, args := visibleSQL(r, "visibility", "donor", "recipient")
	w.add(cond, args...)
	return w
}

// likeEscaper makes a search text match itself in a LIKE pattern. LOWER
// folds all letters on both engines (package sqlite replaces SQLite's
// ASCII-only one).
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// statusRank is the SQL of the order by status: the place of a pledge's
// status in pledgebook.Statuses.
var statusRank = func() string {
	var b strings.Builder
	b.WriteString("CASE status")
	for i, st := range pledgebook.Statuses {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", st, i)
	}
	b.WriteString(" END")
	return b.String()
}()

// sortKey is the SQL expression a listing sorted by o is ordered by, before
// the ID. Values are compared as numbers: exactly in PostgreSQL, at float
// precision in SQLite, which stores them as text; a pledge without a value
// counts as -1, below every value, as amounts are never negative.
func sortKey(o pledgebook.PledgeSort) (string, error) {
	switch o {
	case "", pledgebook.SortAnnounced:
		return "announced_on", nil
	case pledgebook.SortDonor:
		return "donor", nil
	case pledgebook.SortValue:
		return "COALESCE(CAST(amount_eur AS NUMERIC), -1)", nil
	case pledgebook.SortStatus:
		return statusRank, nil
	}
	return "", pledgebook.FieldError("sort", "unknown order %q", o)
}

// cursorKey returns the cursor's sort key as a query argument, and the SQL
// that compares with it, checking that it is a key of order o.
func cursorKey(o pledgebook.PledgeSort, c pledgebook.PledgeCursor) (any, string, error) {
	switch o {
	case pledgebook.SortDonor:
		return c.Key, "?", nil
	case pledgebook.SortValue:
		if c.Key == "" {
			return "-1", "CAST(CAST(? AS TEXT) AS NUMERIC)", nil
		}
		d, err := decimal.NewFromString(c.Key)
		if err != nil || d.IsNegative() {
			return nil, "", pledgebook.FieldError("after", "%q is not a value in EUR", c.Key)
		}
		return d.String(), "CAST(CAST(? AS TEXT) AS NUMERIC)", nil
	case pledgebook.SortStatus:
		for i, st := range pledgebook.Statuses {
			if string(st) == c.Key {
				return i, "?", nil
			}
		}
		return nil, "", pledgebook.FieldError("after", "%q is not a status", c.Key)
	}
	return c.AnnouncedOn, "?", nil
}

// findPledges loads the pledges f selects that r allows and, in one query
// each, their history, sources and the deliveries r allows, so that a
// listing costs four queries however long it is.
func (s *Store) findPledges(ctx context.Context, db querier, f pledgebook.PledgeFilter, id int64, r pledgebook.Reach) ([]*pledgebook.Pledge, int, error) {
	w := pledgeWhere(f, id, r)
	cols, colArgs := pledgeColumnsFor(r)
	// The page is what w selects past the cursor, in order: the total
	// counts what w selects, the cursor left out.
	pw := &where{conds: w.conds, args: w.args}
	key, err := sortKey(f.Sort)
	if err != nil {
		return nil, 0, err
	}
	order, cmp := ` ORDER BY `+key+`, id`, ">"
	if f.Desc {
		order, cmp = ` ORDER BY `+key+` DESC, id DESC`, "<"
	}
	if f.After != nil {
		at, param, err := cursorKey(f.Sort, *f.After)
		if err != nil {
			return nil, 0, err
		}
		pw = &where{conds: append([]string(nil), w.conds...), args: append([]any(nil), w.args...)}
		pw.add("("+key+" "+cmp+" "+param+" OR ("+key+" = "+param+" AND id "+cmp+" ?))", at, at, f.After.ID)
	}
	page := pw.String() + order
	pageArgs := pw.args
	paged := f.Limit > 0 || f.Offset > 0 || f.After != nil
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit <= 0 {
			limit = -1
			if s.dialect.Numbered {
				limit = 1 << 62
			}
		}
		page += ` LIMIT ? OFFSET ?`
		pageArgs = append(append([]any{}, pw.args...), limit, f.Offset)
	}
	out, err := s.loadPledges(ctx, db, cols, colArgs, page, pageArgs, len(pw.conds) > 0 || paged, r)
	if err != nil {
		return nil, 0, err
	}
	total := len(out)
	if paged {
		if err := db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM pledges`+w.String()), w.args...).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// pledgeColumnsFor returns pledgeColumns as r may read them, with the
// arguments they take.
func pledgeColumnsFor(r pledgebook.Reach) (string, []any) {
	cols, colArgs := pledgeColumns, []any(nil)
	if cond, args := visibleSQL(r, "r.visibility", "", "r.recipient"); cond != "" {
		// The requirement a pledge answers is part of the requirement, not
		// of the pledge: it reads as none to a viewer who may not see it.
		cols = strings.Replace(cols, "requirement_id",
			"(SELECT r.id FROM requirements r WHERE r.id = pledges.requirement_id AND "+cond+") AS requirement_id", 1)
		colArgs = args
	}
	return cols, colArgs
}

// loadPledges reads the pledges of SELECT cols FROM pledges page, in its
// order, and fills in their history, sources and delivered totals. cols are
// pledgeColumns as findPledges adjusts them for r. narrowed says whether
// page selects fewer than all pledges, so that the tables that refer to
// them are read for those alone.
func (s *Store) loadPledges(ctx context.Context, db querier, cols string, colArgs []any, page string, pageArgs []any, narrowed bool, r pledgebook.Reach) ([]*pledgebook.Pledge, error) {
	rows, err := db.QueryContext(ctx, s.q(`SELECT `+cols+` FROM pledges`+page), append(append([]any{}, colArgs...), pageArgs...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*pledgebook.Pledge
	byID := map[int64]*pledgebook.Pledge{}
	for rows.Next() {
		p, err := scanPledge(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
		byID[p.ID] = p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	// The pledges loaded, as a condition on the tables that refer to them.
	in := &where{}
	if narrowed {
		in.add(`pledge_id IN (SELECT id FROM pledges`+page+`)`, pageArgs...)
	}
	if err := s.loadHistory(ctx, db, in, byID); err != nil {
		return nil, err
	}
	if err := s.loadSources(ctx, db, in, byID); err != nil {
		return nil, err
	}
	if err := s.tallyDeliveries(ctx, db, in, r, byID); err != nil {
		return nil, err
	}
	return out, nil
}

func scanPledge(rows *sql.Rows) (*pledgebook.Pledge, error) {
	p := &pledgebook.Pledge{Sources: []pledgebook.PledgeSource{}, History: []pledgebook.StatusChange{}}
	var meeting, coalition, ref string
	err := rows.Scan(&p.ID, stringScan{&ref}, &p.Donor, &p.Recipient, &p.Category, &p.Item, nullInt{&p.Quantity}, &p.Unit,
		nullDecimal{&p.Amount}, &p.Currency, nullDecimal{&p.AmountEUR}, nullDecimal{&p.AmountUSD}, &p.FXDate, &p.Status,
		&p.AnnouncedOn, &p.PeriodFrom, &p.PeriodTo, stringScan{&meeting}, nullInt{&p.Requirement}, stringScan{&coalition},
		&p.Visibility, &p.Notes, &p.Version, timeScan{&p.CreatedAt}, timeScan{&p.UpdatedAt})
	if err != nil {
		return nil, fmt.Errorf("scan pledge: %w", err)
	}
	p.Ref, p.Meeting, p.Coalition = ref, meeting, coalition
	return p, nil
}

func (s *Store) loadHistory(ctx context.Context, db querier, in *where, byID map[int64]*pledgebook.Pledge) error {
	rows, err := db.QueryContext(ctx, s.q(`SELECT pledge_id, from_status, to_status, on_date, note FROM status_changes`+in.String()+` ORDER BY pledge_id, id`), in.args...)
	if err != nil {
		return fmt.Errorf("load status history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c pledgebook.StatusChange
		if err := rows.Scan(&id, &c.From, &c.To, &c.On, &c.Note); err != nil {
			return fmt.Errorf("scan status history: %w", err)
		}
		if p := byID[id]; p != nil {
			p.History = append(p.History, c)
		}
	}
	return rows.Err()
}

func (s *Store) loadSources(ctx context.Context, db querier, in *where, byID map[int64]*pledgebook.Pledge) error {
	q := `SELECT ps.pledge_id, s.url, s.publisher, s.title, s.published, ps.announced_on, ps.meeting_id,
		ps.reannouncement, ps.evidence FROM pledge_sources ps JOIN sources s ON s.id = ps.source_id`
	rows, err := db.QueryContext(ctx, s.q(q+strings.Replace(in.String(), "pledge_id", "ps.pledge_id", 1)+
		` ORDER BY ps.pledge_id, ps.announced_on, s.id`), in.args...)
	if err != nil {
		return fmt.Errorf("load pledge sources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var src pledgebook.PledgeSource
		if err := rows.Scan(&id, &src.URL, &src.Publisher, &src.Title, &src.Published, &src.AnnouncedOn, stringScan{&src.Meeting},
			&src.Reannouncement, &src.Evidence); err != nil {
			return fmt.Errorf("scan pledge source: %w", err)
		}
		if p := byID[id]; p != nil {
			p.Sources = append(p.Sources, src)
		}
	}
	return rows.Err()
}

// tallyDeliveries fills in the pledges' delivered totals from the
// deliveries r allows, so that a delivery hidden from the viewer changes
// none of the totals they see.
func (s *Store) tallyDeliveries(ctx context.Context, db querier, in *where, r pledgebook.Reach, byID map[int64]*pledgebook.Pledge) error {
	w := &where{}
	if len(in.conds) > 0 {
		w.add("d."+in.conds[0], in.args...)
	}
	cond, args := visibleSQL(r, "d.visibility", "p.donor", "p.recipient")
	w.add(cond, args...)
	rows, err := db.QueryContext(ctx, s.q(`SELECT d.pledge_id, d.quantity, d.amount_eur, d.amount_usd
		FROM deliveries d JOIN pledges p ON p.id = d.pledge_id`+w.String()+` ORDER BY d.pledge_id, d.id`), w.args...)
	if err != nil {
		return fmt.Errorf("load deliveries: %w", err)
	}
	defer rows.Close()
	ds := map[int64][]*pledgebook.Delivery{}
	for rows.Next() {
		var id int64
		d := &pledgebook.Delivery{}
		if err := rows.Scan(&id, nullInt{&d.Quantity}, nullDecimal{&d.AmountEUR}, nullDecimal{&d.AmountUSD}); err != nil {
			return fmt.Errorf("scan delivery: %w", err)
		}
		ds[id] = append(ds[id], d)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for id, p := range byID {
		p.Tally(ds[id])
	}
	return nil
}

// SetPledgeStatus moves a pledge along its status path.
func (s *Store) SetPledgeStatus(ctx context.Context, id int64, m pledgebook.StatusMove) (*pledgebook.Pledge, error) {
	var out *pledgebook.Pledge
	err := s.writeTx(ctx, "set pledge status", func(t *tx) error {
		p, err := t.visiblePledge(id)
		if err != nil {
			return err
		}
		if err := t.move(p, m); err != nil {
			return err
		}
		out, err = t.pledge(id)
		if err != nil {
			return err
		}
		return t.record("status", pledgeEntity(id), p.Snapshot(), out.Snapshot())
	})
	return out, err
}

// move checks and applies one status move without auditing it.
func (t *tx) move(p *pledgebook.Pledge, m pledgebook.StatusMove) error {
	if err := pledgebook.CheckMove(p.Status, m.To); err != nil {
		return err
	}
	if m.On.IsZero() {
		return pledgebook.FieldError("date", "the date of the status change is required")
	}
	if m.On.After(t.s.today()) {
		return pledgebook.FieldError("date", "%s is in the future", m.On)
	}
	if last := p.History[len(p.History)-1].On; m.On.Before(last) {
		return pledgebook.FieldError("date", "%s is before the pledge's last status change (%s on %s)", m.On, p.Status, last)
	}
	if _, err := t.exec(`INSERT INTO status_changes (pledge_id, from_status, to_status, on_date, note) VALUES (?, ?, ?, ?, ?)`,
		p.ID, p.Status, m.To, m.On, m.Note); err != nil {
		return fmt.Errorf("insert status: %w", err)
	}
	return t.touch("pledges", p.ID, "status = ?", m.To)
}

// touch bumps a record's version and update time, setting one more column
// if set is not empty.
func (t *tx) touch(table string, id int64, set string, v any) error {
	q := `UPDATE ` + table + ` SET version = version + 1, updated_at = ?`
	args := []any{stamp(t.now)}
	if set != "" {
		q += ", " + set
		args = append(args, v)
	}
	if _, err := t.exec(q+` WHERE id = ?`, append(args, id)...); err != nil {
		return fmt.Errorf("update %s %d: %w", table, id, err)
	}
	return nil
}

// LinkPledge records a re-announcement of a pledge.
func (s *Store) LinkPledge(ctx context.Context, id int64, src pledgebook.PledgeSource) (*pledgebook.Pledge, error) {
	var out *pledgebook.Pledge
	err := s.writeTx(ctx, "link pledge", func(t *tx) error {
		var err error
		out, err = t.linkPledge(id, src)
		return err
	})
	return out, err
}

func (t *tx) linkPledge(id int64, src pledgebook.PledgeSource) (*pledgebook.Pledge, error) {
	src.URL = strings.TrimSpace(src.URL)
	if err := pledgebook.CheckURL("source", src.URL); err != nil {
		return nil, err
	}
	if src.AnnouncedOn.IsZero() {
		return nil, pledgebook.FieldError("date", "the date of the re-announcement is required")
	}
	if src.AnnouncedOn.After(t.s.today()) {
		return nil, pledgebook.FieldError("date", "%s is in the future", src.AnnouncedOn)
	}
	p, err := t.visiblePledge(id)
	if err != nil {
		return nil, err
	}
	if src.AnnouncedOn.Before(p.AnnouncedOn) {
		return nil, pledgebook.FieldError("date", "%s is before pledge %d was first announced (%s)", src.AnnouncedOn, id, p.AnnouncedOn)
	}
	src.Reannouncement = true
	if err := t.addPledgeSource(id, src); err != nil {
		return nil, err
	}
	if err := t.touch("pledges", id, "", nil); err != nil {
		return nil, err
	}
	out, err := t.pledge(id)
	if err != nil {
		return nil, err
	}
	return out, t.record("link", pledgeEntity(id), p.Snapshot(), out.Snapshot())
}

// convert values an optional amount; nil amounts stay nil.
func (s *Store) convert(amount *decimal.Decimal, currency string, on pledgebook.Date) pledgebook.Conversion {
	if amount == nil {
		return pledgebook.Conversion{}
	}
	return s.conv.Convert(*amount, currency, on)
}
