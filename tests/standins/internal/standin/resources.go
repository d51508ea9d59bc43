package standin

// This file is the stand-ins' knowledge of the real providers: for each resource type the
// threatmanager component registers, which input properties force a replacement when they change
// (Terraform "ForceNew"/"RequiresReplace" for the bridged pulumi-aws and pulumi-gcp providers, ARM
// path parameters and forceNewMap entries for azure-native), which property the real provider
// auto-names when it is left out, and which defaults it always fills in.
//
// The replace lists were read from the providers' sources (the upstream files and commits cited
// above each entry). Property names are the Pulumi (camelCase) names from the pinned Go SDKs, see
// sdkprops_gen.go. Only properties that exist in the pinned SDK versions are listed.

import (
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// sdkProps is what the provider's typed SDK at the pinned version says about a resource
// (generated into sdkprops_gen.go by cmd/sdkprops).
type sdkProps struct {
	Inputs   map[string]string // input property -> type expression (see types.go)
	Required []string          // required inputs
	Outputs  []string          // output-only properties
	// Objects types output properties whose fields programs read (`${wf.identity.principalId}`):
	// pulumi-yaml refuses a property access on an Any, so GetSchema gives these an object type.
	Objects map[string]objectType
}

// sdkObject is a nested input type (sdkObjectTypes in sdkprops_gen.go).
type sdkObject struct {
	Properties map[string]string // property -> type expression
	Required   []string
}

// objectType is an object-valued output property as the real schema types it.
type objectType struct {
	Token      string   // the real schema's type token
	Properties []string // its property names (typed Any, like everything else here)
}

// autoNameStyle is how the real provider derives a physical name from the logical one.
type autoNameStyle int

const (
	autoNameNone   autoNameStyle = iota
	autoNameDashed               // pulumi-terraform-bridge AutoName: "<name>-<7 hex>"
	autoNameLower                // pulumi-gcp: lower-case "<name>-<7 hex>"
	autoNameSuffix               // azure-native: "<name><8 hex>"
	autoNameUUID                 // azure-native GUID-named resources (role definitions/assignments): a UUID
)

// resourceSpec is one resource type's behaviour in a stand-in.
type resourceSpec struct {
	Token string
	// Replace lists the input properties whose change replaces the resource.
	Replace []string
	// AutoName is the property the real provider fills from the logical name when it is absent.
	AutoName      string
	AutoNameStyle autoNameStyle
	// Defaults are values the real provider always puts into the checked inputs when absent.
	Defaults resource.PropertyMap
	// replaceRule, when set, adds replacements that depend on old and new values together.
	replaceRule func(oldInputs, news resource.PropertyMap) []string
}

// specs holds every resource type the stand-ins know; Check and Create refuse any other, as a real
// provider refuses a type token its schema does not have. Each must have generated SDK properties.
var specs = map[string]*resourceSpec{
	// ---- AWS: pulumi-aws v6.83.4 bridges hashicorp/terraform-provider-aws. ----

	// internal/service/ec2/vpc_subnet.go (hashicorp/terraform-provider-aws@00cda125): ForceNew on
	// availability_zone, availability_zone_id, cidr_block, ipv4_ipam_pool_id, ipv4_netmask_length,
	// ipv6_ipam_pool_id, ipv6_native, ipv6_netmask_length, outpost_arn, vpc_id (the ipam/netmask ones
	// are not in the v6.83.4 SDK). ipv6_cidr_block only replaces when assign_ipv6_address_on_creation
	// was true (CustomizeDiff), which the component never sets; it is not modelled.
	"aws:ec2/subnet:Subnet": {
		Replace: []string{"availabilityZone", "availabilityZoneId", "cidrBlock", "ipv6Native", "outpostArn", "vpcId"},
	},
	// internal/service/ec2/vpc_route_table.go (@02209241): only vpc_id is ForceNew; inline routes and
	// propagating_vgws update in place.
	"aws:ec2/routeTable:RouteTable": {
		Replace: []string{"vpcId"},
	},
	// internal/service/ec2/vpc_route.go (@0128541e): route_table_id and the three destination
	// attributes are ForceNew; a changed target (nat_gateway_id, ...) is a ReplaceRoute update.
	"aws:ec2/route:Route": {
		Replace: []string{"routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"},
	},
	// internal/service/ec2/vpc_route_table_association.go (@0be71beb): subnet_id and gateway_id are
	// ForceNew; route_table_id updates in place (ReplaceRouteTableAssociation).
	"aws:ec2/routeTableAssociation:RouteTableAssociation": {
		Replace: []string{"subnetId", "gatewayId"},
	},
	// internal/service/ec2/vpc_security_group.go (@01606926): description, name, name_prefix, vpc_id
	// are ForceNew. pulumi-aws auto-names `name` and defaults description to "Managed by Pulumi".
	"aws:ec2/securityGroup:SecurityGroup": {
		Replace:       []string{"description", "name", "namePrefix", "vpcId"},
		AutoName:      "name",
		AutoNameStyle: autoNameDashed,
		Defaults:      resource.PropertyMap{"description": resource.NewStringProperty("Managed by Pulumi")},
	},
	// internal/service/ec2/vpc_security_group_ingress_rule.go (@d2b7f56a), whose schema the egress
	// rule (vpc_security_group_egress_rule.go) shares: security_group_id has RequiresReplace; CIDR,
	// ports, protocol, description, prefix list and referenced group are ModifySecurityGroupRules
	// updates, except that ModifyPlan replaces when the source *kind* changes (cidr_ipv4 ->
	// prefix_list_id, ...).
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
		Replace:     []string{"securityGroupId"},
		replaceRule: awsRuleSourceKindChange,
	},
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
		Replace:     []string{"securityGroupId"},
		replaceRule: awsRuleSourceKindChange,
	},
	// internal/service/ec2/vpc_managed_prefix_list.go (@007fe432): only address_family is ForceNew;
	// entries, max_entries and name are ModifyManagedPrefixList updates. pulumi-aws auto-names `name`.
	"aws:ec2/managedPrefixList:ManagedPrefixList": {
		Replace:       []string{"addressFamily"},
		AutoName:      "name",
		AutoNameStyle: autoNameDashed,
	},

	// internal/service/iam/role.go (hashicorp/terraform-provider-aws@0040ea69): name, name_prefix
	// and path are ForceNew; assume_role_policy, description, max_session_duration,
	// permissions_boundary, inline/managed policies and tags update in place. pulumi-aws auto-names
	// `name` (SetAutonaming); path, max_session_duration and force_detach_policies have TF defaults.
	"aws:iam/role:Role": {
		Replace:       []string{"name", "namePrefix", "path"},
		AutoName:      "name",
		AutoNameStyle: autoNameDashed,
		Defaults: resource.PropertyMap{
			"path":                resource.NewStringProperty("/"),
			"maxSessionDuration":  resource.NewNumberProperty(3600),
			"forceDetachPolicies": resource.NewBoolProperty(false),
		},
	},
	// internal/service/iam/role_policy.go (@02f97af8): name, name_prefix and role are ForceNew; policy
	// is a PutRolePolicy update. The id is "<role>:<name>". pulumi-aws auto-names `name`.
	"aws:iam/rolePolicy:RolePolicy": {
		Replace:       []string{"name", "namePrefix", "role"},
		AutoName:      "name",
		AutoNameStyle: autoNameDashed,
	},
	// internal/service/scheduler/schedule.go (@02f524b9): group_name, name and name_prefix are
	// ForceNew; the expression, time zone, window, target, state, dates and description are
	// UpdateSchedule updates. schedule_expression_timezone defaults to "UTC" and state to "ENABLED";
	// group_name is computed ("default"). pulumi-aws auto-names `name`.
	"aws:scheduler/schedule:Schedule": {
		Replace:       []string{"groupName", "name", "namePrefix"},
		AutoName:      "name",
		AutoNameStyle: autoNameDashed,
		Defaults: resource.PropertyMap{
			"scheduleExpressionTimezone": resource.NewStringProperty("UTC"),
			"state":                      resource.NewStringProperty("ENABLED"),
		},
	},
	// internal/service/scheduler/schedule_group.go (@02f524b9): name and name_prefix are ForceNew
	// (RequiresReplace); only tags update in place. pulumi-aws auto-names `name`. The id is the name.
	"aws:scheduler/scheduleGroup:ScheduleGroup": {
		Replace:       []string{"name", "namePrefix"},
		AutoName:      "name",
		AutoNameStyle: autoNameDashed,
	},

	// ---- Azure: azure-native v2.92.0. ----
	// pulumi/pulumi-azure-native provider/pkg/provider/diff.go calculateDetailedDiff (@03707ff7):
	// every parameter of the resource's ARM PUT path causes a replacement, plus properties marked
	// ForceNew by provider/pkg/gen/replacement.go forceNewMap (@1b7112af), which lists
	// Network.Subnet as "no force-news" and has no entry for NetworkSecurityGroup or SecurityRule.
	// azure-native auto-names the last path parameter (name + 8 random hex characters).

	// PUT .../resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/
	//     {virtualNetworkName}/subnets/{subnetName}
	"azure-native:network:Subnet": {
		Replace:       []string{"resourceGroupName", "virtualNetworkName", "subnetName"},
		AutoName:      "subnetName",
		AutoNameStyle: autoNameSuffix,
	},
	// PUT .../resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkSecurityGroups/
	//     {networkSecurityGroupName}
	"azure-native:network:NetworkSecurityGroup": {
		Replace:       []string{"resourceGroupName", "networkSecurityGroupName"},
		AutoName:      "networkSecurityGroupName",
		AutoNameStyle: autoNameSuffix,
	},
	// PUT .../networkSecurityGroups/{networkSecurityGroupName}/securityRules/{securityRuleName}
	"azure-native:network:SecurityRule": {
		Replace:       []string{"resourceGroupName", "networkSecurityGroupName", "securityRuleName"},
		AutoName:      "securityRuleName",
		AutoNameStyle: autoNameSuffix,
	},
	// PUT .../resourceGroups/{resourceGroupName}/providers/Microsoft.Logic/workflows/{workflowName}
	// (logic.json 2019-05-01). forceNewMap has no Logic entry and the spec's Resource.location has
	// no x-ms-mutability, so location (like state, definition, identity, tags) updates in place:
	// gen/properties.go forceNew only adds properties whose x-ms-mutability lacks "update".
	"azure-native:logic:Workflow": {
		Replace:       []string{"resourceGroupName", "workflowName"},
		AutoName:      "workflowName",
		AutoNameStyle: autoNameSuffix,
	},
	// PUT /{scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}
	// (authorization-RoleDefinitionsCalls.json 2022-05-01-preview, the version azure-native v2.92.0
	// uses): no forceNewMap entry, no x-ms-mutability on RoleDefinitionProperties. The name is a GUID.
	"azure-native:authorization:RoleDefinition": {
		Replace:       []string{"scope", "roleDefinitionId"},
		AutoName:      "roleDefinitionId",
		AutoNameStyle: autoNameUUID,
	},
	// PUT /{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}
	// (authorization-RoleAssignmentsCalls.json 2022-04-01), plus forceNewMap
	// Authorization.RoleAssignment = {principalId, scope}. The spec has no x-ms-mutability on
	// RoleAssignmentProperties, so azure-native sends a changed roleDefinitionId, principalType,
	// description or condition as an update (ARM itself refuses some of them; not modelled).
	"azure-native:authorization:RoleAssignment": {
		Replace:       []string{"scope", "roleAssignmentName", "principalId"},
		AutoName:      "roleAssignmentName",
		AutoNameStyle: autoNameUUID,
	},

	// ---- GCP: pulumi-gcp v7.38.0 bridges hashicorp/terraform-provider-google. ----

	// google/services/compute/resource_compute_subnetwork.go (hashicorp/terraform-provider-google
	// @0110d02a): name, network, description, purpose, region, project are ForceNew, and
	// CustomizeDiff ForceNewIfChange("ip_cidr_range", IsShrinkageIpCidr) replaces when the new
	// primary range does not contain the old one (expanding updates in place).
	"gcp:compute/subnetwork:Subnetwork": {
		Replace:       []string{"name", "network", "description", "purpose", "region", "project"},
		AutoName:      "name",
		AutoNameStyle: autoNameLower,
		replaceRule:   gcpSubnetworkShrink,
	},
	// google/services/compute/resource_compute_firewall.go (@07fc8657, same in
	// modular-magician/terraform-provider-google@152cfa63): name, direction, project are ForceNew
	// (params too, which v7.38.0 does not expose); network is not, and the rule lists, ranges, tags,
	// priority, description and logging update in place. Priority defaults to 1000.
	"gcp:compute/firewall:Firewall": {
		Replace:       []string{"name", "direction", "project"},
		AutoName:      "name",
		AutoNameStyle: autoNameLower,
		Defaults:      resource.PropertyMap{"priority": resource.NewNumberProperty(1000)},
	},
	// google/services/resourcemanager/resource_google_service_account.go
	// (hashicorp/terraform-provider-google@0540ffed): account_id and project are ForceNew;
	// display_name, description and disabled update in place (disabled defaults to false).
	"gcp:serviceaccount/account:Account": {
		Replace:  []string{"accountId", "project"},
		Defaults: resource.PropertyMap{"disabled": resource.NewBoolProperty(false)},
	},
	// google/services/resourcemanager/resource_google_project_iam_custom_role.go (@2f152ea2): role_id
	// and project are ForceNew; title, description, permissions and stage are Patch updates (stage
	// defaults to "GA").
	"gcp:projects/iAMCustomRole:IAMCustomRole": {
		Replace:  []string{"roleId", "project"},
		Defaults: resource.PropertyMap{"stage": resource.NewStringProperty("GA")},
	},
	// google/tpgiamresource/resource_iam_member.go (@0262be69) IamMemberBaseSchema: role, member and
	// condition (and its title, description, expression) are ForceNew, and the resource has no
	// Update at all; google/services/resourcemanager/iam_project.go (@1babe97f) IamProjectSchema:
	// project is Required and ForceNew. So every input replaces.
	"gcp:projects/iAMMember:IAMMember": {
		Replace: []string{"condition", "member", "project", "role"},
	},
	// google/services/cloudscheduler/resource_cloud_scheduler_job.go (@12c5f877): name, region and
	// project are ForceNew; schedule, time zone, targets, retry config, attempt deadline, description
	// and paused are PATCH (and pause/resume) updates. time_zone defaults to "Etc/UTC" and
	// attempt_deadline to "180s". pulumi-gcp auto-names `name` (optional in the SDK).
	"gcp:cloudscheduler/job:Job": {
		Replace:       []string{"name", "project", "region"},
		AutoName:      "name",
		AutoNameStyle: autoNameLower,
		Defaults: resource.PropertyMap{
			"timeZone":        resource.NewStringProperty("Etc/UTC"),
			"attemptDeadline": resource.NewStringProperty("180s"),
		},
	},
}

func init() {
	for tok, s := range specs {
		s.Token = tok
	}
}

// lookupSpec returns the spec for a type token, or an empty one for unknown types (which Check and
// Create refuse, see supportedTypes).
func lookupSpec(token string) *resourceSpec {
	if s, ok := specs[token]; ok {
		return s
	}
	return &resourceSpec{Token: token}
}

// supportedTypes are the resource types of a package that the stand-in models, sorted.
func supportedTypes(pkg string) []string {
	var out []string
	for tok := range specs {
		if strings.HasPrefix(tok, pkg+":") {
			out = append(out, tok)
		}
	}
	sort.Strings(out)
	return out
}

// awsRuleSourceKinds are the mutually exclusive sources of a VPC security group rule.
var awsRuleSourceKinds = []string{"cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"}

// awsRuleSourceKindChange mirrors securityGroupRuleResource.ModifyPlan: changing which kind of
// source a rule uses replaces it (both the old and the new attribute are reported).
func awsRuleSourceKindChange(oldInputs, news resource.PropertyMap) []string {
	oldKind, newKind := sourceKind(oldInputs), sourceKind(news)
	if oldKind == "" || newKind == "" || oldKind == newKind {
		return nil
	}
	return []string{oldKind, newKind}
}

func sourceKind(m resource.PropertyMap) string {
	for _, k := range awsRuleSourceKinds {
		if v, ok := m[resource.PropertyKey(k)]; ok && !v.IsNull() {
			return k
		}
	}
	return ""
}

// gcpSubnetworkShrink mirrors IsShrinkageIpCidr: a new ipCidrRange that does not contain the whole
// old range replaces the subnetwork. Unknown or malformed values are left to the plain diff.
func gcpSubnetworkShrink(oldInputs, news resource.PropertyMap) []string {
	o, n := oldInputs["ipCidrRange"], news["ipCidrRange"]
	if !o.IsString() || !n.IsString() || o.StringValue() == n.StringValue() {
		return nil
	}
	if cidrContains(n.StringValue(), o.StringValue()) {
		return nil
	}
	return []string{"ipCidrRange"}
}
