package web

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// Each language's messages are the JSON files in messages/<lang>/, one file
// per part of the UI, so that a new page brings its own file.
//
//go:embed messages
var messageFS embed.FS

// languages are the UI's languages, the default first.
var languages = []string{"en", "de"}

// langCookie remembers the language chosen with the switch.
const langCookie = "pledgebook_lang"

// catalog is one language's messages, by key.
type catalog map[string]string

// loadCatalogs reads the message catalogue of every language and checks
// that they define the same keys, so that a page never shows a raw key in
// one language only.
func loadCatalogs() (map[string]catalog, error) {
	out := map[string]catalog{}
	for _, lang := range languages {
		files, err := fs.Glob(messageFS, "messages/"+lang+"/*.json")
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("no %s messages", lang)
		}
		c := catalog{}
		for _, f := range files {
			b, err := messageFS.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", f, err)
			}
			var part catalog
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("parse %s: %w", f, err)
			}
			for k, v := range part {
				if _, dup := c[k]; dup {
					return nil, fmt.Errorf("%s: key %q is defined twice", f, k)
				}
				c[k] = v
			}
		}
		out[lang] = c
	}
	base := out[languages[0]]
	for _, lang := range languages[1:] {
		if missing := missingKeys(base, out[lang]); len(missing) > 0 {
			return nil, fmt.Errorf("%s messages lack %s", lang, strings.Join(missing, ", "))
		}
		if missing := missingKeys(out[lang], base); len(missing) > 0 {
			return nil, fmt.Errorf("%s messages lack %s", languages[0], strings.Join(missing, ", "))
		}
	}
	return out, nil
}

// loadDomainMessages reads the translations of the domain's error messages:
// messages/domain.<lang>.json for each language but English, each mapping
// an English format string of pledgebook.Errorf or pledgebook.FieldError to
// that language's. English needs none: it is what the domain writes.
func loadDomainMessages(fsys fs.FS) (map[string]catalog, error) {
	out := map[string]catalog{}
	for _, lang := range languages[1:] {
		f := "messages/domain." + lang + ".json"
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f, err)
		}
		var c catalog
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		out[lang] = c
	}
	return out, nil
}

// missingKeys lists the keys of want that got lacks, sorted.
func missingKeys(want, got catalog) []string {
	var out []string
	for k := range want {
		if _, ok := got[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// pickLanguage chooses the page's language: the switch's cookie, else the
// best match in Accept-Language, else English.
func pickLanguage(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && slices.Contains(languages, c.Value) {
		return c.Value
	}
	return matchAcceptLanguage(r.Header.Get("Accept-Language"))
}

// matchAcceptLanguage returns the UI language with the highest quality in
// an Accept-Language header (RFC 9110), ties going to the earlier entry.
func matchAcceptLanguage(h string) string {
	best, bestQ := languages[0], 0.0
	for part := range strings.SplitSeq(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 || f > 1 {
				continue
			}
			q = f
		}
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if slices.Contains(languages, primary) && q > bestQ {
			best, bestQ = primary, q
		}
	}
	return best
}

// locale formats text, numbers, dates and money in one language.
type locale struct {
	Lang     string
	messages catalog
	domain   catalog // the domain's error messages, by English format; nil for English
	group    string  // thousands separator
	point    string  // decimal separator
}

func newLocale(lang string, c catalog) *locale {
	l := &locale{Lang: lang, messages: c, group: ",", point: "."}
	if lang == "de" {
		l.group, l.point = ".", ","
	}
	return l
}

// T returns the message key, with args put in by fmt.Sprintf when given.
// A key missing from the catalogue shows as itself; the catalogue test
// keeps that from happening.
func (l *locale) T(key string, args ...any) string {
	m, ok := l.messages[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(m, args...)
	}
	return m
}

// ErrorText is the user-safe message of err (pledgebook.ErrorMessage) in
// the page's language: the domain's message through the domain catalogue,
// its field named by the field's label. An English page, or a message with
// no translation, shows the domain's own text.
func (l *locale) ErrorText(err error) string {
	var e *pledgebook.Error
	if !errors.As(err, &e) || e.Kind == pledgebook.KindInternal {
		return l.T("error.internal")
	}
	if l.domain == nil {
		return pledgebook.ErrorMessage(err)
	}
	msg := l.FieldErrorText(e)
	if e.Field == "" {
		return msg
	}
	label, ok := l.messages["field."+e.Field]
	if !ok {
		label = e.Field
	}
	return label + ": " + msg
}

// FieldErrorText is e's message, without its field, in the page's
// language, for showing beside the field.
func (l *locale) FieldErrorText(e *pledgebook.Error) string {
	return e.Translate(func(format string) (string, bool) {
		t, ok := l.domain[format]
		return t, ok
	})
}

// Int formats a whole number with the language's thousands separator.
func (l *locale) Int(n any) string {
	switch v := n.(type) {
	case int:
		return l.Dec(decimal.NewFromInt(int64(v)), 0)
	case int64:
		return l.Dec(decimal.NewFromInt(v), 0)
	case *int64:
		if v == nil {
			return "–"
		}
		return l.Dec(decimal.NewFromInt(*v), 0)
	}
	return fmt.Sprint(n)
}

// Dec formats d rounded to places decimals, dropping trailing zeros.
func (l *locale) Dec(d decimal.Decimal, places int32) string {
	s := d.Round(places).String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(l.group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(l.point)
		b.WriteString(frac)
	}
	return b.String()
}

// Percent formats a share from 0 to 1 as a percentage.
func (l *locale) Percent(share decimal.Decimal) string {
	if l.Lang == "de" {
		return l.Dec(share.Shift(2), 1) + " %"
	}
	return l.Dec(share.Shift(2), 1) + "%"
}

var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}

// Money formats an exact amount: in millions to one decimal from a million
// up (€1,234.5m, 1.234,5 Mio. €), else in full.
func (l *locale) Money(amount decimal.Decimal, currency string) string {
	sym, ok := currencySymbols[currency]
	if !ok {
		sym = currency
	}
	var num, unit string
	if amount.Abs().Cmp(decimal.NewFromInt(1_000_000)) >= 0 {
		num = l.Dec(amount.Shift(-6), 1)
		unit = "m"
		if l.Lang == "de" {
			unit = " Mio."
		}
	} else {
		num = l.Dec(amount, 2)
	}
	if l.Lang == "de" {
		return num + unit + " " + sym
	}
	if ok {
		return sym + num + unit
	}
	return sym + " " + num + unit
}

// MoneyPtr formats an amount that may be unknown.
func (l *locale) MoneyPtr(amount *decimal.Decimal, currency string) string {
	if amount == nil {
		return "–"
	}
	return l.Money(*amount, currency)
}

// Date formats a date as 4 June 2025 or 4. Juni 2025.
func (l *locale) Date(d pledgebook.Date) string {
	if d.IsZero() {
		return "–"
	}
	t := d.Time()
	month := l.T(fmt.Sprintf("month.%d", t.Month()))
	if l.Lang == "de" {
		return fmt.Sprintf("%d. %s %d", t.Day(), month, t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
}

// Month formats a YYYY-MM month as "Jun 2025"-like text in full.
func (l *locale) Month(ym string) string {
	d, err := pledgebook.ParseDate(ym + "-01")
	if err != nil {
		return ym
	}
	return fmt.Sprintf("%s %d", l.T(fmt.Sprintf("month.%d", d.Time().Month())), d.Year())
}

// Category names a capability area.
func (l *locale) Category(c pledgebook.Category) string {
	for _, info := range pledgebook.Categories {
		if info.Code == c {
			if l.Lang == "de" {
				return info.NameDE
			}
			return info.NameEN
		}
	}
	return string(c)
}

// Status names a pledge status.
func (l *locale) Status(s pledgebook.Status) string { return l.T("status." + string(s)) }
