package httpapi

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"pledgebook"
)

// Page is a page of a listing: the items, and the cursor of the next page,
// empty on the last one.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// The bounds of ?limit=.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// listParams are the paging parameters every listing takes.
var listParams = []param{
	{name: "limit", typ: "integer", desc: "items per page, 1 to 500 (default 50)"},
	{name: "cursor", typ: "string", desc: "the next_cursor of the previous page"},
	{name: "order", typ: "string", desc: "asc (default) or desc by the listing's sort key", enum: []string{"asc", "desc"}},
}

// paging is what a listing's query asks for: at most limit items after
// the cursor (nil without one), in ascending order unless desc.
type paging struct {
	limit  int
	desc   bool
	cursor []byte
}

// readPaging reads ?limit=, ?order= and ?cursor=, checking each.
func readPaging(q url.Values) (paging, error) {
	p := paging{limit: defaultLimit}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return p, pledgebook.FieldError("limit", "must be a whole number from 1 to %d, got %q", maxLimit, s)
		}
		p.limit = min(n, maxLimit)
	}
	switch q.Get("order") {
	case "", "asc":
	case "desc":
		p.desc = true
	default:
		return p, pledgebook.FieldError("order", "must be asc or desc, got %q", q.Get("order"))
	}
	if c := q.Get("cursor"); c != "" {
		b, err := base64.RawURLEncoding.DecodeString(c)
		if err != nil || !utf8.Valid(b) {
			return p, badCursor()
		}
		p.cursor = b
	}
	return p, nil
}

// badCursor is the error for a cursor the API did not give out.
func badCursor() error { return pledgebook.FieldError("cursor", "is not a cursor this API gave out") }

// storePage makes a page of items, which the store returned for a limit of
// limit+1: the extra item, when there is one, only says that there is a
// next page, whose cursor is the key of the page's last item.
func storePage[T any](items []T, limit int, key func(T) string) Page[T] {
	if items == nil {
		items = []T{}
	}
	if len(items) <= limit {
		return Page[T]{Items: items}
	}
	items = items[:limit]
	return Page[T]{Items: items, NextCursor: base64.RawURLEncoding.EncodeToString([]byte(key(items[limit-1])))}
}

// Cursors of the listings the store pages: the key of the last item, in
// the format the in-memory listings use, so that a cursor reads the same
// whichever side pages.

func dateIDKey(d pledgebook.Date, id int64) string { return dateKey(d) + "|" + idKey(id) }

// parseDateIDKey reads a key made by dateIDKey.
func parseDateIDKey(b []byte) (pledgebook.Date, int64, error) {
	ds, is, ok := strings.Cut(string(b), "|")
	if !ok {
		return pledgebook.Date{}, 0, badCursor()
	}
	var d pledgebook.Date
	if ds != dateKey(pledgebook.Date{}) {
		var err error
		if d, err = pledgebook.ParseDate(ds); err != nil {
			return pledgebook.Date{}, 0, badCursor()
		}
	}
	id, err := parseIDKey([]byte(is))
	return d, id, err
}

// parseIDKey reads a key made by idKey.
func parseIDKey(b []byte) (int64, error) {
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil || n < 1<<62 {
		return 0, badCursor()
	}
	return n - 1<<62, nil
}

// paginate sorts items by key, in the order ?order= asks for, and returns
// the page after ?cursor= of at most ?limit= items. The cursor is the
// last item's key, base64-encoded: opaque to clients, and stable when
// records are added, because it names a position in the order rather than
// an offset.
func paginate[T any](q url.Values, items []T, key func(T) string) (Page[T], error) {
	p, err := readPaging(q)
	if err != nil {
		return Page[T]{}, err
	}
	limit, desc := p.limit, p.desc
	keys := make([]string, len(items))
	idx := make([]int, len(items))
	for i, it := range items {
		keys[i], idx[i] = key(it), i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if desc {
			return strings.Compare(keys[b], keys[a])
		}
		return strings.Compare(keys[a], keys[b])
	})
	start := 0
	if p.cursor != nil {
		after := string(p.cursor)
		start = len(idx)
		for i, j := range idx {
			if desc && keys[j] < after || !desc && keys[j] > after {
				start = i
				break
			}
		}
	}
	end := min(start+limit, len(idx))
	page := Page[T]{Items: make([]T, 0, end-start)}
	for _, j := range idx[start:end] {
		page.Items = append(page.Items, items[j])
	}
	if end < len(idx) {
		page.NextCursor = base64.RawURLEncoding.EncodeToString([]byte(keys[idx[end-1]]))
	}
	return page, nil
}

// Sort keys: fixed-width numbers, so that keys compare as strings in the
// order of the values.
func idKey(id int64) string { return strconv.FormatInt(id+1<<62, 10) }

func dateKey(d pledgebook.Date) string {
	if d.IsZero() {
		return "0000-00-00"
	}
	return d.String()
}

// writeList writes a page of items.
func writeList[T any](w http.ResponseWriter, r *http.Request, items []T, key func(T) string) error {
	page, err := paginate(r.URL.Query(), items, key)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// Query parameter parsing: each returns nil when the parameter is absent
// and an invalid-input error naming it when it is malformed.

func optString(q url.Values, name string) *string {
	if !q.Has(name) {
		return nil
	}
	s := strings.TrimSpace(q.Get(name))
	return &s
}

func optInt(q url.Values, name string) (*int64, error) {
	if !q.Has(name) {
		return nil, nil
	}
	n, err := strconv.ParseInt(q.Get(name), 10, 64)
	if err != nil || n < 1 {
		return nil, pledgebook.FieldError(name, "must be a positive whole number, got %q", q.Get(name))
	}
	return &n, nil
}

func optDate(q url.Values, name string) (*pledgebook.Date, error) {
	if !q.Has(name) {
		return nil, nil
	}
	d, err := pledgebook.ParseDate(q.Get(name))
	if err != nil {
		return nil, pledgebook.FieldError(name, "must be a date YYYY-MM-DD, got %q", q.Get(name))
	}
	return &d, nil
}

func optBool(q url.Values, name string) (bool, error) {
	if !q.Has(name) {
		return false, nil
	}
	b, err := strconv.ParseBool(q.Get(name))
	if err != nil {
		return false, pledgebook.FieldError(name, "must be true or false, got %q", q.Get(name))
	}
	return b, nil
}

// pathID parses the {name} path value as a record id.
func pathID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n < 1 {
		return 0, pledgebook.FieldError(name, "must be a positive whole number, got %q", r.PathValue(name))
	}
	return n, nil
}

// detach returns a context with ctx's values but not its cancellation.
func detach(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }
