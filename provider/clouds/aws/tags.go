package aws

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// AWS's tag limits, for the children that take the input's tags.
const (
	// AWS: "Tag restrictions" in the Amazon EC2 User Guide: at most 50 tags
	// per resource, keys up to 128 characters and values up to 256, no keys
	// starting with "aws:". The component sets Name and RoleTag on every
	// child.
	awsMaxTags     = 50
	awsMaxTagKey   = 128
	awsMaxTagValue = 256
)

// awsTagPattern is the characters IAM allows in tag keys and values (IAM
// User Guide, "Tagging IAM resources"), stricter than EC2's: the SSH
// expiry's IAM role carries the tags too.
var awsTagPattern = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// awsNameTag is the tag key the component sets on every AWS child.
const awsNameTag = "Name"

// CheckTags checks the input's tags against AWS's limits, with the Name
// and role tags the component adds.
func (in *Input) CheckTags(p *rules.Problems, tags map[string]string) {
	if n := len(tags); n+2 > awsMaxTags {
		p.Add("tags", "%d tags and the Name and %s tags the component sets make %d, over AWS's %d per resource", n, rules.RoleTag, n+2, awsMaxTags)
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		field, v := "tags["+k+"]", tags[k]
		switch {
		case k == "", rules.IsRoleTag(k):
		case k == awsNameTag:
			p.Add(field, "the component sets Name on AWS (from aws.namePrefix); leave it out")
		case utf8.RuneCountInString(k) > awsMaxTagKey:
			p.Add(field, "the key is %d characters; AWS allows %d", utf8.RuneCountInString(k), awsMaxTagKey)
		case utf8.RuneCountInString(v) > awsMaxTagValue:
			p.Add(field, "the value is %d characters; AWS allows %d", utf8.RuneCountInString(v), awsMaxTagValue)
		case hasPrefixFold(k, "aws:"):
			p.Add(field, "the key uses the prefix \"aws:\", which AWS reserves")
		case !awsTagPattern.MatchString(k) || !awsTagPattern.MatchString(v):
			p.Add(field, "AWS tags take letters, digits, spaces and _.:/=+-@ only")
		}
	}
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
