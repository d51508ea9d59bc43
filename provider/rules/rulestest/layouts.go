package rulestest

import (
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// The clouds' layouts of the seed, as the README and the clouds' doc
// comments state them, written out from requirements.Table with their own
// formula and the documented numbers, never with the clouds' code, so the
// example tests follow a new row of the table without restating it and
// still catch a layout that breaks the scheme. A test that also pins
// today's values says why beside them.

// AzureRule is a security rule the Azure layout holds: its content name,
// direction and priority.
type AzureRule struct {
	Name      string
	Direction requirements.Direction
	Priority  int
}

// Azure's documented priority scheme (README, "What it builds on Azure").
const (
	azurePriorityStep = 10
	azureSSHBand      = 4000
	azureDenyAll      = 4096
)

// AzureRules is the Azure layout of the whole table, SSH open when ssh,
// both deny-alls: every requirement its own rule, named from its content
// (direction, purpose, then protocol and ports unless it covers
// everything); in each direction the allows from first upward, ten apart,
// in the table's order, SSH from 4000 in its band, the deny-all at 4096.
// They come inbound first, each direction by priority, as the plan lists
// them.
func AzureRules(first int, ssh bool) []AzureRule {
	var out []AzureRule
	for _, dir := range []requirements.Direction{requirements.Ingress, requirements.Egress} {
		next, nextSSH := first, azureSSHBand
		var allows, sshRules []AzureRule
		for _, req := range requirements.Table {
			if req.Direction != dir {
				continue
			}
			name := string(req.Direction) + "-" + string(req.Purpose)
			if req.Protocol != requirements.All {
				name += "-" + string(req.Protocol) + "-" + req.Ports.String()
			}
			if req.Purpose == requirements.SSH {
				if ssh {
					sshRules = append(sshRules, AzureRule{name, dir, nextSSH})
				}
				nextSSH += azurePriorityStep
				continue
			}
			allows = append(allows, AzureRule{name, dir, next})
			next += azurePriorityStep
		}
		out = append(out, allows...)
		out = append(out, sshRules...)
		out = append(out, AzureRule{string(dir) + "-deny-all", dir, azureDenyAll})
	}
	return out
}

// AzureAllows is how many allow slots the table takes in the direction:
// its requirements there, SSH aside.
func AzureAllows(dir requirements.Direction) int {
	n := 0
	for _, req := range requirements.Table {
		if req.Direction == dir && req.Purpose != requirements.SSH {
			n++
		}
	}
	return n
}

// GCPFirewall is a firewall rule the GCP layout holds: its content key
// (the name without the prefix), direction, matches ("tcp:53", "all") and
// priority.
type GCPFirewall struct {
	Key       string
	Direction requirements.Direction
	Matches   []string
	Priority  int
}

// GCP's documented priorities (README, "What it builds on GCP").
const (
	gcpAllow   = 900
	gcpDenyAll = 1000
)

// GCPFirewalls is the GCP layout of the whole table, SSH open when ssh,
// both deny-alls: one firewall per direction, purpose and peer set, in the
// order each first appears in the table, holding every protocol and port
// of its requirements (DNS: tcp:53 and udp:53); keyed direction-purpose,
// with the peer set after it for a purpose's second set in a direction;
// the allows at 900, then the egress and the ingress deny-all at 1000.
func GCPFirewalls(ssh bool) []GCPFirewall {
	type firewall struct {
		dir     requirements.Direction
		purpose requirements.Purpose
		peers   requirements.PeerSet
	}
	var out []GCPFirewall
	index := map[firewall]int{}
	keys := map[string]bool{}
	for _, req := range requirements.Table {
		if req.Purpose == requirements.SSH && !ssh {
			continue
		}
		match := "all"
		if req.Protocol != requirements.All {
			match = string(req.Protocol) + ":" + req.Ports.String()
		}
		id := firewall{req.Direction, req.Purpose, req.Peers}
		if i, ok := index[id]; ok {
			out[i].Matches = append(out[i].Matches, match)
			continue
		}
		key := string(req.Direction) + "-" + string(req.Purpose)
		if keys[key] {
			key += "-" + string(req.Peers)
		}
		keys[key] = true
		index[id] = len(out)
		out = append(out, GCPFirewall{key, req.Direction, []string{match}, gcpAllow})
	}
	return append(out,
		GCPFirewall{"egress-deny-all", requirements.Egress, []string{"all"}, gcpDenyAll},
		GCPFirewall{"ingress-deny-all", requirements.Ingress, []string{"all"}, gcpDenyAll})
}

// String is "key match,match", as the GCP tests compare firewalls.
func (f GCPFirewall) String() string { return f.Key + " " + strings.Join(f.Matches, ",") }
