package refdata

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"pledgebook"
)

// The contact group's meetings and capability coalitions, compiled from
// public reporting; each record names its source.
var (
	//go:embed meetings.json
	meetingsJSON []byte
	//go:embed coalitions.json
	coalitionsJSON []byte
)

var reference = sync.OnceValue(func() pledgebook.Reference {
	var ref pledgebook.Reference
	if err := json.Unmarshal(meetingsJSON, &ref.Meetings); err != nil {
		panic(fmt.Sprintf("refdata: embedded meetings.json: %v", err))
	}
	if err := json.Unmarshal(coalitionsJSON, &ref.Coalitions); err != nil {
		panic(fmt.Sprintf("refdata: embedded coalitions.json: %v", err))
	}
	return ref
})

// Reference returns the reference data every store is synced with: the
// parties, the contact group's meetings and its capability coalitions.
func Reference() pledgebook.Reference {
	ref := reference()
	return pledgebook.Reference{
		Parties:    Parties(),
		Meetings:   append([]pledgebook.Meeting(nil), ref.Meetings...),
		Coalitions: append([]pledgebook.Coalition(nil), ref.Coalitions...),
	}
}
