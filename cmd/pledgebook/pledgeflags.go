package main

import (
	"github.com/spf13/pflag"

	"pledgebook"
)

// pledgeFlags are a pledge's fields as command-line flags. `pledge add`
// fills a new pledge from them and `review accept` corrects a candidate's
// pledge with them, so both take the same flags with the same meaning.
type pledgeFlags struct {
	donor, recipient, category, item, quantity, unit, amount, currency, status, date string
	periodFrom, periodTo, meeting, requirement, coalition, visibility, notes         string
}

// bind adds the flags to f. A flag left out leaves the field as it is; the
// domain's defaults (recipient UA, status announced, visibility public)
// fill what is still empty.
func (pf *pledgeFlags) bind(f *pflag.FlagSet) {
	f.StringVar(&pf.donor, "donor", "", "donor: ISO 3166-1 alpha-2 code (GB) or organisation code (EU)")
	f.StringVar(&pf.recipient, "recipient", "", "recipient party code (default UA)")
	f.StringVar(&pf.status, "status", "", "announced (default), committed, contracted, delivering, delivered or cancelled")
	pf.bindEditable(f)
}

// bindEditable adds the flags of the fields an edit may change: all but
// the parties, which make another pledge, and the status, which moves
// only forward with `pledge status`.
func (pf *pledgeFlags) bindEditable(f *pflag.FlagSet) {
	f.StringVar(&pf.category, "category", "", "capability area: "+categoryNames())
	f.StringVar(&pf.item, "item", "", "what is pledged, e.g. \"IRIS-T SLM\" or \"155mm shells\"")
	f.StringVar(&pf.quantity, "quantity", "", "how many (a whole number, not negative)")
	f.StringVar(&pf.unit, "unit", "", "unit of the quantity, e.g. systems, rounds")
	f.StringVar(&pf.amount, "amount", "", "monetary value, exact: 247000000, 247m or 1.5bn")
	f.StringVar(&pf.currency, "currency", "", "ISO 4217 currency of --amount, e.g. EUR, GBP, USD")
	f.StringVar(&pf.date, "date", "", "date announced, YYYY-MM-DD (also the date of the exchange rate)")
	f.StringVar(&pf.periodFrom, "period-from", "", "first day the pledge covers, for multi-year pledges")
	f.StringVar(&pf.periodTo, "period-to", "", "last day the pledge covers")
	f.StringVar(&pf.meeting, "meeting", "", "meeting where it was announced, e.g. udcg-28 (see `meeting list`)")
	f.StringVar(&pf.requirement, "requirement", "", "id of the requirement it answers")
	f.StringVar(&pf.coalition, "coalition", "", "capability coalition it belongs to (see `coalition list`)")
	f.StringVar(&pf.visibility, "visibility", "", "public (default), restricted or confidential")
	f.StringVar(&pf.notes, "notes", "", "free-text notes")
}

// apply sets every field given on p, parsing numbers and dates; the first
// malformed value is an invalid-input error naming its flag.
func (pf *pledgeFlags) apply(p *pledgebook.Pledge) error {
	for _, s := range []struct {
		dst *string
		v   string
	}{{&p.Donor, pf.donor}, {&p.Recipient, pf.recipient}, {&p.Item, pf.item}, {&p.Unit, pf.unit}, {&p.Currency, pf.currency},
		{&p.Meeting, pf.meeting}, {&p.Coalition, pf.coalition}, {&p.Notes, pf.notes}} {
		if s.v != "" {
			*s.dst = s.v
		}
	}
	if pf.category != "" {
		p.Category = pledgebook.Category(pf.category)
	}
	if pf.status != "" {
		p.Status = pledgebook.Status(pf.status)
	}
	if pf.visibility != "" {
		p.Visibility = pledgebook.Visibility(pf.visibility)
	}
	var err error
	if pf.quantity != "" {
		if p.Quantity, err = parseQuantity("quantity", pf.quantity); err != nil {
			return err
		}
	}
	if pf.amount != "" {
		if p.Amount, err = parseAmount("amount", pf.amount); err != nil {
			return err
		}
	}
	for _, d := range []struct {
		dst        *pledgebook.Date
		field, val string
	}{{&p.AnnouncedOn, "date", pf.date}, {&p.PeriodFrom, "period-from", pf.periodFrom}, {&p.PeriodTo, "period-to", pf.periodTo}} {
		if d.val == "" {
			continue
		}
		if *d.dst, err = parseDate(d.field, d.val); err != nil {
			return err
		}
	}
	if pf.requirement != "" {
		id, err := parseID("requirement", pf.requirement)
		if err != nil {
			return err
		}
		p.Requirement = &id
	}
	return nil
}

// update makes the update an edit asks for: every field given. The first
// malformed value is an invalid-input error naming its flag.
func (pf *pledgeFlags) update() (pledgebook.PledgeUpdate, error) {
	var u pledgebook.PledgeUpdate
	for _, s := range []struct {
		dst **string
		v   string
	}{{&u.Item, pf.item}, {&u.Unit, pf.unit}, {&u.Currency, pf.currency}, {&u.Meeting, pf.meeting}, {&u.Coalition, pf.coalition}, {&u.Notes, pf.notes}} {
		if s.v != "" {
			v := s.v
			*s.dst = &v
		}
	}
	if pf.category != "" {
		c := pledgebook.Category(pf.category)
		u.Category = &c
	}
	if pf.visibility != "" {
		v := pledgebook.Visibility(pf.visibility)
		u.Visibility = &v
	}
	var err error
	if pf.quantity != "" {
		if u.Quantity, err = parseQuantity("quantity", pf.quantity); err != nil {
			return u, err
		}
	}
	if pf.amount != "" {
		if u.Amount, err = parseAmount("amount", pf.amount); err != nil {
			return u, err
		}
	}
	for _, d := range []struct {
		dst        **pledgebook.Date
		field, val string
	}{{&u.AnnouncedOn, "date", pf.date}, {&u.PeriodFrom, "period-from", pf.periodFrom}, {&u.PeriodTo, "period-to", pf.periodTo}} {
		if d.val == "" {
			continue
		}
		v, err := parseDate(d.field, d.val)
		if err != nil {
			return u, err
		}
		*d.dst = &v
	}
	if pf.requirement != "" {
		id, err := parseID("requirement", pf.requirement)
		if err != nil {
			return u, err
		}
		u.Requirement = &id
	}
	return u, nil
}
