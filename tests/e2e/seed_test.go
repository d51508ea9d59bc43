package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The seed: the networking requirements in
// provider/requirements/testdata/seed.md ("Rackspace PDR IDS Networking
// Requirements"), written out here once for the e2e package. It is stated
// on its own, not derived from the provider's code, so the tests hold what
// the engine deployed to the document and not to the component. A row reads
// "direction protocol ports peer", one row per peer; single addresses are
// /32s, as the clouds spell them.
var (
	// Standard US Alert Logic Datacenter: updates (TCP 443) and event
	// transport (TCP 4138) go to all three ranges, and they are the SSH
	// sources of the ingress table.
	usRanges = []string{"204.110.218.96/27", "204.110.219.96/27", "208.71.209.32/27"}
	// NTP (UDP 123): the seed lists only two of the three US ranges.
	usNTPRanges = []string{"204.110.219.96/27", "208.71.209.32/27"}
	// Standard EU Alert Logic Datacenter, only when the PDR team says so.
	euRanges = []string{"185.54.124.0/24"}
	// DNS, TCP/UDP 53, to both resolvers.
	dnsServers = []string{"8.8.4.4/32", "8.8.8.8/32"}
)

// seedRows are the seed's rows for a datacenter and the agents' CIDRs,
// without SSH: the ingress table's agent rows, and the egress table of
// that datacenter.
func seedRows(datacenter string, agents ...string) []string {
	var rows []string
	add := func(direction, protocol, ports string, peers ...string) {
		for _, p := range peers {
			rows = append(rows, strings.Join([]string{direction, protocol, ports, p}, " "))
		}
	}
	add("ingress", "tcp", "443", agents...)  // Agent updates
	add("ingress", "tcp", "7777", agents...) // Agent data transport
	add("egress", "all", "all", agents...)   // Active Scanning
	add("egress", "tcp", "53", dnsServers...)
	add("egress", "udp", "53", dnsServers...)
	add("egress", "tcp", "80", "0.0.0.0/0") // Appliance updates
	switch datacenter {
	case "us":
		add("egress", "tcp", "443", usRanges...)  // Updates
		add("egress", "tcp", "4138", usRanges...) // Event transport
		add("egress", "udp", "123", usNTPRanges...)
	case "eu":
		add("egress", "tcp", "443", euRanges...)
		add("egress", "tcp", "4138", euRanges...)
		add("egress", "udp", "123", euRanges...)
	default:
		panic("e2e: the seed has no datacenter " + datacenter)
	}
	return rows
}

// sshRows are the seed's optional, temporary SSH rows (TCP 22) from a
// datacenter's ranges.
func sshRows(datacenter string) []string {
	ranges := map[string][]string{"us": usRanges, "eu": euRanges}[datacenter]
	var rows []string
	for _, r := range ranges {
		rows = append(rows, "ingress tcp 22 "+r)
	}
	return rows
}

// denyAllRows are what Azure and GCP add below every allow, in both
// directions, so that the allows are all that passes (README: "What it
// builds on Azure/GCP"). Rows as above, with "deny" in front.
var denyAllRows = []string{"deny ingress all all 0.0.0.0/0", "deny egress all all 0.0.0.0/0"}

// without returns rows less the ones given (each must be there once).
func without(rows []string, drop ...string) []string {
	out := slices.Clone(rows)
	for _, d := range drop {
		i := slices.Index(out, d)
		if i < 0 {
			panic("e2e: no seed row " + d)
		}
		out = slices.Delete(out, i, i+1)
	}
	return out
}

// sameRows fails the test unless got and want hold the same rows, as many
// times each, listing what is missing and what is not in the seed.
func sameRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	if missing, extra := rowDiff(got, want); len(missing)+len(extra) > 0 {
		t.Errorf("%s differ from the seed:\n  missing:    %q\n  unexpected: %q", what, missing, extra)
	}
}

// rowDiff is what want has and got lacks, and what got has beyond want,
// counting repeats.
func rowDiff(got, want []string) (missing, extra []string) {
	left := slices.Clone(got)
	for _, w := range want {
		if i := slices.Index(left, w); i >= 0 {
			left = slices.Delete(left, i, i+1)
		} else {
			missing = append(missing, w)
		}
	}
	slices.Sort(missing)
	slices.Sort(left)
	return missing, left
}

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
		for access, key := range map[string]string{"": "allows", "deny ": "denies"} {
			matches, _ := in[key].([]any)
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
