package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"pledgebook"
	"pledgebook/internal/config"
	"pledgebook/internal/fx"
	"pledgebook/internal/postgres"
	"pledgebook/internal/refdata"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/sqlstore"
)

// Exit codes, so that scripts can tell failures apart.
const (
	exitOK       = 0
	exitInternal = 1 // anything unexpected
	exitInvalid  = 2 // bad input or usage
	exitNotFound = 3
	exitConflict = 4 // a duplicate, or a record already there
	exitAudit    = 5 // audit verify found tampering
)

// app is what every command needs: configuration, output streams, a
// logger and, once opened, the store.
type app struct {
	cfg    config.Config
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	store  pledgebook.Store
	code   int // exit code a command asks for without an error
}

// Run runs the command line args and returns the exit code. It is main
// without the process: tests call it with their own streams and env.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "pledgebook: configuration: %v\n", err)
		return exitInvalid
	}
	a.cfg = cfg
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err = root.ExecuteContext(ctx)
	if a.store != nil {
		if cerr := a.store.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}
	if err != nil {
		return a.report(err)
	}
	return a.code
}

// report prints err for a person and returns its exit code. Internal
// errors are logged with their cause; others show only the safe message.
func (a *app) report(err error) int {
	kind := pledgebook.ErrorKind(err)
	var de *pledgebook.Error
	if !errors.As(err, &de) {
		// Not a domain error: cobra's own (unknown flag, bad argument count).
		fmt.Fprintf(a.stderr, "pledgebook: %v\n", err)
		return exitInvalid
	}
	switch kind {
	case pledgebook.KindInternal:
		a.logger().Error("command failed", "err", err)
		fmt.Fprintf(a.stderr, "pledgebook: %s: internal error: %v\n", de.Op, de.Err)
		return exitInternal
	case pledgebook.KindNotFound:
		fmt.Fprintf(a.stderr, "pledgebook: %s\n", prefixOp(de.Op, pledgebook.ErrorMessage(err)))
		return exitNotFound
	case pledgebook.KindConflict:
		fmt.Fprintf(a.stderr, "pledgebook: %s\n", prefixOp(de.Op, pledgebook.ErrorMessage(err)))
		return exitConflict
	}
	fmt.Fprintf(a.stderr, "pledgebook: %s\n", prefixOp(de.Op, pledgebook.ErrorMessage(err)))
	return exitInvalid
}

func prefixOp(op, msg string) string {
	if op == "" {
		return msg
	}
	return op + ": " + msg
}

// logger builds the one logger: text on a terminal, JSON otherwise or when
// asked for, at the configured level, to stderr.
func (a *app) logger() *slog.Logger {
	if a.log != nil {
		return a.log
	}
	var level slog.Level
	_ = level.UnmarshalText([]byte(a.cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(a.stderr, opts)
	if a.cfg.LogFormat == "json" || !isTerminal(a.stderr) {
		h = slog.NewJSONHandler(a.stderr, opts)
	}
	a.log = slog.New(h)
	return a.log
}

// open opens the configured store once, brings its reference data up to
// date, and attributes changes to the configured actor. The command line is
// the local operator, who holds the database file or its DSN anyway: it
// reads as an admin and so sees every record.
func (a *app) open(ctx context.Context) (pledgebook.Store, context.Context, error) {
	ctx = pledgebook.WithActor(ctx, a.cfg.Actor)
	ctx = pledgebook.WithViewer(ctx, pledgebook.Viewer{Name: a.cfg.Actor, Role: pledgebook.RoleAdmin})
	if a.store != nil {
		return a.store, ctx, nil
	}
	cfg := sqlstore.Config{Converter: fx.ECB(), Catalog: refdata.Currencies{}}
	// Assign the store only on success: a nil *Store in the interface is
	// not nil, and Run would Close it.
	var err error
	if a.cfg.IsPostgres() {
		var s *postgres.Store
		if s, err = postgres.Open(ctx, a.cfg.DB, cfg); err == nil {
			a.store = s
		}
	} else {
		var s *sqlite.Store
		if s, err = sqlite.Open(ctx, a.cfg.DB, cfg); err == nil {
			a.store = s
		}
	}
	if err != nil {
		if pledgebook.ErrorKind(err) != pledgebook.KindInternal {
			return nil, ctx, err
		}
		return nil, ctx, &pledgebook.Error{Kind: pledgebook.KindInternal, Op: "open database " + config.RedactDSN(a.cfg.DB), Err: err}
	}
	sysCtx := pledgebook.WithActor(ctx, "system:reference-data")
	n, err := a.store.SyncReference(sysCtx, refdata.Reference())
	if err != nil {
		return nil, ctx, err
	}
	if n > 0 {
		a.logger().Info("reference data updated", "records", n)
	}
	return a.store, ctx, nil
}

// openFor parses the record id argument arg of a command that acts on one
// record (what names the kind, for the error) and opens the store.
func (a *app) openFor(cmd *cobra.Command, what, arg string) (int64, pledgebook.Store, context.Context, error) {
	id, err := parseID(what, arg)
	if err != nil {
		return 0, nil, nil, err
	}
	s, ctx, err := a.open(cmd.Context())
	return id, s, ctx, err
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "pledgebook",
		Short: "The ledger of multinational support pledges",
		Long: `pledgebook keeps one ledger of requirements, pledges and deliveries, with
evidence for every record, values normalised to EUR and USD at ECB rates,
and an append-only, hash-chained audit trail.

The database is a SQLite file (pledgebook.db) unless --db or PLEDGEBOOK_DB
names another file or a postgres:// DSN.

Exit codes: 0 ok, 1 internal error, 2 invalid input, 3 not found,
4 conflict (e.g. a duplicate pledge), 5 audit verification failed.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return a.cfg.Validate()
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.cfg.DB, "db", a.cfg.DB, "database: a SQLite file or a postgres:// DSN (env PLEDGEBOOK_DB)")
	pf.StringVar(&a.cfg.Actor, "actor", a.cfg.Actor, "who changes are attributed to in the audit trail (env PLEDGEBOOK_ACTOR)")
	pf.StringVar(&a.cfg.LogLevel, "log-level", a.cfg.LogLevel, "debug, info, warn or error (env PLEDGEBOOK_LOG_LEVEL)")
	pf.StringVar(&a.cfg.LogFormat, "log-format", a.cfg.LogFormat, "text or json (env PLEDGEBOOK_LOG_FORMAT)")
	root.AddCommand(
		a.demoCommand(),
		a.pledgeCommand(),
		a.deliveryCommand(),
		a.requirementCommand(),
		a.partyCommand(),
		a.meetingCommand(),
		a.coalitionCommand(),
		a.reportCommand(),
		a.auditCommand(),
		a.extractCommand(),
		a.ingestCommand(),
		a.reviewCommand(),
		a.userCommand(),
		a.tokenCommand(),
		a.serveCommand(),
		a.migrateCommand(),
		a.configCommand(),
	)
	// A group such as `pledge` runs nothing itself, and cobra would print its
	// help and exit 0 for a mistyped subcommand (`pledge ad`).
	for _, c := range root.Commands() {
		if !c.Runnable() && c.HasSubCommands() {
			c.Args = cobra.NoArgs
			c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		}
	}
	return root
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
