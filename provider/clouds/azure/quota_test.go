package azure_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// manyAgents is n distinct agent CIDRs, /24s from 10.0.0.0 up.
func manyAgents(n int) []string {
	many := make([]string, n)
	for i := range many {
		many[i] = fmt.Sprintf("10.%d.%d.0/24", i/256, i%256)
	}
	return many
}

func TestAzureAgentCIDRsAreCheckedWhenTheyResolve(t *testing.T) {
	in, _ := input()
	in.AgentCIDRs = rules.AgentCIDRs{Known: false}
	full := rulestest.MustBuild(t, in, now)
	plan, _ := rules.CloudPlanOf[*azure.Plan](full)
	var scanning azure.SecurityRule
	for _, r := range plan.SecurityRules {
		if r.Name == "egress-active-scanning" {
			scanning = r
		}
	}
	agents, err := full.CanonicalAgentCIDRs([]string{"192.168.0.0/24", "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	if got := scanning.AddressPrefixes(agents); strings.Join(got, ",") != "10.0.0.0/16,192.168.0.0/24" {
		t.Errorf("got %v; want the CIDRs in address order", got)
	}
	_, err = full.CanonicalAgentCIDRs([]string{"10.0.0.1/16"})
	rulestest.AssertFieldError(t, err, "agentCidrs[0]", `use "10.0.0.0/16"`)

	_, err = full.CanonicalAgentCIDRs(manyAgents(1400))
	rulestest.AssertFieldError(t, err, "agentCidrs", "over Azure's limit of 4000 per network security group")
}

// Known agent CIDRs meet Azure's prefix quota in Build, before anything is
// registered, as unknown ones do when they resolve.
func TestAzurePrefixQuotaIsCheckedForKnownAgents(t *testing.T) {
	in, _ := input()
	in.AgentCIDRs = rules.KnownAgents(manyAgents(1400)...)
	_, err := rules.Build("tm", in, now)
	rulestest.AssertFieldError(t, err, "agentCidrs", "over Azure's limit of 4000 per network security group")
}

// 1 to 1,000 agent CIDRs plan within Azure's limits; more are refused
// naming the limit, the number and the way out.
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
		{agents: 1400, field: "agentCidrs", says: "1400 agent CIDRs make 4215 address prefixes in the network security group, over Azure's limit of 4000 per network security group"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("azure/%d", c.agents), func(t *testing.T) {
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

// The ceiling the README states: about 1,300 agent CIDRs on Azure.
func TestAgentCIDRCeilings(t *testing.T) {
	for _, c := range []struct {
		name   string
		agents int
		ok     bool
	}{
		{"azure, 1300 agents", 1300, true},
		{"azure, 1340 agents", 1340, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			in, _ := input()
			in.AgentCIDRs = rulestest.ManyAgents(c.agents)
			_, err := rules.Build("tm", in, now)
			if (err == nil) != c.ok {
				t.Errorf("accepted %v, want %v: %v", err == nil, c.ok, err)
			}
		})
	}
}
