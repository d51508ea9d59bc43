package aws_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements/seeddoc"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// awsCount is how AWS counts the appliance group's rules for a prefix list
// of entries with SSH closed, from the seed document (us, the default),
// not from the plan: in each direction, a rule per row, each rule to or
// from the agents counted as the list's entries. It returns the direction
// that counts the most (inbound on a tie) and its count.
func awsCount(entries int) (string, int) {
	counts := map[string]int{}
	for _, r := range seeddoc.Rows(seeddoc.US) {
		switch {
		case r.SSH():
		case r.Peer == "agents":
			counts[r.Direction] += entries
		default:
			counts[r.Direction]++
		}
	}
	if counts["egress"] > counts["ingress"] {
		return "egress", counts["egress"]
	}
	return "ingress", counts["ingress"]
}

// awsRoom is the largest prefix list a quota of rules per security group
// leaves room for, from the seed document as awsCount counts (searched up
// to AWS's 1,000 entries per prefix list).
func awsRoom(quota int) int {
	room := 0
	for room < 1000 && awsFits(room+1, quota) {
		room++
	}
	return room
}

func awsFits(entries, quota int) bool {
	_, n := awsCount(entries)
	return n <= quota
}

// Agent CIDRs that resolve after planning get the same checks, count too.
func TestPlanValidatesResolvedAgentCIDRsAgainstAWS(t *testing.T) {
	in, block := input()
	in.AgentCIDRs = rules.AgentCIDRs{Known: false}
	block.AgentCIDRsMaxEntries = new(1)
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
			b.AgentCIDRsMaxEntries = new(entries)
			b.RulesPerSecurityGroup = new(quota)
		}
	}
	dir100, need100 := awsCount(100)
	dir1000, need1000 := awsCount(1000)
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
			says: fmt.Sprintf(`100 CIDRs do not fit the agents' prefix list of 20 entries (aws.agentCidrsMaxEntries); a prefix list of 100 entries makes the appliance security group count %d %s rules, over AWS's default quota of 60 rules per security group: raise the quota "Inbound or outbound rules per security group" (Service Quotas, Amazon VPC, L-0EA8095F) to at least %d and set aws.rulesPerSecurityGroup to it, and set aws.agentCidrsMaxEntries to at least 100`, need100, dir100, need100)},
		{name: "aws with a raised quota", agents: 100, adjust: raised(100, 250)},
		{name: "aws with a raised quota", agents: 400, adjust: raised(400, 1000)},
		{name: "aws", agents: 1000, field: "agentCidrs",
			says: fmt.Sprintf("a prefix list of 1000 entries would make the appliance security group count %d %s rules, over 1000, the most AWS allows per security group even with a raised quota; summarise the CIDRs into fewer, wider ones", need1000, dir1000)},
		{name: "aws with the largest quota", agents: 1000, adjust: raised(1000, 1000), field: "aws.agentCidrsMaxEntries",
			says: fmt.Sprintf("lower aws.agentCidrsMaxEntries to at most %d, or AWS allows at most 1000 rules per security group even with a raised quota", awsRoom(1000))},
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

// The ceilings, counted from the seed: the largest prefix list under AWS's
// default quota of 60 and under the largest quota AWS grants, 1,000, plan;
// one entry more is refused.
func TestAgentCIDRCeilings(t *testing.T) {
	sized := func(entries, quota *int) rules.Input {
		in, block := input()
		block.AgentCIDRsMaxEntries, block.RulesPerSecurityGroup = entries, quota
		return in
	}
	byDefault, largest := awsRoom(60), awsRoom(1000)
	for _, c := range []struct {
		name   string
		in     rules.Input
		agents int
		ok     bool
	}{
		{"aws default quota, the ceiling", sized(new(byDefault), nil), byDefault, true},
		{"aws default quota, one over", sized(new(byDefault+1), nil), byDefault + 1, false},
		{"aws largest quota, the ceiling", sized(new(largest), new(1000)), largest, true},
		{"aws largest quota, one over", sized(new(largest+1), new(1000)), largest + 1, false},
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

// The README promises users a prefix list of 30 entries under AWS's
// default quota and 500 agent CIDRs under the largest: an oracle apart
// from the seed, kept on purpose. Only a new rule to or from the agents
// (or many more egress rows) moves them; then the README's figures are
// wrong, and this fails until the README says the new ones.
func TestAgentCIDRCeilingsAreTheREADMEs(t *testing.T) {
	if byDefault, largest := awsRoom(60), awsRoom(1000); byDefault != 30 || largest != 500 {
		t.Errorf("AWS's ceilings are %d entries by default and %d at most; the README says 30 and 500", byDefault, largest)
	}
}
