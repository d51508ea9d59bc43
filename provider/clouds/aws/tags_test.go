package aws_test

import (
	"fmt"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// userTags is n distinct tags, none of them the component's.
func userTags(n int) map[string]string {
	tags := make(map[string]string, n)
	for i := range n {
		tags[fmt.Sprintf("k%02d", i)] = "v"
	}
	return tags
}

// The component's own tags, Name and RoleTag, count against AWS's 50.
func TestTagLimits(t *testing.T) {
	tests := []struct {
		name  string
		tags  map[string]string
		field string // empty when the tags are accepted
		says  string
	}{
		// 48 user tags, Name and the marker make 50.
		{"48 tags on AWS", userTags(48), "", ""},
		{"49 tags on AWS", userTags(49), "tags", "49 tags and the Name and threatmanager:role tags the component sets make 51, over AWS's 50 per resource"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, _ := input()
			in.Tags = tt.tags
			_, err := rules.Build("tm", in, now)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			rulestest.AssertFieldError(t, err, tt.field, tt.says)
		})
	}
}
