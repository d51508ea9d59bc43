package gcprender

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// Type tokens, constant: under mocks GetTypeToken is empty.
const (
	firewallType   = "gcp:compute/firewall:Firewall"
	subnetworkType = "gcp:compute/subnetwork:Subnetwork"
)

type scenario struct {
	datacenter string
	agents     []string
	dns        []string
	ntp        []string
	ssh        string
	// sshInCloud is sshAccess.enforceInCloud; nil means the default (on).
	sshInCloud *bool
	prefix     string
}

var defaultScenario = scenario{agents: []string{"10.0.0.0/16"}}

func (s scenario) plan(t *testing.T) rules.Plan {
	t.Helper()
	in := rules.Input{
		Datacenter:     rendertest.Optional(s.datacenter),
		AgentCIDRs:     rules.KnownAgents(s.agents...),
		DNSServers:     s.dns,
		ExtraNTPRanges: s.ntp,
		Tags:           map[string]string{"team": "secops"},
		Clouds: []rules.CloudInput{&gcp.Input{
			Region:     "us-central1",
			Network:    rules.Present,
			SubnetCIDR: "10.2.0.0/24",
			NamePrefix: rendertest.Optional(s.prefix),
		}},
	}
	if s.ssh != "" {
		in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: s.ssh, EnforceInCloud: s.sshInCloud}
	}
	plan, err := rules.Build("tm", in, now)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func (s scenario) render(t *testing.T) *rendertest.Recorder {
	t.Helper()
	rec, err := s.run(s.plan(t))
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func (s scenario) run(plan rules.Plan) (*rendertest.Recorder, error) {
	return rendertest.RunUnderComponent(func(ctx *pulumi.Context, parent pulumi.Resource) error {
		out, err := Render(ctx, parent, plan, pulumi.ToStringArray(plan.AgentCIDRs).ToStringArrayOutput(), Inputs{
			Project: pulumi.String("proj-1"),
			Network: pulumi.String("vpc-1"),
		})
		if err != nil {
			return err
		}
		ctx.Export("targetTag", out.TargetTag)
		return nil
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

// matches renders a firewall's allows or denies as "tcp:53".
func matches(v resource.PropertyValue) []string {
	var out []string
	if !v.IsArray() {
		return nil
	}
	for _, m := range v.ArrayValue() {
		obj := m.ObjectValue()
		proto := obj["protocol"].StringValue()
		ports := strs(obj["ports"])
		if len(ports) == 0 {
			out = append(out, proto+" all")
		}
		for _, p := range ports {
			out = append(out, proto+" "+p)
		}
	}
	return out
}

// firewallRows renders firewall resources as seed rows, one per protocol
// and peer: "egress tcp 443 204.110.218.96/27", with "deny " before denies.
func firewallRows(rec *rendertest.Recorder) []string {
	var rows []string
	for _, r := range rec.OfType(firewallType) {
		dir, peers := "egress", strs(r.Inputs["destinationRanges"])
		if r.Str("direction") == "INGRESS" {
			dir, peers = "ingress", strs(r.Inputs["sourceRanges"])
		}
		access, ms := "", matches(r.Inputs["allows"])
		if denies := matches(r.Inputs["denies"]); len(denies) > 0 {
			access, ms = "deny ", denies
		}
		for _, m := range ms {
			for _, peer := range peers {
				rows = append(rows, access+dir+" "+m+" "+peer)
			}
		}
	}
	sort.Strings(rows)
	return rows
}

func TestFirewallsCarryExactlyTheSeedsRules(t *testing.T) {
	for _, dc := range []string{"us", "eu"} {
		t.Run(dc, func(t *testing.T) {
			s := defaultScenario
			s.datacenter = dc
			got, want := firewallRows(s.render(t)), rendertest.Sorted(append(rendertest.SeedRows(dc, "10.0.0.0/16"), rendertest.DenyRows...)...)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("rules differ\ngot:\n  %s\nwant:\n  %s", rendertest.Joined(got), rendertest.Joined(want))
			}
		})
	}
}

func TestFirewallsTargetTheApplianceTag(t *testing.T) {
	s := defaultScenario
	s.ssh = "2026-11-27T12:00:00Z"
	rec := s.render(t)
	var got []string
	for _, r := range rec.OfType(firewallType) {
		got = append(got, fmt.Sprintf("%s %s %s %v", r.Name, r.Str("name"), r.Str("direction"), r.Inputs["priority"].NumberValue()))
		if tags := strs(r.Inputs["targetTags"]); strings.Join(tags, ",") != "tm-appliance" {
			t.Errorf("%s targets %v, want the appliance tag", r.Name, tags)
		}
		if r.Str("network") != "vpc-1" || r.Str("project") != "proj-1" || r.Str("description") == "" {
			t.Errorf("%s = %v", r.Name, r.Inputs)
		}
		// Ingress takes sources only, egress destinations only.
		src, dst := r.Inputs["sourceRanges"], r.Inputs["destinationRanges"]
		if r.Str("direction") == "INGRESS" && (!src.IsArray() || dst.IsArray()) ||
			r.Str("direction") == "EGRESS" && (src.IsArray() || !dst.IsArray()) {
			t.Errorf("%s: sourceRanges %v, destinationRanges %v", r.Name, src, dst)
		}
	}
	// Every firewall of the table, by the documented scheme
	// (rulestest.GCPFirewalls).
	var want []string
	for _, fw := range rulestest.GCPFirewalls(true) {
		want = append(want, fmt.Sprintf("tm-%s tm-%s %s %d", fw.Key, fw.Key, strings.ToUpper(string(fw.Direction)), fw.Priority))
	}
	rendertest.Sorted(want...)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("firewalls differ\ngot:\n  %s\nwant:\n  %s", rendertest.Joined(got), rendertest.Joined(want))
	}
}

func TestDNSIsOneFirewall(t *testing.T) {
	for _, r := range defaultScenario.render(t).OfType(firewallType) {
		if r.Name != "tm-egress-dns" {
			continue
		}
		if got := strings.Join(matches(r.Inputs["allows"]), ","); got != "tcp 53,udp 53" {
			t.Errorf("DNS allows %s, want tcp 53 and udp 53", got)
		}
		if got := strings.Join(strs(r.Inputs["destinationRanges"]), ","); got != "8.8.4.4/32,8.8.8.8/32" {
			t.Errorf("DNS goes to %s", got)
		}
		return
	}
	t.Fatal("no DNS firewall")
}

func TestSubnetworkHasPrivateGoogleAccess(t *testing.T) {
	subnets := defaultScenario.render(t).OfType(subnetworkType)
	if len(subnets) != 1 {
		t.Fatalf("%d subnetworks, want 1", len(subnets))
	}
	s := subnets[0]
	if s.Name != "tm-subnetwork" || s.Str("name") != "tm-appliances" || s.Str("ipCidrRange") != "10.2.0.0/24" ||
		s.Str("region") != "us-central1" || s.Str("network") != "vpc-1" || s.Str("project") != "proj-1" {
		t.Errorf("subnetwork = %s %v", s.Name, s.Inputs)
	}
	if v := s.Inputs["privateIpGoogleAccess"]; !v.IsBool() || !v.BoolValue() {
		t.Errorf("privateIpGoogleAccess = %v", v)
	}
}

func TestLongPrefixGivesValidDistinctNames(t *testing.T) {
	s := defaultScenario
	s.prefix = "threat-manager-production-" + strings.Repeat("x", 30)
	rec := s.render(t)
	seen := map[string]bool{}
	for _, r := range rec.Resources() {
		if r.Type != firewallType && r.Type != subnetworkType {
			continue
		}
		name := r.Str("name")
		if !gcp.ValidName(name) || seen[name] {
			t.Errorf("%s: GCP name %q is invalid or repeated", r.Name, name)
		}
		seen[name] = true
		for _, tag := range strs(r.Inputs["targetTags"]) {
			if !gcp.ValidName(tag) {
				t.Errorf("%s: tag %q is invalid", r.Name, tag)
			}
		}
		// Child names come from content, not from the (long) prefix.
		if !strings.HasPrefix(r.Name, "tm-") || strings.Contains(r.Name, "xxx") {
			t.Errorf("child name %q", r.Name)
		}
	}
}

func TestReorderingChangesNoNameOrInput(t *testing.T) {
	a := defaultScenario
	a.agents = []string{"10.0.0.0/16", "10.1.0.0/16"}
	a.dns = []string{"8.8.8.8", "1.1.1.1"}
	a.ntp = []string{"198.51.100.0/24", "203.0.113.0/24"}
	b := a
	b.agents = []string{"10.1.0.0/16", "10.0.0.0/16"}
	b.dns = []string{"1.1.1.1", "8.8.8.8"}
	b.ntp = []string{"203.0.113.0/24", "198.51.100.0/24"}
	resA, resB := a.render(t).Resources(), b.render(t).Resources()
	if len(resA) != len(resB) {
		t.Fatalf("%d resources vs %d", len(resA), len(resB))
	}
	for i := range resA {
		if resA[i].Type != resB[i].Type || resA[i].Name != resB[i].Name || !resA[i].Inputs.DeepEquals(resB[i].Inputs) {
			t.Errorf("%s %s differs from %s %s", resA[i].Type, resA[i].Name, resB[i].Type, resB[i].Name)
		}
	}
}
