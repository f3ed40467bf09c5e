package pledgebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// Updates follow JSON Merge Patch (RFC 7396): a field that is absent is
// left as it is, a field that is given replaces the stored value, and a
// field given as null empties it. Go's pointers tell only the first two
// apart, so an update lists the fields it empties in Clear, by their JSON
// names, and its UnmarshalJSON fills Clear from the nulls of the body.

// PledgeClearable are the fields of a pledge an update may empty (see
// PledgeUpdate.Clear). Emptying the quantity empties its unit, and
// emptying the amount empties its currency and its EUR and USD values,
// unless the same update sets them.
var PledgeClearable = []string{"quantity", "unit", "amount", "currency", "period_from", "period_to", "meeting", "requirement", "coalition", "notes"}

// RequirementClearable are the fields of a requirement an update may empty
// (see RequirementUpdate.Clear), with the same pairs as PledgeClearable.
var RequirementClearable = []string{"quantity", "unit", "amount", "currency", "needed_by", "notes"}

// checkClear checks that clear names only fields in clearable, each once,
// and none that the update also sets (isSet reports those).
func checkClear(clear, clearable []string, isSet func(string) bool) error {
	for i, name := range clear {
		switch {
		case !slices.Contains(clearable, name):
			return FieldError(name, "cannot be emptied (fields that can: %s)", strings.Join(clearable, ", "))
		case slices.Contains(clear[:i], name):
			return FieldError(name, "is emptied twice")
		case isSet(name):
			return FieldError(name, "is both set and emptied")
		}
	}
	return nil
}

// nulls returns the names of the members of the JSON object b whose value
// is null, among names (matched regardless of case, as encoding/json
// matches them); a null member that is not clearable is an error naming
// it. Members not in names are left to the caller's strict decoding.
func nulls(b []byte, clearable, names []string) ([]string, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(b, &members); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, Errorf(KindInvalid, "a patch is a JSON object, not %s", te.Value)
		}
		return nil, err
	}
	var out []string
	for key, v := range members {
		if !bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			continue
		}
		for _, n := range names {
			if !strings.EqualFold(key, n) {
				continue
			}
			if !slices.Contains(clearable, n) {
				return nil, FieldError(n, "cannot be emptied (fields that can: %s)", strings.Join(clearable, ", "))
			}
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out, nil
}

// decodeStrict decodes b into v refusing unknown fields: the strictness an
// outer decoder asks for does not reach a type's own UnmarshalJSON.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
