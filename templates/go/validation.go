package runtime

import "strings"

// ValidationRule is the rule a validation error breaks.
type ValidationRule string

// The rules a validation error can name.
const (
	// RuleType: the value has the wrong JSON type (the body itself must be an object).
	RuleType ValidationRule = "type"
	// RuleRequired: a mandatory (M) field is missing.
	RuleRequired ValidationRule = "required"
	// RuleConditional: a conditional (C) field is missing where its condition holds
	// (for example, filled upon a successful transaction).
	RuleConditional ValidationRule = "conditional"
	// RuleMaxLength: a string is longer than the field's length, counted in Unicode
	// code points as JSON Schema counts.
	RuleMaxLength ValidationRule = "maxLength"
	// RuleAmount: an amount is not ASCII digits, a dot and exactly the field's
	// decimals, with at most precision − scale integer digits: no sign, exponent,
	// separator or space.
	RuleAmount ValidationRule = "amount"
	// RuleCurrency: a currency is not three capital letters (ISO 4217).
	RuleCurrency ValidationRule = "currency"
	// RuleDateTime: not YYYY-MM-DDTHH:mm:ss(.fraction)?(Z|±HH:mm) with a real date
	// and time (no leap second; offset at most ±23:59).
	RuleDateTime ValidationRule = "date-time"
	// RuleDate: not YYYY-MM-DD with a real date (month 1–12, the day within its month).
	RuleDate ValidationRule = "date"
	// RuleTime: not HH:mm:ss with hour ≤ 23, minute ≤ 59 and second ≤ 59 (no fraction,
	// no zone).
	RuleTime ValidationRule = "time"
	// RulePattern: a string does not match the field's pattern.
	RulePattern ValidationRule = "pattern"
	// RuleEnum: the value is not one of the field's allowed values.
	RuleEnum ValidationRule = "enum"
	// RuleResponseCode: the response code is not one of the endpoint's service codes.
	RuleResponseCode ValidationRule = "responseCode"
	// RuleAdditionalProperties: strict mode only, a property the field table does not
	// declare (never checked inside free objects, which have no field table).
	RuleAdditionalProperties ValidationRule = "additionalProperties"
)

// ValidationError is one problem found in a body.
type ValidationError struct {
	// Path is the JSON Pointer (RFC 6901) to the value; a missing property is
	// reported at its own pointer; "" is the body.
	Path string
	// Rule is the rule the value breaks.
	Rule ValidationRule
	// Message says what is wrong, in words (never the offending value itself: it may
	// be huge or secret).
	Message string
	// Field is the declared field as a dotted JSON key path; empty for the body
	// itself and for undeclared properties.
	Field string
}

// Error returns the path, the rule and the message.
func (e ValidationError) Error() string {
	return e.Path + ": " + e.Message + " (" + string(e.Rule) + ")"
}

// ValidateOptions are the validators' options; the zero value is the default.
type ValidateOptions struct {
	// Strict rejects properties the field tables do not declare (RuleAdditionalProperties),
	// in the body and in declared nested objects, never inside free objects. Off by
	// default: providers add fields, and a forward-compatible reader ignores them.
	Strict bool
}

// fail records one error.
func fail(errs []ValidationError, path string, rule ValidationRule, message, field string) []ValidationError {
	return append(errs, ValidationError{Path: path, Rule: rule, Message: message, Field: field})
}

// notAnObject is the verdict on a body that is not a JSON object.
func notAnObject(input any) []ValidationError {
	return []ValidationError{{Path: "", Rule: RuleType, Message: "the body must be a JSON object, got " + jsKind(input)}}
}

// notJSON is the verdict on bytes that are not JSON text.
func notJSON(err error) []ValidationError {
	return []ValidationError{{Path: "", Rule: RuleType, Message: "the body must be a JSON object, got text that is not JSON (" + err.Error() + ")"}}
}

// unknownKeys records, in strict mode, every property of o that known does not declare.
func unknownKeys(errs []ValidationError, o object, base string, known func(string) bool) []ValidationError {
	for _, key := range o.ownKeys() {
		if !known(key) {
			path := base + "/" + strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
			errs = append(errs, ValidationError{Path: path, Rule: RuleAdditionalProperties, Message: "unknown property " + jsQuote(key, 64, " (strict mode)")})
		}
	}
	return errs
}

// isNumber reports whether v is a finite JSON number.
func isNumber(v any) bool {
	f, ok := jsNumberOf(v)
	return ok && f-f == 0
}
