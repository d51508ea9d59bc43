package rules_test

import (
	"errors"
	"maps"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// RoleTag is the component's alone on every cloud. (How many tags each
// cloud takes, with the component's own counted, is tested in the cloud's
// package.)
func TestTagLimits(t *testing.T) {
	const roleReason = "the component sets threatmanager:role on every child that takes tags (appliances, agents or ssh-expiry); leave it out"
	azureInput := func() rules.Input { return rulestest.InputWith(rulestest.AzureBlock()) }
	gcpInput := func() rules.Input { return rulestest.InputWith(rulestest.GCPBlock()) }
	tests := []struct {
		name  string
		input func() rules.Input
		tags  map[string]string
		field string
		says  string
	}{
		{"the marker on AWS", awsInput, map[string]string{rules.RoleTag: "appliances"}, "tags[threatmanager:role]", roleReason},
		{"the marker on Azure", azureInput, map[string]string{rules.RoleTag: "appliances"}, "tags[threatmanager:role]", roleReason},
		// Refused even where no child takes tags: the input means the same
		// whichever cloud blocks are set.
		{"the marker on GCP only", gcpInput, map[string]string{rules.RoleTag: "x"}, "tags[threatmanager:role]", roleReason},
		// Azure compares tag names without case, so this is the same tag there.
		{"the marker in other case", azureInput, map[string]string{"ThreatManager:Role": "x"}, "tags[ThreatManager:Role]", roleReason},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.input()
			in.Tags = tt.tags
			_, err := rules.Build("tm", in, now)
			rulestest.AssertFieldError(t, err, tt.field, tt.says)
		})
	}
}

// The marker is reported once, not again as a value AWS refuses.
func TestRoleTagIsOneProblem(t *testing.T) {
	in := rulestest.InputWith(rulestest.AWSBlock(), rulestest.AzureBlock())
	in.Tags = map[string]string{rules.RoleTag: "a#b"}
	_, err := rules.Build("tm", in, now)
	if err == nil {
		t.Fatal("accepted a user threatmanager:role tag")
	}
	if n := len(func() *rules.InputError {
		target := &rules.InputError{}
		_ = errors.As(err, &target)
		return target
	}().Errors); n != 1 {
		t.Errorf("got %d Problems, want 1:\n%v", n, err)
	}
}

func TestTagsFor(t *testing.T) {
	in := awsInput()
	in.Tags = map[string]string{"team": "secops"}
	plan := mustBuild(t, in, now)
	for _, role := range []string{rules.RoleAppliances, rules.RoleAgents, rules.RoleSSHExpiry} {
		got := plan.TagsFor(role)
		want := map[string]string{"team": "secops", rules.RoleTag: role}
		if !maps.Equal(got, want) {
			t.Errorf("TagsFor(%q) = %v, want %v", role, got, want)
		}
	}
	if _, ok := plan.Tags[rules.RoleTag]; ok {
		t.Errorf("TagsFor changed the plan's tags: %v", plan.Tags)
	}
	if got := (rules.Plan{}).TagsFor(rules.RoleAgents); !maps.Equal(got, map[string]string{rules.RoleTag: rules.RoleAgents}) {
		t.Errorf("without user tags: %v", got)
	}
}
