package main

import "cmp"

// Moved is a change of the time a cloud closes SSH.
const Moved Change = "moved"

// Expiry is a scheduler that closes troubleshooting SSH in the cloud at
// the expiry time, whether or not anybody deploys then.
type Expiry struct {
	At  string // when, as a reviewer reads it; the value as given if it does not parse
	How string // what the scheduler does to close SSH
	// inputs name what changed when neither At nor How did.
	inputs map[string]any
}

// ExpiryChange is a change of one cloud's SSH expiry schedule.
type ExpiryChange struct {
	Cloud    string
	Change   Change
	Resource string
	Old, New *Expiry // Old is nil when added, New when removed
}

// expiryTypes decode the schedulers' inputs. The roles, policies and
// accounts the schedulers run as get no line: the scheduler's line says
// what they are for.
var expiryTypes = map[string]func(in map[string]any, names map[string]string) *Expiry{
	"aws:scheduler/schedule:Schedule": awsExpiry,
	"azure-native:logic:Workflow":     func(in map[string]any, _ map[string]string) *Expiry { return azureExpiry(in) },
	"gcp:cloudscheduler/job:Job":      func(in map[string]any, _ map[string]string) *Expiry { return gcpExpiry(in) },
}

// expiryChangeOf is a scheduler resource's line.
func expiryChangeOf(r *resource, change Change, decode func(map[string]any, map[string]string) *Expiry, names map[string]string) ExpiryChange {
	ec := ExpiryChange{Cloud: cloudOf(r.typ()), Change: change, Resource: resourceName(r.urn)}
	if change != Added && r.old != nil {
		ec.Old = decode(r.old.Inputs, names)
	}
	if change != Removed && r.new != nil {
		ec.New = decode(r.new.Inputs, names)
	}
	ec.Change = expiryChange(change, ec.Old, ec.New)
	return ec
}

// expiryChange: an update or replacement that changes the time is
// "moved"; one that does not (a new rule id list, say) stays "changed" or
// "replaced". An unknown time is not known to move.
func expiryChange(change Change, old, new *Expiry) Change {
	if old == nil || new == nil || old.At == new.At {
		return change
	}
	if old.At == knownAfterApply || new.At == knownAfterApply {
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
