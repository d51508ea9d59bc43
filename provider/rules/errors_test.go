package rules

import (
	"errors"
	"strings"
	"testing"
)

// Each bad input is its own row; the error must name the field, and where
// it helps, say the fix.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Input)
		field  string
		says   string
	}{
		{"malformed agent CIDR", func(in *Input) { in.AgentCIDRs = KnownAgents("10.0.0/16") }, "agentCidrs[0]", "is not a CIDR"},
		{"agent CIDR with host bits set", func(in *Input) { in.AgentCIDRs = KnownAgents("10.0.0.0/16", "10.1.2.3/16") }, "agentCidrs[1]", `use "10.1.0.0/16"`},
		{"0.0.0.0/0 as agent CIDR", func(in *Input) { in.AgentCIDRs = KnownAgents("0.0.0.0/0") }, "agentCidrs[0]", "whole internet"},
		{"::/0 as agent CIDR", func(in *Input) { in.AgentCIDRs = KnownAgents("::/0") }, "agentCidrs[0]", "whole internet"},
		{"IPv6 agent CIDR", func(in *Input) { in.AgentCIDRs = KnownAgents("2001:db8::/32") }, "agentCidrs[0]", "not IPv4"},
		{"repeated agent CIDR", func(in *Input) { in.AgentCIDRs = KnownAgents("10.0.0.0/16", "10.0.0.0/16") }, "agentCidrs[1]", "repeats agentCidrs[0]"},
		{"no agent CIDRs", func(in *Input) { in.AgentCIDRs = KnownAgents() }, "agentCidrs", "at least one"},
		{"unknown datacenter", func(in *Input) { in.Datacenter = ptr("apac") }, "datacenter", `"apac" is not a known datacenter`},
		{"no cloud block", func(in *Input) { in.AWS = nil }, "aws, azure, gcp", "at least one cloud block"},
		{"duplicate availability zone", func(in *Input) { in.AWS.Subnets[1].AvailabilityZone = "us-east-1a" }, "aws.subnets[1].availabilityZone", "repeats aws.subnets[0]"},
		{"malformed expiresAt", func(in *Input) { in.SSHAccess = &SSHAccessInput{ExpiresAt: "tomorrow"} }, "sshAccess.expiresAt", "not an RFC 3339 timestamp"},
		{"expiresAt beyond the window", func(in *Input) { in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-12-25T00:00:00Z"} }, "sshAccess.expiresAt", "beyond the maximum SSH window of 168h"},
		{"SSH source outside the datacenter", func(in *Input) {
			in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z", Sources: []string{"203.0.113.0/24"}}
		}, "sshAccess.sources[0]", "allowSourcesOutsideDatacenter"},
		{"SSH from the whole internet even with the override", func(in *Input) {
			in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z", Sources: []string{"0.0.0.0/0"}, AllowSourcesOutsideDatacenter: true}
		}, "sshAccess.sources[0]", "whole internet"},
		{"EU SSH source from the US datacenter", func(in *Input) {
			in.Datacenter = ptr("eu")
			in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z", Sources: []string{"208.71.209.32/27"}}
		}, "sshAccess.sources[0]", `datacenter "eu"`},
		{"negative SSH window", func(in *Input) {
			in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z", MaxWindowHours: ptr(-1)}
		}, "sshAccess.maxWindowHours", "-1 is outside 1-8760 hours; leave it unset for 168"},
		{"malformed DNS server", func(in *Input) { in.DNSServers = []string{"8.8.8"} }, "dnsServers[0]", "is not a CIDR"},
		{"extra NTP range already present", func(in *Input) { in.ExtraNTPRanges = []string{"208.71.209.32/27"} }, "extraNtpRanges[0]", "already an NTP range"},
		{"empty datacenter override", func(in *Input) { in.DatacenterRanges = []string{} }, "datacenterRanges", "at least one range"},
		{"datacenter range with host bits", func(in *Input) { in.DatacenterRanges = []string{"198.51.100.1/24"} }, "datacenterRanges[0]", `use "198.51.100.0/24"`},
		{"AWS subnet outside AWS's sizes", func(in *Input) { in.AWS.Subnets[0].CIDRBlock = "10.0.0.0/29" }, "aws.subnets[0].cidrBlock", "between /16 and /28"},
		{"AWS subnets overlap", func(in *Input) { in.AWS.Subnets[1].CIDRBlock = "10.0.100.0/25" }, "aws.subnets[1].cidrBlock", "overlaps aws.subnets[0].cidrBlock"},
		{"AWS subnet with host bits", func(in *Input) { in.AWS.Subnets[0].CIDRBlock = "10.0.100.1/24" }, "aws.subnets[0].cidrBlock", `use "10.0.100.0/24"`},
		{"no AWS subnets", func(in *Input) { in.AWS.Subnets = nil }, "aws.subnets", "at least one subnet"},
		{"no NAT gateway", func(in *Input) { in.AWS.NATGateway = Absent }, "aws.subnets[0].natGatewayId", "no NAT gateway"},
		{"no VPC", func(in *Input) { in.AWS.VpcID = Absent }, "aws.vpcId", "is required"},
		{"AWS name prefix too long", func(in *Input) { in.AWS.NamePrefix = ptr(strings.Repeat("n", 218)) }, "aws.namePrefix", "is 218 characters; at most 217 leave room"},
		{"too many agent CIDRs for the prefix list", func(in *Input) {
			in.AWS.AgentCIDRsMaxEntries = ptr(1)
			in.AgentCIDRs = KnownAgents("10.0.0.0/16", "10.1.0.0/16")
		}, "agentCidrs", "set aws.agentCidrsMaxEntries to at least 2"},
		{"prefix list too big for the rule quota", func(in *Input) { in.AWS.AgentCIDRsMaxEntries = ptr(40) }, "aws.agentCidrsMaxEntries", "over AWS's default quota of 60 rules per security group"},
		{"reserved tag prefix", func(in *Input) { in.Tags = map[string]string{"aws:owner": "x"} }, "tags[aws:owner]", `the prefix "aws:", which AWS reserves`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := awsInput()
			tt.change(&in)
			plan, err := Build("tm", in, now)
			if err == nil {
				t.Fatalf("no error; plan has %d rules", len(plan.Rules))
			}
			var inputErr *InputError
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

func TestErrorsAreDeterministic(t *testing.T) {
	in := awsInput()
	in.Datacenter = ptr("apac")
	in.AgentCIDRs = KnownAgents("0.0.0.0/0", "10.0.0.1/8")
	in.Tags = map[string]string{"aws:a": "1", "aws:b": "2", "aws:c": "3"}
	_, first := Build("tm", in, now)
	for i := 0; i < 20; i++ {
		_, again := Build("tm", in, now)
		if again.Error() != first.Error() {
			t.Fatalf("message changed between runs:\n%v\n%v", first, again)
		}
	}
	if n := len(first.(*InputError).Errors); n != 6 {
		t.Errorf("got %d Problems, want all 6 reported at once:\n%v", n, first)
	}
}

func TestCanonicalAgentCIDRsForResolvedOutputs(t *testing.T) {
	in := awsInput()
	in.AgentCIDRs = AgentCIDRs{Known: false}
	plan := mustBuild(t, in, now)
	got, err := plan.CanonicalAgentCIDRs([]string{"10.1.0.0/16", "10.0.0.0/16"})
	if err != nil || strings.Join(got, ",") != "10.0.0.0/16,10.1.0.0/16" {
		t.Errorf("got %v, %v; want both, in address order", got, err)
	}
	_, err = plan.CanonicalAgentCIDRs([]string{"10.0.0.5/16"})
	if err == nil || !strings.Contains(err.Error(), `agentCidrs[0]: "10.0.0.5/16" has host bits set; use "10.0.0.0/16"`) {
		t.Errorf("err = %v", err)
	}
}

// Agent CIDRs that resolve after planning get the same checks, count too.
func TestPlanValidatesResolvedAgentCIDRsAgainstAWS(t *testing.T) {
	in := awsInput()
	in.AgentCIDRs = AgentCIDRs{Known: false}
	in.AWS.AgentCIDRsMaxEntries = ptr(1)
	plan, err := Build("tm", in, now)
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
