package rulestest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements/seeddoc"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// MustBuild is the plan for a component named "tm" at at; a refusal fails
// the test.
func MustBuild(t testing.TB, in rules.Input, at time.Time) rules.Plan {
	t.Helper()
	plan, err := rules.Build("tm", in, at)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return plan
}

// MustPlan is MustBuild's layout of the cloud of type T; a plan without
// one fails the test.
func MustPlan[T rules.CloudPlan](t testing.TB, in rules.Input, at time.Time) T {
	t.Helper()
	layout, ok := rules.CloudPlanOf[T](MustBuild(t, in, at))
	if !ok {
		t.Fatalf("the plan has no %T", layout)
	}
	return layout
}

// AssertFieldError checks that err is an *rules.InputError with a
// FieldError on field whose reason says says, and whose message names
// field.
func AssertFieldError(t testing.TB, err error, field, says string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %s: …%s…", field, says)
	}
	var inputErr *rules.InputError
	if !errors.As(err, &inputErr) {
		t.Fatalf("error %T is not an *InputError: %v", err, err)
	}
	for _, fe := range inputErr.Errors {
		if fe.Field == field && strings.Contains(fe.Reason, says) {
			if !strings.Contains(err.Error(), field+": ") {
				t.Errorf("message does not name %s: %v", field, err)
			}
			return
		}
	}
	t.Errorf("error does not say %q about %s:\n%v", says, field, err)
}

// SeedRows is the seed document's rows for the datacenter, without SSH,
// read from the document itself (package seeddoc), as "direction protocol
// ports peer" with the agents spelled "agents"; sorted.
func SeedRows(datacenter string) []string {
	return seeddoc.Lines(datacenter, string(requirements.Agents), false)
}

// SeedSSHRows is the seed document's SSH rows for the datacenter, as
// SeedRows spells them; sorted.
func SeedSSHRows(datacenter string) []string {
	agents := string(requirements.Agents)
	without := SeedRows(datacenter)
	return slices.DeleteFunc(seeddoc.Lines(datacenter, agents, true), func(r string) bool {
		_, found := slices.BinarySearch(without, r)
		return found
	})
}

// DenyRows are the deny-all rules Azure and GCP put below the allows, as
// GroupRows spells them.
var DenyRows = []string{"deny egress all all 0.0.0.0/0", "deny ingress all all 0.0.0.0/0"}

// GroupRows spells a grouped rule as seed rows, one per protocol and peer
// ("egress tcp 443 204.110.218.96/27"), with "deny" in front of a deny;
// the agents stay symbolic.
func GroupRows(g rules.RuleGroup) []string {
	peers := g.AddressPrefixes(nil)
	if g.Agents {
		peers = append(peers, string(requirements.Agents))
	}
	var rows []string
	for _, m := range g.Matches {
		for _, peer := range peers {
			row := strings.Join([]string{string(g.Direction), string(m.Protocol), m.Ports.String(), peer}, " ")
			if g.Access == rules.Deny {
				row = "deny " + row
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// AssertSameRows checks that got, sorted, holds exactly want's rows.
func AssertSameRows(t testing.TB, got, want []string) {
	t.Helper()
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		t.Errorf("rows differ\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
