package rules_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Each bad input is its own row; the error must name the field, and where
// it helps, say the fix. Each cloud's package has its block's rows.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(*rules.Input)
		field  string
		says   string
	}{
		{"malformed agent CIDR", func(in *rules.Input) { in.AgentCIDRs = rules.KnownAgents("10.0.0/16") }, "agentCidrs[0]", "is not a CIDR"},
		{"agent CIDR with host bits set", func(in *rules.Input) { in.AgentCIDRs = rules.KnownAgents("10.0.0.0/16", "10.1.2.3/16") }, "agentCidrs[1]", `use "10.1.0.0/16"`},
		{"0.0.0.0/0 as agent CIDR", func(in *rules.Input) { in.AgentCIDRs = rules.KnownAgents("0.0.0.0/0") }, "agentCidrs[0]", "whole internet"},
		{"::/0 as agent CIDR", func(in *rules.Input) { in.AgentCIDRs = rules.KnownAgents("::/0") }, "agentCidrs[0]", "whole internet"},
		{"IPv6 agent CIDR", func(in *rules.Input) { in.AgentCIDRs = rules.KnownAgents("2001:db8::/32") }, "agentCidrs[0]", "not IPv4"},
		{"repeated agent CIDR", func(in *rules.Input) { in.AgentCIDRs = rules.KnownAgents("10.0.0.0/16", "10.0.0.0/16") }, "agentCidrs[1]", "repeats agentCidrs[0]"},
		{"no agent CIDRs", func(in *rules.Input) { in.AgentCIDRs = rules.KnownAgents() }, "agentCidrs", "at least one"},
		{"unknown datacenter", func(in *rules.Input) { in.Datacenter = new("apac") }, "datacenter", `"apac" is not a known datacenter`},
		{"no cloud block", func(in *rules.Input) { in.Clouds = nil }, "aws, azure, gcp", "at least one cloud block"},
		{"malformed expiresAt", func(in *rules.Input) { in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "tomorrow"} }, "sshAccess.expiresAt", "not an RFC 3339 timestamp"},
		{"expiresAt beyond the window", func(in *rules.Input) { in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-12-25T00:00:00Z"} }, "sshAccess.expiresAt", "beyond the maximum SSH window of 168h"},
		{"SSH source outside the datacenter", func(in *rules.Input) {
			in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z", Sources: []string{"203.0.113.0/24"}}
		}, "sshAccess.sources[0]", "allowSourcesOutsideDatacenter"},
		{"SSH from the whole internet even with the override", func(in *rules.Input) {
			in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z", Sources: []string{"0.0.0.0/0"}, AllowSourcesOutsideDatacenter: true}
		}, "sshAccess.sources[0]", "whole internet"},
		{"EU SSH source from the US datacenter", func(in *rules.Input) {
			in.Datacenter = new("eu")
			in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z", Sources: []string{"208.71.209.32/27"}}
		}, "sshAccess.sources[0]", `datacenter "eu"`},
		{"negative SSH window", func(in *rules.Input) {
			in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z", MaxWindowHours: new(-1)}
		}, "sshAccess.maxWindowHours", "-1 is outside 1-8760 hours; leave it unset for 168"},
		{"malformed DNS server", func(in *rules.Input) { in.DNSServers = []string{"8.8.8"} }, "dnsServers[0]", "is not a CIDR"},
		{"extra NTP range already present", func(in *rules.Input) { in.ExtraNTPRanges = []string{"208.71.209.32/27"} }, "extraNtpRanges[0]", "already an NTP range"},
		{"empty datacenter override", func(in *rules.Input) { in.DatacenterRanges = []string{} }, "datacenterRanges", "at least one range"},
		{"datacenter range with host bits", func(in *rules.Input) { in.DatacenterRanges = []string{"198.51.100.1/24"} }, "datacenterRanges[0]", `use "198.51.100.0/24"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := awsInput()
			tt.change(&in)
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

// Every problem is reported at once, the core's and the cloud's (AWS
// refuses the "aws:" tags), in the same order on every run.
func TestErrorsAreDeterministic(t *testing.T) {
	in := awsInput()
	in.Datacenter = new("apac")
	in.AgentCIDRs = rules.KnownAgents("0.0.0.0/0", "10.0.0.1/8")
	in.Tags = map[string]string{"aws:a": "1", "aws:b": "2", "aws:c": "3"}
	_, first := rules.Build("tm", in, now)
	for range 20 {
		_, again := rules.Build("tm", in, now)
		if again.Error() != first.Error() {
			t.Fatalf("message changed between runs:\n%v\n%v", first, again)
		}
	}
	if n := len(func() *rules.InputError {
		target := &rules.InputError{}
		_ = errors.As(first, &target)
		return target
	}().Errors); n != 6 {
		t.Errorf("got %d Problems, want all 6 reported at once:\n%v", n, first)
	}
}

func TestCanonicalAgentCIDRsForResolvedOutputs(t *testing.T) {
	in := awsInput()
	in.AgentCIDRs = rules.AgentCIDRs{Known: false}
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
