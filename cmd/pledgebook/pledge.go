package main

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/spf13/cobra"

	"pledgebook"
)

func (a *app) pledgeCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "pledge", Short: "Record, list and follow pledges"}
	cmd.AddCommand(a.pledgeAdd(), a.pledgeEdit(), a.pledgeList(), a.pledgeShow(), a.pledgeLink(), a.pledgeStatus())
	return cmd
}

func (a *app) pledgeAdd() *cobra.Command {
	var pf pledgeFlags
	var ref, source, publisher, title, evidence, link string
	var force bool
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Record a new pledge, or a re-announcement of one with --link",
		Long: `Record a new pledge and print its id.

A pledge that looks like one already recorded (same donor, capability area
and item, the same quantity or amount, overlapping period) is refused with
a message naming the existing pledge. Then either record the announcement
as a re-announcement of that pledge with --link ID (it is not counted
again), or, if it really is a new pledge, add --force.`,
		Example: `  pledgebook pledge add --donor GB --category drones --item drones --quantity 100000 \
    --date 2025-06-04 --meeting udcg-28 --source https://www.gov.uk/...
  pledgebook pledge add --donor GB --category training --item "training of troops" \
    --amount 247m --currency GBP --date 2025-06-04 --meeting udcg-28
  pledgebook pledge add --link 12 --source https://example.org/report --date 2025-07-21`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if link != "" {
				return a.linkFromAdd(cmd, link, pf.donor, source, pf.date, pf.meeting, publisher, title, evidence)
			}
			p := &pledgebook.Pledge{Ref: ref}
			if err := pf.apply(p); err != nil {
				return err
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			src := pledgebook.PledgeSource{URL: strings.TrimSpace(source), Publisher: publisher, Title: title, Evidence: evidence}
			if err := s.CreatePledge(ctx, p, pledgebook.CreatePledgeOptions{Force: force, Source: src}); err != nil {
				return err
			}
			if p.Amount != nil && p.AmountEUR == nil {
				fmt.Fprintf(a.stderr, "note: pledge %d has no EUR value: no ECB reference rate for %s on %s\n", p.ID, p.Currency, p.AnnouncedOn)
			}
			fmt.Fprintln(a.stdout, p.ID)
			return nil
		},
	}
	f := cmd.Flags()
	pf.bind(f)
	f.StringVar(&source, "source", "", "URL of the evidence: a news report or official release")
	f.StringVar(&publisher, "publisher", "", "publisher of the source")
	f.StringVar(&title, "title", "", "title of the source")
	f.StringVar(&evidence, "evidence", "", "the sentence of the source that supports the record")
	f.StringVar(&ref, "ref", "", "your own unique key for the pledge, e.g. a spreadsheet row id")
	f.StringVar(&link, "link", "", "record this announcement as a re-announcement of pledge ID instead")
	f.BoolVar(&force, "force", false, "record the pledge even though it looks like an existing one")
	return cmd
}

func (a *app) pledgeEdit() *cobra.Command {
	var pf pledgeFlags
	var clear []string
	var version int
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Correct fields of pledge ID, or empty them with --clear",
		Long: `Change the fields given and leave the others as they are. --clear empties
optional fields: ` + strings.Join(flagNames(pledgebook.PledgeClearable), ", ") + `.
Emptying the quantity empties its unit, and emptying the amount its currency
and EUR/USD values. A pledge must keep a quantity or an amount.

The donor and recipient cannot change (record another pledge), nor can the
status (see pledge status). With --version, the edit is refused if the
pledge has changed since you read that version (pledge show prints it).`,
		Example: `  pledgebook pledge edit 12 --quantity 120 --unit systems
  pledgebook pledge edit 12 --amount 1.5bn --currency EUR --clear quantity
  pledgebook pledge edit 12 --notes "figure corrected from the ministry's release" --version 3`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("pledge", args[0])
			if err != nil {
				return err
			}
			upd, err := pf.update()
			if err != nil {
				return err
			}
			for _, c := range clear {
				upd.Clear = append(upd.Clear, strings.ReplaceAll(strings.TrimSpace(c), "-", "_"))
			}
			if err := upd.Check(); err != nil {
				return err
			}
			if reflect.ValueOf(upd).IsZero() {
				return pledgebook.FieldError("flags", "nothing to change: give the fields to set, or --clear")
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if version == 0 {
				p, err := s.FindPledgeByID(ctx, id)
				if err != nil {
					return err
				}
				version = p.Version
			}
			p, err := s.UpdatePledge(ctx, id, upd, version)
			if err != nil {
				return err
			}
			if p.Amount != nil && p.AmountEUR == nil {
				fmt.Fprintf(a.stderr, "note: pledge %d has no EUR value: no ECB reference rate for %s on %s\n", p.ID, p.Currency, p.AnnouncedOn)
			}
			fmt.Fprintf(a.stdout, "pledge %d updated (version %d)\n", p.ID, p.Version)
			return nil
		},
	}
	f := cmd.Flags()
	pf.bindEditable(f)
	f.StringSliceVar(&clear, "clear", nil, "optional fields to empty, comma-separated: "+strings.Join(flagNames(pledgebook.PledgeClearable), ", "))
	f.IntVar(&version, "version", 0, "the version you read; the edit is refused if the pledge changed since (default: the current one)")
	return cmd
}

// flagNames spells field names as flags: period_from → period-from.
func flagNames(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = strings.ReplaceAll(f, "_", "-")
	}
	return out
}

// linkFromAdd is `pledge add --link ID`: the announcement is evidence for
// an existing pledge.
func (a *app) linkFromAdd(cmd *cobra.Command, idArg, donor, source, date, meeting, publisher, title, evidence string) error {
	id, err := parseID("link", idArg)
	if err != nil {
		return err
	}
	if source == "" {
		return pledgebook.FieldError("source", "--link needs the --source URL of the re-announcement")
	}
	on, err := parseDate("date", date)
	if err != nil {
		return err
	}
	s, ctx, err := a.open(cmd.Context())
	if err != nil {
		return err
	}
	if donor != "" {
		p, err := s.FindPledgeByID(ctx, id)
		if err != nil {
			return err
		}
		if !strings.EqualFold(p.Donor, strings.TrimSpace(donor)) {
			return pledgebook.FieldError("donor", "pledge %d is %s's, not %s's; check the id given to --link", id, p.Donor, strings.ToUpper(donor))
		}
	}
	p, err := s.LinkPledge(ctx, id, pledgebook.PledgeSource{URL: source, AnnouncedOn: on, Meeting: meeting, Publisher: publisher, Title: title, Evidence: evidence})
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, p.ID)
	return nil
}

func (a *app) pledgeLink() *cobra.Command {
	var source, date, meeting, publisher, title, evidence string
	cmd := &cobra.Command{
		Use:   "link ID",
		Short: "Record a re-announcement of pledge ID (another source; not counted again)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.linkFromAdd(cmd, args[0], "", source, date, meeting, publisher, title, evidence)
		},
	}
	f := cmd.Flags()
	f.StringVar(&source, "source", "", "URL of the report of the re-announcement (required)")
	f.StringVar(&date, "date", "", "date of the re-announcement, YYYY-MM-DD (required)")
	f.StringVar(&meeting, "meeting", "", "meeting where it was re-announced")
	f.StringVar(&publisher, "publisher", "", "publisher of the source")
	f.StringVar(&title, "title", "", "title of the source")
	f.StringVar(&evidence, "evidence", "", "the sentence of the source that reports it")
	return cmd
}

func (a *app) pledgeStatus() *cobra.Command {
	var date, note string
	cmd := &cobra.Command{
		Use:   "status ID STATUS",
		Short: "Move pledge ID to STATUS on --date",
		Long: `Move a pledge along announced → committed → contracted → delivering →
delivered (steps may be skipped), or to cancelled. A status never moves
back, and a move is never dated before the previous one.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("pledge", args[0])
			if err != nil {
				return err
			}
			st, err := pledgebook.ParseStatus(args[1])
			if err != nil {
				return err
			}
			on, err := parseDate("date", date)
			if err != nil {
				return err
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			p, err := s.SetPledgeStatus(ctx, id, pledgebook.StatusMove{To: st, On: on, Note: note})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "pledge %d is %s since %s\n", p.ID, p.Status, on)
			return nil
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "date of the move, YYYY-MM-DD (required)")
	cmd.Flags().StringVar(&note, "note", "", "why, e.g. the contract reference")
	return cmd
}

func (a *app) pledgeList() *cobra.Command {
	var donor, category, status, meeting, coalition, from, to string
	var limit, offset int
	var f format
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List pledges, oldest announcement first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			filter := pledgebook.PledgeFilter{Donor: optString(strings.ToUpper(donor)), Meeting: optString(meeting),
				Coalition: optString(coalition), Limit: limit, Offset: offset}
			if category != "" {
				c, err := pledgebook.ParseCategory(category)
				if err != nil {
					return err
				}
				filter.Category = &c
			}
			if status != "" {
				st, err := pledgebook.ParseStatus(status)
				if err != nil {
					return err
				}
				filter.Status = &st
			}
			var err error
			if filter.From, err = optDate("from", from); err != nil {
				return err
			}
			if filter.To, err = optDate("to", to); err != nil {
				return err
			}
			if limit < 0 || offset < 0 {
				return pledgebook.FieldError("limit", "--limit and --offset must not be negative")
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			ps, total, err := s.FindPledges(ctx, filter)
			if err != nil {
				return err
			}
			m := moneyFormat(f)
			t := table{header: []string{"ID", "ANNOUNCED", "DONOR", "CATEGORY", "ITEM", "QUANTITY", "AMOUNT", "CURRENCY", "EUR", "STATUS", "DELIVERED", "VISIBILITY"}}
			for _, p := range ps {
				t.add(itoa(p.ID), p.AnnouncedOn.String(), p.Donor, string(p.Category), p.Item, strings.TrimSpace(optInt(p.Quantity)+" "+p.Unit),
					m(p.Amount), p.Currency, m(p.AmountEUR), string(p.Status), delivered(p), string(p.Visibility))
			}
			if total > len(ps) {
				t.notes = append(t.notes, fmt.Sprintf("showing %d of %d pledges (--limit, --offset)", len(ps), total))
			}
			if ps == nil {
				ps = []*pledgebook.Pledge{}
			}
			return emit(a.stdout, a.stderr, f, listing[*pledgebook.Pledge]{Items: ps, Total: total}, t)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&donor, "donor", "", "only this donor")
	fl.StringVar(&category, "category", "", "only this capability area")
	fl.StringVar(&status, "status", "", "only this status")
	fl.StringVar(&meeting, "meeting", "", "only pledges announced or re-announced at this meeting")
	fl.StringVar(&coalition, "coalition", "", "only this coalition's pledges")
	fl.StringVar(&from, "from", "", "announced on or after this date")
	fl.StringVar(&to, "to", "", "announced on or before this date")
	fl.IntVar(&limit, "limit", 0, "at most this many (0: all)")
	fl.IntVar(&offset, "offset", 0, "skip this many first")
	addFormat(cmd, &f)
	return cmd
}

// listing is the JSON form of a listing: the items and how many match.
type listing[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

func delivered(p *pledgebook.Pledge) string {
	switch {
	case p.Quantity != nil && *p.Quantity > 0:
		return fmt.Sprintf("%d/%d", p.DeliveredQuantity, *p.Quantity)
	case p.DeliveredEUR != nil && p.AmountEUR != nil && p.AmountEUR.IsPositive():
		return p.DeliveredEUR.Div(*p.AmountEUR).Shift(2).StringFixed(0) + "%"
	}
	return ""
}

func (a *app) pledgeShow() *cobra.Command {
	var f format
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one pledge with its history, sources and deliveries",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, s, ctx, err := a.openFor(cmd, "pledge", args[0])
			if err != nil {
				return err
			}
			p, err := s.FindPledgeByID(ctx, id)
			if err != nil {
				return err
			}
			m := moneyFormat(f)
			t := table{header: []string{"FIELD", "VALUE"}}
			t.add("id", itoa(p.ID))
			t.add("donor", p.Donor)
			t.add("recipient", p.Recipient)
			t.add("category", string(p.Category))
			t.add("item", p.Item)
			t.add("quantity", strings.TrimSpace(optInt(p.Quantity)+" "+p.Unit))
			if p.Amount != nil {
				t.add("amount", m(p.Amount)+" "+p.Currency)
				fxNote := "no ECB rate for that date"
				if p.AmountEUR != nil {
					fxNote = "ECB rate of " + p.FXDate.String()
				}
				t.add("amount_eur", m(p.AmountEUR)+" ("+fxNote+")")
				t.add("amount_usd", m(p.AmountUSD))
			}
			t.add("status", string(p.Status))
			t.add("announced_on", p.AnnouncedOn.String())
			if !p.PeriodFrom.IsZero() || !p.PeriodTo.IsZero() {
				t.add("period", p.PeriodFrom.String()+" to "+p.PeriodTo.String())
			}
			t.add("meeting", p.Meeting)
			t.add("requirement", optInt(p.Requirement))
			t.add("coalition", p.Coalition)
			t.add("visibility", string(p.Visibility))
			t.add("version", itoa(int64(p.Version)))
			t.add("delivered", strings.TrimSpace(fmt.Sprintf("%s in %d deliveries, worth EUR %s", delivered(p), p.Deliveries, m(p.DeliveredEUR))))
			for _, h := range p.History {
				t.add("history", strings.TrimSpace(h.String()+" "+h.Note))
			}
			for _, src := range p.Sources {
				kind := "source"
				if src.Reannouncement {
					kind = "re-announced"
				}
				t.add(kind, strings.TrimSpace(fmt.Sprintf("%s %s %s", src.AnnouncedOn, src.Meeting, src.URL)))
			}
			if p.Notes != "" {
				t.add("notes", p.Notes)
			}
			t.add("version", fmt.Sprint(p.Version))
			return emit(a.stdout, a.stderr, f, p, t)
		},
	}
	addFormat(cmd, &f)
	return cmd
}

func categoryNames() string {
	names := make([]string, len(pledgebook.Categories))
	for i, c := range pledgebook.Categories {
		names[i] = string(c.Code)
	}
	return strings.Join(names, ", ")
}
