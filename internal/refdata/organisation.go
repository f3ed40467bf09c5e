package refdata

import (
	"slices"
	"strings"

	"pledgebook"
)

// organisations are typed in because no source file lists them. Their codes
// must not be ISO 3166-1 alpha-2 codes: EU and UN are on ISO's list of
// "exceptionally reserved" codes, which ISO never assigns to a country, and
// the tests check every code against countries.csv.
//
// Currency is the currency the organisation budgets and announces in, used
// as the default for its pledges. The IMF keeps its accounts in special
// drawing rights (XDR), but the ECB publishes no XDR rate and the IMF states
// its Ukraine programme in US dollars as well, so USD is the useful default.
//
// Ukrainian names use the ASCII apostrophe, like the names in countries.csv,
// so that a search typed on an ordinary keyboard finds them.
var organisations = []pledgebook.Party{
	{
		Code:     "EIB",
		Kind:     pledgebook.Organisation,
		NameEN:   "European Investment Bank",
		NameDE:   "Europäische Investitionsbank",
		NameUK:   "Європейський інвестиційний банк",
		Currency: "EUR",
	},
	{
		Code:     "EU",
		Kind:     pledgebook.Organisation,
		NameEN:   "European Union",
		NameDE:   "Europäische Union",
		NameUK:   "Європейський Союз",
		Currency: "EUR",
	},
	{
		Code:     "IMF",
		Kind:     pledgebook.Organisation,
		NameEN:   "International Monetary Fund",
		NameDE:   "Internationaler Währungsfonds",
		NameUK:   "Міжнародний валютний фонд",
		Currency: "USD",
	},
	{
		Code:     "NATO",
		Kind:     pledgebook.Organisation,
		NameEN:   "North Atlantic Treaty Organization",
		NameDE:   "Organisation des Nordatlantikvertrags",
		NameUK:   "Організація Північноатлантичного договору",
		Currency: "EUR", // NATO's common budgets are set in euros
	},
	{
		// The contact group coordinates pledges but pledges nothing itself;
		// it is a party so that memberships and meetings can refer to it.
		Code:   "UDCG",
		Kind:   pledgebook.Organisation,
		NameEN: "Ukraine Defense Contact Group",
		NameDE: "Kontaktgruppe zur Verteidigung der Ukraine",
		NameUK: "Контактна група з питань оборони України",
	},
	{
		Code:     "UN",
		Kind:     pledgebook.Organisation,
		NameEN:   "United Nations",
		NameDE:   "Vereinte Nationen",
		NameUK:   "Організація Об'єднаних Націй",
		Currency: "USD",
	},
	{
		Code:     "WB",
		Kind:     pledgebook.Organisation,
		NameEN:   "World Bank",
		NameDE:   "Weltbank",
		NameUK:   "Світовий банк",
		Currency: "USD",
	},
}

// Organisations returns the organisations that pledge, lend or coordinate
// support (EU, NATO, EIB, World Bank, IMF, UN and the Ukraine Defense
// Contact Group itself), sorted by code. The caller owns the returned slice.
func Organisations() []pledgebook.Party {
	return cloneParties(organisations)
}

// Parties returns the countries and the organisations, sorted by code: the
// parties a store is synced with.
func Parties() []pledgebook.Party {
	ps := append(Countries(), Organisations()...)
	slices.SortFunc(ps, func(a, b pledgebook.Party) int { return strings.Compare(a.Code, b.Code) })
	return ps
}
