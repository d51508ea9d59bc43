package render

import "strings"

// ChildName builds a child's resource name from the component's name and
// content-derived parts, never list positions, so that reordering an input
// changes nothing in a preview.
func ChildName(component string, parts ...string) string {
	return strings.Join(append([]string{component}, parts...), "-")
}

// MergeTags returns the user's tags plus extra; extra wins on a clash
// (a Name tag is the component's to set).
func MergeTags(user map[string]string, extra map[string]string) map[string]string {
	out := make(map[string]string, len(user)+len(extra))
	for k, v := range user {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}
