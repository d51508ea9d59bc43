package standin

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func pm(kv ...any) resource.PropertyMap {
	m := resource.PropertyMap{}
	for i := 0; i < len(kv); i += 2 {
		m[resource.PropertyKey(kv[i].(string))] = resource.NewPropertyValue(kv[i+1])
	}
	return m
}

func unknown() resource.PropertyValue { return resource.MakeComputed(resource.NewStringProperty("")) }

const (
	ingressRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	egressRule  = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	secGroup    = "aws:ec2/securityGroup:SecurityGroup"
)

func TestDiffReplaceLogic(t *testing.T) {
	rule := pm("securityGroupId", "sg-1", "ipProtocol", "tcp", "fromPort", 443, "toPort", 443,
		"cidrIpv4", "10.0.0.0/16", "description", "agents to appliance")
	with := func(base resource.PropertyMap, kv ...any) resource.PropertyMap {
		out := base.Copy()
		for k, v := range pm(kv...) {
			out[k] = v
		}
		return out
	}
	without := func(base resource.PropertyMap, keys ...string) resource.PropertyMap {
		out := base.Copy()
		for _, k := range keys {
			delete(out, resource.PropertyKey(k))
		}
		return out
	}

	cases := []struct {
		name         string
		token        string
		olds, news   resource.PropertyMap
		wantChanged  []string
		wantReplaces []string
	}{
		// DESIGN.md: a vpc.SecurityGroupIngressRule's CIDR, ports or description update in place...
		{"rule cidr updates in place", ingressRule, rule, with(rule, "cidrIpv4", "10.1.0.0/16"), []string{"cidrIpv4"}, nil},
		{"rule ports update in place", ingressRule, rule, with(rule, "fromPort", 7777, "toPort", 7777), []string{"fromPort", "toPort"}, nil},
		{"rule description updates in place", ingressRule, rule, with(rule, "description", "new"), []string{"description"}, nil},
		{"rule protocol updates in place", egressRule, rule, with(rule, "ipProtocol", "udp"), []string{"ipProtocol"}, nil},
		// ...and changing its group replaces it.
		{"rule group replaces", ingressRule, rule, with(rule, "securityGroupId", "sg-2"), []string{"securityGroupId"}, []string{"securityGroupId"}},
		{"rule unknown group replaces", egressRule, rule, func() resource.PropertyMap {
			m := rule.Copy()
			m["securityGroupId"] = unknown()
			return m
		}(), []string{"securityGroupId"}, []string{"securityGroupId"}},
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

		{"azure rule priority updates", "azure-native:network:SecurityRule",
			pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "r", "priority", 100),
			pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "r", "priority", 110),
			[]string{"priority"}, nil},
		{"azure rule rename replaces", "azure-native:network:SecurityRule",
			pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "r"),
			pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "s"),
			[]string{"securityRuleName"}, []string{"securityRuleName"}},
		{"azure nsg location normalised", "azure-native:network:NetworkSecurityGroup",
			pm("resourceGroupName", "rg", "location", "West US 2"), pm("resourceGroupName", "rg", "location", "westus2"), nil, nil},
		{"azure subnet nsg association updates", "azure-native:network:Subnet",
			pm("resourceGroupName", "rg", "virtualNetworkName", "vn", "subnetName", "s", "addressPrefix", "10.0.0.0/24"),
			pm("resourceGroupName", "rg", "virtualNetworkName", "vn", "subnetName", "s", "addressPrefix", "10.0.0.0/24",
				"networkSecurityGroup", map[string]any{"id": "/x"}), []string{"networkSecurityGroup"}, nil},
		{"azure subnet vnet replaces", "azure-native:network:Subnet",
			pm("resourceGroupName", "rg", "virtualNetworkName", "vn", "subnetName", "s"),
			pm("resourceGroupName", "rg", "virtualNetworkName", "vn2", "subnetName", "s"), []string{"virtualNetworkName"}, []string{"virtualNetworkName"}},

		{"gcp firewall ranges update", "gcp:compute/firewall:Firewall",
			pm("name", "fw", "network", "n", "sourceRanges", []any{"10.0.0.0/8"}), pm("name", "fw", "network", "n", "sourceRanges", []any{"10.0.0.0/16"}),
			[]string{"sourceRanges"}, nil},
		{"gcp firewall network updates", "gcp:compute/firewall:Firewall", pm("name", "fw", "network", "n"), pm("name", "fw", "network", "m"), []string{"network"}, nil},
		{"gcp firewall direction replaces", "gcp:compute/firewall:Firewall", pm("name", "fw", "direction", "INGRESS"),
			pm("name", "fw", "direction", "EGRESS"), []string{"direction"}, []string{"direction"}},
		{"gcp subnetwork expand updates", "gcp:compute/subnetwork:Subnetwork", pm("name", "s", "network", "n", "ipCidrRange", "10.0.1.0/24"),
			pm("name", "s", "network", "n", "ipCidrRange", "10.0.0.0/16"), []string{"ipCidrRange"}, nil},
		{"gcp subnetwork shrink replaces", "gcp:compute/subnetwork:Subnetwork", pm("name", "s", "network", "n", "ipCidrRange", "10.0.0.0/16"),
			pm("name", "s", "network", "n", "ipCidrRange", "10.0.1.0/24"), []string{"ipCidrRange"}, []string{"ipCidrRange"}},
		{"gcp subnetwork move replaces", "gcp:compute/subnetwork:Subnetwork", pm("name", "s", "network", "n", "ipCidrRange", "10.0.0.0/24"),
			pm("name", "s", "network", "n", "ipCidrRange", "10.0.1.0/24"), []string{"ipCidrRange"}, []string{"ipCidrRange"}},

		{"unknown type never replaces", "example:index:Thing", pm("vpcId", "a", "name", "x"), pm("vpcId", "b", "name", "y"),
			[]string{"name", "vpcId"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := computeDiff(lookupSpec(c.token), c.olds, c.news)
			if !reflect.DeepEqual(d.Changed, c.wantChanged) {
				t.Errorf("changed = %v, want %v", d.Changed, c.wantChanged)
			}
			if !reflect.DeepEqual(d.Replaces, c.wantReplaces) {
				t.Errorf("replaces = %v, want %v", d.Replaces, c.wantReplaces)
			}
			for _, k := range c.wantReplaces {
				switch d.Detailed[k] {
				case pulumirpc.PropertyDiff_UPDATE_REPLACE, pulumirpc.PropertyDiff_ADD_REPLACE, pulumirpc.PropertyDiff_DELETE_REPLACE:
				default:
					t.Errorf("detailed[%s] = %v, want a *_REPLACE kind", k, d.Detailed[k])
				}
			}
		})
	}
}

// Every replace-on-change property in the table must exist in the pinned SDK's inputs: a typo would
// silently turn a replacement into an update.
func TestReplaceTableMatchesSDK(t *testing.T) {
	for tok, s := range specs() {
		p, ok := sdkProperties[tok]
		if !ok {
			t.Errorf("%s: no SDK properties", tok)
			continue
		}
		for _, k := range append(append([]string{}, s.Replace...), s.AutoName) {
			if _, ok := p.Inputs[k]; k != "" && !ok {
				t.Errorf("%s: %q is not an input of the pinned SDK", tok, k)
			}
		}
	}
}

// The supported types and the generated property lists are the same set: a generated type
// without a spec would be refused by Check, a spec without properties could not be checked.
func TestEverySDKTypeHasASpec(t *testing.T) {
	for tok := range sdkProperties {
		if _, ok := specs()[tok]; !ok {
			t.Errorf("%s: generated but has no spec in resources.go", tok)
		}
	}
}

// Through the gRPC method: the old state carries computed outputs (arn, ...) which are not inputs;
// without old inputs from the engine they must not count as deletions.
func TestServerDiffIgnoresComputedOutputs(t *testing.T) {
	s := New(Clouds["aws"], nil)
	urn := resource.NewURN("dev", "proj", "", secGroup, "sg")
	inputs := pm("vpcId", "vpc-1", "name", "sg-abc", "description", "d")
	_, state := createOutputs(nil, urn, inputs)
	olds, _ := marshal(state)
	news, _ := marshal(inputs)
	resp, err := s.Diff(context.Background(), &pulumirpc.DiffRequest{Urn: string(urn), Olds: olds, News: news})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Fatalf("changes = %v (diffs %v), want none", resp.GetChanges(), resp.GetDiffs())
	}

	news2, _ := marshal(with1(inputs, "vpcId", "vpc-2"))
	resp, err = s.Diff(context.Background(), &pulumirpc.DiffRequest{Urn: string(urn), Olds: olds, News: news2, OldInputs: news})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || !reflect.DeepEqual(resp.GetReplaces(), []string{"vpcId"}) {
		t.Fatalf("got changes %v replaces %v, want vpcId replacement", resp.GetChanges(), resp.GetReplaces())
	}
	if k := resp.GetDetailedDiff()["vpcId"].GetKind(); k != pulumirpc.PropertyDiff_UPDATE_REPLACE {
		t.Fatalf("detailed kind %v", k)
	}
}

func with1(m resource.PropertyMap, k string, v any) resource.PropertyMap {
	out := m.Copy()
	out[resource.PropertyKey(k)] = resource.NewPropertyValue(v)
	return out
}

func TestCheckAutoNamesDefaultsAndRequired(t *testing.T) {
	urn := resource.NewURN("dev", "proj", "", secGroup, "appliance")
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
}

func TestCreateIDs(t *testing.T) {
	cfg := configs{"aws": {"region": "eu-west-1"}}
	for tok, prefix := range map[string]string{
		secGroup:                        "sg-",
		ingressRule:                     "sgr-",
		"aws:ec2/subnet:Subnet":         "subnet-",
		"aws:ec2/routeTable:RouteTable": "rtb-",
		"aws:ec2/managedPrefixList:ManagedPrefixList": "pl-",
		"azure-native:network:NetworkSecurityGroup":   "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg1",
		"gcp:compute/subnetwork:Subnetwork":           "projects/offline-standin-project/regions/us-central1/subnetworks/sub1",
	} {
		urn := resource.NewURN("dev", "proj", "", tokenType(tok), "x")
		id, out := createOutputs(cfg, urn, pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg1", "name", "sub1", "ipCidrRange", "10.0.0.0/24"))
		if !strings.HasPrefix(id, prefix) {
			t.Errorf("%s: id %q, want prefix %q", tok, id, prefix)
		}
		id2, _ := createOutputs(cfg, urn, pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg1", "name", "sub1", "ipCidrRange", "10.0.0.0/24"))
		if id != id2 {
			t.Errorf("%s: ids not deterministic", tok)
		}
		if strings.HasPrefix(tok, "aws:") && tok != "aws:ec2/routeTableAssociation:RouteTableAssociation" {
			if arn := out["arn"].StringValue(); !strings.HasPrefix(arn, "arn:aws:ec2:eu-west-1:123456789012:") {
				t.Errorf("%s: arn %q", tok, arn)
			}
		}
		if tok == "gcp:compute/subnetwork:Subnetwork" && out["gatewayAddress"].StringValue() != "10.0.0.1" {
			t.Errorf("gateway %v", out["gatewayAddress"])
		}
	}
}

func tokenType(tok string) tokens.Type { return tokens.Type(tok) }

func TestSchemaIsValidJSONPerCloud(t *testing.T) {
	for name, f := range Clouds {
		b, err := f.Schema()
		if err != nil {
			t.Fatal(err)
		}
		var pkg struct {
			Name      string                    `json:"name"`
			Version   string                    `json:"version"`
			Resources map[string]map[string]any `json:"resources"`
		}
		if err := json.Unmarshal(b, &pkg); err != nil {
			t.Fatal(err)
		}
		if pkg.Name != name || pkg.Version != f.Version || len(pkg.Resources) == 0 {
			t.Errorf("%s: schema %s %s with %d resources", name, pkg.Name, pkg.Version, len(pkg.Resources))
		}
		for tok := range pkg.Resources {
			if !strings.HasPrefix(tok, name+":") {
				t.Errorf("%s: foreign token %s", name, tok)
			}
		}
	}
}

// A program reads into the object outputs (`${wf.identity.principalId}`): the schema types them as
// objects, every $ref resolves, and the input of the same name stays Any.
func TestSchemaObjectOutputs(t *testing.T) {
	b, err := Clouds["azure-native"].Schema()
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Resources map[string]struct {
			InputProperties map[string]map[string]any `json:"inputProperties"`
			Properties      map[string]map[string]any `json:"properties"`
		} `json:"resources"`
		Types map[string]struct {
			Type       string                    `json:"type"`
			Properties map[string]map[string]any `json:"properties"`
		} `json:"types"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	wf := pkg.Resources["azure-native:logic:Workflow"]
	ref, _ := wf.Properties["identity"]["$ref"].(string)
	typ, ok := pkg.Types[strings.TrimPrefix(ref, "#/types/")]
	if ref != "#/types/azure-native:logic:ManagedServiceIdentityResponse" || !ok || typ.Type != "object" {
		t.Fatalf("Workflow output identity: $ref %q, type %+v", ref, typ)
	}
	if _, ok := typ.Properties["principalId"]; !ok {
		t.Errorf("identity's type has no principalId: %v", typ.Properties)
	}
	if in := wf.InputProperties["identity"]["$ref"]; in != "pulumi.json#/Any" {
		t.Errorf("Workflow input identity: $ref %v, want Any", in)
	}
	for tok, r := range pkg.Resources {
		for name, p := range r.Properties {
			if ref, _ := p["$ref"].(string); strings.HasPrefix(ref, "#/types/") {
				if _, ok := pkg.Types[strings.TrimPrefix(ref, "#/types/")]; !ok {
					t.Errorf("%s.%s: $ref %s has no type", tok, name, ref)
				}
			}
		}
	}
}
