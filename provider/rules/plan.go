package rules

import (
	"net/netip"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// Plan is everything the renderers need, validated.
type Plan struct {
	// Name is the component's name; every child name starts with it.
	Name       string
	Datacenter requirements.Datacenter
	// Rules are the appliance rules, one per requirement and peer, in the
	// seed's order and, within a requirement, in address order.
	Rules []Rule
	// AgentSideRules are for the group that monitored instances join.
	AgentSideRules []Rule
	// agentsSecret keeps agent CIDRs that resolve later out of messages.
	agentsSecret bool
	// AgentCIDRs are the agent networks, canonical and in address order,
	// when they were known at planning; otherwise the component gets them
	// from CanonicalAgentCIDRs as they resolve.
	AgentCIDRs []string
	SSH        SSHWindow
	// Warnings are for the deployment log (an expired SSH window).
	Warnings []string
	Tags     map[string]string

	// Clouds are the layouts of the clouds whose blocks were set, in the
	// order of Input.Clouds.
	Clouds []CloudPlan
}

// Rule is one line of policy for one peer.
type Rule struct {
	Direction   requirements.Direction
	Protocol    requirements.Protocol
	Ports       requirements.PortRange
	Peer        Peer
	Purpose     requirements.Purpose
	Description string
	// ExpiresAt is set on SSH rules.
	ExpiresAt *time.Time
}

// Key names the rule from its content, for resource names: reordering
// inputs never changes it. It uses only [a-z0-9-].
func (r Rule) Key() string {
	parts := []string{string(r.Direction), string(r.Purpose)}
	if r.Protocol != requirements.All {
		parts = append(parts, string(r.Protocol), r.Ports.String())
	}
	parts = append(parts, r.Peer.Key())
	return strings.Join(parts, "-")
}

// Peer is the far end of a rule: either one address prefix or a symbolic set
// that the renderer resolves (the agents' CIDRs, the appliance group).
type Peer struct {
	// Set is Agents or Appliances for symbolic peers; otherwise the set the
	// prefix came from.
	Set    requirements.PeerSet
	Prefix netip.Prefix
}

// IsSymbolic reports whether the peer is a set rather than one prefix.
func (p Peer) IsSymbolic() bool { return !p.Prefix.IsValid() }

// String is the prefix, or the set's name for symbolic peers.
func (p Peer) String() string {
	if p.IsSymbolic() {
		return string(p.Set)
	}
	return p.Prefix.String()
}

// Key is String with dots and slashes turned into dashes.
func (p Peer) Key() string {
	return strings.NewReplacer(".", "-", "/", "-", ":", "-").Replace(p.String())
}

// SSHWindow is the state of troubleshooting SSH at plan time.
type SSHWindow struct {
	Requested bool
	Open      bool
	ExpiresAt time.Time
	// ClosedByCloud says each cloud removes the SSH rules by itself at
	// ClosesAt, with a scheduler, whether or not anyone deploys.
	ClosedByCloud bool
	// ClosesAt is ExpiresAt rounded up to the whole minute, the finest
	// time every cloud's scheduler can fire at (GCP's cron has minutes).
	ClosesAt time.Time
}
