package pledgebook

// PartyKind says whether a party is a country or an organisation.
type PartyKind string

// The kinds of party.
const (
	Country      PartyKind = "country"
	Organisation PartyKind = "organisation"
)

// Party is a donor or a recipient: a country, identified by its ISO 3166-1
// alpha-2 code, or an organisation such as the EU or NATO, identified by a
// short upper-case code that no country uses.
type Party struct {
	Code        string    `json:"code"`
	Kind        PartyKind `json:"kind"`
	Alpha3      string    `json:"alpha3,omitempty"`
	NameEN      string    `json:"name_en"`
	NameDE      string    `json:"name_de"`
	NameUK      string    `json:"name_uk"`
	Currency    string    `json:"currency,omitempty"`    // ISO 4217 code of its usual currency
	Memberships []string  `json:"memberships,omitempty"` // codes of organisations it belongs to, e.g. NATO, EU, UDCG
}

// IsMember reports whether p belongs to the organisation org.
func (p Party) IsMember(org string) bool {
	for _, m := range p.Memberships {
		if m == org {
			return true
		}
	}
	return false
}

// PartyFilter selects parties. Nil or empty fields select everything.
type PartyFilter struct {
	Kind     PartyKind // "" for all
	MemberOf string    // organisation code, "" for all
	Donors   bool      // only parties that have made a pledge the viewer may see
}

// Coalition is a capability coalition of the contact group, such as the
// drone coalition, with its lead nations and members.
type Coalition struct {
	ID         string            `json:"id"` // short slug, e.g. "drone"
	Name       string            `json:"name"`
	Leads      []string          `json:"leads"` // party codes
	Members    []CoalitionMember `json:"members"`
	Categories []Category        `json:"categories"`
	Founded    Date              `json:"founded"`
	Notes      string            `json:"notes,omitempty"`
}

// CoalitionMember is a party's membership of a coalition.
type CoalitionMember struct {
	Party  string `json:"party"`
	Joined Date   `json:"joined"` // zero when not publicly known
}

// Meeting is a contact-group meeting, summit or coalition meeting where
// pledges are announced.
type Meeting struct {
	ID     string   `json:"id"`     // short slug, e.g. "udcg-28"
	Kind   string   `json:"kind"`   // "udcg", "summit", "coalition", ...
	Number int      `json:"number"` // sequence number within its series, 0 if none
	Title  string   `json:"title"`
	Date   Date     `json:"date"`
	Place  string   `json:"place"`
	Format string   `json:"format,omitempty"` // "in person", "virtual", "hybrid"
	Chairs []string `json:"chairs"`           // names and offices
	Source string   `json:"source,omitempty"` // URL of public reporting
}

// Reference is the reference data that comes with the binary and is synced
// into every store: parties, coalitions and meetings.
type Reference struct {
	Parties    []Party
	Coalitions []Coalition
	Meetings   []Meeting
}

// Catalog answers the lookups that validation needs and that do not change
// while the program runs: known currencies.
type Catalog interface {
	// KnownCurrency reports whether code is an ISO 4217 currency code.
	KnownCurrency(code string) bool
}
