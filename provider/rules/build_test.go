package rules_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

func TestPlanHoldsExactlyTheSeedsRules(t *testing.T) {
	us := awsInput()
	assertLines(t, mustBuild(t, us, now).Rules, usRows...)

	eu := awsInput()
	eu.Datacenter = ptr("eu")
	assertLines(t, mustBuild(t, eu, now).Rules, euRows...)
}

func TestEveryRuleIsDescribed(t *testing.T) {
	plan := mustBuild(t, awsInput(), now)
	for _, r := range append(plan.Rules, plan.AgentSideRules...) {
		if r.Description == "" {
			t.Errorf("%s has no description", line(r))
		}
	}
}

func TestSwitches(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*rules.Input)
		without []string
		with    []string
	}{
		{
			name:    "egress TCP 80 off (PCI)",
			change:  func(in *rules.Input) { in.EgressHTTP = ptr(false) },
			without: []string{"egress tcp 80 0.0.0.0/0"},
		},
		{
			name:    "active scanning off",
			change:  func(in *rules.Input) { in.ActiveScanning = ptr(false) },
			without: []string{"egress all all agents"},
		},
		{
			name:    "own DNS servers",
			change:  func(in *rules.Input) { in.DNSServers = []string{"10.0.0.2"} },
			without: []string{"egress tcp 53 8.8.8.8/32", "egress udp 53 8.8.8.8/32", "egress tcp 53 8.8.4.4/32", "egress udp 53 8.8.4.4/32"},
			with:    []string{"egress tcp 53 10.0.0.2/32", "egress udp 53 10.0.0.2/32"},
		},
		{
			name:    "no DNS rules",
			change:  func(in *rules.Input) { in.DNSServers = []string{} },
			without: []string{"egress tcp 53 8.8.8.8/32", "egress udp 53 8.8.8.8/32", "egress tcp 53 8.8.4.4/32", "egress udp 53 8.8.4.4/32"},
		},
		{
			name:   "the third US NTP range added",
			change: func(in *rules.Input) { in.ExtraNTPRanges = []string{"204.110.218.96/27"} },
			with:   []string{"egress udp 123 204.110.218.96/27"},
		},
		{
			name:    "datacenter ranges overridden",
			change:  func(in *rules.Input) { in.DatacenterRanges = []string{"198.51.100.0/24"} },
			without: []string{"egress tcp 443 204.110.218.96/27", "egress tcp 443 204.110.219.96/27", "egress tcp 443 208.71.209.32/27", "egress tcp 4138 204.110.218.96/27", "egress tcp 4138 204.110.219.96/27", "egress tcp 4138 208.71.209.32/27"},
			with:    []string{"egress tcp 443 198.51.100.0/24", "egress tcp 4138 198.51.100.0/24"},
		},
		{
			name:    "NTP ranges overridden",
			change:  func(in *rules.Input) { in.DatacenterNTPRanges = []string{"198.51.100.0/24"} },
			without: []string{"egress udp 123 204.110.219.96/27", "egress udp 123 208.71.209.32/27"},
			with:    []string{"egress udp 123 198.51.100.0/24"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := awsInput()
			tt.change(&in)
			want := map[string]bool{}
			for _, r := range usRows {
				want[r] = true
			}
			for _, r := range tt.without {
				if !want[r] {
					t.Fatalf("test bug: %q is not a default row", r)
				}
				delete(want, r)
			}
			for _, r := range tt.with {
				want[r] = true
			}
			assertLines(t, mustBuild(t, in, now).Rules, slices.Collect(maps.Keys(want))...)
		})
	}
}

func TestAgentSideRulesReachTheAppliances(t *testing.T) {
	plan := mustBuild(t, awsInput(), now)
	assertLines(t, plan.AgentSideRules, "egress tcp 443 appliances", "egress tcp 7777 appliances")
}

func TestRuleKeysAreUniqueAndFromContent(t *testing.T) {
	in := awsInput()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
	plan := mustBuild(t, in, now)
	seen := map[string]bool{}
	for _, r := range plan.Rules {
		if seen[r.Key()] {
			t.Errorf("duplicate key %q", r.Key())
		}
		seen[r.Key()] = true
	}
	for _, key := range []string{
		"ingress-agent-updates-tcp-443-agents",
		"egress-active-scanning-agents",
		"egress-dns-udp-53-8-8-4-4-32",
		"ingress-ssh-tcp-22-208-71-209-32-27",
	} {
		if !seen[key] {
			t.Errorf("no rule keyed %q", key)
		}
	}
}

func TestUnknownAgentCIDRsStillPlan(t *testing.T) {
	in := awsInput()
	in.AgentCIDRs = rules.AgentCIDRs{Known: false}
	plan := mustBuild(t, in, now)
	assertLines(t, plan.Rules, usRows...)
}
