package e2e

import (
	"fmt"
	"strings"
)

// Preview is what the tests read from `pulumi preview --json`.
type Preview struct {
	raw   []byte
	delta string
	Steps []struct {
		Op       string `json:"op"`
		URN      string `json:"urn"`
		OldState *State `json:"oldState"`
		NewState *State `json:"newState"`
	} `json:"steps"`
	ChangeSummary map[string]int `json:"changeSummary"`
	Diagnostics   []struct {
		Message  string `json:"message"`
		Severity string `json:"severity"`
	} `json:"diagnostics"`
}

// State is a resource's state in a preview or an export.
type State struct {
	URN     string         `json:"urn"`
	Type    string         `json:"type"`
	Custom  bool           `json:"custom"`
	ID      string         `json:"id"`
	Parent  string         `json:"parent"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
}

// Ops counts a preview's operations per resource, a replacement once
// however many steps it takes; the stack itself is left out.
type Ops struct{ Create, Update, Delete, Replace, Same int }

func (o Ops) String() string {
	return fmt.Sprintf("create %d, update %d, delete %d, replace %d", o.Create, o.Update, o.Delete, o.Replace)
}

// count adds one operation of opsByURN's.
func (o *Ops) count(op string) {
	switch op {
	case "create":
		o.Create++
	case "update":
		o.Update++
	case "delete":
		o.Delete++
	case "replace":
		o.Replace++
	}
}

// opsByURN is each changed resource's operation: create, update, delete, replace.
func (p *Preview) opsByURN() map[string]string {
	ops := map[string]string{}
	for _, st := range p.Steps {
		if strings.Contains(st.URN, "::pulumi:pulumi:Stack::") {
			continue
		}
		switch st.Op {
		case "create", "update", "delete":
			if ops[st.URN] != "replace" {
				ops[st.URN] = st.Op
			}
		case "replace", "create-replacement", "delete-replaced":
			ops[st.URN] = "replace"
		}
	}
	return ops
}

func (p *Preview) Ops() Ops {
	var o Ops
	for _, op := range p.opsByURN() {
		o.count(op)
	}
	o.Same = p.ChangeSummary["same"]
	return o
}

// typeOf is the resource type in a URN.
func typeOf(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return ""
	}
	t := parts[len(parts)-2]
	if i := strings.LastIndex(t, "$"); i >= 0 {
		t = t[i+1:]
	}
	return t
}

func nameOf(urn string) string {
	return urn[strings.LastIndex(urn, "::")+2:]
}
