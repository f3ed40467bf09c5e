package extract

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"strings"
	"testing"
)

func TestReadModelRefusesBadFiles(t *testing.T) {
	if _, err := ReadModel(make([]byte, 100)); err == nil || !strings.Contains(err.Error(), "100 bytes") {
		t.Errorf("a short model file: error %v, want one naming its size", err)
	}
	b := make([]byte, 4<<FeatureBits)
	binary.LittleEndian.PutUint32(b[8:], math.Float32bits(float32(math.NaN())))
	if _, err := ReadModel(b); err == nil {
		t.Error("a model with a NaN weight was accepted")
	}
	m, err := ReadModel(defaultModel.Bytes())
	if err != nil || !bytes.Equal(m.Bytes(), modelBin) {
		t.Errorf("the shipped model does not survive a round trip: %v", err)
	}
}

// TestConfidenceIsTheModels checks that a candidate's confidence is the
// model's probability: a model that favours one feature raises the
// confidence of exactly the candidates that have it, and MinConfidence
// then drops the others.
func TestConfidenceIsTheModels(t *testing.T) {
	src := "Die Bundesregierung hat der Ukraine vier weitere IRIS-T-Systeme zugesagt. " +
		"Zudem liefert Deutschland 20 Marder-Schützenpanzer.\n"
	w := make([]float64, 1<<FeatureBits)
	w[hashFeature(fKind, "quantity", "")] = -3
	w[hashFeature(fNear, stem("marder"), "")] = 6
	m, err := NewModel(w)
	if err != nil {
		t.Fatal(err)
	}
	all := extractString(src, Options{Model: m, MinConfidence: -1}).Candidates
	if len(all) != 2 {
		t.Fatalf("got %d candidates, want the two the rules propose: %+v", len(all), all)
	}
	if all[0].Confidence != 0.05 || all[1].Confidence != 0.95 {
		t.Errorf("confidences %v and %v, want 0.05 (sigmoid(-3)) and 0.95 (sigmoid(3))", all[0].Confidence, all[1].Confidence)
	}
	kept := extractString(src, Options{Model: m, MinConfidence: 0.5}).Candidates
	if len(kept) != 1 || *kept[0].Quantity != 20 {
		t.Errorf("MinConfidence 0.5 kept %+v, want only the 20 Marder", kept)
	}
}

// TestSamplesLabelled checks the training samples of an annotated set:
// the pledges the rules find are labelled pledges, and figures the rules
// refuse are samples too.
func TestSamplesLabelled(t *testing.T) {
	docs, err := LoadCorpus(os.DirFS("testdata/corpus"))
	if err != nil {
		t.Fatal(err)
	}
	var proposed, refused, pledges, refusedPledges int
	for _, d := range docs {
		for _, s := range Samples(d) {
			if len(s.Features) == 0 {
				t.Fatalf("%s: a sample without features", d.Name)
			}
			switch {
			case s.Proposed:
				proposed++
			default:
				refused++
			}
			if s.Pledge {
				pledges++
				if !s.Proposed {
					refusedPledges++
				}
			}
		}
	}
	if proposed == 0 || refused == 0 {
		t.Fatalf("%d proposed and %d refused samples; want both", proposed, refused)
	}
	// The rules find every pledge of the corpus (TestCorpus), so the
	// pledges must be about the proposed samples.
	if pledges < proposed*9/10 || refusedPledges > refused/10 {
		t.Errorf("%d of %d proposed and %d of %d refused samples are pledges", pledges-refusedPledges, proposed, refusedPledges, refused)
	}
}
