package rules_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

func TestPlanHoldsExactlyTheSeedsRules(t *testing.T) {
	us := awsInput()
	assertLines(t, mustBuild(t, us, now).Rules, usRows...)

	eu := awsInput()
	eu.Datacenter = new("eu")
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

// tableRows are the rows of the table's requirements that pick selects,
// each to or from every one of peers, as line spells a rule. The switches
// below say which requirements they touch and which peers they take away
// and add, so a new row of the table joins the expectation by itself.
func tableRows(pick func(requirements.Requirement) bool, peers ...string) []string {
	var rows []string
	for _, req := range requirements.Table {
		if !pick(req) {
			continue
		}
		for _, peer := range peers {
			rows = append(rows, strings.Join([]string{string(req.Direction), string(req.Protocol), req.Ports.String(), peer}, " "))
		}
	}
	return rows
}

func purpose(p requirements.Purpose) func(requirements.Requirement) bool {
	return func(req requirements.Requirement) bool { return req.Purpose == p }
}

func peerSet(s requirements.PeerSet) func(requirements.Requirement) bool {
	return func(req requirements.Requirement) bool { return req.Peers == s }
}

func TestSwitches(t *testing.T) {
	us := requirements.Datacenters[requirements.US]
	var dns []string
	for _, server := range requirements.DefaultDNSServers {
		dns = append(dns, server+"/32")
	}
	tests := []struct {
		name   string
		change func(*rules.Input)
		// pick selects the requirements the change touches; without are
		// the peers it takes from them, with those it gives them.
		pick          func(requirements.Requirement) bool
		without, with []string
	}{
		{
			name:    "egress TCP 80 off (PCI)",
			change:  func(in *rules.Input) { in.EgressHTTP = new(false) },
			pick:    purpose(requirements.ApplianceUpdates),
			without: []string{requirements.InternetCIDR},
		},
		{
			name:    "active scanning off",
			change:  func(in *rules.Input) { in.ActiveScanning = new(false) },
			pick:    purpose(requirements.ActiveScanning),
			without: []string{string(requirements.Agents)},
		},
		{
			name:    "own DNS servers",
			change:  func(in *rules.Input) { in.DNSServers = []string{"10.0.0.2"} },
			pick:    peerSet(requirements.DNSServers),
			without: dns,
			with:    []string{"10.0.0.2/32"},
		},
		{
			name:    "no DNS rules",
			change:  func(in *rules.Input) { in.DNSServers = []string{} },
			pick:    peerSet(requirements.DNSServers),
			without: dns,
		},
		{
			name:   "the third US NTP range added",
			change: func(in *rules.Input) { in.ExtraNTPRanges = []string{"204.110.218.96/27"} },
			pick:   peerSet(requirements.DatacenterNTPRanges),
			with:   []string{"204.110.218.96/27"},
		},
		{
			name:    "datacenter ranges overridden",
			change:  func(in *rules.Input) { in.DatacenterRanges = []string{"198.51.100.0/24"} },
			pick:    peerSet(requirements.DatacenterRanges),
			without: us.Service,
			with:    []string{"198.51.100.0/24"},
		},
		{
			name:    "NTP ranges overridden",
			change:  func(in *rules.Input) { in.DatacenterNTPRanges = []string{"198.51.100.0/24"} },
			pick:    peerSet(requirements.DatacenterNTPRanges),
			without: us.NTP,
			with:    []string{"198.51.100.0/24"},
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
			without, with := tableRows(tt.pick, tt.without...), tableRows(tt.pick, tt.with...)
			if len(without)+len(with) == 0 {
				t.Fatal("test bug: the change touches no requirement of the table")
			}
			for _, r := range without {
				// usRows are the document's: this also holds the table's
				// peer sets to the document.
				if !want[r] {
					t.Fatalf("test bug: %q is not a default row", r)
				}
				delete(want, r)
			}
			for _, r := range with {
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
