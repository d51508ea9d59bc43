package rules_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// The rule model's example tests. They plan through a real cloud, AWS
// unless a test is about how the clouds meet, because a plan needs at
// least one; what one cloud lays out is tested in its own package under
// provider/clouds.

// now is the fixed instant every test plans at.
var now = rulestest.Now

// The seed's tables, for one agent CIDR and no SSH, as rows: read from the
// seed document, the specification, not from package requirements.
var (
	usRows = rulestest.SeedRows("us")
	euRows = rulestest.SeedRows("eu")
)

// awsInput is a minimal valid input: us, one agent CIDR, AWS in two zones.
func awsInput() rules.Input { return rulestest.InputWith(rulestest.AWSBlock()) }

// line renders a rule like a row of the seed: "egress tcp 443 204.110.218.96/27".
func line(r rules.Rule) string {
	return strings.Join([]string{string(r.Direction), string(r.Protocol), r.Ports.String(), r.Peer.String()}, " ")
}

func lines(rs []rules.Rule) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = line(r)
	}
	slices.Sort(out)
	return out
}

func mustBuild(t *testing.T, in rules.Input, at time.Time) rules.Plan {
	t.Helper()
	return rulestest.MustBuild(t, in, at)
}

func assertLines(t *testing.T, got []rules.Rule, want ...string) {
	t.Helper()
	slices.Sort(want)
	g := lines(got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("rules differ\ngot:\n  %s\nwant:\n  %s", strings.Join(g, "\n  "), strings.Join(want, "\n  "))
	}
}
