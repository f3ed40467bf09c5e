package extract

import (
	"github.com/shopspring/decimal"
)

// dedupe removes candidates that state a pledge already found: the same
// donor and figures again (a headline and the body), a figure that
// another candidate states together with more (the headline's "£1.6
// billion missile deal" and the body's "£1.6 billion for 5,000
// missiles"), and a package total whose parts the text lists with their
// own amounts ("€500 million: €490 million for equipment and €10 million
// for supplies").
func dedupe(cs []Candidate) []Candidate {
	if len(cs) < 2 {
		return cs // nothing to merge or sum, and many documents have no more
	}
	// Candidates are indexed by their figures, so that the work stays
	// linear in their number.
	type key struct {
		donor, amount, currency string
		quantity                int64
		hasQ, hasA              bool
	}
	keyOf := func(c Candidate, q, a bool) key {
		k := key{donor: c.Donor}
		if q && c.Quantity != nil {
			k.quantity, k.hasQ = *c.Quantity, true
		}
		if a && c.Amount != nil {
			k.amount, k.hasA = c.Amount.String(), true
			if c.Currency != nil {
				k.currency = *c.Currency
			}
		}
		return k
	}
	drop := make([]bool, len(cs))
	first := map[key]int{}   // full figures → the candidate kept
	partial := map[key]int{} // quantity alone or amount alone → a candidate stating both
	for i, c := range cs {
		if c.Quantity != nil && c.Amount != nil {
			partial[keyOf(c, true, false)] = i
			partial[keyOf(c, false, true)] = i
		}
	}
	merge := func(keep, gone int) {
		if cs[keep].Period == nil {
			cs[keep].Period = cs[gone].Period
		}
		if cs[keep].Date == nil {
			cs[keep].Date = cs[gone].Date
		}
		drop[gone] = true
	}
	for i, c := range cs {
		k := keyOf(c, true, true)
		if c.Quantity == nil || c.Amount == nil {
			// "£1.6 billion missile deal" beside "£1.6 billion for 5,000
			// missiles": the fuller one stays
			if j, ok := partial[k]; ok && j != i {
				merge(j, i)
				continue
			}
		}
		j, ok := first[k]
		if !ok {
			first[k] = i
			continue
		}
		if cs[j].Evidence.Start == c.Evidence.Start && cs[j].Category != c.Category {
			// one sentence stating the same figure twice, for different
			// things, states two pledges: "AU$50 million for uncrewed
			// aerial systems and AU$50 million for other equipment"
			continue
		}
		// the same figures again: keep the more confident, the earlier on
		// a tie
		if c.Confidence > cs[j].Confidence {
			merge(i, j)
			first[k] = i
		} else {
			merge(j, i)
		}
	}
	for i := range cs {
		if !drop[i] && (isSumOfLater(cs, drop, i) || isSumOfEarlier(cs, drop, i)) {
			drop[i] = true
		}
	}
	out := cs[:0]
	for i, c := range cs {
		if !drop[i] {
			out = append(out, c)
		}
	}
	return out
}

// isSumOfEarlier reports an amount that totals the amounts of the same
// donor and currency stated before it in the same sentence: "AU$20
// million for drones and AU$20 million for demining, a package of AU$40
// million".
func isSumOfEarlier(cs []Candidate, drop []bool, i int) bool {
	a := cs[i]
	if a.Amount == nil || a.Quantity != nil {
		return false
	}
	sum := decimal.Zero
	n := 0
	for j := i - 1; j >= 0 && cs[j].Evidence.Start == a.Evidence.Start; j-- {
		c := cs[j]
		if drop[j] || c.Donor != a.Donor || c.Amount == nil || !sameCurrency(a, c) {
			continue
		}
		sum = sum.Add(c.Amount.Decimal)
		n++
	}
	return n >= 2 && sum.Equal(a.Amount.Decimal)
}

func sameCurrency(a, b Candidate) bool {
	return (a.Currency == nil) == (b.Currency == nil) && (a.Currency == nil || *a.Currency == *b.Currency)
}

// isSumOfLater reports whether the amount of cs[i] is the total of two or
// more amounts of the same donor and currency that follow it, within 2.5%
// ("almost $8bn": $5.5bn and $2.4bn).
func isSumOfLater(cs []Candidate, drop []bool, i int) bool {
	a := cs[i]
	if a.Amount == nil || a.Quantity != nil {
		return false
	}
	sum := decimal.Zero
	n := 0
	for j := i + 1; j < len(cs) && j <= i+64 && n < 8; j++ {
		c := cs[j]
		if drop[j] || c.Donor != a.Donor || c.Amount == nil {
			continue
		}
		if !sameCurrency(a, c) {
			break
		}
		sum = sum.Add(c.Amount.Decimal)
		n++
		if n >= 2 {
			diff := sum.Sub(a.Amount.Decimal).Abs()
			if diff.Mul(decimal.NewFromInt(40)).LessThanOrEqual(a.Amount.Decimal) {
				return true
			}
		}
		if sum.GreaterThan(a.Amount.Decimal) {
			break
		}
	}
	return false
}
