package pledgebook

// Visibility says who may read a record.
type Visibility string

// The visibility levels. Public records are open to anyone; restricted ones
// to any signed-in user; confidential ones to their own party, the recipient
// and coordinators.
const (
	Public       Visibility = "public"
	Restricted   Visibility = "restricted"
	Confidential Visibility = "confidential"
)

// ParseVisibility returns the visibility named s, defaulting to public for
// the empty string, or an invalid-input error naming the field "visibility".
func ParseVisibility(s string) (Visibility, error) {
	switch v := Visibility(s); v {
	case "":
		return Public, nil
	case Public, Restricted, Confidential:
		return v, nil
	}
	return "", FieldError("visibility", "unknown visibility %q (one of public, restricted, confidential)", s)
}

// rank orders the levels from the widest audience to the narrowest.
func (v Visibility) rank() int {
	switch v {
	case Public:
		return 0
	case Restricted:
		return 1
	}
	return 2 // confidential, and anything unknown is treated as the narrowest
}

// Within reports whether everyone who may read a record of visibility w
// may also read one of visibility v about the same parties: whether v is
// at most as narrow as w. A delivery that is not within its pledge's
// visibility is hidden from some of the pledge's readers, so it must not
// change what they see of the pledge.
func (v Visibility) Within(w Visibility) bool { return v.rank() <= w.rank() }
