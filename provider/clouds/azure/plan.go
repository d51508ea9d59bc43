package azure

import (
	"strconv"

	"cmp"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// Azure's priority scheme. Priorities are explicit and stable: each
// requirement owns a slot, so switching a rule off leaves its slot empty,
// and adding an agent CIDR or opening SSH renumbers nothing.
//
//	allows  FirstPriority (100 unless azure.firstPriority moves it) upward,
//	        ten apart, one slot per requirement of requirements.Table in
//	        that direction (SSH aside), in the table's order. Today:
//	          inbound  100 agent-updates tcp/443, 110 agent-transport tcp/7777
//	          outbound 100 active-scanning, 110 dns tcp/53, 120 dns udp/53,
//	                   130 appliance-updates tcp/80, 140 updates tcp/443,
//	                   150 event-transport tcp/4138, 160 ntp udp/123
//	        New requirements are appended to the table, so they take new
//	        slots at the end.
//	SSH     the reserved band 4000-4095, ten apart: inbound 4000 ssh tcp/22.
//	deny    4096, Azure's last priority: deny all outbound, and deny all
//	        inbound unless denyOtherInbound is off. Azure allows outbound to
//	        the internet and inbound from the whole virtual network by
//	        default, so without them the allows would restrict little.
//
// Priorities below FirstPriority and the gaps between slots stay free for
// the user's own rules on the network security group.
const (
	FirstPriority   = 100
	PriorityStep    = 10
	SSHBandFirst    = 4000
	SSHBandLast     = 4095
	DenyAllPriority = 4096
)

// Azure limits that shape the plan.
const (
	// azureMaxName is the length limit of subnet, network security group
	// and security rule names.
	azureMaxName = 80
	// azureMaxPrefixes is the limit of address prefixes in one network
	// security group, counted over all its rules: "Specified IP addresses
	// and ranges specified for source or destination in a security group"
	// in Azure's networking limits (Azure subscription and service limits).
	azureMaxPrefixes = 4000
	// MaxDescription is the length limit of a security rule's
	// description.
	MaxDescription = 140
)

// Suffixes of the names derived from the name prefix.
const (
	azureSubnetSuffix    = "-appliances"
	azureNSGSuffix       = "-appliances-nsg"
	azureSSHExpirySuffix = "-ssh-expiry"
)

// azureNamePattern is Azure's rule for these names: letters, digits, '.',
// '_' and '-', starting with a letter or digit and ending with a letter,
// digit or '_'.
var azureNamePattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9_])?$`)

// Plan is the validated Azure layout.
type Plan struct {
	NamePrefix string
	// SubnetName and NetworkSecurityGroupName are the Azure names.
	SubnetName               string
	NetworkSecurityGroupName string
	SubnetAddressPrefix      netip.Prefix
	// FirstPriority is where the allow slots start.
	FirstPriority int
	// SecurityRules are inbound rules then outbound rules, each by priority.
	SecurityRules []SecurityRule
	// SSHExpiry is how Azure closes SSH by itself; nil unless it does.
	SSHExpiry *SSHExpiry
}

// SSHExpiry is a Logic App workflow that deletes the SSH security rule
// at the window's end, with an identity allowed only that.
type SSHExpiry struct {
	WorkflowName string
	// RuleName is the SSH security rule's name, the one rule it deletes.
	RuleName string
}

// SecurityRule is one NSG security rule: one requirement with all its
// peers as address prefixes.
type SecurityRule struct {
	// RuleGroup holds exactly one Match.
	rules.RuleGroup
	// Name is unique in the network security group and comes from the
	// rule's content ("egress-dns-udp-53"), never from a position.
	Name     string
	Priority int
}

// Match is the rule's one protocol and port range.
func (r SecurityRule) Match() rules.Match { return r.Matches[0] }

// CheckAgentCount checks the network security group's quota of address
// prefixes, which depends on how many agent CIDRs there are.
func (p *Plan) CheckAgentCount(pr *rules.Problems, agents int) {
	total := 0
	for _, r := range p.SecurityRules {
		total += len(r.Prefixes)
		if r.Agents {
			total += agents
		}
	}
	if total > azureMaxPrefixes {
		pr.Add("agentCidrs", "%d agent CIDRs make %d address prefixes in the network security group, over Azure's limit of %d per network security group (Azure's networking limits: \"Specified IP addresses and ranges specified for source or destination in a security group\"); summarise them into fewer, wider CIDRs",
			agents, total, azureMaxPrefixes)
	}
}

// Plan validates the Azure block and lays out its security rules and
// priorities.
func (in *Input) Plan(p *rules.Problems, layout rules.Layout) rules.CloudPlan {
	name, ssh, denyInbound := layout.Name, layout.SSH, layout.DenyOtherInbound
	plan := &Plan{}
	plan.NamePrefix = rules.OptionalString(p, "azure.namePrefix", in.NamePrefix, name, "the component's name")
	checkAzureNamePrefix(p, plan.NamePrefix, in.NamePrefix == nil)
	plan.SubnetName = plan.NamePrefix + azureSubnetSuffix
	plan.NetworkSecurityGroupName = plan.NamePrefix + azureNSGSuffix

	rules.CheckRequired(p, "azure.resourceGroupName", in.ResourceGroupName)
	rules.CheckRequired(p, "azure.virtualNetworkName", in.VirtualNetworkName)
	rules.CheckOptionalPresence(p, "azure.location", in.Location, "the resource group's location")
	plan.SubnetAddressPrefix = rules.CheckSubnetPrefix(p, "azure.subnetAddressPrefix", "Azure", in.SubnetAddressPrefix)

	plan.FirstPriority = FirstPriority
	if in.FirstPriority != nil {
		plan.FirstPriority = *in.FirstPriority
		if plan.FirstPriority < FirstPriority {
			p.Add("azure.firstPriority", "%d is below Azure's first priority %d; leave it unset for %d", plan.FirstPriority, FirstPriority, FirstPriority)
			return plan
		}
	}
	slots, ok := azureSlots(p, plan.FirstPriority)
	if !ok {
		return plan
	}

	for _, g := range rules.GroupByRequirement(layout.Rules) {
		plan.SecurityRules = append(plan.SecurityRules, SecurityRule{
			RuleGroup: g,
			Name:      azureRuleName(g),
			Priority:  slots[slotKey{g.Direction, g.Purpose, g.Matches[0]}],
		})
	}
	denies := []rules.RuleGroup{rules.DenyAllGroup(requirements.Egress, "Deny all other outbound traffic (Azure allows outbound to the internet by default)")}
	if denyInbound {
		denies = append(denies, rules.DenyAllGroup(requirements.Ingress, "Deny all other inbound traffic (Azure allows inbound from the whole virtual network by default)"))
	}
	for _, deny := range denies {
		plan.SecurityRules = append(plan.SecurityRules, SecurityRule{
			RuleGroup: deny,
			Name:      azureRuleName(deny),
			Priority:  DenyAllPriority,
		})
	}
	sortAzureRules(plan.SecurityRules)

	if ssh.ClosedByCloud {
		for _, r := range plan.SecurityRules {
			if r.Purpose == requirements.SSH {
				plan.SSHExpiry = &SSHExpiry{WorkflowName: plan.NamePrefix + azureSSHExpirySuffix, RuleName: r.Name}
			}
		}
	}
	return plan
}

// checkAzureNamePrefix validates the prefix that starts every Azure name
// (the component's name when no prefix is given).
func checkAzureNamePrefix(p *rules.Problems, prefix string, isDefault bool) {
	const field = "azure.namePrefix"
	what := strconv.Quote(prefix)
	if isDefault {
		what = fmt.Sprintf("the component's name %q (the default)", prefix)
	}
	// The NSG's suffix is the longest; a Logic App workflow's name has the
	// same 80-character limit.
	longest := azureMaxName - len(azureNSGSuffix)
	switch {
	case prefix == "":
		// The missing component name is reported on its own.
	case len(prefix) > longest:
		p.Add(field, "%s is %d characters; at most %d leave room for %q within Azure's %d-character names",
			what, len(prefix), longest, azureNSGSuffix, azureMaxName)
	case !azureNamePattern.MatchString(prefix):
		p.Add(field, "%s is not a valid Azure name start: use letters, digits, '.', '_' and '-', beginning with a letter or digit and ending with a letter, digit or '_'", what)
	}
}

// slotKey identifies a requirement, for its priority slot.
type slotKey struct {
	direction requirements.Direction
	purpose   requirements.Purpose
	match     rules.Match
}

// azureSlots gives every requirement of requirements.Table its priority:
// the allows from first upward, SSH in its band. A band that cannot hold
// its slots is an error on azure.firstPriority.
func azureSlots(p *rules.Problems, first int) (map[slotKey]int, bool) {
	slots := map[slotKey]int{}
	next := map[requirements.Direction]int{requirements.Ingress: first, requirements.Egress: first}
	nextSSH := map[requirements.Direction]int{requirements.Ingress: SSHBandFirst, requirements.Egress: SSHBandFirst}
	counts := map[requirements.Direction]int{}
	for _, req := range requirements.Table {
		key := slotKey{req.Direction, req.Purpose, rules.Match{Protocol: req.Protocol, Ports: req.Ports}}
		if req.Purpose == requirements.SSH {
			if nextSSH[req.Direction] > SSHBandLast {
				// The table itself outgrew the band: a bug, not an input.
				panic(fmt.Sprintf("rules: Azure's SSH band %d-%d is full", SSHBandFirst, SSHBandLast))
			}
			slots[key] = nextSSH[req.Direction]
			nextSSH[req.Direction] += PriorityStep
			continue
		}
		slots[key] = next[req.Direction]
		next[req.Direction] += PriorityStep
		counts[req.Direction]++
	}
	ok := true
	for _, dir := range []requirements.Direction{requirements.Ingress, requirements.Egress} {
		last := next[dir] - PriorityStep
		if last >= SSHBandFirst {
			highest := SSHBandFirst - 1 - PriorityStep*(counts[dir]-1)
			p.Add("azure.firstPriority", "priority band exhausted: the %d %s allow slots from %d, %d apart, would end at %d, past the allow band's end at %d (the SSH band starts at %d); use at most %d",
				counts[dir], azureDirection(dir), first, PriorityStep, last, SSHBandFirst-1, SSHBandFirst, highest)
			ok = false
		}
	}
	return slots, ok
}

func azureDirection(dir requirements.Direction) string {
	if dir == requirements.Ingress {
		return "inbound"
	}
	return "outbound"
}

// azureRuleName is the rule's content: direction, purpose, and the
// protocol and ports unless it covers everything.
func azureRuleName(g rules.RuleGroup) string {
	parts := []string{string(g.Direction), string(g.Purpose)}
	if m := g.Matches[0]; m.Protocol != requirements.All {
		parts = append(parts, string(m.Protocol), m.Ports.String())
	}
	return strings.Join(parts, "-")
}

func sortAzureRules(rules []SecurityRule) {
	rank := map[requirements.Direction]int{requirements.Ingress: 0, requirements.Egress: 1}
	slices.SortStableFunc(rules, func(a, b SecurityRule) int {
		if c := cmp.Compare(rank[a.Direction], rank[b.Direction]); c != 0 {
			return c
		}
		return cmp.Compare(a.Priority, b.Priority)
	})
}

// Input is the Azure block. The resource group, location and virtual
// network may be Outputs, so they are only marked present or absent.
type Input struct {
	ResourceGroupName   rules.Presence
	Location            rules.Presence
	VirtualNetworkName  rules.Presence
	SubnetAddressPrefix string
	// NamePrefix starts every name; nil means the component's name.
	NamePrefix *string
	// FirstPriority is the priority of the first allow rule in each
	// direction; nil means FirstPriority.
	FirstPriority *int
}
