package main

import (
	"cmp"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// Moved is a change of the time a cloud closes SSH.
const Moved Change = "moved"

// ExpiryChange is a change of one cloud's SSH expiry schedule.
type ExpiryChange struct {
	Cloud    string
	Change   Change
	Resource string
	Old, New *cloud.Expiry // Old is nil when added, New when removed
}

// expiryChangeOf is a scheduler resource's line.
func expiryChangeOf(r *resource, change Change, t resourceType, names cloud.IDNames) ExpiryChange {
	ec := ExpiryChange{Cloud: t.owner.Title, Change: change, Resource: resourceName(r.urn)}
	if change != Added && r.old != nil {
		ec.Old = t.expiry(r.old.Inputs, names)
	}
	if change != Removed && r.new != nil {
		ec.New = t.expiry(r.new.Inputs, names)
	}
	ec.Change = expiryChange(change, ec.Old, ec.New)
	return ec
}

// expiryChange: an update or replacement that changes the time is
// "moved"; one that does not (a new rule id list, say) stays "changed" or
// "replaced". An unknown time is not known to move.
func expiryChange(change Change, old, after *cloud.Expiry) Change {
	if old == nil || after == nil || old.At == after.At {
		return change
	}
	if old.At == cloud.KnownAfterApply || after.At == cloud.KnownAfterApply {
		return change
	}
	return Moved
}

// compareExpiries orders by cloud, as the rule sections are, then by name.
func compareExpiries(a, b ExpiryChange) int {
	return cmp.Or(
		cmp.Compare(cloudIndex(a.Cloud), cloudIndex(b.Cloud)),
		cmp.Compare(a.Resource, b.Resource),
	)
}
