package main

import (
	"fmt"
	"time"
)

// scenario is one stack to measure: the components it declares and the
// stack configuration for the (stand-in) cloud providers.
type scenario struct {
	name       string
	about      string
	config     map[string]string
	components []component
}

type component struct {
	name  string
	input map[string]any
}

// The inputs are the e2e tests' (tests/e2e/matrix_test.go), which the
// provider accepts: US datacenter, two agent networks, two zones.
func awsBlock(vpc, nat string, second int) map[string]any {
	return map[string]any{
		"vpcId":        vpc,
		"natGatewayId": nat,
		"subnets": []any{
			map[string]any{"availabilityZone": "us-east-1a", "cidrBlock": fmt.Sprintf("10.%d.240.0/24", second)},
			map[string]any{"availabilityZone": "us-east-1b", "cidrBlock": fmt.Sprintf("10.%d.241.0/24", second)},
		},
	}
}

func baseInput(agents ...string) map[string]any {
	return map[string]any{
		"datacenter": "us",
		"agentCidrs": agents,
		"tags":       map[string]any{"workload": "threat-manager"},
	}
}

// scenarios are built at run time: multicloud-ssh-1's expiry is two hours
// from now, inside the default window and far beyond the provider's
// minimum lead, for the whole run.
func scenarios(now time.Time) []scenario {
	awsConfig := map[string]string{"aws:region": "us-east-1"}

	aws1 := baseInput("10.0.0.0/16", "10.1.0.0/16")
	aws1["aws"] = awsBlock("vpc-0123456789abcdef0", "nat-0123456789abcdef0", 0)

	multi := baseInput("10.0.0.0/16", "10.1.0.0/16")
	multi["aws"] = awsBlock("vpc-0123456789abcdef0", "nat-0123456789abcdef0", 0)
	multi["azure"] = map[string]any{
		"resourceGroupName":   "rg-threatmanager",
		"location":            "eastus",
		"virtualNetworkName":  "vnet-threatmanager",
		"subnetAddressPrefix": "10.0.250.0/24",
	}
	multi["gcp"] = map[string]any{
		"project":    "threatmanager-e2e",
		"region":     "us-central1",
		"network":    "default",
		"subnetCidr": "10.0.252.0/24",
	}
	// In-cloud expiry (sshAccess.enforceInCloud) is on by default: the
	// schedulers and their identities are part of the measured stack.
	multi["sshAccess"] = map[string]any{"expiresAt": now.UTC().Add(2 * time.Hour).Truncate(time.Second).Format(time.RFC3339)}

	// aws-20: twenty components, each with its own VPC, NAT gateway,
	// subnets and agent networks.
	var many []component
	for i := 1; i <= 20; i++ {
		in := baseInput(fmt.Sprintf("10.%d.0.0/16", i), fmt.Sprintf("10.%d.0.0/16", 100+i))
		in["aws"] = awsBlock(fmt.Sprintf("vpc-0123456789abcde%02d", i), fmt.Sprintf("nat-0123456789abcde%02d", i), i)
		many = append(many, component{name: fmt.Sprintf("tm%02d", i), input: in})
	}

	return []scenario{
		{name: "aws-1", about: "one component, AWS block only",
			config: awsConfig, components: []component{{name: "tm", input: aws1}}},
		{name: "multicloud-ssh-1", about: "one component, AWS + Azure + GCP, SSH open 2 h with in-cloud expiry",
			config: map[string]string{
				"aws:region":            "us-east-1",
				"azure-native:location": "eastus",
				"gcp:project":           "threatmanager-e2e",
				"gcp:region":            "us-central1",
			},
			components: []component{{name: "tm", input: multi}}},
		{name: "aws-20", about: "20 components, AWS block only, each its own VPC",
			config: awsConfig, components: many},
	}
}
