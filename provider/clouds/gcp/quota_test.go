package gcp_test

import (
	"fmt"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// 1 to 5,000 agent CIDRs plan within GCP's limit of ranges per firewall
// rule; more are refused naming the limit and the number.
func TestAgentCIDRsAtScale(t *testing.T) {
	cases := []struct {
		agents int
		// field and says describe the refusal; empty when accepted.
		field, says string
	}{
		{agents: 1},
		{agents: 10},
		{agents: 100},
		{agents: 1000},
		{agents: 5000},
		{agents: 5001, field: "agentCidrs", says: "5001 agent CIDRs make 5001 ranges in the firewall rule"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("gcp/%d", c.agents), func(t *testing.T) {
			in, _ := input()
			in.AgentCIDRs = rulestest.ManyAgents(c.agents)
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
