package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// The deployed rules, read back from a stack export (the component's
// children), as rows in the seed's spelling.

const (
	awsIngressRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	awsEgressRule  = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	azureRule      = "azure-native:network:SecurityRule"
	gcpFirewall    = "gcp:compute/firewall:Firewall"
)

// awsRules are the rows of the appliance security group's rule resources,
// and the agent side's (whose peer is "group NAME", the security group they
// reach). A prefix-list peer is read as the list's entries.
func awsRules(t *testing.T, kids []State) (appliance, agentSide []string) {
	t.Helper()
	groups := map[string]string{}  // id -> resource name
	lists := map[string][]string{} // id -> entries
	for _, r := range kids {
		switch r.Type {
		case "aws:ec2/securityGroup:SecurityGroup":
			groups[r.ID] = nameOf(r.URN)
		case "aws:ec2/managedPrefixList:ManagedPrefixList":
			entries, _ := r.Inputs["entries"].([]any)
			for _, e := range entries {
				cidr, _ := e.(map[string]any)["cidr"].(string)
				lists[r.ID] = append(lists[r.ID], cidr)
			}
		}
	}
	for _, r := range kids {
		dir := map[string]string{awsIngressRule: "ingress", awsEgressRule: "egress"}[r.Type]
		if dir == "" {
			continue
		}
		if d, _ := r.Inputs["description"].(string); d == "" {
			t.Errorf("%s has no description", nameOf(r.URN))
		}
		proto, ports := r.Inputs["ipProtocol"].(string), "all"
		if proto == "-1" {
			proto = "all"
		} else if from, to := num(r.Inputs["fromPort"]), num(r.Inputs["toPort"]); from == to {
			ports = from
		} else {
			ports = from + "-" + to
		}
		var peers []string
		switch {
		case r.Inputs["prefixListId"] != nil:
			id, _ := r.Inputs["prefixListId"].(string)
			if peers = lists[id]; len(peers) == 0 {
				t.Errorf("%s: prefix list %q is not a child with entries", nameOf(r.URN), id)
			}
		case r.Inputs["referencedSecurityGroupId"] != nil:
			id, _ := r.Inputs["referencedSecurityGroupId"].(string)
			peers = []string{"group " + groups[id]}
		default:
			cidr, _ := r.Inputs["cidrIpv4"].(string)
			peers = []string{cidr}
		}
		group, _ := r.Inputs["securityGroupId"].(string)
		for _, p := range peers {
			row := strings.Join([]string{dir, proto, ports, p}, " ")
			if strings.HasSuffix(groups[group], "-appliances") {
				appliance = append(appliance, row)
			} else {
				agentSide = append(agentSide, row)
			}
		}
	}
	return appliance, agentSide
}

// azureRules are the rows of the network security rules: Inbound is
// ingress from the source prefixes, Outbound egress to the destination
// prefixes; the appliance side must be "*" (the NSG guards only them).
func azureRules(t *testing.T, kids []State) []string {
	t.Helper()
	var rows []string
	for _, r := range kids {
		if r.Type != azureRule {
			continue
		}
		in := r.Inputs
		if d, _ := in["description"].(string); d == "" {
			t.Errorf("%s has no description", nameOf(r.URN))
		}
		dir, peerSide, applianceSide := "ingress", "source", "destination"
		if in["direction"] == "Outbound" {
			dir, peerSide, applianceSide = "egress", "destination", "source"
		}
		if in[applianceSide+"AddressPrefix"] != "*" || in["sourcePortRange"] != "*" {
			t.Errorf("%s: the appliance side is %v port %v, want * and *", nameOf(r.URN), in[applianceSide+"AddressPrefix"], in["sourcePortRange"])
		}
		proto := strings.ToLower(fmt.Sprint(in["protocol"]))
		ports := fmt.Sprint(in["destinationPortRange"])
		if proto == "*" {
			proto = "all"
		}
		if ports == "*" {
			ports = "all"
		}
		prefix := ""
		if in["access"] == "Deny" {
			prefix = "deny "
		}
		for _, p := range strs(in[peerSide+"AddressPrefixes"], in[peerSide+"AddressPrefix"]) {
			rows = append(rows, prefix+strings.Join([]string{dir, proto, ports, p}, " "))
		}
	}
	return rows
}

// gcpRules are the rows of the firewall rules: each allow (or deny) and
// port, to each destination range (egress) or from each source range
// (ingress). A rule without ports covers all of them.
func gcpRules(t *testing.T, kids []State) []string {
	t.Helper()
	var rows []string
	for _, r := range kids {
		if r.Type != gcpFirewall {
			continue
		}
		in := r.Inputs
		if d, _ := in["description"].(string); d == "" {
			t.Errorf("%s has no description", nameOf(r.URN))
		}
		dir, ranges := "ingress", strs(in["sourceRanges"])
		if in["direction"] == "EGRESS" {
			dir, ranges = "egress", strs(in["destinationRanges"])
		}
		// Each row starts with its access: nothing for an allow, "deny " (with its space) for a deny.
		for _, a := range []struct{ access, key string }{{"", "allows"}, {"deny ", "denies"}} {
			access := a.access
			matches, _ := in[a.key].([]any)
			for _, m := range matches {
				m := m.(map[string]any)
				proto, _ := m["protocol"].(string)
				ports := strs(m["ports"])
				if len(ports) == 0 {
					ports = []string{"all"}
				}
				for _, port := range ports {
					for _, peer := range ranges {
						rows = append(rows, access+strings.Join([]string{dir, proto, port, peer}, " "))
					}
				}
			}
		}
	}
	return rows
}

// strs is the strings in the first of vs that holds any: a list or one
// string.
func strs(vs ...any) []string {
	for _, v := range vs {
		switch v := v.(type) {
		case string:
			return []string{v}
		case []any:
			var out []string
			for _, s := range v {
				out = append(out, fmt.Sprint(s))
			}
			if len(out) > 0 {
				return out
			}
		}
	}
	return nil
}
