package httpapi

import (
	"context"

	"pledgebook"
)

// action is a kind of write that authorization decides on.
type action string

// The writes the API offers.
const (
	actPledgeCreate      action = "pledge.create"
	actPledgeUpdate      action = "pledge.update"
	actPledgeStatus      action = "pledge.status"
	actDeliveryCreate    action = "delivery.create"
	actDeliveryConfirm   action = "delivery.confirm"
	actRequirementCreate action = "requirement.create"
	actRequirementUpdate action = "requirement.update"
	actCandidateReview   action = "candidate.review"
	actSourceIngest      action = "source.ingest"
	actWebhookManage     action = "webhook.manage"
)

// scope says which records of an action a role may write.
type scope int

const (
	scopeNone         scope = iota
	scopeAll                // every record
	scopeOwnDonor           // records whose donor is the user's party
	scopeOwnRecipient       // records whose recipient is the user's party
)

// permissions is the one statement of who may write what: role × action.
// Reading is not here: the store decides what each viewer reads.
var permissions = map[action]map[pledgebook.Role]scope{
	actPledgeCreate:      {pledgebook.RoleAdmin: scopeAll, pledgebook.RoleCoordinator: scopeAll, pledgebook.RoleDonor: scopeOwnDonor},
	actPledgeUpdate:      {pledgebook.RoleAdmin: scopeAll, pledgebook.RoleCoordinator: scopeAll, pledgebook.RoleDonor: scopeOwnDonor},
	actPledgeStatus:      {pledgebook.RoleAdmin: scopeAll, pledgebook.RoleCoordinator: scopeAll, pledgebook.RoleDonor: scopeOwnDonor},
	actDeliveryCreate:    {pledgebook.RoleAdmin: scopeAll, pledgebook.RoleCoordinator: scopeAll, pledgebook.RoleDonor: scopeOwnDonor, pledgebook.RoleRecipient: scopeOwnRecipient},
	actDeliveryConfirm:   {pledgebook.RoleAdmin: scopeAll, pledgebook.RoleCoordinator: scopeAll, pledgebook.RoleRecipient: scopeOwnRecipient},
	actRequirementCreate: {pledgebook.RoleAdmin: scopeAll, pledgebook.RoleCoordinator: scopeAll, pledgebook.RoleRecipient: scopeOwnRecipient},
	actRequirementUpdate: {pledgebook.RoleAdmin: scopeAll, pledgebook.RoleCoordinator: scopeAll, pledgebook.RoleRecipient: scopeOwnRecipient},
	actCandidateReview:   {pledgebook.RoleAdmin: scopeAll, pledgebook.RoleCoordinator: scopeAll, pledgebook.RoleCurator: scopeAll},
	// Submitting a document fills the review queue: who reviews it.
	actSourceIngest: {pledgebook.RoleAdmin: scopeAll, pledgebook.RoleCoordinator: scopeAll, pledgebook.RoleCurator: scopeAll},
	// Every signed-in user manages their own webhooks: the store finds
	// only a user's own (an admin's: all), so scopeAll here is "own".
	actWebhookManage: {pledgebook.RoleAdmin: scopeAll, pledgebook.RoleCoordinator: scopeAll, pledgebook.RoleDonor: scopeAll,
		pledgebook.RoleRecipient: scopeAll, pledgebook.RoleCurator: scopeAll, pledgebook.RoleViewer: scopeAll},
}

// allowed reports whether v may do act on a record of donor and recipient.
func allowed(v pledgebook.Viewer, act action, donor, recipient string) bool {
	switch permissions[act][v.Role] {
	case scopeAll:
		return true
	case scopeOwnDonor:
		return v.Party != "" && v.Party == donor
	case scopeOwnRecipient:
		return v.Party != "" && v.Party == recipient
	}
	return false
}

// authorize refuses act on target (an audit entity such as "pledge/42",
// or a collection such as "pledges") unless the viewer in ctx may do it:
// unauthorized for the public, forbidden for a user without the right.
// Every refusal of a signed-in user is audited.
func (a *API) authorize(ctx context.Context, act action, target, donor, recipient string) error {
	v := viewerOf(ctx)
	if !v.SignedIn() {
		return pledgebook.Errorf(pledgebook.KindUnauthorized, "sign in to do this")
	}
	if allowed(v, act, donor, recipient) {
		return nil
	}
	if err := a.store.RecordRefusal(ctx, string(act), target); err != nil {
		a.log.ErrorContext(ctx, "audit refusal", "err", err)
	}
	return pledgebook.Errorf(pledgebook.KindForbidden, "a %s user may not do %s here", v.Role, act)
}

// signedIn refuses the public before any input is read.
func signedIn(ctx context.Context) error {
	if !viewerOf(ctx).SignedIn() {
		return pledgebook.Errorf(pledgebook.KindUnauthorized, "sign in to do this")
	}
	return nil
}
