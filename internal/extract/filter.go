package extract

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
