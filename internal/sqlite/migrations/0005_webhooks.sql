-- Webhooks: a user's subscription to the new and changed pledges of a
-- selection (all, a donor, a capability area, a meeting), and the log of
-- every attempt to deliver to it. The secret signs the payloads and so is
-- kept as it is; it never enters the audit trail. cursor is the last audit
-- event the dispatcher has dealt with, so that a restart resumes there.
-- Times are TEXT in RFC 3339 UTC.

CREATE TABLE webhooks (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id        INTEGER NOT NULL REFERENCES users (id),
	selection_kind TEXT NOT NULL CHECK (selection_kind IN ('all', 'donor', 'area', 'meeting')),
	selection_key  TEXT NOT NULL DEFAULT '',
	url            TEXT NOT NULL,
	secret         TEXT NOT NULL,
	active         INTEGER NOT NULL DEFAULT 1,
	cursor         INTEGER NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL
);
CREATE INDEX webhooks_user ON webhooks (user_id, id);

CREATE TABLE webhook_deliveries (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	webhook_id INTEGER NOT NULL REFERENCES webhooks (id),
	seq        INTEGER NOT NULL,
	attempt    INTEGER NOT NULL,
	at         TEXT NOT NULL,
	status     INTEGER NOT NULL DEFAULT 0,
	error      TEXT NOT NULL DEFAULT '',
	outcome    TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
	next_at    TEXT
);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE next_at IS NOT NULL;

-- Feeds list the pledges changed last; every audited change to a pledge
-- sets its updated_at.
CREATE INDEX pledges_updated ON pledges (visibility, updated_at);
