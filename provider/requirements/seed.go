package requirements

// Datacenter is an Alert Logic datacenter that appliances report to.
type Datacenter string

const (
	US Datacenter = "us"
	EU Datacenter = "eu"
)

// Ranges are the seed's address ranges for one datacenter.
type Ranges struct {
	// Service ranges take updates (TCP 443) and event transport (TCP 4138),
	// and are where troubleshooting SSH comes from.
	Service []string
	// NTP ranges answer time sync (UDP 123).
	NTP []string
}

// Datacenters maps each datacenter to its ranges, exactly as the seed lists
// them. The US NTP table lists only two of the three service ranges; users who
// want the third add it with extraNtpRanges rather than us guessing.
var Datacenters = map[Datacenter]Ranges{
	US: {
		Service: []string{"204.110.218.96/27", "204.110.219.96/27", "208.71.209.32/27"},
		NTP:     []string{"204.110.219.96/27", "208.71.209.32/27"},
	},
	EU: {
		Service: []string{"185.54.124.0/24"},
		NTP:     []string{"185.54.124.0/24"},
	},
}

// DefaultDNSServers are the resolvers the seed names.
var DefaultDNSServers = []string{"8.8.8.8", "8.8.4.4"}

// InternetCIDR is the destination of appliance updates over TCP 80.
const InternetCIDR = "0.0.0.0/0"

// Requirement is one line of policy: traffic in one direction, of one
// protocol and port range, to or from one set of peers.
type Requirement struct {
	Direction   Direction
	Protocol    Protocol
	Ports       PortRange
	Peers       PeerSet
	Purpose     Purpose
	Description string
}

// Table is every requirement the seed states, for either datacenter; the
// datacenters differ only in the ranges behind the peer sets. Descriptions are
// the seed's own words.
var Table = []Requirement{
	{Ingress, TCP, Port(443), Agents, AgentUpdates, "Agent updates"},
	{Ingress, TCP, Port(7777), Agents, AgentTransport, "Agent data transport (between agent and appliance on local network)"},
	{Ingress, TCP, Port(22), SSHSources, SSH, "Optional and temporary required for troubleshooting during provisioning only"},
	{Egress, All, AllPorts, Agents, ActiveScanning, "Active Scanning"},
	{Egress, TCP, Port(53), DNSServers, DNS, "DNS"},
	{Egress, UDP, Port(53), DNSServers, DNS, "DNS"},
	{Egress, TCP, Port(80), Internet, ApplianceUpdates, "Appliance updates"},
	{Egress, TCP, Port(443), DatacenterRanges, Updates, "Updates"},
	{Egress, TCP, Port(4138), DatacenterRanges, EventTransport, "Event transport"},
	{Egress, UDP, Port(123), DatacenterNTPRanges, NTP, "NTP, time sync"},
}

// AgentSide is what a monitored instance needs to reach its appliance: the
// mirror of the agent ingress rules, for the agent-side security group.
var AgentSide = []Requirement{
	{Egress, TCP, Port(443), Appliances, AgentUpdates, "Agent updates"},
	{Egress, TCP, Port(7777), Appliances, AgentTransport, "Agent data transport (between agent and appliance on local network)"},
}
