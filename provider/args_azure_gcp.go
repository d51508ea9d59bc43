package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
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
	an.Describe(&a.ResourceGroupName, "The resource group of the virtual network; the network security group is created there too.")
	an.Describe(&a.Location, "The Azure region of the network security group and the SSH expiry's workflow. Defaults to the resource group's; an empty string is refused.")
	an.Describe(&a.VirtualNetworkName, "The virtual network the appliance subnet is added to. It must manage its subnets as separate resources, not inline.")
	an.Describe(&a.SubnetAddressPrefix, "The appliance subnet's IPv4 CIDR, between /8 and /29, inside the virtual network.")
	an.Describe(&a.NamePrefix, "Starts the names of the subnet, the network security group and the SSH expiry's workflow: letters, digits, '.', '_' and '-', at most 65 characters. Defaults to the component's name; an empty string is refused.")
	an.Describe(&a.FirstPriority, "The priority of the first allow rule in each direction; the others follow ten apart in a fixed order, one slot per requirement. Lower priorities stay free for your own rules on the network security group. SSH takes 4000-4095 and the deny-all rules 4096. At least 100 (Azure's first priority); defaults to 100.")
}

// Gcp places the appliances in an existing VPC network.
type Gcp struct {
	Project    pulumi.StringPtrInput `pulumi:"project,optional"`
	Region     string                `pulumi:"region"`
	Network    pulumi.StringInput    `pulumi:"network"`
	SubnetCidr string                `pulumi:"subnetCidr"`
	NamePrefix *string               `pulumi:"namePrefix,optional"`
}

func (a *Gcp) Annotate(an infer.Annotator) {
	an.Describe(&a.Project, "The project of the network. Defaults to the provider's project; an empty string is refused.")
	an.Describe(&a.Region, "The region of the appliance subnetwork, such as `us-central1`.")
	an.Describe(&a.Network, "The VPC network, by name or self link.")
	an.Describe(&a.SubnetCidr, "The appliance subnetwork's IPv4 CIDR, between /8 and /29.")
	an.Describe(&a.NamePrefix, "Starts the names of the subnetwork, the firewall rules, the target tag and the SSH expiry's job, service account and role: lowercase letters, digits and dashes, at most 63 characters (longer names are shortened with a hash). Defaults to the component's name; an empty string is refused.")
}
