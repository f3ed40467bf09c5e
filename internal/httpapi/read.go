package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"pledgebook"
)

// Every read passes the request's context, which holds the viewer, to the
// store: the store returns only what that viewer may see.

func (a *API) listParties(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := pledgebook.PartyFilter{Kind: pledgebook.PartyKind(q.Get("kind")), MemberOf: strings.ToUpper(q.Get("member_of"))}
	switch f.Kind {
	case "", pledgebook.Country, pledgebook.Organisation:
	default:
		return pledgebook.FieldError("kind", "must be country or organisation, got %q", f.Kind)
	}
	var err error
	if f.Donors, err = optBool(q, "donors"); err != nil {
		return err
	}
	ps, err := a.store.FindParties(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, r, ps, func(p pledgebook.Party) string { return p.Code })
}

func (a *API) getParty(w http.ResponseWriter, r *http.Request) error {
	p, err := a.store.FindPartyByCode(r.Context(), strings.ToUpper(r.PathValue("code")))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (a *API) listCoalitions(w http.ResponseWriter, r *http.Request) error {
	cs, err := a.store.FindCoalitions(r.Context())
	if err != nil {
		return err
	}
	return writeList(w, r, cs, func(c pledgebook.Coalition) string { return c.ID })
}

func (a *API) getCoalition(w http.ResponseWriter, r *http.Request) error {
	c, err := a.store.FindCoalitionByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

func (a *API) listMeetings(w http.ResponseWriter, r *http.Request) error {
	ms, err := a.store.FindMeetings(r.Context())
	if err != nil {
		return err
	}
	return writeList(w, r, ms, func(m pledgebook.Meeting) string { return dateKey(m.Date) + "|" + m.ID })
}

func (a *API) getMeeting(w http.ResponseWriter, r *http.Request) error {
	m, err := a.store.FindMeetingByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}

func (a *API) listRequirements(w http.ResponseWriter, r *http.Request) error {
	var f pledgebook.RequirementFilter
	q := r.URL.Query()
	if s := optString(q, "category"); s != nil {
		c, err := pledgebook.ParseCategory(*s)
		if err != nil {
			return err
		}
		f.Category = &c
	}
	f.Ref = optString(q, "ref")
	rs, err := a.store.FindRequirements(r.Context(), f)
	if err != nil {
		return err
	}
	// Most urgent first, as the store orders them.
	return writeList(w, r, rs, func(x *pledgebook.Requirement) string {
		return strconv.Itoa(x.Priority) + "|" + dateKey(x.NeededBy) + "|" + idKey(x.ID)
	})
}

func (a *API) getRequirement(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	x, err := a.store.FindRequirementByID(r.Context(), id)
	if err != nil {
		return err
	}
	setETag(w, x.Version)
	writeJSON(w, http.StatusOK, x)
	return nil
}

// pledgeFilter reads a pledge filter from the query.
func pledgeFilter(r *http.Request) (pledgebook.PledgeFilter, error) {
	q := r.URL.Query()
	var f pledgebook.PledgeFilter
	var err error
	if s := optString(q, "donor"); s != nil {
		u := strings.ToUpper(*s)
		f.Donor = &u
	}
	if s := optString(q, "category"); s != nil {
		c, err := pledgebook.ParseCategory(*s)
		if err != nil {
			return f, err
		}
		f.Category = &c
	}
	if s := optString(q, "status"); s != nil {
		st, err := pledgebook.ParseStatus(*s)
		if err != nil {
			return f, err
		}
		f.Status = &st
	}
	f.Meeting, f.Coalition, f.Ref = optString(q, "meeting"), optString(q, "coalition"), optString(q, "ref")
	if f.Requirement, err = optInt(q, "requirement"); err != nil {
		return f, err
	}
	if f.From, err = optDate(q, "from"); err != nil {
		return f, err
	}
	if f.To, err = optDate(q, "to"); err != nil {
		return f, err
	}
	return f, nil
}

func (a *API) listPledges(w http.ResponseWriter, r *http.Request) error {
	f, err := pledgeFilter(r)
	if err != nil {
		return err
	}
	pg, err := readPaging(r.URL.Query())
	if err != nil {
		return err
	}
	if pg.cursor != nil {
		on, id, err := parseDateIDKey(pg.cursor)
		if err != nil {
			return err
		}
		f.After = &pledgebook.PledgeCursor{AnnouncedOn: on, ID: id}
	}
	f.Desc, f.Limit = pg.desc, pg.limit+1
	ps, _, err := a.store.FindPledges(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, storePage(ps, pg.limit, func(p *pledgebook.Pledge) string { return dateIDKey(p.AnnouncedOn, p.ID) }))
	return nil
}

func (a *API) getPledge(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := a.store.FindPledgeByID(r.Context(), id)
	if err != nil {
		return err
	}
	setETag(w, p.Version)
	writeJSON(w, http.StatusOK, p)
	return nil
}

func deliveryFilter(r *http.Request) (pledgebook.DeliveryFilter, error) {
	q := r.URL.Query()
	var f pledgebook.DeliveryFilter
	var err error
	if f.Pledge, err = optInt(q, "pledge"); err != nil {
		return f, err
	}
	if s := optString(q, "donor"); s != nil {
		u := strings.ToUpper(*s)
		f.Donor = &u
	}
	f.Ref = optString(q, "ref")
	if s := optString(q, "category"); s != nil {
		c, err := pledgebook.ParseCategory(*s)
		if err != nil {
			return f, err
		}
		f.Category = &c
	}
	if q.Has("confirmed") {
		b, err := optBool(q, "confirmed")
		if err != nil {
			return f, err
		}
		f.Confirmed = &b
	}
	if f.From, err = optDate(q, "from"); err != nil {
		return f, err
	}
	if f.To, err = optDate(q, "to"); err != nil {
		return f, err
	}
	return f, nil
}

func (a *API) listDeliveries(w http.ResponseWriter, r *http.Request) error {
	f, err := deliveryFilter(r)
	if err != nil {
		return err
	}
	pg, err := readPaging(r.URL.Query())
	if err != nil {
		return err
	}
	if pg.cursor != nil {
		on, id, err := parseDateIDKey(pg.cursor)
		if err != nil {
			return err
		}
		f.After = &pledgebook.DeliveryCursor{DeliveredOn: on, ID: id}
	}
	f.Desc, f.Limit = pg.desc, pg.limit+1
	ds, err := a.store.FindDeliveries(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, storePage(ds, pg.limit, func(d *pledgebook.Delivery) string { return dateIDKey(d.DeliveredOn, d.ID) }))
	return nil
}

func (a *API) getDelivery(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d, err := a.store.FindDeliveryByID(r.Context(), id)
	if err != nil {
		return err
	}
	setETag(w, d.Version)
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (a *API) listSources(w http.ResponseWriter, r *http.Request) error {
	ss, err := a.store.FindSources(r.Context())
	if err != nil {
		return err
	}
	return writeList(w, r, ss, func(s *pledgebook.Source) string { return idKey(s.ID) })
}

// sourceText is a source with its stored text, as a single read shows it.
type sourceText struct {
	*pledgebook.Source
	Text string `json:"text"`
}

func (a *API) getSource(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	s, err := a.store.FindSourceByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sourceText{s, s.Text})
	return nil
}

func (a *API) listCandidates(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f pledgebook.CandidateFilter
	if s := optString(q, "state"); s != nil {
		st, err := pledgebook.ParseCandidateState(*s)
		if err != nil {
			return err
		}
		f.State = &st
	}
	var err error
	if f.Source, err = optInt(q, "source"); err != nil {
		return err
	}
	cs, err := a.store.FindCandidates(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, r, cs, func(c *pledgebook.Candidate) string { return idKey(c.ID) })
}

func (a *API) getCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := a.store.FindCandidateByID(r.Context(), id)
	if err != nil {
		return err
	}
	setETag(w, c.Version)
	writeJSON(w, http.StatusOK, c)
	return nil
}

func (a *API) listAudit(w http.ResponseWriter, r *http.Request) error {
	pg, err := readPaging(r.URL.Query())
	if err != nil {
		return err
	}
	f := pledgebook.AuditFilter{Entity: r.URL.Query().Get("entity"), Desc: pg.desc, Limit: pg.limit + 1}
	if pg.cursor != nil {
		if f.After, err = parseIDKey(pg.cursor); err != nil {
			return err
		}
	}
	es, err := a.store.AuditLog(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, storePage(es, pg.limit, func(e pledgebook.AuditEvent) string { return idKey(e.Seq) }))
	return nil
}

func (a *API) getAudit(w http.ResponseWriter, r *http.Request) error {
	seq, err := pathID(r, "seq")
	if err != nil {
		return err
	}
	e, err := a.store.FindAuditEventBySeq(r.Context(), seq)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

// reportQuery reads ?currency=, ?from= and ?to=.
func reportQuery(r *http.Request) (pledgebook.ReportQuery, error) {
	q := r.URL.Query()
	var rq pledgebook.ReportQuery
	cur := q.Get("currency")
	if cur == "" {
		cur = "EUR"
	}
	b, err := pledgebook.ParseBasis(strings.ToUpper(cur))
	if err != nil {
		return rq, pledgebook.FieldError("currency", "must be EUR or USD, got %q", cur)
	}
	rq.Basis = b
	if rq.From, err = optDate(q, "from"); err != nil {
		return rq, err
	}
	if rq.To, err = optDate(q, "to"); err != nil {
		return rq, err
	}
	return rq, nil
}

// serveReport answers a report request: the report query from the URL,
// the report that build assembles from it, as JSON.
func serveReport[T any](w http.ResponseWriter, r *http.Request, build func(context.Context, pledgebook.ReportQuery) (T, error)) error {
	q, err := reportQuery(r)
	if err != nil {
		return err
	}
	rep, err := build(r.Context(), q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

func (a *API) reportDonors(w http.ResponseWriter, r *http.Request) error {
	return serveReport(w, r, func(ctx context.Context, q pledgebook.ReportQuery) (pledgebook.TotalsReport, error) {
		return pledgebook.DonorReport(ctx, a.store, q, a.opts.GDP)
	})
}

func (a *API) reportCategories(w http.ResponseWriter, r *http.Request) error {
	return serveReport(w, r, func(ctx context.Context, q pledgebook.ReportQuery) (pledgebook.TotalsReport, error) {
		return pledgebook.CategoryReport(ctx, a.store, q)
	})
}

func (a *API) reportCoverage(w http.ResponseWriter, r *http.Request) error {
	return serveReport(w, r, func(ctx context.Context, q pledgebook.ReportQuery) (pledgebook.CoverageReport, error) {
		return pledgebook.CoverageOf(ctx, a.store, q)
	})
}

func (a *API) reportTimeline(w http.ResponseWriter, r *http.Request) error {
	return serveReport(w, r, func(ctx context.Context, q pledgebook.ReportQuery) (pledgebook.TimelineReport, error) {
		return pledgebook.TimelineOf(ctx, a.store, q)
	})
}

// setETag marks a response with the record's version, as a weak ETag.
func setETag(w http.ResponseWriter, version int) {
	w.Header().Set("ETag", `W/"`+strconv.Itoa(version)+`"`)
}
