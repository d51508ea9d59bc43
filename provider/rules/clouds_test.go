package rules_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// How the clouds meet in one input: every block set plans its cloud from
// the same rules and switches.

// layouts are the three clouds' plans in a plan for rulestest.AllClouds.
func layouts(t *testing.T, plan rules.Plan) (*aws.Plan, *azure.Plan, *gcp.Plan) {
	t.Helper()
	a, okAWS := rules.CloudPlanOf[*aws.Plan](plan)
	az, okAzure := rules.CloudPlanOf[*azure.Plan](plan)
	g, okGCP := rules.CloudPlanOf[*gcp.Plan](plan)
	if !okAWS || !okAzure || !okGCP {
		t.Fatalf("want all three cloud plans, got aws=%v azure=%v gcp=%v", okAWS, okAzure, okGCP)
	}
	return a, az, g
}

func TestAllCloudsFromOneInput(t *testing.T) {
	_, az, g := layouts(t, mustBuild(t, rulestest.AllClouds(), now))
	// Every cloud carries the same rows; Azure and GCP add the deny-alls.
	var azureRows, gcpRows []string
	for _, r := range az.SecurityRules {
		azureRows = append(azureRows, rulestest.GroupRows(r.RuleGroup)...)
	}
	for _, fw := range g.Firewalls {
		gcpRows = append(gcpRows, rulestest.GroupRows(fw.RuleGroup)...)
	}
	slices.Sort(azureRows)
	slices.Sort(gcpRows)
	want := append(slices.Clone(usRows), rulestest.DenyRows...)
	rulestest.AssertSameRows(t, azureRows, want)
	rulestest.AssertSameRows(t, gcpRows, want)
}

// denyOtherInbound off leaves only the egress deny on Azure and GCP.
func TestDenyOtherInboundSwitch(t *testing.T) {
	for _, deny := range []*bool{nil, new(true), new(false)} {
		in := rulestest.AllClouds()
		in.DenyOtherInbound = deny
		_, az, g := layouts(t, mustBuild(t, in, now))
		want := deny == nil || *deny
		var azureHas, gcpHas bool
		for _, r := range az.SecurityRules {
			azureHas = azureHas || (r.Access == rules.Deny && r.Direction == "ingress")
		}
		for _, fw := range g.Firewalls {
			gcpHas = gcpHas || (fw.Access == rules.Deny && fw.Direction == "ingress")
		}
		if azureHas != want || gcpHas != want {
			t.Errorf("denyOtherInbound=%v: azure %v, gcp %v, want %v", fmt.Sprint(deny), azureHas, gcpHas, want)
		}
	}
}
