package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	// golang.org/x/net/html is the Go team's HTML5 parser: it builds the
	// same tree a browser would from the broken markup news sites serve
	// (unclosed <p> and <li>, stray end tags), which a hand-rolled tag
	// scanner gets wrong, and it is maintained alongside the standard
	// library with no further dependencies.
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is one paragraph of the document before furniture is removed.
type block struct {
	text      string
	list      bool // a list item (<li>, or a line starting with "- ")
	heading   bool
	title     bool    // the headline: never furniture
	linkRatio float64 // share of the text inside links (HTML only)
}

// cleaned is a document reduced to its main text.
type cleaned struct {
	title string
	text  string // paragraphs separated by blank lines
	html  bool
}

// clean reduces src, HTML or plain text, to the paragraphs of its main
// content without page furniture. The text is normalised (see normalize)
// and holds no single newlines: paragraphs are separated by "\n\n".
func clean(src string) cleaned {
	src = normalize(src)
	var c cleaned
	var blocks []block
	if looksLikeHTML(src) {
		c.html = true
		c.title, blocks = htmlBlocks(src)
	} else {
		blocks = textBlocks(src)
		if len(blocks) > 1 && !blocks[0].list && len(blocks[0].text) < 150 && !endsSentence(blocks[0].text) && !isFurnitureBlock(blocks[0]) {
			c.title = blocks[0].text
			blocks[0].title = true
		}
	}
	blocks = dropFurniture(blocks)
	if t, ok := joinedIn(src, blocks); ok {
		c.text = t
		return c
	}
	var b strings.Builder
	n := 0
	for _, bl := range blocks {
		n += len(bl.text) + 2
	}
	b.Grow(n)
	for _, bl := range blocks {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(bl.text)
	}
	c.text = b.String()
	return c
}

// joinedIn returns the paragraphs joined by blank lines as a part of src,
// if src holds them so: a plain text whose paragraphs are lines with one
// blank line between them, which is most of them. The text then costs no
// copy.
func joinedIn(src string, blocks []block) (string, bool) {
	if len(blocks) == 0 {
		return "", false
	}
	start := strings.Index(src, blocks[0].text)
	if start < 0 {
		return "", false
	}
	p := start + len(blocks[0].text)
	for _, bl := range blocks[1:] {
		if !strings.HasPrefix(src[p:], "\n\n") || !strings.HasPrefix(src[p+2:], bl.text) {
			return "", false
		}
		p += 2 + len(bl.text)
	}
	return src[start:p], true
}

// looksLikeHTML reports whether src is markup: a doctype or <html>, <head>
// or <body> near the start, or several paragraph and break tags.
func looksLikeHTML(src string) bool {
	head := src
	if len(head) > 2048 {
		head = head[:2048]
	}
	trimmed := strings.TrimLeftFunc(head, unicode.IsSpace)
	for _, p := range []string{"<!doctype html", "<html", "<?xml", "<head", "<body", "<article", "<div", "<meta", "<!--"} {
		if prefixFold(trimmed, p) > 0 {
			return true
		}
	}
	if strings.IndexByte(head, '<') < 0 {
		return false
	}
	for _, p := range []string{"<html", "<body", "<head>"} {
		if containsFold(head, p) {
			return true
		}
	}
	n := 0
	for _, p := range []string{"</p>", "<br", "</div>", "</li>"} {
		if containsFold(head, p) {
			n++
		}
	}
	return n >= 1 && strings.HasPrefix(trimmed, "<") && strings.Count(head, "</") >= 2
}

// textBlocks splits plain text into paragraphs. A line is a paragraph of
// its own unless the text is hard-wrapped: a line that does not end a
// sentence and is followed by a line starting in lower case, or a long
// line not ending a sentence, continues into the next.
func textBlocks(src string) []block {
	var blocks []block
	// cur is the paragraph so far: a line of src as it is, or, once lines
	// are joined, the bytes in buf.
	var cur string
	var buf []byte
	curList := false
	flush := func() {
		if cur != "" {
			blocks = append(blocks, block{text: cur, list: curList})
			cur = ""
		}
		curList = false
	}
	prevLong := false
	for len(src) > 0 {
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		line = collapseSpace(line)
		if line == "" {
			flush()
			prevLong = false
			continue
		}
		isList := isListLine(line)
		if cur != "" {
			prev := cur
			join := !isList && !endsSentence(prev) && (startsLower(line) || prevLong && len(line) > 0 && !curList)
			if !join {
				flush()
			} else {
				buf = append(buf[:0], prev...)
				if strings.HasSuffix(prev, "-") && startsLower(line) && !strings.HasSuffix(prev, " -") {
					// a word broken at the line end: "Unter-\nstützung"
					buf = buf[:len(buf)-1]
				} else {
					buf = append(buf, ' ')
				}
				buf = append(buf, line...)
				cur = string(buf)
				prevLong = len(line) >= 60
				continue
			}
		}
		cur = line
		curList = isList
		prevLong = len(line) >= 60
	}
	flush()
	return blocks
}

// isListLine reports whether a line is a bullet list item.
func isListLine(s string) bool {
	for _, p := range []string{"- ", "* ", "• ", "– ", "· ", "▪ ", "► ", "» ", "→ ", "> "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”“»«’)]")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', ':', ';', '…':
		return true
	}
	return false
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// collapseSpace trims s and turns runs of spaces and newlines into one
// space.
func collapseSpace(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\n' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

// skipTags are elements whose content is never article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Button: true, atom.Noscript: true, atom.Iframe: true, atom.Svg: true,
	atom.Template: true, atom.Select: true, atom.Option: true, atom.Textarea: true, atom.Input: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Object: true, atom.Embed: true,
	atom.Map: true, atom.Dialog: true, atom.Menu: true, atom.Head: true, atom.Math: true,
}

// blockTags start and end a paragraph.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Pre: true, atom.Tr: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Br: true, atom.Dd: true, atom.Dt: true, atom.Figcaption: true,
	atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Header: true, atom.Hr: true,
	atom.Address: true, atom.Figure: true, atom.Details: true, atom.Summary: true, atom.Caption: true,
	atom.Body: true, atom.Center: true, atom.Fieldset: true, atom.Legend: true,
}

// furnitureMarkers in a class, id or role mark page furniture.
var furnitureMarkers = toSet("nav|navbar|navigation|menu|menubar|share|sharing|shares|social|socials|newsletter|newsletters|subscribe|subscription|comment|comments|related|cookie|cookies|consent|banner|ad|ads|advert|adverts|advertisement|advertising|anzeige|werbung|promo|promotion|breadcrumb|breadcrumbs|crumb|crumbs|footer|sidebar|popup|modal|paywall|outbrain|taboola|recommended|recommendations|teaser-list|readmore|newsticker|contentinfo|complementary|search|dialog|alert|skip|toolbar|masthead|byline-social|tags|tag-list|author-box|widget|widgets")

// furnitureMarkerPrefixes are markers also matched as prefixes of a
// class word: "newsletterbox", "advertising", "comments".
var furnitureMarkerPrefixes = []string{"navigation", "newsletter", "subscri", "comment", "cookie", "advert", "breadcrumb", "footer", "sidebar", "promo", "social", "sharing", "taboola", "outbrain", "recommend"}

// keepTags are never dropped for their class: some sites mark the body
// or the article with words like "has-sidebar" or "with-comments".
var keepTags = map[atom.Atom]bool{atom.Html: true, atom.Body: true, atom.Main: true, atom.Article: true}

// isFurnitureElement reports whether n is navigation, a menu, a share
// bar, a comment section or some other page furniture.
func isFurnitureElement(n *html.Node, inArticle bool) bool {
	if skipTags[n.DataAtom] {
		return true
	}
	if n.DataAtom == atom.Header && !inArticle {
		// A page header (logo, menu) goes; an article's own header holds
		// the headline and standfirst and stays.
		return true
	}
	if keepTags[n.DataAtom] {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		case "class", "id", "role":
			if hasFurnitureMarker(a.Val) {
				return true
			}
		}
	}
	return false
}

// hasFurnitureMarker splits an attribute value into words (at
// non-letters and camelCase humps) and looks for a furniture marker.
func hasFurnitureMarker(v string) bool {
	start := -1
	check := func(w string) bool {
		w = strings.ToLower(w)
		if _, ok := furnitureMarkers[w]; ok {
			return true
		}
		for _, p := range furnitureMarkerPrefixes {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
		return false
	}
	for i := 0; i <= len(v); i++ {
		var c byte
		if i < len(v) {
			c = v[i]
		}
		isL := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		hump := isL && 'A' <= c && c <= 'Z' && i > 0 && 'a' <= v[i-1] && v[i-1] <= 'z'
		if (!isL || hump) && start >= 0 {
			if check(v[start:i]) {
				return true
			}
			start = -1
		}
		if isL && start < 0 {
			start = i
		}
	}
	return false
}

// htmlBlocks parses src as HTML and returns its title and the paragraphs
// of its main content.
func htmlBlocks(src string) (string, []block) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// html.Parse fails only on reader errors, which a strings.Reader
		// never has; fall back to the text as it is.
		return "", textBlocks(src)
	}
	var title, h1 string
	var body *html.Node
	var mains []*html.Node
	var find func(n *html.Node, skipped bool)
	find = func(n *html.Node, skipped bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if title == "" {
					title = collapseSpace(nodeText(n))
				}
			case atom.H1:
				if h1 == "" && !skipped {
					h1 = collapseSpace(nodeText(n))
				}
			case atom.Body:
				body = n
			case atom.Article, atom.Main:
				if !skipped {
					mains = append(mains, n)
				}
			}
			if !skipped && n.DataAtom != atom.Article && n.DataAtom != atom.Main && n.DataAtom != atom.Header {
				for _, a := range n.Attr {
					if a.Key == "role" && a.Val == "main" || a.Key == "itemprop" && a.Val == "articleBody" {
						mains = append(mains, n)
					}
				}
			}
			if n.DataAtom != atom.Head && n.DataAtom != atom.Title && n.DataAtom != atom.Header && isFurnitureElement(n, false) {
				skipped = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c, skipped)
		}
	}
	find(doc, false)
	root := body
	if root == nil {
		root = doc
	}
	// The main content is the <article> or <main> with the most text,
	// provided it holds a fair share of the page: some pages wrap only a
	// teaser in <article>.
	if len(mains) > 0 {
		bodyLen := textLen(root, false)
		var best *html.Node
		bestLen := 0
		for _, m := range mains {
			if l := textLen(m, true); l > bestLen {
				best, bestLen = m, l
			}
		}
		if best != nil && bestLen*10 >= bodyLen*3 {
			root = best
		}
	}
	w := &htmlWalker{}
	w.walk(root, root.DataAtom == atom.Article || root.DataAtom == atom.Main || hasMainRole(root))
	w.flush()
	if h1 == "" {
		h1 = siteTitle(title)
	}
	if h1 != "" {
		found := false
		for i := range w.blocks {
			if w.blocks[i].text == h1 {
				w.blocks[i].title = true
				found = true
				break
			}
		}
		if !found {
			// The headline often states the pledge; keep it in the text.
			w.blocks = append([]block{{text: h1, heading: true, title: true}}, w.blocks...)
		}
	}
	return h1, w.blocks
}

func hasMainRole(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "role" && a.Val == "main" || a.Key == "itemprop" && a.Val == "articleBody" {
			return true
		}
	}
	return false
}

// siteTitle takes the headline out of a <title> such as "Headline |
// Site" or "Site – Headline": the longest of the parts.
func siteTitle(t string) string {
	parts := []string{t}
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " · "} {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	best := ""
	for _, p := range parts {
		if p = strings.TrimSpace(p); len(p) > len(best) {
			best = p
		}
	}
	return best
}

// nodeText returns all text under n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

// textLen counts the non-space bytes of text under n outside furniture.
func textLen(n *html.Node, inArticle bool) int {
	if n.Type == html.TextNode {
		c := 0
		for i := 0; i < len(n.Data); i++ {
			if n.Data[i] > ' ' {
				c++
			}
		}
		return c
	}
	if n.Type == html.ElementNode && isFurnitureElement(n, inArticle) {
		return 0
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.Main) {
		inArticle = true
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += textLen(c, inArticle)
	}
	return total
}

// htmlWalker collects the paragraphs of an HTML tree.
type htmlWalker struct {
	blocks   []block
	cur      []byte
	curLink  int
	inLink   int
	inList   int
	heading  int
	curList  bool
	curHead  bool
	wantSpce bool
}

func (w *htmlWalker) flush() {
	if len(w.cur) > 0 {
		// entities decode to no-break and other odd spaces
		t := collapseSpace(normalize(string(w.cur)))
		if t != "" {
			ratio := 0.0
			if n := len(t); n > 0 {
				ratio = float64(w.curLink) / float64(n)
			}
			w.blocks = append(w.blocks, block{text: t, list: w.curList, heading: w.curHead, linkRatio: ratio})
		}
	}
	w.cur = w.cur[:0]
	w.curLink = 0
	w.curList = false
	w.curHead = false
	w.wantSpce = false
}

func (w *htmlWalker) walk(n *html.Node, inArticle bool) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if isFurnitureElement(n, inArticle) {
			return
		}
		if n.DataAtom == atom.Article || n.DataAtom == atom.Main {
			inArticle = true
		}
	case html.DocumentNode:
	default:
		return
	}
	isBlock := n.Type == html.ElementNode && blockTags[n.DataAtom]
	if isBlock {
		w.flush()
	}
	switch n.DataAtom {
	case atom.A:
		w.inLink++
		defer func() { w.inLink-- }()
	case atom.Li:
		w.inList++
		defer func() { w.inList-- }()
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.heading++
		defer func() { w.heading-- }()
	case atom.Td, atom.Th:
		w.wantSpce = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, inArticle)
	}
	if isBlock {
		w.flush()
	}
}

func (w *htmlWalker) text(s string) {
	if s == "" {
		return
	}
	if len(w.cur) == 0 {
		w.curList = w.inList > 0
		w.curHead = w.heading > 0
	}
	if w.wantSpce && len(w.cur) > 0 {
		w.cur = append(w.cur, ' ')
	}
	w.wantSpce = false
	before := len(w.cur)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\t' || c == '\r' {
			c = ' '
		}
		w.cur = append(w.cur, c)
	}
	if w.inLink > 0 {
		w.curLink += len(w.cur) - before
	}
}

// Page furniture, recognised paragraph by paragraph. Each phrase is looked
// for in the lower-cased paragraph. strongFurniture marks a paragraph of
// up to 400 bytes; weakFurniture only a short one (up to 140 bytes),
// because the words also occur in articles ("500 new jobs").
var (
	strongFurniture = []string{
		"(m/w/d)", "(w/m/d)", "(m/f/d)", "(f/m/d)", "(d/m/w)", "(m/w/x)", "(all genders)", "(gn)",
		"kostenlos per e-mail", "kostenlos per email", "per email erhalten", "per e-mail erhalten",
		"patreon", "zur startseite", "google-suchmaschine", "bei google news", "google news abonnieren",
		"kommentare moderiert", "kommentar zum artikel", "kommentare werden moderiert", "comments are moderated",
		"comment policy", "community guidelines", "leave a comment", "post a comment", "kommentar schreiben",
		"newsletter", "abonnieren", "subscribe to", "sign up now", "sign up here", "sign up free", "melden sie sich an",
		"jetzt anmelden", "jetzt abonnieren", "jetzt unterstützen", "unterstützen sie uns", "support our journalism",
		"donate now", "make a donation", "spenden sie", "jetzt spenden", "paypal",
		"rss-feed", "rss-hauptfeed", "folgen sie uns", "follow us on", "teilen sie diesen", "share this article",
		"share on", "auf facebook teilen", "alle rechte vorbehalten", "all rights reserved", "©", "copyright",
		"cookie", "datenschutzerklärung", "privacy policy", "nutzungsbedingungen", "terms of use", "impressum",
		"stellenangebote", "stellenanzeige", "job-angebote", "jobbörse", "stepstone", "we're hiring", "karriere bei",
		"lesen sie auch", "mehr zum thema", "auch interessant", "das könnte sie auch interessieren", "read more:",
		"related articles", "related:", "you may also like", "most read", "meistgelesen", "weitere artikel",
		"zum newsletter", "push-benachrichtigung", "e-mail-benachrichtigung", "werbefrei", "anzeige:", "advertisement",
		"unserer leser", "unsere leser", "our readers",
		"nichts verpassen", "don't miss", "in your inbox", "ins postfach",
	}
	weakFurniture = []string{
		"jobs", "die besten", "startseite", "home page", "homepage", "mehr lesen", "weiterlesen", "read more",
		"mehr dazu", "zum artikel", "zur übersicht", "back to top", "nach oben", "teilen", "share", "drucken",
		"print", "e-mail", "whatsapp", "facebook", "twitter", "linkedin", "telegram", "bluesky", "mastodon",
		"anzeige", "werbung", "sponsored", "gesponsert", "podcast", "bücher", "books", "shop", "abo", "login",
		"anmelden", "registrieren", "register", "search", "suche", "suchen", "menü", "menu", "contact us", "privacy",
		"foto:", "photo:", "bild:", "image:", "getty images", "spende", "donate",
	}
	// readerAddress are words that address the reader as "du"/"ihr",
	// which German news prose never does and site furniture often does.
	readerAddress = toSet("du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer|eure|habt|nutze|abonniere|unterstütze|folge|hast|willst|möchtest|kannst")
)

// dropFurniture removes page furniture: paragraphs with furniture
// phrases, runs of short link-like list items, link lists in HTML,
// paragraphs sandwiched between furniture, and a tail of the page that is
// mostly furniture.
func dropFurniture(blocks []block) []block {
	n := len(blocks)
	if n == 0 {
		return blocks
	}
	furn := make([]bool, n)
	for i, b := range blocks {
		furn[i] = !b.title && isFurnitureBlock(b)
	}
	// Runs of list items that look like links: short, no figure, ending
	// with "!" or no punctuation at all ("- Zur Startseite", "- Die
	// besten Bücher ..."). A run of three or more goes, and so does a run
	// in which half the items are furniture anyway.
	for i := 0; i < n; {
		if !blocks[i].list {
			i++
			continue
		}
		j := i
		linkish, marked := 0, 0
		for j < n && blocks[j].list {
			if isLinkLike(blocks[j]) {
				linkish++
			}
			if furn[j] {
				marked++
			}
			j++
		}
		run := j - i
		if run >= 3 && linkish == run || run >= 2 && marked*2 >= run {
			for k := i; k < j; k++ {
				furn[k] = true
			}
		}
		i = j
	}
	// Sandwiched paragraphs: between two furniture paragraphs, a short
	// paragraph is part of the same block of furniture.
	for i := 1; i+1 < n; i++ {
		if !furn[i] && !blocks[i].title && furn[i-1] && furn[i+1] && len(blocks[i].text) <= 400 && !hasDigit(blocks[i].text) {
			furn[i] = true
		}
	}
	// The tail: from the first furniture paragraph after the body on, if
	// at least 60% of what follows is furniture, all of it goes.
	firstContent := -1
	for i := range blocks {
		if !furn[i] {
			firstContent = i
			break
		}
	}
	if firstContent >= 0 {
		for k := firstContent + 1; k < n; k++ {
			if !furn[k] {
				continue
			}
			f := 0
			for j := k; j < n; j++ {
				if furn[j] {
					f++
				}
			}
			if f*10 >= (n-k)*6 {
				for j := k; j < n; j++ {
					furn[j] = !blocks[j].title
				}
				break
			}
		}
	}
	out := blocks[:0]
	for i, b := range blocks {
		if !furn[i] {
			out = append(out, b)
		}
	}
	return out
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// isLinkLike reports whether a list item reads like a link rather than a
// statement.
func isLinkLike(b block) bool {
	if b.linkRatio >= 0.5 {
		return true
	}
	t := strings.TrimSpace(b.text)
	if len(t) > 120 || hasDigit(t) {
		return false
	}
	return strings.HasSuffix(t, "!") || !endsSentence(t)
}

// phraseSet finds phrases of several classes (strong and weak
// furniture) in a text as whole words, in one pass over the text: the
// phrases are indexed by their first two bytes.
type phraseSet struct {
	// list[k] is 1 + the index in lists of the phrases that start with
	// the bytes k (two bytes, folded), or 0
	list  [1 << 16]uint8
	lists []phraseList
}

// phraseList holds the phrases that start with the same two bytes.
type phraseList struct {
	// third is a bit set of the third bytes of the phrases, folded as
	// prefixFold folds them, with every byte for a phrase of two bytes.
	// Many common words start with the two bytes of a phrase ("der" and
	// "dein", "und" and "unsere leser"); their third byte rules them out
	// without a look at each phrase.
	third   [256 / 64]uint64
	phrases []classedPhrase
}

type classedPhrase struct {
	text  string
	class uint8
}

// Classes of furniture phrases.
const (
	strongPhrase uint8 = 1 << iota
	weakPhrase
)

func newPhraseSet(classes map[uint8][]string) *phraseSet {
	p := &phraseSet{}
	for class, phrases := range classes {
		for _, ph := range phrases {
			k := uint16(ph[0])<<8 | uint16(ph[1])
			if p.list[k] == 0 {
				p.lists = append(p.lists, phraseList{})
				p.list[k] = uint8(len(p.lists))
			}
			l := &p.lists[p.list[k]-1]
			l.phrases = append(l.phrases, classedPhrase{ph, class})
			if len(ph) > 2 {
				l.third[ph[2]/64] |= 1 << (ph[2] % 64)
			} else {
				l.third = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
			}
		}
	}
	return p
}

// find returns the classes among want of the phrases s holds, in any
// case and not inside a longer word, stopping as soon as it has found them
// all. It works on bytes: any non-ASCII byte counts as part of a word,
// which is right for the letters of German and close enough for the rest.
func (p *phraseSet) find(s string, want uint8) uint8 {
	var found uint8
	if want == 0 {
		return 0
	}
	for i := 0; i < len(s); i++ {
		// i is not inside a word: a phrase may start here
		c := foldByte(s[i])
		if i+1 < len(s) {
			if n := p.list[uint16(c)<<8|uint16(foldByte(s[i+1]))]; n != 0 && (i+2 == len(s) || p.lists[n-1].mayHaveThird(s, i)) {
				for _, ph := range p.lists[n-1].phrases {
					if ph.class&want&^found == 0 {
						continue
					}
					if n := prefixFold(s[i:], ph.text); n > 0 {
						k := i + n
						if k == len(s) || !wordByte(s[k]) || !wordByte(ph.text[len(ph.text)-1]) {
							found |= ph.class
							if found&want == want {
								return found
							}
						}
					}
				}
			}
		}
		// skip the rest of a word: no phrase starts inside one
		if wordByte(c) {
			for i+1 < len(s) && wordByte(s[i+1]) {
				i++
			}
		}
	}
	return found & want
}

// mayHaveThird reports whether a phrase of l may start at s[i], where
// i+2 < len(s), judging by the third byte: false means surely none does.
func (l *phraseList) mayHaveThird(s string, i int) bool {
	c := s[i+2]
	if s[i+1] == 0xC3 && 0x80 <= c && c <= 0x9E && c != 0x97 {
		c += 0x20 // as prefixFold folds it
	}
	c = foldByte(c)
	return l.third[c/64]&(1<<(c%64)) != 0
}

// foldByte lower-cases an ASCII letter.
func foldByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// prefixFold reports how many bytes of s match the lower-case phrase ph,
// ignoring case (ASCII, and the Latin-1 letters such as Ä Ö Ü), or 0.
func prefixFold(s, ph string) int {
	if len(s) < len(ph) {
		return 0
	}
	for k := 0; k < len(ph); k++ {
		c := s[k]
		if k > 0 && s[k-1] == 0xC3 && 0x80 <= c && c <= 0x9E && c != 0x97 {
			c += 0x20 // À-Þ → à-þ
		}
		if foldByte(c) != ph[k] {
			return 0
		}
	}
	return len(ph)
}

// containsFold reports whether s holds the lower-case sub in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if foldByte(s[i]) == sub[0] && prefixFold(s[i:], sub) > 0 {
			return true
		}
	}
	return false
}

// wordByte reports whether byte c may be part of a word: a letter or
// any byte outside ASCII. It is a table lookup, without a branch: the
// scans of whole texts (furniture phrases, language, figures) call it for
// nearly every byte.
func wordByte(c byte) bool {
	return wordBytes[c]
}

var wordBytes = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	return t
}()

var (
	// furnitureSet holds the strong phrases with the words that address
	// the reader (which mark a paragraph of the same length), and the
	// weak phrases: one pass over a paragraph finds any of them.
	furnitureSet = newPhraseSet(map[uint8][]string{
		strongPhrase: append(append([]string(nil), strongFurniture...), setWords(readerAddress)...),
		weakPhrase:   weakFurniture,
	})
)

func setWords(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for w := range m {
		out = append(out, w)
	}
	return out
}

// isFurnitureBlock judges one paragraph on its own.
func isFurnitureBlock(b block) bool {
	t := b.text
	if len(t) > 600 {
		return false
	}
	// Short lines: a figure in a full sentence is article text, whatever
	// words it uses ("Britain's share is £100m.").
	short := len(t) <= 140 && !(hasDigit(t) && endsSentence(t))
	var want uint8
	if len(t) <= 400 {
		want |= strongPhrase
	}
	if short {
		want |= weakPhrase
	}
	found := furnitureSet.find(t, want)
	if len(t) <= 400 && (found&strongPhrase != 0 || isCommentPolicy(t)) {
		return true
	}
	if short && (found&weakPhrase != 0 || b.linkRatio >= 0.6) {
		return true
	}
	if isBreadcrumb(t) {
		return true
	}

	// An HTML paragraph that is nearly all links (a list of related
	// articles, a tag cloud).
	if b.linkRatio >= 0.8 && len(t) <= 600 {
		return true
	}
	return false
}

// isBreadcrumb reports a trail of links such as "Home › Press › Press
// releases".
func isBreadcrumb(t string) bool {
	if len(t) > 120 {
		return false
	}
	n := 0
	for _, sep := range []string{" › ", " » ", " > ", " / ", " | "} {
		n += strings.Count(t, sep)
	}
	return n >= 2 && !endsSentence(t)
}

// mentionsComments reports "comment" or "Kommentar" in any case. It
// looks for the letters after the first with strings.Index, which is far
// quicker than folding every byte, and checks the first letter by hand.
func mentionsComments(s string) bool {
	for _, tail := range []string{"omment", "OMMENT"} {
		for off := 0; ; {
			k := strings.Index(s[off:], tail)
			if k < 0 {
				break
			}
			k += off
			if k > 0 {
				switch foldByte(s[k-1]) {
				case 'c':
					return true
				case 'k':
					if containsFold(s[k-1:min(len(s), k+9)], "kommentar") {
						return true
					}
				}
			}
			off = k + len(tail)
		}
	}
	return false
}

// isCommentPolicy reports whether a paragraph states how comments are
// handled: it speaks of comments and of moderating, deleting or the tone
// of the discussion.
func isCommentPolicy(s string) bool {
	if !mentionsComments(s) {
		return false
	}
	for _, w := range []string{"lösch", "moderier", "moderat", "delete", "respekt", "respectful", "netiquette", "diskussion", "discussion", "leser", "readers"} {
		if containsFold(s, w) {
			return true
		}
	}
	return false
}
