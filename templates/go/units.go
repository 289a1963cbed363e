package runtime

import (
	"regexp"
	"strings"
	"unicode/utf16"
)

// surrogateBase maps a UTF-16 surrogate unit u to the rune surrogateBase+u
// (plane 16, private use), which a Go string can hold and a regexp can match.
const surrogateBase = 0x100000

// jsUnits is the code-unit view of s: every astral rune becomes its two UTF-16
// surrogates (mapped by surrogateBase), so a regexp counts and classes what
// JavaScript counts and classes. A string without astral runes is its own view.
func jsUnits(s string) string {
	if !hasAstral(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r > 0xffff {
			high, low := utf16.EncodeRune(r)
			b.WriteRune(surrogateBase + high)
			b.WriteRune(surrogateBase + low)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasAstral reports whether s may hold a rune beyond U+FFFF: only those start with a byte from 0xF0.
func hasAstral(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xf0 {
			return true
		}
	}
	return false
}

// jsMatch runs a pattern written over code units (see jsUnits) on s.
func jsMatch(re *regexp.Regexp, s string) bool {
	return re.MatchString(jsUnits(s))
}
