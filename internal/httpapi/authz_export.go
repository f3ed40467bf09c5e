package httpapi

import (
	"context"

	"pledgebook"
)

// Action names a write of the authorization table in authz.go, for the
// handlers served beside the API (the HTML UI), so that they refuse and
// offer exactly what the API does.
type Action = action

// The writes the table decides on.
const (
	ActPledgeCreate      = actPledgeCreate
	ActPledgeUpdate      = actPledgeUpdate
	ActPledgeStatus      = actPledgeStatus
	ActDeliveryCreate    = actDeliveryCreate
	ActDeliveryConfirm   = actDeliveryConfirm
	ActRequirementCreate = actRequirementCreate
	ActRequirementUpdate = actRequirementUpdate
	ActCandidateReview   = actCandidateReview
	ActSourceIngest      = actSourceIngest
)

// Allowed reports whether v may do act on a record of donor and recipient
// (pass "" for what the record lacks), by the API's table.
func Allowed(v pledgebook.Viewer, act Action, donor, recipient string) bool {
	return allowed(v, act, donor, recipient)
}

// Authorize refuses act on target (an audit entity such as "pledge/42",
// or a collection such as "pledges") unless the viewer in ctx may do it,
// as the API's own writes do: unauthorized for the public, forbidden, and
// audited, for a user without the right.
func (a *API) Authorize(ctx context.Context, act Action, target, donor, recipient string) error {
	return a.authorize(ctx, act, target, donor, recipient)
}
