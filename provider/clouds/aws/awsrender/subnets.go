package awsrender

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// newSubnets creates one private subnet per availability zone, each with
// its own route table whose default route goes to the zone's NAT gateway
// (the component picked one for every zone of the plan).
func newSubnets(ctx *pulumi.Context, plan rules.Plan, in Inputs, opts []pulumi.ResourceOption) (pulumi.StringArrayOutput, pulumi.StringArrayOutput, error) {
	var subnetIDs, routeTableIDs pulumi.StringArray
	for _, s := range layout(plan).Subnets {
		zone := s.AvailabilityZone
		name := layout(plan).NamePrefix + "-appliances-" + zone
		tags := namedTags(plan, rules.RoleAppliances, name)

		subnet, err := ec2.NewSubnet(ctx, render.ChildName(plan.Name, "subnet", zone), &ec2.SubnetArgs{
			VpcId:               in.VpcID,
			AvailabilityZone:    pulumi.String(zone),
			CidrBlock:           pulumi.String(s.CIDRBlock.String()),
			MapPublicIpOnLaunch: pulumi.Bool(false),
			Tags:                tags,
		}, opts...)
		if err != nil {
			return pulumi.StringArrayOutput{}, pulumi.StringArrayOutput{}, err
		}
		table, err := ec2.NewRouteTable(ctx, render.ChildName(plan.Name, "rtb", zone), &ec2.RouteTableArgs{
			VpcId: in.VpcID,
			Tags:  tags,
		}, opts...)
		if err != nil {
			return pulumi.StringArrayOutput{}, pulumi.StringArrayOutput{}, err
		}
		if _, err := ec2.NewRoute(ctx, render.ChildName(plan.Name, "default-route", zone), &ec2.RouteArgs{
			RouteTableId:         table.ID(),
			DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
			NatGatewayId:         in.NATGateways[zone],
		}, opts...); err != nil {
			return pulumi.StringArrayOutput{}, pulumi.StringArrayOutput{}, err
		}
		if _, err := ec2.NewRouteTableAssociation(ctx, render.ChildName(plan.Name, "rtb-assoc", zone), &ec2.RouteTableAssociationArgs{
			SubnetId:     subnet.ID(),
			RouteTableId: table.ID(),
		}, opts...); err != nil {
			return pulumi.StringArrayOutput{}, pulumi.StringArrayOutput{}, err
		}
		subnetIDs = append(subnetIDs, subnet.ID().ToStringOutput())
		routeTableIDs = append(routeTableIDs, table.ID().ToStringOutput())
	}
	return subnetIDs.ToStringArrayOutput(), routeTableIDs.ToStringArrayOutput(), nil
}
