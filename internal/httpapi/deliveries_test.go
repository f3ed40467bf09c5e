package httpapi_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"pledgebook"
	"pledgebook/internal/storetest"
)

// TestListDeliveriesFilters checks the filters GET /deliveries shares
// with the deliveries page: capability area, confirmed and date range,
// and a 400 naming the parameter for each malformed one.
func TestListDeliveriesFilters(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newEnv(t, open)
		ctx := pledgebook.WithActor(pledgebook.WithViewer(context.Background(), pledgebook.Viewer{Name: "test", Role: pledgebook.RoleAdmin}), "test")
		var ids []int64
		for i, on := range []string{"2025-07-01", "2025-08-01", "2025-09-01"} {
			n := int64(10)
			d := &pledgebook.Delivery{Pledge: e.gbPledge, DeliveredOn: pledgebook.MustDate(on), Quantity: &n}
			if err := e.store.CreateDelivery(ctx, d); err != nil {
				t.Fatal(err)
			}
			if i == 1 {
				if _, err := e.store.ConfirmDelivery(ctx, d.ID, d.Version); err != nil {
					t.Fatal(err)
				}
			}
			ids = append(ids, d.ID)
		}
		for _, c := range []struct {
			query string
			want  []int64
		}{
			{"confirmed=true", ids[1:2]},
			{"confirmed=false", []int64{ids[0], ids[2]}},
			{"from=2025-07-15&to=2025-09-01", ids[1:]},
			{"category=drones&to=2025-07-01", ids[:1]},
			{"category=artillery", nil},
		} {
			r := e.do("GET", "/api/v1/deliveries?"+c.query, "", "")
			var page struct{ Items []pledgebook.Delivery }
			r.json(t, &page)
			var got []int64
			for _, d := range page.Items {
				got = append(got, d.ID)
			}
			if r.status != 200 || !slices.Equal(got, c.want) {
				t.Errorf("GET /deliveries?%s = %d %v; want %v", c.query, r.status, got, c.want)
			}
		}
		for _, c := range []struct{ query, field string }{
			{"confirmed=maybe", "confirmed"}, {"from=2025-02-30", "from"}, {"to=x", "to"}, {"category=lasers", "category"},
		} {
			r := e.do("GET", "/api/v1/deliveries?"+c.query, "", "")
			if r.status != http.StatusBadRequest || r.problem(t).Field != c.field {
				t.Errorf("GET /deliveries?%s = %d %s; want 400 naming %s", c.query, r.status, r.body, c.field)
			}
		}
	})
}
