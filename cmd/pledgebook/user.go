package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"pledgebook"
	"pledgebook/internal/auth"
)

func (a *app) userCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user",
		Short: "Add, list, disable and enable the users who sign in to the server",
		Long: `Users sign in to pledgebook's server with a password, or with an API token
(see token). Each has a role:

  admin        runs the installation: users, tokens, everything
  coordinator  sees every record, prepares the reports
  donor        keeps one party's pledges and deliveries (--party required)
  recipient    manages requirements, confirms deliveries (--party, default UA)
  curator      feeds the news in and reviews candidates
  viewer       reads what signed-in users may read

The command line itself needs no user: whoever runs it holds the database.`,
	}
	cmd.AddCommand(a.userAdd(), a.userList(), a.userSetDisabled(true), a.userSetDisabled(false), a.userPassword())
	return cmd
}

func (a *app) userAdd() *cobra.Command {
	var role, party string
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "add NAME --role ROLE [--party CODE] --password-stdin",
		Short: "Add a user, reading the password from standard input, and print its id",
		Long: `Add a user and print its id. The password is read from the first line of
standard input, never from the command line, where other users of the
machine and the shell history would see it. It must have at least 8
characters. Only its argon2id hash is stored.

Names are folded to lower case and may hold letters, digits and . _ - @.`,
		Example: `  printf '%s\n' "$PASSWORD" | pledgebook user add alice --role coordinator --password-stdin
  pledgebook user add gb-mod --role donor --party GB --password-stdin < password.txt`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := pledgebook.ParseRole(role)
			if err != nil {
				return err
			}
			u := &pledgebook.User{Name: args[0], Role: r, Party: party}
			u.Normalize()
			if err := u.Validate(); err != nil {
				return err
			}
			hash, err := a.readPassword(fromStdin)
			if err != nil {
				return err
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if err := s.CreateUser(ctx, u, hash); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, u.ID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&role, "role", "", "admin, coordinator, donor, recipient, curator or viewer")
	f.StringVar(&party, "party", "", "the user's party: required for a donor, UA unless given for a recipient")
	f.BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input (required)")
	return cmd
}

// readPassword reads a password from the first line of standard input,
// checks it, and returns its hash. Only the line break ends it: spaces are
// part of a password.
func (a *app) readPassword(fromStdin bool) (string, error) {
	if !fromStdin {
		return "", pledgebook.FieldError("password-stdin", "is required: the password is read from standard input, never from the command line")
	}
	line, err := bufio.NewReader(io.LimitReader(a.stdin, auth.MaxPasswordLen+3)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", &pledgebook.Error{Kind: pledgebook.KindInternal, Op: "read password", Err: err}
	}
	if len(line) > auth.MaxPasswordLen+2 {
		return "", pledgebook.FieldError("password", "is longer than %d bytes", auth.MaxPasswordLen)
	}
	pw := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	hash, err := auth.HashPassword(pw)
	if err != nil {
		if pledgebook.ErrorKind(err) == pledgebook.KindInvalid {
			return "", err
		}
		return "", &pledgebook.Error{Kind: pledgebook.KindInternal, Op: "hash password", Err: err}
	}
	return hash, nil
}

func (a *app) userList() *cobra.Command {
	var f format
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the users",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			us, err := s.FindUsers(ctx)
			if err != nil {
				return err
			}
			t := table{header: []string{"ID", "NAME", "ROLE", "PARTY", "DISABLED", "PASSWORD_SET", "CREATED"}}
			for _, u := range us {
				t.add(itoa(u.ID), u.Name, string(u.Role), u.Party, fmt.Sprint(u.Disabled), stampString(u.PasswordSetAt), stampString(u.CreatedAt))
			}
			if us == nil {
				us = []*pledgebook.User{}
			}
			return emit(a.stdout, a.stderr, f, listing[*pledgebook.User]{Items: us, Total: len(us)}, t)
		},
	}
	addFormat(cmd, &f)
	return cmd
}

func (a *app) userSetDisabled(disabled bool) *cobra.Command {
	use, short, done := "enable NAME", "Let a disabled user sign in again", "enabled"
	if disabled {
		use, short, done = "disable NAME", "Stop a user signing in; their tokens stop working at once", "disabled"
	}
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, ctx, u, err := a.user(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if u, err = s.SetUserDisabled(ctx, u.ID, disabled); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "user %s %s\n", u.Name, done)
			return nil
		},
	}
}

func (a *app) userPassword() *cobra.Command {
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "password NAME --password-stdin",
		Short: "Set a user's password, read from standard input",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			hash, err := a.readPassword(fromStdin)
			if err != nil {
				return err
			}
			s, ctx, u, err := a.user(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if _, err := s.SetUserPassword(ctx, u.ID, hash); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "password of %s changed\n", u.Name)
			return nil
		},
	}
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input (required)")
	return cmd
}

// user opens the store and finds the user called name.
func (a *app) user(ctx context.Context, name string) (pledgebook.Store, context.Context, *pledgebook.User, error) {
	s, ctx, err := a.open(ctx)
	if err != nil {
		return nil, ctx, nil, err
	}
	u, err := s.FindUserByName(ctx, name)
	if err != nil {
		return nil, ctx, nil, err
	}
	u.PasswordHash = "" // not needed here; not kept around
	return s, ctx, u, nil
}

func (a *app) tokenCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Create, list and revoke API tokens for programs",
		Long: `An API token lets a program act as a user: it sends
"Authorization: Bearer TOKEN" with every request. A token is shown once,
when it is created; the database keeps only its SHA-256 hash. Tokens expire,
and can be revoked at any time; disabling the user stops all of theirs.`,
	}
	cmd.AddCommand(a.tokenCreate(), a.tokenList(), a.tokenRevoke())
	return cmd
}

func (a *app) tokenCreate() *cobra.Command {
	var expires, label string
	cmd := &cobra.Command{
		Use:   "create NAME [--expires 720h] [--label TEXT]",
		Short: "Create an API token for user NAME; the token is printed alone on the last line, once",
		Example: `  pledgebook token create alice --expires 90d --label "import script"
  TOKEN=$(pledgebook token create alice | tail -n 1)`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(label) == "" {
				return pledgebook.FieldError("label", "is required: say what the token is for")
			}
			d, err := parseLifetime(expires)
			if err != nil {
				return err
			}
			until, err := auth.TokenExpiry(time.Now(), d)
			if err != nil {
				return err
			}
			s, ctx, u, err := a.user(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			token, hash, err := auth.NewToken()
			if err != nil {
				return &pledgebook.Error{Kind: pledgebook.KindInternal, Op: "create token", Err: err}
			}
			tok, err := s.CreateToken(ctx, u.ID, label, hash, until)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "token %d (%s) for %s, expires %s; it is shown only this once:\n", tok.ID, tok.Name, u.Name, stampString(tok.ExpiresAt))
			fmt.Fprintln(a.stdout, token)
			return nil
		},
	}
	cmd.Flags().StringVar(&expires, "expires", "720h", "how long the token lives: a duration such as 720h or 90d, at most 366d")
	cmd.Flags().StringVar(&label, "label", "api", "what the token is for, shown in token list")
	return cmd
}

// parseLifetime parses a Go duration (720h, 90m), or a whole number of
// days (90d), which Go's durations lack.
func parseLifetime(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err == nil && days > 0 && days <= 10000 {
			return time.Duration(days) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, pledgebook.FieldError("expires", "%q is not a duration (e.g. 720h or 90d)", s)
	}
	return d, nil
}

func (a *app) tokenList() *cobra.Command {
	var f format
	cmd := &cobra.Command{
		Use:   "list NAME",
		Short: "List user NAME's tokens, newest first (never the tokens themselves)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, ctx, u, err := a.user(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			ts, err := s.FindTokens(ctx, u.ID)
			if err != nil {
				return err
			}
			now := time.Now()
			t := table{header: []string{"ID", "LABEL", "CREATED", "EXPIRES", "STATE"}}
			for _, tok := range ts {
				state := "active"
				switch {
				case tok.RevokedAt != nil:
					state = "revoked " + stampString(*tok.RevokedAt)
				case !tok.Active(now):
					state = "expired"
				}
				t.add(itoa(tok.ID), tok.Name, stampString(tok.CreatedAt), stampString(tok.ExpiresAt), state)
			}
			if ts == nil {
				ts = []*pledgebook.Token{}
			}
			return emit(a.stdout, a.stderr, f, listing[*pledgebook.Token]{Items: ts, Total: len(ts)}, t)
		},
	}
	addFormat(cmd, &f)
	return cmd
}

func (a *app) tokenRevoke() *cobra.Command {
	return &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a token: it stops working at once",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, s, ctx, err := a.openFor(cmd, "token", args[0])
			if err != nil {
				return err
			}
			if _, err := s.RevokeToken(ctx, id); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "token %d revoked\n", id)
			return nil
		},
	}
}

// stampString shows a time in UTC to the second.
func stampString(t time.Time) string { return t.UTC().Format(time.RFC3339) }
