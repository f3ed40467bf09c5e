package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"pledgebook"
)

func (a *app) reviewCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Review candidate pledges extracted from sources: accept, link or reject",
		Long: `Candidates wait in the review queue after ` + "`pledgebook ingest`" + `. A curator accepts
one as a new pledge (correcting fields with flags), links it to an existing
pledge as a re-announcement, or rejects it with a reason. Every step is
audited.`,
	}
	cmd.AddCommand(a.reviewList(), a.reviewShow(), a.reviewAccept(), a.reviewLink(), a.reviewReject())
	return cmd
}

func (a *app) reviewList() *cobra.Command {
	var state, source string
	var f format
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List candidates (pending ones unless --state says otherwise)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var filter pledgebook.CandidateFilter
			if state != "all" {
				st, err := pledgebook.ParseCandidateState(state)
				if err != nil {
					return err
				}
				filter.State = &st
			}
			if source != "" {
				id, err := parseID("source", source)
				if err != nil {
					return err
				}
				filter.Source = &id
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			cs, err := s.FindCandidates(ctx, filter)
			if err != nil {
				return err
			}
			m := moneyFormat(f)
			t := table{header: []string{"ID", "SOURCE", "STATE", "DONOR", "CATEGORY", "ITEM", "QUANTITY", "AMOUNT", "CURRENCY", "STATUS", "CONFIDENCE", "EVIDENCE"}}
			for _, c := range cs {
				t.add(itoa(c.ID), itoa(c.Source), string(c.State), c.Donor, string(c.Category), c.Item, optInt(c.Quantity), m(c.Amount),
					c.Currency, string(c.Status), c.Confidence.String(), shorten(c.Evidence, 60))
			}
			if cs == nil {
				cs = []*pledgebook.Candidate{}
			}
			return emit(a.stdout, a.stderr, f, listing[*pledgebook.Candidate]{Items: cs, Total: len(cs)}, t)
		},
	}
	cmd.Flags().StringVar(&state, "state", "pending", "pending, accepted, linked, rejected or all")
	cmd.Flags().StringVar(&source, "source", "", "only candidates from this source")
	addFormat(cmd, &f)
	return cmd
}

func (a *app) reviewShow() *cobra.Command {
	var f format
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a candidate beside its evidence in the source text",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, s, ctx, err := a.openFor(cmd, "candidate", args[0])
			if err != nil {
				return err
			}
			c, err := s.FindCandidateByID(ctx, id)
			if err != nil {
				return err
			}
			src, err := s.FindSourceByID(ctx, c.Source)
			if err != nil {
				return err
			}
			context := evidenceContext(src.Text, c.EvidenceStart, c.EvidenceEnd, 240)
			m := moneyFormat(f)
			t := table{header: []string{"FIELD", "VALUE"}}
			t.add("id", itoa(c.ID))
			t.add("state", string(c.State))
			t.add("donor", fmt.Sprintf("%s (%q)", c.Donor, c.DonorText))
			t.add("category", string(c.Category))
			t.add("item", c.Item)
			t.add("quantity", strings.TrimSpace(optInt(c.Quantity)+" "+c.Unit))
			t.add("amount", strings.TrimSpace(m(c.Amount)+" "+c.Currency))
			t.add("status", string(c.Status))
			if c.PeriodFrom > 0 {
				t.add("period", fmt.Sprintf("%d–%d", c.PeriodFrom, c.PeriodTo))
			}
			t.add("date", c.Date.String())
			t.add("confidence", c.Confidence.String())
			t.add("source", fmt.Sprintf("%d %s (%s, %s)", src.ID, src.URL, src.Publisher, src.Published))
			t.add("evidence", context)
			if c.Pledge != nil {
				t.add("pledge", itoa(*c.Pledge))
			}
			if c.Reason != "" {
				t.add("reason", c.Reason)
			}
			return emit(a.stdout, a.stderr, f, struct {
				*pledgebook.Candidate
				Context string `json:"context"`
			}{c, context}, t)
		},
	}
	addFormat(cmd, &f)
	return cmd
}

// evidenceContext returns the evidence with up to n bytes of text on each
// side, the evidence marked »like this«, on one line.
func evidenceContext(text string, start, end, n int) string {
	if start < 0 || end > len(text) || start > end {
		return ""
	}
	from, to := max(0, start-n), min(len(text), end+n)
	for from > 0 && !isRuneStart(text[from]) {
		from--
	}
	for to < len(text) && !isRuneStart(text[to]) {
		to++
	}
	s := text[from:start] + "»" + text[start:end] + "«" + text[end:to]
	if from > 0 {
		s = "…" + s
	}
	if to < len(text) {
		s += "…"
	}
	return strings.Join(strings.Fields(s), " ")
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func (a *app) reviewAccept() *cobra.Command {
	var pf pledgeFlags
	var force bool
	cmd := &cobra.Command{
		Use:   "accept ID",
		Short: "Accept a candidate as a new pledge (flags correct its fields) and print the pledge id",
		Long: `Accept records the candidate as a new pledge whose source is the candidate's
source and evidence. Flags correct what extraction got wrong. The pledge is
dated by --date, else the date the text gives, else the source's publication
date. The duplicate check applies: a pledge that looks like an existing one
is refused; link the candidate instead, or add --force.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, s, ctx, err := a.openFor(cmd, "candidate", args[0])
			if err != nil {
				return err
			}
			c, err := s.FindCandidateByID(ctx, id)
			if err != nil {
				return err
			}
			src, err := s.FindSourceByID(ctx, c.Source)
			if err != nil {
				return err
			}
			p := c.ToPledge(src.Published)
			if err := pf.apply(p); err != nil {
				return err
			}
			if p.AnnouncedOn.IsZero() {
				return pledgebook.FieldError("date", "neither the text nor the source gives a date; give --date")
			}
			if _, err := s.AcceptCandidate(ctx, id, p, force); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, p.ID)
			return nil
		},
	}
	pf.bind(cmd.Flags())
	cmd.Flags().BoolVar(&force, "force", false, "accept it even though it looks like an existing pledge")
	return cmd
}

func (a *app) reviewLink() *cobra.Command {
	var date string
	cmd := &cobra.Command{
		Use:   "link ID PLEDGE_ID",
		Short: "Record a candidate as a re-announcement of an existing pledge",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("candidate", args[0])
			if err != nil {
				return err
			}
			pid, err := parseID("pledge", args[1])
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
			c, err := s.LinkCandidate(ctx, id, pid, on)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "candidate %d linked to pledge %d as a re-announcement\n", c.ID, pid)
			return nil
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "date of the re-announcement (default: the text's date, else the source's)")
	return cmd
}

func (a *app) reviewReject() *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "reject ID --reason TEXT",
		Short: "Reject a candidate, saying why",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, s, ctx, err := a.openFor(cmd, "candidate", args[0])
			if err != nil {
				return err
			}
			c, err := s.RejectCandidate(ctx, id, reason)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "candidate %d rejected\n", c.ID)
			return nil
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why it is not a pledge (required)")
	return cmd
}
