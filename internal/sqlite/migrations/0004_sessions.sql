-- Browser sessions and idempotency keys. A session is kept only as the hex
-- SHA-256 of its secret id. An idempotency key remembers the response to
-- the first request made with it, so that a retry returns that response
-- instead of writing again. Times are TEXT in RFC 3339 UTC.

CREATE TABLE sessions (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	hash       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE idempotency_keys (
	user_id      INTEGER NOT NULL REFERENCES users (id),
	key          TEXT NOT NULL,
	route        TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	status       INTEGER NOT NULL DEFAULT 0, -- 0 while the first request runs
	body         TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	PRIMARY KEY (user_id, key, route)
);
