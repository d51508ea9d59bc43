package rules

import (
	"fmt"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// Switch is an input that turns one requirement off; it is on unless set
// to false. The policy data lists them for the pack.
type Switch struct {
	// Input is the switch's name in the schema.
	Input   string
	Purpose requirements.Purpose
	value   func(Input) *bool
}

// On reports whether the switch lets its requirement's rules through.
func (s Switch) On(in Input) bool {
	v := s.value(in)
	return v == nil || *v
}

// Switches are every input that turns a requirement off.
var Switches = []Switch{
	{Input: "activeScanning", Purpose: requirements.ActiveScanning, value: func(in Input) *bool { return in.ActiveScanning }},
	{Input: "egressHttp", Purpose: requirements.ApplianceUpdates, value: func(in Input) *bool { return in.EgressHTTP }},
}

// applianceRules expands the seed's table into one rule per peer, leaving
// out what the switches turn off and SSH unless its window is open.
func applianceRules(in Input, ranges resolvedRanges, sshSources []Peer, ssh SSHWindow) []Rule {
	enabled := func(req requirements.Requirement) bool {
		if req.Purpose == requirements.SSH {
			return ssh.Open
		}
		for _, s := range Switches {
			if s.Purpose == req.Purpose {
				return s.On(in)
			}
		}
		return true
	}
	var table []requirements.Requirement
	for _, req := range requirements.Table {
		if enabled(req) {
			table = append(table, req)
		}
	}
	rules := peerRules(table, func(set requirements.PeerSet) []Peer {
		switch set {
		case requirements.Agents:
			return []Peer{{Set: requirements.Agents}}
		case requirements.SSHSources:
			return sshSources
		case requirements.DNSServers:
			return prefixPeers(set, ranges.dns)
		case requirements.Internet:
			return []Peer{{Set: set, Prefix: internet}}
		case requirements.DatacenterRanges:
			return prefixPeers(set, ranges.service)
		case requirements.DatacenterNTPRanges:
			return prefixPeers(set, ranges.ntp)
		case requirements.Appliances:
			// Only the agent-side rules name the appliance group.
		}
		panic(fmt.Sprintf("rules: peer set %q has no addresses", set))
	})
	for i := range rules {
		if rules[i].Purpose == requirements.SSH {
			expires := ssh.ExpiresAt
			rules[i].ExpiresAt = &expires
			rules[i].Description += SSHDescriptionExpires + expires.UTC().Format(time.RFC3339)
		}
	}
	return rules
}

func peerRules(table []requirements.Requirement, peersOf func(requirements.PeerSet) []Peer) []Rule {
	var rules []Rule
	for _, req := range table {
		for _, peer := range peersOf(req.Peers) {
			rules = append(rules, Rule{
				Direction:   req.Direction,
				Protocol:    req.Protocol,
				Ports:       req.Ports,
				Peer:        peer,
				Purpose:     req.Purpose,
				Description: req.Description,
			})
		}
	}
	return rules
}
