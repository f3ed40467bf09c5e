package extract

// Sample is one figure to which the rules could give a donor, as the
// model sees it: the candidate it would make, its hashed features, and
// whether it is a pledge of the document's annotation. The trainmodel
// command fits the model on the samples of the annotated sets.
type Sample struct {
	Candidate Candidate
	Features  []uint32
	Proposed  bool // the rules propose it (Extract returns it if the model agrees)
	Pledge    bool // it matches a gold pledge of its document
}

// Samples reads an annotated document and returns its samples: every
// candidate the rules propose, and every one they refuse (a figure in a
// sentence without pledge wording, someone's own budget, a running total
// ...), each labelled against the document's gold pledges. Candidates
// that repeat a pledge (a headline and the body) are all labelled a
// pledge.
func Samples(d CorpusDoc) []Sample {
	ss := extractWith(string(d.Source), Options{}, true).samples
	for i := range ss {
		for _, g := range d.Gold.Candidates {
			if matches(g, ss[i].Candidate) {
				ss[i].Pledge = true
				break
			}
		}
	}
	return ss
}
