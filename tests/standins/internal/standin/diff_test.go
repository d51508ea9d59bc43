package standin

import (
	"context"
	"reflect"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The diff of a type no cloud models (Check and Create refuse it) reports changes and never a
// replacement. Each cloud's replacements are in its own test file.
func TestDiffOfUnknownTypeNeverReplaces(t *testing.T) {
	testReplaces(t, []replaceCase{
		{"unknown type never replaces", "example:index:Thing", pm("vpcId", "a", "name", "x"), pm("vpcId", "b", "name", "y"),
			[]string{"name", "vpcId"}, nil},
	})
}

// Through the gRPC method: the old state carries computed outputs (arn, ...) which are not inputs;
// without old inputs from the engine they must not count as deletions.
func TestServerDiffIgnoresComputedOutputs(t *testing.T) {
	s := New(Clouds["aws"], nil)
	urn := urnOf(secGroup, "sg")
	inputs := pm("vpcId", "vpc-1", "name", "sg-abc", "description", "d")
	_, state := createOutputs(nil, urn, inputs)
	olds, _ := marshal(state)
	news, _ := marshal(inputs)
	resp, err := s.Diff(context.Background(), &pulumirpc.DiffRequest{Urn: string(urn), Olds: olds, News: news})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Fatalf("changes = %v (diffs %v), want none", resp.GetChanges(), resp.GetDiffs())
	}

	news2, _ := marshal(with(inputs, "vpcId", "vpc-2"))
	resp, err = s.Diff(context.Background(), &pulumirpc.DiffRequest{Urn: string(urn), Olds: olds, News: news2, OldInputs: news})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || !reflect.DeepEqual(resp.GetReplaces(), []string{"vpcId"}) {
		t.Fatalf("got changes %v replaces %v, want vpcId replacement", resp.GetChanges(), resp.GetReplaces())
	}
	if k := resp.GetDetailedDiff()["vpcId"].GetKind(); k != pulumirpc.PropertyDiff_UPDATE_REPLACE {
		t.Fatalf("detailed kind %v", k)
	}
}
