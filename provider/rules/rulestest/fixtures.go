package rulestest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// The inputs the example tests of the rule model and of each cloud start
// from: each is the least a user must give, and each test changes only
// what it is about.

// Now is the instant the example tests plan at.
var Now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// CloudBlocks is every cloud block's name in the registry's order, as the
// provider fills rules.Input.CloudBlocks.
func CloudBlocks() []string {
	blocks := make([]string, 0, len(clouds.All))
	for _, c := range clouds.All {
		blocks = append(blocks, c.Block)
	}
	return blocks
}

// InputWith is a valid input with the given cloud blocks: datacenter us
// (the default) and one agent CIDR, 10.0.0.0/16. The blocks come in the
// registry's order (aws, azure, gcp), as the provider passes them; the
// input holds the pointers, so a test may change a block after.
func InputWith(blocks ...rules.CloudInput) rules.Input {
	return rules.Input{
		AgentCIDRs:  rules.KnownAgents("10.0.0.0/16"),
		Clouds:      blocks,
		CloudBlocks: CloudBlocks(),
	}
}

// AllClouds is InputWith every cloud's block.
func AllClouds() rules.Input { return InputWith(AWSBlock(), AzureBlock(), GCPBlock()) }

// AWSBlock is a valid AWS block: a VPC, a NAT gateway for every subnet, and
// two subnets in two zones.
func AWSBlock() *aws.Input {
	return &aws.Input{
		VpcID:      rules.Present,
		NATGateway: rules.Present,
		Subnets: []aws.SubnetInput{
			{AvailabilityZone: "us-east-1a", CIDRBlock: "10.0.100.0/24"},
			{AvailabilityZone: "us-east-1b", CIDRBlock: "10.0.101.0/24"},
		},
	}
}

// AzureBlock is a valid Azure block: a resource group, a virtual network
// and the appliance subnet's prefix.
func AzureBlock() *azure.Input {
	return &azure.Input{
		ResourceGroupName:   rules.Present,
		VirtualNetworkName:  rules.Present,
		SubnetAddressPrefix: "10.1.0.0/24",
	}
}

// GCPBlock is a valid GCP block: a region, a network and the appliance
// subnetwork's CIDR.
func GCPBlock() *gcp.Input {
	return &gcp.Input{
		Region:     "us-central1",
		Network:    rules.Present,
		SubnetCIDR: "10.2.0.0/24",
	}
}

// CloudInputOf is the input's block of type T, or false: the input's side
// of rules.CloudPlanOf.
func CloudInputOf[T rules.CloudInput](in rules.Input) (T, bool) {
	for _, c := range in.Clouds {
		if t, ok := c.(T); ok {
			return t, true
		}
	}
	var zero T
	return zero, false
}

// ManyAgents is n distinct agent CIDRs, /24s from 172.16.0.0 up.
func ManyAgents(n int) rules.AgentCIDRs {
	cidrs := make([]string, n)
	for i := range cidrs {
		cidrs[i] = fmt.Sprintf("172.%d.%d.0/24", 16+i/256, i%256)
	}
	return rules.KnownAgents(cidrs...)
}

// RandomString is n characters drawn from chars.
func RandomString(rng *rand.Rand, chars string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(chars[rng.IntN(len(chars))])
	}
	return b.String()
}
