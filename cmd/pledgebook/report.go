package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"pledgebook"
	"pledgebook/internal/refdata"
)

func (a *app) reportCommand() *cobra.Command {
	var currency, from, to string
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Totals by donor and capability area, requirement coverage, timeline",
		Long: `Reports add up values converted to EUR (or USD with --currency USD) at the
ECB reference rate of each record's date. Amounts that have no rate for
their date (the ECB publishes none for UAH, for example) are never added as
zero: every report lists what it left out. Pledges stated only as
quantities are counted but carry no value. Cancelled pledges are left out.`,
	}
	cmd.PersistentFlags().StringVar(&currency, "currency", "EUR", "currency to add up in: EUR or USD")
	cmd.PersistentFlags().StringVar(&from, "from", "", "only pledges announced on or after this date")
	cmd.PersistentFlags().StringVar(&to, "to", "", "only pledges announced on or before this date")

	// load reads the report's query from the flags and opens the store:
	// the reports are built by the shared functions of reportquery.go from
	// the store's reads, which depend on the viewer open puts in ctx, so
	// that the CLI and the API show the same figures.
	load := func(cmd *cobra.Command) (pledgebook.ReportQuery, pledgebook.Store, context.Context, error) {
		var q pledgebook.ReportQuery
		b, err := pledgebook.ParseBasis(strings.ToUpper(currency))
		if err != nil {
			return q, nil, nil, err
		}
		q.Basis = b
		if q.From, err = optDate("from", from); err != nil {
			return q, nil, nil, err
		}
		if q.To, err = optDate("to", to); err != nil {
			return q, nil, nil, err
		}
		s, ctx, err := a.open(cmd.Context())
		return q, s, ctx, err
	}

	totals := func(use, short, keyHeader string, build func(context.Context, pledgebook.Store, pledgebook.ReportQuery) (pledgebook.TotalsReport, error)) *cobra.Command {
		var f format
		c := &cobra.Command{
			Use:   use,
			Short: short,
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				q, s, ctx, err := load(cmd)
				if err != nil {
					return err
				}
				r, err := build(ctx, s, q)
				if err != nil {
					return err
				}
				return emit(a.stdout, a.stderr, f, r, totalsTable(r, keyHeader, f))
			},
		}
		addFormat(c, &f)
		return c
	}
	donors := totals("donors", "Pledged, delivered and outstanding per donor", "DONOR",
		func(ctx context.Context, s pledgebook.Store, q pledgebook.ReportQuery) (pledgebook.TotalsReport, error) {
			return pledgebook.DonorReport(ctx, s, q, refdata.LatestGDP)
		})
	categories := totals("categories", "Pledged, delivered and outstanding per capability area", "CATEGORY", pledgebook.CategoryReport)

	var cf format
	var byArea bool
	coverage := &cobra.Command{
		Use:   "coverage",
		Short: "Requirement coverage: required, pledged, delivered and gap, most urgent gaps first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, s, ctx, err := load(cmd)
			if err != nil {
				return err
			}
			r, err := pledgebook.CoverageOf(ctx, s, q)
			if err != nil {
				return err
			}
			if byArea {
				return emit(a.stdout, a.stderr, cf, listing[pledgebook.CoverageArea]{Items: r.Areas, Total: len(r.Areas)}, areaTable(r, cf))
			}
			return emit(a.stdout, a.stderr, cf, r, coverageTable(r, cf))
		},
	}
	coverage.Flags().BoolVar(&byArea, "areas", false, "one row per capability area instead of per requirement")
	addFormat(coverage, &cf)

	var tf format
	timeline := &cobra.Command{
		Use:   "timeline",
		Short: "Pledges and deliveries per month, with running totals",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, s, ctx, err := load(cmd)
			if err != nil {
				return err
			}
			r, err := pledgebook.TimelineOf(ctx, s, q)
			if err != nil {
				return err
			}
			b := q.Basis
			m := moneyFormat(tf)
			t := table{header: []string{"MONTH", "PLEDGES", "PLEDGED_" + string(b), "CUMULATIVE", "DELIVERED_" + string(b), "CUMULATIVE_DELIVERED"}}
			for _, row := range r.Rows {
				t.add(row.Month, fmt.Sprint(row.Pledges), m(&row.Pledged), m(&row.Cumulative), m(&row.Delivered), m(&row.CumulativeDelivered))
			}
			t.notes = leftOut(r.Unconverted, r.InKind, b)
			return emit(a.stdout, a.stderr, tf, r, t)
		},
	}
	addFormat(timeline, &tf)
	cmd.AddCommand(donors, categories, coverage, timeline)
	return cmd
}

func totalsTable(r pledgebook.TotalsReport, keyHeader string, f format) table {
	m := moneyFormat(f)
	b := string(r.Currency)
	t := table{header: []string{keyHeader, "NAME", "PLEDGES", "PLEDGED_" + b, "DELIVERED_" + b, "OUTSTANDING_" + b, "IN_KIND", "UNCONVERTED"}}
	withGDP := keyHeader == "DONOR"
	if withGDP {
		t.header = append(t.header, "GDP_SHARE_%")
	}
	row := func(x pledgebook.Totals) {
		cells := []string{x.Key, x.Name, fmt.Sprint(x.Pledges), m(&x.Pledged), m(&x.Delivered), m(&x.Outstanding), fmt.Sprint(x.InKind), moneyList(x.Unconverted, f)}
		if withGDP {
			share := ""
			if x.GDPShare != nil {
				share = fmt.Sprintf("%s (%d)", x.GDPShare.StringFixed(3), x.GDPYear)
			}
			cells = append(cells, share)
		}
		t.add(cells...)
	}
	for _, x := range r.Rows {
		row(x)
	}
	row(r.Total)
	t.notes = leftOut(r.Total.Unconverted, r.Total.InKind, r.Currency)
	if withGDP {
		t.notes = append(t.notes, "GDP_SHARE_% is the value pledged in USD over the donor's GDP in the latest year the World Bank data has (year in brackets); multi-year pledges are not spread over years")
	}
	if r.Total.Cancelled > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%d cancelled pledges are not counted", r.Total.Cancelled))
	}
	return t
}

// leftOut says what a report could not value.
func leftOut(unconverted []pledgebook.Money, inKind int, b pledgebook.Basis) []string {
	var notes []string
	if len(unconverted) > 0 {
		notes = append(notes, fmt.Sprintf("left out of the %s figures for want of an ECB rate on their dates: %s", b, moneyList(unconverted, "table")))
	}
	if inKind > 0 {
		notes = append(notes, fmt.Sprintf("%d pledges are stated only as quantities and carry no value", inKind))
	}
	return notes
}

func moneyList(ms []pledgebook.Money, f format) string {
	m := moneyFormat(f)
	parts := make([]string, len(ms))
	for i, x := range ms {
		parts[i] = x.Currency + " " + m(&x.Amount)
	}
	return strings.Join(parts, "; ")
}

func coverageTable(r pledgebook.CoverageReport, f format) table {
	m := moneyFormat(f)
	b := string(r.Currency)
	t := table{header: []string{"PRIORITY", "REQUIREMENT", "CATEGORY", "ITEM", "REQUIRED", "PLEDGED", "DELIVERED", "GAP", "COVERED", "GAP_" + b}}
	for _, row := range r.Requirements {
		t.add(fmt.Sprint(row.Priority), itoa(row.Requirement), string(row.Category), row.Item, optInt(row.Required), fmt.Sprint(row.Pledged),
			fmt.Sprint(row.Delivered), optInt(row.Gap), row.Covered.Shift(2).StringFixed(0)+"%", m(row.GapValue))
	}
	illustrative := 0
	for _, row := range r.Requirements {
		if row.Illustrative {
			illustrative++
		}
	}
	if illustrative > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%d of %d requirements are illustrative, not real data", illustrative, len(r.Requirements)))
	}
	return t
}

func areaTable(r pledgebook.CoverageReport, f format) table {
	m := moneyFormat(f)
	b := string(r.Currency)
	t := table{header: []string{"CATEGORY", "REQUIREMENTS", "COVERED", "PARTLY", "UNCOVERED", "REQUIRED_" + b, "PLEDGED_" + b,
		"DELIVERED_" + b, "GAP_" + b, "OTHER_PLEDGED_" + b}}
	for _, a := range r.Areas {
		t.add(string(a.Category), fmt.Sprint(a.Requirements), fmt.Sprint(a.Covered), fmt.Sprint(a.Partial), fmt.Sprint(a.Uncovered),
			m(&a.RequiredValue), m(&a.PledgedValue), m(&a.DeliveredValue), m(&a.GapValue), m(&a.OtherPledged))
	}
	t.notes = append(t.notes, "OTHER_PLEDGED is the value pledged in an area that answers no recorded requirement")
	return t
}
