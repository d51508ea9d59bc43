package gcp

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Inputs are the GCP values that may be Outputs of the user's resources.
type Inputs struct {
	Project pulumi.StringPtrInput
	Network pulumi.StringInput
}

// Outputs are what the component exports for GCP.
type Outputs struct {
	SubnetworkID  pulumi.StringOutput
	FirewallNames pulumi.StringArrayOutput
	TargetTag     pulumi.StringOutput
}

// Render is being written (issue 3).
func Render(ctx *pulumi.Context, parent pulumi.Resource, plan rules.Plan, agentCIDRs pulumi.StringArrayOutput, in Inputs) (*Outputs, error) {
	return nil, fmt.Errorf("gcp: not implemented yet")
}
