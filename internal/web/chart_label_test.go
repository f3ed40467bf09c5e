package web

import "testing"

func TestFitLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Germany", "Germany"},
		{"United Kingdom of Great Britain and Northern Ireland", "United Kingdom of Great…"},
		{"Україна та її союзники і партнери", "Україна та її союзники…"},
	}
	for _, tt := range tests {
		if got := fitLabel(tt.in, barLabelRunes); got != tt.want || len([]rune(got)) > barLabelRunes {
			t.Errorf("fitLabel(%q) = %q, want %q (at most %d characters)", tt.in, got, tt.want, barLabelRunes)
		}
	}
}
