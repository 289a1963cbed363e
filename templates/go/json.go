package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strconv"
)

// object is a JSON object: its values by key and, when decoded from JSON text
// here, its keys in JavaScript's property order (array indices first, in numeric
// order, then the others as they first appear), so errors about its keys come in
// the order the TypeScript package reports them. A map from encoding/json has no
// order of its own: its keys sort.
type object struct {
	values map[string]any
	keys   []string
}

// maxDepth bounds the nesting decodeJSON follows, as encoding/json bounds its own.
const maxDepth = 10000

// decodeJSON decodes JSON text as encoding/json does into an any; a number beyond
// float64's range is read again as json.Number (1e400 is a number, as JSON.parse
// reads it, not an error). Objects are maps, whose key order is lost. Where the order matters (strict mode reports unknown
// keys in JavaScript's property order) decodeOrdered keeps it.
func decodeJSON(data []byte) (any, error) {
	var v any
	err := json.Unmarshal(data, &v)
	if _, outOfRange := err.(*json.UnmarshalTypeError); !outOfRange {
		// The common case, at Unmarshal's speed: valid text whose numbers fit a float64, or not JSON at all.
		return v, err
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v = nil
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("more after the JSON value")
	}
	return v, nil
}

// decodeOrdered decodes JSON text token by token: objects as object, with their keys
// in JavaScript's property order; arrays as []any; numbers as float64 (±Inf beyond
// its range, as JSON.parse reads them); strings, booleans, nil.
func decodeOrdered(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v, err := decodeValue(d, 0)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("more after the JSON value")
	}
	return v, nil
}

func decodeValue(d *json.Decoder, depth int) (any, error) {
	if depth > maxDepth {
		return nil, errors.New("nested too deeply")
	}
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case json.Delim:
		if t == '{' {
			return decodeObject(d, depth)
		}
		if t == '[' {
			return decodeArray(d, depth)
		}
		return nil, errors.New("unexpected " + t.String())
	case json.Number:
		f, _ := jsNumberOf(t)
		return f, nil
	}
	return t, nil
}

func decodeObject(d *json.Decoder, depth int) (any, error) {
	o := object{values: map[string]any{}, keys: []string{}}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		v, err := decodeValue(d, depth+1)
		if err != nil {
			return nil, err
		}
		if _, seen := o.values[key]; !seen {
			o.keys = append(o.keys, key)
		}
		o.values[key] = v
	}
	if _, err := d.Token(); err != nil {
		return nil, err
	}
	sortKeys(o.keys)
	return o, nil
}

func decodeArray(d *json.Decoder, depth int) (any, error) {
	a := []any{}
	for d.More() {
		v, err := decodeValue(d, depth+1)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
	if _, err := d.Token(); err != nil {
		return nil, err
	}
	return a, nil
}

// asObject reads v as an object: decoded here, or a map from encoding/json.
func asObject(v any) (object, bool) {
	switch o := v.(type) {
	case object:
		return o, true
	case map[string]any:
		return object{values: o}, true
	}
	return object{}, false
}

// ownKeys are the object's keys in property order (sorted for a map decoded elsewhere).
func (o object) ownKeys() []string {
	if o.keys != nil {
		return o.keys
	}
	keys := make([]string, 0, len(o.values))
	for k := range o.values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sortKeys(keys)
	return keys
}

// sortKeys moves array indices ("0" to "4294967294") first, in numeric order, keeping the others' order.
func sortKeys(keys []string) {
	sort.SliceStable(keys, func(i, j int) bool {
		a, aIndex := arrayIndex(keys[i])
		b, bIndex := arrayIndex(keys[j])
		if aIndex && bIndex {
			return a < b
		}
		return aIndex && !bIndex
	})
}

// arrayIndex reads a key JavaScript orders as an array index: a canonical decimal below 2^32 - 1.
func arrayIndex(key string) (uint64, bool) {
	if key == "" || len(key) > 10 || (key[0] == '0' && len(key) > 1) {
		return 0, false
	}
	for i := 0; i < len(key); i++ {
		if key[i] < '0' || key[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(key, 10, 64)
	return n, err == nil && n < 1<<32-1
}
