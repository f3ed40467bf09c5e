-- Reading the news: sources keep their cleaned text and its hash, and the
-- candidate pledges extracted from them wait for review.

ALTER TABLE sources ADD COLUMN content_hash TEXT;
ALTER TABLE sources ADD COLUMN text TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX sources_content_hash ON sources (content_hash) WHERE content_hash IS NOT NULL;

CREATE TABLE candidates (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	source_id      INTEGER NOT NULL REFERENCES sources (id),
	donor          TEXT NOT NULL DEFAULT '',
	donor_text     TEXT NOT NULL DEFAULT '',
	recipient      TEXT NOT NULL DEFAULT '',
	category       TEXT NOT NULL DEFAULT '',
	item           TEXT NOT NULL DEFAULT '',
	quantity       INTEGER,
	unit           TEXT NOT NULL DEFAULT '',
	amount         TEXT,
	currency       TEXT NOT NULL DEFAULT '',
	status         TEXT NOT NULL DEFAULT '',
	period_from    INTEGER NOT NULL DEFAULT 0,
	period_to      INTEGER NOT NULL DEFAULT 0,
	date           TEXT,
	confidence     TEXT NOT NULL DEFAULT '0',
	evidence_start INTEGER NOT NULL,
	evidence_end   INTEGER NOT NULL,
	evidence       TEXT NOT NULL,
	state          TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'linked', 'rejected')),
	reason         TEXT NOT NULL DEFAULT '',
	pledge_id      INTEGER REFERENCES pledges (id),
	reviewed_by    TEXT NOT NULL DEFAULT '',
	reviewed_at    TEXT,
	version        INTEGER NOT NULL,
	created_at     TEXT NOT NULL
);
CREATE INDEX candidates_state ON candidates (state, id);
CREATE INDEX candidates_source ON candidates (source_id, id);
