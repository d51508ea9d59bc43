package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
)

// gcpInput is a minimal valid GCP input: us, one agent CIDR.
func gcpInput() Input {
	return Input{
		AgentCIDRs: KnownAgents("10.0.0.0/16"),
		GCP: &GCPInput{
			Region:     "us-central1",
			Network:    Present,
			SubnetCIDR: "10.2.0.0/24",
		},
	}
}

func gcpRows(plan *GCPPlan) []string {
	var rows []string
	for _, fw := range plan.Firewalls {
		rows = append(rows, groupRows(fw.RuleGroup)...)
	}
	sort.Strings(rows)
	return rows
}

func gcpFirewall(t *testing.T, plan *GCPPlan, key string) GCPFirewall {
	t.Helper()
	for _, fw := range plan.Firewalls {
		if fw.Key == key {
			return fw
		}
	}
	t.Fatalf("no firewall %q", key)
	return GCPFirewall{}
}

func TestGCPRulesAreTheSeedsPlusDenyAll(t *testing.T) {
	for _, tt := range []struct {
		datacenter string
		rows       []string
	}{{"us", usRows}, {"eu", euRows}} {
		t.Run(tt.datacenter, func(t *testing.T) {
			in := gcpInput()
			in.Datacenter = ptr(tt.datacenter)
			plan := mustBuild(t, in, now)
			assertSameRows(t, gcpRows(plan.GCP), append(slices.Clone(tt.rows), denyRows...))
		})
	}
}

func TestGCPFirewallsOnePerPurpose(t *testing.T) {
	in := gcpInput()
	in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	plan := mustBuild(t, in, now).GCP
	var got []string
	for _, fw := range plan.Firewalls {
		var matches []string
		for _, m := range fw.Matches {
			matches = append(matches, m.String())
		}
		got = append(got, fw.Name+" "+strings.Join(matches, ","))
	}
	want := []string{
		"tm-ingress-agent-updates tcp:443",
		"tm-ingress-agent-transport tcp:7777",
		"tm-ingress-ssh tcp:22",
		"tm-egress-active-scanning all",
		"tm-egress-dns tcp:53,udp:53",
		"tm-egress-appliance-updates tcp:80",
		"tm-egress-updates tcp:443",
		"tm-egress-event-transport tcp:4138",
		"tm-egress-ntp udp:123",
		"tm-egress-deny-all all",
		"tm-ingress-deny-all all",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("firewalls\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if plan.TargetTag != "tm-appliance" || plan.SubnetworkName != "tm-appliances" {
		t.Errorf("tag %q, subnetwork %q", plan.TargetTag, plan.SubnetworkName)
	}
}

func TestGCPDenyAllLosesToEveryAllow(t *testing.T) {
	in := gcpInput()
	in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	plan := mustBuild(t, in, now).GCP
	deny := gcpFirewall(t, plan, "egress-deny-all")
	if deny.Access != Deny || deny.Direction != "egress" || deny.Matches[0].String() != "all" ||
		len(deny.Prefixes) != 1 || deny.Prefixes[0].String() != "0.0.0.0/0" {
		t.Fatalf("deny-all is %+v", deny)
	}
	for _, fw := range plan.Firewalls {
		if fw.Access == Allow && fw.Priority >= deny.Priority {
			t.Errorf("%s (priority %d) does not win over the deny-all (%d)", fw.Name, fw.Priority, deny.Priority)
		}
	}
}

func TestGCPNamesAreValid(t *testing.T) {
	prefixes := []*string{nil, ptr("a"), ptr("tm-prod-2"), ptr(strings.Repeat("x", 40)), ptr("a" + strings.Repeat("-b", 31))}
	for _, prefix := range prefixes {
		in := gcpInput()
		in.GCP.NamePrefix = prefix
		in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
		plan := mustBuild(t, in, now).GCP
		names := []string{plan.SubnetworkName, plan.TargetTag}
		for _, fw := range plan.Firewalls {
			names = append(names, fw.Name)
		}
		seen := map[string]bool{}
		for _, name := range names {
			if !ValidGCPName(name) || len(name) > 63 {
				t.Errorf("prefix %v: %q is not a valid GCP name", prefix, name)
			}
			if seen[name] {
				t.Errorf("prefix %v: %q appears twice", prefix, name)
			}
			seen[name] = true
		}
	}
}

func TestGCPNameShortening(t *testing.T) {
	// Short names are the prefix and content, untouched.
	if got := GCPName("tm", "egress-dns"); got != "tm-egress-dns" {
		t.Errorf("GCPName = %q", got)
	}
	// Exactly 63 characters is still untouched.
	exact := strings.Repeat("p", 52)
	if got := GCPName(exact, "egress-dns"); got != exact+"-egress-dns" || len(got) != 63 {
		t.Errorf("63 characters were shortened: %q", got)
	}

	long := "threat-manager-production-" + strings.Repeat("x", 20)
	a := GCPName(long, "egress-appliance-updates")
	b := GCPName(long, "egress-active-scanning")
	// Pinned: the scheme is part of the deployed names. The prefix is cut,
	// the hash of the full name follows, and the content stays readable.
	if want := "threat-manager-production-xxx-ec1a22d6-egress-appliance-updates"; a != want {
		t.Errorf("shortened name = %q, want %q", a, want)
	}
	for _, name := range []string{a, b} {
		if len(name) > 63 || !ValidGCPName(name) || !strings.HasPrefix(name, "threat-manager-production") {
			t.Errorf("%q: want at most 63 valid characters starting with the prefix", name)
		}
	}
	if !strings.HasSuffix(b, "-egress-active-scanning") {
		t.Errorf("%q lost its content", b)
	}
	if a == b {
		t.Errorf("two long names shortened to the same %q", a)
	}
	if again := GCPName(long, "egress-appliance-updates"); again != a {
		t.Errorf("shortening is not deterministic: %q then %q", a, again)
	}
	// Two prefixes that differ only past the cut stay distinct.
	if GCPName(long+"a", "egress-dns") == GCPName(long+"b", "egress-dns") {
		t.Error("prefixes that differ past the cut collide")
	}
	// A cut that ends on a dash drops it rather than doubling it.
	dashy := GCPName(strings.Repeat("ab-", 30)+"c", "egress-dns")
	if strings.Contains(dashy, "--") || !ValidGCPName(dashy) {
		t.Errorf("%q", dashy)
	}
}

func TestGCPNamesComeFromContent(t *testing.T) {
	a := gcpInput()
	a.AgentCIDRs = KnownAgents("10.0.0.0/16", "10.9.0.0/16")
	a.DNSServers = []string{"8.8.8.8", "1.1.1.1"}
	a.ExtraNTPRanges = []string{"198.51.100.0/24", "203.0.113.0/24"}
	b := gcpInput()
	b.AgentCIDRs = KnownAgents("10.9.0.0/16", "10.0.0.0/16")
	b.DNSServers = []string{"1.1.1.1", "8.8.8.8"}
	b.ExtraNTPRanges = []string{"203.0.113.0/24", "198.51.100.0/24"}
	pa, pb := mustBuild(t, a, now).GCP, mustBuild(t, b, now).GCP
	if fmt.Sprintf("%+v", pa) != fmt.Sprintf("%+v", pb) {
		t.Errorf("reordering inputs changed the plan\n%+v\n%+v", pa, pb)
	}
	// Switching a rule off removes it and renames nothing else.
	off := gcpInput()
	off.EgressHTTP = ptr(false)
	base := map[string]bool{}
	for _, fw := range mustBuild(t, gcpInput(), now).GCP.Firewalls {
		base[fw.Name] = true
	}
	for _, fw := range mustBuild(t, off, now).GCP.Firewalls {
		if !base[fw.Name] {
			t.Errorf("%q is new after switching egress HTTP off", fw.Name)
		}
	}
}

func TestGCPBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Input)
		field  string
		says   string
	}{
		{"no region", func(in *Input) { in.GCP.Region = "" }, "gcp.region", "is required"},
		{"a zone for the region", func(in *Input) { in.GCP.Region = "us-central1-a" }, "gcp.region", `"us-central1-a" is a zone; use its region "us-central1"`},
		{"not a region", func(in *Input) { in.GCP.Region = "US Central" }, "gcp.region", "not a GCP region name"},
		{"no network", func(in *Input) { in.GCP.Network = Absent }, "gcp.network", "is required"},
		{"subnet CIDR missing", func(in *Input) { in.GCP.SubnetCIDR = "" }, "gcp.subnetCidr", "is required"},
		{"subnet CIDR not a CIDR", func(in *Input) { in.GCP.SubnetCIDR = "10.2.0.0" }, "gcp.subnetCidr", "is not a CIDR"},
		{"subnet CIDR with host bits", func(in *Input) { in.GCP.SubnetCIDR = "10.2.0.1/24" }, "gcp.subnetCidr", `use "10.2.0.0/24"`},
		{"subnet CIDR too small", func(in *Input) { in.GCP.SubnetCIDR = "10.2.0.0/30" }, "gcp.subnetCidr", "between /8 and /29"},
		{"subnet CIDR IPv6", func(in *Input) { in.GCP.SubnetCIDR = "fd00::/64" }, "gcp.subnetCidr", "not IPv4"},
		{"name prefix uppercase", func(in *Input) { in.GCP.NamePrefix = ptr("TM_Prod") }, "gcp.namePrefix", `not a valid GCP name start: use lowercase letters, digits and '-', beginning with a letter and not ending with '-' (for example "tm-prod")`},
		{"name prefix starts with a digit", func(in *Input) { in.GCP.NamePrefix = ptr("1tm") }, "gcp.namePrefix", "beginning with a letter"},
		{"name prefix ends with a dash", func(in *Input) { in.GCP.NamePrefix = ptr("tm-") }, "gcp.namePrefix", `(for example "tm")`},
		{"name prefix too long", func(in *Input) { in.GCP.NamePrefix = ptr(strings.Repeat("t", 64)) }, "gcp.namePrefix", "is 64 characters; GCP names have at most 63"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := gcpInput()
			tt.change(&in)
			_, err := Build("tm", in, now)
			assertFieldError(t, err, tt.field, tt.says)
		})
	}
}

func TestGCPDefaultNamePrefixIsChecked(t *testing.T) {
	_, err := Build("ThreatManager", gcpInput(), now)
	assertFieldError(t, err, "gcp.namePrefix", `the component's name "ThreatManager" (the default) is not a valid GCP name start`)
}

func TestAllCloudsFromOneInput(t *testing.T) {
	in := awsInput()
	in.Azure = azureInput().Azure
	in.GCP = gcpInput().GCP
	plan := mustBuild(t, in, now)
	if plan.AWS == nil || plan.Azure == nil || plan.GCP == nil {
		t.Fatalf("want all three cloud plans, got aws=%v azure=%v gcp=%v", plan.AWS != nil, plan.Azure != nil, plan.GCP != nil)
	}
	// Every cloud carries the same rows; Azure and GCP add the deny-alls.
	want := append(slices.Clone(usRows), denyRows...)
	assertSameRows(t, azureRows(plan.Azure), want)
	assertSameRows(t, gcpRows(plan.GCP), want)
}
