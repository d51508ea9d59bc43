package azure_test

import (
	"slices"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// The Azure layout's tests plan through rules.Build, as the component
// does, an input whose one cloud is Azure.

// now is the fixed instant every test plans at.
var now = rulestest.Now

// The seed's tables, for one agent CIDR and no SSH, as rows: read from the
// seed document, the specification, not from package requirements.
var (
	usRows = rulestest.SeedRows("us")
	euRows = rulestest.SeedRows("eu")
)

// input is a minimal valid input: us, one agent CIDR, Azure; and its Azure
// block, which a test may change.
func input() (rules.Input, *azure.Input) {
	block := rulestest.AzureBlock()
	return rulestest.InputWith(block), block
}

// mustPlan is the Azure layout of the plan for in.
func mustPlan(t *testing.T, in rules.Input) *azure.Plan {
	t.Helper()
	return rulestest.MustPlan[*azure.Plan](t, in, now)
}

// azureRows spells the security rules as seed rows, sorted (see
// rulestest.GroupRows).
func azureRows(plan *azure.Plan) []string {
	var rows []string
	for _, r := range plan.SecurityRules {
		rows = append(rows, rulestest.GroupRows(r.RuleGroup)...)
	}
	slices.Sort(rows)
	return rows
}

// azurePriorities maps each rule's name to its priority.
func azurePriorities(plan *azure.Plan) map[string]int {
	out := map[string]int{}
	for _, r := range plan.SecurityRules {
		out[r.Name] = r.Priority
	}
	return out
}
