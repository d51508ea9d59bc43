package e2e

import (
	"slices"
	"testing"
)

// TestExampleAppliancesYAML starts examples/appliances-yaml with
// `pulumi new` and deploys it (`make examples-e2e`): then each appliance
// must sit where the component's rules apply to it, which is what users
// rely on. The EC2 instance is in the appliance subnet with the appliance
// security group (and no other); the Azure NIC is on the appliance subnet,
// whose NSG is the component's, and the VM uses that NIC; the GCP instance
// is in the appliance subnetwork and carries the tag the firewall rules
// target. Each uses the image given as config.
func TestExampleAppliancesYAML(t *testing.T) {
	s := newStack(t, "", nil)
	const (
		ami      = "ami-0a1b2c3d4e5f60718"
		azImage  = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/images-rg/providers/Microsoft.Compute/images/alertlogic-appliance"
		gcpImage = "projects/example-project/global/images/alertlogic-appliance"
	)
	s.newFromTemplate("appliances-yaml", map[string]string{
		"gcp:project":            "example-project",
		"vpcId":                  "vpc-0123456789abcdef0",
		"natGatewayId":           "nat-0123456789abcdef0",
		"awsApplianceAmi":        ami,
		"resourceGroupName":      "network-rg",
		"virtualNetworkName":     "vnet",
		"azureApplianceImageId":  azImage,
		"azureAdminSshPublicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTheOfflineTest e2e",
		"gcpNetwork":             "example-vpc",
		"gcpApplianceImage":      gcpImage,
	})
	settleExample(t, s)

	res := s.exportWithProviders()
	kids := childrenOf(t, res, "threat-manager")
	tm := ofType(res, componentType)[0].Outputs
	subnetIDs, _ := tm["awsSubnetIds"].([]any)
	if len(subnetIDs) != 1 {
		t.Fatalf("the component's awsSubnetIds: %v, want one", tm["awsSubnetIds"])
	}
	isChild := func(typ string, id any) bool {
		return slices.ContainsFunc(kids, func(r provided) bool { return r.Type == typ && r.ID == id })
	}

	// AWS: the instance in the appliance subnet, with the appliance group alone.
	for _, vm := range one(t, res, "aws:ec2/instance:Instance") {
		if got := vm.Inputs["subnetId"]; got != subnetIDs[0] || !isChild("aws:ec2/subnet:Subnet", got) {
			t.Errorf("the EC2 instance's subnetId is %v, want the component's appliance subnet %v", got, subnetIDs[0])
		}
		if got, _ := vm.Inputs["vpcSecurityGroupIds"].([]any); len(got) != 1 || got[0] != tm["awsApplianceSecurityGroupId"] {
			t.Errorf("the EC2 instance's vpcSecurityGroupIds are %v, want only the appliance group %v", got, tm["awsApplianceSecurityGroupId"])
		}
		if got := vm.Inputs["ami"]; got != ami {
			t.Errorf("the EC2 instance's ami is %v, want the config's %s", got, ami)
		}
	}

	// Azure: the NIC on the appliance subnet, which carries the component's
	// NSG; the VM on the NIC.
	nic := one(t, res, "azure-native:network:NetworkInterface")
	for _, n := range nic {
		if got := path(n.Inputs, "ipConfigurations", 0, "subnet", "id"); got != tm["azureSubnetId"] || !isChild("azure-native:network:Subnet", got) {
			t.Errorf("the NIC's subnet is %v, want the component's appliance subnet %v", got, tm["azureSubnetId"])
		}
	}
	for _, sub := range ofType(kids, "azure-native:network:Subnet") {
		if got := path(sub.Inputs, "networkSecurityGroup", "id"); got != tm["azureNetworkSecurityGroupId"] {
			t.Errorf("the appliance subnet's NSG is %v, want the component's %v", got, tm["azureNetworkSecurityGroupId"])
		}
	}
	for _, vm := range one(t, res, "azure-native:compute:VirtualMachine") {
		if len(nic) == 1 {
			if got := path(vm.Inputs, "networkProfile", "networkInterfaces", 0, "id"); got != nic[0].ID {
				t.Errorf("the VM's network interface is %v, want the NIC %v", got, nic[0].ID)
			}
		}
		if got := path(vm.Inputs, "storageProfile", "imageReference", "id"); got != azImage {
			t.Errorf("the VM's image is %v, want the config's %s", got, azImage)
		}
	}

	// GCP: the instance in the appliance subnetwork, with the target tag that
	// every firewall rule of the component applies to.
	tag := tm["gcpTargetTag"]
	for _, vm := range one(t, res, "gcp:compute/instance:Instance") {
		if got := path(vm.Inputs, "networkInterfaces", 0, "subnetwork"); got != tm["gcpSubnetworkId"] || !isChild("gcp:compute/subnetwork:Subnetwork", got) {
			t.Errorf("the GCP instance's subnetwork is %v, want the component's %v", got, tm["gcpSubnetworkId"])
		}
		if got, _ := vm.Inputs["tags"].([]any); !slices.Contains(got, tag) {
			t.Errorf("the GCP instance's tags are %v, want the component's target tag %v", got, tag)
		}
		if got := path(vm.Inputs, "bootDisk", "initializeParams", "image"); got != gcpImage {
			t.Errorf("the GCP instance's image is %v, want the config's %s", got, gcpImage)
		}
	}
	firewalls := ofType(kids, gcpFirewall)
	if len(firewalls) == 0 {
		t.Errorf("no firewall rules under the component")
	}
	for _, fw := range firewalls {
		if got, _ := fw.Inputs["targetTags"].([]any); !slices.Equal(got, []any{tag}) {
			t.Errorf("firewall %s targets %v, want the instance's tag %v", nameOf(fw.URN), got, tag)
		}
	}

	outs := s.outputs()
	for _, k := range []string{"awsApplianceInstanceId", "azureApplianceVmId", "azureApplianceNicId", "gcpApplianceInstanceId", "gcpTargetTag"} {
		if v, _ := outs[k].(string); v == "" {
			t.Errorf("stack output %s is empty", k)
		}
	}

	// The rules themselves are the seed's, SSH closed.
	want := seedRows("us", "10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16")
	appliance, agentSide := awsRules(t, states(kids))
	sameRows(t, "AWS: the appliance group's rules", appliance, want)
	sameRows(t, "AWS: the agent group's rules", agentSide, agentSideRows("threat-manager-appliances"))
	sameRows(t, "Azure: the NSG's security rules", azureRules(t, states(kids)), slices.Concat(want, denyAllRows))
	sameRows(t, "GCP: the firewall rules", gcpRules(t, states(kids)), slices.Concat(want, denyAllRows))
}

// one is the stack's resources of a type, after checking there is exactly
// one.
func one(t *testing.T, res []provided, typ string) []provided {
	t.Helper()
	got := ofType(res, typ)
	if len(got) != 1 {
		t.Errorf("%d %s in the stack export, want 1", len(got), typ)
	}
	return got
}
