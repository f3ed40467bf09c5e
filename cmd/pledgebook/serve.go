package main

import (
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"pledgebook"
	"pledgebook/internal/config"
	"pledgebook/internal/httpapi"
	"pledgebook/internal/refdata"
	"pledgebook/internal/web"
	"pledgebook/internal/webhook"
)

// shutdownGrace is how long a stopping server waits for requests in
// flight to finish.
const shutdownGrace = 30 * time.Second

func (a *app) serveCommand() *cobra.Command {
	var withDemo bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web UI (/), the JSON API (/api/v1), health checks and metrics over HTTP(S)",
		Long: `Serve the web UI at / (English and German), the JSON API under /api/v1, its OpenAPI document at
/api/v1/openapi.json, /healthz, /readyz and Prometheus metrics at /metrics.

Readers who are not signed in see public records only. Sign in with
POST /api/v1/session (a browser session cookie) or send an API token from
` + "`pledgebook token create`" + ` as Authorization: Bearer pb_...

The session cookie is Secure: browsers send it only over HTTPS, so serve
with --tls-cert and --tls-key, or behind a proxy that terminates TLS.
Feeds of new and changed public pledges are at /feeds/pledges.atom and
/feeds/{donors,areas,meetings}/KEY.atom; set --base-url to the address
readers use, for the feeds' absolute links. Signed-in users subscribe
webhooks at /webhooks or /api/v1/webhooks; the server delivers them while
it runs, and never to internal addresses unless --webhook-allow names them.

SIGTERM or Ctrl-C stops the server once the requests in flight finish.`,
		Example: `  pledgebook serve --demo                     # the demo data, at http://127.0.0.1:8080/
  pledgebook serve --addr 127.0.0.1:8080
  pledgebook serve --addr :8443 --tls-cert cert.pem --tls-key key.pem --db postgres://...`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			addr, certFile, keyFile := a.cfg.Addr, a.cfg.TLSCert, a.cfg.TLSKey
			if (certFile == "") != (keyFile == "") {
				return pledgebook.FieldError("tls-cert", "--tls-cert and --tls-key go together")
			}
			// open's context reads as the operator; requests get their own
			// viewer from their credentials, never this one.
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			allow, err := webhook.ParseAllow(a.cfg.WebhookAllow)
			if err != nil {
				return pledgebook.FieldError("webhook-allow", "%v", err)
			}
			if err := config.CheckBaseURL(a.cfg.BaseURL); err != nil {
				return pledgebook.FieldError("base-url", "%v", err)
			}
			guard := &webhook.Guard{Allow: allow}
			if withDemo {
				if _, err := a.loadDemo(ctx, s); err != nil {
					return err
				}
			}
			opts := httpapi.Options{GDP: refdata.LatestGDP, Webhooks: guard}
			if d, ok := s.(interface{ DB() *sql.DB }); ok {
				opts.DB = d.DB()
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return &pledgebook.Error{Kind: pledgebook.KindInvalid, Field: "addr", Message: fmt.Sprintf("cannot listen on %s", addr), Err: err}
			}
			scheme := "http"
			if certFile != "" {
				scheme = "https"
			}
			h, err := handler(s, a.logger(), opts, web.Options{BaseURL: a.cfg.BaseURL, Webhooks: guard})
			if err != nil {
				ln.Close()
				return err
			}
			base := a.cfg.BaseURL
			if base == "" {
				base = scheme + "://" + ln.Addr().String()
			}
			// The dispatcher runs as long as the server and stops with it;
			// what it has not sent yet, it sends after a restart.
			dctx, stop := context.WithCancel(cmd.Context())
			done := make(chan struct{})
			go func() {
				defer close(done)
				_ = webhook.New(webhook.Options{Store: s, Log: a.logger(), BaseURL: base, Guard: guard}).Run(dctx)
			}()
			defer func() { stop(); <-done }()
			fmt.Fprintf(a.stdout, "serving on %s://%s\n", scheme, ln.Addr())
			return serve(cmd.Context(), ln, h, certFile, keyFile, a.logger())
		},
	}
	cmd.Flags().BoolVar(&withDemo, "demo", false, "load the demo data set first, unless it is loaded already (see demo)")
	cmd.Flags().StringVar(&a.cfg.Addr, "addr", a.cfg.Addr, "address to listen on, host:port (port 0 picks a free one) (env PLEDGEBOOK_ADDR)")
	cmd.Flags().StringVar(&a.cfg.TLSCert, "tls-cert", a.cfg.TLSCert, "TLS certificate file (PEM); serve HTTPS with --tls-key (env PLEDGEBOOK_TLS_CERT)")
	cmd.Flags().StringVar(&a.cfg.TLSKey, "tls-key", a.cfg.TLSKey, "TLS private key file (PEM) (env PLEDGEBOOK_TLS_KEY)")
	cmd.Flags().StringVar(&a.cfg.BaseURL, "base-url", a.cfg.BaseURL, "where the server is reached, e.g. https://pledges.example, for the absolute URLs of feeds and webhooks (env PLEDGEBOOK_BASE_URL)")
	cmd.Flags().StringVar(&a.cfg.WebhookAllow, "webhook-allow", a.cfg.WebhookAllow, "internal addresses or CIDR prefixes webhooks may reach anyway, comma-separated, e.g. 10.1.2.0/24 (env PLEDGEBOOK_WEBHOOK_ALLOW)")
	return cmd
}

// handler is what serve serves: the API under /api/v1 with its health
// checks and metrics, and the HTML UI at /, both reading as the viewer
// that the API's authentication puts in the request, so that a session
// signed in through the API sees the same records in the UI.
func handler(s pledgebook.Store, log *slog.Logger, opts httpapi.Options, uiOpts web.Options) (http.Handler, error) {
	api := httpapi.NewAPI(s, log, opts)
	uiOpts.API, uiOpts.GDP = api, opts.GDP
	ui, err := web.New(s, log, uiOpts)
	if err != nil {
		return nil, &pledgebook.Error{Kind: pledgebook.KindInternal, Op: "build the web UI", Err: err}
	}
	mux := http.NewServeMux()
	for _, p := range []string{"/api/", "/healthz", "/readyz", "/metrics"} {
		mux.Handle(p, api)
	}
	mux.Handle("/", ui)
	return mux, nil
}

// serve serves h on ln until ctx ends, then stops accepting connections
// and waits up to shutdownGrace for the requests in flight.
func serve(ctx context.Context, ln net.Listener, h http.Handler, certFile, keyFile string, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		TLSConfig:         &tls.Config{MinVersion: tls.VersionTLS12},
	}
	errc := make(chan error, 1)
	go func() {
		if certFile != "" {
			errc <- srv.ServeTLS(ln, certFile, keyFile)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	log.Info("serving", "addr", ln.Addr().String(), "tls", certFile != "")
	select {
	case err := <-errc:
		return &pledgebook.Error{Kind: pledgebook.KindInternal, Op: "serve", Err: err}
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight", "grace", shutdownGrace)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return &pledgebook.Error{Kind: pledgebook.KindInternal, Op: "shut down", Err: err}
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return &pledgebook.Error{Kind: pledgebook.KindInternal, Op: "serve", Err: err}
	}
	return nil
}
