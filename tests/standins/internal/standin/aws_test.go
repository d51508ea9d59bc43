package standin

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The aws table (aws.go).

const (
	ingressRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	egressRule  = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	secGroup    = "aws:ec2/securityGroup:SecurityGroup"
)

func TestAWSReplacements(t *testing.T) {
	rule := pm("securityGroupId", "sg-1", "ipProtocol", "tcp", "fromPort", 443, "toPort", 443,
		"cidrIpv4", "10.0.0.0/16", "description", "agents to appliance")
	testReplaces(t, []replaceCase{
		// DESIGN.md: a vpc.SecurityGroupIngressRule's CIDR, ports or description update in place...
		{"rule cidr updates in place", ingressRule, rule, with(rule, "cidrIpv4", "10.1.0.0/16"), []string{"cidrIpv4"}, nil},
		{"rule ports update in place", ingressRule, rule, with(rule, "fromPort", 7777, "toPort", 7777), []string{"fromPort", "toPort"}, nil},
		{"rule description updates in place", ingressRule, rule, with(rule, "description", "new"), []string{"description"}, nil},
		{"rule protocol updates in place", egressRule, rule, with(rule, "ipProtocol", "udp"), []string{"ipProtocol"}, nil},
		// ...and changing its group replaces it.
		{"rule group replaces", ingressRule, rule, with(rule, "securityGroupId", "sg-2"), []string{"securityGroupId"}, []string{"securityGroupId"}},
		{"rule unknown group replaces", egressRule, rule, with(rule, "securityGroupId", unknown()), []string{"securityGroupId"}, []string{"securityGroupId"}},
		{"rule source kind change replaces", ingressRule, rule, with(without(rule, "cidrIpv4"), "prefixListId", "pl-1"),
			[]string{"cidrIpv4", "prefixListId"}, []string{"cidrIpv4", "prefixListId"}},
		{"rule unchanged", ingressRule, rule, rule.Copy(), nil, nil},

		// DESIGN.md: SecurityGroup vpcId/name/description replace; tags do not.
		{"sg vpc replaces", secGroup, pm("vpcId", "vpc-1", "name", "a", "description", "d"),
			pm("vpcId", "vpc-2", "name", "a", "description", "d"), []string{"vpcId"}, []string{"vpcId"}},
		{"sg name replaces", secGroup, pm("vpcId", "vpc-1", "name", "a"), pm("vpcId", "vpc-1", "name", "b"), []string{"name"}, []string{"name"}},
		{"sg description replaces", secGroup, pm("description", "a"), pm("description", "b"), []string{"description"}, []string{"description"}},
		{"sg tags update", secGroup, pm("vpcId", "vpc-1", "tags", map[string]any{"a": "1"}),
			pm("vpcId", "vpc-1", "tags", map[string]any{"a": "2"}), []string{"tags"}, nil},

		{"prefix list entries update", "aws:ec2/managedPrefixList:ManagedPrefixList",
			pm("addressFamily", "IPv4", "maxEntries", 10, "entries", []any{map[string]any{"cidr": "10.0.0.0/16"}}),
			pm("addressFamily", "IPv4", "maxEntries", 10, "entries", []any{map[string]any{"cidr": "10.0.0.0/16"}, map[string]any{"cidr": "10.1.0.0/16"}}),
			[]string{"entries"}, nil},
		{"prefix list family replaces", "aws:ec2/managedPrefixList:ManagedPrefixList",
			pm("addressFamily", "IPv4"), pm("addressFamily", "IPv6"), []string{"addressFamily"}, []string{"addressFamily"}},
		{"subnet cidr replaces", "aws:ec2/subnet:Subnet", pm("vpcId", "v", "cidrBlock", "10.0.1.0/24"),
			pm("vpcId", "v", "cidrBlock", "10.0.2.0/24"), []string{"cidrBlock"}, []string{"cidrBlock"}},
		{"subnet added tag updates", "aws:ec2/subnet:Subnet", pm("vpcId", "v"), pm("vpcId", "v", "tags", map[string]any{"k": "v"}), []string{"tags"}, nil},
		{"route target updates", "aws:ec2/route:Route", pm("routeTableId", "rtb-1", "destinationCidrBlock", "0.0.0.0/0", "natGatewayId", "nat-1"),
			pm("routeTableId", "rtb-1", "destinationCidrBlock", "0.0.0.0/0", "natGatewayId", "nat-2"), []string{"natGatewayId"}, nil},
		{"route destination replaces", "aws:ec2/route:Route", pm("routeTableId", "rtb-1", "destinationCidrBlock", "0.0.0.0/0"),
			pm("routeTableId", "rtb-1", "destinationCidrBlock", "10.0.0.0/8"), []string{"destinationCidrBlock"}, []string{"destinationCidrBlock"}},
		{"association route table updates", "aws:ec2/routeTableAssociation:RouteTableAssociation", pm("routeTableId", "a", "subnetId", "s"),
			pm("routeTableId", "b", "subnetId", "s"), []string{"routeTableId"}, nil},
		{"association subnet replaces", "aws:ec2/routeTableAssociation:RouteTableAssociation", pm("routeTableId", "a", "subnetId", "s"),
			pm("routeTableId", "a", "subnetId", "t"), []string{"subnetId"}, []string{"subnetId"}},

		// The SSH expiry's scheduler.
		{"role policy doc updates", "aws:iam/role:Role", pm("name", "r", "assumeRolePolicy", "{}"), pm("name", "r", "assumeRolePolicy", `{"a":1}`),
			[]string{"assumeRolePolicy"}, nil},
		{"role rename replaces", "aws:iam/role:Role", pm("name", "r"), pm("name", "s"), []string{"name"}, []string{"name"}},
		{"role path replaces", "aws:iam/role:Role", pm("name", "r", "path", "/"), pm("name", "r", "path", "/x/"), []string{"path"}, []string{"path"}},
		{"role policy document updates", "aws:iam/rolePolicy:RolePolicy", pm("role", "r", "policy", "{}"), pm("role", "r", "policy", "{ }"),
			[]string{"policy"}, nil},
		{"role policy role replaces", "aws:iam/rolePolicy:RolePolicy", pm("role", "r", "policy", "{}"), pm("role", "q", "policy", "{}"),
			[]string{"role"}, []string{"role"}},
		{"schedule expression updates", "aws:scheduler/schedule:Schedule", pm("name", "n", "scheduleExpression", "at(2030-01-01T00:00:00)"),
			pm("name", "n", "scheduleExpression", "at(2030-01-02T00:00:00)"), []string{"scheduleExpression"}, nil},
		{"schedule group replaces", "aws:scheduler/schedule:Schedule", pm("name", "n", "groupName", "default"), pm("name", "n", "groupName", "g"),
			[]string{"groupName"}, []string{"groupName"}},

		// An appliance instance (examples/appliances-yaml).
		{"instance type updates in place", ec2Instance, applianceInstance(), with(applianceInstance(), "instanceType", "c5.xlarge"),
			[]string{"instanceType"}, nil},
		{"instance security groups update in place", ec2Instance, applianceInstance(),
			with(applianceInstance(), "vpcSecurityGroupIds", []any{"sg-1", "sg-2"}), []string{"vpcSecurityGroupIds"}, nil},
		{"instance tags update in place", ec2Instance, applianceInstance(), with(applianceInstance(), "tags", map[string]any{"Name": "b"}),
			[]string{"tags"}, nil},
		{"instance image replaces", ec2Instance, applianceInstance(), with(applianceInstance(), "ami", "ami-2"),
			[]string{"ami"}, []string{"ami"}},
		{"instance subnet replaces", ec2Instance, applianceInstance(), with(applianceInstance(), "subnetId", unknown()),
			[]string{"subnetId"}, []string{"subnetId"}},
		{"instance root volume size updates in place", ec2Instance, applianceInstance(),
			with(applianceInstance(), "rootBlockDevice", map[string]any{"encrypted": true, "volumeSize": 100}), []string{"rootBlockDevice"}, nil},
		{"instance root volume encryption replaces", ec2Instance, applianceInstance(),
			with(applianceInstance(), "rootBlockDevice", map[string]any{"encrypted": false, "volumeSize": 50}),
			[]string{"rootBlockDevice"}, []string{"rootBlockDevice"}},
		{"instance ebs volume added replaces", ec2Instance, applianceInstance(),
			with(applianceInstance(), "ebsBlockDevices", []any{map[string]any{"deviceName": "/dev/sdf", "volumeSize": 10}}),
			[]string{"ebsBlockDevices"}, []string{"ebsBlockDevices"}},
		{"instance ebs volume tags update in place", ec2Instance,
			with(applianceInstance(), "ebsBlockDevices", []any{map[string]any{"deviceName": "/dev/sdf", "tags": map[string]any{"a": "1"}}}),
			with(applianceInstance(), "ebsBlockDevices", []any{map[string]any{"deviceName": "/dev/sdf", "tags": map[string]any{"a": "2"}}}),
			[]string{"ebsBlockDevices"}, nil},
		{"instance user data updates in place", ec2Instance, applianceInstance(), with(applianceInstance(), "userData", "#!/bin/sh"),
			[]string{"userData"}, nil},
		{"instance user data replaces when asked", ec2Instance, with(applianceInstance(), "userDataReplaceOnChange", true),
			with(applianceInstance(), "userDataReplaceOnChange", true, "userData", "#!/bin/sh"), []string{"userData"}, []string{"userData"}},
		{"instance primary IPv6 turned off replaces", ec2Instance, with(applianceInstance(), "enablePrimaryIpv6", true),
			with(applianceInstance(), "enablePrimaryIpv6", false), []string{"enablePrimaryIpv6"}, []string{"enablePrimaryIpv6"}},
		{"instance primary IPv6 turned on updates in place", ec2Instance, applianceInstance(),
			with(applianceInstance(), "enablePrimaryIpv6", true), []string{"enablePrimaryIpv6"}, nil},
	})
}

const ec2Instance = "aws:ec2/instance:Instance"

// An appliance instance as examples/appliances-yaml declares it.
func applianceInstance() resource.PropertyMap {
	return pm("ami", "ami-1", "instanceType", "c5.large", "subnetId", "subnet-1", "vpcSecurityGroupIds", []any{"sg-1"},
		"rootBlockDevice", map[string]any{"encrypted": true, "volumeSize": 50}, "tags", map[string]any{"Name": "a"})
}

func TestCheckAutoNamesDefaultsAndRequired(t *testing.T) {
	urn := urnOf(secGroup, "appliance")
	got, failures := check(lookupSpec(secGroup), urn, nil, pm("vpcId", "vpc-1"))
	if len(failures) != 0 {
		t.Fatalf("failures %v", failures)
	}
	name := got["name"].StringValue()
	if !strings.HasPrefix(name, "appliance-") || len(name) != len("appliance-")+7 {
		t.Fatalf("autoname %q", name)
	}
	again, _ := check(lookupSpec(secGroup), urn, nil, pm("vpcId", "vpc-1"))
	if again["name"].StringValue() != name {
		t.Fatal("autoname not deterministic")
	}
	kept, _ := check(lookupSpec(secGroup), urn, pm("name", "chosen-before"), pm("vpcId", "vpc-1"))
	if kept["name"].StringValue() != "chosen-before" {
		t.Fatal("autoname not kept from old inputs")
	}
	if got["description"].StringValue() != "Managed by Pulumi" {
		t.Fatalf("description default %v", got["description"])
	}

	_, failures = check(lookupSpec(ingressRule), urn, nil, pm("ipProtocol", "tcp"))
	if len(failures) != 2 { // securityGroupId missing, and no source
		t.Fatalf("failures %v", failures)
	}
	_, failures = check(lookupSpec(ingressRule), urn, nil, pm("ipProtocol", "tcp", "securityGroupId", unknown(), "prefixListId", unknown()))
	if len(failures) != 0 {
		t.Fatalf("unknowns must pass check: %v", failures)
	}

	got, _ = check(lookupSpec("aws:scheduler/schedule:Schedule"), urnOf("aws:scheduler/schedule:Schedule", "close-ssh"), nil,
		pm("scheduleExpression", "at(2030-01-01T00:00:00)", "flexibleTimeWindow", map[string]any{"mode": "OFF"}, "target", map[string]any{}))
	if !strings.HasPrefix(got["name"].StringValue(), "close-ssh-") || got["scheduleExpressionTimezone"].StringValue() != "UTC" ||
		got["state"].StringValue() != "ENABLED" {
		t.Fatalf("schedule %v", got)
	}
}

func TestAWSIDs(t *testing.T) {
	cfg := configs{"aws": {"region": "eu-west-1"}}
	for tok, prefix := range map[string]string{
		secGroup:                        "sg-",
		ingressRule:                     "sgr-",
		"aws:ec2/subnet:Subnet":         "subnet-",
		"aws:ec2/routeTable:RouteTable": "rtb-",
		"aws:ec2/managedPrefixList:ManagedPrefixList": "pl-",
		ec2Instance: "i-",
	} {
		id, out := createTwice(t, cfg, tok, "x", pm("name", "sub1"))
		if !strings.HasPrefix(id, prefix) {
			t.Errorf("%s: id %q, want prefix %q", tok, id, prefix)
		}
		if arn := out["arn"].StringValue(); !strings.HasPrefix(arn, "arn:aws:ec2:eu-west-1:123456789012:") {
			t.Errorf("%s: arn %q", tok, arn)
		}
	}
}

func TestAWSOutputsAreCloudShaped(t *testing.T) {
	testOutputShapes(t, configs{"aws": {"region": "eu-west-1"}}, []shapeCase{
		{secGroup, pm("name", "appliance", "vpcId", "vpc-1"), map[string]string{
			"id": `^sg-[0-9a-f]{17}$`, "ownerId": `^[0-9]{12}$`,
			"arn": `^arn:aws:ec2:eu-west-1:[0-9]{12}:security-group/sg-[0-9a-f]{17}$`}},
		{ingressRule, pm("securityGroupId", "sg-1", "ipProtocol", "tcp", "cidrIpv4", "10.0.0.0/8"), map[string]string{
			"id": `^sgr-[0-9a-f]{17}$`, "securityGroupRuleId": `^sgr-[0-9a-f]{17}$`}},
		{"aws:scheduler/scheduleGroup:ScheduleGroup", pm("name", "tm-ssh"), map[string]string{
			"id": `^tm-ssh$`, "arn": `^arn:aws:scheduler:eu-west-1:[0-9]{12}:schedule-group/tm-ssh$`, "state": `^ACTIVE$`}},
		{"aws:scheduler/schedule:Schedule", pm("name", "close", "groupName", "tm-ssh"), map[string]string{
			"id": `^tm-ssh/close$`, "arn": `^arn:aws:scheduler:eu-west-1:[0-9]{12}:schedule/tm-ssh/close$`}},
		{"aws:iam/role:Role", pm("name", "r"), map[string]string{"arn": `^arn:aws:iam::[0-9]{12}:role/r$`}},
		{ec2Instance, applianceInstance(), map[string]string{
			"id": `^i-[0-9a-f]{17}$`, "arn": `^arn:aws:ec2:eu-west-1:[0-9]{12}:instance/i-[0-9a-f]{17}$`,
			"primaryNetworkInterfaceId": `^eni-[0-9a-f]{17}$`, "instanceState": `^running$`,
			"privateIp": `^10\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$`, "privateDns": `^ip-10-[0-9-]+\.eu-west-1\.compute\.internal$`}},
	})
}

// A provider resource's assumed role or profile says which account its resources are in, as the
// real cloud would (examples/multi-account-yaml): the role ARN's account, a fake account of the
// profile's own, or the default fake account. Configure takes the assumed role as the object the
// engine sends in Args, or as the JSON of Variables.
func TestAWSAccountFromProviderConfig(t *testing.T) {
	role := map[string]any{"roleArn": "arn:aws:iam::210987654321:role/threatmanager-deployer", "sessionName": "threatmanager"}
	roleJSON := `{"roleArn":"arn:aws:iam::210987654321:role/threatmanager-deployer"}`
	for _, c := range []struct {
		name      string
		args      resource.PropertyMap
		variables map[string]string
		want      string
	}{
		{"assumed role in Args", pm("region", "eu-west-1", "assumeRole", role), nil, "210987654321"},
		{"assumed role in Variables", pm("region", "eu-west-1"), map[string]string{"aws:config:assumeRole": roleJSON}, "210987654321"},
		{"assumed role over profile", pm("profile", "security", "assumeRole", role), nil, "210987654321"},
		{"profile", pm("profile", "security"), nil, awsAccount(Config{"profile": "security"})},
		{"neither", pm("region", "eu-west-1"), nil, fakeAWSAccount},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := New(Clouds["aws"], nil)
			args, _ := marshal(c.args)
			//nolint:staticcheck // SA1019: the engine still sends Variables, and Configure reads them (server.go)
			if _, err := s.Configure(context.Background(), &pulumirpc.ConfigureRequest{Args: args, Variables: c.variables}); err != nil {
				t.Fatal(err)
			}
			r, err := s.Invoke(context.Background(), &pulumirpc.InvokeRequest{Tok: "aws:index/getCallerIdentity:getCallerIdentity"})
			if err != nil {
				t.Fatal(err)
			}
			wantString(t, "getCallerIdentity accountId", r.GetReturn().GetFields()["accountId"].GetStringValue(), c.want)
			_, out := createOutputs(configs{"aws": s.config()}, urnOf(secGroup, "sg"), pm("vpcId", "vpc-1"))
			wantString(t, "security group ownerId", str(out, "ownerId"), c.want)
		})
	}
	a, b := awsAccount(Config{"profile": "security"}), awsAccount(Config{"profile": "workloads"})
	if a == b || !regexp.MustCompile(`^[0-9]{12}$`).MatchString(a) || a == fakeAWSAccount {
		t.Errorf("profile accounts %q and %q: want two different 12-digit accounts", a, b)
	}
	schema, _ := Clouds["aws"].Schema()
	if !strings.Contains(string(schema), `"assumeRole"`) {
		t.Error("the aws schema's provider inputs lack assumeRole: pulumi-yaml would refuse a provider resource setting it")
	}
}

func TestAWSExpiryTypesCreateOutputs(t *testing.T) {
	cfg := configs{"aws": {"region": "eu-west-1"}}
	id, out := createTwice(t, cfg, "aws:iam/role:Role", "r", pm("name", "expiry-role", "assumeRolePolicy", "{}", "path", "/"))
	wantString(t, "role id", id, "expiry-role")
	wantString(t, "role arn", out["arn"].StringValue(), "arn:aws:iam::123456789012:role/expiry-role")
	if !strings.HasPrefix(out["uniqueId"].StringValue(), "AROA") || out["createDate"].StringValue() == "" || !out["tagsAll"].IsObject() {
		t.Errorf("role outputs %v", out)
	}
	id, _ = createTwice(t, cfg, "aws:iam/rolePolicy:RolePolicy", "rp", pm("name", "pol", "role", "expiry-role", "policy", "{}"))
	wantString(t, "role policy id", id, "expiry-role:pol")
	id, out = createTwice(t, cfg, "aws:scheduler/schedule:Schedule", "s", pm("name", "close-ssh"))
	wantString(t, "schedule arn", out["arn"].StringValue(), "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/close-ssh")
	wantString(t, "schedule group", out["groupName"].StringValue(), "default")
	wantString(t, "schedule id", id, "default/close-ssh")
	id, out = createTwice(t, cfg, secGroup, "sg", pm("vpcId", "vpc-1"))
	wantString(t, "sg arn", out["arn"].StringValue(), "arn:aws:ec2:eu-west-1:123456789012:security-group/"+id)
	wantString(t, "sg owner", out["ownerId"].StringValue(), "123456789012")
	id, out = createTwice(t, cfg, ingressRule, "ssh", pm("securityGroupId", id, "ipProtocol", "tcp"))
	wantString(t, "rule id output", out["securityGroupRuleId"].StringValue(), id)
}

// An update recomputes tagsAll, and a prefix list's version moves on when its entries change.
func TestAWSUpdateOutputs(t *testing.T) {
	pl := "aws:ec2/managedPrefixList:ManagedPrefixList"
	olds := pm("name", "pl", "entries", []any{map[string]any{"cidr": "10.0.0.0/8"}}, "tags", map[string]any{"a": "1"})
	_, state := createOutputs(nil, urnOf(pl, "pl"), olds)
	upd := updateOutputs(pl, state, olds, with(olds, "tags", map[string]any{"a": "2"}))
	if upd["version"].NumberValue() != 1 || upd["tagsAll"].ObjectValue()["a"].StringValue() != "2" {
		t.Errorf("tags changed: %v", upd)
	}
	upd = updateOutputs(pl, upd, olds, with(olds, "entries", []any{}))
	if upd["version"].NumberValue() != 2 {
		t.Errorf("entries changed: %v", upd)
	}
}

// The cloud deleted the SSH rule (the expiry fired), then a new window updates its description
// without a refresh: pulumi-aws calls ModifySecurityGroupRules on the old id and fails.
func TestAWSUpdateOfResourceDeletedOutOfBand(t *testing.T) {
	sshRule := pm("securityGroupId", "sg-1", "ipProtocol", "tcp", "fromPort", 22, "toPort", 22, "cidrIpv4", "10.0.0.0/8", "description", "ssh until A")
	s, id, _, err := updateAfterDeletion(t, ingressRule, sshRule)
	wantFailedAndGone(t, s, err, ingressRule, sshRule, "updating VPC Security Group Rule (sgr-")
	if !strings.Contains(err.Error(), "api error InvalidSecurityGroupRuleId.NotFound: The security group rule ID '"+id+"' does not exist") {
		t.Fatalf("aws error %v", err)
	}
}
