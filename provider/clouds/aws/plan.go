package aws

import (
	"strconv"

	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// AWS limits that shape the plan.
const (
	// DefaultAgentCIDRsMaxEntries leaves room for growth while keeping the
	// three rules that reference the list inside the rule quota.
	DefaultAgentCIDRsMaxEntries = 20
	// maxPrefixListEntries is AWS's ceiling for a managed prefix list.
	maxPrefixListEntries = 1000
	// awsUniqueSuffix is what pulumi-aws appends to a name prefix
	// (id.UniqueIDSuffixLength in terraform-provider-aws).
	awsUniqueSuffix = 26
	// awsMaxName is the length limit of a security group's name and of a
	// managed prefix list's name (EC2 API reference, CreateSecurityGroup
	// and CreateManagedPrefixList); a name prefix leaves room for
	// awsUniqueSuffix.
	awsMaxName = 255
	// awsMaxExpiryNamePrefix is the length limit of the name prefix of an
	// IAM role and of an EventBridge Scheduler schedule: AWS appends 26
	// characters to reach their 64. Prefixes, not names, because role names
	// are unique in the whole account, and stacks in other regions or VPCs
	// may use the same component name.
	awsMaxExpiryNamePrefix = 38
)

// Suffixes of the AWS names derived from the name prefix.
const (
	awsApplianceGroupSuffix = "-appliances-"
	awsAgentGroupSuffix     = "-agents-"
	awsPrefixListSuffix     = "-agent-cidrs"
	awsSubnetNameSuffix     = "-appliances-"
)

var (
	availabilityZonePattern = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]+)+$`)
	awsNamePattern          = regexp.MustCompile(`^[a-zA-Z0-9 ._\-:/()#,@\[\]+=&;{}!$*]+$`)
	// notInExpiryName is what a schedule name ([0-9a-zA-Z-_.]) or an IAM
	// role name ([\w+=,.@-]) may not hold, of what a name prefix may.
	notInExpiryName = regexp.MustCompile(`[^0-9a-zA-Z._-]`)
)

// Plan validates the AWS block and lays out its subnets, quotas and names.
func (in *Input) Plan(p *rules.Problems, layout rules.Layout) rules.CloudPlan {
	name, ssh := layout.Name, layout.SSH
	plan := &Plan{}
	plan.NamePrefix = rules.OptionalString(p, "aws.namePrefix", in.NamePrefix, name, "the component's name")
	rules.CheckRequired(p, "aws.vpcId", in.VpcID)
	plan.Subnets = checkSubnets(p, in)
	checkAWSNamePrefix(p, plan.NamePrefix, in.NamePrefix == nil, plan.Subnets)

	plan.AgentCIDRsMaxEntries = rules.OptionalInt(p, "aws.agentCidrsMaxEntries", in.AgentCIDRsMaxEntries,
		DefaultAgentCIDRsMaxEntries, 1, maxPrefixListEntries, "entries")
	plan.RulesPerSecurityGroup = rules.OptionalInt(p, "aws.rulesPerSecurityGroup", in.RulesPerSecurityGroup,
		DefaultRulesPerSecurityGroup, 1, maxRulesPerSecurityGroup, "rules")
	plan.ruleCounts = countAWSRules(layout.Rules)
	plan.checkRuleQuota(p)
	if ssh.ClosedByCloud {
		plan.SSHExpiryNamePrefix = rules.ShortName(awsMaxExpiryNamePrefix-1, notInExpiryName.ReplaceAllString(plan.NamePrefix, "-"), "ssh-expiry") + "-"
	}
	return plan
}

// checkAWSNamePrefix checks the prefix against every name it starts: the
// security groups' name prefixes (which may not start with "sg-"), the
// prefix list's name and the subnets' Name tags.
func checkAWSNamePrefix(p *rules.Problems, prefix string, isDefault bool, subnets []Subnet) {
	const field = "aws.namePrefix"
	what := strconv.Quote(prefix)
	if isDefault {
		what = fmt.Sprintf("the component's name %q (the default)", prefix)
	}
	longestZone := 0
	for _, s := range subnets {
		longestZone = max(longestZone, len(s.AvailabilityZone))
	}
	limit := min(
		awsMaxName-awsUniqueSuffix-len(awsApplianceGroupSuffix), // the security groups
		awsMaxName-len(awsPrefixListSuffix),                     // the prefix list
		awsMaxTagValue-len(awsSubnetNameSuffix)-longestZone,     // the subnets' Name tags
	)
	switch {
	case prefix == "":
		// The missing component name is reported on its own.
	case len(prefix) > limit:
		p.Add(field, "%s is %d characters; at most %d leave room for the suffixes of the names it starts (security groups take at most %d characters, AWS adding %d, and Name tags %d)",
			what, len(prefix), limit, awsMaxName, awsUniqueSuffix, awsMaxTagValue)
	case !awsNamePattern.MatchString(prefix):
		p.Add(field, "%s has characters AWS does not allow in a security group name", what)
	case strings.HasPrefix(prefix, "sg-"):
		p.Add(field, "%s starts with \"sg-\", which AWS reserves for security group ids", what)
	case strings.HasPrefix(prefix, "com.amazonaws"):
		p.Add(field, "%s starts with \"com.amazonaws\", which AWS reserves for its own prefix lists", what)
	}
}

func checkSubnets(p *rules.Problems, in *Input) []Subnet {
	if len(in.Subnets) == 0 {
		p.Add("aws.subnets", "at least one subnet is required (two or more availability zones for high availability)")
		return nil
	}
	var subnets []Subnet
	zones := map[string]int{}
	var blocks []netip.Prefix
	var blockFields []string
	for i, s := range in.Subnets {
		field := rules.FieldIndex("aws.subnets", i)
		zone := s.AvailabilityZone
		switch first, dup := zones[zone]; {
		case zone == "":
			p.Add(field+".availabilityZone", "is required")
		case !availabilityZonePattern.MatchString(zone):
			p.Add(field+".availabilityZone", "%q is not an availability zone name such as \"us-east-1a\"", zone)
		case dup:
			p.Add(field+".availabilityZone", "%q repeats aws.subnets[%d]; use one subnet per availability zone", zone, first)
		default:
			zones[zone] = i
		}

		block, err := rules.ParseIPv4Prefix(field+".cidrBlock", s.CIDRBlock)
		switch {
		case s.CIDRBlock == "":
			p.Add(field+".cidrBlock", "is required")
		case err != nil:
			p.AddErr(err)
		case block.Bits() < 16 || block.Bits() > 28:
			p.Add(field+".cidrBlock", "%q is a /%d; AWS subnets must be between /16 and /28", s.CIDRBlock, block.Bits())
		default:
			for j, other := range blocks {
				if other.Overlaps(block) {
					p.Add(field+".cidrBlock", "%q overlaps %s (%s)", s.CIDRBlock, blockFields[j], other)
				}
			}
			blocks = append(blocks, block)
			blockFields = append(blockFields, field+".cidrBlock")
		}

		// An empty NAT gateway id counts as none.
		if s.NATGateway != rules.Present && in.NATGateway != rules.Present {
			p.Add(field+".natGatewayId", "no NAT gateway for the default route; set aws.natGatewayId for all subnets or this subnet's own")
		}
		subnets = append(subnets, Subnet{AvailabilityZone: zone, CIDRBlock: block})
	}
	slices.SortFunc(subnets, func(a, b Subnet) int { return strings.Compare(a.AvailabilityZone, b.AvailabilityZone) })
	return subnets
}

// Input is the AWS block. Values that may be Outputs (the VPC, NAT
// gateways) are only marked present or absent: the component keeps the
// values themselves for the renderer.
type Input struct {
	VpcID rules.Presence
	// Subnets are the appliance subnets, one per availability zone.
	Subnets []SubnetInput
	// NATGateway is the block's NAT gateway, for every subnet that does not
	// name its own.
	NATGateway rules.Presence
	// NamePrefix starts the physical names and Name tags; nil means the
	// component's name.
	NamePrefix *string
	// AgentCIDRsMaxEntries sizes the agents' prefix list; nil means
	// DefaultAgentCIDRsMaxEntries.
	AgentCIDRsMaxEntries *int
	// RulesPerSecurityGroup is the account's quota of rules per security
	// group; nil means AWS's default, DefaultRulesPerSecurityGroup.
	RulesPerSecurityGroup *int
}

// SubnetInput is one appliance subnet.
type SubnetInput struct {
	AvailabilityZone string
	CIDRBlock        string
	// NATGateway is this subnet's own NAT gateway.
	NATGateway rules.Presence
}

// Plan is the validated AWS layout.
type Plan struct {
	NamePrefix string
	// Subnets are in availability zone order.
	Subnets []Subnet
	// AgentCIDRsMaxEntries is the prefix list's size, which AWS counts
	// against the rule quota of every rule that references it.
	AgentCIDRsMaxEntries int
	// RulesPerSecurityGroup is the quota the appliance group's rules are
	// checked against, in each direction.
	RulesPerSecurityGroup int
	// ruleCounts says how AWS counts the appliance group's rules.
	ruleCounts []awsRuleCount
	// SSHExpiryNamePrefix starts the names of the EventBridge schedule and
	// IAM role that
	// revoke the SSH rules at expiry; empty unless the cloud closes SSH.
	SSHExpiryNamePrefix string
}

// Subnet is one appliance subnet.
type Subnet struct {
	AvailabilityZone string
	CIDRBlock        netip.Prefix
}
