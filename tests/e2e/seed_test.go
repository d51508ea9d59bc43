package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The seed: the networking requirements of
// provider/requirements/seeddoc/seed.md ("Rackspace PDR IDS Networking
// Requirements"), read from their generated copy, policy/requirements.json
// (`make policy`), the one the policy pack reads. Nothing here restates a
// row: provider/requirements' tests parse the document and hold its Go table
// to every row of it, and provider/policydata's TestCommittedFileMatchesTheCode
// holds the committed copy to that table, so a new seed row reaches these
// tests without an edit here. What this file adds is the spelling the tests
// compare deployed rules in: a row reads "direction protocol ports peer", one
// row per peer; single addresses are /32s, as the clouds spell them.

// requirementsFile is the part of policy/requirements.json the tests read
// (provider/policydata.File).
type requirementsFile struct {
	Datacenters map[string]struct {
		Service []string `json:"service"`
		NTP     []string `json:"ntp"`
	} `json:"datacenters"`
	DefaultDNSServers []string `json:"defaultDnsServers"`
	Internet          string   `json:"internet"`
	Requirements      []struct {
		Direction string `json:"direction"`
		Protocol  string `json:"protocol"`
		FromPort  int    `json:"fromPort"`
		ToPort    int    `json:"toPort"`
		Peers     string `json:"peers"`
	} `json:"requirements"`
}

var (
	seedOnce sync.Once
	seedFile requirementsFile
)

// seed is policy/requirements.json under the repository root (set by
// TestMain), read once.
func seed() requirementsFile {
	seedOnce.Do(func() {
		path := filepath.Join(repoRoot, "policy", "requirements.json")
		data, err := os.ReadFile(path)
		if err != nil {
			panic(fmt.Sprintf("e2e: the seed: %v (run `make policy`)", err))
		}
		if err := json.Unmarshal(data, &seedFile); err != nil {
			panic(fmt.Sprintf("e2e: the seed: %s: %v", path, err))
		}
		if len(seedFile.Requirements) == 0 || len(seedFile.Datacenters) == 0 {
			panic("e2e: the seed: " + path + " holds no requirements or no datacenters")
		}
	})
	return seedFile
}

// seedPeers are the addresses of a requirement's peer set for a datacenter
// and the agents' CIDRs, as the policy pack resolves them with no overrides
// (policy/src/requirements.ts): the SSH sources default to the datacenter's
// service ranges, the DNS servers are single addresses.
func seedPeers(peers, datacenter string, agents []string) []string {
	f := seed()
	dc, ok := f.Datacenters[datacenter]
	if !ok {
		panic("e2e: the seed has no datacenter " + datacenter)
	}
	switch peers {
	case "agents":
		return agents
	case "datacenter", "ssh-sources":
		return dc.Service
	case "datacenter-ntp":
		return dc.NTP
	case "internet":
		return []string{f.Internet}
	case "dns-servers":
		var out []string
		for _, ip := range f.DefaultDNSServers {
			out = append(out, ip+"/32")
		}
		return out
	}
	panic("e2e: the seed names a peer set the tests cannot resolve: " + peers)
}

// seedPorts spells a requirement's ports as the rows do: "443", "1000-2000",
// or "all" for every port.
func seedPorts(from, to int) string {
	switch {
	case from == 0 && to == 65535:
		return "all"
	case from == to:
		return fmt.Sprint(from)
	default:
		return fmt.Sprintf("%d-%d", from, to)
	}
}

// seedRowsWhere are the rows of the seed's requirements that keep says so,
// for a datacenter and the agents' CIDRs.
func seedRowsWhere(keep func(peers string) bool, datacenter string, agents []string) []string {
	var rows []string
	for _, r := range seed().Requirements {
		if !keep(r.Peers) {
			continue
		}
		for _, p := range seedPeers(r.Peers, datacenter, agents) {
			rows = append(rows, strings.Join([]string{r.Direction, r.Protocol, seedPorts(r.FromPort, r.ToPort), p}, " "))
		}
	}
	return rows
}

// seedRows are the seed's rows for a datacenter and the agents' CIDRs,
// without SSH: the ingress table's agent rows, and the egress table of
// that datacenter.
func seedRows(datacenter string, agents ...string) []string {
	return seedRowsWhere(func(peers string) bool { return peers != "ssh-sources" }, datacenter, agents)
}

// sshRows are the seed's optional, temporary SSH rows (TCP 22) from a
// datacenter's ranges.
func sshRows(datacenter string) []string {
	return seedRowsWhere(func(peers string) bool { return peers == "ssh-sources" }, datacenter, nil)
}

// agentSideRows are the rules of the agent-side security group (AWS): the
// mirror of the seed's ingress rows from the agents, as egress to the
// appliance group ("group NAME").
func agentSideRows(applianceGroup string) []string {
	var rows []string
	for _, r := range seed().Requirements {
		if r.Direction == "ingress" && r.Peers == "agents" {
			rows = append(rows, strings.Join([]string{"egress", r.Protocol, seedPorts(r.FromPort, r.ToPort), "group " + applianceGroup}, " "))
		}
	}
	return rows
}

// denyAllRows are what Azure and GCP add below every allow, in both
// directions, so that the allows are all that passes (README: "What it
// builds on Azure/GCP"). Rows as above, with "deny" in front. Written out on
// purpose: they are not seed rows but the component's own design, and
// stating them here, apart from the rule model, keeps them an independent
// oracle for it.
var denyAllRows = []string{"deny ingress all all 0.0.0.0/0", "deny egress all all 0.0.0.0/0"}

// sameRows fails the test unless got and want hold the same rows, as many
// times each, listing what is missing and what is not in the seed.
func sameRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	if missing, extra := rowDiff(got, want); len(missing)+len(extra) > 0 {
		t.Errorf("%s differ from the seed:\n  missing:    %q\n  unexpected: %q", what, missing, extra)
	}
}

// rowDiff is what want has and got lacks, and what got has beyond want,
// counting repeats.
func rowDiff(got, want []string) (missing, extra []string) {
	left := slices.Clone(got)
	for _, w := range want {
		if i := slices.Index(left, w); i >= 0 {
			left = slices.Delete(left, i, i+1)
		} else {
			missing = append(missing, w)
		}
	}
	slices.Sort(missing)
	slices.Sort(left)
	return missing, left
}
