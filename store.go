package pledgebook

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// Store keeps the ledger. Every method that changes data validates its
// input completely before writing, writes the change and its audit event in
// one transaction, and changes nothing when it returns an error.
//
// Errors are *Error values: KindInvalid for bad input (naming the field),
// KindNotFound for a missing record, KindConflict for a duplicate or a
// stale version, KindInternal for everything else.
//
// Every read returns only what the viewer in ctx (see WithViewer) may see,
// by Viewer.CanSee; without a viewer, only what is public. A record the
// viewer may not see is not found, with the same error as a missing one,
// and it changes nothing the viewer sees: no total, count, status or
// listing. A write addressed to such a record (a status move, a delivery,
// a link) fails as if the record did not exist. Reads a store makes for
// itself while writing (duplicate checks, delivered quantities, audit
// verification) see everything, and their messages name only what the
// viewer may see.
type Store interface {
	FeedStore    // feed.go
	WebhookStore // webhook.go

	// SyncReference brings the parties, coalitions and meetings in line with
	// ref, auditing each record it adds or changes. It reports how many
	// records changed; a second call with the same ref changes nothing.
	SyncReference(ctx context.Context, ref Reference) (int, error)

	// FindParties returns the parties that f selects, ordered by code.
	FindParties(ctx context.Context, f PartyFilter) ([]Party, error)
	// FindPartyByCode returns a party or a not-found error.
	FindPartyByCode(ctx context.Context, code string) (Party, error)
	// FindCoalitions returns every coalition, ordered by ID.
	FindCoalitions(ctx context.Context) ([]Coalition, error)
	// FindCoalitionByID returns a coalition or a not-found error.
	FindCoalitionByID(ctx context.Context, id string) (Coalition, error)
	// FindMeetings returns every meeting, oldest first.
	FindMeetings(ctx context.Context) ([]Meeting, error)
	// FindMeetingByID returns a meeting or a not-found error.
	FindMeetingByID(ctx context.Context, id string) (Meeting, error)

	// CreateRequirement validates r, stores it and sets its ID, version and
	// times. A Ref that is already taken is a conflict.
	CreateRequirement(ctx context.Context, r *Requirement) error
	// FindRequirementByID returns a requirement or a not-found error.
	// Requirements have no donor: a confidential one is seen by admins,
	// coordinators and the recipient's users.
	FindRequirementByID(ctx context.Context, id int64) (*Requirement, error)
	// FindRequirements returns the requirements f selects, most urgent first.
	FindRequirements(ctx context.Context, f RequirementFilter) ([]*Requirement, error)
	// UpdateRequirement changes the fields of requirement id that upd sets
	// (a nil field is left as it is), provided its version is still
	// version: otherwise it is a conflict naming the field "version", and
	// nothing changes. The result is validated as CreateRequirement
	// validates one; a changed amount or currency is valued again on the
	// day of the change. The change is audited as an "update" event; an
	// update that changes nothing is not recorded. A requirement the viewer
	// may not see is not found.
	UpdateRequirement(ctx context.Context, id int64, upd RequirementUpdate, version int) (*Requirement, error)

	// CreatePledge validates p, converts its amount to EUR and USD, and
	// stores it with its first status entry and, if given, its source. A
	// pledge that looks like an existing one (see Pledge.LooksLike) is
	// refused with a conflict naming that pledge, unless opts.Force is set;
	// the check sees every pledge, but when the viewer may not see the one
	// it found, the conflict says only that there is such a pledge. A
	// requirement the viewer may not see is unknown.
	CreatePledge(ctx context.Context, p *Pledge, opts CreatePledgeOptions) error
	// FindPledgeByID returns a pledge with its sources, history and
	// delivered totals, or a not-found error. The totals count only the
	// deliveries the viewer may see, and the requirement the pledge answers
	// is nil when the viewer may not see it.
	FindPledgeByID(ctx context.Context, id int64) (*Pledge, error)
	// FindPledges returns the pledges f selects, oldest announcement first
	// (newest first when f.Desc), ties by ID, and the number of pledges f
	// selects without its cursor, offset and limit, filled in as
	// FindPledgeByID fills them. Only the pledges returned are filled in,
	// so a page costs a page.
	FindPledges(ctx context.Context, f PledgeFilter) ([]*Pledge, int, error)
	// PledgeFigures adds up, in q.Basis, the pledges announced within
	// q.From and q.To that the viewer may see, with the deliveries of them
	// the viewer may see: the figures that TotalsBy and Timeline compute
	// from FindPledges and FindDeliveries, read without the pledges'
	// sources and history.
	PledgeFigures(ctx context.Context, q ReportQuery) (*Figures, error)
	// SetPledgeStatus moves a pledge to a new status on a date (see
	// CheckMove); the date may not precede the previous move.
	SetPledgeStatus(ctx context.Context, id int64, m StatusMove) (*Pledge, error)
	// UpdatePledge changes the fields of pledge id that upd sets (a nil
	// field is left as it is), provided the pledge's version is still
	// version: otherwise it is a conflict, and nothing changes. The result
	// is validated as CreatePledge validates a pledge; amounts are valued
	// again when the amount, currency or date changes. The change is
	// audited as an "update" event; an update that changes nothing is not
	// recorded and returns the pledge as it is. A pledge the viewer may not
	// see is not found.
	UpdatePledge(ctx context.Context, id int64, upd PledgeUpdate, version int) (*Pledge, error)
	// LinkPledge records a re-announcement of pledge id: another source,
	// date and meeting for the same pledge, which is not counted again.
	LinkPledge(ctx context.Context, id int64, src PledgeSource) (*Pledge, error)

	// CreateDelivery validates d against its pledge (see CheckDelivery),
	// converts its amount, and stores it. A pledge whose status was before
	// delivering moves to delivering, and to delivered once its whole
	// quantity has arrived. Only deliveries within the pledge's visibility
	// (see Visibility.Within) move it: a pledge's readers must not learn
	// from its status of a delivery hidden from them.
	CreateDelivery(ctx context.Context, d *Delivery) error
	// ConfirmDelivery records that the recipient confirmed receipt of
	// delivery id, provided the delivery's version is still version:
	// otherwise it is a conflict naming the field "version", and nothing
	// changes. Confirming a delivery already confirmed is a conflict. The
	// change is audited as a "confirm" event. A delivery the viewer may not
	// see (or whose pledge they may not see) is not found. Deciding who may
	// confirm is the caller's job.
	ConfirmDelivery(ctx context.Context, id int64, version int) (*Delivery, error)
	// FindDeliveries returns the deliveries f selects, oldest first (newest
	// first when f.Desc), ties by ID: those the viewer may see and whose
	// pledge the viewer may see.
	FindDeliveries(ctx context.Context, f DeliveryFilter) ([]*Delivery, error)
	// FindDeliveryByID returns a delivery or a not-found error; a delivery
	// the viewer may not see, or whose pledge they may not see, is not
	// found.
	FindDeliveryByID(ctx context.Context, id int64) (*Delivery, error)

	// FindSources returns every source, newest first, without its text.
	// Sources and candidates are the review queue: only viewers who may
	// review (Viewer.CanReview) see them; for others the list is empty and
	// a single one is not found.
	FindSources(ctx context.Context) ([]*Source, error)
	// FindSourceByID returns a source with its text, or a not-found error.
	FindSourceByID(ctx context.Context, id int64) (*Source, error)

	// IngestSource stores a document and queues its candidates for review.
	// A document whose text is already stored (same content hash) or whose
	// URL is already a source is not stored again: IngestSource then
	// returns that source and created false, and queues nothing.
	IngestSource(ctx context.Context, in Ingest) (src *Source, created bool, err error)
	// FindCandidates returns the candidates f selects, oldest first; none
	// for a viewer who may not review (see FindSources). Reviewing a
	// candidate such a viewer may not see fails as not found.
	FindCandidates(ctx context.Context, f CandidateFilter) ([]*Candidate, error)
	// FindCandidateByID returns a candidate or a not-found error.
	FindCandidateByID(ctx context.Context, id int64) (*Candidate, error)
	// AcceptCandidate records p, the candidate's pledge as the curator
	// corrected it, as a new pledge whose source is the candidate's source
	// and evidence, and marks the candidate accepted. The duplicate check of
	// CreatePledge applies (a conflict suggests linking instead) unless
	// force is set. A candidate already reviewed is a conflict.
	AcceptCandidate(ctx context.Context, id int64, p *Pledge, force bool) (*Candidate, error)
	// LinkCandidate records the candidate as a re-announcement of pledge
	// pledgeID, on date on (the candidate's own date when zero), and marks it
	// linked.
	LinkCandidate(ctx context.Context, id, pledgeID int64, on Date) (*Candidate, error)
	// RejectCandidate marks a candidate rejected; the reason is required.
	RejectCandidate(ctx context.Context, id int64, reason string) (*Candidate, error)

	// AuditLog returns the audit events f selects, oldest first (newest
	// first when f.Desc). Admins and coordinators read the whole log; other
	// viewers only the events of records they may see now, and never those
	// of users and tokens.
	AuditLog(ctx context.Context, f AuditFilter) ([]AuditEvent, error)
	// FindAuditEventBySeq returns the audit event numbered seq, or a
	// not-found error when there is none or the viewer may not read it (by
	// the rule of AuditLog).
	FindAuditEventBySeq(ctx context.Context, seq int64) (AuditEvent, error)
	// VerifyAudit checks the audit chain and that every stored record
	// matches the last state the log gives for it. A broken chain is not an
	// error: the report says what is wrong.
	VerifyAudit(ctx context.Context) (AuditReport, error)

	// CreateUser validates u, stores it with passwordHash (a PHC string,
	// see CheckPasswordHash; never the password) and sets its ID, version
	// and times. A name already taken is a conflict; an unknown party is
	// invalid. The audit event records the user without the hash.
	CreateUser(ctx context.Context, u *User, passwordHash string) error
	// FindUsers returns the users the viewer may see, ordered by name,
	// without their password hashes: every user for admins and
	// coordinators, a signed-in user's own record for others, none for the
	// public.
	FindUsers(ctx context.Context) ([]*User, error)
	// FindUserByName returns the user called name (folded as
	// NormalizeUserName folds it) with its password hash, or a not-found
	// error. It is the sign-in lookup, made before there is a viewer, so it
	// does not depend on one: callers must use it only to check a password
	// and never serve its result as a read. A disabled user is returned,
	// Disabled set; refusing it is the caller's job.
	FindUserByName(ctx context.Context, name string) (*User, error)
	// SetUserDisabled disables or enables a user and returns it; a disabled
	// user's tokens stop working at once. Setting the state it already has
	// changes nothing. A user the viewer may not see is not found.
	SetUserDisabled(ctx context.Context, id int64, disabled bool) (*User, error)
	// SetUserPassword replaces a user's password hash (see
	// CheckPasswordHash) and sets PasswordSetAt to the store's clock. The
	// change is audited as a "password" event, without either hash. A user
	// the viewer may not see is not found.
	SetUserPassword(ctx context.Context, id int64, passwordHash string) (*User, error)

	// CreateToken stores an API token for user userID, known by name,
	// expiring at expires, which must be later than the store's clock.
	// hash is the token's hex SHA-256 (see CheckTokenHash); the token itself
	// is never given to the store. A user the viewer may not see is not
	// found, and a disabled one is invalid.
	CreateToken(ctx context.Context, userID int64, name, hash string, expires time.Time) (*Token, error)
	// FindTokens returns user userID's tokens, newest first, revoked and
	// expired ones included; none when the viewer may not see the user.
	FindTokens(ctx context.Context, userID int64) ([]*Token, error)
	// RevokeToken revokes a token at the store's clock and returns it. A
	// token already revoked is a conflict; one the viewer may not see (that
	// of a user the viewer may not see) is not found.
	RevokeToken(ctx context.Context, id int64) (*Token, error)
	// FindUserByTokenHash returns the user holding the token whose hex
	// SHA-256 is hash, and the token. It is not found when no token has
	// that hash, or the token is revoked or expired by the store's clock,
	// or its user is disabled, with the same error in every case. Like
	// FindUserByName it is a sign-in lookup that does not depend on the
	// viewer, and it returns no password hash.
	FindUserByTokenHash(ctx context.Context, hash string) (*User, *Token, error)

	// CreateSession stores a browser session of user userID by hash, the
	// hex SHA-256 of its secret id (see CheckTokenHash), expiring at
	// expires, which must be later than the store's clock. A disabled or
	// unknown user is invalid. Sessions are not audited: they change no
	// record.
	CreateSession(ctx context.Context, userID int64, hash string, expires time.Time) (*Session, error)
	// FindUserBySessionHash returns the user of the session whose hash is
	// hash. It is not found, with one error for every case, when there is
	// no such session, it has expired by the store's clock, its user is
	// disabled, or the user's password was set after the session began.
	// Like FindUserByName it does not depend on the viewer.
	FindUserBySessionHash(ctx context.Context, hash string) (*User, *Session, error)
	// DeleteSession ends the session whose hash is hash; ending one that
	// does not exist is not an error, so that signing out twice is harmless.
	DeleteSession(ctx context.Context, hash string) error

	// RecordRefusal appends an audit event of action "refused", by the
	// actor in ctx, for a write that was refused: entity
	// "refusal/ACTION/TARGET", e.g. "refusal/pledge.update/pledge/42",
	// with no snapshots. Only admins and coordinators read such events.
	RecordRefusal(ctx context.Context, action, target string) error

	// ClaimIdempotencyKey claims k for the request about to run. When no
	// request was made with k's user, key and route, it stores the claim
	// and returns nil, nil: the caller runs the request and then calls
	// CompleteIdempotencyKey. Otherwise it returns what is stored for the
	// earlier request, whose RequestHash tells a retry from a reuse of the
	// key and whose Done is false while it still runs.
	ClaimIdempotencyKey(ctx context.Context, k IdempotencyKey) (*IdempotentResponse, error)
	// CompleteIdempotencyKey stores the response to the request that
	// claimed k; status 0 releases the claim instead, so that a request
	// that failed may be made again with the same key.
	CompleteIdempotencyKey(ctx context.Context, k IdempotencyKey, status int, body []byte) error

	// Ping checks that the database answers.
	Ping(ctx context.Context) error

	// Close releases the store's resources.
	Close() error
}

// Converter values an amount of money in EUR and USD on a date.
type Converter interface {
	// Convert returns the EUR and USD values of amount in currency at the
	// reference rate of day on, or of the nearest earlier business day. When
	// no rate exists, the values are nil and the reason says why; that is
	// not an error.
	Convert(amount decimal.Decimal, currency string, on Date) Conversion
}

// Conversion is the result of valuing an amount in EUR and USD.
type Conversion struct {
	EUR, USD *decimal.Decimal
	RateDate Date   // the business day whose rates were used
	Reason   string // why EUR is nil, when it is
}
