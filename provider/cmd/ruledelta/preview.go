package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
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
		t := types[r.typ()]
		switch {
		case t.agentList != nil:
			if lc, ok := listChange(change, *t.agentList, r.old, r.new); ok {
				lc.Cloud, lc.Name = t.owner.Title, resourceName(r.urn)
				d.Lists = append(d.Lists, lc)
			}
		case t.expiry != nil:
			d.Expiries = append(d.Expiries, expiryChangeOf(r, change, t, names))
		case t.rule != nil:
			row, ok := rowOf(r, change, t, names)
			switch {
			case !ok: // neither side decoded
			case change == Changed && row.Old != nil && row.New != nil && sameRule(row.Old, row.New, t.owner.Delta.TagInputs):
				// Tags or nothing a reviewer reads as the rule: not a line.
				d.TagsOnly[row.Cloud]++
			default:
				d.Rows = append(d.Rows, row)
			}
		}
	}
	slices.SortStableFunc(d.Rows, compareRows)
	slices.SortStableFunc(d.Expiries, compareExpiries)
	return d, nil
}

// rowOf is a rule resource's line; false when neither side decodes.
func rowOf(r *resource, change Change, t resourceType, names cloud.IDNames) (Row, bool) {
	row := Row{Cloud: t.owner.Title, Change: change, Resource: resourceName(r.urn)}
	if change != Added && r.old != nil {
		row.Old = t.rule(r.old.Inputs, names)
	}
	if change != Removed && r.new != nil {
		row.New = t.rule(r.new.Inputs, names)
	}
	return row, row.Old != nil || row.New != nil
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

// idNames maps the ids of the preview's named peers (security groups,
// prefix lists) to their names, so a peer reads as a name, not an id.
func idNames(steps []step) cloud.IDNames {
	names := cloud.IDNames{}
	for _, s := range steps {
		for _, st := range []*state{s.OldState, s.NewState} {
			if st == nil || !types[st.Type].namedPeer {
				continue
			}
			id := cmp.Or(st.ID, cloud.Text(st.Outputs["id"]))
			if id == "" || id == cloud.Unknown {
				continue
			}
			names[id] = cmp.Or(cloud.Text(st.Outputs["name"]), cloud.Text(st.Inputs["name"]), resourceName(s.URN))
		}
	}
	return names
}

// listChange is the entries a list of agent CIDRs gains and loses. An
// update that leaves the entries alone (tags, say) is not worth a line.
func listChange(change Change, list cloud.AgentList, oldState, newState *state) (ListChange, bool) {
	var before, after []string
	if oldState != nil && change != Added {
		before = list.Entries(oldState.Inputs)
	}
	if newState != nil && change != Removed {
		after = list.Entries(newState.Inputs)
	}
	lc := ListChange{Kind: list.Kind, Change: change, Added: minus(after, before), Removed: minus(before, after)}
	if change == Changed && len(lc.Added) == 0 && len(lc.Removed) == 0 {
		return lc, false
	}
	return lc, true
}

// minus is a without the elements of b, in a's order.
func minus(a, b []string) []string {
	return slices.DeleteFunc(slices.Clone(a), func(x string) bool { return slices.Contains(b, x) })
}
