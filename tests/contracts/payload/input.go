// Package payload builds what the component registers for all three clouds
// with SSH open and closing in the cloud, through the component's own code,
// under mocks that answer with cloud-shaped ids. The contract tests read
// these payloads, never hand-written copies of them.
package payload

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws/awsrender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure/azurerender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp/gcprender"
)

// Now is the fixed clock the component runs with.
var Now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// ExpiresAt is the SSH window's end: a day after Now, inside the default
// maximum window, so the plan opens SSH and schedules the cloud's closing.
const ExpiresAt = "2026-11-27T12:00:00Z"

// ComponentName is the component's resource name; children start with it.
const ComponentName = "tm"

// Args is one ThreatManager with every cloud and SSH open. Two agent CIDRs
// and the US datacenter give the appliance group ingress, egress, prefix
// list and SSH rules from several ranges, so a revocation that touches the
// wrong rule shows.
func Args() provider.ThreatManagerArgs {
	enforce := true
	return provider.ThreatManagerArgs{
		AgentCidrs: pulumi.ToStringArray([]string{"10.0.0.0/16", "10.1.0.0/16"}),
		SshAccess:  &provider.SshAccess{ExpiresAt: ExpiresAt, EnforceInCloud: &enforce},
		Aws: &awsrender.Aws{
			VpcId:        pulumi.String("vpc-0a1b2c3d4e5f60718"),
			NatGatewayId: pulumi.String("nat-0a1b2c3d4e5f60718"),
			Subnets: []awsrender.AwsSubnet{
				{AvailabilityZone: "us-east-1a", CidrBlock: "10.0.100.0/24"},
				{AvailabilityZone: "us-east-1b", CidrBlock: "10.0.101.0/24"},
			},
		},
		Azure: &azurerender.Azure{
			ResourceGroupName:   pulumi.String("rg-threatmanager"),
			Location:            pulumi.String("eastus"),
			VirtualNetworkName:  pulumi.String("vnet-hub"),
			SubnetAddressPrefix: "10.1.240.0/24",
		},
		Gcp: &gcprender.Gcp{
			Project:    pulumi.String(GCPProject),
			Region:     "us-central1",
			Network:    pulumi.String("vpc-hub"),
			SubnetCidr: "10.2.240.0/24",
		},
	}
}
