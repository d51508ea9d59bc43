package aws_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

func TestReorderingInputsChangesNothing(t *testing.T) {
	a, _ := input()
	a.AgentCIDRs = rules.KnownAgents("10.0.0.0/16", "10.1.0.0/16")
	a.DNSServers = []string{"1.1.1.1", "9.9.9.9"}
	a.ExtraNTPRanges = []string{"204.110.218.96/27"}

	b, bAWS := input()
	b.AgentCIDRs = rules.KnownAgents("10.1.0.0/16", "10.0.0.0/16")
	b.DNSServers = []string{"9.9.9.9", "1.1.1.1"}
	b.ExtraNTPRanges = []string{"204.110.218.96/27"}
	bAWS.Subnets[0], bAWS.Subnets[1] = bAWS.Subnets[1], bAWS.Subnets[0]

	pa, pb := rulestest.MustBuild(t, a, now), rulestest.MustBuild(t, b, now)
	if len(pa.Rules) != len(pb.Rules) {
		t.Fatalf("%d rules vs %d", len(pa.Rules), len(pb.Rules))
	}
	for i := range pa.Rules {
		if pa.Rules[i].Key() != pb.Rules[i].Key() {
			t.Errorf("rule %d: %q vs %q", i, pa.Rules[i].Key(), pb.Rules[i].Key())
		}
	}
	la, _ := rules.CloudPlanOf[*aws.Plan](pa)
	lb, _ := rules.CloudPlanOf[*aws.Plan](pb)
	for i := range la.Subnets {
		if la.Subnets[i] != lb.Subnets[i] {
			t.Errorf("subnet %d: %+v vs %+v", i, la.Subnets[i], lb.Subnets[i])
		}
	}
}

// Each bad AWS block is its own row; the error must name the field, and
// where it helps, say the fix.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(*rules.Input, *aws.Input)
		field  string
		says   string
	}{
		{"duplicate availability zone", func(_ *rules.Input, b *aws.Input) { b.Subnets[1].AvailabilityZone = "us-east-1a" }, "aws.subnets[1].availabilityZone", "repeats aws.subnets[0]"},
		{"AWS subnet outside AWS's sizes", func(_ *rules.Input, b *aws.Input) { b.Subnets[0].CIDRBlock = "10.0.0.0/29" }, "aws.subnets[0].cidrBlock", "between /16 and /28"},
		{"AWS subnets overlap", func(_ *rules.Input, b *aws.Input) { b.Subnets[1].CIDRBlock = "10.0.100.0/25" }, "aws.subnets[1].cidrBlock", "overlaps aws.subnets[0].cidrBlock"},
		{"AWS subnet with host bits", func(_ *rules.Input, b *aws.Input) { b.Subnets[0].CIDRBlock = "10.0.100.1/24" }, "aws.subnets[0].cidrBlock", `use "10.0.100.0/24"`},
		{"no AWS subnets", func(_ *rules.Input, b *aws.Input) { b.Subnets = nil }, "aws.subnets", "at least one subnet"},
		{"no NAT gateway", func(_ *rules.Input, b *aws.Input) { b.NATGateway = rules.Absent }, "aws.subnets[0].natGatewayId", "no NAT gateway"},
		{"no VPC", func(_ *rules.Input, b *aws.Input) { b.VpcID = rules.Absent }, "aws.vpcId", "is required"},
		{"AWS name prefix too long", func(_ *rules.Input, b *aws.Input) { b.NamePrefix = new(strings.Repeat("n", 218)) }, "aws.namePrefix", "is 218 characters; at most 217 leave room"},
		{"too many agent CIDRs for the prefix list", func(in *rules.Input, b *aws.Input) {
			b.AgentCIDRsMaxEntries = new(1)
			in.AgentCIDRs = rules.KnownAgents("10.0.0.0/16", "10.1.0.0/16")
		}, "agentCidrs", "set aws.agentCidrsMaxEntries to at least 2"},
		{"prefix list too big for the rule quota", func(_ *rules.Input, b *aws.Input) { b.AgentCIDRsMaxEntries = new(40) }, "aws.agentCidrsMaxEntries", "over AWS's default quota of 60 rules per security group"},
		{"reserved tag prefix", func(in *rules.Input, _ *aws.Input) { in.Tags = map[string]string{"aws:owner": "x"} }, "tags[aws:owner]", `the prefix "aws:", which AWS reserves`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, block := input()
			tt.change(&in, block)
			plan, err := rules.Build("tm", in, now)
			if err == nil {
				t.Fatalf("no error; plan has %d rules", len(plan.Rules))
			}
			var inputErr *rules.InputError
			if !errors.As(err, &inputErr) {
				t.Fatalf("error %T is not an *InputError: %v", err, err)
			}
			found := false
			for _, fe := range inputErr.Errors {
				if fe.Field == tt.field && strings.Contains(fe.Reason, tt.says) {
					found = true
				}
			}
			if !found {
				t.Errorf("error does not say %q about %s:\n%v", tt.says, tt.field, err)
			}
			if !strings.Contains(err.Error(), tt.field+": ") {
				t.Errorf("message %q does not name %s", err, tt.field)
			}
		})
	}
}
