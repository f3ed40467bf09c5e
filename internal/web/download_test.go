package web

import (
	"context"
	"encoding/csv"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"pledgebook"
	"pledgebook/internal/sqlite"
	"pledgebook/internal/storetest"
)

// readCSV parses a CSV download.
func readCSV(t testing.TB, body string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("parse CSV: %v\n%.300s", err, body)
	}
	return rows
}

// readXLSX reads the one sheet of an XLSX download back, raw cell values,
// each row as wide as the header.
func readXLSX(t testing.TB, body string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("open XLSX: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("XLSX has sheets %v, want one", sheets)
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		for len(rows[i]) < len(rows[0]) {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

// sameCell reports whether a CSV cell and an XLSX cell hold the same
// value: the same text, or the same number (a spreadsheet's number is a
// float, written in its shortest form). The CSV's apostrophe that keeps a
// spreadsheet from reading text as a formula is not part of the value.
func sameCell(csvCell, xlsxCell string) bool {
	if csvCell == xlsxCell || csvCell == "true" && xlsxCell == "1" || csvCell == "false" && xlsxCell == "0" {
		return true // a spreadsheet's booleans are 1 and 0 underneath
	}
	if s, ok := strings.CutPrefix(csvCell, "'"); ok && s == xlsxCell && s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return true
	}
	a, err1 := decimal.NewFromString(csvCell)
	b, err2 := decimal.NewFromString(xlsxCell)
	return err1 == nil && err2 == nil && a.Equal(b)
}

func column(rows [][]string, name string) []string {
	i := slices.Index(rows[0], name)
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[i])
	}
	return out
}

// TestDownloads downloads every listing in both formats, on both engines,
// as the public and as a coordinator: the XLSX holds what the CSV holds,
// the files hold only what the viewer may see, and the pledges follow the
// page's filters and order.
func TestDownloads(t *testing.T) {
	listings := []string{"/pledges", "/deliveries", "/coverage", "/donors", "/meetings", "/coalitions", "/sources"}
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			e := newEnvOn(t, eng.open)
			e.addSource(t)
			coordinator := e.signIn(t, "cora", pledgebook.RoleCoordinator)
			viewers := []struct {
				name    string
				headers []string
			}{{"public", nil}, {"coordinator", coordinator}}
			got := map[string][][]string{}
			for _, vw := range viewers {
				for _, l := range listings {
					t.Run(vw.name+l, func(t *testing.T) {
						status, body, h := e.get(t, l+".csv", vw.headers...)
						if status != 200 || h.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
							t.Fatalf("GET %s.csv: %d, %v", l, status, h)
						}
						c := readCSV(t, body)
						status, body, h = e.get(t, l+".xlsx", vw.headers...)
						if status != 200 || !strings.Contains(h.Get("Content-Type"), "spreadsheetml") {
							t.Fatalf("GET %s.xlsx: %d, %v", l, status, h)
						}
						x := readXLSX(t, body)
						if len(c) != len(x) {
							t.Fatalf("%s: CSV has %d rows, XLSX %d", l, len(c), len(x))
						}
						for i := range c {
							for j := range c[i] {
								if !sameCell(c[i][j], x[i][j]) {
									t.Errorf("%s row %d column %s: CSV %q, XLSX %q", l, i, c[0][j], c[i][j], x[i][j])
								}
							}
						}
						got[vw.name+l] = c
					})
				}
			}
			items := func(who string) []string { return column(got[who+"/pledges"], "ITEM") }
			if slices.Contains(items("public"), "Secret interceptors") || !slices.Contains(items("coordinator"), "Secret interceptors") {
				t.Errorf("the confidential pledge: in the public's file %t, in the coordinator's %t; want only the coordinator's",
					slices.Contains(items("public"), "Secret interceptors"), slices.Contains(items("coordinator"), "Secret interceptors"))
			}
			if n := len(got["public/sources"]); n != 1 {
				t.Errorf("the public's sources file has %d rows, want the header only", n)
			}
			if titles := column(got["coordinator/sources"], "TITLE"); !slices.Contains(titles, "Latvia to send interceptor drones") {
				t.Errorf("the coordinator's sources file lacks the test's source: %v", titles)
			}
			// The £247m training pledge: an exact amount and its currency.
			rows := got["public/pledges"]
			for _, r := range rows[1:] {
				if r[slices.Index(rows[0], "ITEM")] == "Operation Interflex training of Ukrainian recruits" {
					if a, c, d := r[slices.Index(rows[0], "AMOUNT")], r[slices.Index(rows[0], "CURRENCY")], r[slices.Index(rows[0], "ANNOUNCED")]; a != "247000000" || c != "GBP" || d != "2025-06-04" {
						t.Errorf("Interflex row: amount %q %q on %q, want 247000000 GBP on 2025-06-04", a, c, d)
					}
				}
			}
		})
	}
}

// TestPledgeDownloadFilters checks that the pledge files follow the page's
// parameters: the same pledges in the same order as the store's listing,
// every page of it, and that a bad parameter is an error page, not a file.
func TestPledgeDownloadFilters(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		query string
		f     pledgebook.PledgeFilter
	}{
		{"", pledgebook.PledgeFilter{}},
		{"donor=GB&sort=value&dir=desc", pledgebook.PledgeFilter{Donor: ptr("GB"), Sort: pledgebook.SortValue, Desc: true}},
		{"q=drone&sort=status", pledgebook.PledgeFilter{Search: ptr("drone"), Sort: pledgebook.SortStatus}},
		{"category=air_defence&after=2025-01-01.3", pledgebook.PledgeFilter{Category: ptr(pledgebook.AirDefence)}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			ps, _, err := e.store.FindPledges(context.Background(), tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, p := range ps {
				want = append(want, itoa(p.ID))
			}
			for _, ext := range []string{"csv", "xlsx"} {
				status, body, _ := e.get(t, "/pledges."+ext+"?"+tc.query)
				if status != 200 {
					t.Fatalf("GET /pledges.%s?%s: status %d", ext, tc.query, status)
				}
				rows := readCSV
				if ext == "xlsx" {
					rows = readXLSX
				}
				if got := column(rows(t, body), "ID"); !slices.Equal(got, want) {
					t.Errorf("/pledges.%s?%s IDs = %v, want %v", ext, tc.query, got, want)
				}
			}
		})
	}
	for _, q := range []string{"status=bogus", "sort=colour", "dir=sideways", "after=nope"} {
		status, body, h := e.get(t, "/pledges.csv?"+q)
		if status != 400 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			t.Errorf("GET /pledges.csv?%s: %d %s, want a 400 error page\n%.200s", q, status, h.Get("Content-Type"), body)
		}
	}
}

// FuzzListingQuery sends arbitrary query strings to the pledge and
// delivery listings and their CSV files, which read the sort, search, cursor and filter parameters
// (the XLSX file reads them the same way, and is left out because it is
// slow to write under the fuzzer's instrumentation): whatever comes, the
// answer is a page, a file or a client error, never a server error.
func FuzzListingQuery(f *testing.F) {
	for _, s := range []string{"", "sort=value&dir=desc", "q=drone", "q=%25_%5C", "sort=status&after=committed.3", "sort=value&after=.5",
		"sort=value&after=1e400.2", "sort=donor&after=GB.9223372036854775807", "after=2025-06-04.42", "q=" + strings.Repeat("x", 300),
		"donor=gb&category=drones&status=announced", "sort=announced&after=2025-13-40.1", "dir=", "q=%00%ff",
		"confirmed=no&from=2025-06-01&to=2025-12-31&dir=asc", "confirmed=yes&after=2025-10-15.1", "from=2025-07-01&to=2025-06-01", "after=2025-06-04.-1"} {
		f.Add(s)
	}
	e := newEnv(f)
	f.Fuzz(func(t *testing.T, query string) {
		for _, path := range []string{"/pledges", "/pledges.csv", "/deliveries", "/deliveries.csv"} {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.URL.Path, r.URL.RawQuery = path, query
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, r)
			if w.Code >= 500 {
				t.Fatalf("GET %s?%s: status %d\n%.300s", path, query, w.Code, w.Body.String())
			}
		}
	})
}

// BenchmarkPledgesDownload downloads every pledge of a generated ledger of
// 10,000 pledges (storetest.BenchLedger) as the public, as CSV and as
// XLSX: the store's read, the table and the file.
func BenchmarkPledgesDownload(b *testing.B) {
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), storetest.Config())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	storetest.BenchLedger(b, s, 10_000)
	h, err := New(s, slog.New(slog.DiscardHandler), Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, ext := range []string{"csv", "xlsx"} {
		b.Run(ext, func(b *testing.B) {
			r := httptest.NewRequest(http.MethodGet, "/pledges."+ext+"?sort=value&dir=desc", nil)
			var size int
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
				size = w.Body.Len()
			}
			b.ReportMetric(float64(size), "bytes/file")
		})
	}
}
