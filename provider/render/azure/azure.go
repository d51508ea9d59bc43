package azure

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Inputs are the Azure values that may be Outputs of the user's resources.
type Inputs struct {
	ResourceGroupName  pulumi.StringInput
	Location           pulumi.StringPtrInput
	VirtualNetworkName pulumi.StringInput
}

// Outputs are what the component exports for Azure.
type Outputs struct {
	SubnetID               pulumi.StringOutput
	NetworkSecurityGroupID pulumi.StringOutput
	SecurityRuleNames      pulumi.StringArrayOutput
}

// Render is being written (issue 3).
func Render(ctx *pulumi.Context, parent pulumi.Resource, plan rules.Plan, agentCIDRs pulumi.StringArrayOutput, in Inputs) (*Outputs, error) {
	return nil, fmt.Errorf("azure: not implemented yet")
}
