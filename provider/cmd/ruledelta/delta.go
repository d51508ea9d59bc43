package main

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Change is what happened to one rule resource.
type Change string

const (
	Added    Change = "added"
	Removed  Change = "removed"
	Changed  Change = "changed"
	Replaced Change = "replaced"
)

// changeOrder is the order of the table's lines and of the summary's counts.
var changeOrder = []Change{Added, Removed, Changed, Replaced}

// Rule is one rule resource as a reviewer reads it.
type Rule struct {
	Direction   string // "ingress" or "egress", with ", deny" for a deny rule
	Protocol    string // "tcp", "udp", "all", or several joined
	Ports       string // "443", "1000-2000", "all"
	Peer        string // the far side: CIDRs, a prefix list, a security group
	Description string
	// Other holds the inputs not shown in a column (priority, tags, the
	// group), so a change to them is still reported.
	Other map[string]any
}

// Row is one line of the table.
type Row struct {
	Cloud    string
	Change   Change
	Resource string // the resource's name (the last part of its URN)
	Old, New *Rule  // Old is nil when added, New when removed
}

// ListChange is a change of the AWS prefix list that holds the agent CIDRs.
type ListChange struct {
	Name           string
	Change         Change
	Added, Removed []string
}

// Delta is the rule changes of one preview.
type Delta struct {
	Rows   []Row
	Lists  []ListChange
	Errors []string
	// TagsOnly counts, per cloud, the rule resources whose only change is
	// their tags: said in one sentence, not one line each.
	TagsOnly map[string]int
	// Expiries are the changes of the schedulers that close SSH in each
	// cloud at its expiry.
	Expiries []ExpiryChange
}

// sameRule: the columns and the other inputs are equal, tags aside.
func (r *Rule) sameRule(o *Rule) bool {
	a, b := *r, *o
	a.Other = others(r.Other, "tags", "tagsAll")
	b.Other = others(o.Other, "tags", "tagsAll")
	return reflect.DeepEqual(a, b)
}

type cloud struct{ prefix, title string }

// clouds is the order the Markdown lists the clouds in.
var clouds = []cloud{
	{"aws:", "AWS"},
	{"azure-native:", "Azure"},
	{"gcp:", "GCP"},
}

func cloudOf(typ string) string {
	for _, c := range clouds {
		if strings.HasPrefix(typ, c.prefix) {
			return c.title
		}
	}
	return typ
}

// cloudIndex is a cloud's place in clouds; -1 for one it does not know.
func cloudIndex(title string) int {
	return slices.IndexFunc(clouds, func(c cloud) bool { return c.title == title })
}

// ruleOf decodes a rule resource's inputs; false for any other type.
func ruleOf(typ string, in map[string]any, names map[string]string) (*Rule, bool) {
	switch typ {
	case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
		return awsRule("ingress", in, names), true
	case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
		return awsRule("egress", in, names), true
	case "azure-native:network:SecurityRule":
		return azureRule(in), true
	case "gcp:compute/firewall:Firewall":
		return gcpRule(in), true
	}
	return nil, false
}

// compareRows orders a table by change, then by what the rule is, so the
// output does not depend on the order of the preview's steps.
func compareRows(a, b Row) int {
	ra, rb := cmp.Or(a.New, a.Old), cmp.Or(b.New, b.Old)
	return cmp.Or(
		cmp.Compare(slices.Index(changeOrder, a.Change), slices.Index(changeOrder, b.Change)),
		cmp.Compare(ra.Direction, rb.Direction),
		cmp.Compare(ra.Protocol, rb.Protocol),
		cmp.Compare(padPorts(ra.Ports), padPorts(rb.Ports)),
		cmp.Compare(ra.Peer, rb.Peer),
		cmp.Compare(a.Resource, b.Resource),
	)
}

// padPorts sorts "22" before "443" before "7777".
func padPorts(p string) string {
	first, _, _ := strings.Cut(p, "-")
	if n, err := strconv.Atoi(first); err == nil {
		return fmt.Sprintf("%05d%s", n, p)
	}
	return p
}
