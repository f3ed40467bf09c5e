package pledgebook

import "testing"

func TestSelection(t *testing.T) {
	p := &Pledge{Donor: "GB", Category: Drones, Meeting: "udcg-28", Sources: []PledgeSource{{Meeting: "udcg-29", Reannouncement: true}}}
	cases := []struct {
		name    string
		in      Selection
		field   string // the invalid field, "" when valid
		selects bool   // whether the normalized selection selects p
	}{
		{"zero is all", Selection{}, "", true},
		{"all", Selection{Kind: "ALL"}, "", true},
		{"all with a key", Selection{Kind: SelectAll, Key: "GB"}, "key", false},
		{"donor, folded", Selection{Kind: "donor", Key: " gb "}, "", true},
		{"other donor", Selection{Kind: SelectDonor, Key: "DE"}, "", false},
		{"donor without key", Selection{Kind: SelectDonor}, "key", false},
		{"area", Selection{Kind: SelectArea, Key: "Drones"}, "", true},
		{"other area", Selection{Kind: SelectArea, Key: "artillery"}, "", false},
		{"unknown area", Selection{Kind: SelectArea, Key: "lasers"}, "key", false},
		{"first meeting", Selection{Kind: SelectMeeting, Key: "udcg-28"}, "", true},
		{"meeting of a re-announcement", Selection{Kind: SelectMeeting, Key: "udcg-29"}, "", true},
		{"other meeting", Selection{Kind: SelectMeeting, Key: "udcg-27"}, "", false},
		{"unknown kind", Selection{Kind: "coalition", Key: "drone"}, "kind", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.in
			s.Normalize()
			err := s.Validate()
			if got := ErrorField(err); (err != nil) != (c.field != "") || got != c.field {
				t.Fatalf("Validate(%+v) = %v, want an error on %q", s, err, c.field)
			}
			if err != nil {
				return
			}
			if got := s.Selects(p); got != c.selects {
				t.Errorf("%+v selects the pledge: %v, want %v", s, got, c.selects)
			}
			f := s.Filter()
			if (f.Donor != nil) != (s.Kind == SelectDonor) || (f.Category != nil) != (s.Kind == SelectArea) || (f.Meeting != nil) != (s.Kind == SelectMeeting) {
				t.Errorf("Filter of %+v = %+v", s, f)
			}
		})
	}
}

func TestCheckWebhookURL(t *testing.T) {
	for _, c := range []struct {
		url string
		ok  bool
	}{
		{"https://hooks.example/p?x=1", true},
		{"http://203.0.113.9:8080/", true},
		{"", false}, {"hooks.example/p", false}, {"/p", false}, {"ftp://hooks.example/", false},
		{"https://u:p@hooks.example/", false}, {"https://hooks.example/#frag", false}, {"https://hooks.example/a b", false},
		{"https://", false}, {"mailto:a@b.example", false}, {"https://:443/", false},
	} {
		if err := CheckWebhookURL(c.url); (err == nil) != c.ok || (err != nil && ErrorField(err) != "url") {
			t.Errorf("CheckWebhookURL(%q) = %v, want ok %v", c.url, err, c.ok)
		}
	}
}
