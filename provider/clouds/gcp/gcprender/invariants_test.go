package gcprender

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"pgregory.net/rapid"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// Over generated inputs that Build accepts with a GCP layout (hybrid
// inputs included), GCP's rendering keeps what the plan promised: the
// checks every cloud keeps (rendertest.Violations: child names unique per
// type and starting with the component's name, a description on every
// firewall, no ingress allow that admits 0.0.0.0/0) and, above all,
// exactly the rules the seed and the input ask for (rulestest.Expected,
// the second oracle): the enabled allow firewalls, expanded to one row per
// protocol, port and range, equal the expected rows, the agent CIDRs
// included, and every job that closes SSH fires at the expiry's minute
// rounded up. It is a rapid property: -rapid.seed replays a run,
// -rapid.checks sets how many plans are rendered.
func TestRenderingInvariants(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		d := rendertest.DrawAccepted[*gcp.Plan](rt)
		rec, err := rendertest.RunUnderComponent(func(ctx *pulumi.Context, parent pulumi.Resource) error {
			agents := pulumi.ToStringArray(d.Plan.AgentCIDRs).ToStringArrayOutput()
			_, err := Render(ctx, parent, d.Plan, agents, Inputs{Network: pulumi.String("default")})
			return err
		})
		if err != nil {
			rt.Fatalf("rendering an accepted plan failed: %v", err)
		}
		v := rendertest.Violations(rec, rendertest.RuleResources{
			Types: []string{firewallType},
			IngressAllowSources: func(r rendertest.Resource) []string {
				if r.Type != firewallType || r.Str("direction") != "INGRESS" || r.Inputs["denies"].IsArray() {
					return nil
				}
				return r.Strings("sourceRanges")
			},
		})
		v = append(v, renderedRuleViolations(rec, d)...)
		if len(v) > 0 {
			rt.Fatalf("%+v:\n  %s", d.Input, strings.Join(v, "\n  "))
		}
	})
}

// renderedRuleViolations compares the enabled allow firewalls with the
// rows rulestest.Expected derives, and each job's schedule with the
// expected closing minute.
func renderedRuleViolations(rec *rendertest.Recorder, d rendertest.Drawn[*gcp.Plan]) []string {
	var got []string
	for _, r := range rec.OfType(firewallType) {
		if !r.Inputs["allows"].IsArray() || r.Inputs["disabled"].IsBool() && r.Inputs["disabled"].BoolValue() {
			continue
		}
		dir, peers := "egress", r.Strings("destinationRanges")
		if r.Str("direction") == "INGRESS" {
			dir, peers = "ingress", r.Strings("sourceRanges")
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
	out := rendertest.CompareRows("GCP", rendertest.ExpectedRows(d.Want, d.Want.AgentCIDRs), got)
	inCloud, closes := d.ClosedByCloud(), d.Want.SSH.ClosesAt
	jobs := rec.OfType(jobType)
	if inCloud && len(jobs) == 0 {
		out = append(out, "GCP has no job closing SSH")
	}
	for _, j := range jobs {
		if w := rulestest.GCPCron(closes); !inCloud || j.Str("schedule") != w || j.Str("timeZone") != "Etc/UTC" {
			out = append(out, fmt.Sprintf("GCP job %s fires on %q in %s, want %q in Etc/UTC (SSH closed by the cloud: %v)", j.Name, j.Str("schedule"), j.Str("timeZone"), w, inCloud))
		}
	}
	return out
}
