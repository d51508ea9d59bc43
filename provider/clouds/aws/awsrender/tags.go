package awsrender

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// namedTags is an AWS child's tags: the user's, its role, and the Name tag,
// which is the component's to set (the rule model refuses a user's Name).
func namedTags(plan rules.Plan, role, name string) pulumi.StringMap {
	tags := plan.TagsFor(role)
	tags["Name"] = name
	return pulumi.ToStringMap(tags)
}
