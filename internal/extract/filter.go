package extract

import "math/bits"

// wordFilter is a quick, conservative test of whether a word may be in a
// word list: a bit set over a hash of the word's length and its first
// two and last bytes. A word it rejects is surely not in the list; a word
// it accepts must still be looked up. Most words of a text fail it, which
// saves a string hash and a map probe per word.
type wordFilter [1 << 16 / 64]uint64

// add records w.
func (f *wordFilter) add(w string) {
	if len(w) == 0 {
		return
	}
	k := filterKey(w)
	f[k/64] |= 1 << (k % 64)
}

// addLong records every word of at least n bytes that starts with the
// first two bytes of w and ends in any byte: "fünfundzwanzig" for "fünf".
func (f *wordFilter) addLong(w string, n int) {
	for l := n; l < 64; l++ {
		for last := 0; last < 32; last++ {
			k := hashKey(w[0], second(w), byte(last), l)
			f[k/64] |= 1 << (k % 64)
		}
	}
}

// may reports whether w may be in the list. It is small enough to be
// inlined: it runs for nearly every word of the text, several times.
func (f *wordFilter) may(w string) bool {
	n := len(w)
	if n == 0 {
		return false
	}
	k := hashKey(w[0], w[min(1, n-1)], w[n-1], n) // filterKey(w)
	return f[k>>6]>>(k&63)&1 != 0
}

// second is the second byte of w, or its only byte.
func second(w string) byte {
	return w[min(1, len(w)-1)]
}

func filterKey(w string) uint16 {
	return hashKey(w[0], second(w), w[len(w)-1], len(w))
}

// hashKey is computed in 16 bits, which wrap, so that no folding of a
// wider hash is needed.
func hashKey(a, b, z byte, n int) uint16 {
	return uint16(a&31)<<11 ^ uint16(b&31)<<6 ^ uint16(z&31)<<1 ^ uint16(min(n, 63))*0x9E37
}

// newWordFilter builds the filter of the keys of a map and of extra words.
func newWordFilter[V any](m map[string]V, extra ...string) *wordFilter {
	f := &wordFilter{}
	for w := range m {
		f.add(w)
	}
	for _, w := range extra {
		f.add(w)
	}
	return f
}

// wordIndex looks words up in the joined word lists without hashing them:
// the wordFilter key of a word, through the rank of its bit among the set
// bits, picks the few words of the lists that share the key, which are
// compared with it. The tokenizer looks up a good part of all words of a
// text, and this is quicker than a map.
type wordIndex struct {
	filter wordFilter
	// rank[i] counts the set bits of filter before filter[i]
	rank [len(wordFilter{})]uint16
	// entries[start[r]:start[r+1]] are the words whose key is the r-th
	// set bit of filter
	start   []uint16
	entries []wordEntry
}

type wordEntry struct {
	word string
	info *wordInfo
}

// newWordIndex indexes the words of m.
func newWordIndex(m map[string]*wordInfo) *wordIndex {
	x := &wordIndex{}
	for w := range m {
		x.filter.add(w)
	}
	n := 0
	for i, b := range x.filter {
		x.rank[i] = uint16(n)
		n += bits.OnesCount64(b)
	}
	slots := make([][]wordEntry, n)
	for w, info := range m {
		if w == "" {
			continue // never looked up: no token is empty
		}
		r := x.slot(filterKey(w))
		slots[r] = append(slots[r], wordEntry{w, info})
	}
	x.start = make([]uint16, n+1)
	for r, s := range slots {
		x.start[r] = uint16(len(x.entries))
		x.entries = append(x.entries, s...)
	}
	x.start[n] = uint16(len(x.entries))
	return x
}

// slot returns the rank of the set bit k of x.filter.
func (x *wordIndex) slot(k uint16) int {
	return int(x.rank[k/64]) + bits.OnesCount64(x.filter[k/64]&(1<<(k%64)-1))
}

// lookup returns the info of w, or nil if w is on no list.
func (x *wordIndex) lookup(w string) *wordInfo {
	if !x.filter.may(w) {
		return nil
	}
	r := x.slot(filterKey(w))
	for _, e := range x.entries[x.start[r]:x.start[r+1]] {
		if e.word == w {
			return e.info
		}
	}
	return nil
}
