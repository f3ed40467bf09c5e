package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"pledgebook"
)

const sourceColumns = `id, url, publisher, title, published, language, content_hash, created_at`

// source returns the id of the source with src's URL, creating and
// auditing it when it is new.
func (t *tx) source(src pledgebook.PledgeSource) (int64, error) {
	var id int64
	err := t.queryRow(`SELECT id FROM sources WHERE url = ?`, src.URL).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("look up source: %w", err)
	}
	published := src.Published
	if published.IsZero() {
		published = src.AnnouncedOn
	}
	id, err = t.insertID(`INSERT INTO sources (url, publisher, title, published, language, created_at) VALUES (?, ?, ?, ?, '', ?)`,
		src.URL, src.Publisher, src.Title, published, stamp(t.now))
	if err != nil {
		return 0, fmt.Errorf("insert source: %w", err)
	}
	stored, err := t.s.findSources(t.ctx, t.Tx, id, false, everything)
	if err != nil {
		return 0, err
	}
	return id, t.record("create", sourceEntity(id), nil, stored[0])
}

func sourceEntity(id int64) string { return "source/" + strconv.FormatInt(id, 10) }

// FindSources returns every source, newest first, without its text.
func (s *Store) FindSources(ctx context.Context) ([]*pledgebook.Source, error) {
	out, err := s.findSources(ctx, s.read, 0, false, reachOf(ctx))
	return out, s.fail("find sources", err)
}

// FindSourceByID returns one source with its text.
func (s *Store) FindSourceByID(ctx context.Context, id int64) (*pledgebook.Source, error) {
	out, err := s.findSources(ctx, s.read, id, true, reachOf(ctx))
	if err == nil && len(out) == 0 {
		err = notFound("source", id)
	}
	if err != nil {
		return nil, s.fail("find source", err)
	}
	return out[0], nil
}

// findSources loads every source, or the one with id when not 0, if r
// may review; no source otherwise.
func (s *Store) findSources(ctx context.Context, db querier, id int64, withText bool, r pledgebook.Reach) ([]*pledgebook.Source, error) {
	cols := sourceColumns
	if withText {
		cols += ", text"
	}
	w := &where{}
	if id != 0 {
		w.add(`id = ?`, id)
	}
	if !r.Review {
		w.add(nothing)
	}
	q := `SELECT ` + cols + ` FROM sources` + w.String()
	rows, err := db.QueryContext(ctx, s.q(q+` ORDER BY published DESC, id DESC`), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*pledgebook.Source
	for rows.Next() {
		src := &pledgebook.Source{}
		dest := []any{&src.ID, &src.URL, &src.Publisher, &src.Title, &src.Published, &src.Language, stringScan{&src.ContentHash}, timeScan{&src.CreatedAt}}
		if withText {
			dest = append(dest, &src.Text)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("scan source: %w", err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}
