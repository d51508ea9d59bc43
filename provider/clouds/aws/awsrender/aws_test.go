package awsrender

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

const (
	ingressRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	egressRule  = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
)

type scenario struct {
	datacenter string
	agents     []string
	zones      []string // "zone=cidr"
	ssh        string
	// sshInCloud is sshAccess.enforceInCloud; nil means the default (on).
	sshInCloud *bool
	tags       map[string]string
}

func (s scenario) render(t *testing.T) *rendertest.Recorder {
	t.Helper()
	in := rules.Input{
		Datacenter: rendertest.Optional(s.datacenter),
		AgentCIDRs: rules.KnownAgents(s.agents...),
		Tags:       s.tags,
	}
	block := &aws.Input{VpcID: rules.Present, NATGateway: rules.Present}
	in.Clouds = []rules.CloudInput{block}
	nats := map[string]pulumi.StringInput{}
	for _, z := range s.zones {
		zone, cidr, _ := strings.Cut(z, "=")
		block.Subnets = append(block.Subnets, aws.SubnetInput{AvailabilityZone: zone, CIDRBlock: cidr})
		nats[zone] = pulumi.String("nat-" + zone)
	}
	if s.ssh != "" {
		in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: s.ssh, EnforceInCloud: s.sshInCloud}
	}
	plan, err := rules.Build("tm", in, now)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := rendertest.RunUnderComponent(func(ctx *pulumi.Context, parent pulumi.Resource) error {
		_, err := Render(ctx, parent, plan, pulumi.ToStringArray(plan.AgentCIDRs).ToStringArrayOutput(),
			Inputs{VpcID: pulumi.String("vpc-1"), NATGateways: nats})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

var defaultScenario = scenario{
	agents: []string{"10.0.0.0/16"},
	zones:  []string{"us-east-1a=10.0.100.0/24", "us-east-1b=10.0.101.0/24"},
	tags:   map[string]string{"team": "secops"},
}

// ruleRow renders a rule resource like a row of the seed.
func ruleRow(r rendertest.Resource) string {
	dir := "ingress"
	if r.Type == egressRule {
		dir = "egress"
	}
	proto, ports := r.Str("ipProtocol"), "all"
	if proto == "-1" {
		proto = "all"
	} else {
		from, to := r.Inputs["fromPort"].NumberValue(), r.Inputs["toPort"].NumberValue()
		ports = fmt.Sprint(from)
		if from != to {
			ports = fmt.Sprintf("%v-%v", from, to)
		}
	}
	peer := r.Str("cidrIpv4")
	switch {
	case r.Str("prefixListId") != "":
		peer = "prefix-list:" + r.Str("prefixListId")
	case r.Str("referencedSecurityGroupId") != "":
		peer = "group:" + r.Str("referencedSecurityGroupId")
	}
	return strings.Join([]string{r.Str("securityGroupId"), dir, proto, ports, peer}, " ")
}

func ruleRows(rec *rendertest.Recorder) []string {
	var rows []string
	for _, r := range append(rec.OfType(ingressRule), rec.OfType(egressRule)...) {
		rows = append(rows, ruleRow(r))
	}
	sort.Strings(rows)
	return rows
}

func TestApplianceGroupCarriesExactlyTheSeedsRules(t *testing.T) {
	agentSide := []string{
		"id-tm-agents egress tcp 443 group:id-tm-appliances",
		"id-tm-agents egress tcp 7777 group:id-tm-appliances",
	}
	for _, dc := range []string{"us", "eu"} {
		t.Run(dc, func(t *testing.T) {
			s := defaultScenario
			s.datacenter = dc
			got := ruleRows(s.render(t))
			want := append([]string{}, agentSide...)
			for _, row := range rendertest.SeedRows(dc, "prefix-list:id-tm-agent-cidrs") {
				want = append(want, "id-tm-appliances "+row)
			}
			want = rendertest.Sorted(want...)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("rules differ\ngot:\n  %s\nwant:\n  %s", rendertest.Joined(got), rendertest.Joined(want))
			}
		})
	}
}

func TestEveryRuleIsDescribedAndTagged(t *testing.T) {
	rec := defaultScenario.render(t)
	for _, r := range append(rec.OfType(ingressRule), rec.OfType(egressRule)...) {
		if r.Str("description") == "" {
			t.Errorf("%s has no description", r.Name)
		}
		if tags := r.Inputs["tags"]; !tags.IsObject() || tags.ObjectValue()["team"].StringValue() != "secops" {
			t.Errorf("%s lacks the user's tags: %v", r.Name, tags)
		}
		if !strings.HasPrefix(r.Name, "tm-") {
			t.Errorf("%s does not start with the component's name", r.Name)
		}
	}
}

// Every child that takes tags carries the user's tags, a Name, and the
// threatmanager:role marker the policy pack finds the groups by; the rest
// (routes, associations, the role's policy, and the schedule, which takes
// no tags in pulumi-aws v6) carry none.
func TestEveryTaggedChildCarriesItsRole(t *testing.T) {
	s := defaultScenario
	s.ssh = "2026-11-27T12:00:00Z"
	rec := s.render(t)
	roleOf := func(r rendertest.Resource) string {
		switch r.Type {
		case "aws:ec2/subnet:Subnet", "aws:ec2/routeTable:RouteTable":
			return rules.RoleAppliances
		case "aws:ec2/securityGroup:SecurityGroup":
			return map[string]string{"tm-appliances": rules.RoleAppliances, "tm-agents": rules.RoleAgents}[r.Name]
		case ingressRule, egressRule:
			if strings.HasPrefix(r.Name, "tm-agents-") {
				return rules.RoleAgents
			}
			return rules.RoleAppliances
		case "aws:ec2/managedPrefixList:ManagedPrefixList":
			return rules.RoleAgents
		case "aws:iam/role:Role", "aws:scheduler/scheduleGroup:ScheduleGroup":
			return rules.RoleSSHExpiry
		}
		return ""
	}
	counts := map[string]int{}
	for _, r := range rec.Resources() {
		if r.Type == "threatmanager:index:ThreatManager" {
			continue
		}
		tags, tagged := r.Inputs["tags"]
		want := roleOf(r)
		if want == "" {
			if tagged {
				t.Errorf("%s %s has tags but no role here: %v", r.Type, r.Name, tags)
			}
			continue
		}
		counts[want]++
		if !tagged || !tags.IsObject() {
			t.Errorf("%s %s has no tags", r.Type, r.Name)
			continue
		}
		m := tags.ObjectValue()
		str := func(k resource.PropertyKey) string {
			if v := m[k]; v.IsString() {
				return v.StringValue()
			}
			return ""
		}
		if got := str(rules.RoleTag); got != want {
			t.Errorf("%s %s: %s = %q, want %q", r.Type, r.Name, rules.RoleTag, got, want)
		}
		// The component gives every child but the rules a Name.
		named, size := true, 3
		if r.Type == ingressRule || r.Type == egressRule {
			named, size = false, 2
		}
		if str("team") != "secops" || named != strings.HasPrefix(str("Name"), "tm-") || len(m) != size {
			t.Errorf("%s %s: tags %v, want the user's team, the role and a Name on all but rules", r.Type, r.Name, m)
		}
	}
	// The agent group, its two rules and the prefix list; two zones' subnets
	// and route tables, the appliance group and its rules; the expiry's role
	// and schedule group.
	applianceRules := len(rec.OfType(ingressRule)) + len(rec.OfType(egressRule)) - 2
	want := map[string]int{rules.RoleAgents: 4, rules.RoleAppliances: 5 + applianceRules, rules.RoleSSHExpiry: 2}
	if !maps.Equal(counts, want) {
		t.Errorf("tagged children by role: %v, want %v", counts, want)
	}
}

func TestSubnetsArePrivateAndRouteToTheirNAT(t *testing.T) {
	rec := defaultScenario.render(t)
	subnets := rec.OfType("aws:ec2/subnet:Subnet")
	if len(subnets) != 2 {
		t.Fatalf("%d subnets, want 2", len(subnets))
	}
	for _, s := range subnets {
		zone := s.Str("availabilityZone")
		if s.Name != "tm-subnet-"+zone {
			t.Errorf("subnet %s is not named after its zone %s", s.Name, zone)
		}
		if v := s.Inputs["mapPublicIpOnLaunch"]; !v.IsBool() || v.BoolValue() {
			t.Errorf("%s maps public IPs: %v", s.Name, v)
		}
		if s.Str("vpcId") != "vpc-1" {
			t.Errorf("%s vpcId = %q", s.Name, s.Str("vpcId"))
		}
		tags := s.Inputs["tags"].ObjectValue()
		if tags["Name"].StringValue() != "tm-appliances-"+zone || tags["team"].StringValue() != "secops" {
			t.Errorf("%s tags = %v", s.Name, tags)
		}
	}
	routes := rec.OfType("aws:ec2/route:Route")
	if len(routes) != 2 {
		t.Fatalf("%d routes, want 2", len(routes))
	}
	for _, r := range routes {
		zone := strings.TrimPrefix(r.Name, "tm-default-route-")
		if r.Str("destinationCidrBlock") != "0.0.0.0/0" || r.Str("natGatewayId") != "nat-"+zone || r.Str("routeTableId") != "id-tm-rtb-"+zone {
			t.Errorf("route %s = %v", r.Name, r.Inputs)
		}
	}
	for _, a := range rec.OfType("aws:ec2/routeTableAssociation:RouteTableAssociation") {
		zone := strings.TrimPrefix(a.Name, "tm-rtb-assoc-")
		if a.Str("subnetId") != "id-tm-subnet-"+zone || a.Str("routeTableId") != "id-tm-rtb-"+zone {
			t.Errorf("association %s = %v", a.Name, a.Inputs)
		}
	}
}

func TestSecurityGroupsHaveNoInlineRules(t *testing.T) {
	rec := defaultScenario.render(t)
	groups := rec.OfType("aws:ec2/securityGroup:SecurityGroup")
	if len(groups) != 2 {
		t.Fatalf("%d groups, want appliances and agents", len(groups))
	}
	for _, g := range groups {
		for _, inline := range []resource.PropertyKey{"ingress", "egress"} {
			if v, ok := g.Inputs[inline]; ok && !v.IsNull() && !(v.IsArray() && len(v.ArrayValue()) == 0) {
				t.Errorf("%s has inline %s rules: %v", g.Name, inline, v)
			}
		}
		if g.Str("vpcId") != "vpc-1" || g.Str("description") == "" {
			t.Errorf("%s = %v", g.Name, g.Inputs)
		}
	}
}

func TestAgentCIDRsLiveInOnePrefixList(t *testing.T) {
	s := defaultScenario
	s.agents = []string{"10.1.0.0/16", "10.0.0.0/16"}
	lists := s.render(t).OfType("aws:ec2/managedPrefixList:ManagedPrefixList")
	if len(lists) != 1 {
		t.Fatalf("%d prefix lists, want 1", len(lists))
	}
	l := lists[0]
	if l.Name != "tm-agent-cidrs" || l.Str("addressFamily") != "IPv4" || l.Inputs["maxEntries"].NumberValue() != aws.DefaultAgentCIDRsMaxEntries {
		t.Errorf("prefix list = %v", l.Inputs)
	}
	var cidrs []string
	for _, e := range l.Inputs["entries"].ArrayValue() {
		cidrs = append(cidrs, e.ObjectValue()["cidr"].StringValue())
	}
	if strings.Join(cidrs, ",") != "10.0.0.0/16,10.1.0.0/16" {
		t.Errorf("entries = %v, want sorted agent CIDRs", cidrs)
	}
}

func TestReorderingChangesNoNameOrInput(t *testing.T) {
	a := defaultScenario
	a.agents = []string{"10.0.0.0/16", "10.1.0.0/16"}
	a.zones = []string{"us-east-1a=10.0.100.0/24", "us-east-1b=10.0.101.0/24", "us-east-1c=10.0.102.0/24"}
	b := a
	b.agents = []string{"10.1.0.0/16", "10.0.0.0/16"}
	b.zones = []string{"us-east-1c=10.0.102.0/24", "us-east-1a=10.0.100.0/24", "us-east-1b=10.0.101.0/24"}

	ra, rb := a.render(t).Resources(), b.render(t).Resources()
	if len(ra) != len(rb) {
		t.Fatalf("%d resources vs %d", len(ra), len(rb))
	}
	for i := range ra {
		if ra[i].Type != rb[i].Type || ra[i].Name != rb[i].Name || !ra[i].Inputs.DeepEquals(rb[i].Inputs) {
			t.Errorf("%s %s differs from %s %s", ra[i].Type, ra[i].Name, rb[i].Type, rb[i].Name)
		}
	}
}

func TestSSHRulesAppearOnlyWhileOpen(t *testing.T) {
	s := defaultScenario
	s.ssh = "2026-11-27T12:00:00Z"
	var ssh []string
	for _, r := range s.render(t).OfType(ingressRule) {
		if r.Inputs["fromPort"].NumberValue() == 22 {
			ssh = append(ssh, r.Name)
			if !strings.Contains(r.Str("description"), "expires 2026-11-27T12:00:00Z") {
				t.Errorf("%s description %q lacks the expiry", r.Name, r.Str("description"))
			}
		}
	}
	want := []string{
		"tm-ingress-ssh-tcp-22-204-110-218-96-27",
		"tm-ingress-ssh-tcp-22-204-110-219-96-27",
		"tm-ingress-ssh-tcp-22-208-71-209-32-27",
	}
	sort.Strings(ssh)
	if strings.Join(ssh, ",") != strings.Join(want, ",") {
		t.Errorf("SSH rules = %v, want %v", ssh, want)
	}
}
