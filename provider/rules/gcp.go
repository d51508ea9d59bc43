package rules

// GCPPlan is the validated GCP layout.
type GCPPlan struct {
	Input GCPInput
}

func planGCP(p *problems, name string, in *GCPInput, rules []Rule) *GCPPlan {
	return &GCPPlan{Input: *in}
}
