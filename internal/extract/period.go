package extract

import (
	"strconv"
	"strings"
	"time"

	"pledgebook"
)

// yearOf returns the year a token stands for (1990–2100), or 0.
func yearOf(t *token) int {
	if t.kind != tNum || len(t.low) != 4 {
		return 0
	}
	y, err := strconv.Atoi(t.low)
	if err != nil || y < 1990 || y > 2100 {
		return 0
	}
	return y
}

// baseYear is the year of the first date the text states (4. Juni 2025,
// June 4, 2025, 4 June 2025, Juni 2025, 2025-06-04, 04.06.2025), or 0.
// Relative periods ("over the next three years", "bis 2027") are counted
// from it.
func baseYear(text, lower string) int {
	for i := 0; i+4 <= len(text); i++ {
		if !isDigit(text[i]) {
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j-i != 4 || i > 0 && (isDigit(text[i-1]) || text[i-1] == ',' && i > 1 && isDigit(text[i-2])) {
			i = j
			continue
		}
		y, _ := strconv.Atoi(text[i:j])
		if y < 1990 || y > 2100 {
			i = j
			continue
		}
		// ISO 2025-06-04
		if j+6 <= len(text) && text[j] == '-' && isDigit(text[j+1]) && isDigit(text[j+2]) && text[j+3] == '-' && isDigit(text[j+4]) && isDigit(text[j+5]) {
			return y
		}
		// 04.06.2025
		if i >= 4 && text[i-1] == '.' && isDigit(text[i-2]) && (text[i-3] == '.' || isDigit(text[i-3]) && text[i-4] == '.') {
			return y
		}
		// a month name before the year, possibly with a day: "Juni 2025",
		// "June 4, 2025", "4 June 2025"
		k := i
		for k > 0 && k > i-12 && (text[k-1] == ' ' || text[k-1] == ',' || text[k-1] == '.' || isDigit(text[k-1])) {
			k--
		}
		w := k
		for w > 0 && w > k-12 && (isASCIILetter(lower[w-1]) || lower[w-1] >= 0x80) {
			w--
		}
		if w < k {
			if _, ok := months[lower[w:k]]; ok {
				return y
			}
		}
		i = j
	}
	return 0
}

// sentencePeriod reads the span of years a sentence gives a pledge.
func sentencePeriod(toks []token, base int) *Period {
	for i := range toks {
		y1 := yearOf(&toks[i])
		if y1 == 0 {
			// "over the next three years", "in den nächsten drei Jahren",
			// "a three-year package"
			if p := relativePeriod(toks, i, base); p != nil {
				return p
			}
			continue
		}
		// Y1 to Y2, Y1–Y2, Y1 and Y2, Y1/26
		if i+2 < len(toks) {
			switch toks[i+1].low {
			case "to", "bis", "-", "–", "—", "and", "und", "through", "until", "/":
				y2 := yearOf(&toks[i+2])
				if y2 == 0 && toks[i+1].low == "/" && toks[i+2].kind == tNum && len(toks[i+2].low) == 2 {
					if n, err := strconv.Atoi(toks[i+2].low); err == nil {
						y2 = y1/100*100 + n
					}
				}
				if y2 > y1 && y2 <= y1+10 {
					return &Period{From: y1, To: y2}
				}
			}
		}
		// bis 2027, until 2027, bis Ende 2027, through the end of 2027
		k := i - 1
		for k >= 0 && k >= i-4 {
			switch toks[k].low {
			case "ende", "end", "the", "of", "zum", "jahr", "spätestens", "einschließlich", "including", "year":
				k--
				continue
			}
			break
		}
		if k >= 0 {
			switch toks[k].low {
			case "bis", "until", "through", "till", "thru", "by":
				// "von 2024 bis 2027" is handled above; a base year is needed
				// for the start.
				if k > 0 && (toks[k-1].low == "zu" || toks[k-1].low == "up") {
					break
				}
				if base > 0 && base <= y1 && y1-base <= 10 {
					return &Period{From: base, To: y1}
				}
			}
		}
	}
	return nil
}

// relativePeriod reads "over the next N years" at toks[i] (the number).
func relativePeriod(toks []token, i, base int) *Period {
	if base == 0 {
		return nil
	}
	t := &toks[i]
	var n int64
	var after int
	switch {
	case t.kind == tNum && len(t.low) <= 2:
		v, err := strconv.Atoi(t.low)
		if err != nil {
			return nil
		}
		n, after = int64(v), i+1
	case t.kind == tWord:
		w := t.low
		if i+1 >= len(toks) || strings.IndexByte(w, '-') < 0 && !yearWord(toks[i+1].low) {
			return nil // a number word counts years only before "years"
		}
		suffix := ""
		if k := strings.IndexByte(w, '-'); k > 0 {
			w, suffix = w[:k], w[k+1:]
		}
		v, ok := numberWords[w]
		if !ok {
			return nil
		}
		if suffix == "year" || suffix == "jahres" || suffix == "jährige" || suffix == "jährigen" {
			if v >= 2 && v <= 10 {
				return &Period{From: base, To: base + int(v) - 1}
			}
			return nil
		}
		n, after = v, i+1
	default:
		return nil
	}
	if n < 2 || n > 10 || after >= len(toks) {
		return nil
	}
	switch toks[after].low {
	case "years", "jahre", "jahren", "jahr":
	default:
		return nil
	}
	if i == 0 {
		return nil
	}
	switch toks[i-1].low {
	case "next", "nächsten", "kommenden", "over", "über", "für", "for", "coming", "folgenden", "within", "innerhalb":
		return &Period{From: base, To: base + int(n) - 1}
	}
	return nil
}

func yearWord(w string) bool {
	switch w {
	case "years", "jahre", "jahren", "jahr":
		return true
	}
	return false
}

// sentenceDate finds a full date (day, month and year) in a sentence.
func sentenceDate(toks []token) *pledgebook.Date {
	for i := range toks {
		t := &toks[i]
		m, ok := months[t.low]
		if !ok || t.kind != tWord {
			continue
		}
		var day, year int
		// 4. Juni 2025 / 4 June 2025
		if i >= 1 {
			k := i - 1
			if toks[k].low == "." && k >= 1 {
				k--
			}
			if toks[k].kind == tNum && len(toks[k].low) <= 2 {
				day, _ = strconv.Atoi(toks[k].low)
			}
			if i+1 < len(toks) {
				year = yearOf(&toks[i+1])
			}
		}
		// June 4, 2025
		if day == 0 && i+1 < len(toks) && toks[i+1].kind == tNum && len(toks[i+1].low) <= 2 {
			day, _ = strconv.Atoi(toks[i+1].low)
			k := i + 2
			if k < len(toks) && toks[k].low == "," {
				k++
			}
			if k < len(toks) {
				year = yearOf(&toks[k])
			}
		}
		if day >= 1 && day <= 31 && year > 0 {
			d := pledgebook.NewDate(year, time.Month(m), day)
			if d.Time().Day() == day {
				return &d
			}
		}
	}
	return nil
}
