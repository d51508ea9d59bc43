package main

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds"
)

// Each cloud's delta reads only its own types, so a type names the one
// cloud whose section its line goes in.
func TestTypesBelongToTheirCloud(t *testing.T) {
	for _, c := range clouds.All {
		d := c.Delta
		if len(d.Rules) == 0 {
			t.Errorf("%s: no rule types", c.Title)
		}
		for _, typ := range slices.Concat(slices.Collect(maps.Keys(d.Rules)), slices.Collect(maps.Keys(d.Expiries)),
			slices.Collect(maps.Keys(d.AgentLists)), d.NamedPeers,
			slices.Collect(maps.Keys(d.Groups)), slices.Collect(maps.Keys(d.RuleGroups)), slices.Collect(maps.Keys(d.Inert))) {
			if !strings.HasPrefix(typ, c.TypePrefix) {
				t.Errorf("%s: %s does not start with %s", c.Title, typ, c.TypePrefix)
			}
			if owner := types[typ].owner.Title; owner != c.Title {
				t.Errorf("%s: %s is read as %s's", c.Title, typ, owner)
			}
		}
	}
}
