// Package cloud is what the layers know about any cloud: the descriptor
// each cloud registers in package clouds, and the vocabulary the rule delta
// decodes every cloud's resources into. It imports no cloud SDK, so the
// rule delta and the policy data build without one.
package cloud

// Cloud is one cloud as the pure layers see it.
type Cloud struct {
	// Block is the input's block for this cloud ("aws"), the name users
	// set and error messages use.
	Block string
	// Title is how people write the cloud's name ("AWS").
	Title string
	// TypePrefix starts the Pulumi type tokens of the cloud's resources
	// ("aws:").
	TypePrefix string
	// DenyAllPriority is the priority of the deny-all rules the cloud puts
	// below every allow, or 0 for a cloud that needs none.
	DenyAllPriority int
	// Delta is how the rule delta reads the cloud's resources in a preview.
	Delta Delta
}
