package rendertest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"pgregory.net/rapid"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// What each cloud's rendering property test (TestRenderingInvariants in
// its renderer's package) shares: drawing an accepted plan that has the
// cloud's layout, the checks every cloud's rendering keeps, and the
// comparison of rendered rows with rulestest.Expected's. Nothing here
// names a cloud: each cloud's test says which of its resources are rules
// and how to read them.

// The parent RunUnderComponent registers, as the component registers
// itself.
const (
	ComponentType = "threatmanager:index:ThreatManager"
	ComponentName = "tm"
)

// Drawn is one accepted plan with a layout of type T, and what the second
// oracle expects of it.
type Drawn[T rules.CloudPlan] struct {
	At     time.Time
	Input  rules.Input
	Plan   rules.Plan
	Layout T
	// Want is rulestest.Expected(Input, At).
	Want rulestest.Want
}

// ClosedByCloud is whether the cloud must close SSH, and then at Want.SSH.ClosesAt.
func (d Drawn[T]) ClosedByCloud() bool { return d.Want.SSH.Open && d.Want.SSH.ClosedByCloud }

// DrawAccepted draws a clock around rulestest.Now and inputs from
// rulestest.Input until rules.Build accepts one whose plan has a layout of
// type T (the input may hold other clouds' blocks too, as a hybrid input
// does). It fails rt after 100 inputs without one, and unless the plan
// holds rulestest.CheckPlan.
func DrawAccepted[T rules.CloudPlan](rt *rapid.T) Drawn[T] {
	at := rulestest.Clock(rulestest.Now).Draw(rt, "now")
	gen := rulestest.Input(at)
	for range 100 {
		in := gen.Draw(rt, "input")
		plan, err := rules.Build(ComponentName, in, at)
		if err != nil {
			continue
		}
		layout, ok := rules.CloudPlanOf[T](plan)
		if !ok {
			continue
		}
		if v := rulestest.CheckPlan(in, plan, at); len(v) > 0 {
			rt.Fatalf("the plan breaks invariants:\n  %s", strings.Join(v, "\n  "))
		}
		return Drawn[T]{At: at, Input: in, Plan: plan, Layout: layout, Want: rulestest.Expected(in, at)}
	}
	var zero T
	rt.Fatalf("none of 100 generated inputs was accepted with a %T layout", zero)
	return Drawn[T]{}
}

// RuleResources tells Violations which of a cloud's resources are rules.
type RuleResources struct {
	// Types are the type tokens of the cloud's rule resources: each must
	// carry a description.
	Types []string
	// IngressAllowSources is the sources of r when r allows ingress, and
	// nil for any other resource.
	IngressAllowSources func(r Resource) []string
}

// Violations are the checks every cloud's rendering keeps: child names
// unique per type and starting with the component's name, a description
// on every rule resource, and no rule that allows ingress from 0.0.0.0/0
// (or "*").
func Violations(rec *Recorder, rr RuleResources) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range rec.Resources() {
		if r.Type == ComponentType {
			continue // the parent RunUnderComponent registers
		}
		key := r.Type + " " + r.Name
		if seen[key] {
			out = append(out, "two children named "+key)
		}
		seen[key] = true
		if !strings.HasPrefix(r.Name, ComponentName+"-") {
			out = append(out, key+" does not start with the component's name")
		}
		if slices.Contains(rr.Types, r.Type) && r.Str("description") == "" {
			out = append(out, key+" has no description")
		}
		if rr.IngressAllowSources != nil && admitsInternet(rr.IngressAllowSources(r)) {
			out = append(out, key+" admits 0.0.0.0/0")
		}
	}
	return out
}

func admitsInternet(sources []string) bool {
	return slices.Contains(sources, "0.0.0.0/0") || slices.Contains(sources, "*")
}

// ExpectedRows are want's appliance rows without the purpose, which no
// cloud's rule carries as a field: "direction protocol ports peer". With
// agents, the agents' row becomes one row per agent CIDR (where the cloud
// lists them in the rule); with nil, it stays "agents" (where the rule
// references a list).
func ExpectedRows(want rulestest.Want, agents []string) []string {
	var out []string
	for _, row := range want.Rules {
		f := strings.Fields(row)
		if f[3] == "agents" && agents != nil {
			for _, a := range agents {
				out = append(out, strings.Join([]string{f[0], f[1], f[2], a}, " "))
			}
			continue
		}
		out = append(out, strings.Join(f[:4], " "))
	}
	return out
}

// CompareRows compares rows as multisets: a message for each row want has
// more times than got (what lacks) and each got has more times than want
// (what is extra), in row order, naming what.
func CompareRows(what string, want, got []string) []string {
	count := map[string]int{}
	for _, r := range want {
		count[r]++
	}
	for _, r := range got {
		count[r]--
	}
	var out []string
	for _, r := range slices.Sorted(maps.Keys(count)) {
		if n := count[r]; n > 0 {
			out = append(out, fmt.Sprintf("%s lacks the rule %q (%d time(s))", what, r, n))
		} else if n < 0 {
			out = append(out, fmt.Sprintf("%s renders the extra rule %q (%d time(s))", what, r, -n))
		}
	}
	return out
}

// Strings is a list input's elements as strings, nil when absent.
func (r Resource) Strings(key string) []string {
	v := r.Inputs[resource.PropertyKey(key)]
	if !v.IsArray() {
		return nil
	}
	var out []string
	for _, e := range v.ArrayValue() {
		out = append(out, fmt.Sprint(e.V))
	}
	return out
}
