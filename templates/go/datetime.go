package runtime

// isDateTime reports whether s is an ISO-8601 date-time YYYY-MM-DDTHH:mm:ss, an
// optional fraction of any length, then Z or ±HH:mm (upper-case T and Z, colon in
// the offset), with month 01–12, the day within its month (Feb 29 only in leap
// years), hour ≤ 23, minute ≤ 59, second ≤ 59 (no leap second) and an offset of
// at most ±23:59: the strings that match the JSON Schema's pattern and pass
// ajv-formats' "date-time". Checked byte by byte; every string it accepts is ASCII.
func isDateTime(s string) bool {
	n := len(s)
	if n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return false
	}
	year := digitAt(s, 0)*1000 + digitAt(s, 1)*100 + digitAt(s, 2)*10 + digitAt(s, 3)
	month := digitAt(s, 5)*10 + digitAt(s, 6)
	day := digitAt(s, 8)*10 + digitAt(s, 9)
	hour := digitAt(s, 11)*10 + digitAt(s, 12)
	minute := digitAt(s, 14)*10 + digitAt(s, 15)
	second := digitAt(s, 17)*10 + digitAt(s, 18)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 {
		return false
	}
	i := 19
	if s[i] == '.' {
		i++
		start := i
		for i < n && digitAt(s, i) >= 0 {
			i++
		}
		if i == start || i == n {
			return false
		}
	}
	switch s[i] {
	case 'Z':
		if i+1 != n {
			return false
		}
	case '+', '-':
		if i+6 != n || s[i+3] != ':' {
			return false
		}
		zh := digitAt(s, i+1)*10 + digitAt(s, i+2)
		zm := digitAt(s, i+4)*10 + digitAt(s, i+5)
		if zh < 0 || zh > 23 || zm < 0 || zm > 59 {
			return false
		}
	default:
		return false
	}
	return dayInMonth(year, month, day)
}

// isDate reports whether s is a date YYYY-MM-DD with month 01–12 and the day within
// its month (Feb 29 only in leap years): the strings that match the JSON Schema's
// pattern and pass ajv-formats' "date". Checked byte by byte.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	year := digitAt(s, 0)*1000 + digitAt(s, 1)*100 + digitAt(s, 2)*10 + digitAt(s, 3)
	month := digitAt(s, 5)*10 + digitAt(s, 6)
	day := digitAt(s, 8)*10 + digitAt(s, 9)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	return dayInMonth(year, month, day)
}

// isTime reports whether s is a time of day HH:mm:ss with hour ≤ 23, minute ≤ 59
// and second ≤ 59, with no fraction and no zone. Checked byte by byte.
func isTime(s string) bool {
	if len(s) != 8 || s[2] != ':' || s[5] != ':' {
		return false
	}
	hour := digitAt(s, 0)*10 + digitAt(s, 1)
	minute := digitAt(s, 3)*10 + digitAt(s, 4)
	second := digitAt(s, 6)*10 + digitAt(s, 7)
	return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59
}

// dayInMonth reports whether day (1–31) is a day of month (1–12) in year: Feb 29 only in
// leap years, the 31st only in the months that have one.
func dayInMonth(year, month, day int) bool {
	if day <= 28 {
		return true
	}
	if month == 2 {
		return day == 29 && year%4 == 0 && (year%100 != 0 || year%400 == 0)
	}
	return day <= 30 || month == 1 || month == 3 || month == 5 || month == 7 || month == 8 || month == 10 || month == 12
}

// digitAt is the digit at i, or -10000 where there is none: enough to make any
// weighted sum of four digits negative, so one range check also rejects non-digits.
func digitAt(s string, i int) int {
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		return int(s[i] - '0')
	}
	return -10000
}

// isCurrency reports whether s is three capital letters (ISO 4217).
func isCurrency(s string) bool {
	return len(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z'
}
