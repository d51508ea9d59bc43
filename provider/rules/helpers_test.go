package rules

import (
	"sort"
	"strings"
	"testing"
	"time"
)

// now is the fixed instant every test plans at.
var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

// denyRows are the deny-all rules Azure and GCP put below the allows.
var denyRows = []string{"deny egress all all 0.0.0.0/0", "deny ingress all all 0.0.0.0/0"}

// awsInput is a minimal valid input: us, one agent CIDR, two zones.
func awsInput() Input {
	return Input{
		AgentCIDRs: KnownAgents("10.0.0.0/16"),
		AWS: &AWSInput{
			VpcID:      Present,
			NATGateway: Present,
			Subnets: []AWSSubnetInput{
				{AvailabilityZone: "us-east-1a", CIDRBlock: "10.0.100.0/24"},
				{AvailabilityZone: "us-east-1b", CIDRBlock: "10.0.101.0/24"},
			},
		},
	}
}

// line renders a rule like a row of the seed: "egress tcp 443 204.110.218.96/27".
func line(r Rule) string {
	return strings.Join([]string{string(r.Direction), string(r.Protocol), r.Ports.String(), r.Peer.String()}, " ")
}

func lines(rules []Rule) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = line(r)
	}
	sort.Strings(out)
	return out
}

func mustBuild(t *testing.T, in Input, at time.Time) Plan {
	t.Helper()
	plan, err := Build("tm", in, at)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return plan
}

func assertLines(t *testing.T, got []Rule, want ...string) {
	t.Helper()
	sort.Strings(want)
	g := lines(got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("rules differ\ngot:\n  %s\nwant:\n  %s", strings.Join(g, "\n  "), strings.Join(want, "\n  "))
	}
}
