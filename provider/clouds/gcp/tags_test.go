package gcp_test

import (
	"fmt"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// GCP's children take no tags, so no count applies.
func TestTagLimits(t *testing.T) {
	in, _ := input()
	in.Tags = make(map[string]string, 60)
	for i := range 60 {
		in.Tags[fmt.Sprintf("k%02d", i)] = "v"
	}
	if _, err := rules.Build("tm", in, now); err != nil {
		t.Fatalf("60 tags on GCP only refused: %v", err)
	}
}
