// Code generated from the pinned Pulumi Go SDKs; DO NOT EDIT by hand.
//
// Each entry lists a resource's input properties (its Args struct), the required ones (non-pointer
// Args fields) and its output-only properties (resource struct fields that are not inputs), taken from:
//   github.com/pulumi/pulumi-aws/sdk/v6 v6.83.4
//   github.com/pulumi/pulumi-azure-native-sdk/network/v2 v2.92.0
//   github.com/pulumi/pulumi-gcp/sdk/v7 v7.38.0
// They feed the stand-ins' minimal schema (GetSchema) and Check's required-input validation.

package standin

var sdkProperties = map[string]sdkProps{
	// aws/ec2/subnet.go
	"aws:ec2/subnet:Subnet": {
		Inputs:   []string{"assignIpv6AddressOnCreation", "availabilityZone", "availabilityZoneId", "cidrBlock", "customerOwnedIpv4Pool", "enableDns64", "enableLniAtDeviceIndex", "enableResourceNameDnsARecordOnLaunch", "enableResourceNameDnsAaaaRecordOnLaunch", "ipv6CidrBlock", "ipv6Native", "mapCustomerOwnedIpOnLaunch", "mapPublicIpOnLaunch", "outpostArn", "privateDnsHostnameTypeOnLaunch", "tags", "vpcId"},
		Required: []string{"vpcId"},
		Outputs:  []string{"arn", "ipv6CidrBlockAssociationId", "ownerId", "tagsAll"},
	},
	// aws/ec2/routeTable.go
	"aws:ec2/routeTable:RouteTable": {
		Inputs:   []string{"propagatingVgws", "routes", "tags", "vpcId"},
		Required: []string{"vpcId"},
		Outputs:  []string{"arn", "ownerId", "tagsAll"},
	},
	// aws/ec2/route.go
	"aws:ec2/route:Route": {
		Inputs:   []string{"carrierGatewayId", "coreNetworkArn", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId", "egressOnlyGatewayId", "gatewayId", "localGatewayId", "natGatewayId", "networkInterfaceId", "routeTableId", "transitGatewayId", "vpcEndpointId", "vpcPeeringConnectionId"},
		Required: []string{"routeTableId"},
		Outputs:  []string{"instanceId", "instanceOwnerId", "origin", "state"},
	},
	// aws/ec2/routeTableAssociation.go
	"aws:ec2/routeTableAssociation:RouteTableAssociation": {
		Inputs:   []string{"gatewayId", "routeTableId", "subnetId"},
		Required: []string{"routeTableId"},
		Outputs:  []string{},
	},
	// aws/ec2/securityGroup.go
	"aws:ec2/securityGroup:SecurityGroup": {
		Inputs:   []string{"description", "egress", "ingress", "name", "namePrefix", "revokeRulesOnDelete", "tags", "vpcId"},
		Required: []string{},
		Outputs:  []string{"arn", "ownerId", "tagsAll"},
	},
	// aws/vpc/securityGroupIngressRule.go
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
		Inputs:   []string{"cidrIpv4", "cidrIpv6", "description", "fromPort", "ipProtocol", "prefixListId", "referencedSecurityGroupId", "securityGroupId", "tags", "toPort"},
		Required: []string{"ipProtocol", "securityGroupId"},
		Outputs:  []string{"arn", "securityGroupRuleId", "tagsAll"},
	},
	// aws/vpc/securityGroupEgressRule.go
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
		Inputs:   []string{"cidrIpv4", "cidrIpv6", "description", "fromPort", "ipProtocol", "prefixListId", "referencedSecurityGroupId", "securityGroupId", "tags", "toPort"},
		Required: []string{"ipProtocol", "securityGroupId"},
		Outputs:  []string{"arn", "securityGroupRuleId", "tagsAll"},
	},
	// aws/ec2/managedPrefixList.go
	"aws:ec2/managedPrefixList:ManagedPrefixList": {
		Inputs:   []string{"addressFamily", "entries", "maxEntries", "name", "tags"},
		Required: []string{"addressFamily", "maxEntries"},
		Outputs:  []string{"arn", "ownerId", "tagsAll", "version"},
	},
	// network/v2/subnet.go
	"azure-native:network:Subnet": {
		Inputs:   []string{"addressPrefix", "addressPrefixes", "applicationGatewayIPConfigurations", "delegations", "id", "ipAllocations", "name", "natGateway", "networkSecurityGroup", "privateEndpointNetworkPolicies", "privateLinkServiceNetworkPolicies", "resourceGroupName", "routeTable", "serviceEndpointPolicies", "serviceEndpoints", "subnetName", "type", "virtualNetworkName"},
		Required: []string{"resourceGroupName", "virtualNetworkName"},
		Outputs:  []string{"etag", "ipConfigurationProfiles", "ipConfigurations", "privateEndpoints", "provisioningState", "purpose", "resourceNavigationLinks", "serviceAssociationLinks"},
	},
	// network/v2/networkSecurityGroup.go
	"azure-native:network:NetworkSecurityGroup": {
		Inputs:   []string{"flushConnection", "id", "location", "networkSecurityGroupName", "resourceGroupName", "securityRules", "tags"},
		Required: []string{"resourceGroupName"},
		Outputs:  []string{"defaultSecurityRules", "etag", "flowLogs", "name", "networkInterfaces", "provisioningState", "resourceGuid", "subnets", "type"},
	},
	// network/v2/securityRule.go
	"azure-native:network:SecurityRule": {
		Inputs:   []string{"access", "description", "destinationAddressPrefix", "destinationAddressPrefixes", "destinationApplicationSecurityGroups", "destinationPortRange", "destinationPortRanges", "direction", "id", "name", "networkSecurityGroupName", "priority", "protocol", "resourceGroupName", "securityRuleName", "sourceAddressPrefix", "sourceAddressPrefixes", "sourceApplicationSecurityGroups", "sourcePortRange", "sourcePortRanges", "type"},
		Required: []string{"access", "direction", "networkSecurityGroupName", "priority", "protocol", "resourceGroupName"},
		Outputs:  []string{"etag", "provisioningState"},
	},
	// gcp/compute/subnetwork.go
	"gcp:compute/subnetwork:Subnetwork": {
		Inputs:   []string{"allowSubnetCidrRoutesOverlap", "description", "externalIpv6Prefix", "ipCidrRange", "ipv6AccessType", "logConfig", "name", "network", "privateIpGoogleAccess", "privateIpv6GoogleAccess", "project", "purpose", "region", "role", "secondaryIpRanges", "sendSecondaryIpRangeIfEmpty", "stackType"},
		Required: []string{"ipCidrRange", "network"},
		Outputs:  []string{"creationTimestamp", "fingerprint", "gatewayAddress", "internalIpv6Prefix", "ipv6CidrRange", "selfLink"},
	},
	// gcp/compute/firewall.go
	"gcp:compute/firewall:Firewall": {
		Inputs:   []string{"allows", "denies", "description", "destinationRanges", "direction", "disabled", "enableLogging", "logConfig", "name", "network", "priority", "project", "sourceRanges", "sourceServiceAccounts", "sourceTags", "targetServiceAccounts", "targetTags"},
		Required: []string{"network"},
		Outputs:  []string{"creationTimestamp", "selfLink"},
	},
}
