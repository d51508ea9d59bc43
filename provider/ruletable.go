package provider

import (
	"time"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// RuleRow is one line of the effective rule table: a requirement with all
// its peers.
type RuleRow struct {
	Direction   string   `pulumi:"direction"`
	Protocol    string   `pulumi:"protocol"`
	Ports       string   `pulumi:"ports"`
	Peers       []string `pulumi:"peers"`
	Purpose     string   `pulumi:"purpose"`
	Description string   `pulumi:"description"`
	ExpiresAt   *string  `pulumi:"expiresAt,optional"`
}

func (r *RuleRow) Annotate(an infer.Annotator) {
	an.Describe(r, "One line of the effective rule table.")
	an.Describe(&r.Direction, "`ingress` (to the appliances) or `egress` (from them).")
	an.Describe(&r.Protocol, "`tcp`, `udp` or `all`.")
	an.Describe(&r.Ports, "A port such as `443`, a range such as `1000-2000`, or `all`.")
	an.Describe(&r.Peers, "The CIDRs at the far end: sources for ingress, destinations for egress.")
	an.Describe(&r.Purpose, "Why the rule exists, such as `agent-updates` or `ntp`.")
	an.Describe(&r.Description, "The requirement's description, as it appears on the cloud's rules.")
	an.Describe(&r.ExpiresAt, "When the rule is removed (RFC 3339); set on SSH rules only.")
}

// ruleTable is the plan's rules grouped by requirement, as Azure and GCP
// render them, with the agent CIDRs filled in once they resolve.
func ruleTable(plan rules.Plan, agents pulumi.StringArrayOutput) pulumix.Output[[]RuleRow] {
	groups := rules.GroupByRequirement(plan.Rules)
	return pulumix.Apply(agents, func(agentCIDRs []string) []RuleRow {
		rows := make([]RuleRow, len(groups))
		for i, g := range groups {
			m := g.Matches[0] // GroupByRequirement gives each group one match
			rows[i] = RuleRow{
				Direction:   string(g.Direction),
				Protocol:    string(m.Protocol),
				Ports:       m.Ports.String(),
				Peers:       g.AddressPrefixes(agentCIDRs),
				Purpose:     string(g.Purpose),
				Description: g.Description,
			}
			if g.ExpiresAt != nil {
				s := g.ExpiresAt.UTC().Format(time.RFC3339)
				rows[i].ExpiresAt = &s
			}
		}
		return rows
	})
}
