package main

import (
	"encoding/json"
	"maps"
	"strconv"
	"strings"
)

// knownAfterApply is how the delta shows an unknown value.
const knownAfterApply = "(known after apply)"

// str is a value as a reviewer reads it; JSON for lists and objects.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if x == unknown {
			return knownAfterApply
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func scalar(v any) bool {
	switch v.(type) {
	case nil, string, float64, bool:
		return true
	}
	return false
}

// others is in without the keys the columns show. Never nil, so that nil
// and empty inputs compare equal.
func others(in map[string]any, shown ...string) map[string]any {
	out := map[string]any{}
	maps.Copy(out, in)
	for _, k := range shown {
		delete(out, k)
	}
	return out
}

// joinAny joins a single value and a list value, as "a, b".
func joinAny(single any, list any) string {
	var parts []string
	if single != nil {
		parts = append(parts, str(single))
	}
	if l, ok := list.([]any); ok {
		for _, v := range l {
			parts = append(parts, str(v))
		}
	} else if list != nil {
		parts = append(parts, str(list))
	}
	return strings.Join(parts, ", ")
}

// protocol folds each cloud's spelling of "any protocol" into "all".
func protocol(p string) string {
	switch strings.ToLower(p) {
	case "-1", "*", "all":
		return "all"
	case "":
		return ""
	}
	if p == unknown {
		return str(p)
	}
	return strings.ToLower(p)
}

// nested is the map under the given keys of in, nil where there is none
// (an unknown value, say).
func nested(in map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		in, _ = in[k].(map[string]any)
	}
	return in
}
