package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// Markdown renders the drift check: the SSH alarm first, then one section
// per cloud that drifted, then what is not drift.
func (d *Drift) Markdown() string {
	var b strings.Builder
	b.WriteString("## Drift from the cloud\n\n")
	for _, e := range d.Errors {
		fmt.Fprintf(&b, "> **The preview failed**: %s\n\n", cell(e))
	}
	for _, o := range d.SSH {
		b.WriteString(o.markdown(d.Now))
	}
	for _, c := range clouds.All {
		rows := slices.DeleteFunc(slices.Clone(d.Rows), func(r Row) bool { return r.Cloud != c.Title })
		lists := slices.DeleteFunc(slices.Clone(d.Lists), func(l ListChange) bool { return l.Cloud != c.Title })
		if len(rows) == 0 && len(lists) == 0 {
			continue
		}
		fmt.Fprintf(&b, "### %s (%s)\n\n", c.Title, driftSummary(rows))
		for _, l := range lists {
			fmt.Fprintf(&b, "Agent CIDRs (%s `%s`, %s): %s. Every rule whose peer is this list follows it.\n\n",
				l.Kind, l.Name, l.Change, listSummary(l))
		}
		if len(rows) > 0 {
			b.WriteString("| drift | direction | protocol | ports | peer | description | resource |\n")
			b.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
			for _, r := range rows {
				resource := "`" + r.Resource + "`"
				if r.Change == AddedOutOfBand {
					resource = "not in the stack; on `" + r.Resource + "`"
				}
				b.WriteString(r.line(resource))
			}
			b.WriteString("\n")
			if slices.ContainsFunc(rows, func(r Row) bool { return r.Change == ChangedOutOfBand }) {
				b.WriteString("A rule changed out of band reads as deployed → as the cloud has it.\n\n")
			}
		}
	}
	if len(d.Expiries) > 0 {
		b.WriteString("### SSH closed by the cloud\n\n")
		b.WriteString("| cloud | drift | closes SSH at | how |\n")
		b.WriteString("| --- | --- | --- | --- |\n")
		for _, e := range d.Expiries {
			b.WriteString(e.markdown())
		}
		b.WriteString("\nWithout its scheduler, the cloud does not close SSH at its expiry: run `pulumi up` to put it back.\n\n")
	}
	if !d.Found() && len(d.Errors) == 0 {
		b.WriteString("No drift: the cloud holds the stack's rules as deployed, no other rule on its groups, and no SSH past its expiry.\n\n")
	}
	if len(d.Notes) > 0 {
		b.WriteString("Not drift:\n\n")
		for _, n := range d.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		b.WriteString("\n")
	}
	for _, c := range d.Unseen {
		fmt.Fprintf(&b, "Not seen by this check: rules added by hand on %s, which no resource of the stack lists.\n\n", c)
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// markdown is the alarm for one cloud's SSH open past its expiry.
func (o SSHOpen) markdown(now time.Time) string {
	how := "Nothing in the cloud was set to close them: `sshAccess.enforceInCloud` is false, or their schedulers are gone."
	if len(o.Closers) > 0 {
		how = "The cloud was to close them: " + cell(strings.Join(o.Closers, "; ")) + "."
	}
	return fmt.Sprintf("> **SSH still open after its expiry: the cloud did not close it.** %s: %d SSH rule%s expired at %s (%s ago) and %s still in the cloud. %s "+
		"Run `pulumi up` to close SSH now (it deletes SSH rules past their expiry), then find out why the cloud did not.\n\n",
		o.Cloud, o.Rules, cloud.Plural(o.Rules, "s", ""), o.ExpiredAt.Format(time.RFC3339), shortDuration(now.Sub(o.ExpiredAt)),
		cloud.Plural(o.Rules, "are", "is"), how)
}

// driftSummary counts a cloud's lines per drift, naming only those it has.
func driftSummary(rows []Row) string {
	n := map[Change]int{}
	for _, r := range rows {
		n[r.Change]++
	}
	var parts []string
	for _, c := range driftOrder {
		if n[c] == 0 {
			continue
		}
		if c == SSHPastExpiry {
			parts = append(parts, fmt.Sprintf("%d SSH rule%s open past %s expiry", n[c], cloud.Plural(n[c], "s", ""), cloud.Plural(n[c], "their", "its")))
			continue
		}
		parts = append(parts, fmt.Sprintf("%d %s", n[c], c))
	}
	return strings.Join(parts, ", ")
}
