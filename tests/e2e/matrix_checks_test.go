package e2e

import (
	"fmt"
	"slices"
	"strings"
)

func want(got, exp Ops) error {
	exp.Same = got.Same
	if got != exp {
		return fmt.Errorf("got %v, want %v", got, exp)
	}
	return nil
}

// only fails unless the preview has some operations, all of the kinds given.
func only(o Ops, kinds ...string) error {
	n := map[string]int{"create": o.Create, "update": o.Update, "delete": o.Delete, "replace": o.Replace}
	total := 0
	for k, v := range n {
		if v > 0 && !slices.Contains(kinds, k) {
			return fmt.Errorf("%v: want %s only", o, strings.Join(kinds, "/"))
		}
		total += v
	}
	if total == 0 {
		return fmt.Errorf("no changes: want %s", strings.Join(kinds, "/"))
	}
	return nil
}

func updatesOnly(o Ops) error { return only(o, "update") }

// exactlySSH checks that the delta lists the SSH rules and nothing else:
// every line is an `change` TCP 22 rule, and there is one line per rule
// resource the preview creates or deletes.
func exactlySSH(change string) func(string, *Preview, []DeltaRow) error {
	return func(_ string, p *Preview, rows []DeltaRow) error {
		if len(rows) == 0 {
			return fmt.Errorf("delta lists no rules")
		}
		for _, r := range rows {
			if r.Change != change || r.Protocol != "tcp" || r.Ports != "22" || !strings.HasPrefix(r.Direction, "ingress") {
				return fmt.Errorf("delta lists a rule other than an %s SSH rule: %+v", change, r)
			}
		}
		resources := 0
		for urn := range p.opsByURN() {
			switch typeOf(urn) {
			case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
				"azure-native:network:SecurityRule", "gcp:compute/firewall:Firewall":
				resources++
			}
		}
		if resources != len(rows) {
			return fmt.Errorf("delta lists %d rules, the preview changes %d rule resources", len(rows), resources)
		}
		return nil
	}
}

// hasOp tells whether a preview's operations (opsByURN) do op to the
// resource named name.
func hasOp(ops map[string]string, name, op string) bool {
	for urn, o := range ops {
		if nameOf(urn) == name && o == op {
			return true
		}
	}
	return false
}

// ruleType is each cloud's rule resource type (the matrix's rules are all
// egress ones on AWS when only the datacenter changes).
var ruleType = map[string]string{"aws": awsEgressRule, "azure": azureRule, "gcp": gcpFirewall}

// datacenterMove is the rule delta of moving from the US to the EU
// datacenter, from the seed's two egress tables, as "change direction
// protocol ports peer": on AWS, one rule per range, so the US ranges' rules
// are removed and the EU range's added; on Azure and GCP, one rule per
// requirement holding all its ranges, so each rule's peers change.
func datacenterMove(cloud string) []string {
	// Without agents, the tables differ only in the datacenter's rows.
	added, removed := rowDiff(seedRows("us"), seedRows("eu"))
	if cloud == "aws" {
		var rows []string
		for _, r := range added {
			rows = append(rows, "added "+r)
		}
		for _, r := range removed {
			rows = append(rows, "removed "+r)
		}
		return rows
	}
	// "direction protocol ports" -> its peers before and after.
	before, after := map[string][]string{}, map[string][]string{}
	var keys []string
	for _, side := range []struct {
		rows []string
		to   map[string][]string
	}{{removed, before}, {added, after}} {
		for _, r := range side.rows {
			i := strings.LastIndex(r, " ")
			key := r[:i]
			if !slices.Contains(keys, key) {
				keys = append(keys, key)
			}
			side.to[key] = append(side.to[key], r[i+1:])
		}
	}
	var rows []string
	for _, k := range keys {
		slices.Sort(before[k])
		slices.Sort(after[k])
		rows = append(rows, "changed "+k+" "+strings.Join(before[k], ", ")+" → "+strings.Join(after[k], ", "))
	}
	return rows
}
