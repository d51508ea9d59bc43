package e2e

// Input is the ThreatManager input the programs pass (schema.json).
type Input struct {
	Datacenter string            `json:"datacenter,omitempty"`
	AgentCidrs []string          `json:"agentCidrs"`
	SshAccess  *SshAccess        `json:"sshAccess,omitempty"`
	EgressHttp *bool             `json:"egressHttp,omitempty"`
	Tags       map[string]string `json:"tags,omitempty"`
	Aws        *AwsInput         `json:"aws,omitempty"`
	Azure      map[string]any    `json:"azure,omitempty"`
	Gcp        map[string]any    `json:"gcp,omitempty"`
}

type SshAccess struct {
	ExpiresAt string `json:"expiresAt"`
}

type AwsInput struct {
	VpcId                 string      `json:"vpcId"`
	NatGatewayId          string      `json:"natGatewayId"`
	Subnets               []AwsSubnet `json:"subnets"`
	AgentCidrsMaxEntries  *int        `json:"agentCidrsMaxEntries,omitempty"`
	RulesPerSecurityGroup *int        `json:"rulesPerSecurityGroup,omitempty"`
	NamePrefix            string      `json:"namePrefix,omitempty"`
}

type AwsSubnet struct {
	AvailabilityZone string `json:"availabilityZone"`
	CidrBlock        string `json:"cidrBlock"`
}
