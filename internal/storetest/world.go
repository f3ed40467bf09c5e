package storetest

import (
	"testing"

	"pledgebook"
)

// World is a random ledger for visibility properties, the one
// VisibilityProperty builds: five requirements, fifteen pledges and ten
// deliveries of random visibility, parties, quantities and values, the
// same for the same seed. Its records are told apart by their Ref: r0…,
// p0…, d0….
type World struct{ w *world }

// NewWorld returns the random ledger of seed.
func NewWorld(seed uint64) World { return World{genWorld(seed)} }

// All keeps every record of a World.
func All(any) bool { return true }

// Load creates the records of w that keep selects into the empty store s,
// with the parties they name, as an admin. A pledge's link to a
// requirement that is not kept is dropped, as reads drop it for a viewer
// who may not see the requirement.
func (w World) Load(t testing.TB, s Store, keep func(any) bool) { w.w.load(t, s, keep) }

// VisibleTo returns, for Load and Refs, whether v may see each record of
// w: a requirement by its recipient, a pledge by its parties, a delivery
// when v may see both it and its pledge.
func (w World) VisibleTo(v pledgebook.Viewer) func(any) bool { return w.w.visibleTo(v) }

// Key names the set of records keep selects: two keeps with the same key
// load the same ledger.
func (w World) Key(keep func(any) bool) string { return w.w.key(keep) }

// Refs returns the refs of the records keep selects.
func (w World) Refs(keep func(any) bool) map[string]bool {
	out := map[string]bool{}
	for _, r := range w.w.requirements {
		if keep(r) {
			out[r.Ref] = true
		}
	}
	for _, p := range w.w.pledges {
		if keep(p) {
			out[p.p.Ref] = true
		}
	}
	for _, d := range w.w.deliveries {
		if keep(d) {
			out[d.d.Ref] = true
		}
	}
	return out
}

// NamedViewer is a viewer the visibility cases read as, and its name.
type NamedViewer struct {
	Name   string
	Viewer pledgebook.Viewer
}

// Viewers returns every viewer the visibility cases read as: the public,
// every role, and for the roles that belong to a party, one of the
// parties in the data and one that is not.
func Viewers() []NamedViewer {
	out := make([]NamedViewer, len(viewers))
	for i, v := range viewers {
		out[i] = NamedViewer{v.name, v.v}
	}
	return out
}
