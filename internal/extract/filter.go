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

// may reports whether w may be in the list.
func (f *wordFilter) may(w string) bool {
	if len(w) == 0 {
		return false
	}
	k := filterKey(w)
	return f[k/64]&(1<<(k%64)) != 0
}

func second(w string) byte {
	if len(w) > 1 {
		return w[1]
	}
	return 0
}

func filterKey(w string) uint32 {
	return hashKey(w[0], second(w), w[len(w)-1], len(w))
}

func hashKey(a, b, z byte, n int) uint32 {
	if n > 63 {
		n = 63
	}
	h := uint32(a&31)<<11 ^ uint32(b&31)<<6 ^ uint32(z&31)<<1 ^ uint32(n)*0x9E37
	return (h ^ h>>16) & 0xFFFF
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
