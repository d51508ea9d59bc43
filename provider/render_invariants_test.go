package provider

import (
	"fmt"
	"strings"
	"testing"

	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	awsrender "github.com/threatmanager/pulumi-threatmanager/provider/render/aws"
	azurerender "github.com/threatmanager/pulumi-threatmanager/provider/render/azure"
	gcprender "github.com/threatmanager/pulumi-threatmanager/provider/render/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// Over generated inputs that Build accepts, every cloud's rendering keeps
// what the plan promised: child names unique per type and starting with
// the component's name, a description on every rule resource, and no
// ingress rule that admits 0.0.0.0/0 except a deny.
func TestRenderingInvariants(t *testing.T) {
	gen := rulestest.Input(now)
	rendered := 0
	for i := 0; rendered < 60 && i < 2000; i++ {
		in := gen.Example(i)
		plan, err := rules.Build("tm", in, now)
		if err != nil {
			continue
		}
		rendered++
		rec, err := rendertest.RunUnderComponent(func(ctx *pulumi.Context, parent pulumi.Resource) error {
			agents := pulumi.ToStringArray(plan.AgentCIDRs).ToStringArrayOutput()
			if plan.AWS != nil {
				nats := map[string]pulumi.StringInput{}
				for _, s := range plan.AWS.Subnets {
					nats[s.AvailabilityZone] = pulumi.String("nat-1")
				}
				if _, err := awsrender.Render(ctx, parent, plan, agents, awsrender.Inputs{VpcID: pulumi.String("vpc-1"), NATGateways: nats}); err != nil {
					return err
				}
			}
			if plan.Azure != nil {
				if _, err := azurerender.Render(ctx, parent, plan, agents, azurerender.Inputs{ResourceGroupName: pulumi.String("rg"), VirtualNetworkName: pulumi.String("vnet")}); err != nil {
					return err
				}
			}
			if plan.GCP != nil {
				if _, err := gcprender.Render(ctx, parent, plan, agents, gcprender.Inputs{Network: pulumi.String("default")}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("example %d: rendering an accepted plan failed: %v", i, err)
		}
		if v := renderingViolations(rec); len(v) > 0 {
			t.Errorf("example %d (%+v):\n  %s", i, in, strings.Join(v, "\n  "))
		}
	}
	if rendered < 60 {
		t.Fatalf("only %d of the generated inputs were accepted", rendered)
	}
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
