// Package bench holds the hand-written Go floors the generated modules are measured
// against (npm run bench, bench/go.mjs): what a careful person writes by hand for the
// same answers. Inputs and the modules' import paths come from inputs.go, which
// bench/go.mjs writes beside these files in a scratch module.
package bench

import (
	"strconv"
	"unicode/utf8"
)

// floorRow is one row of the IAK prepaid table, as a hand-written classifier keeps it.
type floorRow struct {
	Code, Name, Message string
	Outcome             uint8
}

// floorResult is what the hand-written classifier answers: the generated Result's fields.
type floorResult struct {
	Kind     uint8
	Code     string
	Outcome  uint8
	Category string
	Reason   string
	Row      *floorRow
}

const (
	kindMalformed, kindUnlisted, kindKnown = 0, 1, 2
	outcomePending                         = 2
)

var floorRows = func() map[string]*floorRow {
	m := make(map[string]*floorRow, len(iakRows))
	for i := range iakRows {
		m[iakRows[i].Code] = &iakRows[i]
	}
	return m
}()

// floorClassify is IAK prepaid's classifier by hand: a map lookup, the pattern
// ^[0-9]{2,3}$ as a byte loop, the source's rule for unlisted codes (pending), and
// the malformed reason with the value quoted.
func floorClassify(code string) floorResult {
	if r, ok := floorRows[code]; ok {
		return floorResult{Kind: kindKnown, Code: r.Code, Outcome: r.Outcome, Row: r}
	}
	if !twoOrThreeDigits(code) {
		return floorResult{Kind: kindMalformed, Outcome: outcomePending, Reason: strconv.Quote(code) + " does not match ^[0-9]{2,3}$"}
	}
	return floorResult{Kind: kindUnlisted, Code: code, Outcome: outcomePending, Reason: iakUnlistedReason}
}

func twoOrThreeDigits(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// vErr is one validation error, with the generated validators' fields.
type vErr struct{ Path, Rule, Message, Field string }

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case []any:
		return "array"
	}
	return "object"
}

// text checks an optional or mandatory string field with a maximum length in code points.
func text(errs []vErr, o map[string]any, key, pointer, field string, required bool, max int) ([]vErr, string, bool) {
	v, ok := o[key]
	if !ok {
		if required {
			errs = append(errs, vErr{pointer, "required", field + " is mandatory (M)", field})
		}
		return errs, "", false
	}
	s, ok := v.(string)
	if !ok {
		return append(errs, vErr{pointer, "type", field + " must be a string, got " + kind(v), field}), "", false
	}
	if n := utf8.RuneCountInString(s); n > max {
		errs = append(errs, vErr{pointer, "maxLength", field + " must be at most " + strconv.Itoa(max) + " characters, got " + strconv.Itoa(n), field})
	}
	return errs, s, true
}

func object(errs []vErr, o map[string]any, key, pointer string) ([]vErr, map[string]any, bool) {
	v, ok := o[key]
	if !ok {
		return errs, nil, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		return append(errs, vErr{pointer, "type", key + " must be an object, got " + kind(v), key}), nil, false
	}
	return errs, m, true
}

// money checks an amount object; its paths are constants so that a valid body allocates nothing.
type money struct{ key, pointer, value, valuePath, currency, currencyPath string }

var (
	amountField    = money{"amount", "/amount", "amount.value", "/amount/value", "amount.currency", "/amount/currency"}
	feeAmountField = money{"feeAmount", "/feeAmount", "feeAmount.value", "/feeAmount/value", "feeAmount.currency", "/feeAmount/currency"}
)

func (f *money) check(errs []vErr, o map[string]any) []vErr {
	errs, m, ok := object(errs, o, f.key, f.pointer)
	if !ok {
		return errs
	}
	errs, value, ok := text(errs, m, "value", f.valuePath, f.value, true, 1<<30)
	if ok && !amount16x2(value) {
		errs = append(errs, vErr{f.valuePath, "amount", f.value + " must be an amount (16,2): 1 to 14 digits, a dot and exactly 2 decimals, no separators, e.g. 10000.00", f.value})
	}
	errs, currency, ok := text(errs, m, "currency", f.currencyPath, f.currency, true, 3)
	if ok && !(len(currency) == 3 && upper(currency[0]) && upper(currency[1]) && upper(currency[2])) {
		errs = append(errs, vErr{f.currencyPath, "currency", f.currency + " must be three capital letters (ISO 4217)", f.currency})
	}
	return errs
}

func upper(c byte) bool { return c >= 'A' && c <= 'Z' }

func amount16x2(s string) bool {
	n := len(s)
	if n < 4 || n > 17 || s[n-3] != '.' {
		return false
	}
	for i := 0; i < n; i++ {
		if i != n-3 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// floorValidatePayment is the SNAP QR CPM payment request's validator by hand, over
// what encoding/json decodes: the same rules, messages and order as the generated one
// (not strict mode). The date-time check is the generated one's rule, by bytes.
func floorValidatePayment(input any) []vErr {
	o, ok := input.(map[string]any)
	if !ok {
		return []vErr{{"", "type", "the body must be a JSON object, got " + kind(input), ""}}
	}
	var errs []vErr
	errs, _, _ = text(errs, o, "partnerReferenceNo", "/partnerReferenceNo", "partnerReferenceNo", true, 64)
	errs, _, _ = text(errs, o, "qrContent", "/qrContent", "qrContent", true, 512)
	errs = amountField.check(errs, o)
	errs = feeAmountField.check(errs, o)
	errs, _, _ = text(errs, o, "merchantId", "/merchantId", "merchantId", true, 64)
	errs, _, _ = text(errs, o, "subMerchantId", "/subMerchantId", "subMerchantId", false, 32)
	errs, _, _ = text(errs, o, "title", "/title", "title", false, 256)
	errs, expiry, ok := text(errs, o, "expiryTime", "/expiryTime", "expiryTime", true, 25)
	if ok && !dateTime(expiry) {
		errs = append(errs, vErr{"/expiryTime", "date-time", "expiryTime must be an ISO-8601 date-time YYYY-MM-DDTHH:mm:ss, optional fraction, then Z or ±HH:mm (a real calendar date; hour 00–23, minute and second 00–59, no leap second)", "expiryTime"})
	}
	errs, _, _ = object(errs, o, "items", "/items")
	errs, _, _ = text(errs, o, "externalStoreId", "/externalStoreId", "externalStoreId", false, 64)
	errs, _, _ = text(errs, o, "merchantName", "/merchantName", "merchantName", false, 64)
	errs, _, _ = text(errs, o, "merchantLocation", "/merchantLocation", "merchantLocation", false, 64)
	errs, _, _ = text(errs, o, "acquirerName", "/acquirerName", "acquirerName", false, 64)
	errs, _, _ = text(errs, o, "terminalId", "/terminalId", "terminalId", false, 32)
	errs, scanner, ok := object(errs, o, "scannerInfo", "/scannerInfo")
	if ok {
		errs, _, _ = text(errs, scanner, "deviceId", "/scannerInfo/deviceId", "scannerInfo.deviceId", false, 64)
		errs, _, _ = text(errs, scanner, "deviceVersion", "/scannerInfo/deviceVersion", "scannerInfo.deviceVersion", false, 128)
		errs, _, _ = text(errs, scanner, "deviceModel", "/scannerInfo/deviceModel", "scannerInfo.deviceModel", false, 128)
		errs, _, _ = text(errs, scanner, "deviceIp", "/scannerInfo/deviceIp", "scannerInfo.deviceIp", false, 64)
	}
	errs, _, _ = object(errs, o, "additionalInfo", "/additionalInfo")
	return errs
}

func digit(s string, i int) int {
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		return int(s[i] - '0')
	}
	return -10000
}

func dateTime(s string) bool {
	n := len(s)
	if n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return false
	}
	year := digit(s, 0)*1000 + digit(s, 1)*100 + digit(s, 2)*10 + digit(s, 3)
	month, day := digit(s, 5)*10+digit(s, 6), digit(s, 8)*10+digit(s, 9)
	hour, minute, second := digit(s, 11)*10+digit(s, 12), digit(s, 14)*10+digit(s, 15), digit(s, 17)*10+digit(s, 18)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 {
		return false
	}
	i := 19
	if s[i] == '.' {
		for i++; i < n && s[i] >= '0' && s[i] <= '9'; i++ {
		}
		if i == 20 || i == n {
			return false
		}
	}
	switch s[i] {
	case 'Z':
		if i+1 != n {
			return false
		}
	case '+', '-':
		if i+6 != n || s[i+3] != ':' || digit(s, i+1)*10+digit(s, i+2) > 23 || digit(s, i+1)*10+digit(s, i+2) < 0 || digit(s, i+4)*10+digit(s, i+5) > 59 || digit(s, i+4)*10+digit(s, i+5) < 0 {
			return false
		}
	default:
		return false
	}
	if day <= 28 {
		return true
	}
	if month == 2 {
		return day == 29 && year%4 == 0 && (year%100 != 0 || year%400 == 0)
	}
	return day <= 30 || month == 1 || month == 3 || month == 5 || month == 7 || month == 8 || month == 10 || month == 12
}
