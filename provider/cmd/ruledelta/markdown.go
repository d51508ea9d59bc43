package main

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// Markdown renders the delta: one section per cloud with changes.
func (d *Delta) Markdown() string {
	var b strings.Builder
	b.WriteString("## Rule changes\n\n")
	for _, e := range d.Errors {
		fmt.Fprintf(&b, "> **The preview failed**: %s\n\n", cell(e))
	}
	anyChange := false
	for _, c := range clouds.All {
		rows := slices.DeleteFunc(slices.Clone(d.Rows), func(r Row) bool { return r.Cloud != c.Title })
		lists := slices.DeleteFunc(slices.Clone(d.Lists), func(l ListChange) bool { return l.Cloud != c.Title })
		if len(rows) == 0 && len(lists) == 0 && d.TagsOnly[c.Title] == 0 {
			continue
		}
		anyChange = true
		fmt.Fprintf(&b, "### %s (%s)\n\n", c.Title, summary(rows))
		for _, l := range lists {
			fmt.Fprintf(&b, "Agent CIDRs (%s `%s`, %s): %s. Every rule whose peer is this list follows it.\n\n",
				l.Kind, l.Name, l.Change, listSummary(l))
		}
		if len(rows) > 0 {
			b.WriteString("| change | direction | protocol | ports | peer | description | resource |\n")
			b.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
			for _, r := range rows {
				b.WriteString(r.markdown())
			}
			b.WriteString("\n")
		}
		if n := d.TagsOnly[c.Title]; n > 0 {
			fmt.Fprintf(&b, "%d rule resource%s change%s only tags.\n\n", n, cloud.Plural(n, "s", ""), cloud.Plural(n, "", "s"))
		}
	}
	if !anyChange {
		b.WriteString("No rule changes.\n")
		if len(d.Expiries) > 0 {
			b.WriteString("\n")
		}
	}
	if len(d.Expiries) > 0 {
		b.WriteString("### SSH closed by the cloud\n\n")
		b.WriteString("| cloud | change | closes SSH at | how |\n")
		b.WriteString("| --- | --- | --- | --- |\n")
		for _, e := range d.Expiries {
			b.WriteString(e.markdown())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// summary counts the rows per change; "replaced" only when there are any,
// as most previews have none.
func summary(rows []Row) string {
	n := map[Change]int{}
	for _, r := range rows {
		n[r.Change]++
	}
	parts := []string{}
	for _, c := range changeOrder {
		if n[c] > 0 || c != Replaced {
			parts = append(parts, fmt.Sprintf("%d %s", n[c], c))
		}
	}
	return strings.Join(parts, ", ")
}

func listSummary(l ListChange) string {
	var parts []string
	if len(l.Added) > 0 {
		parts = append(parts, "added "+strings.Join(l.Added, ", "))
	}
	if len(l.Removed) > 0 {
		parts = append(parts, "removed "+strings.Join(l.Removed, ", "))
	}
	if len(parts) == 0 {
		return "no entries"
	}
	return strings.Join(parts, "; ")
}

// column is a cell of a line with an old and a new side: "old → new"
// when the value changed, once when it did not or one side is missing.
func column[T any](old, after *T, get func(*T) string) string {
	switch {
	case old == nil:
		return cell(get(after))
	case after == nil:
		return cell(get(old))
	case get(old) == get(after):
		return cell(get(after))
	}
	return cell(get(old)) + " → " + cell(get(after))
}

func (r Row) markdown() string { return r.line("`" + r.Resource + "`") }

// line is the row's line with the given last cell.
func (r Row) line(resource string) string {
	field := func(get func(*cloud.Rule) string) string { return column(r.Old, r.New, get) }
	change := string(r.Change)
	if r.Old != nil && r.New != nil {
		if other := otherChanges(r.Old.Other, r.New.Other); other != "" {
			change += " (" + cell(other) + ")"
		}
	}
	return "| " + strings.Join([]string{
		change,
		field(func(x *cloud.Rule) string { return x.Direction }),
		field(func(x *cloud.Rule) string { return x.Protocol }),
		field(func(x *cloud.Rule) string { return x.Ports }),
		field(func(x *cloud.Rule) string { return x.Peer }),
		field(func(x *cloud.Rule) string { return x.Description }),
		resource,
	}, " | ") + " |\n"
}

func (e ExpiryChange) markdown() string {
	field := func(get func(*cloud.Expiry) string) string { return column(e.Old, e.New, get) }
	change := string(e.Change)
	if e.Old != nil && e.New != nil && e.Old.At == e.New.At && e.Old.How == e.New.How {
		// Neither column shows the change: name the inputs that did.
		if other := otherChanges(e.Old.Inputs, e.New.Inputs); other != "" {
			change += " (" + cell(other) + ")"
		}
	}
	return "| " + strings.Join([]string{
		e.Cloud,
		change,
		field(func(x *cloud.Expiry) string { return cloud.OrNone(x.At) }),
		field(func(x *cloud.Expiry) string { return x.How }),
	}, " | ") + " |\n"
}

// otherChanges names the inputs outside the columns that changed, with
// old → new for plain values ("priority: 200 → 210; tags").
func otherChanges(old, after map[string]any) string {
	keys := map[string]any{}
	maps.Copy(keys, old)
	maps.Copy(keys, after)
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		o, n := old[k], after[k]
		if reflect.DeepEqual(o, n) {
			continue
		}
		if scalar(o) && scalar(n) {
			parts = append(parts, fmt.Sprintf("%s: %s → %s", k, cloud.OrNone(cloud.Text(o)), cloud.OrNone(cloud.Text(n))))
		} else {
			parts = append(parts, k)
		}
	}
	return strings.Join(parts, "; ")
}

// scalar: a value otherChanges can show as old → new.
func scalar(v any) bool {
	switch v.(type) {
	case nil, string, float64, bool:
		return true
	}
	return false
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "\r", " ")
	return strings.ReplaceAll(s, "\n", " ")
}
