package render

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// PerSSHWindow makes an SSH rule belong to its window: a new expiry (which
// its description states) replaces the rule, deleting the old one first,
// instead of updating it in place.
//
// The cloud may have removed the rule at the last expiry with no
// deployment since, so the state can hold a rule that no longer exists. An
// update of it fails (pulumi-aws calls ModifySecurityGroupRules on the old
// id; a GCP PATCH returns 404), while a delete of a missing rule succeeds on
// both, so opening a new window never depends on a refresh. Deleting first
// keeps AWS from refusing the new rule as a duplicate of the old one.
func PerSSHWindow() []pulumi.ResourceOption {
	return []pulumi.ResourceOption{
		pulumi.ReplaceOnChanges([]string{"description"}),
		pulumi.DeleteBeforeReplace(true),
	}
}
