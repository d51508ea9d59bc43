package gcp_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

func TestGCPNamesAreValid(t *testing.T) {
	prefixes := []*string{nil, new("a"), new("tm-prod-2"), new(strings.Repeat("x", 40)), new("a" + strings.Repeat("-b", 31))}
	for _, prefix := range prefixes {
		in, block := input()
		block.NamePrefix = prefix
		in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
		plan := mustPlan(t, in)
		names := []string{plan.SubnetworkName, plan.TargetTag}
		for _, fw := range plan.Firewalls {
			names = append(names, fw.Name)
		}
		seen := map[string]bool{}
		for _, name := range names {
			if !gcp.ValidName(name) || len(name) > 63 {
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
	if got := gcp.Name("tm", "egress-dns"); got != "tm-egress-dns" {
		t.Errorf("Name = %q", got)
	}
	// Exactly 63 characters is still untouched.
	exact := strings.Repeat("p", 52)
	if got := gcp.Name(exact, "egress-dns"); got != exact+"-egress-dns" || len(got) != 63 {
		t.Errorf("63 characters were shortened: %q", got)
	}

	long := "threat-manager-production-" + strings.Repeat("x", 20)
	a := gcp.Name(long, "egress-appliance-updates")
	b := gcp.Name(long, "egress-active-scanning")
	// Pinned: the scheme is part of the deployed names. The prefix is cut,
	// the hash of the full name follows, and the content stays readable.
	if want := "threat-manager-production-xxx-ec1a22d6-egress-appliance-updates"; a != want {
		t.Errorf("shortened name = %q, want %q", a, want)
	}
	for _, name := range []string{a, b} {
		if len(name) > 63 || !gcp.ValidName(name) || !strings.HasPrefix(name, "threat-manager-production") {
			t.Errorf("%q: want at most 63 valid characters starting with the prefix", name)
		}
	}
	if !strings.HasSuffix(b, "-egress-active-scanning") {
		t.Errorf("%q lost its content", b)
	}
	if a == b {
		t.Errorf("two long names shortened to the same %q", a)
	}
	if again := gcp.Name(long, "egress-appliance-updates"); again != a {
		t.Errorf("shortening is not deterministic: %q then %q", a, again)
	}
	// Two prefixes that differ only past the cut stay distinct.
	if gcp.Name(long+"a", "egress-dns") == gcp.Name(long+"b", "egress-dns") {
		t.Error("prefixes that differ past the cut collide")
	}
	// A cut that ends on a dash drops it rather than doubling it.
	dashy := gcp.Name(strings.Repeat("ab-", 30)+"c", "egress-dns")
	if strings.Contains(dashy, "--") || !gcp.ValidName(dashy) {
		t.Errorf("%q", dashy)
	}
}

func TestGCPNamesComeFromContent(t *testing.T) {
	a, _ := input()
	a.AgentCIDRs = rules.KnownAgents("10.0.0.0/16", "10.9.0.0/16")
	a.DNSServers = []string{"8.8.8.8", "1.1.1.1"}
	a.ExtraNTPRanges = []string{"198.51.100.0/24", "203.0.113.0/24"}
	b, _ := input()
	b.AgentCIDRs = rules.KnownAgents("10.9.0.0/16", "10.0.0.0/16")
	b.DNSServers = []string{"1.1.1.1", "8.8.8.8"}
	b.ExtraNTPRanges = []string{"203.0.113.0/24", "198.51.100.0/24"}
	pa, pb := mustPlan(t, a), mustPlan(t, b)
	if fmt.Sprintf("%+v", pa) != fmt.Sprintf("%+v", pb) {
		t.Errorf("reordering inputs changed the plan\n%+v\n%+v", pa, pb)
	}
	// Switching a rule off removes it and renames nothing else.
	base, _ := input()
	off, _ := input()
	off.EgressHTTP = new(false)
	names := map[string]bool{}
	for _, fw := range mustPlan(t, base).Firewalls {
		names[fw.Name] = true
	}
	for _, fw := range mustPlan(t, off).Firewalls {
		if !names[fw.Name] {
			t.Errorf("%q is new after switching egress HTTP off", fw.Name)
		}
	}
}
