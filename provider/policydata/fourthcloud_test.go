package policydata

import (
	"slices"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// A cloud registered only here brings its deny-all priority to the pack's
// file without a change to this package.
func TestAFourthCloudsDenyAllReachesThePack(t *testing.T) {
	saved := clouds.All
	clouds.All = append(slices.Clone(clouds.All), cloud.Cloud{Block: "fourth", Title: "Fourth", TypePrefix: "fourth:", DenyAllPriority: 500})
	t.Cleanup(func() { clouds.All = saved })
	f := Build()
	if got, ok := f.DenyAll["fourth"]; !ok || got.Priority != 500 {
		t.Errorf("denyAll[fourth] = %+v, %v; want priority 500", got, ok)
	}
	if _, ok := f.DenyAll["aws"]; ok {
		t.Error("AWS has no deny-all rules, yet the file gives it a priority")
	}
}
