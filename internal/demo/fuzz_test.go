package demo

import (
	"encoding/json"
	"testing"
)

// FuzzParse: no input panics the demo-file parser, and whatever it accepts
// encodes back to JSON that it accepts again with the same pledge count.
func FuzzParse(f *testing.F) {
	f.Add(data)
	f.Add([]byte(`{"requirements": [], "pledges": []}`))
	f.Add([]byte(`{"pledges": [{"ref": "x", "amount": "1e3", "announced_on": "2025-02-30"}]}`))
	f.Add([]byte(`{"pledges": [{"unknown": 1}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Parse(b)
		if err != nil {
			return
		}
		out, err := json.Marshal(file)
		if err != nil {
			t.Fatalf("accepted input does not encode: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("re-encoded file is refused: %v\n%s", err, out)
		}
		if len(again.Pledges) != len(file.Pledges) || len(again.Requirements) != len(file.Requirements) {
			t.Fatalf("round trip changed the counts")
		}
	})
}
