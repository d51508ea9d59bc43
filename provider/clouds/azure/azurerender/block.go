package azurerender

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Azure places the appliances in an existing virtual network.
type Azure struct {
	ResourceGroupName   pulumi.StringInput    `pulumi:"resourceGroupName"`
	Location            pulumi.StringPtrInput `pulumi:"location,optional"`
	VirtualNetworkName  pulumi.StringInput    `pulumi:"virtualNetworkName"`
	SubnetAddressPrefix string                `pulumi:"subnetAddressPrefix"`
	NamePrefix          *string               `pulumi:"namePrefix,optional"`
	FirstPriority       *int                  `pulumi:"firstPriority,optional"`
}

func (a *Azure) Annotate(an infer.Annotator) {
	an.SetToken("index", "Azure")
	an.Describe(&a.ResourceGroupName, "The resource group of the virtual network; the network security group is created there too.")
	an.Describe(&a.Location, "The Azure region of the network security group and the SSH expiry's workflow. Defaults to the resource group's; an empty string is refused.")
	an.Describe(&a.VirtualNetworkName, "The virtual network the appliance subnet is added to. It must manage its subnets as separate resources, not inline.")
	an.Describe(&a.SubnetAddressPrefix, "The appliance subnet's IPv4 CIDR, between /8 and /29, inside the virtual network.")
	an.Describe(&a.NamePrefix, "Starts the names of the subnet, the network security group and the SSH expiry's workflow: letters, digits, '.', '_' and '-', at most 65 characters. Defaults to the component's name; an empty string is refused.")
	an.Describe(&a.FirstPriority, "The priority of the first allow rule in each direction; the others follow ten apart in a fixed order, one slot per requirement. Lower priorities stay free for your own rules on the network security group. SSH takes 4000-4095 and the deny-all rules 4096. At least 100 (Azure's first priority); defaults to 100.")
}

// Convert reads the block: the rule model's input, and the values that
// may be Outputs for the renderer.
func Convert(p *render.Presences, a *Azure) (rules.CloudInput, Inputs) {
	return &azure.Input{
		ResourceGroupName:   p.Of("azure.resourceGroupName", a.ResourceGroupName),
		Location:            p.OfPtr("azure.location", a.Location),
		VirtualNetworkName:  p.Of("azure.virtualNetworkName", a.VirtualNetworkName),
		SubnetAddressPrefix: a.SubnetAddressPrefix,
		NamePrefix:          a.NamePrefix,
		FirstPriority:       a.FirstPriority,
	}, Inputs{ResourceGroupName: a.ResourceGroupName, Location: a.Location, VirtualNetworkName: a.VirtualNetworkName}
}

// layout is the plan's azure layout; the component renders azure only when the
// block was set, so it is there.
func layout(plan rules.Plan) *azure.Plan {
	l, _ := rules.CloudPlanOf[*azure.Plan](plan)
	return l
}

// Exports are the component's outputs for Azure, by their schema names.
func (o *Outputs) Exports() map[string]pulumi.Output {
	out := map[string]pulumi.Output{
		"azureSubnetId":               o.SubnetID,
		"azureNetworkSecurityGroupId": o.NetworkSecurityGroupID,
		"azureSecurityRuleNames":      o.SecurityRuleNames,
	}
	if e := o.SSHExpiry; e != nil {
		out["azureSshExpiryWorkflowId"] = e.WorkflowID
		out["azureSshExpiryRoleAssignmentId"] = e.RoleAssignmentID
	}
	return out
}
