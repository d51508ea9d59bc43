package aws_test

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// expiryPlan is the AWS layout for the input with SSH open until expiresAt.
func expiryPlan(t *testing.T, in rules.Input, expiresAt string) *aws.Plan {
	t.Helper()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: expiresAt}
	return rulestest.MustPlan[*aws.Plan](t, in, now)
}

// What the scheduler and its role are named from.
func TestExpiryPlansAimAtTheSSHRules(t *testing.T) {
	in, _ := input()
	if got := expiryPlan(t, in, "2026-12-01T18:07:00Z").SSHExpiryNamePrefix; got != "tm-ssh-expiry-" {
		t.Errorf("AWS expiry name prefix = %q", got)
	}
}

// Extending the window moves only the time: the names stay, so the
// scheduler updates in place.
func TestExtendingTheWindowKeepsEveryName(t *testing.T) {
	in, _ := input()
	before := expiryPlan(t, in, "2026-11-27T12:00:00Z")
	after := expiryPlan(t, in, "2026-11-28T09:30:00Z")
	if before.SSHExpiryNamePrefix != after.SSHExpiryNamePrefix {
		t.Errorf("AWS names moved: %q → %q", before.SSHExpiryNamePrefix, after.SSHExpiryNamePrefix)
	}
}

// The expiry resources' names meet AWS's rules for every valid name
// prefix, not only the short ones the other tests use.
func TestExpiryNamesAreValidForAnyPrefix(t *testing.T) {
	// A name prefix AWS completes with 26 characters to 64.
	awsScheduleOrRole := regexp.MustCompile(`^[0-9a-zA-Z._-]{1,38}$`)
	rng := rand.New(rand.NewPCG(8, 8))
	awsChars := "abcXYZ019 ._-:/()#,@[]+=&;{}!$*"
	for i := range 300 {
		in, block := input()
		block.NamePrefix = new("a" + rulestest.RandomString(rng, awsChars, rng.IntN(200)))
		in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
		plan, err := rules.Build("tm", in, now)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		layout, _ := rules.CloudPlanOf[*aws.Plan](plan)
		if name := layout.SSHExpiryNamePrefix; !awsScheduleOrRole.MatchString(name) {
			t.Errorf("aws schedule/role name %q is invalid (prefix %q)", name, *block.NamePrefix)
		}
	}
}
