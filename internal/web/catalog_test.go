package web

import (
	"io/fs"
	"regexp"
	"testing"
)

func mustCatalogs(t testing.TB) map[string]catalog {
	t.Helper()
	c, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCatalogs fails when a key is missing in a language, or when a
// template or handler uses a key that no catalogue has.
func TestCatalogs(t *testing.T) {
	cats := mustCatalogs(t)
	for _, lang := range languages {
		for _, other := range languages {
			if missing := missingKeys(cats[lang], cats[other]); len(missing) > 0 {
				t.Errorf("%s lacks the keys %v that %s has", other, missing, lang)
			}
		}
	}
	used := regexp.MustCompile(`\.T "([a-z.]+)"|T\("([a-z.]+[a-z])"`)
	check := func(name string, b []byte) {
		for _, m := range used.FindAllSubmatch(b, -1) {
			key := string(m[1]) + string(m[2])
			for _, lang := range languages {
				if _, ok := cats[lang][key]; !ok {
					t.Errorf("%s uses %q, missing in %s", name, key, lang)
				}
			}
		}
	}
	err := fs.WalkDir(templateFS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, path)
		check(path, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range languages {
		for _, s := range []string{"announced", "committed", "contracted", "delivering", "delivered", "cancelled"} {
			if _, ok := cats[lang]["status."+s]; !ok {
				t.Errorf("%s lacks status.%s", lang, s)
			}
		}
		for m := 1; m <= 12; m++ {
			if _, ok := cats[lang]["month."+itoa(int64(m))]; !ok {
				t.Errorf("%s lacks month.%d", lang, m)
			}
		}
	}
}

func TestMissingKeyIsAnError(t *testing.T) {
	if got := missingKeys(catalog{"a": "", "b": ""}, catalog{"a": ""}); len(got) != 1 || got[0] != "b" {
		t.Errorf("missingKeys = %v, want [b]", got)
	}
}
