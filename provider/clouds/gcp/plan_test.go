package gcp_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

func TestGCPRulesAreTheSeedsPlusDenyAll(t *testing.T) {
	for _, tt := range []struct {
		datacenter string
		rows       []string
	}{{"us", usRows}, {"eu", euRows}} {
		t.Run(tt.datacenter, func(t *testing.T) {
			in, _ := input()
			in.Datacenter = new(tt.datacenter)
			rulestest.AssertSameRows(t, gcpRows(mustPlan(t, in)), append(slices.Clone(tt.rows), rulestest.DenyRows...))
		})
	}
}

// One firewall per direction and purpose (and peer set), named from its
// content, in the table's order, then the deny-alls: rulestest.GCPFirewalls
// lays the table out by the README's scheme.
func TestGCPFirewallsOnePerPurpose(t *testing.T) {
	in, _ := input()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	plan := mustPlan(t, in)
	var got, want []string
	for _, fw := range plan.Firewalls {
		var matches []string
		for _, m := range fw.Matches {
			matches = append(matches, m.String())
		}
		got = append(got, fmt.Sprintf("%s %s %s %d", fw.Name, fw.Direction, strings.Join(matches, ","), fw.Priority))
	}
	for _, fw := range rulestest.GCPFirewalls(true) {
		want = append(want, fmt.Sprintf("tm-%s %s %s %d", fw.Key, fw.Direction, strings.Join(fw.Matches, ","), fw.Priority))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("firewalls\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if plan.TargetTag != "tm-appliance" || plan.SubnetworkName != "tm-appliances" {
		t.Errorf("tag %q, subnetwork %q", plan.TargetTag, plan.SubnetworkName)
	}
}

// Pinned apart from the table, as the README states them: DNS is one
// firewall allowing tcp:53 and udp:53, and the deny-alls come last. The
// rest follows the table (TestGCPFirewallsOnePerPurpose).
func TestGCPDNSIsOneFirewallAndTheDeniesComeLast(t *testing.T) {
	in, _ := input()
	plan := mustPlan(t, in)
	dns := gcpFirewall(t, plan, "egress-dns")
	if len(dns.Matches) != 2 || dns.Matches[0].String() != "tcp:53" || dns.Matches[1].String() != "udp:53" || dns.Name != "tm-egress-dns" {
		t.Errorf("DNS firewall is %s %v", dns.Name, dns.Matches)
	}
	n := len(plan.Firewalls)
	if n < 2 || plan.Firewalls[n-2].Name != "tm-egress-deny-all" || plan.Firewalls[n-1].Name != "tm-ingress-deny-all" {
		t.Errorf("the firewalls do not end in the deny-alls: %+v", plan.Firewalls)
	}
}

func TestGCPDenyAllLosesToEveryAllow(t *testing.T) {
	in, _ := input()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	plan := mustPlan(t, in)
	deny := gcpFirewall(t, plan, "egress-deny-all")
	if deny.Access != rules.Deny || deny.Direction != "egress" || deny.Matches[0].String() != "all" ||
		len(deny.Prefixes) != 1 || deny.Prefixes[0].String() != "0.0.0.0/0" {
		t.Fatalf("deny-all is %+v", deny)
	}
	for _, fw := range plan.Firewalls {
		if fw.Access == rules.Allow && fw.Priority >= deny.Priority {
			t.Errorf("%s (priority %d) does not win over the deny-all (%d)", fw.Name, fw.Priority, deny.Priority)
		}
	}
}

func TestGCPBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(*gcp.Input)
		field  string
		says   string
	}{
		{"no region", func(b *gcp.Input) { b.Region = "" }, "gcp.region", "is required"},
		{"a zone for the region", func(b *gcp.Input) { b.Region = "us-central1-a" }, "gcp.region", `"us-central1-a" is a zone; use its region "us-central1"`},
		{"not a region", func(b *gcp.Input) { b.Region = "US Central" }, "gcp.region", "not a GCP region name"},
		{"no network", func(b *gcp.Input) { b.Network = rules.Absent }, "gcp.network", "is required"},
		{"subnet CIDR missing", func(b *gcp.Input) { b.SubnetCIDR = "" }, "gcp.subnetCidr", "is required"},
		{"subnet CIDR not a CIDR", func(b *gcp.Input) { b.SubnetCIDR = "10.2.0.0" }, "gcp.subnetCidr", "is not a CIDR"},
		{"subnet CIDR with host bits", func(b *gcp.Input) { b.SubnetCIDR = "10.2.0.1/24" }, "gcp.subnetCidr", `use "10.2.0.0/24"`},
		{"subnet CIDR too small", func(b *gcp.Input) { b.SubnetCIDR = "10.2.0.0/30" }, "gcp.subnetCidr", "between /8 and /29"},
		{"subnet CIDR IPv6", func(b *gcp.Input) { b.SubnetCIDR = "fd00::/64" }, "gcp.subnetCidr", "not IPv4"},
		{"name prefix uppercase", func(b *gcp.Input) { b.NamePrefix = new("TM_Prod") }, "gcp.namePrefix", `not a valid GCP name start: use lowercase letters, digits and '-', beginning with a letter and not ending with '-' (for example "tm-prod")`},
		{"name prefix starts with a digit", func(b *gcp.Input) { b.NamePrefix = new("1tm") }, "gcp.namePrefix", "beginning with a letter"},
		{"name prefix ends with a dash", func(b *gcp.Input) { b.NamePrefix = new("tm-") }, "gcp.namePrefix", `(for example "tm")`},
		{"name prefix too long", func(b *gcp.Input) { b.NamePrefix = new(strings.Repeat("t", 64)) }, "gcp.namePrefix", "is 64 characters; GCP names have at most 63"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, block := input()
			tt.change(block)
			_, err := rules.Build("tm", in, now)
			rulestest.AssertFieldError(t, err, tt.field, tt.says)
		})
	}
}

func TestGCPDefaultNamePrefixIsChecked(t *testing.T) {
	in, _ := input()
	_, err := rules.Build("ThreatManager", in, now)
	rulestest.AssertFieldError(t, err, "gcp.namePrefix", `the component's name "ThreatManager" (the default) is not a valid GCP name start`)
}
