-- Users and API tokens. Passwords are kept only as PHC-form hashes and
-- tokens only as the hex SHA-256 of the token; neither ever appears in the
-- audit trail. Times are TEXT in RFC 3339 UTC.

CREATE TABLE users (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	name            TEXT NOT NULL UNIQUE,
	role            TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'donor', 'recipient', 'curator', 'viewer')),
	party           TEXT REFERENCES parties (code), -- donor and recipient users only
	disabled        INTEGER NOT NULL DEFAULT 0,
	password_hash   TEXT NOT NULL,
	password_set_at TEXT NOT NULL,
	version         INTEGER NOT NULL,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);

CREATE TABLE tokens (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	name       TEXT NOT NULL,
	hash       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	revoked_at TEXT,
	version    INTEGER NOT NULL
);
CREATE INDEX tokens_user ON tokens (user_id, id);
