package rules

import (
	"testing"
)

// The seed's US table, for one agent CIDR and no SSH, as rows.
var usRows = []string{
	"ingress tcp 443 agents",
	"ingress tcp 7777 agents",
	"egress all all agents",
	"egress tcp 53 8.8.8.8/32", "egress udp 53 8.8.8.8/32",
	"egress tcp 53 8.8.4.4/32", "egress udp 53 8.8.4.4/32",
	"egress tcp 80 0.0.0.0/0",
	"egress tcp 443 204.110.218.96/27", "egress tcp 443 204.110.219.96/27", "egress tcp 443 208.71.209.32/27",
	"egress tcp 4138 204.110.218.96/27", "egress tcp 4138 204.110.219.96/27", "egress tcp 4138 208.71.209.32/27",
	"egress udp 123 204.110.219.96/27", "egress udp 123 208.71.209.32/27",
}

// The seed's EU table: 185.54.124.0/24 for updates, events and NTP.
var euRows = []string{
	"ingress tcp 443 agents",
	"ingress tcp 7777 agents",
	"egress all all agents",
	"egress tcp 53 8.8.8.8/32", "egress udp 53 8.8.8.8/32",
	"egress tcp 53 8.8.4.4/32", "egress udp 53 8.8.4.4/32",
	"egress tcp 80 0.0.0.0/0",
	"egress tcp 443 185.54.124.0/24",
	"egress tcp 4138 185.54.124.0/24",
	"egress udp 123 185.54.124.0/24",
}

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
		change  func(*Input)
		without []string
		with    []string
	}{
		{
			name:    "egress TCP 80 off (PCI)",
			change:  func(in *Input) { in.EgressHTTP = ptr(false) },
			without: []string{"egress tcp 80 0.0.0.0/0"},
		},
		{
			name:    "active scanning off",
			change:  func(in *Input) { in.ActiveScanning = ptr(false) },
			without: []string{"egress all all agents"},
		},
		{
			name:    "own DNS servers",
			change:  func(in *Input) { in.DNSServers = []string{"10.0.0.2"} },
			without: []string{"egress tcp 53 8.8.8.8/32", "egress udp 53 8.8.8.8/32", "egress tcp 53 8.8.4.4/32", "egress udp 53 8.8.4.4/32"},
			with:    []string{"egress tcp 53 10.0.0.2/32", "egress udp 53 10.0.0.2/32"},
		},
		{
			name:    "no DNS rules",
			change:  func(in *Input) { in.DNSServers = []string{} },
			without: []string{"egress tcp 53 8.8.8.8/32", "egress udp 53 8.8.8.8/32", "egress tcp 53 8.8.4.4/32", "egress udp 53 8.8.4.4/32"},
		},
		{
			name:   "the third US NTP range added",
			change: func(in *Input) { in.ExtraNTPRanges = []string{"204.110.218.96/27"} },
			with:   []string{"egress udp 123 204.110.218.96/27"},
		},
		{
			name:    "datacenter ranges overridden",
			change:  func(in *Input) { in.DatacenterRanges = []string{"198.51.100.0/24"} },
			without: []string{"egress tcp 443 204.110.218.96/27", "egress tcp 443 204.110.219.96/27", "egress tcp 443 208.71.209.32/27", "egress tcp 4138 204.110.218.96/27", "egress tcp 4138 204.110.219.96/27", "egress tcp 4138 208.71.209.32/27"},
			with:    []string{"egress tcp 443 198.51.100.0/24", "egress tcp 4138 198.51.100.0/24"},
		},
		{
			name:    "NTP ranges overridden",
			change:  func(in *Input) { in.DatacenterNTPRanges = []string{"198.51.100.0/24"} },
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
			var rows []string
			for r := range want {
				rows = append(rows, r)
			}
			assertLines(t, mustBuild(t, in, now).Rules, rows...)
		})
	}
}

func TestAgentSideRulesReachTheAppliances(t *testing.T) {
	plan := mustBuild(t, awsInput(), now)
	assertLines(t, plan.AgentSideRules, "egress tcp 443 appliances", "egress tcp 7777 appliances")
}

func TestRuleKeysAreUniqueAndFromContent(t *testing.T) {
	in := awsInput()
	in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
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

func TestReorderingInputsChangesNothing(t *testing.T) {
	a := awsInput()
	a.AgentCIDRs = KnownAgents("10.0.0.0/16", "10.1.0.0/16")
	a.DNSServers = []string{"1.1.1.1", "9.9.9.9"}
	a.ExtraNTPRanges = []string{"204.110.218.96/27"}

	b := awsInput()
	b.AgentCIDRs = KnownAgents("10.1.0.0/16", "10.0.0.0/16")
	b.DNSServers = []string{"9.9.9.9", "1.1.1.1"}
	b.ExtraNTPRanges = []string{"204.110.218.96/27"}
	b.AWS.Subnets[0], b.AWS.Subnets[1] = b.AWS.Subnets[1], b.AWS.Subnets[0]

	pa, pb := mustBuild(t, a, now), mustBuild(t, b, now)
	if len(pa.Rules) != len(pb.Rules) {
		t.Fatalf("%d rules vs %d", len(pa.Rules), len(pb.Rules))
	}
	for i := range pa.Rules {
		if pa.Rules[i].Key() != pb.Rules[i].Key() {
			t.Errorf("rule %d: %q vs %q", i, pa.Rules[i].Key(), pb.Rules[i].Key())
		}
	}
	for i := range pa.AWS.Subnets {
		if pa.AWS.Subnets[i] != pb.AWS.Subnets[i] {
			t.Errorf("subnet %d: %+v vs %+v", i, pa.AWS.Subnets[i], pb.AWS.Subnets[i])
		}
	}
}

func TestUnknownAgentCIDRsStillPlan(t *testing.T) {
	in := awsInput()
	in.AgentCIDRs = AgentCIDRs{Known: false}
	plan := mustBuild(t, in, now)
	assertLines(t, plan.Rules, usRows...)
}
