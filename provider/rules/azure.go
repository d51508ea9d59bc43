package rules

// AzurePlan is the validated Azure layout.
type AzurePlan struct {
	Input AzureInput
}

func planAzure(p *problems, name string, in *AzureInput, rules []Rule) *AzurePlan {
	return &AzurePlan{Input: *in}
}
