package runtime

import (
	"encoding/json"
	"math"
	"strconv"
)

// jsNumberOf reads a number as the value encoding/json gives (float64, or
// json.Number with UseNumber) or a Go integer; a json.Number too large for a
// float64 is ±Inf, as JavaScript's JSON.parse reads it.
func jsNumberOf(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case json.Number:
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil && !isRangeError(err) {
			return math.NaN(), true
		}
		return f, true
	case int:
		return float64(n), true
	case int8:
		return float64(n), true
	case int16:
		return float64(n), true
	case int32:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint:
		return float64(n), true
	case uint8:
		return float64(n), true
	case uint16:
		return float64(n), true
	case uint32:
		return float64(n), true
	case uint64:
		return float64(n), true
	}
	return 0, false
}

func isRangeError(err error) bool {
	e, ok := err.(*strconv.NumError)
	return ok && e.Err == strconv.ErrRange
}

// jsKind is the JSON kind of a value, as the TypeScript package names it in
// messages: null and arrays are not "object". Go values no JSON decoder gives are
// "object" too.
func jsKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any:
		return "array"
	}
	if _, ok := jsNumberOf(v); ok {
		return "number"
	}
	return "object"
}

// jsWhat says what a value that is not a code is, in the TypeScript package's
// words: "null", "a boolean", "the number 7, not the string \"7\"", "an array", "an object".
func jsWhat(v any) string {
	if f, ok := jsNumberOf(v); ok {
		text := jsNumber(f)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return "the number " + text
		}
		return "the number " + text + ", not the string " + jsQuote(text, len(text), "")
	}
	switch jsKind(v) {
	case "null":
		return "null"
	case "boolean":
		return "a boolean"
	case "array":
		return "an array"
	}
	return "an object"
}
