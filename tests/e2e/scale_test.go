package e2e

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// agentCIDRs returns n distinct /24s from 172.16.0.0 up.
func agentCIDRs(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("172.%d.%d.0/24", 16+i/256, i%256))
	}
	return out
}

// scaleStep is one size of agent CIDRs on one cloud: deployed in place, or
// refused before anything is registered, with a message that names the
// limit.
type scaleStep struct {
	agents int
	// aws sets the AWS block's prefix list size and rule quota.
	maxEntries, quota *int
	// refused is a part of the error; empty when the step deploys.
	refused string
}

var scaleSteps = map[string][]scaleStep{
	"aws": {
		{agents: 1},
		{agents: 10},
		{agents: 100, refused: `raise the quota "Inbound or outbound rules per security group" (Service Quotas, Amazon VPC, L-0EA8095F) to at least 200`},
		{agents: 100, maxEntries: new(100), quota: new(250)},
		{agents: 1000, maxEntries: new(100), quota: new(250), refused: "over 1000, the most AWS allows per security group even with a raised quota"},
	},
	"azure": {{agents: 1}, {agents: 10}, {agents: 100}, {agents: 1000}},
	"gcp":   {{agents: 1}, {agents: 10}, {agents: 100}, {agents: 1000}},
}

// 1 to 1,000 agent CIDRs on each cloud through the real engine: each size
// deploys as in-place updates of the rules that hold the agents (AWS: the
// prefix list), or is refused before registration, leaving the stack as it
// was.
func TestAgentCIDRScale(t *testing.T) {
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := newStack(t, "tm-scale-"+c.name, c.config)
			in := &Input{Datacenter: "us"}
			c.block(in)
			for i, step := range scaleSteps[c.name] {
				in.AgentCidrs = agentCIDRs(step.agents)
				if in.Aws != nil {
					in.Aws.AgentCidrsMaxEntries, in.Aws.RulesPerSecurityGroup = step.maxEntries, step.quota
				}
				s.program(in)
				label := fmt.Sprintf("%d agent CIDRs", step.agents)
				if step.refused != "" {
					checkRefused(t, s, label, "agentCidrs", step.refused)
					continue
				}
				p := s.preview()
				ops := p.Ops()
				if i == 0 {
					if ops.Create == 0 || ops.Update+ops.Delete+ops.Replace != 0 {
						t.Fatalf("%s: %v, want creates only%s", label, ops, describeSteps(p))
					}
				} else if ops.Update == 0 || ops.Create+ops.Delete+ops.Replace != 0 {
					t.Errorf("%s: %v, want in-place updates only%s", label, ops, describeSteps(p))
				}
				t.Logf("%s: %v", label, ops)
				s.up()
				settled(t, s, c.name, "")
				if got := deployedAgents(t, s); !reflect.DeepEqual(got, in.AgentCidrs) {
					t.Errorf("%s: the deployed rules hold %d agent CIDRs, want %d", label, len(got), step.agents)
				}
			}
		})
	}
}

// checkRefused: the preview fails with the message, and names the field;
// the stack is what it was.
func checkRefused(t *testing.T, s *stack, label, field, says string) {
	t.Helper()
	before := s.export()
	out, err := s.try("preview", "--json")
	if err == nil {
		t.Fatalf("%s: the preview passed, want it refused", label)
	}
	var p Preview
	if jerr := json.Unmarshal(out, &p); jerr != nil {
		t.Fatalf("%s: pulumi preview --json: %v\n%s", label, jerr, tail(err.Error(), 3000))
	}
	var msg string
	for _, d := range p.Diagnostics {
		if d.Severity == "error" {
			msg += d.Message
		}
	}
	if !strings.Contains(msg, field+": ") || !strings.Contains(msg, says) {
		t.Errorf("%s: refused without naming %s and saying %q:\n%s", label, field, says, tail(msg, 3000))
	}
	if after := s.export(); !reflect.DeepEqual(urns(before), urns(after)) {
		t.Errorf("%s: the refused preview changed the stack", label)
	}
}

func urns(states []State) []string {
	var out []string
	for _, st := range states {
		out = append(out, st.URN)
	}
	sort.Strings(out)
	return out
}

// deployedAgents reads the agent CIDRs from what the stack holds: the AWS
// prefix list's entries, or the agents' ingress rule on Azure and GCP.
func deployedAgents(t *testing.T, s *stack) []string {
	t.Helper()
	var out []string
	for _, st := range s.export() {
		switch {
		case st.Type == "aws:ec2/managedPrefixList:ManagedPrefixList":
			for _, e := range st.Inputs["entries"].([]any) {
				out = append(out, e.(map[string]any)["cidr"].(string))
			}
		case st.Type == "azure-native:network:SecurityRule" && strings.HasSuffix(nameOf(st.URN), "ingress-agent-transport-tcp-7777"):
			for _, p := range st.Inputs["sourceAddressPrefixes"].([]any) {
				out = append(out, p.(string))
			}
		case st.Type == "gcp:compute/firewall:Firewall" && strings.HasSuffix(nameOf(st.URN), "ingress-agent-transport"):
			for _, p := range st.Inputs["sourceRanges"].([]any) {
				out = append(out, p.(string))
			}
		}
	}
	// In address order, as the component sorts them and agentCIDRs writes them.
	slices.SortFunc(out, func(a, b string) int {
		return netip.MustParsePrefix(a).Addr().Compare(netip.MustParsePrefix(b).Addr())
	})
	return out
}
