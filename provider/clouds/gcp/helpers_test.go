package gcp_test

import (
	"slices"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// The GCP layout's tests plan through rules.Build, as the component does,
// an input whose one cloud is GCP.

// now is the fixed instant every test plans at.
var now = rulestest.Now

// The seed's tables, for one agent CIDR and no SSH, as rows: read from the
// seed document, the specification, not from package requirements.
var (
	usRows = rulestest.SeedRows("us")
	euRows = rulestest.SeedRows("eu")
)

// input is a minimal valid input: us, one agent CIDR, GCP; and its GCP
// block, which a test may change.
func input() (rules.Input, *gcp.Input) {
	block := rulestest.GCPBlock()
	return rulestest.InputWith(block), block
}

// mustPlan is the GCP layout of the plan for in.
func mustPlan(t *testing.T, in rules.Input) *gcp.Plan {
	t.Helper()
	return rulestest.MustPlan[*gcp.Plan](t, in, now)
}

// gcpRows spells the firewalls as seed rows, sorted (see
// rulestest.GroupRows).
func gcpRows(plan *gcp.Plan) []string {
	var rows []string
	for _, fw := range plan.Firewalls {
		rows = append(rows, rulestest.GroupRows(fw.RuleGroup)...)
	}
	slices.Sort(rows)
	return rows
}

func gcpFirewall(t *testing.T, plan *gcp.Plan, key string) gcp.Firewall {
	t.Helper()
	for _, fw := range plan.Firewalls {
		if fw.Key == key {
			return fw
		}
	}
	t.Fatalf("no firewall %q", key)
	return gcp.Firewall{}
}
