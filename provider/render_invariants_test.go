package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"pgregory.net/rapid"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws/awsrender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure/azurerender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp/gcprender"
	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// Over generated inputs that Build accepts, every cloud's rendering keeps
// what the plan promised: child names unique per type and starting with
// the component's name, a description on every rule resource, no ingress
// rule that admits 0.0.0.0/0 except a deny, and, above all, exactly the
// rules the seed and the input ask for (rulestest.Expected, the second
// oracle): each cloud's allow rules, expanded to one row per protocol,
// ports and peer, equal the expected rows, the agent CIDRs included, and
// every scheduler that closes SSH fires at the expiry's minute rounded up.
// It is a rapid property: -rapid.seed replays a run, -rapid.checks sets
// how many plans are rendered.
func TestRenderingInvariants(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		at := rulestest.Clock(now).Draw(rt, "now")
		gen := rulestest.Input(at)
		var in rules.Input
		var plan rules.Plan
		for tries := 0; ; tries++ {
			if tries == 100 {
				rt.Fatalf("none of 100 generated inputs was accepted")
			}
			var err error
			in = gen.Draw(rt, "input")
			if plan, err = rules.Build("tm", in, at); err == nil {
				break
			}
		}
		if v := rulestest.CheckPlan(in, plan, at); len(v) > 0 {
			rt.Fatalf("the plan breaks invariants:\n  %s", strings.Join(v, "\n  "))
		}
		rec, err := rendertest.RunUnderComponent(func(ctx *pulumi.Context, parent pulumi.Resource) error {
			agents := pulumi.ToStringArray(plan.AgentCIDRs).ToStringArrayOutput()
			if layout, ok := rules.CloudPlanOf[*aws.Plan](plan); ok {
				nats := map[string]pulumi.StringInput{}
				for _, s := range layout.Subnets {
					nats[s.AvailabilityZone] = pulumi.String("nat-1")
				}
				if _, err := awsrender.Render(ctx, parent, plan, agents, awsrender.Inputs{VpcID: pulumi.String("vpc-1"), NATGateways: nats}); err != nil {
					return err
				}
			}
			if _, ok := rules.CloudPlanOf[*azure.Plan](plan); ok {
				if _, err := azurerender.Render(ctx, parent, plan, agents, azurerender.Inputs{ResourceGroupName: pulumi.String("rg"), VirtualNetworkName: pulumi.String("vnet")}); err != nil {
					return err
				}
			}
			if _, ok := rules.CloudPlanOf[*gcp.Plan](plan); ok {
				if _, err := gcprender.Render(ctx, parent, plan, agents, gcprender.Inputs{Network: pulumi.String("default")}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			rt.Fatalf("rendering an accepted plan failed: %v", err)
		}
		v := renderingViolations(rec)
		v = append(v, renderedRuleViolations(rec, in, plan, at)...)
		if len(v) > 0 {
			rt.Fatalf("%+v:\n  %s", in, strings.Join(v, "\n  "))
		}
	})
}

// renderedRuleViolations compares each cloud's rendered allow rules with
// the rows rulestest.Expected derives for in, and each scheduler's firing
// time with the expected closing minute.
func renderedRuleViolations(rec *rendertest.Recorder, in rules.Input, plan rules.Plan, at time.Time) []string {
	want := rulestest.Expected(in, at)
	// Rows without the purpose, which no cloud's rule carries as a field;
	// on Azure and GCP the agents are their CIDRs, on AWS the prefix list.
	expected := func(agents []string) []string {
		var out []string
		for _, row := range want.Rules {
			f := strings.Fields(row)
			if f[3] == "agents" && agents != nil {
				for _, a := range agents {
					out = append(out, strings.Join([]string{f[0], f[1], f[2], a}, " "))
				}
				continue
			}
			out = append(out, strings.Join(f[:4], " "))
		}
		return out
	}
	var out []string
	compare := func(cloud string, want, got []string) {
		count := map[string]int{}
		for _, r := range want {
			count[r]++
		}
		for _, r := range got {
			count[r]--
		}
		for _, r := range slices.Sorted(maps.Keys(count)) {
			if n := count[r]; n > 0 {
				out = append(out, fmt.Sprintf("%s lacks the rule %q (%d time(s))", cloud, r, n))
			} else if n < 0 {
				out = append(out, fmt.Sprintf("%s renders the extra rule %q (%d time(s))", cloud, r, -n))
			}
		}
	}
	closes := want.SSH.ClosesAt
	inCloud := want.SSH.Open && want.SSH.ClosedByCloud
	if _, ok := rules.CloudPlanOf[*aws.Plan](plan); ok {
		var got, agentSide []string
		for _, r := range rec.Resources() {
			dir := map[string]string{"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "ingress", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "egress"}[r.Type]
			if dir == "" {
				continue
			}
			proto, ports := r.Str("ipProtocol"), "all"
			if proto == "-1" {
				proto = "all"
			} else {
				from, to := r.Inputs["fromPort"].NumberValue(), r.Inputs["toPort"].NumberValue()
				ports = requirements.PortRange{First: uint16(from), Last: uint16(to)}.String()
			}
			switch {
			case r.Str("prefixListId") != "":
				got = append(got, strings.Join([]string{dir, proto, ports, "agents"}, " "))
			case r.Str("referencedSecurityGroupId") != "":
				agentSide = append(agentSide, strings.Join([]string{dir, proto, ports, "appliances"}, " "))
			default:
				got = append(got, strings.Join([]string{dir, proto, ports, r.Str("cidrIpv4")}, " "))
			}
		}
		compare("AWS", expected(nil), got)
		var wantAgentSide []string
		for _, row := range want.AgentSide {
			wantAgentSide = append(wantAgentSide, strings.Join(strings.Fields(row)[:4], " "))
		}
		compare("AWS's agent-side group", wantAgentSide, agentSide)
		var entries []string
		for _, pl := range rec.OfType("aws:ec2/managedPrefixList:ManagedPrefixList") {
			for _, e := range pl.Inputs["entries"].ArrayValue() {
				entries = append(entries, "entry "+e.ObjectValue()["cidr"].StringValue())
			}
		}
		compare("AWS's agent prefix list", prefixed("entry ", want.AgentCIDRs), entries)
		schedules := rec.OfType("aws:scheduler/schedule:Schedule")
		if inCloud && len(schedules) == 0 {
			out = append(out, "AWS has no schedule closing SSH")
		}
		for _, s := range schedules {
			if w := "at(" + closes.Format("2006-01-02T15:04:05") + ")"; !inCloud || s.Str("scheduleExpression") != w || s.Str("scheduleExpressionTimezone") != "UTC" {
				out = append(out, fmt.Sprintf("AWS schedule %s fires %s %s, want %s UTC (SSH closed by the cloud: %v)", s.Name, s.Str("scheduleExpression"), s.Str("scheduleExpressionTimezone"), w, inCloud))
			}
		}
	}
	if _, ok := rules.CloudPlanOf[*azure.Plan](plan); ok {
		var got []string
		for _, r := range rec.OfType("azure-native:network:SecurityRule") {
			if r.Str("access") != "Allow" {
				continue
			}
			dir, peers := "egress", stringsOf(r, "destinationAddressPrefixes")
			if r.Str("direction") == "Inbound" {
				dir, peers = "ingress", stringsOf(r, "sourceAddressPrefixes")
			}
			proto, ports := strings.ToLower(r.Str("protocol")), r.Str("destinationPortRange")
			if proto == "*" {
				proto = "all"
			}
			if ports == "*" {
				ports = "all"
			}
			for _, p := range peers {
				got = append(got, strings.Join([]string{dir, proto, ports, p}, " "))
			}
		}
		compare("Azure", expected(want.AgentCIDRs), got)
		workflows := rec.OfType("azure-native:logic:Workflow")
		if inCloud && len(workflows) == 0 {
			out = append(out, "Azure has no workflow closing SSH")
		}
		for _, w := range workflows {
			def := w.Inputs["definition"]
			if !def.IsObject() || !def.ObjectValue()["triggers"].IsObject() {
				out = append(out, fmt.Sprintf("Azure workflow %s has no triggers", w.Name))
				continue
			}
			for name, tr := range def.ObjectValue()["triggers"].ObjectValue() {
				start := ""
				if tr.IsObject() && tr.ObjectValue()["recurrence"].IsObject() {
					if st := tr.ObjectValue()["recurrence"].ObjectValue()["startTime"]; st.IsString() {
						start = st.StringValue()
					}
				}
				if want := closes.Format(time.RFC3339); !inCloud || start != want {
					out = append(out, fmt.Sprintf("Azure workflow %s's trigger %s starts at %q, want %q (SSH closed by the cloud: %v)", w.Name, name, start, want, inCloud))
				}
			}
		}
	}
	if _, ok := rules.CloudPlanOf[*gcp.Plan](plan); ok {
		var got []string
		for _, r := range rec.OfType("gcp:compute/firewall:Firewall") {
			if !r.Inputs["allows"].IsArray() || r.Inputs["disabled"].IsBool() && r.Inputs["disabled"].BoolValue() {
				continue
			}
			dir, peers := "egress", stringsOf(r, "destinationRanges")
			if r.Str("direction") == "INGRESS" {
				dir, peers = "ingress", stringsOf(r, "sourceRanges")
			}
			for _, a := range r.Inputs["allows"].ArrayValue() {
				proto := a.ObjectValue()["protocol"].StringValue()
				var ports []string
				if ps := a.ObjectValue()["ports"]; ps.IsArray() {
					for _, p := range ps.ArrayValue() {
						ports = append(ports, p.StringValue())
					}
				}
				if len(ports) == 0 {
					ports = []string{"all"}
				}
				for _, port := range ports {
					for _, p := range peers {
						got = append(got, strings.Join([]string{dir, proto, port, p}, " "))
					}
				}
			}
		}
		compare("GCP", expected(want.AgentCIDRs), got)
		jobs := rec.OfType("gcp:cloudscheduler/job:Job")
		if inCloud && len(jobs) == 0 {
			out = append(out, "GCP has no job closing SSH")
		}
		for _, j := range jobs {
			if w := rulestest.GCPCron(closes); !inCloud || j.Str("schedule") != w || j.Str("timeZone") != "Etc/UTC" {
				out = append(out, fmt.Sprintf("GCP job %s fires on %q in %s, want %q in Etc/UTC (SSH closed by the cloud: %v)", j.Name, j.Str("schedule"), j.Str("timeZone"), w, inCloud))
			}
		}
	}
	return out
}

func prefixed(p string, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}

func renderingViolations(rec *rendertest.Recorder) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range rec.Resources() {
		if r.Type == Token {
			continue // the parent rendertest registers
		}
		key := r.Type + " " + r.Name
		if seen[key] {
			out = append(out, "two children named "+key)
		}
		seen[key] = true
		if !strings.HasPrefix(r.Name, "tm-") {
			out = append(out, key+" does not start with the component's name")
		}
		switch r.Type {
		case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
			"azure-native:network:SecurityRule", "gcp:compute/firewall:Firewall":
			if r.Str("description") == "" {
				out = append(out, key+" has no description")
			}
		}
		if admitsInternet(r) {
			out = append(out, key+" admits 0.0.0.0/0")
		}
	}
	return out
}

// admitsInternet: an allow on ingress whose sources include 0.0.0.0/0.
func admitsInternet(r rendertest.Resource) bool {
	var sources []string
	switch r.Type {
	case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
		sources = []string{r.Str("cidrIpv4")}
	case "azure-native:network:SecurityRule":
		if r.Str("direction") != "Inbound" || r.Str("access") == "Deny" {
			return false
		}
		sources = append(stringsOf(r, "sourceAddressPrefixes"), r.Str("sourceAddressPrefix"))
	case "gcp:compute/firewall:Firewall":
		if r.Str("direction") != "INGRESS" || r.Inputs["denies"].IsArray() {
			return false
		}
		sources = stringsOf(r, "sourceRanges")
	}
	for _, s := range sources {
		if s == "0.0.0.0/0" || s == "*" {
			return true
		}
	}
	return false
}

func stringsOf(r rendertest.Resource, key string) []string {
	v := r.Inputs[presource.PropertyKey(key)]
	if !v.IsArray() {
		return nil
	}
	var out []string
	for _, e := range v.ArrayValue() {
		out = append(out, fmt.Sprint(e.V))
	}
	return out
}
