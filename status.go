package pledgebook

import "fmt"

// Status is where a pledge stands on its way from announcement to delivery.
type Status string

// The statuses of a pledge, in the order a pledge moves through them.
// Cancelled may be reached from any status but delivered.
const (
	Announced  Status = "announced"
	Committed  Status = "committed"
	Contracted Status = "contracted"
	Delivering Status = "delivering"
	Delivered  Status = "delivered"
	Cancelled  Status = "cancelled"
)

// Statuses lists every status in order.
var Statuses = []Status{Announced, Committed, Contracted, Delivering, Delivered, Cancelled}

// rank orders the statuses of the forward path; cancelled has none.
func (s Status) rank() int {
	switch s {
	case Announced:
		return 1
	case Committed:
		return 2
	case Contracted:
		return 3
	case Delivering:
		return 4
	case Delivered:
		return 5
	}
	return 0
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s.rank() > 0 || s == Cancelled }

// Final reports whether no move leads out of s.
func (s Status) Final() bool { return s == Delivered || s == Cancelled }

// ParseStatus returns the status named s, or an invalid-input error naming
// the field "status".
func ParseStatus(s string) (Status, error) {
	st := Status(s)
	if !st.Valid() {
		return "", FieldError("status", "unknown status %q (one of announced, committed, contracted, delivering, delivered, cancelled)", s)
	}
	return st, nil
}

// CheckMove reports whether a pledge may move from status from to status to.
// Moves go forward along announced → committed → contracted → delivering →
// delivered, possibly skipping steps, or to cancelled from any status that is
// not final. The error is an invalid-input error naming the field "status".
func CheckMove(from, to Status) error {
	switch {
	case !to.Valid():
		return FieldError("status", "unknown status %q", to)
	case from == to:
		return FieldError("status", "the pledge is already %s", to)
	case from.Final():
		return FieldError("status", "the pledge is %s; no status change leads out of it", from)
	case to == Cancelled:
		return nil
	case to.rank() < from.rank():
		return FieldError("status", "cannot move back from %s to %s; a status only moves forward", from, to)
	}
	return nil
}

// StatusChange is one dated move in a pledge's status history.
type StatusChange struct {
	From Status `json:"from,omitempty"` // empty for the first entry
	To   Status `json:"to"`
	On   Date   `json:"on"`
	Note string `json:"note,omitempty"`
}

// String describes the change for logs and tables.
func (c StatusChange) String() string {
	if c.From == "" {
		return fmt.Sprintf("%s %s", c.On, c.To)
	}
	return fmt.Sprintf("%s %s → %s", c.On, c.From, c.To)
}
