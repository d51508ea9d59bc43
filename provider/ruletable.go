package provider

import (
	"slices"
	"time"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
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

// ruleTable groups the plan's rules by requirement, resolving the agents
// peer to the agent CIDRs once they are known.
func ruleTable(plan rules.Plan, agents pulumi.StringArrayOutput) pulumix.Output[[]RuleRow] {
	return pulumix.Apply(agents, func(agentCIDRs []string) []RuleRow {
		sorted := slices.Clone(agentCIDRs)
		slices.Sort(sorted)
		var rows []RuleRow
		index := map[string]int{}
		for _, r := range plan.Rules {
			key := string(r.Direction) + "/" + string(r.Purpose) + "/" + string(r.Protocol) + "/" + r.Ports.String()
			i, ok := index[key]
			if !ok {
				i = len(rows)
				index[key] = i
				row := RuleRow{
					Direction:   string(r.Direction),
					Protocol:    string(r.Protocol),
					Ports:       r.Ports.String(),
					Purpose:     string(r.Purpose),
					Description: r.Description,
					Peers:       []string{},
				}
				if r.ExpiresAt != nil {
					s := r.ExpiresAt.UTC().Format(time.RFC3339)
					row.ExpiresAt = &s
				}
				rows = append(rows, row)
			}
			if r.Peer.Set == requirements.Agents {
				rows[i].Peers = append(rows[i].Peers, sorted...)
			} else {
				rows[i].Peers = append(rows[i].Peers, r.Peer.String())
			}
		}
		return rows
	})
}
