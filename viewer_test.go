package pledgebook

import (
	"context"
	"testing"
)

// TestCanSee is the visibility rule as a table: for every kind of viewer
// and every visibility, whether they see a record of the donor GB for the
// recipient UA (own party for GB and UA users, another party for DE and MD
// users), and a requirement of UA, which has no donor.
func TestCanSee(t *testing.T) {
	viewers := map[string]Viewer{
		"anonymous":    {},
		"unknown role": {Name: "mallory", Role: "root", Party: "GB"},
		"admin":        {UserID: 1, Name: "ada", Role: RoleAdmin},
		"coordinator":  {UserID: 2, Name: "cora", Role: RoleCoordinator},
		"curator":      {UserID: 3, Name: "cura", Role: RoleCurator},
		"viewer":       {UserID: 4, Name: "vic", Role: RoleViewer},
		"donor GB":     {UserID: 5, Name: "gb", Role: RoleDonor, Party: "GB"},
		"donor DE":     {UserID: 6, Name: "de", Role: RoleDonor, Party: "DE"},
		"recipient UA": {UserID: 7, Name: "ua", Role: RoleRecipient, Party: "UA"},
		"recipient MD": {UserID: 8, Name: "md", Role: RoleRecipient, Party: "MD"},
		// A donor user of the recipient's own country is not its recipient
		// staff: the recipient clause needs the recipient role.
		"donor UA": {UserID: 9, Name: "uad", Role: RoleDonor, Party: "UA"},
	}
	tests := []struct {
		viewer                              string
		public, restricted, confidential    bool // a pledge of GB to UA
		reqPublic, reqRestricted, reqConfid bool // a requirement of UA
	}{
		{"anonymous", true, false, false, true, false, false},
		{"unknown role", true, false, false, true, false, false},
		{"admin", true, true, true, true, true, true},
		{"coordinator", true, true, true, true, true, true},
		{"curator", true, true, false, true, true, false},
		{"viewer", true, true, false, true, true, false},
		{"donor GB", true, true, true, true, true, false},
		{"donor DE", true, true, false, true, true, false},
		{"recipient UA", true, true, true, true, true, true},
		{"recipient MD", true, true, false, true, true, false},
		{"donor UA", true, true, false, true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.viewer, func(t *testing.T) {
			v, ok := viewers[tt.viewer]
			if !ok {
				t.Fatalf("no viewer %q", tt.viewer)
			}
			for _, c := range []struct {
				vis              Visibility
				donor, recipient string
				want             bool
			}{
				{Public, "GB", "UA", tt.public},
				{Restricted, "GB", "UA", tt.restricted},
				{Confidential, "GB", "UA", tt.confidential},
				{Public, "", "UA", tt.reqPublic},
				{Restricted, "", "UA", tt.reqRestricted},
				{Confidential, "", "UA", tt.reqConfid},
				{"secret", "GB", "UA", v.SeesAll()}, // an unknown level is the narrowest
			} {
				if got := v.CanSee(c.vis, c.donor, c.recipient); got != c.want {
					t.Errorf("%+v CanSee(%s, donor %q, recipient %q) = %v, want %v", v, c.vis, c.donor, c.recipient, got, c.want)
				}
			}
		})
	}
	// A viewer without a party never matches a record without a donor.
	if (Viewer{Role: RoleViewer}).CanSee(Confidential, "", "") {
		t.Error("a viewer without a party sees a confidential record without parties")
	}
}

func TestViewerContext(t *testing.T) {
	ctx := context.Background()
	if v := ViewerFrom(ctx); v != (Viewer{}) || v.SignedIn() {
		t.Errorf("ViewerFrom(no viewer) = %+v, signed in %v; want the anonymous public", v, v.SignedIn())
	}
	want := Viewer{UserID: 5, Name: "gb", Role: RoleDonor, Party: "GB"}
	if got := ViewerFrom(WithViewer(ctx, want)); got != want || !got.SignedIn() {
		t.Errorf("ViewerFrom(WithViewer(%+v)) = %+v", want, got)
	}
	u := &User{ID: 5, Name: "gb", Role: RoleDonor, Party: "GB"}
	if got := u.Viewer(); got != want {
		t.Errorf("User.Viewer() = %+v, want %+v", got, want)
	}
}

func TestReview(t *testing.T) {
	for role, want := range map[Role]bool{"": false, RoleAdmin: true, RoleCoordinator: true, RoleCurator: true,
		RoleDonor: false, RoleRecipient: false, RoleViewer: false} {
		if got := (Viewer{Role: role}).CanReview(); got != want {
			t.Errorf("Viewer{Role: %q}.CanReview() = %v, want %v", role, got, want)
		}
	}
}

func TestWithin(t *testing.T) {
	levels := []Visibility{Public, Restricted, Confidential}
	for i, v := range levels {
		for j, w := range levels {
			if got := v.Within(w); got != (i <= j) {
				t.Errorf("%s.Within(%s) = %v, want %v", v, w, got, i <= j)
			}
		}
	}
}
