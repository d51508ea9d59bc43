package e2e

import (
	"fmt"
	"strings"
	"testing"
)

const componentType = "threatmanager:index:ThreatManager"

// children are the component's child resources in a stack export, after
// checking what every child must satisfy: parented to the component, named
// from it (a URN holds the parent's type, not its name).
func children(t *testing.T, res []State) []State {
	t.Helper()
	var component string
	for _, r := range res {
		if r.Type == componentType {
			if component != "" {
				t.Fatalf("two %s resources in the export", componentType)
			}
			component = r.URN
		}
	}
	if component == "" {
		t.Fatalf("no %s in the stack export", componentType)
	}
	var out []State
	for _, r := range res {
		if r.Parent != component {
			continue
		}
		if !strings.HasPrefix(nameOf(r.URN), nameOf(component)+"-") {
			t.Errorf("child %s: name does not start with the component's name", r.URN)
		}
		out = append(out, r)
	}
	return out
}

func countTypes(res []State) map[string]int {
	n := map[string]int{}
	for _, r := range res {
		n[r.Type]++
	}
	return n
}

// checkCounts checks the number of children of each type; -1 admits any
// number (of rule resources whose content is checked against the seed).
func checkCounts(t *testing.T, got map[string]int, want map[string]int) {
	t.Helper()
	for typ, n := range want {
		if n >= 0 && got[typ] != n {
			t.Errorf("stack export: %d %s, want %d", got[typ], typ, n)
		}
	}
	for typ := range got {
		if _, ok := want[typ]; !ok {
			t.Errorf("stack export: unexpected child type %s (%d)", typ, got[typ])
		}
	}
}

func num(v any) string {
	if f, ok := v.(float64); ok {
		return fmt.Sprint(int(f))
	}
	return fmt.Sprint(v)
}

// matrixAgents are the agent CIDRs of the matrix's stacks (runMatrix).
var matrixAgents = []string{"10.0.0.0/16", "10.1.0.0/16"}

// awsBaseline: the children the mock tests expect (two zones: subnet,
// route table, route, association each; the prefix list holding the
// agents; the appliance and agent groups), and rule resources that are
// exactly the seed's rows for us: the appliance group's, and the agent
// side's egress on the agents' ports to the appliance group (agentSideRows).
func awsBaseline(t *testing.T, s *stack, res []State) {
	kids := children(t, res)
	checkCounts(t, countTypes(kids), map[string]int{
		"aws:ec2/subnet:Subnet":                               2,
		"aws:ec2/routeTable:RouteTable":                       2,
		"aws:ec2/route:Route":                                 2,
		"aws:ec2/routeTableAssociation:RouteTableAssociation": 2,
		"aws:ec2/managedPrefixList:ManagedPrefixList":         1,
		"aws:ec2/securityGroup:SecurityGroup":                 2,
		awsIngressRule:                                        -1,
		awsEgressRule:                                         -1,
	})
	appliance, agentSide := awsRules(t, kids)
	sameRows(t, "the appliance group's rules", appliance, seedRows("us", matrixAgents...))
	sameRows(t, "the agent group's rules", agentSide, agentSideRows("tm-appliances"))
}

// azureBaseline: the subnet, its NSG, and security rules that are exactly
// the seed's rows for us and the deny-alls, each deny below every allow of
// its direction.
func azureBaseline(t *testing.T, s *stack, res []State) {
	kids := children(t, res)
	checkCounts(t, countTypes(kids), map[string]int{
		"azure-native:network:Subnet":               1,
		"azure-native:network:NetworkSecurityGroup": 1,
		azureRule: -1,
	})
	sameRows(t, "the NSG's security rules", azureRules(t, kids), append(seedRows("us", matrixAgents...), denyAllRows...))
	// Each direction ends in a deny-all of everything, below every allow.
	for _, dir := range []string{"Inbound", "Outbound"} {
		deny, lowestAllow := 0.0, 0.0
		for _, r := range kids {
			if r.Type != azureRule || r.Inputs["direction"] != dir {
				continue
			}
			priority, _ := r.Inputs["priority"].(float64)
			if r.Inputs["access"] == "Deny" {
				deny = priority
			} else {
				lowestAllow = max(lowestAllow, priority)
			}
		}
		if deny == 0 || lowestAllow >= deny {
			t.Errorf("%s: deny-all at %v, allows down to %v: want a deny-all below every allow", dir, deny, lowestAllow)
		}
	}
}

// gcpBaseline: the subnetwork, and firewall rules for the appliance tag
// that are exactly the seed's rows for us and the deny-alls, each deny at a
// lower precedence (higher number) than every allow of its direction.
func gcpBaseline(t *testing.T, s *stack, res []State) {
	kids := children(t, res)
	checkCounts(t, countTypes(kids), map[string]int{
		"gcp:compute/subnetwork:Subnetwork": 1,
		gcpFirewall:                         -1,
	})
	sameRows(t, "the firewall rules", gcpRules(t, kids), append(seedRows("us", matrixAgents...), denyAllRows...))
	tag, _ := s.outputs()["gcpTargetTag"].(string)
	for _, dir := range []string{"INGRESS", "EGRESS"} {
		deny, lowestAllow := 0.0, 0.0
		for _, r := range kids {
			if r.Type != gcpFirewall || r.Inputs["direction"] != dir {
				continue
			}
			if tags, _ := r.Inputs["targetTags"].([]any); tag == "" || len(tags) != 1 || tags[0] != tag {
				t.Errorf("%s targets %v, want the appliance tag %q", nameOf(r.URN), tags, tag)
			}
			priority, _ := r.Inputs["priority"].(float64)
			if denies, _ := r.Inputs["denies"].([]any); len(denies) > 0 {
				deny = priority
			} else {
				lowestAllow = max(lowestAllow, priority)
			}
		}
		if deny == 0 || lowestAllow >= deny {
			t.Errorf("%s: deny-all at %v, allows down to %v: want a deny-all below every allow", dir, deny, lowestAllow)
		}
	}
}
