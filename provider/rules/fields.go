package rules

import (
	"fmt"
	"sort"
	"strings"
)

func fieldIndex(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }

func quote(s string) string { return fmt.Sprintf("%q", s) }

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
