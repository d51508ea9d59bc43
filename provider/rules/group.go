package rules

import (
	"net/netip"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// DenyAll is the purpose of the deny-all rules that Azure and GCP add below
// every allow. Both clouds allow egress by default, so without the egress
// one the egress allows would restrict nothing; and both admit traffic from
// inside the network by default (Azure's AllowVnetInBound, GCP's common
// default-allow-internal), so without the ingress one the appliances would
// accept more than the seed lists. (AWS needs neither: a security group
// created without inline rules admits and sends nothing it does not list.)
const DenyAll requirements.Purpose = "deny-all"

// Access says whether a rule allows or denies its traffic.
type Access string

const (
	Allow Access = "allow"
	Deny  Access = "deny"
)

// Match is one protocol and port range that a grouped rule allows.
type Match struct {
	Protocol requirements.Protocol
	Ports    requirements.PortRange
}

// String renders "tcp:443", "udp:53" or "all", GCP's own spelling.
func (m Match) String() string {
	if m.Protocol == requirements.All {
		return "all"
	}
	return string(m.Protocol) + ":" + m.Ports.String()
}

// RuleGroup is one cloud rule that holds many peers: what Azure and GCP
// render, where one rule takes a list of address prefixes. Its peers are the
// known prefixes plus, when Agents is set, the agent CIDRs, which may only be
// known at deployment (AddressPrefixes joins them).
type RuleGroup struct {
	Direction requirements.Direction
	// Matches are the protocols and ports; Azure groups have exactly one,
	// a GCP firewall may hold several (DNS: tcp:53 and udp:53).
	Matches []Match
	Purpose requirements.Purpose
	// PeerSet is where the peers come from (the seed's peer column).
	PeerSet requirements.PeerSet
	Access  Access
	// Description is the requirement's, with the expiry on SSH rules.
	Description string
	// Prefixes are the known peers, in address order.
	Prefixes []netip.Prefix
	// Agents says the agent CIDRs are peers too.
	Agents bool
	// ExpiresAt is set on SSH rules.
	ExpiresAt *time.Time
}

// AddressPrefixes returns the group's peers as CIDR strings: the known
// prefixes in address order, then, when the group holds the agents, the
// agent CIDRs as given. Renderers call it inside an Apply, because the agent
// CIDRs may come from other resources; they arrive canonical and sorted from
// Plan.CanonicalAgentCIDRs, and no requirement mixes agents with fixed
// ranges, so nothing needs parsing or merging here.
func (g RuleGroup) AddressPrefixes(agentCIDRs []string) []string {
	out := prefixStrings(g.Prefixes)
	if g.Agents {
		out = append(out, agentCIDRs...)
	}
	return out
}

// GroupByRequirement folds the plan's per-peer rules into one group per
// direction, protocol, ports and purpose, in the order the requirements
// first appear (the seed's order).
func GroupByRequirement(rules []Rule) []RuleGroup {
	type requirement struct {
		direction requirements.Direction
		purpose   requirements.Purpose
		match     Match
		peers     requirements.PeerSet
	}
	var groups []RuleGroup
	index := map[requirement]int{}
	for _, r := range rules {
		key := requirement{r.Direction, r.Purpose, Match{Protocol: r.Protocol, Ports: r.Ports}, r.Peer.Set}
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, RuleGroup{
				Direction:   r.Direction,
				Matches:     []Match{{Protocol: r.Protocol, Ports: r.Ports}},
				Purpose:     r.Purpose,
				PeerSet:     r.Peer.Set,
				Access:      Allow,
				Description: r.Description,
				ExpiresAt:   r.ExpiresAt,
			})
		}
		addPeer(&groups[i], r.Peer)
	}
	for i := range groups {
		sortPrefixes(groups[i].Prefixes)
	}
	return groups
}

func addPeer(g *RuleGroup, peer Peer) {
	switch {
	case peer.Set == requirements.Agents:
		g.Agents = true
	case peer.IsSymbolic():
		// Only the agent-side rules name the appliance group, and those
		// are AWS's alone.
		panic("rules: peer set " + string(peer.Set) + " has no addresses for a grouped rule")
	default:
		g.Prefixes = append(g.Prefixes, peer.Prefix)
	}
}

// DenyAllGroup is the rule both Azure and GCP put below every allow of a
// direction.
func DenyAllGroup(dir requirements.Direction, description string) RuleGroup {
	return RuleGroup{
		Direction:   dir,
		Matches:     []Match{{Protocol: requirements.All, Ports: requirements.AllPorts}},
		Purpose:     DenyAll,
		PeerSet:     requirements.Internet,
		Access:      Deny,
		Description: description,
		Prefixes:    []netip.Prefix{internet},
	}
}
