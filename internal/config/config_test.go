package config

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestFromEnv(t *testing.T) {
	old := readFile
	t.Cleanup(func() { readFile = old })
	readFile = func(name string) ([]byte, error) {
		if name == "/run/secrets/db" {
			return []byte("postgres://app:s3cret@db:5432/pledgebook\n"), nil
		}
		return nil, errors.New("no such file")
	}
	tests := []struct {
		name    string
		env     map[string]string
		want    Config
		wantErr string
	}{
		{"defaults", nil, Config{DB: "pledgebook.db", Actor: "cli", LogLevel: "warn", LogFormat: "text", Addr: "127.0.0.1:8080"}, ""},
		{"user names the actor", map[string]string{"USER": "olena"}, Config{DB: "pledgebook.db", Actor: "cli:olena", LogLevel: "warn", LogFormat: "text", Addr: "127.0.0.1:8080"}, ""},
		{"every variable", map[string]string{"PLEDGEBOOK_DB": "postgres://u@h/db", "PLEDGEBOOK_ACTOR": "ops", "PLEDGEBOOK_LOG_LEVEL": "debug", "PLEDGEBOOK_LOG_FORMAT": "json",
			"PLEDGEBOOK_ADDR": ":8443", "PLEDGEBOOK_TLS_CERT": "/etc/pb/cert.pem", "PLEDGEBOOK_TLS_KEY": "/etc/pb/key.pem"},
			Config{DB: "postgres://u@h/db", Actor: "ops", LogLevel: "debug", LogFormat: "json", Addr: ":8443", TLSCert: "/etc/pb/cert.pem", TLSKey: "/etc/pb/key.pem"}, ""},
		{"address alone", map[string]string{"PLEDGEBOOK_ADDR": "0.0.0.0:0"}, Config{DB: "pledgebook.db", Actor: "cli", LogLevel: "warn", LogFormat: "text", Addr: "0.0.0.0:0"}, ""},
		{"bad address", map[string]string{"PLEDGEBOOK_ADDR": "8080"}, Config{}, "addr"},
		{"certificate without key", map[string]string{"PLEDGEBOOK_TLS_CERT": "/etc/pb/cert.pem"}, Config{}, "tls"},
		{"key without certificate", map[string]string{"PLEDGEBOOK_TLS_KEY": "/etc/pb/key.pem"}, Config{}, "tls"},
		{"DSN from a file", map[string]string{"PLEDGEBOOK_DB_FILE": "/run/secrets/db"}, Config{DB: "postgres://app:s3cret@db:5432/pledgebook", Actor: "cli", LogLevel: "warn", LogFormat: "text", Addr: "127.0.0.1:8080"}, ""},
		{"missing DSN file", map[string]string{"PLEDGEBOOK_DB_FILE": "/nope"}, Config{}, "PLEDGEBOOK_DB_FILE"},
		{"bad log level", map[string]string{"PLEDGEBOOK_LOG_LEVEL": "loud"}, Config{}, "log level"},
		{"bad log format", map[string]string{"PLEDGEBOOK_LOG_FORMAT": "xml"}, Config{}, "log format"},
		{"feeds and webhooks", map[string]string{"PLEDGEBOOK_BASE_URL": "https://pledges.example", "PLEDGEBOOK_WEBHOOK_ALLOW": "10.1.2.0/24"},
			Config{DB: "pledgebook.db", Actor: "cli", LogLevel: "warn", LogFormat: "text", Addr: "127.0.0.1:8080", BaseURL: "https://pledges.example", WebhookAllow: "10.1.2.0/24"}, ""},
		{"relative base URL", map[string]string{"PLEDGEBOOK_BASE_URL": "pledges.example"}, Config{}, "base URL"},
		{"base URL with a query", map[string]string{"PLEDGEBOOK_BASE_URL": "https://pledges.example/?x=1"}, Config{}, "base URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromEnv(env(tt.env))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("FromEnv(%v) error = %v, want one mentioning %q", tt.env, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("FromEnv(%v) = %+v, %v; want %+v", tt.env, got, err, tt.want)
			}
		})
	}
}

func TestRedacted(t *testing.T) {
	c := Config{DB: "postgres://app:s3cret@db:5432/pledgebook?sslmode=disable"}
	got := c.Redacted().DB
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "app:xxxxx@db:5432") {
		t.Errorf("Redacted DB = %q, want the password masked", got)
	}
	if c.Engine() != "postgres" || (Config{DB: "x.db"}).Engine() != "sqlite" {
		t.Errorf("Engine picks the wrong engine")
	}
}

// FuzzFromEnv checks that no environment makes the loader panic, and that
// whatever it accepts is valid and never leaks a DSN password when redacted.
func FuzzFromEnv(f *testing.F) {
	f.Add("pledgebook.db", "info", "text")
	f.Add("postgres://u:pw@h:5432/db?sslmode=disable", "debug", "json")
	f.Add("postgres://%zz", "warn", "text")
	f.Fuzz(func(t *testing.T, db, level, format string) {
		c, err := FromEnv(env(map[string]string{"PLEDGEBOOK_DB": db, "PLEDGEBOOK_LOG_LEVEL": level, "PLEDGEBOOK_LOG_FORMAT": format}))
		if err != nil {
			return
		}
		if c.Validate() != nil {
			t.Fatalf("FromEnv accepted an invalid config %+v", c)
		}
		if r := c.Redacted().DB; c.IsPostgres() {
			if u := parsePassword(c.DB); u != "" && len(u) > 3 && strings.Contains(r, ":"+u+"@") {
				t.Fatalf("Redacted(%q) = %q still holds the password", c.DB, r)
			}
		}
	})
}

func parsePassword(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return ""
	}
	p, _ := u.User.Password()
	return p
}
