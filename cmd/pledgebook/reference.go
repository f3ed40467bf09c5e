package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"pledgebook"
)

func (a *app) partyCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "party", Short: "Countries and organisations that give or receive support"}
	var kind, memberOf string
	var donors bool
	var f format
	list := &cobra.Command{
		Use:   "list",
		Short: "List parties by code",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if kind != "" && kind != string(pledgebook.Country) && kind != string(pledgebook.Organisation) {
				return pledgebook.FieldError("kind", "%q: want country or organisation", kind)
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			ps, err := s.FindParties(ctx, pledgebook.PartyFilter{Kind: pledgebook.PartyKind(kind), MemberOf: strings.ToUpper(memberOf), Donors: donors})
			if err != nil {
				return err
			}
			t := table{header: []string{"CODE", "KIND", "NAME", "NAME_DE", "NAME_UK", "CURRENCY", "MEMBER_OF"}}
			for _, p := range ps {
				t.add(p.Code, string(p.Kind), p.NameEN, p.NameDE, p.NameUK, p.Currency, strings.Join(p.Memberships, " "))
			}
			if ps == nil {
				ps = []pledgebook.Party{}
			}
			return emit(a.stdout, a.stderr, f, listing[pledgebook.Party]{Items: ps, Total: len(ps)}, t)
		},
	}
	list.Flags().StringVar(&kind, "kind", "", "only country or organisation")
	list.Flags().StringVar(&memberOf, "member-of", "", "only members of this organisation, e.g. NATO, EU")
	list.Flags().BoolVar(&donors, "donors", false, "only parties that have made a pledge")
	addFormat(list, &f)
	cmd.AddCommand(list)
	return cmd
}

func (a *app) meetingCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "meeting", Short: "Contact-group meetings and summits where pledges are announced"}
	var lf, sf format
	list := &cobra.Command{
		Use:   "list",
		Short: "List meetings, oldest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			ms, err := s.FindMeetings(ctx)
			if err != nil {
				return err
			}
			t := table{header: []string{"ID", "DATE", "KIND", "TITLE", "PLACE", "CHAIRS"}}
			for _, m := range ms {
				t.add(m.ID, m.Date.String(), m.Kind, m.Title, m.Place, strings.Join(m.Chairs, "; "))
			}
			if ms == nil {
				ms = []pledgebook.Meeting{}
			}
			return emit(a.stdout, a.stderr, lf, listing[pledgebook.Meeting]{Items: ms, Total: len(ms)}, t)
		},
	}
	addFormat(list, &lf)
	show := &cobra.Command{
		Use:   "show ID",
		Short: "Show a meeting and the pledges announced or re-announced there",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			m, err := s.FindMeetingByID(ctx, args[0])
			if err != nil {
				return err
			}
			ps, _, err := s.FindPledges(ctx, pledgebook.PledgeFilter{Meeting: &m.ID})
			if err != nil {
				return err
			}
			money := moneyFormat(sf)
			t := table{header: []string{"PLEDGE", "DONOR", "CATEGORY", "ITEM", "QUANTITY", "AMOUNT", "CURRENCY", "STATUS", "AT_THIS_MEETING"}}
			for _, p := range ps {
				how := "announced"
				if p.Meeting != m.ID {
					how = "re-announced"
				}
				t.add(itoa(p.ID), p.Donor, string(p.Category), p.Item, strings.TrimSpace(optInt(p.Quantity)+" "+p.Unit), money(p.Amount),
					p.Currency, string(p.Status), how)
			}
			t.notes = append(t.notes, fmt.Sprintf("%s, %s, %s; chairs: %s", m.Title, m.Date, m.Place, strings.Join(m.Chairs, "; ")))
			if ps == nil {
				ps = []*pledgebook.Pledge{}
			}
			return emit(a.stdout, a.stderr, sf, struct {
				pledgebook.Meeting
				Pledges []*pledgebook.Pledge `json:"pledges"`
			}{m, ps}, t)
		},
	}
	addFormat(show, &sf)
	cmd.AddCommand(list, show)
	return cmd
}

func (a *app) coalitionCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "coalition", Short: "The contact group's capability coalitions"}
	var lf, sf format
	list := &cobra.Command{
		Use:   "list",
		Short: "List coalitions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			cs, err := s.FindCoalitions(ctx)
			if err != nil {
				return err
			}
			t := table{header: []string{"ID", "NAME", "LEADS", "MEMBERS", "AREAS", "FOUNDED"}}
			for _, c := range cs {
				t.add(c.ID, c.Name, strings.Join(c.Leads, " "), fmt.Sprint(len(c.Members)), joinCategories(c.Categories), c.Founded.String())
			}
			if cs == nil {
				cs = []pledgebook.Coalition{}
			}
			return emit(a.stdout, a.stderr, lf, listing[pledgebook.Coalition]{Items: cs, Total: len(cs)}, t)
		},
	}
	addFormat(list, &lf)
	show := &cobra.Command{
		Use:   "show ID",
		Short: "Show a coalition with its members",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			c, err := s.FindCoalitionByID(ctx, args[0])
			if err != nil {
				return err
			}
			t := table{header: []string{"MEMBER", "LEAD", "JOINED"}}
			for _, m := range c.Members {
				lead := ""
				for _, l := range c.Leads {
					if l == m.Party {
						lead = "lead"
					}
				}
				t.add(m.Party, lead, m.Joined.String())
			}
			t.notes = append(t.notes, fmt.Sprintf("%s (%s): areas %s, founded %s", c.Name, c.ID, joinCategories(c.Categories), c.Founded))
			return emit(a.stdout, a.stderr, sf, c, t)
		},
	}
	addFormat(show, &sf)
	cmd.AddCommand(list, show)
	return cmd
}

func joinCategories(cs []pledgebook.Category) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, " ")
}
