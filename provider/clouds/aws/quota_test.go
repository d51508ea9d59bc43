package aws_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// Agent CIDRs that resolve after planning get the same checks, count too.
func TestPlanValidatesResolvedAgentCIDRsAgainstAWS(t *testing.T) {
	in, block := input()
	in.AgentCIDRs = rules.AgentCIDRs{Known: false}
	block.AgentCIDRsMaxEntries = ptr(1)
	plan, err := rules.Build("tm", in, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plan.CanonicalAgentCIDRs([]string{"10.0.0.0/16"}); err != nil {
		t.Errorf("one CIDR refused: %v", err)
	}
	_, err = plan.CanonicalAgentCIDRs([]string{"10.0.0.0/16", "10.1.0.0/16"})
	if err == nil || !strings.Contains(err.Error(), "agentCidrs: 2 CIDRs do not fit the agents' prefix list of 1 entries") {
		t.Errorf("err = %v", err)
	}
	_, err = plan.CanonicalAgentCIDRs([]string{"0.0.0.0/0"})
	if err == nil || !strings.Contains(err.Error(), "agentCidrs[0]") {
		t.Errorf("err = %v", err)
	}
}

// 1 to 1,000 agent CIDRs either plan within AWS's limits or are refused
// naming the limit, the number and the way out.
func TestAgentCIDRsAtScale(t *testing.T) {
	raised := func(entries, quota int) func(*aws.Input) {
		return func(b *aws.Input) {
			b.AgentCIDRsMaxEntries = ptr(entries)
			b.RulesPerSecurityGroup = ptr(quota)
		}
	}
	cases := []struct {
		name   string
		agents int
		adjust func(*aws.Input)
		// field and says describe the refusal; empty when accepted.
		field, says string
	}{
		{name: "aws", agents: 1},
		{name: "aws", agents: 10},
		{name: "aws", agents: 100, field: "agentCidrs",
			says: `100 CIDRs do not fit the agents' prefix list of 20 entries (aws.agentCidrsMaxEntries); a prefix list of 100 entries makes the appliance security group count 200 ingress rules, over AWS's default quota of 60 rules per security group: raise the quota "Inbound or outbound rules per security group" (Service Quotas, Amazon VPC, L-0EA8095F) to at least 200 and set aws.rulesPerSecurityGroup to it, and set aws.agentCidrsMaxEntries to at least 100`},
		{name: "aws with a raised quota", agents: 100, adjust: raised(100, 250)},
		{name: "aws with a raised quota", agents: 400, adjust: raised(400, 1000)},
		{name: "aws", agents: 1000, field: "agentCidrs",
			says: "a prefix list of 1000 entries would make the appliance security group count 2000 ingress rules, over 1000, the most AWS allows per security group even with a raised quota; summarise the CIDRs into fewer, wider ones"},
		{name: "aws with the largest quota", agents: 1000, adjust: raised(1000, 1000), field: "aws.agentCidrsMaxEntries",
			says: "lower aws.agentCidrsMaxEntries to at most 500, or AWS allows at most 1000 rules per security group even with a raised quota"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%d", c.name, c.agents), func(t *testing.T) {
			in, block := input()
			in.AgentCIDRs = rulestest.ManyAgents(c.agents)
			if c.adjust != nil {
				c.adjust(block)
			}
			plan, err := rules.Build("tm", in, now)
			if c.field != "" {
				rulestest.AssertFieldError(t, err, c.field, c.says)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.AgentCIDRs) != c.agents {
				t.Fatalf("the plan holds %d agent CIDRs, want %d", len(plan.AgentCIDRs), c.agents)
			}
		})
	}
}

// The ceilings the README states: a prefix list of 30 entries under AWS's
// default quota, 500 agent CIDRs under the largest quota AWS grants.
func TestAgentCIDRCeilings(t *testing.T) {
	sized := func(entries, quota *int) rules.Input {
		in, block := input()
		block.AgentCIDRsMaxEntries, block.RulesPerSecurityGroup = entries, quota
		return in
	}
	for _, c := range []struct {
		name   string
		in     rules.Input
		agents int
		ok     bool
	}{
		{"aws default quota, 30 entries", sized(ptr(30), nil), 30, true},
		{"aws default quota, 31 entries", sized(ptr(31), nil), 31, false},
		{"aws largest quota, 500 agents", sized(ptr(500), ptr(1000)), 500, true},
		{"aws largest quota, 501 agents", sized(ptr(501), ptr(1000)), 501, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.in.AgentCIDRs = rulestest.ManyAgents(c.agents)
			_, err := rules.Build("tm", c.in, now)
			if (err == nil) != c.ok {
				t.Errorf("accepted %v, want %v: %v", err == nil, c.ok, err)
			}
		})
	}
}
