package rules

import (
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// AWS limits that shape the plan.
const (
	// DefaultAgentCIDRsMaxEntries leaves room for growth while keeping the
	// three rules that reference the list inside the rule quota.
	DefaultAgentCIDRsMaxEntries = 20
	// maxPrefixListEntries is AWS's ceiling for a managed prefix list.
	maxPrefixListEntries = 1000
	// rulesPerSecurityGroup is AWS's default quota, inbound and outbound
	// counted apart.
	rulesPerSecurityGroup = 60
	// maxNamePrefix leaves room for the suffix AWS adds to a name prefix.
	maxNamePrefix = 100
	// awsMaxExpiryNamePrefix is the length limit of the name prefix of an
	// IAM role and of an EventBridge Scheduler schedule: AWS appends 26
	// characters to reach their 64. Prefixes, not names, because role names
	// are unique in the whole account, and stacks in other regions or VPCs
	// may use the same component name.
	awsMaxExpiryNamePrefix = 38
)

var (
	availabilityZonePattern = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]+)+$`)
	awsNamePattern          = regexp.MustCompile(`^[a-zA-Z0-9 ._\-:/()#,@\[\]+=&;{}!$*]+$`)
	// notInExpiryName is what a schedule name ([0-9a-zA-Z-_.]) or an IAM
	// role name ([\w+=,.@-]) may not hold, of what a name prefix may.
	notInExpiryName = regexp.MustCompile(`[^0-9a-zA-Z._-]`)
)

func planAWS(p *problems, name string, in *AWSInput, rules []Rule, ssh SSHWindow) *AWSPlan {
	plan := &AWSPlan{NamePrefix: in.NamePrefix, AgentCIDRsMaxEntries: in.AgentCIDRsMaxEntries}
	if plan.NamePrefix == "" {
		plan.NamePrefix = name
	}
	switch {
	case len(plan.NamePrefix) > maxNamePrefix:
		p.add("aws.namePrefix", "%q is %d characters; AWS allows at most %d", plan.NamePrefix, len(plan.NamePrefix), maxNamePrefix)
	case !awsNamePattern.MatchString(plan.NamePrefix):
		p.add("aws.namePrefix", "%q has characters AWS does not allow in a security group name", plan.NamePrefix)
	}

	if !in.HasVpcID {
		p.add("aws.vpcId", "is required")
	}
	plan.Subnets = checkAWSSubnets(p, in)

	switch max := plan.AgentCIDRsMaxEntries; {
	case max == 0:
		plan.AgentCIDRsMaxEntries = DefaultAgentCIDRsMaxEntries
	case max < 1 || max > maxPrefixListEntries:
		p.add("aws.agentCidrsMaxEntries", "%d is outside 1-%d", max, maxPrefixListEntries)
	}
	checkAWSQuota(p, plan.AgentCIDRsMaxEntries, rules)
	if ssh.ClosedByCloud {
		plan.SSHExpiryNamePrefix = shortName(awsMaxExpiryNamePrefix-1, notInExpiryName.ReplaceAllString(plan.NamePrefix, "-"), "ssh-expiry") + "-"
	}
	return plan
}

// checkAgentCount checks that the agent CIDRs fit the prefix list.
func checkAgentCount(p *problems, n, maxEntries int) {
	if n > maxEntries {
		p.add("agentCidrs", "%d CIDRs do not fit the agents' prefix list of %d entries; raise aws.agentCidrsMaxEntries", n, maxEntries)
	}
}

func checkAWSSubnets(p *problems, in *AWSInput) []AWSSubnet {
	if len(in.Subnets) == 0 {
		p.add("aws.subnets", "at least one subnet is required (two or more availability zones for high availability)")
		return nil
	}
	var subnets []AWSSubnet
	zones := map[string]int{}
	var blocks []netip.Prefix
	var blockFields []string
	for i, s := range in.Subnets {
		field := fieldIndex("aws.subnets", i)
		zone := s.AvailabilityZone
		switch first, dup := zones[zone]; {
		case zone == "":
			p.add(field+".availabilityZone", "is required")
		case !availabilityZonePattern.MatchString(zone):
			p.add(field+".availabilityZone", "%q is not an availability zone name such as \"us-east-1a\"", zone)
		case dup:
			p.add(field+".availabilityZone", "%q repeats aws.subnets[%d]; use one subnet per availability zone", zone, first)
		default:
			zones[zone] = i
		}

		block, err := parseIPv4Prefix(field+".cidrBlock", s.CIDRBlock)
		switch {
		case err != nil:
			p.addErr(err)
		case block.Bits() < 16 || block.Bits() > 28:
			p.add(field+".cidrBlock", "%q is a /%d; AWS subnets must be between /16 and /28", s.CIDRBlock, block.Bits())
		default:
			for j, other := range blocks {
				if other.Overlaps(block) {
					p.add(field+".cidrBlock", "%q overlaps %s (%s)", s.CIDRBlock, blockFields[j], other)
				}
			}
			blocks = append(blocks, block)
			blockFields = append(blockFields, field+".cidrBlock")
		}

		if !s.HasNATGateway && !in.HasNATGateway {
			p.add(field+".natGatewayId", "no NAT gateway for the default route; set aws.natGatewayId for all subnets or this subnet's own")
		}
		subnets = append(subnets, AWSSubnet{AvailabilityZone: zone, CIDRBlock: block})
	}
	slices.SortFunc(subnets, func(a, b AWSSubnet) int { return strings.Compare(a.AvailabilityZone, b.AvailabilityZone) })
	return subnets
}

// checkAWSQuota counts rules as AWS does: a rule that references the agents'
// prefix list counts as the list's max entries.
func checkAWSQuota(p *problems, maxEntries int, rules []Rule) {
	counts := map[requirements.Direction]int{}
	for _, r := range rules {
		if r.Peer.Set == requirements.Agents {
			counts[r.Direction] += maxEntries
		} else {
			counts[r.Direction]++
		}
	}
	for _, dir := range []requirements.Direction{requirements.Ingress, requirements.Egress} {
		if counts[dir] > rulesPerSecurityGroup {
			p.add("aws.agentCidrsMaxEntries",
				"the appliance security group would count %d %s rules, over AWS's quota of %d (the agents' prefix list counts as %d in each rule that references it); lower aws.agentCidrsMaxEntries or the number of ranges",
				counts[dir], dir, rulesPerSecurityGroup, maxEntries)
		}
	}
}
