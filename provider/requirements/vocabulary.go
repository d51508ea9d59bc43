package requirements

import "fmt"

// Direction says which way traffic flows relative to the appliance.
type Direction string

const (
	Ingress Direction = "ingress"
	Egress  Direction = "egress"
)

// Protocol is an IP protocol as the seed names it. All means every protocol.
type Protocol string

const (
	TCP Protocol = "tcp"
	UDP Protocol = "udp"
	All Protocol = "all"
)

// PortRange is an inclusive range of ports. The zero value is not a valid
// range; AllPorts covers every port and goes with the All protocol.
type PortRange struct {
	First, Last uint16
}

// AllPorts is the seed's "ALL" port column.
var AllPorts = PortRange{First: 0, Last: 65535}

// Port is a range of exactly one port.
func Port(p uint16) PortRange { return PortRange{First: p, Last: p} }

// IsAll reports whether the range covers every port.
func (r PortRange) IsAll() bool { return r == AllPorts }

// String renders "443", "1000-2000" or "all".
func (r PortRange) String() string {
	switch {
	case r.IsAll():
		return "all"
	case r.First == r.Last:
		return fmt.Sprint(r.First)
	default:
		return fmt.Sprintf("%d-%d", r.First, r.Last)
	}
}

// Purpose names why a rule exists. It is stable and short, so resource names
// are built from it.
type Purpose string

const (
	AgentUpdates     Purpose = "agent-updates"
	AgentTransport   Purpose = "agent-transport"
	SSH              Purpose = "ssh"
	ActiveScanning   Purpose = "active-scanning"
	DNS              Purpose = "dns"
	ApplianceUpdates Purpose = "appliance-updates"
	Updates          Purpose = "updates"
	EventTransport   Purpose = "event-transport"
	NTP              Purpose = "ntp"
)

// PeerSet names the group of addresses at the far end of a requirement. The
// rules package resolves each set to addresses from the datacenter and input.
type PeerSet string

const (
	// Agents are the customer's agent CIDRs (the seed's "Agent(s) CIDR").
	Agents PeerSet = "agents"
	// DatacenterRanges are the datacenter's ranges for updates and events.
	DatacenterRanges PeerSet = "datacenter"
	// DatacenterNTPRanges are the datacenter's NTP ranges.
	DatacenterNTPRanges PeerSet = "datacenter-ntp"
	// SSHSources are the ranges allowed to open SSH to the appliance.
	SSHSources PeerSet = "ssh-sources"
	// DNSServers are the resolvers the appliance queries.
	DNSServers PeerSet = "dns-servers"
	// Internet is 0.0.0.0/0.
	Internet PeerSet = "internet"
	// Appliances are the appliance security group, seen from the agents.
	Appliances PeerSet = "appliances"
)
