package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The preview's JSON, as far as the delta needs it.
type preview struct {
	Steps       []step       `json:"steps"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

type step struct {
	Op       string `json:"op"`
	URN      string `json:"urn"`
	OldState *state `json:"oldState"`
	NewState *state `json:"newState"`
}

type state struct {
	Type    string         `json:"type"`
	ID      string         `json:"id"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
}

type diagnostic struct {
	Message  string `json:"message"`
	Severity string `json:"severity"`
}

// unknown is how the engine's JSON spells a value known only after apply.
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

// resource is one URN's steps folded together: a replacement shows as up
// to three steps (create-replacement, replace, delete-replaced).
type resource struct {
	urn      string
	ops      map[string]bool
	old, new *state
}

// typ is the resource's type; a deleted resource has only its old state.
func (r *resource) typ() string {
	if r.new != nil {
		return r.new.Type
	}
	if r.old != nil {
		return r.old.Type
	}
	return ""
}

// fold groups the steps by URN, in the order the preview first names them.
func fold(steps []step) []*resource {
	var order []*resource
	byURN := map[string]*resource{}
	for _, s := range steps {
		r := byURN[s.URN]
		if r == nil {
			r = &resource{urn: s.URN, ops: map[string]bool{}}
			byURN[s.URN] = r
			order = append(order, r)
		}
		r.ops[s.Op] = true
		// The first old state is the one being replaced; the last new
		// state is the replacement.
		if s.OldState != nil && r.old == nil {
			r.old = s.OldState
		}
		if s.NewState != nil {
			r.new = s.NewState
		}
	}
	return order
}

// Parse reads `pulumi preview --json`.
func Parse(data []byte) (*Delta, error) {
	var p preview
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("reading the preview (want the output of `pulumi preview --json`): %w", err)
	}
	d := &Delta{TagsOnly: map[string]int{}}
	for _, diag := range p.Diagnostics {
		if diag.Severity == "error" {
			d.Errors = append(d.Errors, strings.TrimSpace(diag.Message))
		}
	}
	names := idNames(p.Steps)

	for _, r := range fold(p.Steps) {
		change, ok := classify(r.ops)
		if !ok {
			continue
		}
		typ := r.typ()
		if typ == "aws:ec2/managedPrefixList:ManagedPrefixList" {
			if lc, ok := listChange(change, r.old, r.new); ok {
				lc.Name = resourceName(r.urn)
				d.Lists = append(d.Lists, lc)
			}
			continue
		}
		if decode, ok := expiryTypes[typ]; ok {
			d.Expiries = append(d.Expiries, expiryChangeOf(r, change, decode, names))
			continue
		}
		row := Row{Cloud: cloudOf(typ), Change: change, Resource: resourceName(r.urn)}
		var ok1, ok2 bool
		if change != Added && r.old != nil {
			row.Old, ok1 = ruleOf(typ, r.old.Inputs, names)
		}
		if change != Removed && r.new != nil {
			row.New, ok2 = ruleOf(typ, r.new.Inputs, names)
		}
		if !ok1 && !ok2 {
			continue // not a rule resource
		}
		if change == Changed && row.Old != nil && row.New != nil && row.Old.sameRule(row.New) {
			// Tags or nothing a reviewer reads as the rule: not a line.
			d.TagsOnly[row.Cloud]++
			continue
		}
		d.Rows = append(d.Rows, row)
	}
	slices.SortStableFunc(d.Rows, compareRows)
	slices.SortStableFunc(d.Expiries, compareExpiries)
	return d, nil
}

func classify(ops map[string]bool) (Change, bool) {
	switch {
	case ops["replace"] || ops["create-replacement"] || ops["delete-replaced"]:
		return Replaced, true
	case ops["create"]:
		return Added, true
	case ops["delete"]:
		return Removed, true
	case ops["update"]:
		return Changed, true
	}
	return "", false
}

func resourceName(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}
