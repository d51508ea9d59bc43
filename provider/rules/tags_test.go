package rules

import (
	"fmt"
	"maps"
	"testing"
)

// userTags is n distinct tags, none of them the component's.
func userTags(n int) map[string]string {
	tags := make(map[string]string, n)
	for i := range n {
		tags[fmt.Sprintf("k%02d", i)] = "v"
	}
	return tags
}

// The component's own tags (Name on AWS, RoleTag everywhere) count against
// each cloud's 50, and RoleTag is the component's alone on every cloud.
func TestTagLimits(t *testing.T) {
	const roleReason = "the component sets threatmanager:role on every child that takes tags (appliances, agents or ssh-expiry); leave it out"
	tests := []struct {
		name  string
		input func() Input
		tags  map[string]string
		field string // empty when the tags are accepted
		says  string
	}{
		// AWS: 48 user tags, Name and the marker make 50.
		{"48 tags on AWS", awsInput, userTags(48), "", ""},
		{"49 tags on AWS", awsInput, userTags(49), "tags", "49 tags and the Name and threatmanager:role tags the component sets make 51, over AWS's 50 per resource"},
		// Azure: 49 user tags and the marker make 50.
		{"49 tags on Azure", azureInput, userTags(49), "", ""},
		{"50 tags on Azure", azureInput, userTags(50), "tags", "50 tags and the threatmanager:role tag the component sets make 51, over Azure's 50 per resource"},
		// GCP's children take no tags, so no count applies.
		{"60 tags on GCP only", gcpInput, userTags(60), "", ""},
		{"the marker on AWS", awsInput, map[string]string{RoleTag: "appliances"}, "tags[threatmanager:role]", roleReason},
		{"the marker on Azure", azureInput, map[string]string{RoleTag: "appliances"}, "tags[threatmanager:role]", roleReason},
		// Refused even where no child takes tags: the input means the same
		// whichever cloud blocks are set.
		{"the marker on GCP only", gcpInput, map[string]string{RoleTag: "x"}, "tags[threatmanager:role]", roleReason},
		// Azure compares tag names without case, so this is the same tag there.
		{"the marker in other case", azureInput, map[string]string{"ThreatManager:Role": "x"}, "tags[ThreatManager:Role]", roleReason},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.input()
			in.Tags = tt.tags
			_, err := Build("tm", in, now)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			assertFieldError(t, err, tt.field, tt.says)
		})
	}
}

// The marker is reported once, not again as a value AWS refuses.
func TestRoleTagIsOneProblem(t *testing.T) {
	in := awsInput()
	in.Azure = azureInput().Azure
	in.Tags = map[string]string{RoleTag: "a#b"}
	_, err := Build("tm", in, now)
	if err == nil {
		t.Fatal("accepted a user threatmanager:role tag")
	}
	if n := len(err.(*InputError).Errors); n != 1 {
		t.Errorf("got %d Problems, want 1:\n%v", n, err)
	}
}

func TestTagsFor(t *testing.T) {
	in := awsInput()
	in.Tags = map[string]string{"team": "secops"}
	plan := mustBuild(t, in, now)
	for _, role := range []string{RoleAppliances, RoleAgents, RoleSSHExpiry} {
		got := plan.TagsFor(role)
		want := map[string]string{"team": "secops", RoleTag: role}
		if !maps.Equal(got, want) {
			t.Errorf("TagsFor(%q) = %v, want %v", role, got, want)
		}
	}
	if _, ok := plan.Tags[RoleTag]; ok {
		t.Errorf("TagsFor changed the plan's tags: %v", plan.Tags)
	}
	if got := (Plan{}).TagsFor(RoleAgents); !maps.Equal(got, map[string]string{RoleTag: RoleAgents}) {
		t.Errorf("without user tags: %v", got)
	}
}
