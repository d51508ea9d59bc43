package azurerender

import (
	"strings"

	network "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// anything is Azure's wildcard for an address, a port or a protocol.
const anything = "*"

// expandSecurityRule translates one planned rule into Azure's fields. The
// peers go on the far side (sources for inbound, destinations for
// outbound) and the appliance side is "*": the group only ever guards the
// appliance subnet.
func expandSecurityRule(rule azure.SecurityRule, nsgName pulumi.StringInput, resourceGroup pulumi.StringInput, agentCIDRs pulumi.StringArrayOutput) *network.SecurityRuleArgs {
	args := &network.SecurityRuleArgs{
		SecurityRuleName:         pulumi.String(rule.Name),
		NetworkSecurityGroupName: nsgName,
		ResourceGroupName:        resourceGroup,
		Priority:                 pulumi.Int(rule.Priority),
		Access:                   pulumi.String(expandAccess(rule.Access)),
		Direction:                pulumi.String(expandDirection(rule.Direction)),
		Protocol:                 pulumi.String(expandProtocol(rule.Match().Protocol)),
		SourcePortRange:          pulumi.String(anything),
		DestinationPortRange:     pulumi.String(expandPorts(rule.Match().Ports)),
		Description:              pulumi.String(rule.Description),
	}
	prefixes := expandAddressPrefixes(rule, agentCIDRs)
	if rule.Direction == requirements.Ingress {
		args.SourceAddressPrefixes = prefixes
		args.DestinationAddressPrefix = pulumi.String(anything)
	} else {
		args.SourceAddressPrefix = pulumi.String(anything)
		args.DestinationAddressPrefixes = prefixes
	}
	return args
}

// expandAddressPrefixes resolves the rule's peers. A rule that holds the
// agents waits for the agent CIDRs, which may be Outputs of other
// resources.
func expandAddressPrefixes(rule azure.SecurityRule, agentCIDRs pulumi.StringArrayOutput) pulumi.StringArrayInput {
	if !rule.Agents {
		return pulumi.ToStringArray(rule.AddressPrefixes(nil))
	}
	return agentCIDRs.ApplyT(func(agents []string) []string { return rule.AddressPrefixes(agents) }).(pulumi.StringArrayOutput)
}

func expandAccess(a rules.Access) string {
	if a == rules.Deny {
		return "Deny"
	}
	return "Allow"
}

func expandDirection(d requirements.Direction) string {
	if d == requirements.Ingress {
		return "Inbound"
	}
	return "Outbound"
}

// expandProtocol spells a protocol as Azure does: "Tcp", "Udp", "*".
func expandProtocol(p requirements.Protocol) string {
	if p == requirements.All {
		return anything
	}
	s := string(p)
	return strings.ToUpper(s[:1]) + s[1:]
}

// expandPorts spells a port range as Azure does: "443", "1000-2000", "*".
func expandPorts(r requirements.PortRange) string {
	if r.IsAll() {
		return anything
	}
	return r.String()
}
