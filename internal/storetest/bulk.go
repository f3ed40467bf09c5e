package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"pledgebook"
	"pledgebook/internal/audit"
)

// bulkBatch is how many pledges one INSERT statement of BulkLedger holds:
// 24 parameters each, well within both engines' limits.
const bulkBatch = 500

// BulkLedger fills the empty store s with the ledger of BenchLedger (the
// reference data, the 50 requirements and the first n pledges of
// BenchPledge, each with its first status entry and, for half of them, a
// source) and about one delivery per 25 pledges (see BenchDelivery),
// in seconds where BenchLedger takes minutes: it writes the pledges, their
// status entries and sources straight into the tables, in one
// transaction, valued by the suite's converter as CreatePledge values
// them. The deliveries go through CreateDelivery, so that the pledges'
// statuses move as the store moves them.
//
// It is for benchmarks of reads. Its pledges have no audit events, so
// VerifyAudit fails on its ledger.
func BulkLedger(tb testing.TB, s Store, n int) {
	tb.Helper()
	benchStore(tb, s)
	reqs, err := s.FindRequirements(ctx(), pledgebook.RequirementFilter{})
	if err != nil {
		tb.Fatalf("FindRequirements: %v", err)
	}
	ps, opts := benchPledges(n, reqs)
	conv := Config().Converter
	for i, p := range ps {
		p.Normalize()
		if err := p.Validate(Config().Catalog); err != nil {
			tb.Fatalf("pledge %d: %v", i, err)
		}
		if p.Amount != nil {
			c := conv.Convert(*p.Amount, p.Currency, p.AnnouncedOn)
			p.AmountEUR, p.AmountUSD, p.FXDate = c.EUR, c.USD, c.RateDate
		}
	}
	tx, err := s.DB().BeginTx(context.Background(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	now := Now.UTC().Format(audit.TimeLayout)
	// SQLite looks up a numbered parameter ($N) by a linear search, which
	// makes a statement of thousands of them slow to prepare and bind, so
	// it gets anonymous ones (?); PostgreSQL knows only $N.
	numbered := !strings.Contains(fmt.Sprintf("%T", s.DB().Driver()), "sqlite")
	ids := make([]int64, n) // pledge i's ID
	byItem := map[string]int{}
	for i, p := range ps {
		byItem[p.Item] = i
	}
	for start := 0; start < n; start += bulkBatch {
		batch := ps[start:min(start+bulkBatch, n)]
		var rows []string
		var args []any
		for _, p := range batch {
			vals := []any{p.Donor, p.Recipient, p.Category, p.Item, pledgebook.NormalizeItem(p.Item), ptrValue(p.Quantity), p.Unit,
				decimalText(p.Amount), p.Currency, decimalText(p.AmountEUR), decimalText(p.AmountUSD), p.FXDate, p.Status, p.AnnouncedOn,
				p.PeriodFrom, p.PeriodTo, emptyNull(p.Meeting), ptrValue(p.Requirement), emptyNull(p.Coalition), p.Visibility, p.Notes, 1, now, now}
			rows = append(rows, placeholders(numbered, len(args), len(vals)))
			args = append(args, vals...)
		}
		q := `INSERT INTO pledges (donor, recipient, category, item, item_key, quantity, unit, amount, currency, amount_eur, amount_usd,
			fx_date, status, announced_on, period_from, period_to, meeting_id, requirement_id, coalition_id, visibility, notes,
			version, created_at, updated_at) VALUES ` + strings.Join(rows, ", ") + ` RETURNING id, item`
		res, err := tx.Query(q, args...)
		if err != nil {
			tb.Fatalf("insert pledges %d to %d: %v", start, start+len(batch), err)
		}
		for res.Next() {
			var id int64
			var item string
			if err := res.Scan(&id, &item); err != nil {
				tb.Fatal(err)
			}
			ids[byItem[item]] = id
		}
		if err := res.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := tx.Exec(`INSERT INTO status_changes (pledge_id, from_status, to_status, on_date, note)
		SELECT id, '', status, announced_on, '' FROM pledges ORDER BY id`); err != nil {
		tb.Fatalf("insert status entries: %v", err)
	}
	sources := map[string]int64{}
	for i, p := range ps {
		src := opts[i].Source
		if src.URL == "" {
			continue
		}
		sid, ok := sources[src.URL]
		if !ok {
			if err := tx.QueryRow(`INSERT INTO sources (url, publisher, created_at) VALUES ($1, $2, $3) RETURNING id`,
				src.URL, src.Publisher, now).Scan(&sid); err != nil {
				tb.Fatalf("insert source %s: %v", src.URL, err)
			}
			sources[src.URL] = sid
		}
		if _, err := tx.Exec(`INSERT INTO pledge_sources (pledge_id, source_id, announced_on, meeting_id, reannouncement, evidence)
			VALUES ($1, $2, $3, $4, $5, '')`, ids[i], sid, p.AnnouncedOn, emptyNull(p.Meeting), false); err != nil {
			tb.Fatalf("insert pledge source: %v", err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	for i, p := range ps {
		p.ID = ids[i]
		d := BenchDelivery(i, p)
		if d == nil {
			continue
		}
		if err := s.CreateDelivery(ctx(), d); err != nil {
			tb.Fatalf("CreateDelivery(pledge %d): %v", i, err)
		}
	}
}

// BenchDelivery returns a delivery against pledge i of the generated
// ledger, p as BenchPledge made it with its ID set, or nil: about one in
// 25 pledges that are not cancelled gets one, a month or more after the
// announcement and before 2026-04-01. A pledge with a quantity gets part
// of it or, one time in three, all of it (which moves it to delivered);
// one stated as an amount only gets a share of the amount, in its
// currency. Its visibility is the pledge's.
func BenchDelivery(i int, p *pledgebook.Pledge) *pledgebook.Delivery {
	rng := rand.New(rand.NewPCG(3, uint64(i)))
	if rng.IntN(25) != 0 || p.Status == pledgebook.Cancelled {
		return nil
	}
	last := pledgebook.MustDate("2026-03-31")
	on := p.AnnouncedOn.AddDays(30 + rng.IntN(400))
	if on.After(last) {
		on = last
	}
	if on.Before(p.AnnouncedOn) {
		on = p.AnnouncedOn
	}
	d := &pledgebook.Delivery{Pledge: p.ID, DeliveredOn: on, Visibility: p.Visibility}
	switch {
	case p.Quantity != nil:
		q := *p.Quantity
		if rng.IntN(3) != 0 {
			q = 1 + rng.Int64N(q)
		}
		d.Quantity = &q
	case p.Amount != nil:
		a := p.Amount.Mul(decimal.New(int64(10+rng.IntN(80)), -2)).Round(2)
		d.Amount, d.Currency = &a, p.Currency
	default:
		return nil
	}
	return d
}

// placeholders returns "($k+1, ..., $k+n)" when numbered, else "(?, ..., ?)"
// with n marks. (Both engines read $N as the Nth argument, as the
// single-row statements of BulkLedger use it.)
func placeholders(numbered bool, k, n int) string {
	var b strings.Builder
	b.WriteByte('(')
	for j := range n {
		if j > 0 {
			b.WriteString(", ")
		}
		if numbered {
			fmt.Fprintf(&b, "$%d", k+j+1)
		} else {
			b.WriteByte('?')
		}
	}
	b.WriteByte(')')
	return b.String()
}

// The values BulkLedger binds: NULL for an absent value, decimals as text.
func ptrValue[T any](v *T) any {
	if v == nil {
		return nil
	}
	return *v
}

func decimalText(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return d.String()
}

func emptyNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}
