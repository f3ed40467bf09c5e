package refdata

import (
	"bufio"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// TestEmbeddedFilesParse proves that every embedded file parses, so that
// the panic in must can only come from a build that skipped the tests.
func TestEmbeddedFilesParse(t *testing.T) {
	currency, err := parseCountryCurrencies(countryCurrencyCSV)
	if err != nil {
		t.Fatalf("country-currency.csv: %v", err)
	}
	cd, err := parseCountries(countriesCSV, currency)
	if err != nil {
		t.Fatalf("countries.csv: %v", err)
	}
	if _, err := parseCurrencies(currencyCodesCSV); err != nil {
		t.Errorf("codes-all.csv: %v", err)
	}
	if _, err := parseGDP(gdpCSV, cd.byAlpha3); err != nil {
		t.Errorf("gdp.csv: %v", err)
	}
	// The ECB file is parsed by package fx, whose tests parse this reader.
	first, err := bufio.NewReader(ECBRates()).ReadString('\n')
	if err != nil || !strings.HasPrefix(first, "Date,USD,") {
		t.Errorf("ECBRates() starts with %q (%v), want the eurofxref-hist.csv header", first, err)
	}
}

func TestMustPanicsNamingTheFile(t *testing.T) {
	defer func() {
		msg, _ := recover().(string)
		want := "refdata: embedded data/gdp.csv is malformed (a build defect): line 2: "
		if !strings.HasPrefix(msg, want) {
			t.Errorf("panic %q, want it to start with %q", msg, want)
		}
	}()
	d, err := parseGDP("Country Name,Country Code,Year,Value\nUkraine,UKR,2022,lots\n", map[string]string{"UKR": "UA"})
	must("gdp.csv", d, err)
	t.Error("must did not panic")
}

func TestParseErrorsNameTheLine(t *testing.T) {
	const countriesHeader = "alpha2,alpha3,numeric,name_en,name_de,name_uk\n"
	const gdpHeader = "Country Name,Country Code,Year,Value\n"
	const codesHeader = "Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate\n"
	alpha3 := map[string]string{"UKR": "UA"}
	tests := []struct {
		name  string
		parse func() error
		want  string
	}{
		{"empty countries", func() error { _, err := parseCountries("", nil); return err }, "empty"},
		{"wrong countries header", func() error { _, err := parseCountries("code,name\n", nil); return err }, "header"},
		{"lower-case alpha2", func() error {
			_, err := parseCountries(countriesHeader+"ua,UKR,804,Ukraine,Ukraine,Україна\n", nil)
			return err
		}, "line 2: alpha2"},
		{"duplicate alpha2", func() error {
			_, err := parseCountries(countriesHeader+"UA,UKR,804,Ukraine,Ukraine,Україна\nUA,UKX,804,Ukraine,Ukraine,Україна\n", nil)
			return err
		}, "line 3: alpha2 UA appears twice"},
		{"missing column", func() error {
			_, err := parseCountries(countriesHeader+"UA,UKR,804,Ukraine,Ukraine\n", nil)
			return err
		}, "line 2"},
		{"unknown NATO member", func() error {
			_, err := parseCountries(countriesHeader+"UA,UKR,804,Ukraine,Ukraine,Україна\n", nil)
			return err
		}, "member"},
		{"currency of no country", func() error {
			_, err := parseCountries(countriesHeader+"UA,UKR,804,Ukraine,Ukraine,Україна\n", map[string]string{"XX": "EUR"})
			return err
		}, "XX"},
		{"bad minor unit", func() error {
			_, err := parseCurrencies(codesHeader + "UKRAINE,Hryvnia,UAH,980,two,\n")
			return err
		}, `line 2: UAH: minor unit "two"`},
		{"bad GDP value", func() error {
			_, err := parseGDP(gdpHeader+"Ukraine,UKR,2021,1\nUkraine,UKR,2022,1.2.3\n", alpha3)
			return err
		}, `line 3: value "1.2.3" is not a number`},
		{"negative GDP", func() error { _, err := parseGDP(gdpHeader+"Ukraine,UKR,2022,-1\n", alpha3); return err }, "line 2"},
		{"bad GDP year", func() error { _, err := parseGDP(gdpHeader+"Ukraine,UKR,22,1\n", alpha3); return err }, "line 2: year"},
		{"duplicate GDP", func() error {
			_, err := parseGDP(gdpHeader+"Ukraine,UKR,2022,1\nUkraine,UKR,2022,2\n", alpha3)
			return err
		}, "line 3: UKR 2022 appears twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestCountries(t *testing.T) {
	cs := Countries()
	if len(cs) != 249 {
		t.Fatalf("%d countries, want 249", len(cs))
	}
	if !slices.IsSortedFunc(cs, func(a, b pledgebook.Party) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("countries are not sorted by code")
	}
	byCode := map[string]pledgebook.Party{}
	members := map[string]int{}
	for _, c := range cs {
		byCode[c.Code] = c
		for _, m := range c.Memberships {
			members[m]++
		}
		if c.Kind != pledgebook.Country {
			t.Errorf("%s has kind %q, want %q", c.Code, c.Kind, pledgebook.Country)
		}
		if c.Currency != "" {
			if _, mu, ok := Currency(c.Currency); !ok || mu < 0 {
				t.Errorf("%s has currency %q, which is not a current ISO 4217 code", c.Code, c.Currency)
			}
		}
	}
	for org, want := range map[string]int{"NATO": 32, "EU": 27, "G7": 7} {
		if members[org] != want {
			t.Errorf("%d members of %s, want %d", members[org], org, want)
		}
	}

	tests := []struct {
		name string
		code string
		want pledgebook.Party
	}{
		{"Ukraine", "UA", pledgebook.Party{Code: "UA", Kind: pledgebook.Country, Alpha3: "UKR", NameEN: "Ukraine", NameDE: "Ukraine", NameUK: "Україна", Currency: "UAH"}},
		{"Namibia is not null", "NA", pledgebook.Party{Code: "NA", Kind: pledgebook.Country, Alpha3: "NAM", NameEN: "Namibia", NameDE: "Namibia", NameUK: "Намібія", Currency: "NAD"}},
		{"Germany in all three", "DE", pledgebook.Party{Code: "DE", Kind: pledgebook.Country, Alpha3: "DEU", NameEN: "Germany", NameDE: "Deutschland", NameUK: "Німеччина", Currency: "EUR", Memberships: []string{"EU", "G7", "NATO"}}},
		{"Bulgaria on the euro", "BG", pledgebook.Party{Code: "BG", Kind: pledgebook.Country, Alpha3: "BGR", NameEN: "Bulgaria", NameDE: "Bulgarien", NameUK: "Болгарія", Currency: "EUR", Memberships: []string{"EU", "NATO"}}},
		{"Türkiye filled in", "TR", pledgebook.Party{Code: "TR", Kind: pledgebook.Country, Alpha3: "TUR", NameEN: "Türkiye", NameDE: "Türkei", NameUK: "Туреччина", Currency: "TRY", Memberships: []string{"NATO"}}},
		{"Japan G7 only", "JP", pledgebook.Party{Code: "JP", Kind: pledgebook.Country, Alpha3: "JPN", NameEN: "Japan", NameDE: "Japan", NameUK: "Японія", Currency: "JPY", Memberships: []string{"G7"}}},
		{"Antarctica no currency", "AQ", pledgebook.Party{Code: "AQ", Kind: pledgebook.Country, Alpha3: "ATA", NameEN: "Antarctica", NameDE: "Antarktis (Sonderstatus durch Antarktisvertrag)", NameUK: "Антарктида"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := byCode[tt.code]
			if !ok {
				t.Fatalf("no country %s", tt.code)
			}
			if !equalParty(got, tt.want) {
				t.Errorf("country %s = %+v, want %+v", tt.code, got, tt.want)
			}
		})
	}
}

// equalParty compares field by field; nil and empty memberships are equal.
func equalParty(a, b pledgebook.Party) bool {
	ms := slices.Equal(a.Memberships, b.Memberships)
	a.Memberships, b.Memberships = nil, nil
	return ms && reflect.DeepEqual(a, b)
}

func TestCountriesReturnsACopy(t *testing.T) {
	cs := Countries()
	cs[0].Code = "XX"
	for i := range cs {
		if cs[i].Code == "DE" {
			cs[i].Memberships[0] = "XX"
		}
	}
	for _, c := range Countries() {
		if c.Code == "XX" || slices.Contains(c.Memberships, "XX") {
			t.Fatalf("changing the result of Countries changed the cache: %+v", c)
		}
	}
}

func TestOrganisations(t *testing.T) {
	countryCodes := map[string]bool{}
	for _, c := range Countries() {
		countryCodes[c.Code] = true
	}
	orgs := Organisations()
	var codes []string
	for _, o := range orgs {
		codes = append(codes, o.Code)
		if countryCodes[o.Code] {
			t.Errorf("organisation code %s is a country's alpha-2 code", o.Code)
		}
		if o.Kind != pledgebook.Organisation {
			t.Errorf("%s has kind %q, want %q", o.Code, o.Kind, pledgebook.Organisation)
		}
		if o.NameEN == "" || o.NameDE == "" || o.NameUK == "" {
			t.Errorf("%s lacks a name: %+v", o.Code, o)
		}
		if o.Currency != "" && !(Currencies{}).KnownCurrency(o.Currency) {
			t.Errorf("%s has unknown currency %q", o.Code, o.Currency)
		}
	}
	want := []string{"EIB", "EU", "IMF", "NATO", "UDCG", "UN", "WB"}
	if !slices.Equal(codes, want) {
		t.Errorf("organisation codes %v, want %v", codes, want)
	}
}

func TestParties(t *testing.T) {
	ps := Parties()
	if len(ps) != 249+7 {
		t.Errorf("%d parties, want %d", len(ps), 249+7)
	}
	for i := 1; i < len(ps); i++ {
		if ps[i-1].Code >= ps[i].Code {
			t.Errorf("parties not sorted or not unique at %s, %s", ps[i-1].Code, ps[i].Code)
		}
	}
}

func TestCurrency(t *testing.T) {
	tests := []struct {
		name      string
		code      string
		wantName  string
		wantMinor int
		wantOK    bool
	}{
		{"euro", "EUR", "Euro", 2, true},
		{"yen has no minor unit", "JPY", "Yen", 0, true},
		{"three decimals", "BHD", "Bahraini Dinar", 3, true},
		{"hryvnia", "UAH", "Hryvnia", 2, true},
		{"current after redenomination", "RON", "Romanian Leu", 2, true},
		{"withdrawn, latest name", "HRK", "Kuna", -1, true},
		{"withdrawn 2026", "BGN", "Bulgarian Lev", -1, true},
		{"withdrawn long ago", "DEM", "Deutsche Mark", -1, true},
		{"gold has no minor unit", "XAU", "Gold", -1, true},
		{"new Zimbabwe Gold", "ZWG", "Zimbabwe Gold", 2, true},
		{"lower case", "eur", "", 0, false},
		{"unknown", "ABC", "", 0, false},
		{"empty", "", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, minor, ok := Currency(tt.code)
			if name != tt.wantName || minor != tt.wantMinor || ok != tt.wantOK {
				t.Errorf("Currency(%q) = %q, %d, %v; want %q, %d, %v", tt.code, name, minor, ok, tt.wantName, tt.wantMinor, tt.wantOK)
			}
			if known := (Currencies{}).KnownCurrency(tt.code); known != tt.wantOK {
				t.Errorf("KnownCurrency(%q) = %v, want %v", tt.code, known, tt.wantOK)
			}
		})
	}
	// 307 distinct non-empty codes in codes-all.csv, counted independently
	// with a script when the file was added.
	if n := len(currencies()); n != 307 {
		t.Errorf("%d currency codes, want 307", n)
	}
}

func TestGDP(t *testing.T) {
	tests := []struct {
		name   string
		alpha2 string
		year   int
		want   string
		wantOK bool
	}{
		{"Ukraine 2022 exact", "UA", 2022, "161989520721.1905", true},
		{"Ukraine 2023", "UA", 2023, "178757021386.80896", true},
		{"lower case", "ua", 2021, "199765859570.9353", true},
		{"Namibia", "NA", 2000, "", true},
		{"no 2024 data", "UA", 2024, "", false},
		{"Kosovo is not ISO", "XK", 2022, "", false},
		{"aggregate code", "WL", 2022, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := GDP(tt.alpha2, tt.year)
			if ok != tt.wantOK || (tt.want != "" && got.String() != tt.want) {
				t.Errorf("GDP(%q, %d) = %s, %v; want %s, %v", tt.alpha2, tt.year, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestLatestGDP(t *testing.T) {
	tests := []struct {
		name     string
		alpha2   string
		wantYear int
		wantOK   bool
	}{
		{"Ukraine", "UA", 2023, true},
		{"United States", "US", 2023, true},
		{"Antarctica", "AQ", 0, false},
		{"organisation", "EU", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			year, v, ok := LatestGDP(tt.alpha2)
			if year != tt.wantYear || ok != tt.wantOK {
				t.Fatalf("LatestGDP(%q) = %d, %s, %v; want %d, %v", tt.alpha2, year, v, ok, tt.wantYear, tt.wantOK)
			}
			if want, _ := GDP(tt.alpha2, year); ok && !v.Equal(want) {
				t.Errorf("LatestGDP(%q) value %s, GDP of %d is %s", tt.alpha2, v, year, want)
			}
		})
	}
}

func TestParseGDPValue(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"3521418059.923445", "3521418059.923445", false},
		{"1.2e+12", "1200000000000", false},
		{"1.2E12", "1200000000000", false},
		{"4.5e-1", "0.45", false},
		{"177", "177", false},
		{"0", "", true},
		{"-1.5", "", true},
		{"", "", true},
		{"n/a", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseGDPValue(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseGDPValue(%q) error %v, want error %v", tt.in, err, tt.wantErr)
			}
			if !tt.wantErr && !got.Equal(decimal.RequireFromString(tt.want)) {
				t.Errorf("parseGDPValue(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}
