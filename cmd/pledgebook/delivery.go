package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"pledgebook"
)

func (a *app) deliveryCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "delivery", Short: "Record and list deliveries against pledges"}
	cmd.AddCommand(a.deliveryAdd(), a.deliveryList())
	return cmd
}

func (a *app) deliveryAdd() *cobra.Command {
	var pledge, date, quantity, amount, currency, source, visibility, notes, ref string
	var confirmed bool
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Record a (partial) delivery of a pledge and print its id",
		Long: `Record a delivery. The quantity delivered over all deliveries never
exceeds the quantity pledged. The first delivery moves the pledge to
delivering; the one that completes its quantity moves it to delivered.`,
		Example: `  pledgebook delivery add --pledge 12 --date 2025-10-15 --quantity 20000 --confirmed`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			id, err := parseID("pledge", pledge)
			if err != nil {
				return err
			}
			d := &pledgebook.Delivery{Pledge: id, Currency: currency, Confirmed: confirmed, Source: strings.TrimSpace(source),
				Visibility: pledgebook.Visibility(visibility), Notes: notes, Ref: ref}
			if d.DeliveredOn, err = parseDate("date", date); err != nil {
				return err
			}
			if d.Quantity, err = parseQuantity("quantity", quantity); err != nil {
				return err
			}
			if d.Amount, err = parseAmount("amount", amount); err != nil {
				return err
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if err := s.CreateDelivery(ctx, d); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, d.ID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&pledge, "pledge", "", "id of the pledge delivered against (required)")
	f.StringVar(&date, "date", "", "date delivered, YYYY-MM-DD (required)")
	f.StringVar(&quantity, "quantity", "", "how many were delivered")
	f.StringVar(&amount, "amount", "", "value delivered, exact: 5000000 or 5m")
	f.StringVar(&currency, "currency", "", "ISO 4217 currency of --amount")
	f.BoolVar(&confirmed, "confirmed", false, "the recipient has confirmed receipt")
	f.StringVar(&source, "source", "", "URL of the evidence")
	f.StringVar(&visibility, "visibility", "public", "public, restricted or confidential")
	f.StringVar(&notes, "notes", "", "free-text notes")
	f.StringVar(&ref, "ref", "", "your own unique key for the delivery")
	return cmd
}

func (a *app) deliveryList() *cobra.Command {
	var pledge, donor string
	var f format
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List deliveries, oldest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			filter := pledgebook.DeliveryFilter{Donor: optString(strings.ToUpper(donor))}
			if pledge != "" {
				id, err := parseID("pledge", pledge)
				if err != nil {
					return err
				}
				filter.Pledge = &id
			}
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			ds, err := s.FindDeliveries(ctx, filter)
			if err != nil {
				return err
			}
			m := moneyFormat(f)
			t := table{header: []string{"ID", "PLEDGE", "DELIVERED", "QUANTITY", "AMOUNT", "CURRENCY", "EUR", "CONFIRMED", "VISIBILITY"}}
			for _, d := range ds {
				t.add(itoa(d.ID), itoa(d.Pledge), d.DeliveredOn.String(), optInt(d.Quantity), m(d.Amount), d.Currency, m(d.AmountEUR),
					fmt.Sprint(d.Confirmed), string(d.Visibility))
			}
			if ds == nil {
				ds = []*pledgebook.Delivery{}
			}
			return emit(a.stdout, a.stderr, f, listing[*pledgebook.Delivery]{Items: ds, Total: len(ds)}, t)
		},
	}
	cmd.Flags().StringVar(&pledge, "pledge", "", "only deliveries of this pledge")
	cmd.Flags().StringVar(&donor, "donor", "", "only deliveries of this donor's pledges")
	addFormat(cmd, &f)
	return cmd
}
