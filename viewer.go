package pledgebook

import "context"

// Viewer is who is reading: a signed-in user, or the anonymous public (the
// zero Viewer). Stores decide from the viewer in the context which records
// a read returns; see Viewer.CanSee.
type Viewer struct {
	UserID int64
	Name   string
	Role   Role
	Party  string // the party a donor or recipient user belongs to
}

type viewerKey struct{}

// WithViewer returns a context in which reads are made on behalf of v.
func WithViewer(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerFrom returns the viewer set by WithViewer, or the anonymous public
// when there is none: a read without a viewer sees only public records.
func ViewerFrom(ctx context.Context) Viewer {
	v, _ := ctx.Value(viewerKey{}).(Viewer)
	return v
}

// SignedIn reports whether v is a user rather than the anonymous public. A
// viewer whose role is not one of the known roles counts as anonymous.
func (v Viewer) SignedIn() bool { return v.Role.Valid() }

// SeesAll reports whether v may read every record: admins and
// coordinators, who prepare the picture for everyone else.
func (v Viewer) SeesAll() bool { return v.Role == RoleAdmin || v.Role == RoleCoordinator }

// CanReview reports whether v may read the review queue: sources with
// their text and the candidates extracted from them.
func (v Viewer) CanReview() bool { return v.SeesAll() || v.Role == RoleCurator }

// CanSee reports whether v may read a record of visibility vis whose donor
// and recipient are the given parties (a record without a donor, such as a
// requirement, passes ""):
//
//   - public: everyone, signed in or not;
//   - restricted: any signed-in user;
//   - confidential: admins and coordinators, the users of the donor party
//     (v.Party == donor), and the recipient's users (role recipient and
//     v.Party == recipient).
//
// This is the one statement of the rule; stores turn Reach, which says the
// same thing, into their queries.
func (v Viewer) CanSee(vis Visibility, donor, recipient string) bool {
	return v.Reach().Allows(vis, donor, recipient)
}

// Reach is Viewer.CanSee in a form a store can turn into a query: what a
// viewer may read, described by the visibilities and parties that let a
// record through.
type Reach struct {
	All        bool   // every record: admins and coordinators
	Restricted bool   // restricted records too: any signed-in user
	Donor      string // confidential records whose donor is this party, if not ""
	Recipient  string // confidential records whose recipient is this party, if not ""
	Review     bool   // sources and review candidates: curators, coordinators, admins
	User       int64  // the viewer's own user record and tokens, if not 0
}

// Reach returns what v may read.
func (v Viewer) Reach() Reach {
	switch {
	case !v.SignedIn():
		return Reach{}
	case v.SeesAll():
		return Reach{All: true, Restricted: true, Review: true, User: v.UserID}
	}
	r := Reach{Restricted: true, Donor: v.Party, Review: v.CanReview(), User: v.UserID}
	if v.Role == RoleRecipient {
		r.Recipient = v.Party
	}
	return r
}

// Allows reports whether a record of visibility vis, whose donor and
// recipient are the given parties, is within r. A visibility that is not
// one of the three levels is allowed only to those who see everything.
func (r Reach) Allows(vis Visibility, donor, recipient string) bool {
	switch {
	case r.All:
		return true
	case vis == Public:
		return true
	case vis == Restricted:
		return r.Restricted
	case vis == Confidential:
		return r.Donor != "" && donor == r.Donor || r.Recipient != "" && recipient == r.Recipient
	}
	return false
}
