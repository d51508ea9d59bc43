package rules

import (
	"fmt"
	"testing"
)

// agentCIDRs returns n distinct /24s from 172.16.0.0 up.
func agentCIDRs(n int) AgentCIDRs {
	var cidrs []string
	for i := range n {
		cidrs = append(cidrs, fmt.Sprintf("172.%d.%d.0/24", 16+i/256, i%256))
	}
	return KnownAgents(cidrs...)
}

// 1 to 1,000 agent CIDRs on each cloud either plan within that cloud's
// limits or are refused naming the limit, the number and the way out.
func TestAgentCIDRsAtScale(t *testing.T) {
	raised := func(entries, quota int) func(*Input) {
		return func(in *Input) {
			in.AWS.AgentCIDRsMaxEntries = ptr(entries)
			in.AWS.RulesPerSecurityGroup = ptr(quota)
		}
	}
	cases := []struct {
		name   string
		input  func() Input
		agents int
		adjust func(*Input)
		// field and says describe the refusal; empty when accepted.
		field, says string
	}{
		{name: "aws", input: awsInput, agents: 1},
		{name: "aws", input: awsInput, agents: 10},
		{name: "aws", input: awsInput, agents: 100, field: "agentCidrs",
			says: `100 CIDRs do not fit the agents' prefix list of 20 entries (aws.agentCidrsMaxEntries); a prefix list of 100 entries makes the appliance security group count 200 ingress rules, over AWS's default quota of 60 rules per security group: raise the quota "Inbound or outbound rules per security group" (Service Quotas, Amazon VPC, L-0EA8095F) to at least 200 and set aws.rulesPerSecurityGroup to it, and set aws.agentCidrsMaxEntries to at least 100`},
		{name: "aws with a raised quota", input: awsInput, agents: 100, adjust: raised(100, 250)},
		{name: "aws with a raised quota", input: awsInput, agents: 400, adjust: raised(400, 1000)},
		{name: "aws", input: awsInput, agents: 1000, field: "agentCidrs",
			says: "a prefix list of 1000 entries would make the appliance security group count 2000 ingress rules, over 1000, the most AWS allows per security group even with a raised quota; summarise the CIDRs into fewer, wider ones"},
		{name: "aws with the largest quota", input: awsInput, agents: 1000, adjust: raised(1000, 1000), field: "aws.agentCidrsMaxEntries",
			says: "lower aws.agentCidrsMaxEntries to at most 500, or AWS allows at most 1000 rules per security group even with a raised quota"},
		{name: "azure", input: azureInput, agents: 1},
		{name: "azure", input: azureInput, agents: 10},
		{name: "azure", input: azureInput, agents: 100},
		{name: "azure", input: azureInput, agents: 1000},
		{name: "azure", input: azureInput, agents: 1400, field: "agentCidrs", says: "1400 agent CIDRs make 4215 address prefixes in the network security group, over Azure's limit of 4000 per network security group"},
		{name: "gcp", input: gcpInput, agents: 1},
		{name: "gcp", input: gcpInput, agents: 10},
		{name: "gcp", input: gcpInput, agents: 100},
		{name: "gcp", input: gcpInput, agents: 1000},
		{name: "gcp", input: gcpInput, agents: 5000},
		{name: "gcp", input: gcpInput, agents: 5001, field: "agentCidrs", says: "5001 agent CIDRs make 5001 ranges in the firewall rule"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%d", c.name, c.agents), func(t *testing.T) {
			in := c.input()
			in.AgentCIDRs = agentCIDRs(c.agents)
			if c.adjust != nil {
				c.adjust(&in)
			}
			plan, err := Build("tm", in, now)
			if c.field != "" {
				assertFieldError(t, err, c.field, c.says)
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
// default quota, 500 agent CIDRs under the largest quota AWS grants,
// about 1,300 on Azure, 5,000 on GCP.
func TestAgentCIDRCeilings(t *testing.T) {
	sized := func(entries, quota *int) Input {
		in := awsInput()
		in.AWS.AgentCIDRsMaxEntries, in.AWS.RulesPerSecurityGroup = entries, quota
		return in
	}
	for _, c := range []struct {
		name   string
		in     Input
		agents int
		ok     bool
	}{
		{"aws default quota, 30 entries", sized(ptr(30), nil), 30, true},
		{"aws default quota, 31 entries", sized(ptr(31), nil), 31, false},
		{"aws largest quota, 500 agents", sized(ptr(500), ptr(1000)), 500, true},
		{"aws largest quota, 501 agents", sized(ptr(501), ptr(1000)), 501, false},
		{"azure, 1300 agents", azureInput(), 1300, true},
		{"azure, 1340 agents", azureInput(), 1340, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.in.AgentCIDRs = agentCIDRs(c.agents)
			_, err := Build("tm", c.in, now)
			if (err == nil) != c.ok {
				t.Errorf("accepted %v, want %v: %v", err == nil, c.ok, err)
			}
		})
	}
}
