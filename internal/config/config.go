// Package config holds pledgebook's one Config and the rules that fill it:
// defaults in code, overridden by PLEDGEBOOK_* environment variables,
// overridden by command-line flags. Parsing takes getenv as a function so
// that tests never touch the process environment.
package config

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
)

// Config is the effective configuration.
type Config struct {
	// DB is the database: a SQLite file path (the default, pledgebook.db in
	// the working directory) or a postgres:// DSN.
	DB string
	// Actor is who changes made from the command line are attributed to in
	// the audit trail.
	Actor string
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// LogFormat is text or json.
	LogFormat string
	// Addr is the address `pledgebook serve` listens on, host:port (port 0
	// picks a free one).
	Addr string
	// TLSCert and TLSKey are the PEM files of the certificate and private
	// key `pledgebook serve` serves HTTPS with; both or neither.
	TLSCert, TLSKey string
	// BaseURL is where `pledgebook serve` is reached from outside, e.g.
	// https://pledges.example, for the absolute URLs of feeds and webhook
	// payloads; when empty, feeds use the scheme and host of each request
	// and webhooks the listening address.
	BaseURL string
	// WebhookAllow lists the addresses and CIDR prefixes, comma-separated,
	// that webhooks may reach although they are internal (loopback,
	// private, link-local); none by default.
	WebhookAllow string
}

// Default returns the configuration before the environment and flags.
func Default() Config {
	return Config{DB: "pledgebook.db", Actor: "cli", LogLevel: "warn", LogFormat: "text", Addr: "127.0.0.1:8080"}
}

// readFile reads secrets named by *_FILE variables; a variable so that
// tests can replace it.
var readFile = os.ReadFile

// FromEnv returns the defaults overridden by the environment:
// PLEDGEBOOK_DB (or PLEDGEBOOK_DB_FILE, a file holding the DSN, for DSNs
// with a password), PLEDGEBOOK_ACTOR (else "cli:" and $USER),
// PLEDGEBOOK_LOG_LEVEL, PLEDGEBOOK_LOG_FORMAT, and for `serve`
// PLEDGEBOOK_ADDR, PLEDGEBOOK_TLS_CERT and PLEDGEBOOK_TLS_KEY (paths, not
// secrets: the key file itself stays on disk), PLEDGEBOOK_BASE_URL and
// PLEDGEBOOK_WEBHOOK_ALLOW.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Default()
	if u := getenv("USER"); u != "" {
		c.Actor = "cli:" + u
	}
	if f := getenv("PLEDGEBOOK_DB_FILE"); f != "" {
		b, err := readFile(f)
		if err != nil {
			return c, fmt.Errorf("PLEDGEBOOK_DB_FILE: %w", err)
		}
		c.DB = strings.TrimSpace(string(b))
	}
	set := func(dst *string, name string) {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	set(&c.DB, "PLEDGEBOOK_DB")
	set(&c.Actor, "PLEDGEBOOK_ACTOR")
	set(&c.LogLevel, "PLEDGEBOOK_LOG_LEVEL")
	set(&c.LogFormat, "PLEDGEBOOK_LOG_FORMAT")
	set(&c.Addr, "PLEDGEBOOK_ADDR")
	set(&c.TLSCert, "PLEDGEBOOK_TLS_CERT")
	set(&c.TLSKey, "PLEDGEBOOK_TLS_KEY")
	set(&c.BaseURL, "PLEDGEBOOK_BASE_URL")
	set(&c.WebhookAllow, "PLEDGEBOOK_WEBHOOK_ALLOW")
	return c, c.Validate()
}

// Validate checks the values that have a fixed set of choices.
func (c Config) Validate() error {
	switch {
	case strings.TrimSpace(c.DB) == "":
		return fmt.Errorf("db: no database given")
	case c.LogLevel != "debug" && c.LogLevel != "info" && c.LogLevel != "warn" && c.LogLevel != "error":
		return fmt.Errorf("log level %q: want debug, info, warn or error", c.LogLevel)
	case c.LogFormat != "text" && c.LogFormat != "json":
		return fmt.Errorf("log format %q: want text or json", c.LogFormat)
	case strings.TrimSpace(c.Actor) == "":
		return fmt.Errorf("actor: must not be empty")
	case (c.TLSCert == "") != (c.TLSKey == ""):
		return fmt.Errorf("tls: the certificate and the key go together; set both or neither")
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("addr %q: want host:port, e.g. 127.0.0.1:8080", c.Addr)
	}
	if err := CheckBaseURL(c.BaseURL); err != nil {
		return err
	}
	if c.IsPostgres() {
		if _, err := url.Parse(c.DB); err != nil {
			return fmt.Errorf("db: not a valid PostgreSQL DSN: %v", redactErr(err, c.DB))
		}
	}
	return nil
}

// IsPostgres reports whether DB names a PostgreSQL database.
func (c Config) IsPostgres() bool {
	return strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://")
}

// Engine names the database engine DB selects.
func (c Config) Engine() string {
	if c.IsPostgres() {
		return "postgres"
	}
	return "sqlite"
}

// Redacted returns c with secrets masked, for printing and logging.
func (c Config) Redacted() Config {
	c.DB = RedactDSN(c.DB)
	return c
}

// RedactDSN masks the password of a DSN, if it has one.
func RedactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// redactErr keeps a DSN's password out of a parse error's text.
func redactErr(err error, dsn string) string {
	msg := err.Error()
	if u, perr := url.Parse(dsn); perr == nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			msg = strings.ReplaceAll(msg, p, "xxxxx")
		}
	}
	if at := strings.LastIndex(dsn, "@"); at > 0 {
		msg = strings.ReplaceAll(msg, dsn[:at], "postgres://…")
	}
	return msg
}

// CheckBaseURL checks a base URL: empty, or an absolute http or https URL
// without credentials, query or fragment.
func CheckBaseURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("base URL %q: want an absolute http or https URL such as https://pledges.example, without query", s)
	}
	return nil
}
