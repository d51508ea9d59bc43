package azurerender

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// Type tokens, constant: under mocks GetTypeToken is empty.
const (
	nsgType    = "azure-native:network:NetworkSecurityGroup"
	ruleType   = "azure-native:network:SecurityRule"
	subnetType = "azure-native:network:Subnet"

	workflowType       = "azure-native:logic:Workflow"
	roleDefinitionType = "azure-native:authorization:RoleDefinition"
	roleAssignmentType = "azure-native:authorization:RoleAssignment"
)

type scenario struct {
	datacenter string
	agents     []string
	dns        []string
	ssh        string
	// sshInCloud is sshAccess.enforceInCloud; nil means the default (on).
	sshInCloud *bool
	tags       map[string]string
}

var defaultScenario = scenario{
	agents: []string{"10.0.0.0/16"},
	tags:   map[string]string{"team": "secops"},
}

// render plans s and renders it under mocks, returning the recorder and the
// rule names the component would export.
func (s scenario) render(t *testing.T) (*rendertest.Recorder, []string) {
	t.Helper()
	in := rules.Input{
		Datacenter: rendertest.Optional(s.datacenter),
		AgentCIDRs: rules.KnownAgents(s.agents...),
		DNSServers: s.dns,
		Tags:       s.tags,
		Clouds: []rules.CloudInput{&azure.Input{
			ResourceGroupName:   rules.Present,
			VirtualNetworkName:  rules.Present,
			SubnetAddressPrefix: "10.1.0.0/24",
		}},
	}
	if s.ssh != "" {
		in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: s.ssh, EnforceInCloud: s.sshInCloud}
	}
	plan, err := rules.Build("tm", in, now)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	rec, err := s.run(plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range layout(plan).SecurityRules {
		names = append(names, r.Name)
	}
	return rec, names
}

func (s scenario) run(plan rules.Plan) (*rendertest.Recorder, error) {
	return rendertest.RunUnderComponent(func(ctx *pulumi.Context, parent pulumi.Resource) error {
		_, err := Render(ctx, parent, plan, pulumi.ToStringArray(plan.AgentCIDRs).ToStringArrayOutput(), Inputs{
			ResourceGroupName:  pulumi.String("rg-1"),
			VirtualNetworkName: pulumi.String("vnet-1"),
		})
		return err
	})
}

func strs(v resource.PropertyValue) []string {
	if !v.IsArray() {
		return nil
	}
	var out []string
	for _, e := range v.ArrayValue() {
		out = append(out, e.StringValue())
	}
	return out
}

// ruleRows renders security rule resources as seed rows, one per peer:
// "egress tcp 443 204.110.218.96/27", with "deny " before denies.
func ruleRows(rec *rendertest.Recorder) []string {
	var rows []string
	for _, r := range rec.OfType(ruleType) {
		dir, peers, self := "egress", strs(r.Inputs["destinationAddressPrefixes"]), r.Str("sourceAddressPrefix")
		if r.Str("direction") == "Inbound" {
			dir, peers, self = "ingress", strs(r.Inputs["sourceAddressPrefixes"]), r.Str("destinationAddressPrefix")
		}
		proto, ports := strings.ToLower(r.Str("protocol")), r.Str("destinationPortRange")
		if proto == "*" {
			proto = "all"
		}
		if ports == "*" {
			ports = "all"
		}
		access := ""
		if r.Str("access") == "Deny" {
			access = "deny "
		}
		if self != "*" || r.Str("sourcePortRange") != "*" {
			rows = append(rows, fmt.Sprintf("%s: appliance side %q, source ports %q", r.Name, self, r.Str("sourcePortRange")))
		}
		for _, peer := range peers {
			rows = append(rows, access+strings.Join([]string{dir, proto, ports, peer}, " "))
		}
	}
	sort.Strings(rows)
	return rows
}

func TestNSGCarriesExactlyTheSeedsRules(t *testing.T) {
	for _, dc := range []string{"us", "eu"} {
		t.Run(dc, func(t *testing.T) {
			s := defaultScenario
			s.datacenter = dc
			rec, _ := s.render(t)
			got, want := ruleRows(rec), rendertest.Sorted(append(rendertest.SeedRows(dc, "10.0.0.0/16"), rendertest.DenyRows...)...)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("rules differ\ngot:\n  %s\nwant:\n  %s", rendertest.Joined(got), rendertest.Joined(want))
			}
		})
	}
}

func TestOneRulePerRequirementWithItsPriority(t *testing.T) {
	s := defaultScenario
	s.ssh = "2026-11-27T12:00:00Z"
	rec, exported := s.render(t)
	var got []string
	for _, r := range rec.OfType(ruleType) {
		got = append(got, fmt.Sprintf("%s %s %s %v", r.Name, r.Str("securityRuleName"), r.Str("direction"), r.Inputs["priority"].NumberValue()))
		if r.Str("description") == "" || r.Str("resourceGroupName") != "rg-1" || r.Str("networkSecurityGroupName") == "" {
			t.Errorf("%s = %v", r.Name, r.Inputs)
		}
	}
	// Every requirement of the table, by the documented scheme
	// (rulestest.AzureRules), exported inbound first, each by priority.
	var want, wantExported []string
	for _, r := range rulestest.AzureRules(100, true) {
		direction := map[requirements.Direction]string{requirements.Ingress: "Inbound", requirements.Egress: "Outbound"}[r.Direction]
		want = append(want, fmt.Sprintf("tm-%s %s %s %d", r.Name, r.Name, direction, r.Priority))
		wantExported = append(wantExported, r.Name)
	}
	rendertest.Sorted(want...)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rules differ\ngot:\n  %s\nwant:\n  %s", rendertest.Joined(got), rendertest.Joined(want))
	}
	if !slices.Equal(exported, wantExported) {
		t.Errorf("exported rule names = %v, want %v", exported, wantExported)
	}
}

func TestSubnetIsItsOwnResourceWithTheNSG(t *testing.T) {
	rec, _ := defaultScenario.render(t)
	nsgs, subnets := rec.OfType(nsgType), rec.OfType(subnetType)
	if len(nsgs) != 1 || len(subnets) != 1 {
		t.Fatalf("%d NSGs and %d subnets, want one of each", len(nsgs), len(subnets))
	}
	nsg, subnet := nsgs[0], subnets[0]
	if nsg.Name != "tm-nsg" || nsg.Str("networkSecurityGroupName") != "tm-appliances-nsg" || nsg.Str("resourceGroupName") != "rg-1" {
		t.Errorf("NSG = %s %v", nsg.Name, nsg.Inputs)
	}
	if v, ok := nsg.Inputs["securityRules"]; ok && !v.IsNull() {
		t.Errorf("NSG has inline rules: %v", v)
	}
	if tags := nsg.Inputs["tags"]; !tags.IsObject() || tags.ObjectValue()["team"].StringValue() != "secops" {
		t.Errorf("NSG lacks the user's tags: %v", tags)
	}
	if subnet.Name != "tm-subnet" || subnet.Str("subnetName") != "tm-appliances" || subnet.Str("addressPrefix") != "10.1.0.0/24" ||
		subnet.Str("virtualNetworkName") != "vnet-1" || subnet.Str("resourceGroupName") != "rg-1" {
		t.Errorf("subnet = %s %v", subnet.Name, subnet.Inputs)
	}
	ref := subnet.Inputs["networkSecurityGroup"]
	if !ref.IsObject() || ref.ObjectValue()["id"].StringValue() != "id-tm-nsg" {
		t.Errorf("subnet's networkSecurityGroup = %v, want the NSG's id", ref)
	}
	for _, r := range rec.Resources() {
		if r.Type != "threatmanager:index:ThreatManager" && !strings.HasPrefix(r.Name, "tm-") {
			t.Errorf("%s does not start with the component's name", r.Name)
		}
	}
}

// The NSG and the expiry's workflow carry the user's tags and the
// threatmanager:role marker the policy pack finds the NSG by; the rules,
// the subnet and the expiry's role and assignment take no tags.
func TestEveryTaggedChildCarriesItsRole(t *testing.T) {
	s := defaultScenario
	s.ssh = "2026-11-27T12:00:00Z"
	rec, _ := s.render(t)
	want := map[string]string{
		nsgType + " tm-nsg":             rules.RoleAppliances,
		workflowType + " tm-ssh-expiry": rules.RoleSSHExpiry,
	}
	seen := 0
	for _, r := range rec.Resources() {
		if r.Type == "threatmanager:index:ThreatManager" {
			continue
		}
		tags, tagged := r.Inputs["tags"]
		role, ok := want[r.Type+" "+r.Name]
		if !ok {
			if tagged {
				t.Errorf("%s %s has tags but no role here: %v", r.Type, r.Name, tags)
			}
			continue
		}
		seen++
		got := map[string]string{}
		if tags.IsObject() {
			for k, v := range tags.ObjectValue() {
				got[string(k)] = fmt.Sprint(v.V)
			}
		}
		if !maps.Equal(got, map[string]string{"team": "secops", rules.RoleTag: role}) {
			t.Errorf("%s %s: tags %v, want the user's team and %s=%s", r.Type, r.Name, got, rules.RoleTag, role)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d tagged children", seen, len(want))
	}
}

func TestAgentCIDRsGoIntoOneRuleSorted(t *testing.T) {
	s := defaultScenario
	s.agents = []string{"192.168.0.0/24", "10.0.0.0/16", "10.2.0.0/16"}
	rec, _ := s.render(t)
	for _, r := range rec.OfType(ruleType) {
		if r.Name != "tm-egress-active-scanning" {
			continue
		}
		got := strs(r.Inputs["destinationAddressPrefixes"])
		if strings.Join(got, ",") != "10.0.0.0/16,10.2.0.0/16,192.168.0.0/24" {
			t.Errorf("agents = %v, want one rule holding all, in address order", got)
		}
		return
	}
	t.Fatal("no active scanning rule")
}

func TestReorderingChangesNoNameOrInput(t *testing.T) {
	a := defaultScenario
	a.agents = []string{"10.0.0.0/16", "10.1.0.0/16"}
	a.dns = []string{"8.8.8.8", "1.1.1.1"}
	b := a
	b.agents = []string{"10.1.0.0/16", "10.0.0.0/16"}
	b.dns = []string{"1.1.1.1", "8.8.8.8"}
	ra, _ := a.render(t)
	rb, _ := b.render(t)
	resA, resB := ra.Resources(), rb.Resources()
	if len(resA) != len(resB) {
		t.Fatalf("%d resources vs %d", len(resA), len(resB))
	}
	for i := range resA {
		if resA[i].Type != resB[i].Type || resA[i].Name != resB[i].Name || !resA[i].Inputs.DeepEquals(resB[i].Inputs) {
			t.Errorf("%s %s differs from %s %s", resA[i].Type, resA[i].Name, resB[i].Type, resB[i].Name)
		}
	}
}

// Opening SSH adds its rule and the expiry's workflow, role and role
// assignment, and changes no other resource's inputs: the preview shows
// creates only.
func TestOpeningSSHOnlyAddsItsRuleAndExpiry(t *testing.T) {
	closed, _ := defaultScenario.render(t)
	s := defaultScenario
	s.ssh = "2026-11-27T12:00:00Z"
	open, _ := s.render(t)
	before := map[string]resource.PropertyMap{}
	for _, r := range closed.Resources() {
		before[r.Type+" "+r.Name] = r.Inputs
	}
	var added []string
	for _, r := range open.Resources() {
		prev, ok := before[r.Type+" "+r.Name]
		switch {
		case !ok:
			added = append(added, r.Type+" "+r.Name)
			if r.Type == ruleType && !strings.Contains(r.Str("description"), "expires 2026-11-27T12:00:00Z") {
				t.Errorf("%s description %q lacks the expiry", r.Name, r.Str("description"))
			}
		case !prev.DeepEquals(r.Inputs):
			t.Errorf("%s changed when SSH opened", r.Name)
		}
	}
	want := rendertest.Sorted(
		ruleType+" tm-ingress-ssh-tcp-22",
		workflowType+" tm-ssh-expiry",
		roleDefinitionType+" tm-ssh-expiry",
		roleAssignmentType+" tm-ssh-expiry",
	)
	if strings.Join(rendertest.Sorted(added...), ",") != strings.Join(want, ",") {
		t.Errorf("opening SSH added %v, want %v", added, want)
	}
}
