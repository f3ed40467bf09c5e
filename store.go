package pledgebook

import (
	"context"

	"github.com/shopspring/decimal"
)

// Store keeps the ledger. Every method that changes data validates its
// input completely before writing, writes the change and its audit event in
// one transaction, and changes nothing when it returns an error.
//
// Errors are *Error values: KindInvalid for bad input (naming the field),
// KindNotFound for a missing record, KindConflict for a duplicate or a
// stale version, KindInternal for everything else.
type Store interface {
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
	FindRequirementByID(ctx context.Context, id int64) (*Requirement, error)
	// FindRequirements returns the requirements f selects, most urgent first.
	FindRequirements(ctx context.Context, f RequirementFilter) ([]*Requirement, error)

	// CreatePledge validates p, converts its amount to EUR and USD, and
	// stores it with its first status entry and, if given, its source. A
	// pledge that looks like an existing one (see Pledge.LooksLike) is
	// refused with a conflict naming that pledge, unless opts.Force is set.
	CreatePledge(ctx context.Context, p *Pledge, opts CreatePledgeOptions) error
	// FindPledgeByID returns a pledge with its sources, history and
	// delivered totals, or a not-found error.
	FindPledgeByID(ctx context.Context, id int64) (*Pledge, error)
	// FindPledges returns the pledges f selects, oldest announcement first,
	// and the number of pledges f selects without its offset and limit.
	FindPledges(ctx context.Context, f PledgeFilter) ([]*Pledge, int, error)
	// SetPledgeStatus moves a pledge to a new status on a date (see
	// CheckMove); the date may not precede the previous move.
	SetPledgeStatus(ctx context.Context, id int64, m StatusMove) (*Pledge, error)
	// LinkPledge records a re-announcement of pledge id: another source,
	// date and meeting for the same pledge, which is not counted again.
	LinkPledge(ctx context.Context, id int64, src PledgeSource) (*Pledge, error)

	// CreateDelivery validates d against its pledge (see CheckDelivery),
	// converts its amount, and stores it. A pledge whose status was before
	// delivering moves to delivering, and to delivered once its whole
	// quantity has arrived.
	CreateDelivery(ctx context.Context, d *Delivery) error
	// FindDeliveries returns the deliveries f selects, oldest first.
	FindDeliveries(ctx context.Context, f DeliveryFilter) ([]*Delivery, error)

	// FindSources returns every source, newest first, without its text.
	FindSources(ctx context.Context) ([]*Source, error)
	// FindSourceByID returns a source with its text, or a not-found error.
	FindSourceByID(ctx context.Context, id int64) (*Source, error)

	// IngestSource stores a document and queues its candidates for review.
	// A document whose text is already stored (same content hash) or whose
	// URL is already a source is not stored again: IngestSource then
	// returns that source and created false, and queues nothing.
	IngestSource(ctx context.Context, in Ingest) (src *Source, created bool, err error)
	// FindCandidates returns the candidates f selects, oldest first.
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

	// AuditLog returns the audit events f selects, oldest first.
	AuditLog(ctx context.Context, f AuditFilter) ([]AuditEvent, error)
	// VerifyAudit checks the audit chain and that every stored record
	// matches the last state the log gives for it. A broken chain is not an
	// error: the report says what is wrong.
	VerifyAudit(ctx context.Context) (AuditReport, error)

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
