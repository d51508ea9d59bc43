package provider

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws/awsrender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure/azurerender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp/gcprender"
	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// deployers is every cloud the component deploys to, in the order of
// clouds.All, which TestDeployersFollowTheRegistry holds it to. It is the
// provider's one place that names clouds: the pure registry cannot hold the
// renderers, or the rule delta would build every cloud's SDK.
var deployers = []deployer{
	deployerOf(aws.Cloud, func(a *ThreatManagerArgs) *awsrender.Aws { return a.Aws }, awsrender.Convert, awsrender.Render),
	deployerOf(azure.Cloud, func(a *ThreatManagerArgs) *azurerender.Azure { return a.Azure }, azurerender.Convert, azurerender.Render),
	deployerOf(gcp.Cloud, func(a *ThreatManagerArgs) *gcprender.Gcp { return a.Gcp }, gcprender.Convert, gcprender.Render),
}

// deployer is one cloud as the component deploys it.
type deployer struct {
	cloud cloud.Cloud
	// convert reads the cloud's block: the rule model's input and the
	// cloud's renderer bound to the block's values; false without a block.
	convert func(p *render.Presences, args *ThreatManagerArgs) (rules.CloudInput, renderer, bool)
}

// renderer creates one cloud's resources and returns its outputs by their
// schema names.
type renderer func(ctx *pulumi.Context, parent pulumi.Resource, plan rules.Plan, agents pulumi.StringArrayOutput) (map[string]pulumi.Output, error)

// exporter is each renderer's outputs.
type exporter interface {
	Exports() map[string]pulumi.Output
}

// deployerOf binds a cloud's block B, its conversion and its renderer,
// which takes the block's values I and returns its outputs O.
func deployerOf[B, I any, O exporter](
	c cloud.Cloud,
	block func(*ThreatManagerArgs) *B,
	convert func(*render.Presences, *B) (rules.CloudInput, I),
	renderBlock func(*pulumi.Context, pulumi.Resource, rules.Plan, pulumi.StringArrayOutput, I) (O, error),
) deployer {
	return deployer{cloud: c, convert: func(p *render.Presences, args *ThreatManagerArgs) (rules.CloudInput, renderer, bool) {
		b := block(args)
		if b == nil {
			return nil, nil, false
		}
		in, values := convert(p, b)
		return in, func(ctx *pulumi.Context, parent pulumi.Resource, plan rules.Plan, agents pulumi.StringArrayOutput) (map[string]pulumi.Output, error) {
			out, err := renderBlock(ctx, parent, plan, agents, values)
			if err != nil {
				return nil, err
			}
			return out.Exports(), nil
		}, true
	}}
}
