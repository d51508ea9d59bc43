package standin

// The aws stand-in: pulumi-aws v6.83.4, which bridges hashicorp/terraform-provider-aws. Each
// resource's replace list was read from the upstream file cited above it (Terraform "ForceNew" and
// "RequiresReplace" attributes); property names are the Pulumi (camelCase) names of the pinned SDK.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// fakeAWSAccount is an obviously fake account id: the account of a provider configured with neither
// an assumed role nor a profile (awsAccount).
const fakeAWSAccount = "123456789012"

var awsSDK = &GoSDK{Module: "github.com/pulumi/pulumi-aws/sdk/v6", Version: "v6.83.4", Dir: "go/aws", Label: "aws"}

var awsCloud = &Cloud{
	Name: "aws", Package: "aws", Version: "6.83.4",
	// assumeRole is an object (roleArn, sessionName, externalId...): Configure keeps it as the JSON
	// the engine sends for it, and awsAccount reads the account from its roleArn.
	Config: []string{"region", "profile", "assumeRole", "accessKey", "secretKey", "skipCredentialsValidation"},
	Resources: withTagsAll(map[string]*Resource{
		// internal/service/ec2/vpc_subnet.go (hashicorp/terraform-provider-aws@00cda125): ForceNew on
		// availability_zone, availability_zone_id, cidr_block, ipv4_ipam_pool_id, ipv4_netmask_length,
		// ipv6_ipam_pool_id, ipv6_native, ipv6_netmask_length, outpost_arn, vpc_id (the ipam/netmask
		// ones are not in the v6.83.4 SDK). ipv6_cidr_block only replaces when
		// assign_ipv6_address_on_creation was true (CustomizeDiff), which the component never sets.
		"aws:ec2/subnet:Subnet": {SDK: awsSDK.File("ec2/subnet.go"),
			Replace: []string{"availabilityZone", "availabilityZoneId", "cidrBlock", "ipv6Native", "outpostArn", "vpcId"},
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				id := awsEC2(cfg, urn, inputs, out, "subnet", "subnet")
				setIfAbsent(out, "availabilityZone", resource.NewStringProperty(awsRegion(cfg)+"a"))
				setIfAbsent(out, "ipv6CidrBlockAssociationId", resource.NewStringProperty(""))
				return id
			}},
		// internal/service/ec2/vpc_route_table.go (@02209241): only vpc_id is ForceNew; inline routes
		// and propagating_vgws update in place.
		"aws:ec2/routeTable:RouteTable": {SDK: awsSDK.File("ec2/routeTable.go"),
			Replace: []string{"vpcId"},
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				id := awsEC2(cfg, urn, inputs, out, "rtb", "route-table")
				setIfAbsent(out, "routes", resource.NewArrayProperty(nil))
				setIfAbsent(out, "propagatingVgws", resource.NewArrayProperty(nil))
				return id
			}},
		// internal/service/ec2/vpc_route.go (@0128541e): route_table_id and the three destination
		// attributes are ForceNew; a changed target (nat_gateway_id, ...) is a ReplaceRoute update.
		"aws:ec2/route:Route": {SDK: awsSDK.File("ec2/route.go"),
			Replace: []string{"routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"},
			Create: func(_ Config, _ resource.URN, inputs, out resource.PropertyMap) string {
				// The real id is "r-" + route table id + a hash code of the destination.
				dest := str(inputs, "destinationCidrBlock") + str(inputs, "destinationIpv6CidrBlock") +
					str(inputs, "destinationPrefixListId")
				n, _ := strconv.ParseUint(hexOf(8, dest), 16, 64)
				out["origin"], out["state"] = resource.NewStringProperty("CreateRoute"), resource.NewStringProperty("active")
				setIfAbsent(out, "instanceId", resource.NewStringProperty(""))
				setIfAbsent(out, "instanceOwnerId", resource.NewStringProperty(""))
				return fmt.Sprintf("r-%s%d", str(inputs, "routeTableId"), n%10000000000)
			}},
		// internal/service/ec2/vpc_route_table_association.go (@0be71beb): subnet_id and gateway_id
		// are ForceNew; route_table_id updates in place (ReplaceRouteTableAssociation).
		"aws:ec2/routeTableAssociation:RouteTableAssociation": {SDK: awsSDK.File("ec2/routeTableAssociation.go"),
			Replace: []string{"subnetId", "gatewayId"},
			Create: func(_ Config, urn resource.URN, _, _ resource.PropertyMap) string {
				return "rtbassoc-" + hexOf(17, string(urn))
			}},
		// internal/service/ec2/vpc_security_group.go (@01606926): description, name, name_prefix,
		// vpc_id are ForceNew. pulumi-aws auto-names `name` and defaults description to "Managed by Pulumi".
		"aws:ec2/securityGroup:SecurityGroup": {SDK: awsSDK.File("ec2/securityGroup.go"),
			Replace:  []string{"description", "name", "namePrefix", "vpcId"},
			AutoName: "name", AutoNameOf: awsName,
			Defaults: resource.PropertyMap{"description": resource.NewStringProperty("Managed by Pulumi")},
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				id := awsEC2(cfg, urn, inputs, out, "sg", "security-group")
				setIfAbsent(out, "ingress", resource.NewArrayProperty(nil))
				setIfAbsent(out, "egress", resource.NewArrayProperty(nil))
				setIfAbsent(out, "namePrefix", resource.NewStringProperty(""))
				return id
			}},
		// internal/service/ec2/vpc_security_group_ingress_rule.go (@d2b7f56a), whose schema the egress
		// rule (vpc_security_group_egress_rule.go) shares: security_group_id has RequiresReplace; CIDR,
		// ports, protocol, description, prefix list and referenced group are ModifySecurityGroupRules
		// updates, except that ModifyPlan replaces when the source *kind* changes (cidr_ipv4 ->
		// prefix_list_id, ...).
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": awsSecurityGroupRule("vpc/securityGroupIngressRule.go"),
		"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":   awsSecurityGroupRule("vpc/securityGroupEgressRule.go"),
		// internal/service/ec2/vpc_managed_prefix_list.go (@007fe432): only address_family is
		// ForceNew; entries, max_entries and name are ModifyManagedPrefixList updates (the version
		// moves on when the entries change). pulumi-aws auto-names `name`.
		"aws:ec2/managedPrefixList:ManagedPrefixList": {SDK: awsSDK.File("ec2/managedPrefixList.go"),
			Replace:  []string{"addressFamily"},
			AutoName: "name", AutoNameOf: awsName,
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				id := awsEC2(cfg, urn, inputs, out, "pl", "prefix-list")
				out["version"] = resource.NewNumberProperty(1)
				setIfAbsent(out, "entries", resource.NewArrayProperty(nil))
				return id
			},
			Update: func(oldState, oldInputs, news, out resource.PropertyMap) {
				if !oldInputs["entries"].DeepEquals(news["entries"]) {
					v := 1.0
					if old := oldState["version"]; old.IsNumber() {
						v = old.NumberValue() + 1
					}
					out["version"] = resource.NewNumberProperty(v)
				}
			}},

		// An appliance VM (examples/appliances-yaml). internal/service/ec2/ec2_instance.go
		// (hashicorp/terraform-provider-aws, the aws-sdk-go-v2 schema of the 5.x line pulumi-aws v6
		// bridges): ForceNew on ami, associate_public_ip_address, availability_zone, cpu_core_count,
		// cpu_threads_per_core, ebs_optimized, ephemeral_block_device, hibernation, host_id,
		// instance_market_options, ipv6_addresses, key_name, launch_template, placement_group,
		// placement_partition_number, private_dns_name_options, private_ip, security_groups, subnet_id
		// and tenancy; every attribute of cpu_options, enclave_options and network_interface, so any
		// change of those blocks replaces. Value-dependent (awsInstanceReplaces): the ebs_block_device
		// attributes but tags, root_block_device's encrypted and kms_key_id, user_data and
		// user_data_base64 when user_data_replace_on_change (CustomizeDiff ForceNewIf), and turning
		// enablePrimaryIpv6 off (the pinned SDK's doc: "forces recreation"). instance_type,
		// vpc_security_group_ids, tags, monitoring and metadata_options update in place (an
		// instance_type of another CPU architecture replaces, which needs the EC2 API: not modelled).
		// get_password_data, source_dest_check and user_data_replace_on_change have TF defaults.
		"aws:ec2/instance:Instance": {SDK: awsSDK.File("ec2/instance.go"),
			Replace: []string{"ami", "associatePublicIpAddress", "availabilityZone", "cpuCoreCount", "cpuOptions",
				"cpuThreadsPerCore", "ebsOptimized", "enclaveOptions", "ephemeralBlockDevices", "hibernation", "hostId",
				"instanceMarketOptions", "ipv6Addresses", "keyName", "launchTemplate", "networkInterfaces", "placementGroup",
				"placementPartitionNumber", "privateDnsNameOptions", "privateIp", "securityGroups", "subnetId", "tenancy"},
			ReplaceRule: awsInstanceReplaces,
			Defaults: resource.PropertyMap{
				"getPasswordData":         resource.NewBoolProperty(false),
				"sourceDestCheck":         resource.NewBoolProperty(true),
				"userDataReplaceOnChange": resource.NewBoolProperty(false),
			},
			Create: awsInstance},

		// internal/service/iam/role.go (hashicorp/terraform-provider-aws@0040ea69): name, name_prefix
		// and path are ForceNew; assume_role_policy, description, max_session_duration,
		// permissions_boundary, inline/managed policies and tags update in place. pulumi-aws auto-names
		// `name` (SetAutonaming); path, max_session_duration and force_detach_policies have TF defaults.
		"aws:iam/role:Role": {SDK: awsSDK.File("iam/role.go"),
			Replace:  []string{"name", "namePrefix", "path"},
			AutoName: "name", AutoNameOf: awsName,
			Defaults: resource.PropertyMap{
				"path":                resource.NewStringProperty("/"),
				"maxSessionDuration":  resource.NewNumberProperty(3600),
				"forceDetachPolicies": resource.NewBoolProperty(false),
			},
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				// IAM is global: the ARN has no region. The id is the name.
				name, s := str(inputs, "name"), resource.NewStringProperty
				out["arn"] = s(fmt.Sprintf("arn:aws:iam::%s:role%s%s", awsAccount(cfg), iamPath(inputs), name))
				out["uniqueId"] = s("AROA" + strings.ToUpper(hexOf(17, string(urn), "roleid")))
				out["createDate"], out["tagsAll"] = s(fakeRFC3339), awsTagsAll(inputs)
				setIfAbsent(out, "namePrefix", s(""))
				setIfAbsent(out, "managedPolicyArns", resource.NewArrayProperty(nil))
				setIfAbsent(out, "inlinePolicies", resource.NewArrayProperty(nil))
				return name
			}},
		// internal/service/iam/role_policy.go (@02f97af8): name, name_prefix and role are ForceNew;
		// policy is a PutRolePolicy update. The id is "<role>:<name>". pulumi-aws auto-names `name`.
		"aws:iam/rolePolicy:RolePolicy": {SDK: awsSDK.File("iam/rolePolicy.go"),
			Replace:  []string{"name", "namePrefix", "role"},
			AutoName: "name", AutoNameOf: awsName,
			Create: func(_ Config, _ resource.URN, inputs, out resource.PropertyMap) string {
				setIfAbsent(out, "namePrefix", resource.NewStringProperty(""))
				return str(inputs, "role") + ":" + str(inputs, "name")
			}},
		// internal/service/scheduler/schedule.go (@02f524b9): group_name, name and name_prefix are
		// ForceNew; the expression, time zone, window, target, state, dates and description are
		// UpdateSchedule updates. schedule_expression_timezone defaults to "UTC" and state to
		// "ENABLED"; group_name is computed ("default"). pulumi-aws auto-names `name`. The id is
		// "<group name>/<schedule name>".
		"aws:scheduler/schedule:Schedule": {SDK: awsSDK.File("scheduler/schedule.go"),
			Replace:  []string{"groupName", "name", "namePrefix"},
			AutoName: "name", AutoNameOf: awsName,
			Defaults: resource.PropertyMap{
				"scheduleExpressionTimezone": resource.NewStringProperty("UTC"),
				"state":                      resource.NewStringProperty("ENABLED"),
			},
			Create: func(cfg Config, _ resource.URN, inputs, out resource.PropertyMap) string {
				setIfAbsent(out, "groupName", resource.NewStringProperty("default"))
				name, group := str(inputs, "name"), str(out, "groupName")
				out["arn"] = resource.NewStringProperty(fmt.Sprintf("arn:aws:scheduler:%s:%s:schedule/%s/%s",
					awsRegion(cfg), awsAccount(cfg), group, name))
				setIfAbsent(out, "namePrefix", resource.NewStringProperty(""))
				return group + "/" + name
			}},
		// internal/service/scheduler/schedule_group.go (@02f524b9): name and name_prefix are ForceNew
		// (RequiresReplace); only tags update in place. pulumi-aws auto-names `name`. The id is the
		// name; the state is ACTIVE once created.
		"aws:scheduler/scheduleGroup:ScheduleGroup": {SDK: awsSDK.File("scheduler/scheduleGroup.go"),
			Replace:  []string{"name", "namePrefix"},
			AutoName: "name", AutoNameOf: awsName,
			Create: func(cfg Config, _ resource.URN, inputs, out resource.PropertyMap) string {
				name, s := str(inputs, "name"), resource.NewStringProperty
				out["arn"] = s(fmt.Sprintf("arn:aws:scheduler:%s:%s:schedule-group/%s", awsRegion(cfg), awsAccount(cfg), name))
				out["creationDate"], out["lastModificationDate"] = s(fakeRFC3339), s(fakeRFC3339)
				out["state"], out["tagsAll"] = s("ACTIVE"), awsTagsAll(inputs)
				setIfAbsent(out, "namePrefix", s(""))
				return name
			}},
	}),
	Invokes: map[string]func(Config, resource.PropertyMap) resource.PropertyMap{
		"aws:index/getRegion:getRegion": func(cfg Config, _ resource.PropertyMap) resource.PropertyMap {
			region, s := awsRegion(cfg), resource.NewStringProperty
			return resource.PropertyMap{"id": s(region), "name": s(region),
				"description": s("offline stand-in region"), "endpoint": s("ec2." + region + ".amazonaws.com")}
		},
		"aws:index/getCallerIdentity:getCallerIdentity": func(cfg Config, _ resource.PropertyMap) resource.PropertyMap {
			s, account := resource.NewStringProperty, awsAccount(cfg)
			return resource.PropertyMap{"id": s(account), "accountId": s(account),
				"arn": s("arn:aws:iam::" + account + ":user/offline-standin"), "userId": s("OFFLINESTANDIN")}
		},
		"aws:index/getAvailabilityZones:getAvailabilityZones": func(cfg Config, _ resource.PropertyMap) resource.PropertyMap {
			region, s := awsRegion(cfg), resource.NewStringProperty
			var names, ids []resource.PropertyValue
			for i, z := range []string{"a", "b", "c"} {
				names = append(names, s(region+z))
				ids = append(ids, s(fmt.Sprintf("offline-az%d", i+1)))
			}
			return resource.PropertyMap{"id": s(region), "names": resource.NewArrayProperty(names),
				"zoneIds": resource.NewArrayProperty(ids)}
		},
	},
	UpdateOfDeleted: awsUpdateOfDeleted,
}

func awsRegion(cfg Config) string { return cfg.get("region", "us-east-1") }

// awsRoleARN matches an IAM role ARN and captures its account.
var awsRoleARN = regexp.MustCompile(`^arn:aws[a-z-]*:iam::([0-9]{12}):role/`)

// awsAccount is the account the provider's credentials reach, as a recording cloud would see it:
// the account of the assumed role's ARN (assumeRole.roleArn), else an account derived from the
// profile's name (the stand-in cannot read the profile, so each profile gets an obviously fake
// account of its own), else fakeAWSAccount. A multi-account program's providers so create
// resources that say which account they are in (ARNs, ownerId, getCallerIdentity).
func awsAccount(cfg Config) string {
	var role struct {
		RoleArn string `json:"roleArn"`
	}
	if err := json.Unmarshal([]byte(cfg["assumeRole"]), &role); err == nil {
		if m := awsRoleARN.FindStringSubmatch(role.RoleArn); m != nil {
			return m[1]
		}
	}
	if p := cfg["profile"]; p != "" {
		return "9" + decimalOf(11, "profile", p)
	}
	return fakeAWSAccount
}

// awsName is pulumi-terraform-bridge's AutoName: "<name>-<7 hex>".
func awsName(urn resource.URN) string { return urn.Name() + "-" + hexOf(7, string(urn)) }

// awsEC2 gives an EC2 resource its id ("<prefix>-<17 hex>"), arn, ownerId and tagsAll.
func awsEC2(cfg Config, urn resource.URN, inputs, out resource.PropertyMap, prefix, arnKind string) string {
	id := prefix + "-" + hexOf(17, string(urn))
	out["arn"] = resource.NewStringProperty(fmt.Sprintf("arn:aws:ec2:%s:%s:%s/%s", awsRegion(cfg), awsAccount(cfg), arnKind, id))
	out["ownerId"], out["tagsAll"] = resource.NewStringProperty(awsAccount(cfg)), awsTagsAll(inputs)
	return id
}

// awsTagsAll is the tags plus the provider's default tags (none here).
func awsTagsAll(m resource.PropertyMap) resource.PropertyValue {
	if t, ok := m["tags"]; ok && t.IsObject() {
		return t
	}
	return resource.NewObjectProperty(resource.PropertyMap{})
}

// withTagsAll recomputes tagsAll on every update of a resource that has it.
func withTagsAll(resources map[string]*Resource) map[string]*Resource {
	for _, r := range resources {
		own := r.Update
		r.Update = func(oldState, oldInputs, news, out resource.PropertyMap) {
			if own != nil {
				own(oldState, oldInputs, news, out)
			}
			if _, ok := out["tagsAll"]; ok {
				out["tagsAll"] = awsTagsAll(news)
			}
		}
	}
	return resources
}

// awsSecurityGroupRule is a VPC security group rule, ingress or egress (the same schema).
func awsSecurityGroupRule(file string) *Resource {
	return &Resource{SDK: awsSDK.File(file),
		Replace:     []string{"securityGroupId"},
		ReplaceRule: awsRuleSourceKindChange,
		Check: func(inputs resource.PropertyMap) []checkFailure {
			n, unknown := 0, false
			for _, k := range awsRuleSourceKinds {
				if v, ok := inputs[resource.PropertyKey(k)]; ok && !v.IsNull() {
					n++
					unknown = unknown || v.ContainsUnknowns()
				}
			}
			if n != 1 && !unknown {
				return []checkFailure{{"cidrIpv4", fmt.Sprintf(
					"exactly one of cidrIpv4, cidrIpv6, prefixListId, referencedSecurityGroupId must be set (got %d)", n)}}
			}
			return nil
		},
		Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
			id := "sgr-" + hexOf(17, string(urn))
			out["arn"] = resource.NewStringProperty(fmt.Sprintf("arn:aws:ec2:%s:%s:security-group-rule/%s", awsRegion(cfg), awsAccount(cfg), id))
			out["securityGroupRuleId"], out["tagsAll"] = resource.NewStringProperty(id), awsTagsAll(inputs)
			return id
		},
	}
}

// awsRuleSourceKinds are the mutually exclusive sources of a VPC security group rule.
var awsRuleSourceKinds = []string{"cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"}

// awsRuleSourceKindChange mirrors securityGroupRuleResource.ModifyPlan: changing which kind of
// source a rule uses replaces it (both the old and the new attribute are reported).
func awsRuleSourceKindChange(oldInputs, news resource.PropertyMap) []string {
	kind := func(m resource.PropertyMap) string {
		for _, k := range awsRuleSourceKinds {
			if v, ok := m[resource.PropertyKey(k)]; ok && !v.IsNull() {
				return k
			}
		}
		return ""
	}
	oldKind, newKind := kind(oldInputs), kind(news)
	if oldKind == "" || newKind == "" || oldKind == newKind {
		return nil
	}
	return []string{oldKind, newKind}
}

// iamPath is an IAM role's path as it appears in its ARN ("/" by default).
func iamPath(inputs resource.PropertyMap) string {
	p := orDefault(str(inputs, "path"), "/")
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}
