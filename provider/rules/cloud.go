package rules

// CloudInput is one cloud's block of the input, as plain values. Each
// cloud's package under provider/clouds implements it; the rule model calls
// it without knowing which cloud it is.
type CloudInput interface {
	// CheckTags checks the input's tags against the cloud's limits.
	CheckTags(p *Problems, tags map[string]string)
	// Plan validates the block and lays the cloud out for the rules.
	Plan(p *Problems, layout Layout) CloudPlan
}

// Layout is what every cloud's plan is laid out from.
type Layout struct {
	// Name is the component's name, the default start of every name.
	Name  string
	Rules []Rule
	SSH   SSHWindow
	// DenyOtherInbound asks clouds that admit traffic from inside the
	// network by default for a deny-all inbound rule below the allows.
	DenyOtherInbound bool
}

// CloudPlan is one cloud's validated layout.
type CloudPlan interface {
	// CheckAgentCount checks that n agent CIDRs fit the cloud's quotas;
	// they may be known only at deployment.
	CheckAgentCount(p *Problems, n int)
}

// CloudPlanOf is the plan's layout of type T, the one cloud whose block
// was set, or false.
func CloudPlanOf[T CloudPlan](p Plan) (T, bool) {
	for _, c := range p.Clouds {
		if t, ok := c.(T); ok {
			return t, true
		}
	}
	var zero T
	return zero, false
}
