package pledgebook

import (
	"context"
	"strings"
	"time"
)

// Selection is a set of pledges one can follow, as an Atom feed or a
// webhook: every pledge, or those of one donor, one capability area or one
// meeting.
type Selection struct {
	Kind SelectionKind `json:"kind"`
	Key  string        `json:"key,omitempty"` // the donor's code, the area, or the meeting's ID; "" for all
}

// SelectionKind says what a Selection selects by.
type SelectionKind string

// The kinds of selection.
const (
	SelectAll     SelectionKind = "all"
	SelectDonor   SelectionKind = "donor"
	SelectArea    SelectionKind = "area"
	SelectMeeting SelectionKind = "meeting"
)

// Normalize folds the key as the ledger stores it: donors in upper case,
// and the kind "all" for the zero selection.
func (s *Selection) Normalize() {
	s.Kind = SelectionKind(strings.ToLower(strings.TrimSpace(string(s.Kind))))
	s.Key = strings.TrimSpace(s.Key)
	switch s.Kind {
	case "":
		s.Kind = SelectAll
	case SelectDonor:
		s.Key = strings.ToUpper(s.Key)
	case SelectArea:
		s.Key = strings.ToLower(s.Key)
	}
}

// Validate checks the selection's own fields; that the donor or meeting
// exists is checked by the store.
func (s Selection) Validate() error {
	switch s.Kind {
	case SelectAll:
		if s.Key != "" {
			return FieldError("key", "a selection of all pledges takes no key")
		}
		return nil
	case SelectDonor, SelectMeeting:
		if s.Key == "" || len(s.Key) > 64 {
			return FieldError("key", "a %s selection needs a key of 1 to 64 characters", s.Kind)
		}
		return nil
	case SelectArea:
		if _, err := ParseCategory(s.Key); err != nil {
			return FieldError("key", "unknown capability area %q", s.Key)
		}
		return nil
	}
	return FieldError("kind", "unknown selection %q (one of all, donor, area, meeting)", s.Kind)
}

// Filter returns the pledge filter that selects s.
func (s Selection) Filter() PledgeFilter {
	var f PledgeFilter
	switch s.Kind {
	case SelectDonor:
		f.Donor = &s.Key
	case SelectArea:
		c := Category(s.Key)
		f.Category = &c
	case SelectMeeting:
		f.Meeting = &s.Key
	}
	return f
}

// Selects reports whether p is in the selection, as Filter selects it:
// a meeting selects the pledges first announced or re-announced there.
func (s Selection) Selects(p *Pledge) bool {
	switch s.Kind {
	case SelectAll:
		return true
	case SelectDonor:
		return p.Donor == s.Key
	case SelectArea:
		return string(p.Category) == s.Key
	case SelectMeeting:
		if p.Meeting == s.Key {
			return true
		}
		for _, src := range p.Sources {
			if src.Meeting == s.Key {
				return true
			}
		}
	}
	return false
}

// PledgeChange is a pledge with the last audited change to it.
type PledgeChange struct {
	Pledge *Pledge
	Seq    int64     // the audit event's sequence number
	At     time.Time // when the change was made
	Action string    // the audit action: create, status, update, link
}

// FeedStore reads what feeds are made of.
type FeedStore interface {
	// FindPledgeChanges returns the pledges f selects that the viewer may
	// see, by the same rules as FindPledges (f's cursor, offset, order and
	// status are ignored), each with its last audit event, most recently
	// changed first, at most f.Limit of them (all when 0). The pledges
	// are filled in as FindPledges fills them.
	FindPledgeChanges(ctx context.Context, f PledgeFilter) ([]PledgeChange, error)
}
