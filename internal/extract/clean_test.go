package extract

import (
	"os"
	"strings"
	"testing"
)

// TestCleanGolden cleans an HTML page and a scraped plain-text page full
// of furniture and compares the text with golden files.
func TestCleanGolden(t *testing.T) {
	for _, name := range []string{"page.html", "plain.txt"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile("testdata/clean/" + name)
			if err != nil {
				t.Fatal(err)
			}
			c := clean(string(src))
			golden(t, "clean/"+name+".golden", []byte("title: "+c.title+"\n\n"+c.text+"\n"))
		})
	}
}

func TestCleanHTML(t *testing.T) {
	tests := []struct {
		name      string
		html      string
		want      []string // substrings the text keeps
		gone      []string // substrings it must lose
		wantTitle string
	}{
		{
			name: "furniture elements",
			html: `<html><body><nav>Menü Politik</nav><article><h1>Titel</h1><p>Deutschland liefert 10 Panzer.</p></article>
<aside>Mehr: 20 Haubitzen</aside><footer>Impressum</footer><script>var x = "30 Drohnen";</script><form>Suche</form></body></html>`,
			want: []string{"Titel", "Deutschland liefert 10 Panzer."}, gone: []string{"Menü", "Haubitzen", "Impressum", "Drohnen", "Suche"},
			wantTitle: "Titel",
		},
		{
			name: "class and id markers",
			html: `<html><body><div class="article-body"><p>Text eins.</p></div><div class="socialShare">Teilen</div>
<div id="newsletter-box">Newsletter 5 Euro</div><div class="c-related-articles">Related 7 tanks</div><div role="navigation">Nav</div>
<div class="adContainer">Anzeige 9 Euro</div><p class="header-note">Kopfnotiz bleibt.</p></body></html>`,
			want: []string{"Text eins.", "Kopfnotiz bleibt."}, gone: []string{"Teilen", "Newsletter", "Related", "Nav", "Anzeige"},
		},
		{
			name: "blocks become paragraphs",
			html: `<html><body><main><p>Erster Absatz.</p><p>Zweiter <em>Absatz</em> mit <a href="#">Link</a>.</p><div>Dritter<br>Vierter</div></main></body></html>`,
			want: []string{"Erster Absatz.\n\nZweiter Absatz mit Link.\n\nDritter\n\nVierter"},
		},
		{
			name: "entities and spaces",
			html: `<html><body><p>100&nbsp;000 Drohnen &amp; mehr&#8239;– gut.</p></body></html>`,
			want: []string{"100 000 Drohnen & mehr – gut."},
		},
		{
			name: "title from the title element",
			html: `<html><head><title>UK pledges drones | Site</title></head><body><p>Body text here.</p></body></html>`,
			want: []string{"UK pledges drones\n\nBody text here."}, wantTitle: "UK pledges drones",
		},
		{
			name: "broken markup",
			html: `<html><body><p>Eins<p>Zwei<li>Drei</ul></div></span><p>Vier`,
			want: []string{"Eins\n\nZwei\n\nDrei\n\nVier"},
		},
		{
			name: "page header goes, article header stays",
			html: `<html><body><header>Logo Abo</header><article><header><h1>Schlagzeile</h1><p>Vorspann mit 5 Panzern.</p></header><p>Text.</p></article></body></html>`,
			want: []string{"Schlagzeile", "Vorspann mit 5 Panzern.", "Text."}, gone: []string{"Logo"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clean(tt.html)
			if !c.html {
				t.Fatalf("not recognised as HTML")
			}
			for _, w := range tt.want {
				if !strings.Contains(c.text, w) {
					t.Errorf("text %q lacks %q", c.text, w)
				}
			}
			for _, g := range tt.gone {
				if strings.Contains(c.text, g) {
					t.Errorf("text %q still holds %q", c.text, g)
				}
			}
			if tt.wantTitle != "" && c.title != tt.wantTitle {
				t.Errorf("title = %q, want %q", c.title, tt.wantTitle)
			}
		})
	}
}

func TestCleanPlain(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"lines are paragraphs", "Erste Zeile.\nZweite Zeile.", "Erste Zeile.\n\nZweite Zeile."},
		{"hard wrap joined", "Deutschland wird der Ukraine weitere Panzer und Munition im Wert von\nhundert Millionen Euro liefern.", "Deutschland wird der Ukraine weitere Panzer und Munition im Wert von hundert Millionen Euro liefern."},
		{"hyphen at wrap", "Die Unter-\nstützung geht weiter.", "Die Unterstützung geht weiter."},
		{"crlf and spaces", "Eins.\r\n\r\n  Zwei   drei.  ", "Eins.\n\nZwei drei."},
		{"job ads", "Artikel über Drohnen.\nStellenangebote\nEntwickler (m/w/d)\nRedakteurin (w/m/d)", "Artikel über Drohnen."},
		{"link list", "Artikel.\n- Die besten Bücher!\n- Mehr News hier\n- Zur Startseite", "Artikel."},
		{"bullet facts stay", "Das Paket:\n- 20 Panzer.\n- 100 Drohnen.\nEnde.", "Das Paket:\n\n- 20 Panzer.\n\n- 100 Drohnen.\n\nEnde."},
		{"newsletter", "Text eins.\nMelden Sie sich für unseren Newsletter an!\nText zwei.", "Text eins.\n\nText zwei."},
		{"google", "Text.\nNutze die Google-Suchmaschine für eine weitere Suche.", "Text."},
		{"patreon", "Text.\nUnterstütze uns auf Patreon!", "Text."},
		{"breadcrumb", "Home › Politik › Ukraine\nText.", "Text."},
		{"reader address", "Text.\nDu hast Fragen? Schreib uns!", "Text."},
		{"jobs in an article stay", "Rheinmetall will in Unterlüß 500 neue Jobs schaffen.", "Rheinmetall will in Unterlüß 500 neue Jobs schaffen."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clean(tt.text)
			if c.html {
				t.Fatal("plain text recognised as HTML")
			}
			if c.text != tt.want {
				t.Errorf("clean(%q)\ngot  %q\nwant %q", tt.text, c.text, tt.want)
			}
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	for s, want := range map[string]bool{
		"<!DOCTYPE html><p>x</p>":    true,
		"  <html><body>x":            true,
		"<div>a</div><div>b</div>":   true,
		"Preis <5 Euro> und 3 > 2":   false,
		"Ein Text ohne Markup.":      false,
		"<p>eins</p><p>zwei</p>":     true,
		"a <b>bold</b> word in text": false,
	} {
		if got := looksLikeHTML(s); got != want {
			t.Errorf("looksLikeHTML(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzClean(f *testing.F) {
	addCorpusSeeds(f)
	f.Add("<p>x<p>y")
	f.Add("- a\n- b\n- c")
	f.Fuzz(func(t *testing.T, src string) {
		c := clean(src)
		if strings.Contains(c.text, "\n\n\n") {
			t.Errorf("text holds three newlines in a row")
		}
		if strings.HasPrefix(c.text, "\n") || strings.HasSuffix(c.text, "\n") {
			t.Errorf("text starts or ends with a newline")
		}
		// each invalid byte becomes U+FFFD (three bytes), as string([]rune)
		// does; the bound is on the text after that replacement
		if n := len(string([]rune(src))); !looksLikeHTML(src) && len(c.text) > n+n/2+16 {
			t.Errorf("plain text grew from %d (%d with invalid bytes replaced) to %d bytes", len(src), n, len(c.text))
		}
		for _, p := range strings.Split(c.text, "\n\n") {
			if strings.Contains(p, "\n") {
				t.Errorf("paragraph %q holds a single newline", p)
			}
		}
	})
}
