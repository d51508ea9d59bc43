package gcprender

import (
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/compute"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
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
	// SSHExpiry is set when the cloud closes SSH by itself.
	SSHExpiry *SSHExpiryOutputs
}

// Render creates the GCP stack for plan as children of parent.
func Render(ctx *pulumi.Context, parent pulumi.Resource, plan rules.Plan, agentCIDRs pulumi.StringArrayOutput, in Inputs) (*Outputs, error) {
	g := layout(plan)
	opts := []pulumi.ResourceOption{pulumi.Parent(parent)}

	subnetwork, err := compute.NewSubnetwork(ctx, render.ChildName(plan.Name, "subnetwork"), &compute.SubnetworkArgs{
		Name:                  pulumi.String(g.SubnetworkName),
		Project:               in.Project,
		Region:                pulumi.String(g.Region),
		Network:               in.Network,
		IpCidrRange:           pulumi.String(g.SubnetCIDR.String()),
		PrivateIpGoogleAccess: pulumi.Bool(true),
		Description:           pulumi.String("Threat Manager appliances"),
	}, opts...)
	if err != nil {
		return nil, err
	}

	var allows []pulumi.Resource
	names := make([]string, 0, len(g.Firewalls))
	for _, fw := range g.Firewalls {
		fwOpts := opts
		if fw.Access == rules.Deny {
			// Created after the allows and deleted before them, so the
			// appliances never see the deny without their allows.
			fwOpts = append(fwOpts, pulumi.DependsOn(allows))
		}
		if fw.Purpose == requirements.SSH {
			fwOpts = append(fwOpts, render.PerSSHWindow()...)
		}
		r, err := compute.NewFirewall(ctx, render.ChildName(plan.Name, fw.Key),
			expandFirewall(g, fw, in, agentCIDRs), fwOpts...)
		if err != nil {
			return nil, err
		}
		if fw.Access == rules.Allow {
			allows = append(allows, r)
		}
		names = append(names, fw.Name)
	}

	out := &Outputs{
		SubnetworkID:  subnetwork.ID().ToStringOutput(),
		FirewallNames: pulumi.ToStringArray(names).ToStringArrayOutput(),
		TargetTag:     pulumi.String(g.TargetTag).ToStringOutput(),
	}
	if g.SSHExpiry != nil {
		if out.SSHExpiry, err = newSSHExpiry(ctx, plan, in, subnetwork, opts); err != nil {
			return nil, err
		}
	}
	return out, nil
}
