package azure_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements/seeddoc"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// azurePrefixes is how many address prefixes the network security group
// holds for n agent CIDRs with SSH closed, counted from the seed document
// (us, the default), not from the plan: every agent CIDR once in each rule
// to or from the agents, every other row's peer once (a rule per
// requirement, holding all its peers), and 0.0.0.0/0 once in each of the
// two deny-alls, the component's own design.
func azurePrefixes(n int) int {
	total := 2
	for _, r := range seeddoc.Rows(seeddoc.US) {
		switch {
		case r.SSH():
		case r.Peer == "agents":
			total += n
		default:
			total++
		}
	}
	return total
}

// azureCeiling is the most agent CIDRs whose prefixes fit Azure's limit
// of 4,000 per network security group (searched up to 4,000).
func azureCeiling() int {
	n := 0
	for n < 4000 && azurePrefixes(n+1) <= 4000 {
		n++
	}
	return n
}

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
		{agents: 1400, field: "agentCidrs", says: fmt.Sprintf("1400 agent CIDRs make %d address prefixes in the network security group, over Azure's limit of 4000 per network security group", azurePrefixes(1400))},
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

// The ceiling, counted from the seed: as many agent CIDRs as fit plan,
// one more is refused.
func TestAgentCIDRCeilings(t *testing.T) {
	ceiling := azureCeiling()
	for _, c := range []struct {
		agents int
		ok     bool
	}{{ceiling, true}, {ceiling + 1, false}} {
		t.Run(fmt.Sprintf("azure, %d agents", c.agents), func(t *testing.T) {
			in, _ := input()
			in.AgentCIDRs = rulestest.ManyAgents(c.agents)
			_, err := rules.Build("tm", in, now)
			if (err == nil) != c.ok {
				t.Errorf("accepted %v, want %v: %v", err == nil, c.ok, err)
			}
		})
	}
}

// The README promises users "up to about 1,300" agent CIDRs on Azure: an
// oracle apart from the seed, kept on purpose. A new row moves the ceiling
// by a prefix or a few; one that moves it out of 1,300-1,339 makes the
// README's figure wrong, and fails here until the README says the new one.
func TestAgentCIDRCeilingIsTheREADMEs(t *testing.T) {
	if c := azureCeiling(); c < 1300 || c >= 1340 {
		t.Errorf("Azure's ceiling is %d agent CIDRs; the README says about 1,300", c)
	}
}
