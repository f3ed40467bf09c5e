package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"pledgebook"
)

func (a *app) requirementCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "requirement", Short: "Record and list the recipient's requirements"}
	cmd.AddCommand(a.requirementAdd(), a.requirementList(), a.requirementShow())
	return cmd
}

func (a *app) requirementAdd() *cobra.Command {
	var recipient, category, item, quantity, unit, amount, currency, neededBy, notes, visibility, ref string
	var priority int
	var illustrative bool
	cmd := &cobra.Command{
		Use:     "add",
		Short:   "Record a requirement and print its id",
		Example: `  pledgebook requirement add --category air_defence --item "Patriot batteries" --quantity 7 --priority 1 --needed-by 2026-12-31`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r := &pledgebook.Requirement{Recipient: recipient, Category: pledgebook.Category(category), Item: item, Unit: unit,
				Currency: currency, Priority: priority, Illustrative: illustrative, Notes: notes, Visibility: pledgebook.Visibility(visibility), Ref: ref}
			var err error
			if r.Quantity, err = parseQuantity("quantity", quantity); err != nil {
				return err
			}
			if r.Amount, err = parseAmount("amount", amount); err != nil {
				return err
			}
			if r.NeededBy, err = parseDate("needed-by", neededBy); err != nil {
				return err
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if err := s.CreateRequirement(ctx, r); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, r.ID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&recipient, "recipient", "UA", "the party that needs it")
	f.StringVar(&category, "category", "", "capability area: "+categoryNames())
	f.StringVar(&item, "item", "", "what is needed")
	f.StringVar(&quantity, "quantity", "", "how many")
	f.StringVar(&unit, "unit", "", "unit of the quantity")
	f.StringVar(&amount, "amount", "", "estimated value, exact")
	f.StringVar(&currency, "currency", "", "ISO 4217 currency of --amount")
	f.IntVar(&priority, "priority", 3, "1 (most urgent) to 5")
	f.StringVar(&neededBy, "needed-by", "", "date needed by, YYYY-MM-DD")
	f.BoolVar(&illustrative, "illustrative", false, "made up for demonstration, not real data")
	f.StringVar(&notes, "notes", "", "free-text notes")
	f.StringVar(&visibility, "visibility", "public", "public, restricted or confidential")
	f.StringVar(&ref, "ref", "", "your own unique key for the requirement")
	return cmd
}

func (a *app) requirementList() *cobra.Command {
	var category string
	var f format
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List requirements, most urgent first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var filter pledgebook.RequirementFilter
			if category != "" {
				c, err := pledgebook.ParseCategory(category)
				if err != nil {
					return err
				}
				filter.Category = &c
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			rs, err := s.FindRequirements(ctx, filter)
			if err != nil {
				return err
			}
			m := moneyFormat(f)
			t := table{header: []string{"ID", "PRIORITY", "CATEGORY", "ITEM", "QUANTITY", "VALUE_EUR", "NEEDED_BY", "ILLUSTRATIVE"}}
			for _, r := range rs {
				t.add(itoa(r.ID), fmt.Sprint(r.Priority), string(r.Category), r.Item, strings.TrimSpace(optInt(r.Quantity)+" "+r.Unit),
					m(r.AmountEUR), r.NeededBy.String(), fmt.Sprint(r.Illustrative))
			}
			if rs == nil {
				rs = []*pledgebook.Requirement{}
			}
			return emit(a.stdout, a.stderr, f, listing[*pledgebook.Requirement]{Items: rs, Total: len(rs)}, t)
		},
	}
	cmd.Flags().StringVar(&category, "category", "", "only this capability area")
	addFormat(cmd, &f)
	return cmd
}

func (a *app) requirementShow() *cobra.Command {
	var f format
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one requirement and the pledges that answer it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, s, ctx, err := a.openFor(cmd, "requirement", args[0])
			if err != nil {
				return err
			}
			r, err := s.FindRequirementByID(ctx, id)
			if err != nil {
				return err
			}
			ps, _, err := s.FindPledges(ctx, pledgebook.PledgeFilter{Requirement: &id})
			if err != nil {
				return err
			}
			cov := pledgebook.Coverage([]*pledgebook.Requirement{r}, ps, pledgebook.EUR).Requirements[0]
			m := moneyFormat(f)
			t := table{header: []string{"FIELD", "VALUE"}}
			t.add("id", itoa(r.ID))
			t.add("category", string(r.Category))
			t.add("item", r.Item)
			t.add("priority", fmt.Sprint(r.Priority))
			t.add("required", strings.TrimSpace(optInt(r.Quantity)+" "+r.Unit))
			t.add("value_eur", m(r.AmountEUR))
			t.add("needed_by", r.NeededBy.String())
			t.add("pledged", fmt.Sprintf("%d in %d pledges (%s%% covered)", cov.Pledged, cov.Pledges, cov.Covered.Shift(2).StringFixed(0)))
			t.add("delivered", fmt.Sprint(cov.Delivered))
			t.add("gap", optInt(cov.Gap))
			for _, p := range ps {
				t.add("pledge", fmt.Sprintf("%d %s %s %s", p.ID, p.Donor, p.Item, p.Status))
			}
			if r.Illustrative {
				t.notes = append(t.notes, "this requirement is illustrative, not real data")
			}
			if ps == nil {
				ps = []*pledgebook.Pledge{}
			}
			return emit(a.stdout, a.stderr, f, struct {
				*pledgebook.Requirement
				Coverage pledgebook.CoverageRow `json:"coverage"`
				Pledges  []*pledgebook.Pledge   `json:"pledges"`
			}{r, cov, ps}, t)
		},
	}
	addFormat(cmd, &f)
	return cmd
}
