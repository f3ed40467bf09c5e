-- The ledger: reference data, requirements, pledges, deliveries, sources
-- and the audit trail. Amounts are TEXT holding exact decimals; dates are
-- TEXT YYYY-MM-DD; times are TEXT in RFC 3339 UTC.

CREATE TABLE parties (
	code        TEXT PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('country', 'organisation')),
	alpha3      TEXT NOT NULL DEFAULT '',
	name_en     TEXT NOT NULL,
	name_de     TEXT NOT NULL,
	name_uk     TEXT NOT NULL,
	currency    TEXT NOT NULL DEFAULT '',
	memberships TEXT NOT NULL DEFAULT '' -- comma-separated organisation codes
);

CREATE TABLE coalitions (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	founded    TEXT,
	categories TEXT NOT NULL DEFAULT '', -- comma-separated capability areas
	notes      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE coalition_members (
	coalition_id TEXT NOT NULL REFERENCES coalitions (id),
	party        TEXT NOT NULL REFERENCES parties (code),
	lead         INTEGER NOT NULL DEFAULT 0,
	joined       TEXT,
	PRIMARY KEY (coalition_id, party)
);

CREATE TABLE meetings (
	id     TEXT PRIMARY KEY,
	kind   TEXT NOT NULL,
	number INTEGER NOT NULL DEFAULT 0,
	title  TEXT NOT NULL,
	date   TEXT NOT NULL,
	place  TEXT NOT NULL DEFAULT '',
	format TEXT NOT NULL DEFAULT '',
	chairs TEXT NOT NULL DEFAULT '', -- one chair per line
	source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meetings_date ON meetings (date);

CREATE TABLE requirements (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	ref          TEXT UNIQUE,
	recipient    TEXT NOT NULL REFERENCES parties (code),
	category     TEXT NOT NULL,
	item         TEXT NOT NULL,
	quantity     INTEGER CHECK (quantity >= 0),
	unit         TEXT NOT NULL DEFAULT '',
	amount       TEXT,
	currency     TEXT NOT NULL DEFAULT '',
	amount_eur   TEXT,
	amount_usd   TEXT,
	fx_date      TEXT,
	priority     INTEGER NOT NULL,
	needed_by    TEXT,
	illustrative INTEGER NOT NULL DEFAULT 0,
	notes        TEXT NOT NULL DEFAULT '',
	visibility   TEXT NOT NULL,
	version      INTEGER NOT NULL,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);

CREATE TABLE sources (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	url        TEXT NOT NULL UNIQUE,
	publisher  TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL DEFAULT '',
	published  TEXT,
	language   TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);

CREATE TABLE pledges (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	ref            TEXT UNIQUE,
	donor          TEXT NOT NULL REFERENCES parties (code),
	recipient      TEXT NOT NULL REFERENCES parties (code),
	category       TEXT NOT NULL,
	item           TEXT NOT NULL,
	item_key       TEXT NOT NULL, -- normalised item, for duplicate detection
	quantity       INTEGER CHECK (quantity >= 0),
	unit           TEXT NOT NULL DEFAULT '',
	amount         TEXT,
	currency       TEXT NOT NULL DEFAULT '',
	amount_eur     TEXT,
	amount_usd     TEXT,
	fx_date        TEXT,
	status         TEXT NOT NULL,
	announced_on   TEXT NOT NULL,
	period_from    TEXT,
	period_to      TEXT,
	meeting_id     TEXT REFERENCES meetings (id),
	requirement_id INTEGER REFERENCES requirements (id),
	coalition_id   TEXT REFERENCES coalitions (id),
	visibility     TEXT NOT NULL,
	notes          TEXT NOT NULL DEFAULT '',
	version        INTEGER NOT NULL,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE INDEX pledges_duplicates ON pledges (donor, category, item_key);
CREATE INDEX pledges_announced ON pledges (announced_on, id);
CREATE INDEX pledges_meeting ON pledges (meeting_id);
CREATE INDEX pledges_requirement ON pledges (requirement_id);

CREATE TABLE pledge_sources (
	pledge_id      INTEGER NOT NULL REFERENCES pledges (id),
	source_id      INTEGER NOT NULL REFERENCES sources (id),
	announced_on   TEXT NOT NULL,
	meeting_id     TEXT REFERENCES meetings (id),
	reannouncement INTEGER NOT NULL DEFAULT 0,
	evidence       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (pledge_id, source_id)
);

CREATE TABLE status_changes (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	pledge_id   INTEGER NOT NULL REFERENCES pledges (id),
	from_status TEXT NOT NULL DEFAULT '',
	to_status   TEXT NOT NULL,
	on_date     TEXT NOT NULL,
	note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX status_changes_pledge ON status_changes (pledge_id, id);

CREATE TABLE deliveries (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	ref          TEXT UNIQUE,
	pledge_id    INTEGER NOT NULL REFERENCES pledges (id),
	delivered_on TEXT NOT NULL,
	quantity     INTEGER CHECK (quantity >= 0),
	amount       TEXT,
	currency     TEXT NOT NULL DEFAULT '',
	amount_eur   TEXT,
	amount_usd   TEXT,
	fx_date      TEXT,
	confirmed    INTEGER NOT NULL DEFAULT 0,
	visibility   TEXT NOT NULL,
	source_url   TEXT NOT NULL DEFAULT '',
	notes        TEXT NOT NULL DEFAULT '',
	version      INTEGER NOT NULL,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);
CREATE INDEX deliveries_pledge ON deliveries (pledge_id, delivered_on);

CREATE TABLE audit_events (
	seq       INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	actor     TEXT NOT NULL,
	action    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	before    TEXT NOT NULL,
	after     TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity, seq);

-- The head of the audit chain, updated in every transaction that appends
-- to it, so that events dropped from the end are detected.
CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  INTEGER NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
