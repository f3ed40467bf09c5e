package refdata

import (
	"testing"

	"pledgebook"
)

func TestReference(t *testing.T) {
	ref := Reference()
	parties := map[string]bool{}
	for _, p := range ref.Parties {
		parties[p.Code] = true
	}
	ids := map[string]bool{}
	var seed *pledgebook.Meeting
	for i, m := range ref.Meetings {
		if m.ID == "" || m.Date.IsZero() || m.Title == "" {
			t.Errorf("meeting %d: id %q date %s title %q; all are required", i, m.ID, m.Date, m.Title)
		}
		if ids[m.ID] {
			t.Errorf("meeting id %s appears twice", m.ID)
		}
		ids[m.ID] = true
		if m.Date.String() == "2025-06-04" && m.Kind == "udcg" {
			seed = &ref.Meetings[i]
		}
	}
	if seed == nil || seed.ID != "udcg-28" || seed.Number != 28 {
		t.Errorf("the contact group meeting of 2025-06-04 = %+v, want udcg-28", seed)
	}
	for _, c := range ref.Coalitions {
		if len(c.Leads) == 0 {
			t.Errorf("coalition %s has no lead nation", c.ID)
		}
		for _, l := range c.Leads {
			if !parties[l] {
				t.Errorf("coalition %s: lead %q is not a party", c.ID, l)
			}
		}
		for _, m := range c.Members {
			if !parties[m.Party] {
				t.Errorf("coalition %s: member %q is not a party", c.ID, m.Party)
			}
		}
		for _, cat := range c.Categories {
			if !cat.Valid() {
				t.Errorf("coalition %s: unknown capability area %q", c.ID, cat)
			}
		}
	}
}
