package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"pledgebook"
	"pledgebook/internal/demo"
	"pledgebook/internal/postgres"
)

func (a *app) auditCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: "Check and read the tamper-evident audit trail"}
	var vf format
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Verify the hash chain and that every record matches its audited state",
		Long: `Verify recomputes every audit event's SHA-256 hash and its link to the one
before, checks the chain against its recorded head (so events dropped from
the end are found), and compares every stored record with the last state
the log records for it. It exits 0 and prints the event count and head hash
when all is intact, and exits 5 naming the first bad event or record when
not.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			r, err := s.VerifyAudit(ctx)
			if err != nil {
				return err
			}
			if !r.OK {
				a.code = exitAudit
			}
			if vf != "table" {
				return emit(a.stdout, a.stderr, vf, r, table{header: []string{"OK", "EVENTS", "HEAD_HASH", "RECORDS", "PROBLEM"},
					rows: [][]string{{fmt.Sprint(r.OK), fmt.Sprint(r.Events), r.HeadHash, fmt.Sprint(r.Records), r.Problem}}})
			}
			if r.OK {
				fmt.Fprintf(a.stdout, "audit trail intact: %d events, head %s; %d records match the log\n", r.Events, r.HeadHash, r.Records)
				return nil
			}
			where := fmt.Sprintf("event %d", r.BadSeq)
			if r.BadEntry != "" {
				where = r.BadEntry
			}
			fmt.Fprintf(a.stdout, "audit trail BROKEN at %s: %s\n", where, r.Problem)
			return nil
		},
	}
	addFormat(verify, &vf)

	var entity string
	var limit int
	var lf format
	log := &cobra.Command{
		Use:   "log",
		Short: "Print the audit events, oldest first; --entity pledge/42 for one record's history",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if _, err := strconv.ParseInt(entity, 10, 64); err == nil {
				entity = "pledge/" + entity // a bare id is a pledge's
			}
			es, err := s.AuditLog(ctx, pledgebook.AuditFilter{Entity: entity, Limit: limit})
			if err != nil {
				return err
			}
			t := table{header: []string{"SEQ", "AT", "ACTOR", "ACTION", "ENTITY", "HASH"}}
			for _, e := range es {
				t.add(itoa(e.Seq), e.At.Format("2006-01-02 15:04:05"), e.Actor, e.Action, e.Entity, e.Hash[:12])
			}
			if es == nil {
				es = []pledgebook.AuditEvent{}
			}
			return emit(a.stdout, a.stderr, lf, listing[pledgebook.AuditEvent]{Items: es, Total: len(es)}, t)
		},
	}
	log.Flags().StringVar(&entity, "entity", "", "one record (pledge/42, or just 42 for a pledge), or every record of a kind (pledge)")
	log.Flags().IntVar(&limit, "limit", 0, "at most this many events (0: all)")
	addFormat(log, &lf)
	cmd.AddCommand(verify, log)
	return cmd
}

func (a *app) migrateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Bring the database schema up to date (PostgreSQL; SQLite migrates itself)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.cfg.IsPostgres() {
				done, err := postgres.Migrate(cmd.Context(), a.cfg.DB)
				if err != nil {
					return &pledgebook.Error{Kind: pledgebook.KindInternal, Op: "migrate", Err: err}
				}
				for _, name := range done {
					fmt.Fprintln(a.stdout, "applied", name)
				}
			}
			if _, _, err := a.open(cmd.Context()); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%s database is up to date\n", a.cfg.Engine())
			return nil
		},
	}
}

func (a *app) configCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration, secrets masked",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c := a.cfg.Redacted()
			fmt.Fprintf(a.stdout, "db          %s\nengine      %s\nactor       %s\nlog-level   %s\nlog-format  %s\naddr        %s\ntls-cert    %s\ntls-key     %s\nbase-url    %s\nwebhook-allow %s\n",
				c.DB, c.Engine(), c.Actor, c.LogLevel, c.LogFormat, c.Addr, orNone(c.TLSCert), orNone(c.TLSKey), orNone(c.BaseURL), orNone(c.WebhookAllow))
			return nil
		},
	}
}

// orNone shows an unset setting.
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func (a *app) demoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Load the demo data set (public reporting, 2022–2026); running it again changes nothing",
		Long: `Load the demo data set: pledges from public reporting, each with its source,
some with deliveries, status moves and re-announcements, and illustrative
requirements (labelled as such). Records already loaded are left alone, so
running it twice changes nothing.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			changed, err := a.loadDemo(ctx, s)
			if err == nil && changed {
				fmt.Fprintln(a.stdout, "try: pledgebook report donors; pledgebook report coverage; pledgebook meeting show udcg-28")
			}
			return err
		},
	}
}

// loadDemo loads the demo data set into s unless it is there already, and
// says which.
func (a *app) loadDemo(ctx context.Context, s pledgebook.Store) (bool, error) {
	r, err := demo.Load(ctx, s, demo.Data())
	if err != nil {
		return false, err
	}
	if !r.Changed() {
		fmt.Fprintf(a.stdout, "demo data already loaded in %s; nothing changed\n", a.cfg.Redacted().DB)
		return false, nil
	}
	fmt.Fprintf(a.stdout, "loaded %d pledges, %d requirements, %d deliveries, %d status changes and %d re-announcements into %s\n",
		r.Pledges, r.Requirements, r.Deliveries, r.Moves, r.Links, a.cfg.Redacted().DB)
	return true, nil
}
