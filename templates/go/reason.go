package runtime

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
)

// jsLength is the length of s in UTF-16 code units, as JavaScript counts a string
// (an astral rune is two). A byte that is not UTF-8 counts as one U+FFFD.
func jsLength(s string) int {
	n := 0
	for _, r := range s {
		if r > 0xffff {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// jsQuote is what the TypeScript package writes for a string in a reason: its
// first limit UTF-16 code units and "…" when it is longer, quoted as JSON.stringify
// quotes, then suffix. A cut through an astral rune keeps its first half, escaped,
// as JavaScript's slice does; the reasons are the same text in every language.
func jsQuote(s string, limit int, suffix string) string {
	// A string is never longer in code units than in bytes, and printable ASCII needs no escape.
	if len(s) <= limit && plainASCII(s) {
		return "\"" + s + "\"" + suffix
	}
	cut := len(s) > limit && jsLength(s) > limit
	var b strings.Builder
	b.Grow(len(s) + len(suffix) + 8)
	b.WriteByte('"')
	units := 0
	for _, r := range s {
		width := 1
		if r > 0xffff {
			width = 2
		}
		if cut && units+width > limit {
			if units < limit {
				high, _ := utf16.EncodeRune(r)
				writeUnitEscape(&b, high)
			}
			break
		}
		units += width
		writeJSONRune(&b, r)
	}
	if cut {
		b.WriteString("…")
	}
	b.WriteByte('"')
	b.WriteString(suffix)
	return b.String()
}

// plainASCII reports whether s is printable ASCII without a quote or a backslash.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// writeJSONRune writes a rune as JSON.stringify does: the two-character escapes,
// \u00XX for the other controls, everything else as it is.
func writeJSONRune(b *strings.Builder, r rune) {
	switch r {
	case '"':
		b.WriteString(`\"`)
	case '\\':
		b.WriteString(`\\`)
	case '\b':
		b.WriteString(`\b`)
	case '\f':
		b.WriteString(`\f`)
	case '\n':
		b.WriteString(`\n`)
	case '\r':
		b.WriteString(`\r`)
	case '\t':
		b.WriteString(`\t`)
	default:
		if r < 0x20 {
			writeUnitEscape(b, r)
		} else {
			b.WriteRune(r)
		}
	}
}

// writeUnitEscape writes \uXXXX in lower-case hex, as JSON.stringify writes a control or a lone surrogate.
func writeUnitEscape(b *strings.Builder, unit rune) {
	const hex = "0123456789abcdef"
	b.WriteString(`\u`)
	for shift := 12; shift >= 0; shift -= 4 {
		b.WriteByte(hex[(unit>>uint(shift))&0xf])
	}
}

// jsNumber formats a number as JavaScript's String(number) does: the shortest
// digits that read back as the same float64, positional from 1e-6 up to 1e21,
// exponential beyond (1e+21, 1e-7), "0" for both zeros.
func jsNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	case f < 0:
		return "-" + jsNumber(-f)
	}
	mantissa, exponent, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	digits := strings.Replace(mantissa, ".", "", 1)
	e, _ := strconv.Atoi(exponent)
	n, k := e+1, len(digits)
	switch {
	case k <= n && n <= 21:
		return digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return "0." + strings.Repeat("0", -n) + digits
	}
	sign := "+"
	if n < 1 {
		sign = "-"
	}
	power := strconv.Itoa(int(math.Abs(float64(n - 1))))
	if k == 1 {
		return digits + "e" + sign + power
	}
	return digits[:1] + "." + digits[1:] + "e" + sign + power
}
