package azurerender

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"pgregory.net/rapid"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
)

// Over generated inputs that Build accepts with an Azure layout (hybrid
// inputs included), Azure's rendering keeps what the plan promised: the
// checks every cloud keeps (rendertest.Violations: child names unique per
// type and starting with the component's name, a description on every
// rule, no ingress allow that admits 0.0.0.0/0) and, above all, exactly
// the rules the seed and the input ask for (rulestest.Expected, the second
// oracle): the allow rules, expanded to one row per protocol, ports and
// prefix, equal the expected rows, the agent CIDRs included, and every
// workflow that closes SSH starts at the expiry's minute rounded up. It is
// a rapid property: -rapid.seed replays a run, -rapid.checks sets how many
// plans are rendered.
func TestRenderingInvariants(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		d := rendertest.DrawAccepted[*azure.Plan](rt)
		rec, err := rendertest.RunUnderComponent(func(ctx *pulumi.Context, parent pulumi.Resource) error {
			agents := pulumi.ToStringArray(d.Plan.AgentCIDRs).ToStringArrayOutput()
			_, err := Render(ctx, parent, d.Plan, agents, Inputs{ResourceGroupName: pulumi.String("rg"), VirtualNetworkName: pulumi.String("vnet")})
			return err
		})
		if err != nil {
			rt.Fatalf("rendering an accepted plan failed: %v", err)
		}
		v := rendertest.Violations(rec, rendertest.RuleResources{
			Types: []string{ruleType},
			IngressAllowSources: func(r rendertest.Resource) []string {
				if r.Type != ruleType || r.Str("direction") != "Inbound" || r.Str("access") == "Deny" {
					return nil
				}
				return append(r.Strings("sourceAddressPrefixes"), r.Str("sourceAddressPrefix"))
			},
		})
		v = append(v, renderedRuleViolations(rec, d)...)
		if len(v) > 0 {
			rt.Fatalf("%+v:\n  %s", d.Input, strings.Join(v, "\n  "))
		}
	})
}

// renderedRuleViolations compares the rendered allow rules with the rows
// rulestest.Expected derives, and each workflow's start with the expected
// closing minute.
func renderedRuleViolations(rec *rendertest.Recorder, d rendertest.Drawn[*azure.Plan]) []string {
	var got []string
	for _, r := range rec.OfType(ruleType) {
		if r.Str("access") != "Allow" {
			continue
		}
		dir, peers := "egress", r.Strings("destinationAddressPrefixes")
		if r.Str("direction") == "Inbound" {
			dir, peers = "ingress", r.Strings("sourceAddressPrefixes")
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
	out := rendertest.CompareRows("Azure", rendertest.ExpectedRows(d.Want, d.Want.AgentCIDRs), got)
	inCloud, closes := d.ClosedByCloud(), d.Want.SSH.ClosesAt
	workflows := rec.OfType(workflowType)
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
	return out
}
