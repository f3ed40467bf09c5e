package httpapi

import (
	"net/http"

	"pledgebook"
	"pledgebook/internal/extract"
)

// route is one operation of the API: what registers its handler and what
// the OpenAPI document says of it, in one place, so that the two cannot
// drift apart.
type route struct {
	method, path string
	id           string // the OpenAPI operationId
	summary      string
	tag          string
	query        []param
	body         any // a value of the request body's type; nil for none
	resp         any // a value of the response's type (an item's, when list)
	list         bool
	status       int  // the success status
	write        bool // needs a signed-in user with the right role
	idempotent   bool // honours Idempotency-Key
	ifMatch      bool // requires If-Match
	etag         bool // the response carries an ETag
	plain        bool // operations: no authentication
	handle       func(http.ResponseWriter, *http.Request) error

	// media are the media types of a body that is a document rather
	// than JSON (POST /api/v1/sources), read up to maxBody bytes.
	media   []string
	maxBody int64
	alt     int // another success status with the same response: 200 for a document already stored
}

// param is a query parameter.
type param struct {
	name, typ, desc string
	enum            []string
}

// The query parameters of the listings and reports.
var (
	pledgeParams = []param{
		{name: "donor", typ: "string", desc: "donor party code"},
		{name: "category", typ: "string", desc: "capability area"},
		{name: "status", typ: "string", desc: "pledge status", enum: statusNames()},
		{name: "meeting", typ: "string", desc: "meeting id (first or later announcement)"},
		{name: "requirement", typ: "integer", desc: "requirement id the pledge answers"},
		{name: "coalition", typ: "string", desc: "coalition id"},
		{name: "ref", typ: "string", desc: "the caller's own key"},
		{name: "from", typ: "date", desc: "announced on or after"},
		{name: "to", typ: "date", desc: "announced on or before"},
	}
	reportParams = []param{
		{name: "currency", typ: "string", desc: "currency to add up in", enum: []string{"EUR", "USD"}},
		{name: "from", typ: "date", desc: "only pledges announced on or after"},
		{name: "to", typ: "date", desc: "only pledges announced on or before"},
	}
)

func statusNames() []string {
	var out []string
	for _, s := range pledgebook.Statuses {
		out = append(out, string(s))
	}
	return out
}

func (a *API) routeTable() []route {
	const v1 = "/api/v1"
	list := func(path, id, summary, tag string, item any, h func(http.ResponseWriter, *http.Request) error, q ...param) route {
		return route{method: http.MethodGet, path: v1 + path, id: id, summary: summary, tag: tag, resp: item, list: true,
			status: http.StatusOK, query: append(q, listParams...), handle: h}
	}
	get := func(path, id, summary, tag string, resp any, h func(http.ResponseWriter, *http.Request) error, q ...param) route {
		return route{method: http.MethodGet, path: v1 + path, id: id, summary: summary, tag: tag, resp: resp, status: http.StatusOK, query: q, handle: h}
	}
	post := func(path, id, summary, tag string, body, resp any, status int, h func(http.ResponseWriter, *http.Request) error) route {
		return route{method: http.MethodPost, path: v1 + path, id: id, summary: summary, tag: tag, body: body, resp: resp, status: status,
			write: true, idempotent: true, etag: true, handle: h}
	}
	withETag := func(r route) route { r.etag = true; return r }
	return []route{
		list("/parties", "listParties", "List parties (countries and organisations)", "reference", pledgebook.Party{}, a.listParties,
			param{name: "kind", typ: "string", desc: "country or organisation", enum: []string{"country", "organisation"}},
			param{name: "member_of", typ: "string", desc: "organisation code, e.g. NATO"},
			param{name: "donors", typ: "boolean", desc: "only parties with a pledge the viewer may see"}),
		get("/parties/{code}", "getParty", "Read a party", "reference", pledgebook.Party{}, a.getParty),
		list("/coalitions", "listCoalitions", "List capability coalitions", "reference", pledgebook.Coalition{}, a.listCoalitions),
		get("/coalitions/{id}", "getCoalition", "Read a coalition", "reference", pledgebook.Coalition{}, a.getCoalition),
		list("/meetings", "listMeetings", "List meetings, oldest first", "reference", pledgebook.Meeting{}, a.listMeetings),
		get("/meetings/{id}", "getMeeting", "Read a meeting", "reference", pledgebook.Meeting{}, a.getMeeting),

		list("/requirements", "listRequirements", "List requirements, most urgent first", "requirements", pledgebook.Requirement{}, a.listRequirements,
			param{name: "category", typ: "string", desc: "capability area"}, param{name: "ref", typ: "string", desc: "the caller's own key"}),
		withETag(get("/requirements/{id}", "getRequirement", "Read a requirement", "requirements", pledgebook.Requirement{}, a.getRequirement)),
		post("/requirements", "createRequirement", "Record a requirement (recipient staff, coordinators)", "requirements",
			RequirementInput{}, pledgebook.Requirement{}, http.StatusCreated, a.createRequirement),
		{method: http.MethodPatch, path: v1 + "/requirements/{id}", id: "updateRequirement", summary: "Change a requirement's fields; null empties an optional one (recipient staff, coordinators)",
			tag: "requirements", body: pledgebook.RequirementUpdate{}, resp: pledgebook.Requirement{}, status: http.StatusOK, write: true, ifMatch: true, etag: true,
			handle: a.updateRequirement},

		list("/pledges", "listPledges", "List pledges, oldest announcement first", "pledges", pledgebook.Pledge{}, a.listPledges, pledgeParams...),
		withETag(get("/pledges/{id}", "getPledge", "Read a pledge with its sources, history and delivered totals", "pledges", pledgebook.Pledge{}, a.getPledge)),
		post("/pledges", "createPledge", "Record a pledge", "pledges", PledgeInput{}, pledgebook.Pledge{}, http.StatusCreated, a.createPledge),
		{method: http.MethodPatch, path: v1 + "/pledges/{id}", id: "updatePledge", summary: "Change a pledge's fields; null empties an optional one", tag: "pledges",
			body: pledgebook.PledgeUpdate{}, resp: pledgebook.Pledge{}, status: http.StatusOK, write: true, ifMatch: true, etag: true, handle: a.updatePledge},
		post("/pledges/{id}/status", "setPledgeStatus", "Move a pledge to a new status", "pledges", StatusInput{}, pledgebook.Pledge{}, http.StatusOK, a.setPledgeStatus),

		list("/deliveries", "listDeliveries", "List deliveries, oldest first", "deliveries", pledgebook.Delivery{}, a.listDeliveries,
			param{name: "pledge", typ: "integer", desc: "pledge id"}, param{name: "donor", typ: "string", desc: "donor party code"},
			param{name: "ref", typ: "string", desc: "the caller's own key"}, param{name: "category", typ: "string", desc: "capability area of the pledge"},
			param{name: "confirmed", typ: "boolean", desc: "confirmed by the recipient (true) or not yet (false)"},
			param{name: "from", typ: "date", desc: "delivered on or after"}, param{name: "to", typ: "date", desc: "delivered on or before"}),
		withETag(get("/deliveries/{id}", "getDelivery", "Read a delivery", "deliveries", pledgebook.Delivery{}, a.getDelivery)),
		post("/deliveries", "createDelivery", "Record a delivery against a pledge", "deliveries", DeliveryInput{}, pledgebook.Delivery{}, http.StatusCreated, a.createDelivery),
		{method: http.MethodPost, path: v1 + "/deliveries/{id}/confirm", id: "confirmDelivery",
			summary: "Confirm receipt of a delivery (the recipient's staff, coordinators)", tag: "deliveries",
			resp: pledgebook.Delivery{}, status: http.StatusOK, write: true, idempotent: true, ifMatch: true, etag: true, handle: a.confirmDelivery},

		{method: http.MethodPost, path: v1 + "/sources", id: "ingestSource", tag: "review",
			summary: "Submit a news report (the body, plain text or HTML) to be stored as a source, its candidate pledges queued for review (curators, coordinators)",
			media:   documentTypes, maxBody: extract.DefaultMaxBytes, query: sourceParams, resp: SourceIngested{},
			status: http.StatusCreated, alt: http.StatusOK, write: true, idempotent: true, handle: a.createSource},
		list("/sources", "listSources", "List sources (review queue; curators, coordinators)", "review", pledgebook.Source{}, a.listSources),
		get("/sources/{id}", "getSource", "Read a source with its text", "review", sourceText{}, a.getSource),
		list("/candidates", "listCandidates", "List review candidates", "review", pledgebook.Candidate{}, a.listCandidates,
			param{name: "state", typ: "string", desc: "review state", enum: []string{"pending", "accepted", "linked", "rejected"}},
			param{name: "source", typ: "integer", desc: "source id"}),
		withETag(get("/candidates/{id}", "getCandidate", "Read a review candidate", "review", pledgebook.Candidate{}, a.getCandidate)),
		post("/candidates/{id}/accept", "acceptCandidate", "Accept a candidate as a new pledge", "review", AcceptInput{}, pledgebook.Candidate{}, http.StatusOK, a.acceptCandidate),
		post("/candidates/{id}/link", "linkCandidate", "Link a candidate to the pledge it re-announces", "review", LinkInput{}, pledgebook.Candidate{}, http.StatusOK, a.linkCandidate),
		post("/candidates/{id}/reject", "rejectCandidate", "Reject a candidate", "review", RejectInput{}, pledgebook.Candidate{}, http.StatusOK, a.rejectCandidate),

		list("/audit", "listAudit", "Read the audit log, oldest first", "audit", pledgebook.AuditEvent{}, a.listAudit,
			param{name: "entity", typ: "string", desc: "kind/key, e.g. pledge/42, or a kind, e.g. pledge"}),
		get("/audit/{seq}", "getAuditEvent", "Read one audit event", "audit", pledgebook.AuditEvent{}, a.getAudit),

		get("/reports/donors", "reportDonors", "Pledged, delivered and outstanding per donor", "reports", pledgebook.TotalsReport{}, a.reportDonors, reportParams...),
		get("/reports/categories", "reportCategories", "Pledged, delivered and outstanding per capability area", "reports", pledgebook.TotalsReport{}, a.reportCategories, reportParams...),
		get("/reports/coverage", "reportCoverage", "Requirement coverage, most urgent gaps first", "reports", pledgebook.CoverageReport{}, a.reportCoverage, reportParams...),
		get("/reports/timeline", "reportTimeline", "Pledges and deliveries per month", "reports", pledgebook.TimelineReport{}, a.reportTimeline, reportParams...),

		{method: http.MethodPost, path: v1 + "/webhooks", id: "createWebhook", summary: "Subscribe a URL to the new and changed pledges of a selection; the signing secret is in this response only", tag: "webhooks",
			body: WebhookInput{}, resp: WebhookCreated{}, status: http.StatusCreated, write: true, handle: a.createWebhook},
		list("/webhooks", "listWebhooks", "List your webhooks (admins: all), newest last", "webhooks", pledgebook.Webhook{}, a.listWebhooks),
		get("/webhooks/{id}", "getWebhook", "Read a webhook", "webhooks", pledgebook.Webhook{}, a.getWebhook),
		{method: http.MethodDelete, path: v1 + "/webhooks/{id}", id: "deleteWebhook", summary: "Delete a webhook and its delivery log", tag: "webhooks",
			status: http.StatusNoContent, write: true, handle: a.deleteWebhook},
		list("/webhooks/{id}/deliveries", "listWebhookDeliveries", "A webhook's delivery log: every attempt, with the receiver's status or the error", "webhooks",
			pledgebook.WebhookDelivery{}, a.listWebhookDeliveries),

		{method: http.MethodGet, path: v1 + "/openapi.json", id: "getOpenAPI", summary: "This API's OpenAPI 3.1 document", tag: "operations",
			resp: map[string]any{}, status: http.StatusOK, plain: true, handle: a.openapi},
		{method: http.MethodGet, path: "/healthz", id: "healthz", summary: "Liveness: the process serves", tag: "operations",
			resp: map[string]string{}, status: http.StatusOK, plain: true, handle: a.healthz},
		{method: http.MethodGet, path: "/readyz", id: "readyz", summary: "Readiness: the database answers", tag: "operations",
			resp: map[string]string{}, status: http.StatusOK, plain: true, handle: a.ready},
		{method: http.MethodGet, path: "/metrics", id: "metrics", summary: "Prometheus metrics", tag: "operations",
			status: http.StatusOK, plain: true, handle: a.serveMetrics},

		{method: http.MethodPost, path: v1 + "/session", id: "createSession", summary: "Sign in: set a session cookie", tag: "session",
			body: SessionRequest{}, resp: SessionResponse{}, status: http.StatusCreated, handle: a.createSession},
		{method: http.MethodDelete, path: v1 + "/session", id: "deleteSession", summary: "Sign out", tag: "session",
			status: http.StatusNoContent, handle: a.deleteSession},
	}
}
