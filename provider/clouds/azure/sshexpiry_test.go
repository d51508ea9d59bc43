package azure_test

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// expiryPlan is the Azure layout for the input with SSH open until
// expiresAt.
func expiryPlan(t *testing.T, in rules.Input, expiresAt string) *azure.Plan {
	t.Helper()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: expiresAt}
	return mustPlan(t, in)
}

// What the workflow is aimed at: exactly the SSH rule.
func TestExpiryPlansAimAtTheSSHRules(t *testing.T) {
	in, _ := input()
	az := expiryPlan(t, in, "2026-12-01T18:07:00Z").SSHExpiry
	if az.WorkflowName != "tm-ssh-expiry" || az.RuleName != "ingress-ssh-tcp-22" {
		t.Errorf("Azure expiry = %+v", az)
	}
}

// Extending the window moves only the time: every name stays, so the
// workflow updates in place.
func TestExtendingTheWindowKeepsEveryName(t *testing.T) {
	in, _ := input()
	before := expiryPlan(t, in, "2026-11-27T12:00:00Z").SSHExpiry
	after := expiryPlan(t, in, "2026-11-28T09:30:00Z").SSHExpiry
	if *before != *after {
		t.Errorf("Azure names moved: %+v → %+v", before, after)
	}
}

// The workflow's name meets Azure's rules for every valid name prefix, not
// only the short ones the other tests use.
func TestExpiryNamesAreValidForAnyPrefix(t *testing.T) {
	azureWorkflow := regexp.MustCompile(`^[A-Za-z0-9_.()-]{1,80}$`)
	rng := rand.New(rand.NewPCG(8, 8))
	azureChars := "abcXYZ019._-"
	for i := range 300 {
		in, block := input()
		block.NamePrefix = new("z" + strings.TrimRight(rulestest.RandomString(rng, azureChars, rng.IntN(azure.MaxName-len(azure.NSGSuffix)-1)), ".-"))
		in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
		plan, err := rules.Build("tm", in, now)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		layout, _ := rules.CloudPlanOf[*azure.Plan](plan)
		if name := layout.SSHExpiry.WorkflowName; !azureWorkflow.MatchString(name) {
			t.Errorf("azure workflow name %q is invalid (prefix %q)", name, *block.NamePrefix)
		}
	}
}
