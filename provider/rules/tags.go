package rules

import (
	"maps"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Tag limits per cloud, for the children that take the input's tags. GCP
// takes none: pulumi-gcp v7's Subnetwork and Firewall have no labels, and
// the SSH expiry's service account, role and job take none either.
const (
	// AWS: "Tag restrictions" in the Amazon EC2 User Guide: at most 50 tags
	// per resource, keys up to 128 characters and values up to 256, no keys
	// starting with "aws:". The component sets Name and RoleTag on every
	// child.
	awsMaxTags     = 50
	awsMaxTagKey   = 128
	awsMaxTagValue = 256
	// Azure: "Use tags to organize your Azure resources", Limitations: at
	// most 50 tags per resource, names up to 512 characters and values up
	// to 256, names without <, >, %, &, \, ? or /. The component sets
	// RoleTag on every child.
	azureMaxTags     = 50
	azureMaxTagKey   = 512
	azureMaxTagValue = 256
	azureTagKeyBans  = `<>%&\?/`
)

// awsTagPattern is the characters IAM allows in tag keys and values (IAM
// User Guide, "Tagging IAM resources"), stricter than EC2's: the SSH
// expiry's IAM role carries the tags too.
var awsTagPattern = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// awsNameTag is the tag key the component sets on every AWS child.
const awsNameTag = "Name"

func checkTags(p *problems, tags map[string]string, aws, azure bool) {
	for _, k := range sortedKeys(tags) {
		switch {
		case k == "":
			p.add("tags", "a tag key is empty")
		case isRoleTag(k):
			p.add("tags["+k+"]", "the component sets %s on every child that takes tags (%s, %s or %s); leave it out", RoleTag, RoleAppliances, RoleAgents, RoleSSHExpiry)
		}
	}
	if aws {
		checkAWSTags(p, tags)
	}
	if azure {
		checkAzureTags(p, tags)
	}
}

func checkAWSTags(p *problems, tags map[string]string) {
	if n := len(tags); n+2 > awsMaxTags {
		p.add("tags", "%d tags and the Name and %s tags the component sets make %d, over AWS's %d per resource", n, RoleTag, n+2, awsMaxTags)
	}
	for _, k := range sortedKeys(tags) {
		field, v := "tags["+k+"]", tags[k]
		switch {
		case k == "", isRoleTag(k):
		case k == awsNameTag:
			p.add(field, "the component sets Name on AWS (from aws.namePrefix); leave it out")
		case utf8.RuneCountInString(k) > awsMaxTagKey:
			p.add(field, "the key is %d characters; AWS allows %d", utf8.RuneCountInString(k), awsMaxTagKey)
		case utf8.RuneCountInString(v) > awsMaxTagValue:
			p.add(field, "the value is %d characters; AWS allows %d", utf8.RuneCountInString(v), awsMaxTagValue)
		case hasPrefixFold(k, "aws:"):
			p.add(field, "the key uses the prefix \"aws:\", which AWS reserves")
		case !awsTagPattern.MatchString(k) || !awsTagPattern.MatchString(v):
			p.add(field, "AWS tags take letters, digits, spaces and _.:/=+-@ only")
		}
	}
}

func checkAzureTags(p *problems, tags map[string]string) {
	if n := len(tags); n+1 > azureMaxTags {
		p.add("tags", "%d tags and the %s tag the component sets make %d, over Azure's %d per resource", n, RoleTag, n+1, azureMaxTags)
	}
	for _, k := range sortedKeys(tags) {
		field, v := "tags["+k+"]", tags[k]
		switch {
		case k == "", isRoleTag(k):
		case utf8.RuneCountInString(k) > azureMaxTagKey:
			p.add(field, "the name is %d characters; Azure allows %d", utf8.RuneCountInString(k), azureMaxTagKey)
		case utf8.RuneCountInString(v) > azureMaxTagValue:
			p.add(field, "the value is %d characters; Azure allows %d", utf8.RuneCountInString(v), azureMaxTagValue)
		case strings.ContainsAny(k, azureTagKeyBans):
			p.add(field, "Azure tag names may not contain any of %s", azureTagKeyBans)
		}
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

// isRoleTag reports whether a user's tag key is RoleTag. Azure compares tag
// names without case, so any casing would clash with the component's.
func isRoleTag(k string) bool { return strings.EqualFold(k, RoleTag) }

// TagsFor is the tags of a child with the given role: the user's tags and
// RoleTag. The renderers add Name on AWS with render.MergeTags.
func (p Plan) TagsFor(role string) map[string]string {
	tags := make(map[string]string, len(p.Tags)+1)
	maps.Copy(tags, p.Tags)
	tags[RoleTag] = role
	return tags
}
