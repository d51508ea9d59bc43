package azure

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Azure's tag limits, for the children that take the input's tags.
const (
	// Azure: "Use tags to organize your Azure resources", Limitations: at
	// most 50 tags per resource, names up to 512 characters and values up
	// to 256, names without <, >, %, &, \, ? or /. The component sets
	// RoleTag on every child.
	azureMaxTags     = 50
	azureMaxTagKey   = 512
	azureMaxTagValue = 256
	azureTagKeyBans  = `<>%&\?/`
)

// CheckTags checks the input's tags against Azure's limits, with the role
// tag the component adds.
func (in *Input) CheckTags(p *rules.Problems, tags map[string]string) {
	if n := len(tags); n+1 > azureMaxTags {
		p.Add("tags", "%d tags and the %s tag the component sets make %d, over Azure's %d per resource", n, rules.RoleTag, n+1, azureMaxTags)
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		field, v := "tags["+k+"]", tags[k]
		switch {
		case k == "", rules.IsRoleTag(k):
		case utf8.RuneCountInString(k) > azureMaxTagKey:
			p.Add(field, "the name is %d characters; Azure allows %d", utf8.RuneCountInString(k), azureMaxTagKey)
		case utf8.RuneCountInString(v) > azureMaxTagValue:
			p.Add(field, "the value is %d characters; Azure allows %d", utf8.RuneCountInString(v), azureMaxTagValue)
		case strings.ContainsAny(k, azureTagKeyBans):
			p.Add(field, "Azure tag names may not contain any of %s", azureTagKeyBans)
		}
	}
}
