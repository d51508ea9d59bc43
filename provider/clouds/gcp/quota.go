package gcp

import (
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// gcpMaxRanges is GCP's limit of source ranges in an ingress firewall rule
// and of destination ranges in an egress one: 5,000 each, a system limit
// that cannot be raised (Cloud NGFW quotas and limits, limits per VPC
// firewall rule: https://cloud.google.com/firewall/docs/quotas).
const gcpMaxRanges = 5000

// rangeFields are the inputs each peer set's ranges come from.
var rangeFields = map[requirements.PeerSet]string{
	requirements.DatacenterRanges:    "datacenterRanges",
	requirements.DatacenterNTPRanges: "datacenterNtpRanges, extraNtpRanges",
	requirements.SSHSources:          "sshAccess.sources",
	requirements.DNSServers:          "dnsServers",
}

// checkFixedRanges checks the firewalls whose ranges are all known at
// planning; checkAgentRanges those that also hold the agent CIDRs.
func (p *Plan) checkFixedRanges(pr *rules.Problems) {
	for _, fw := range p.Firewalls {
		if !fw.Agents && len(fw.Prefixes) > gcpMaxRanges {
			pr.Add(rangeFields[fw.PeerSet], "%d ranges in the firewall rule %q, over GCP's limit of %d ranges per firewall rule (a system limit, which cannot be raised); summarise them into fewer, wider ranges",
				len(fw.Prefixes), fw.Name, gcpMaxRanges)
		}
	}
}

// CheckAgentCount checks the firewalls that hold the agent CIDRs.
func (p *Plan) CheckAgentCount(pr *rules.Problems, agents int) {
	for _, fw := range p.Firewalls {
		if n := len(fw.Prefixes) + agents; fw.Agents && n > gcpMaxRanges {
			pr.Add("agentCidrs", "%d agent CIDRs make %d ranges in the firewall rule %q, over GCP's limit of %d ranges per firewall rule (a system limit, which cannot be raised); summarise them into fewer, wider CIDRs",
				agents, n, fw.Name, gcpMaxRanges)
			return
		}
	}
}
