package gcprender

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Gcp places the appliances in an existing VPC network.
type Gcp struct {
	Project    pulumi.StringPtrInput `pulumi:"project,optional"`
	Region     string                `pulumi:"region"`
	Network    pulumi.StringInput    `pulumi:"network"`
	SubnetCidr string                `pulumi:"subnetCidr"`
	NamePrefix *string               `pulumi:"namePrefix,optional"`
}

func (a *Gcp) Annotate(an infer.Annotator) {
	an.SetToken("index", "Gcp")
	an.Describe(&a.Project, "The project of the network. Defaults to the provider's project; an empty string is refused.")
	an.Describe(&a.Region, "The region of the appliance subnetwork, such as `us-central1`.")
	an.Describe(&a.Network, "The VPC network, by name or self link.")
	an.Describe(&a.SubnetCidr, "The appliance subnetwork's IPv4 CIDR, between /8 and /29.")
	an.Describe(&a.NamePrefix, "Starts the names of the subnetwork, the firewall rules, the target tag and the SSH expiry's job, service account and role: lowercase letters, digits and dashes, at most 63 characters (longer names are shortened with a hash). Defaults to the component's name; an empty string is refused.")
}

// Convert reads the block: the rule model's input, and the values that
// may be Outputs for the renderer.
func Convert(p *render.Presences, g *Gcp) (rules.CloudInput, Inputs) {
	return &gcp.Input{
		Project:    p.OfPtr("gcp.project", g.Project),
		Region:     g.Region,
		Network:    p.Of("gcp.network", g.Network),
		SubnetCIDR: g.SubnetCidr,
		NamePrefix: g.NamePrefix,
	}, Inputs{Project: g.Project, Network: g.Network}
}

// layout is the plan's gcp layout; the component renders gcp only when the
// block was set, so it is there.
func layout(plan rules.Plan) *gcp.Plan {
	l, _ := rules.CloudPlanOf[*gcp.Plan](plan)
	return l
}

// Exports are the component's outputs for GCP, by their schema names.
func (o *Outputs) Exports() map[string]pulumi.Output {
	out := map[string]pulumi.Output{
		"gcpSubnetworkId":  o.SubnetworkID,
		"gcpFirewallNames": o.FirewallNames,
		"gcpTargetTag":     o.TargetTag,
	}
	if e := o.SSHExpiry; e != nil {
		out["gcpSshExpiryJobId"] = e.JobID
		out["gcpSshExpiryServiceAccountEmail"] = e.ServiceAccountEmail
	}
	return out
}
