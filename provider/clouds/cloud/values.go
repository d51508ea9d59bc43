package cloud

import (
	"encoding/json"
	"maps"
	"strconv"
	"strings"
)

// Unknown is how the engine's JSON spells a value known only after apply.
const Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

// KnownAfterApply is how the rule delta shows an Unknown value.
const KnownAfterApply = "(known after apply)"

// Text is a value as a reviewer reads it; JSON for lists and objects.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if x == Unknown {
			return KnownAfterApply
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

// Others is in without the keys the columns show. Never nil, so that nil
// and empty inputs compare equal.
func Others(in map[string]any, shown ...string) map[string]any {
	out := maps.Clone(in)
	if out == nil {
		out = map[string]any{}
	}
	for _, k := range shown {
		delete(out, k)
	}
	return out
}

// JoinValues joins a single value and a list value, as "a, b": clouds
// take one address or port, or several, in two inputs.
func JoinValues(single any, list any) string {
	var parts []string
	if single != nil {
		parts = append(parts, Text(single))
	}
	if l, ok := list.([]any); ok {
		for _, v := range l {
			parts = append(parts, Text(v))
		}
	} else if list != nil {
		parts = append(parts, Text(list))
	}
	return strings.Join(parts, ", ")
}

// Protocol folds each cloud's spelling of "any protocol" into "all".
func Protocol(p string) string {
	switch strings.ToLower(p) {
	case "-1", "*", "all":
		return "all"
	case "":
		return ""
	}
	if p == Unknown {
		return Text(p)
	}
	return strings.ToLower(p)
}

// PortRange is "from-to", or one port when they are the same.
func PortRange(from, to string) string {
	if from == to || to == "" {
		return from
	}
	return from + "-" + to
}

// Nested is the map under the given keys of in, nil where there is none
// (an unknown value, say).
func Nested(in map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		in, _ = in[k].(map[string]any)
	}
	return in
}

// OrNone shows an empty value as "(none)".
func OrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// Code quotes a name for Markdown; an unknown name is not code.
func Code(s string) string {
	if s == KnownAfterApply || s == "" {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}

// Plural is many unless n is 1.
func Plural(n int, many, one string) string {
	if n == 1 {
		return one
	}
	return many
}
