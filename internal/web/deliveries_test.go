package web

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// deliveryWorld adds to the demo ledger: a confidential delivery on the
// confidential pledge, a confirmed delivery, and enough deliveries on one
// pledge to fill more than a page. It returns the confirmed delivery's
// pledge's ID.
func deliveryWorld(t *testing.T, e *env) int64 {
	t.Helper()
	value := decimal.NewFromInt(250_000_000)
	hidden := &pledgebook.Delivery{Pledge: e.secret.ID, DeliveredOn: pledgebook.MustDate("2025-09-02"), Amount: &value, Currency: "EUR",
		Visibility: pledgebook.Confidential}
	if err := e.store.CreateDelivery(adminCtx, hidden); err != nil {
		t.Fatalf("CreateDelivery(confidential): %v", err)
	}
	many := &pledgebook.Pledge{Donor: "PL", Category: pledgebook.Ammunition, Item: "155 mm shells", Quantity: new(int64(1000)), Unit: "shells",
		AnnouncedOn: pledgebook.MustDate("2025-05-01")}
	if err := e.store.CreatePledge(adminCtx, many, pledgebook.CreatePledgeOptions{Force: true}); err != nil {
		t.Fatalf("CreatePledge: %v", err)
	}
	for i := range pageSize + 5 {
		d := &pledgebook.Delivery{Pledge: many.ID, DeliveredOn: pledgebook.MustDate("2025-06-01").AddDays(i), Quantity: new(int64(10))}
		if err := e.store.CreateDelivery(adminCtx, d); err != nil {
			t.Fatalf("CreateDelivery %d: %v", i, err)
		}
		if i == 3 {
			if _, err := e.store.ConfirmDelivery(adminCtx, d.ID, d.Version); err != nil {
				t.Fatalf("ConfirmDelivery: %v", err)
			}
		}
	}
	return many.ID
}

var (
	deliveryRowRE = regexp.MustCompile(`(?s)<tr>\s*<td><time datetime="([0-9-]+)">.*?</tr>`)
	tableRE       = regexp.MustCompile(`<table`)
)

// deliveryDates are the dates of the rows of a deliveries page, in order.
func deliveryDates(body string) []string {
	var out []string
	for _, m := range deliveryRowRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestDeliveriesPage checks /deliveries on both engines: in English and
// German, with its filters and paging, within each viewer's visibility,
// its downloads, and a clear 400 for bad filters.
func TestDeliveriesPage(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			e := newEnvOn(t, eng.open)
			shells := deliveryWorld(t, e)
			coordinator := e.signIn(t, "cora", pledgebook.RoleCoordinator)
			all, err := e.store.FindDeliveries(adminCtx, pledgebook.DeliveryFilter{})
			if err != nil {
				t.Fatal(err)
			}

			t.Run("languages", func(t *testing.T) {
				for _, c := range []struct{ lang, title, yes, nav string }{
					{"en", "<title>Deliveries", "Still to come", `<a href="/deliveries" aria-current="page">Deliveries</a>`},
					{"de", "<title>Lieferungen", "Noch ausstehend", `<a href="/deliveries" aria-current="page">Lieferungen</a>`},
				} {
					status, body, _ := e.get(t, "/deliveries?donor=GB", "Cookie", langCookie+"="+c.lang)
					if status != 200 {
						t.Fatalf("%s: GET /deliveries: %d", c.lang, status)
					}
					// The GB drone pledge of the demo: 100,000 pledged, 85,000
					// delivered, 15,000 to come.
					for _, want := range []string{c.title, c.yes, c.nav, `href="/pledges/1"`, "FPV, one-way attack", map[string]string{"en": "15,000", "de": "15.000"}[c.lang]} {
						if !strings.Contains(body, want) {
							t.Errorf("%s: /deliveries?donor=GB lacks %q", c.lang, want)
						}
					}
				}
			})

			t.Run("visibility", func(t *testing.T) {
				_, public, _ := e.get(t, "/deliveries?category=air_defence")
				_, coord, _ := e.get(t, "/deliveries?category=air_defence", coordinator...)
				if strings.Contains(public, "Secret interceptors") || strings.Contains(public, "2025-09-02") {
					t.Errorf("the public sees the confidential delivery")
				}
				if !strings.Contains(coord, "Secret interceptors") || !slices.Contains(deliveryDates(coord), "2025-09-02") {
					t.Errorf("the coordinator does not see the confidential delivery")
				}
			})

			t.Run("filters", func(t *testing.T) {
				for _, c := range []struct {
					query string
					want  func(*pledgebook.Delivery) bool
				}{
					{"donor=PL", func(d *pledgebook.Delivery) bool { return d.Pledge == shells }},
					{"confirmed=yes&dir=asc", func(d *pledgebook.Delivery) bool { return d.Confirmed }},
					{"category=ammunition&confirmed=no&dir=asc", func(d *pledgebook.Delivery) bool { return d.Pledge == shells && !d.Confirmed }},
					{"from=2025-06-10&to=2025-06-12", func(d *pledgebook.Delivery) bool {
						return !d.DeliveredOn.Before(pledgebook.MustDate("2025-06-10")) && !d.DeliveredOn.After(pledgebook.MustDate("2025-06-12"))
					}},
				} {
					var want []string
					for _, d := range all {
						if c.want(d) && d.Visibility == pledgebook.Public && d.Pledge != e.secret.ID && d.Pledge != e.restrict {
							want = append(want, d.DeliveredOn.String())
						}
					}
					if !strings.Contains(c.query, "dir=asc") {
						slices.Reverse(want)
					}
					var got []string
					next := "/deliveries?" + c.query
					for pages := 0; next != "" && pages < 10; pages++ {
						status, body, _ := e.get(t, next)
						if status != 200 {
							t.Fatalf("GET %s: %d", next, status)
						}
						got = append(got, deliveryDates(body)...)
						next = ""
						if m := regexp.MustCompile(`<a href="([^"]+)" rel="next">`).FindStringSubmatch(body); m != nil {
							next = strings.ReplaceAll(m[1], "&amp;", "&")
						}
					}
					if len(want) == 0 || !slices.Equal(got, want) {
						t.Errorf("/deliveries?%s, every page: %v; want %v", c.query, got, want)
					}
				}
				// A page holds pageSize rows, and the pages hold each
				// delivery once.
				_, body, _ := e.get(t, "/deliveries?donor=PL")
				if n := len(deliveryDates(body)); n != pageSize || !strings.Contains(body, `rel="next"`) {
					t.Errorf("first page of PL's %d deliveries: %d rows, next link %t", pageSize+5, n, strings.Contains(body, `rel="next"`))
				}
			})

			t.Run("downloads", func(t *testing.T) {
				_, body, _ := e.get(t, "/deliveries.csv?donor=PL&confirmed=no")
				rows := readCSV(t, body)
				if donors := column(rows, "DONOR"); len(donors) != pageSize+4 || slices.ContainsFunc(donors, func(s string) bool { return s != "PL" }) {
					t.Errorf("PL's unconfirmed deliveries as CSV: donors %v; want %d times PL", donors, pageSize+4)
				}
				if c := column(rows, "CONFIRMED"); slices.Contains(c, "true") {
					t.Errorf("unconfirmed deliveries as CSV include a confirmed one: %v", c)
				}
				if r := column(rows, "REMAINING"); len(r) == 0 || r[0] != fmt.Sprint(1000-10*(pageSize+5)) {
					t.Errorf("REMAINING = %v; want %d", r, 1000-10*(pageSize+5))
				}
				_, public, _ := e.get(t, "/deliveries.xlsx?category=air_defence")
				_, coord, _ := e.get(t, "/deliveries.xlsx?category=air_defence", coordinator...)
				if items := column(readXLSX(t, public), "ITEM"); slices.Contains(items, "Secret interceptors") {
					t.Errorf("the public's XLSX holds the confidential delivery: %v", items)
				}
				if items := column(readXLSX(t, coord), "ITEM"); !slices.Contains(items, "Secret interceptors") {
					t.Errorf("the coordinator's XLSX lacks the confidential delivery: %v", items)
				}
			})

			t.Run("bad filters", func(t *testing.T) {
				for _, c := range []struct{ query, lang, want string }{
					{"category=lasers", "en", "lasers"},
					{"from=2025-13-01", "en", "must be a date YYYY-MM-DD"},
					{"from=2025-07-01&to=2025-06-01", "en", "before it begins"},
					{"confirmed=maybe", "en", "is yes or no"},
					{"confirmed=maybe", "de", "ist yes oder no"},
					{"dir=sideways", "en", "is asc or desc"},
					{"after=yesterday", "en", "is not a page cursor"},
				} {
					for _, path := range []string{"/deliveries?", "/deliveries.csv?"} {
						status, body, h := e.get(t, path+c.query, "Cookie", langCookie+"="+c.lang)
						if status != http.StatusBadRequest || !strings.Contains(body, c.want) || tableRE.MatchString(body) ||
							!strings.HasPrefix(h.Get("Content-Type"), "text/html") {
							t.Errorf("GET %s%s (%s): %d %q, want 400 saying %q and no table", path, c.query, c.lang, status, h.Get("Content-Type"), c.want)
						}
					}
				}
			})
		})
	}
}
