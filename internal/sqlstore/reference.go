package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"pledgebook"
)

// SyncReference adds or updates the reference parties, coalitions and
// meetings. It never deletes: a record dropped from the reference data may
// still be referred to by pledges.
func (s *Store) SyncReference(ctx context.Context, ref pledgebook.Reference) (int, error) {
	changed := 0
	err := s.writeTx(ctx, "sync reference data", func(t *tx) error {
		changed = 0
		parties, err := s.findParties(ctx, t.Tx, pledgebook.PartyFilter{}, everything)
		if err != nil {
			return err
		}
		have := map[string]pledgebook.Party{}
		for _, p := range parties {
			have[p.Code] = p
		}
		for _, p := range ref.Parties {
			old, ok := have[p.Code]
			if ok && sameJSON(old, p) {
				continue
			}
			if err := t.putParty(p, ok); err != nil {
				return err
			}
			changed++
			if err := t.record(action(ok), "party/"+p.Code, orNil(old, ok), p); err != nil {
				return err
			}
		}
		meetings, err := s.findMeetings(ctx, t.Tx, "")
		if err != nil {
			return err
		}
		haveM := map[string]pledgebook.Meeting{}
		for _, m := range meetings {
			haveM[m.ID] = m
		}
		for _, m := range ref.Meetings {
			if m.Chairs == nil {
				m.Chairs = []string{}
			}
			old, ok := haveM[m.ID]
			if ok && sameJSON(old, m) {
				continue
			}
			if err := t.putMeeting(m, ok); err != nil {
				return err
			}
			changed++
			if err := t.record(action(ok), "meeting/"+m.ID, orNil(old, ok), m); err != nil {
				return err
			}
		}
		coalitions, err := s.findCoalitions(ctx, t.Tx, "")
		if err != nil {
			return err
		}
		haveC := map[string]pledgebook.Coalition{}
		for _, c := range coalitions {
			haveC[c.ID] = c
		}
		for _, c := range ref.Coalitions {
			c = normalizeCoalition(c)
			old, ok := haveC[c.ID]
			if ok && sameJSON(old, c) {
				continue
			}
			if err := t.putCoalition(c, ok); err != nil {
				return err
			}
			changed++
			if err := t.record(action(ok), "coalition/"+c.ID, orNil(old, ok), c); err != nil {
				return err
			}
		}
		return nil
	})
	return changed, err
}

func action(exists bool) string {
	if exists {
		return "update"
	}
	return "create"
}

func orNil[T any](v T, ok bool) any {
	if !ok {
		return nil
	}
	return v
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

func (t *tx) putParty(p pledgebook.Party, exists bool) error {
	if p.Code == "" || (p.Kind != pledgebook.Country && p.Kind != pledgebook.Organisation) {
		return fmt.Errorf("reference party %q: code and kind are required", p.Code)
	}
	args := []any{p.Kind, p.Alpha3, p.NameEN, p.NameDE, p.NameUK, p.Currency, strings.Join(p.Memberships, ","), p.Code}
	q := `INSERT INTO parties (kind, alpha3, name_en, name_de, name_uk, currency, memberships, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	if exists {
		q = `UPDATE parties SET kind = ?, alpha3 = ?, name_en = ?, name_de = ?, name_uk = ?, currency = ?, memberships = ? WHERE code = ?`
	}
	if _, err := t.exec(q, args...); err != nil {
		return fmt.Errorf("store party %s: %w", p.Code, err)
	}
	return nil
}

func (t *tx) putMeeting(m pledgebook.Meeting, exists bool) error {
	if m.ID == "" || m.Date.IsZero() {
		return fmt.Errorf("reference meeting %q: id and date are required", m.ID)
	}
	args := []any{m.Kind, m.Number, m.Title, m.Date, m.Place, m.Format, strings.Join(m.Chairs, "\n"), m.Source, m.ID}
	q := `INSERT INTO meetings (kind, number, title, date, place, format, chairs, source, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	if exists {
		q = `UPDATE meetings SET kind = ?, number = ?, title = ?, date = ?, place = ?, format = ?, chairs = ?, source = ? WHERE id = ?`
	}
	if _, err := t.exec(q, args...); err != nil {
		return fmt.Errorf("store meeting %s: %w", m.ID, err)
	}
	return nil
}

// normalizeCoalition puts a coalition in the form it is stored and read
// back in: every lead is a member, leads and members sorted by party.
func normalizeCoalition(c pledgebook.Coalition) pledgebook.Coalition {
	c.Leads = slices.Clone(c.Leads)
	slices.Sort(c.Leads)
	c.Leads = slices.Compact(c.Leads)
	members := map[string]pledgebook.CoalitionMember{}
	for _, m := range c.Members {
		members[m.Party] = m
	}
	for _, l := range c.Leads {
		if _, ok := members[l]; !ok {
			members[l] = pledgebook.CoalitionMember{Party: l}
		}
	}
	c.Members = c.Members[:0:0]
	for _, m := range members {
		c.Members = append(c.Members, m)
	}
	slices.SortFunc(c.Members, func(a, b pledgebook.CoalitionMember) int { return strings.Compare(a.Party, b.Party) })
	if c.Leads == nil {
		c.Leads = []string{}
	}
	if c.Categories == nil {
		c.Categories = []pledgebook.Category{}
	}
	return c
}

func (t *tx) putCoalition(c pledgebook.Coalition, exists bool) error {
	if c.ID == "" {
		return errors.New("reference coalition: id is required")
	}
	cats := make([]string, len(c.Categories))
	for i, cat := range c.Categories {
		cats[i] = string(cat)
	}
	args := []any{c.Name, c.Founded, strings.Join(cats, ","), c.Notes, c.ID}
	q := `INSERT INTO coalitions (name, founded, categories, notes, id) VALUES (?, ?, ?, ?, ?)`
	if exists {
		q = `UPDATE coalitions SET name = ?, founded = ?, categories = ?, notes = ? WHERE id = ?`
	}
	if _, err := t.exec(q, args...); err != nil {
		return fmt.Errorf("store coalition %s: %w", c.ID, err)
	}
	if _, err := t.exec(`DELETE FROM coalition_members WHERE coalition_id = ?`, c.ID); err != nil {
		return fmt.Errorf("store coalition %s: %w", c.ID, err)
	}
	for _, m := range c.Members {
		lead := slices.Contains(c.Leads, m.Party)
		if _, err := t.exec(`INSERT INTO coalition_members (coalition_id, party, lead, joined) VALUES (?, ?, ?, ?)`, c.ID, m.Party, lead, m.Joined); err != nil {
			return fmt.Errorf("store coalition %s member %s: %w", c.ID, m.Party, err)
		}
	}
	return nil
}

// querier is what reads need: a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// FindParties returns the parties f selects, ordered by code.
func (s *Store) FindParties(ctx context.Context, f pledgebook.PartyFilter) ([]pledgebook.Party, error) {
	ps, err := s.findParties(ctx, s.read, f, reachOf(ctx))
	return ps, s.fail("find parties", err)
}

// FindPartyByCode returns one party.
func (s *Store) FindPartyByCode(ctx context.Context, code string) (pledgebook.Party, error) {
	ps, err := s.findParties(ctx, s.read, pledgebook.PartyFilter{}, reachOf(ctx), code)
	if err != nil {
		return pledgebook.Party{}, s.fail("find party", err)
	}
	if len(ps) == 0 {
		return pledgebook.Party{}, s.fail("find party", notFound("party", code))
	}
	return ps[0], nil
}

// findParties loads the parties f selects; with f.Donors, those that have
// made a pledge r allows, so that a donor whose pledges are all hidden
// from the viewer is not given away by the list.
func (s *Store) findParties(ctx context.Context, db querier, f pledgebook.PartyFilter, r pledgebook.Reach, codes ...string) ([]pledgebook.Party, error) {
	w := &where{}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.Donors {
		cond, args := visibleSQL(r, "visibility", "donor", "recipient")
		if cond == "" {
			w.add("code IN (SELECT donor FROM pledges)")
		} else {
			w.add("code IN (SELECT donor FROM pledges WHERE "+cond+")", args...)
		}
	}
	if len(codes) == 1 {
		w.add("code = ?", codes[0])
	}
	q := `SELECT code, kind, alpha3, name_en, name_de, name_uk, currency, memberships FROM parties` + w.String()
	rows, err := db.QueryContext(ctx, s.q(q+" ORDER BY code"), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pledgebook.Party
	for rows.Next() {
		var p pledgebook.Party
		var members string
		if err := rows.Scan(&p.Code, &p.Kind, &p.Alpha3, &p.NameEN, &p.NameDE, &p.NameUK, &p.Currency, &members); err != nil {
			return nil, err
		}
		p.Memberships = splitList(members)
		if f.MemberOf != "" && !p.IsMember(f.MemberOf) {
			continue
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// FindMeetings returns every meeting, oldest first.
func (s *Store) FindMeetings(ctx context.Context) ([]pledgebook.Meeting, error) {
	ms, err := s.findMeetings(ctx, s.read, "")
	return ms, s.fail("find meetings", err)
}

// FindMeetingByID returns one meeting.
func (s *Store) FindMeetingByID(ctx context.Context, id string) (pledgebook.Meeting, error) {
	ms, err := s.findMeetings(ctx, s.read, id)
	if err == nil && len(ms) == 0 {
		err = notFound("meeting", id)
	}
	if err != nil {
		return pledgebook.Meeting{}, s.fail("find meeting", err)
	}
	return ms[0], nil
}

func (s *Store) findMeetings(ctx context.Context, db querier, id string) ([]pledgebook.Meeting, error) {
	q := `SELECT id, kind, number, title, date, place, format, chairs, source FROM meetings`
	var args []any
	if id != "" {
		q, args = q+` WHERE id = ?`, append(args, id)
	}
	rows, err := db.QueryContext(ctx, s.q(q+` ORDER BY date, id`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pledgebook.Meeting
	for rows.Next() {
		var m pledgebook.Meeting
		var chairs string
		if err := rows.Scan(&m.ID, &m.Kind, &m.Number, &m.Title, &m.Date, &m.Place, &m.Format, &chairs, &m.Source); err != nil {
			return nil, err
		}
		m.Chairs = []string{}
		if chairs != "" {
			m.Chairs = strings.Split(chairs, "\n")
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// FindCoalitions returns every coalition, ordered by ID.
func (s *Store) FindCoalitions(ctx context.Context) ([]pledgebook.Coalition, error) {
	cs, err := s.findCoalitions(ctx, s.read, "")
	return cs, s.fail("find coalitions", err)
}

// FindCoalitionByID returns one coalition.
func (s *Store) FindCoalitionByID(ctx context.Context, id string) (pledgebook.Coalition, error) {
	cs, err := s.findCoalitions(ctx, s.read, id)
	if err == nil && len(cs) == 0 {
		err = notFound("coalition", id)
	}
	if err != nil {
		return pledgebook.Coalition{}, s.fail("find coalition", err)
	}
	return cs[0], nil
}

func (s *Store) findCoalitions(ctx context.Context, db querier, id string) ([]pledgebook.Coalition, error) {
	q := `SELECT id, name, founded, categories, notes FROM coalitions`
	mq := `SELECT coalition_id, party, lead, joined FROM coalition_members`
	var args []any
	if id != "" {
		q, mq, args = q+` WHERE id = ?`, mq+` WHERE coalition_id = ?`, append(args, id)
	}
	rows, err := db.QueryContext(ctx, s.q(q+` ORDER BY id`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pledgebook.Coalition
	index := map[string]int{}
	for rows.Next() {
		var c pledgebook.Coalition
		var cats string
		if err := rows.Scan(&c.ID, &c.Name, &c.Founded, &cats, &c.Notes); err != nil {
			return nil, err
		}
		c.Leads, c.Members, c.Categories = []string{}, []pledgebook.CoalitionMember{}, []pledgebook.Category{}
		for _, cat := range splitList(cats) {
			c.Categories = append(c.Categories, pledgebook.Category(cat))
		}
		index[c.ID] = len(out)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	mrows, err := db.QueryContext(ctx, s.q(mq+` ORDER BY coalition_id, party`), args...)
	if err != nil {
		return nil, err
	}
	defer mrows.Close()
	for mrows.Next() {
		var cid string
		var m pledgebook.CoalitionMember
		var lead bool
		if err := mrows.Scan(&cid, &m.Party, &lead, &m.Joined); err != nil {
			return nil, err
		}
		i, ok := index[cid]
		if !ok {
			continue
		}
		out[i].Members = append(out[i].Members, m)
		if lead {
			out[i].Leads = append(out[i].Leads, m.Party)
		}
	}
	return out, mrows.Err()
}
