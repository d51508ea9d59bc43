package rules

import (
	"maps"
	"slices"
	"strings"
)

// checkTags checks what holds on every cloud, then each cloud's limits.
func checkTags(p *Problems, tags map[string]string, clouds []CloudInput) {
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		switch {
		case k == "":
			p.Add("tags", "a tag key is empty")
		case IsRoleTag(k):
			p.Add("tags["+k+"]", "the component sets %s on every child that takes tags (%s, %s or %s); leave it out", RoleTag, RoleAppliances, RoleAgents, RoleSSHExpiry)
		}
	}
	for _, c := range clouds {
		c.CheckTags(p, tags)
	}
}

// RoleTag marks what a child is for, on every child that takes tags. The
// policy pack finds the appliance groups by it, and users put it on groups
// they write by hand so that the pack checks those too.
const RoleTag = "threatmanager:role"

// The RoleTag values.
const (
	// RoleAppliances is on what carries or guards appliance traffic: the
	// appliance subnets and route tables, security group and its rules, and
	// the network security group.
	RoleAppliances = "appliances"
	// RoleAgents is on the agent-side security group, its rules and the
	// agents' prefix list.
	RoleAgents = "agents"
	// RoleSSHExpiry is on what closes troubleshooting SSH in the cloud.
	RoleSSHExpiry = "ssh-expiry"
)

// IsRoleTag reports whether a user's tag key is RoleTag. Azure compares tag
// names without case, so any casing would clash with the component's.
func IsRoleTag(k string) bool { return strings.EqualFold(k, RoleTag) }

// TagsFor is the tags of a child with the given role: the user's tags and
// RoleTag. AWS's renderer adds its Name tag.
func (p Plan) TagsFor(role string) map[string]string {
	tags := make(map[string]string, len(p.Tags)+1)
	maps.Copy(tags, p.Tags)
	tags[RoleTag] = role
	return tags
}
