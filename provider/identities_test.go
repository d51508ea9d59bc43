package provider

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws/awsrender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure/azurerender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp/gcprender"
)

// The README's identity table says everything each expiry identity may do;
// the renderers' tests hold the rendered policies, roles, scopes and
// conditions to exactly these constants, and this test holds the table to
// them, so neither can grow a permission the other does not list.
func TestREADMEListsEveryExpiryPermission(t *testing.T) {
	want := map[string][]string{
		"AWS":   {awsrender.RevokeIngressAction},
		"Azure": {azurerender.DeleteSecurityRuleAction},
		"GCP":   gcprender.DeleteFirewallPermissions,
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(readme), "**Everything each identity can do**")
	if !ok {
		t.Fatal("README has no identity table")
	}
	permission := regexp.MustCompile("`([a-zA-Z0-9]+[:.][a-zA-Z./]+)`")
	seen := map[string]bool{}
	for line := range strings.SplitSeq(table, "\n") {
		cells := strings.Split(strings.TrimSpace(line), "|")
		if len(cells) < 7 {
			if seen["AWS"] && seen["Azure"] && seen["GCP"] {
				break
			}
			continue
		}
		cloud := strings.TrimSpace(cells[1])
		perms, known := want[cloud]
		if !known {
			continue
		}
		seen[cloud] = true
		var listed []string
		for _, m := range permission.FindAllStringSubmatch(cells[4], -1) {
			listed = append(listed, m[1])
		}
		if !slices.Equal(slices.Sorted(slices.Values(listed)), slices.Sorted(slices.Values(perms))) {
			t.Errorf("README lists %v for the %s identity, the code grants %v", listed, cloud, perms)
		}
	}
	for cloud := range want {
		if !seen[cloud] {
			t.Errorf("README's identity table has no %s row", cloud)
		}
	}
}
