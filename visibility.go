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
