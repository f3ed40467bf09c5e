package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"pledgebook"
)

// Sources and their text are the review queue's: the store shows them only
// to viewers who may review, and these pages show what it returns.

type sourcesData struct {
	Sources []*pledgebook.Source
}

func (u *UI) sources(w http.ResponseWriter, r *http.Request, p *page) error {
	ss, err := u.store.FindSources(r.Context())
	if err != nil {
		return fmt.Errorf("load sources: %w", err)
	}
	p.Title, p.Nav = p.L.T("sources.title"), "sources"
	p.Data = sourcesData{Sources: ss}
	u.render(w, r, http.StatusOK, "sources", p)
	return nil
}

// span is a run of a source's text, marked when it is evidence.
type span struct {
	Text string
	Mark bool
}

type sourceData struct {
	Source     *pledgebook.Source
	Text       []span
	Pledges    []*pledgebook.Pledge
	Candidates []*pledgebook.Candidate
	Parties    names
	Notice     string // what the form that submitted the document did
}

func (u *UI) source(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return pledgebook.Errorf(pledgebook.KindNotFound, "no such source")
	}
	src, err := u.store.FindSourceByID(ctx, id)
	if err != nil {
		return fmt.Errorf("load source %d: %w", id, err)
	}
	ps, _, err := u.store.FindPledges(ctx, pledgebook.PledgeFilter{Source: &id})
	if err != nil {
		return fmt.Errorf("load pledges of source %d: %w", id, err)
	}
	cs, err := u.store.FindCandidates(ctx, pledgebook.CandidateFilter{Source: &id})
	if err != nil {
		return fmt.Errorf("load candidates of source %d: %w", id, err)
	}
	n, err := u.partyNames(ctx, p.L)
	if err != nil {
		return err
	}
	var marks [][2]int
	for _, c := range cs {
		marks = append(marks, [2]int{c.EvidenceStart, c.EvidenceEnd})
	}
	for _, pl := range ps {
		for _, s := range pl.Sources {
			if s.URL == src.URL {
				marks = append(marks, findAll(src.Text, s.Evidence)...)
			}
		}
	}
	p.Title, p.Nav = cmp.Or(src.Title, src.URL), "sources"
	p.Data = sourceData{Source: src, Text: highlight(src.Text, marks), Pledges: ps, Candidates: cs, Parties: n, Notice: sourceNotice(p.L, r)}
	u.render(w, r, http.StatusOK, "source", p)
	return nil
}

// findAll returns the byte ranges where evidence occurs in text.
func findAll(text, evidence string) [][2]int {
	var out [][2]int
	if evidence == "" {
		return nil
	}
	for off := 0; ; {
		i := strings.Index(text[off:], evidence)
		if i < 0 {
			return out
		}
		out = append(out, [2]int{off + i, off + i + len(evidence)})
		off += i + len(evidence)
	}
}

// highlight cuts text into spans, marking the byte ranges marks; ranges
// that overlap or touch are merged, and ranges outside the text or not on
// character boundaries are left out, so that a bad offset cannot break
// the page.
func highlight(text string, marks [][2]int) []span {
	var ok [][2]int
	for _, m := range marks {
		if m[0] >= 0 && m[0] < m[1] && m[1] <= len(text) && utf8.RuneStart(text[m[0]]) && (m[1] == len(text) || utf8.RuneStart(text[m[1]])) {
			ok = append(ok, m)
		}
	}
	slices.SortFunc(ok, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	var out []span
	at := 0
	for i := 0; i < len(ok); {
		start, end := ok[i][0], ok[i][1]
		for i++; i < len(ok) && ok[i][0] <= end; i++ {
			end = max(end, ok[i][1])
		}
		if start < at {
			start = at
		}
		if at < start {
			out = append(out, span{Text: text[at:start]})
		}
		if start < end {
			out = append(out, span{Text: text[start:end], Mark: true})
			at = end
		}
	}
	if at < len(text) {
		out = append(out, span{Text: text[at:]})
	}
	return out
}

// contextChars is how much of a source's text the pledge page shows on
// either side of the evidence.
const contextChars = 240

// inContext returns the evidence in the text around it: up to contextChars
// bytes on either side, cut at spaces, with ellipses where text was left
// out; nil when the evidence is not in the text.
func inContext(text, evidence string) []span {
	i := strings.Index(text, evidence)
	if evidence == "" || i < 0 {
		return nil
	}
	from, to := i-contextChars, i+len(evidence)+contextChars
	out := []span{}
	if from > 0 {
		if j := strings.IndexByte(text[from:i], ' '); j >= 0 {
			from += j + 1
		} else {
			from = i
		}
		out = append(out, span{Text: "…"})
	} else {
		from = 0
	}
	tail := ""
	if to < len(text) {
		if j := strings.LastIndexByte(text[i+len(evidence):to], ' '); j >= 0 {
			to = i + len(evidence) + j
		} else {
			to = i + len(evidence)
		}
		tail = "…"
	} else {
		to = len(text)
	}
	out = append(out, span{Text: text[from:i]}, span{Text: evidence, Mark: true}, span{Text: text[i+len(evidence) : to]})
	if tail != "" {
		out = append(out, span{Text: tail})
	}
	return out
}

// sourceView is an announcement of a pledge as the pledge page shows it:
// with the source's ID and the evidence in its context, when the viewer
// may read the source (see FindSources).
type sourceView struct {
	pledgebook.PledgeSource
	ID           int64
	Context      []span
	MeetingTitle string // the title of the meeting it was announced at
}

// sourceViews adds to a pledge's announcements what the viewer may read
// of their sources. For a viewer who may not read sources there is
// nothing to add, and the page shows the evidence alone.
func (u *UI) sourceViews(ctx context.Context, ps []pledgebook.PledgeSource) ([]sourceView, error) {
	out := make([]sourceView, len(ps))
	for i, s := range ps {
		out[i] = sourceView{PledgeSource: s}
	}
	if len(ps) == 0 {
		return out, nil
	}
	all, err := u.store.FindSources(ctx)
	if err != nil {
		return nil, fmt.Errorf("load sources: %w", err)
	}
	byURL := map[string]int64{}
	for _, s := range all {
		byURL[s.URL] = s.ID
	}
	for i := range out {
		id, ok := byURL[out[i].URL]
		if !ok {
			continue
		}
		out[i].ID = id
		if out[i].Evidence == "" {
			continue
		}
		src, err := u.store.FindSourceByID(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("load source %d: %w", id, err)
		}
		out[i].Context = inContext(src.Text, out[i].Evidence)
	}
	return out, nil
}

// Web reports whether the source's URL is a web address to link to, not
// the urn:sha256 of a document known only by its text.
func (d sourceData) Web() bool {
	return strings.HasPrefix(d.Source.URL, "https://") || strings.HasPrefix(d.Source.URL, "http://")
}
