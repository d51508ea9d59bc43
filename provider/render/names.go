package render

import "strings"

// ChildName builds a child's resource name from the component's name and
// content-derived parts, never list positions, so that reordering an input
// changes nothing in a preview.
func ChildName(component string, parts ...string) string {
	return strings.Join(append([]string{component}, parts...), "-")
}
