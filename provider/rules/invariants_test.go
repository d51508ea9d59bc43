package rules_test

import (
	"reflect"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// Over generated inputs, good and bad: every refusal names its fields, and
// every accepted plan holds the seed's invariants (rulestest.CheckPlan):
// no ingress from the internet or anything wider than /8; SSH only from
// the datacenter's ranges (or the explicit override), only with a future
// expiry inside the window; every egress peer in its documented set; Azure
// and GCP ending in deny-alls below every allow; descriptions and names
// within each cloud's limits and unique. Above all, the plan holds exactly
// the rules the seed and the input ask for (rulestest.Expected, a second
// oracle): none missing, none extra, SSH open exactly when a valid future
// expiry is given, and closed by the cloud at that expiry's minute rounded
// up. The clock is drawn too (rulestest.Clock), mostly the fixed now,
// sometimes days before a Dec 31 or Feb 28/29 rollover.
func TestPlanInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		now := rulestest.Clock(now).Draw(t, "now")
		in := rulestest.Input(now).Draw(t, "input")
		plan, err := rules.Build("tm", in, now)
		if v := rulestest.CheckSSHVerdict(in, now, err); len(v) > 0 {
			t.Fatalf("the SSH verdict:\n  %s", strings.Join(v, "\n  "))
		}
		if err != nil {
			if v := rulestest.CheckRefusal(err); len(v) > 0 {
				t.Fatalf("refusal:\n  %s", strings.Join(v, "\n  "))
			}
			return
		}
		if v := rulestest.CheckPlan(in, plan, now); len(v) > 0 {
			t.Fatalf("the plan breaks %d invariants:\n  %s", len(v), strings.Join(v, "\n  "))
		}
	})
}

// Reordering any input list changes nothing: not the plan, not whether it
// is accepted.
func TestReorderingInputsChangesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := rulestest.Input(now).Draw(t, "input")
		seed := rapid.Uint64().Draw(t, "shuffle")
		a, errA := rules.Build("tm", in, now)
		b, errB := rules.Build("tm", rulestest.Shuffled(in, seed), now)
		if (errA == nil) != (errB == nil) {
			t.Fatalf("accepted in one order and not the other: %v / %v", errA, errB)
		}
		if errA == nil && !reflect.DeepEqual(a, b) {
			t.Fatalf("reordering the input changed the plan")
		}
	})
}
