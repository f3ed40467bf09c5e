package web

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"pledgebook"
	"pledgebook/internal/storetest"
)

// domainSources are the packages whose error messages reach the pages,
// relative to this one: the domain, the stores, the UI itself and the API
// whose sign-in and authorization the UI shares.
var domainSources = []string{"../..", "../sqlstore", "../sqlite", "../postgres", ".", "../httpapi", "../ingest"}

// domainFormats returns the format literals passed to Errorf,
// FieldError and ConflictError, and the literal Message of each Error{...}, in the non-test
// files of dir, with where each is used.
func domainFormats(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok && isErrorType(lit.Type) {
				for _, el := range lit.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "Message") {
						if s, ok := kv.Value.(*ast.BasicLit); ok && s.Kind == token.STRING {
							msg, _ := strconv.Unquote(s.Value)
							out[msg] = fset.Position(s.Pos()).String()
						}
					}
				}
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			var fn string
			switch x := call.Fun.(type) {
			case *ast.Ident: // in package pledgebook itself
				fn = x.Name
			case *ast.SelectorExpr:
				if pkg, ok := x.X.(*ast.Ident); ok && pkg.Name == "pledgebook" {
					fn = x.Sel.Name
				}
			}
			if fn != "Errorf" && fn != "FieldError" && fn != "ConflictError" {
				return true
			}
			lit, ok := call.Args[1].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: %s with a format that is not a literal: the catalogue cannot cover it", fset.Position(call.Pos()), fn)
				return true
			}
			format, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			out[format] = fset.Position(call.Pos()).String()
			return true
		})
	}
	return out
}

// isErrorType reports whether a composite literal's type is
// pledgebook.Error, or Error inside package pledgebook.
func isErrorType(x ast.Expr) bool {
	if sel, ok := x.(*ast.SelectorExpr); ok {
		return isIdent(sel.X, "pledgebook") && sel.Sel.Name == "Error"
	}
	return isIdent(x, "Error")
}

func isIdent(x ast.Expr, name string) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == name
}

// verbRE matches a fmt verb with its flags, width, precision and explicit
// argument index.
var verbRE = regexp.MustCompile(`%(?:%|[-+# 0]*(?:\[(\d+)\])?[\d*]*(?:\.[\d*]*)?([a-zA-Z]))`)

// formatVerbs maps each argument, by position from 1, to the verbs that
// print it, so that a translation may reorder them with %[n]s but must
// print every argument as its format does.
func formatVerbs(format string) map[int][]string {
	out := map[int][]string{}
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[0] == "%%" {
			continue
		}
		if m[1] != "" {
			next, _ = strconv.Atoi(m[1])
		}
		out[next] = append(out[next], m[2])
		next++
	}
	return out
}

func TestFormatVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   map[int][]string
	}{
		{"plain", map[int][]string{}},
		{"100%% sure, %d of %q", map[int][]string{1: {"d"}, 2: {"q"}}},
		{"%[2]s before %[1]v", map[int][]string{1: {"v"}, 2: {"s"}}},
		{"%5.2f and %-3d", map[int][]string{1: {"f"}, 2: {"d"}}},
	}
	for _, tt := range tests {
		if got := formatVerbs(tt.format); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("formatVerbs(%q) = %v, want %v", tt.format, got, tt.want)
		}
	}
}

// TestDomainCatalogue fails when a message of the domain or a store has
// no translation, when a translation prints its arguments with other verbs
// than the English, or when the catalogue holds a message no code makes.
func TestDomainCatalogue(t *testing.T) {
	used := map[string]string{}
	for _, dir := range domainSources {
		for format, at := range domainFormats(t, dir) {
			used[format] = at
		}
	}
	if len(used) < 50 {
		t.Fatalf("found only %d messages in %v; is the parse looking in the right place?", len(used), domainSources)
	}
	cats, err := loadDomainMessages(messageFS)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := fs.Glob(messageFS, "messages/domain.*.json")
	if len(files) != len(languages)-1 {
		t.Errorf("domain catalogues %v, want one for each of %v but English", files, languages[1:])
	}
	for _, lang := range languages[1:] {
		c := cats[lang]
		for format, at := range used {
			tr, ok := c[format]
			if !ok {
				t.Errorf("%s: %q has no %s translation", at, format, lang)
				continue
			}
			if got, want := formatVerbs(tr), formatVerbs(format); !reflect.DeepEqual(got, want) {
				t.Errorf("%s %q prints its arguments as %v, the English %q as %v", lang, tr, got, format, want)
			}
		}
		for format := range c {
			if _, ok := used[format]; !ok {
				t.Errorf("%s catalogue has %q, which no code makes", lang, format)
			}
		}
	}
}

func TestLoadDomainMessagesRefusesBrokenFile(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"missing": {},
		"broken":  {"messages/domain.de.json": {Data: []byte(`{"unknown currency %q": }`)}},
	} {
		if _, err := loadDomainMessages(fsys); err == nil {
			t.Errorf("%s catalogue: loaded, want an error", name)
		}
	}
}

// germanText is text as html/template writes it into a page.
func germanText(s string) string {
	return strings.NewReplacer(`"`, "&#34;", "'", "&#39;", "<", "&lt;", ">", "&gt;", "&", "&amp;").Replace(s)
}

// fieldMessage is the message beside field name on a page.
func fieldMessage(body, name string) string {
	m := regexp.MustCompile(`<p class="error" id="f-` + regexp.QuoteMeta(name) + `-err">([^<]*)</p>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestDomainMessagesInGerman(t *testing.T) {
	eachEngine(t, func(t *testing.T, open storetest.Opener) {
		e := newSite(t, open)
		tests := []struct {
			name, field, value, lang, want string
		}{
			{"currency in German", "currency", "XYZ", "de", `unbekannte Währung "XYZ" (ein Code nach ISO 4217 wie EUR, USD, GBP)`},
			{"currency in English", "currency", "XYZ", "en", `unknown currency "XYZ" (an ISO 4217 code such as EUR, USD, GBP)`},
			{"store's date in German", "announced", "2030-01-01", "de",
				"2030-01-01 liegt in der Zukunft; erfassen Sie eine Zusage erst, wenn sie angekündigt ist"},
			{"store's date in English", "announced", "2030-01-01", "en", "2030-01-01 is in the future; record a pledge once it is announced"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := e.snapshot()
				f := newPledgeForm()
				if tt.lang == "de" {
					f.Set("amount", "1.500.000,50")
				}
				f.Set(tt.field, tt.value)
				r := e.send("POST", "/pledges/new", "gb", tt.lang, f)
				if r.status != http.StatusBadRequest {
					t.Fatalf("%s=%s on the %s page: status %d, want 400", tt.field, tt.value, tt.lang, r.status)
				}
				invalidField(t, r.body, tt.field)
				if got, want := fieldMessage(r.body, tt.field), germanText(tt.want); got != want {
					t.Errorf("%s=%s on the %s page: beside the field %q, want %q", tt.field, tt.value, tt.lang, got, want)
				}
				e.unchanged(t, before, "a pledge the domain refuses")
			})
		}
	})
}

func TestLocaleErrorText(t *testing.T) {
	domain, err := loadDomainMessages(messageFS)
	if err != nil {
		t.Fatal(err)
	}
	cats := mustCatalogs(t)
	en, de := newLocale("en", cats["en"]), newLocale("de", cats["de"])
	de.domain = domain["de"]
	tests := []struct {
		name   string
		err    error
		en, de string
	}{
		{"field named by its label", fmt.Errorf("create pledge: %w", pledgebook.FieldError("currency", "unknown order %q", "XYZ")),
			`currency: unknown order "XYZ"`, `Währung: unbekannte Sortierung "XYZ"`},
		{"field without a label", pledgebook.FieldError("sort", "unknown order %q", "XYZ"),
			`sort: unknown order "XYZ"`, `sort: unbekannte Sortierung "XYZ"`},
		{"no field", pledgebook.Errorf(pledgebook.KindConflict, "token %d was already revoked at %s", 3, "2025-06-04T10:00:00Z"),
			"token 3 was already revoked at 2025-06-04T10:00:00Z", "Token 3 wurde bereits am 2025-06-04T10:00:00Z widerrufen"},
		{"a store's constant message", &pledgebook.Error{Kind: pledgebook.KindConflict, Message: "this looks like a pledge you cannot see; ask a coordinator"},
			"this looks like a pledge you cannot see; ask a coordinator",
			"dies sieht aus wie eine Zusage, die Sie nicht sehen dürfen; wenden Sie sich an eine Koordinatorin oder einen Koordinator"},
		{"a message not in the catalogue stays English", &pledgebook.Error{Kind: pledgebook.KindConflict, Message: "looks like pledge 7"},
			"looks like pledge 7", "looks like pledge 7"},
		{"internal: the cause is not shown", &pledgebook.Error{Kind: pledgebook.KindInternal, Op: "load", Err: errors.New("disk full")},
			"internal error", "interner Fehler"},
		{"not a domain error", errors.New("disk full"), "internal error", "interner Fehler"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := en.ErrorText(tt.err); got != tt.en || got != pledgebook.ErrorMessage(tt.err) {
				t.Errorf("English ErrorText(%v) = %q, want %q, the domain's own", tt.err, got, tt.en)
			}
			if got := de.ErrorText(tt.err); got != tt.de {
				t.Errorf("German ErrorText(%v) = %q, want %q", tt.err, got, tt.de)
			}
		})
	}
}
