package e2e

import (
	"fmt"
	"slices"
	"sort"
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
		if !strings.HasPrefix(nameOf(r.URN), "tm-") {
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

func checkCounts(t *testing.T, got map[string]int, want map[string]int) {
	t.Helper()
	for typ, n := range want {
		if got[typ] != n {
			t.Errorf("stack export: %d %s, want %d", got[typ], typ, n)
		}
	}
	for typ := range got {
		if _, ok := want[typ]; !ok {
			t.Errorf("stack export: unexpected child type %s (%d)", typ, got[typ])
		}
	}
}

// ruleRows is the stack output "rules".
type ruleRow struct {
	Direction, Protocol, Ports string
	Peers                      []string
}

func ruleRows(t *testing.T, s *stack) []ruleRow {
	t.Helper()
	raw, _ := s.outputs()["rules"].([]any)
	if len(raw) == 0 {
		t.Fatal("stack output rules is empty")
	}
	var rows []ruleRow
	for _, r := range raw {
		m := r.(map[string]any)
		row := ruleRow{Direction: m["direction"].(string), Protocol: m["protocol"].(string), Ports: m["ports"].(string)}
		for _, p := range m["peers"].([]any) {
			row.Peers = append(row.Peers, p.(string))
		}
		rows = append(rows, row)
	}
	return rows
}

func num(v any) string {
	if f, ok := v.(float64); ok {
		return fmt.Sprint(int(f))
	}
	return fmt.Sprint(v)
}

// awsBaseline: the children the mock tests expect (two zones: subnet,
// route table, route, association each; the prefix list; the appliance
// and agent groups; one rule resource per rule and peer, the agents as one
// prefix-list peer, plus the agent side's 443 and 7777), and the appliance
// group's rule resources are exactly the rule table's rows.
func awsBaseline(t *testing.T, s *stack, res []State) {
	kids := children(t, res)
	checkCounts(t, countTypes(kids), map[string]int{
		"aws:ec2/subnet:Subnet":                                     2,
		"aws:ec2/routeTable:RouteTable":                             2,
		"aws:ec2/route:Route":                                       2,
		"aws:ec2/routeTableAssociation:RouteTableAssociation":       2,
		"aws:ec2/managedPrefixList:ManagedPrefixList":               1,
		"aws:ec2/securityGroup:SecurityGroup":                       2,
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 2,
		"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":   16,
	})
	outs := s.outputs()
	appliances, _ := outs["awsApplianceSecurityGroupId"].(string)
	agents := []string{"10.0.0.0/16", "10.1.0.0/16"}

	var want []string
	for _, r := range ruleRows(t, s) {
		peers := slices.Clone(r.Peers)
		sort.Strings(peers)
		if slices.Equal(peers, agents) {
			peers = []string{"agents"}
		}
		for _, p := range peers {
			want = append(want, strings.Join([]string{r.Direction, r.Protocol, r.Ports, p}, " "))
		}
	}
	var got []string
	for _, r := range kids {
		dir := map[string]string{
			"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "ingress",
			"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":   "egress",
		}[r.Type]
		if dir == "" {
			continue
		}
		if d, _ := r.Inputs["description"].(string); d == "" {
			t.Errorf("%s has no description", nameOf(r.URN))
		}
		if r.Outputs["securityGroupId"] != appliances {
			continue // the agent side
		}
		proto, ports := r.Inputs["ipProtocol"].(string), "all"
		if proto == "-1" {
			proto = "all"
		} else if from, to := num(r.Inputs["fromPort"]), num(r.Inputs["toPort"]); from == to {
			ports = from
		} else {
			ports = from + "-" + to
		}
		peer, _ := r.Inputs["cidrIpv4"].(string)
		if r.Inputs["prefixListId"] != nil {
			peer = "agents"
		}
		got = append(got, strings.Join([]string{dir, proto, ports, peer}, " "))
	}
	sort.Strings(want)
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("appliance group's rule resources differ from the rules output:\n got %q\nwant %q", got, want)
	}
}

// azureBaseline: the subnet, its NSG, and one SecurityRule per name in the
// output azureSecurityRuleNames, which cover the rule table and a deny-all
// outbound below the allows.
func azureBaseline(t *testing.T, s *stack, res []State) {
	kids := children(t, res)
	n := countTypes(kids)
	names, _ := s.outputs()["azureSecurityRuleNames"].([]any)
	checkCounts(t, n, map[string]int{
		"azure-native:network:Subnet":               1,
		"azure-native:network:NetworkSecurityGroup": 1,
		"azure-native:network:SecurityRule":         len(names),
	})
	// Each direction ends in a deny-all of everything, below every allow.
	for _, dir := range []string{"Inbound", "Outbound"} {
		deny, lowestAllow := 0.0, 0.0
		for _, r := range kids {
			if r.Type != "azure-native:network:SecurityRule" || r.Inputs["direction"] != dir {
				continue
			}
			priority, _ := r.Inputs["priority"].(float64)
			if r.Inputs["access"] == "Deny" {
				if r.Inputs["protocol"] != "*" || r.Inputs["destinationPortRange"] != "*" {
					t.Errorf("%s deny %s is not deny-all: %v", dir, nameOf(r.URN), r.Inputs)
				}
				deny = priority
			} else {
				lowestAllow = max(lowestAllow, priority)
			}
		}
		if deny == 0 || lowestAllow >= deny {
			t.Errorf("%s: deny-all at %v, allows down to %v: want a deny-all below every allow", dir, deny, lowestAllow)
		}
	}
	if rows := ruleRows(t, s); n["azure-native:network:SecurityRule"] < len(rows) {
		t.Errorf("%d security rules for %d rule table rows", n["azure-native:network:SecurityRule"], len(rows))
	}
}

// gcpBaseline: the subnetwork and one Firewall per name in the output
// gcpFirewallNames, with a deny-all egress among them.
func gcpBaseline(t *testing.T, s *stack, res []State) {
	kids := children(t, res)
	n := countTypes(kids)
	names, _ := s.outputs()["gcpFirewallNames"].([]any)
	checkCounts(t, n, map[string]int{
		"gcp:compute/subnetwork:Subnetwork": 1,
		"gcp:compute/firewall:Firewall":     len(names),
	})
	// Each direction ends in a deny-all of everything for the appliance
	// tag, at a lower precedence (higher number) than every allow.
	tag, _ := s.outputs()["gcpTargetTag"].(string)
	for _, dir := range []string{"INGRESS", "EGRESS"} {
		deny, lowestAllow := 0.0, 0.0
		for _, r := range kids {
			if r.Type != "gcp:compute/firewall:Firewall" || r.Inputs["direction"] != dir {
				continue
			}
			if tags, _ := r.Inputs["targetTags"].([]any); len(tags) != 1 || tags[0] != tag {
				t.Errorf("%s targets %v, want the appliance tag %q", nameOf(r.URN), tags, tag)
			}
			priority, _ := r.Inputs["priority"].(float64)
			if denies, _ := r.Inputs["denies"].([]any); len(denies) > 0 {
				if d := denies[0].(map[string]any); len(denies) != 1 || d["protocol"] != "all" {
					t.Errorf("%s deny %s is not deny-all: %v", dir, nameOf(r.URN), denies)
				}
				deny = priority
			} else {
				lowestAllow = max(lowestAllow, priority)
			}
		}
		if deny == 0 || lowestAllow >= deny {
			t.Errorf("%s: deny-all at %v, allows down to %v: want a deny-all below every allow", dir, deny, lowestAllow)
		}
	}
	ruleRows(t, s)
}
