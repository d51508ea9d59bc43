package main

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
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

// Row is one line of the table.
type Row struct {
	Cloud    string
	Change   Change
	Resource string      // the resource's name (the last part of its URN)
	Old, New *cloud.Rule // Old is nil when added, New when removed
}

// ListChange is a change of a list of agent CIDRs (a prefix list, say),
// which every agent rule follows.
type ListChange struct {
	Cloud          string
	Kind           string // how the cloud names the list ("prefix list")
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

// sameRule: the columns and the other inputs are equal, the cloud's tag
// inputs aside.
func sameRule(old, after *cloud.Rule, tagInputs []string) bool {
	a, b := *old, *after
	a.Other = cloud.Others(old.Other, tagInputs...)
	b.Other = cloud.Others(after.Other, tagInputs...)
	return reflect.DeepEqual(a, b)
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
