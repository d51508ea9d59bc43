package awsrender

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"pgregory.net/rapid"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// Over generated inputs that Build accepts with an AWS layout (hybrid
// inputs included), AWS's rendering keeps what the plan promised: the
// checks every cloud keeps (rendertest.Violations: child names unique per
// type and starting with the component's name, a description on every
// rule, no ingress rule that admits 0.0.0.0/0) and, above all, exactly
// the rules the seed and the input ask for (rulestest.Expected, the second
// oracle): the appliance group's rules, the agent-side group's and the
// agent prefix list's entries equal the expected rows, and every schedule
// that closes SSH fires at the expiry's minute rounded up. It is a rapid
// property: -rapid.seed replays a run, -rapid.checks sets how many plans
// are rendered.
func TestRenderingInvariants(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		d := rendertest.DrawAccepted[*aws.Plan](rt)
		rec, err := rendertest.RunUnderComponent(func(ctx *pulumi.Context, parent pulumi.Resource) error {
			nats := map[string]pulumi.StringInput{}
			for _, s := range d.Layout.Subnets {
				nats[s.AvailabilityZone] = pulumi.String("nat-1")
			}
			agents := pulumi.ToStringArray(d.Plan.AgentCIDRs).ToStringArrayOutput()
			_, err := Render(ctx, parent, d.Plan, agents, Inputs{VpcID: pulumi.String("vpc-1"), NATGateways: nats})
			return err
		})
		if err != nil {
			rt.Fatalf("rendering an accepted plan failed: %v", err)
		}
		v := rendertest.Violations(rec, rendertest.RuleResources{
			Types: []string{ingressRule, egressRule},
			IngressAllowSources: func(r rendertest.Resource) []string {
				if r.Type != ingressRule {
					return nil
				}
				return []string{r.Str("cidrIpv4")}
			},
		})
		v = append(v, renderedRuleViolations(rec, d)...)
		if len(v) > 0 {
			rt.Fatalf("%+v:\n  %s", d.Input, strings.Join(v, "\n  "))
		}
	})
}

// renderedRuleViolations compares the rendered rules of both security
// groups and the agent prefix list's entries with the rows
// rulestest.Expected derives, and each schedule's firing time with the
// expected closing minute.
func renderedRuleViolations(rec *rendertest.Recorder, d rendertest.Drawn[*aws.Plan]) []string {
	var got, agentSide []string
	for _, r := range rec.Resources() {
		dir := map[string]string{ingressRule: "ingress", egressRule: "egress"}[r.Type]
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
	// The appliance group's agents are the prefix list, not their CIDRs.
	out := rendertest.CompareRows("AWS", rendertest.ExpectedRows(d.Want, nil), got)
	var wantAgentSide []string
	for _, row := range d.Want.AgentSide {
		wantAgentSide = append(wantAgentSide, strings.Join(strings.Fields(row)[:4], " "))
	}
	out = append(out, rendertest.CompareRows("AWS's agent-side group", wantAgentSide, agentSide)...)
	var entries, wantEntries []string
	for _, pl := range rec.OfType("aws:ec2/managedPrefixList:ManagedPrefixList") {
		for _, e := range pl.Inputs["entries"].ArrayValue() {
			entries = append(entries, "entry "+e.ObjectValue()["cidr"].StringValue())
		}
	}
	for _, c := range d.Want.AgentCIDRs {
		wantEntries = append(wantEntries, "entry "+c)
	}
	out = append(out, rendertest.CompareRows("AWS's agent prefix list", wantEntries, entries)...)
	inCloud, closes := d.ClosedByCloud(), d.Want.SSH.ClosesAt
	schedules := rec.OfType(scheduleType)
	if inCloud && len(schedules) == 0 {
		out = append(out, "AWS has no schedule closing SSH")
	}
	for _, s := range schedules {
		if w := "at(" + closes.Format("2006-01-02T15:04:05") + ")"; !inCloud || s.Str("scheduleExpression") != w || s.Str("scheduleExpressionTimezone") != "UTC" {
			out = append(out, fmt.Sprintf("AWS schedule %s fires %s %s, want %s UTC (SSH closed by the cloud: %v)", s.Name, s.Str("scheduleExpression"), s.Str("scheduleExpressionTimezone"), w, inCloud))
		}
	}
	return out
}
