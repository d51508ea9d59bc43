package provider

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"

	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// converted is the component's args, converted once: the rule model's
// plain input, the agent CIDRs as given, and each cloud's deploy-time values
// (which may be Outputs of the user's other resources), bound to its
// renderer. Nothing after this
// reads the args.
type converted struct {
	rules  rules.Input
	agents pulumi.StringArrayOutput
	// renderers are the clouds whose blocks are set, in Input.Clouds'
	// order, each bound to its block's values.
	renderers []cloudRenderer
}

// cloudRenderer is one set block's renderer.
type cloudRenderer struct {
	title  string
	render renderer
}

// convert turns the Pulumi arguments into the rule model's input and the
// renderers' inputs. Agent CIDRs may be Outputs: when they are known they
// are checked by Build with everything else; when not (a preview of a new
// VPC) the component checks them as they resolve.
func convert(ctx *pulumi.Context, args ThreatManagerArgs) (converted, error) {
	c := converted{rules: rules.Input{
		EgressHTTP:          args.EgressHttp,
		ActiveScanning:      args.ActiveScanning,
		DenyOtherInbound:    args.DenyOtherInbound,
		DNSServers:          args.DnsServers,
		ExtraNTPRanges:      args.ExtraNtpRanges,
		DatacenterRanges:    args.DatacenterRanges,
		DatacenterNTPRanges: args.DatacenterNtpRanges,
		Tags:                args.Tags,
	}}
	in := &c.rules
	if args.Datacenter != nil {
		dc := string(*args.Datacenter)
		in.Datacenter = &dc
	}

	c.agents = pulumi.ToStringArray(nil).ToStringArrayOutput()
	if args.AgentCidrs == nil {
		in.AgentCIDRs = rules.KnownAgents()
	} else {
		c.agents = args.AgentCidrs.ToStringArrayOutput()
		resolved, err := internals.UnsafeAwaitOutput(ctx.Context(), c.agents)
		if err != nil {
			return converted{}, fmt.Errorf("agentCidrs: %w", err)
		}
		in.AgentCIDRs.Known, in.AgentCIDRs.Secret = resolved.Known, resolved.Secret
		if resolved.Known {
			in.AgentCIDRs.Values, _ = resolved.Value.([]string)
		}
	}

	if s := args.SshAccess; s != nil {
		in.SSHAccess = &rules.SSHAccessInput{
			ExpiresAt:                     s.ExpiresAt,
			Sources:                       s.Sources,
			AllowSourcesOutsideDatacenter: deref(s.AllowSourcesOutsideDatacenter),
			MaxWindowHours:                s.MaxWindowHours,
			EnforceInCloud:                s.EnforceInCloud,
		}
	}
	p := render.NewPresences(ctx)
	for _, d := range deployers {
		in.CloudBlocks = append(in.CloudBlocks, d.cloud.Block)
		cloudIn, r, ok := d.convert(p, &args)
		if ok {
			in.Clouds = append(in.Clouds, cloudIn)
			c.renderers = append(c.renderers, cloudRenderer{title: d.cloud.Title, render: r})
		}
	}
	return c, p.Err()
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
