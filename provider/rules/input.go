package rules

// Input is a ThreatManager input as plain values. The component converts its
// Pulumi arguments into this; values that are not yet known (agent CIDRs that
// come from another resource) are marked as such.
type Input struct {
	// Datacenter is "us" or "eu"; nil means "us".
	Datacenter *string
	// AgentCIDRs are the networks where agents run.
	AgentCIDRs AgentCIDRs
	// SSHAccess, when set, asks for time-boxed troubleshooting SSH.
	SSHAccess *SSHAccessInput
	// EgressHTTP allows TCP 80 to the internet; nil means on.
	EgressHTTP *bool
	// ActiveScanning allows all traffic to the agent CIDRs; nil means on.
	ActiveScanning *bool
	// DNSServers replace the seed's resolvers; nil means the seed's, an
	// empty list means no DNS rules (the VPC's own resolver is used).
	DNSServers []string
	// ExtraNTPRanges are added to the datacenter's NTP ranges.
	ExtraNTPRanges []string
	// DatacenterRanges replaces the datacenter's service ranges; nil means
	// the seed's.
	DatacenterRanges []string
	// DatacenterNTPRanges replaces the datacenter's NTP ranges; nil means
	// the seed's.
	DatacenterNTPRanges []string
	// DenyOtherInbound adds a deny-all inbound rule below the allows on
	// Azure and GCP; nil means on. (An AWS security group admits nothing
	// it does not list, so AWS needs none.)
	DenyOtherInbound *bool
	// Tags go on every child that takes tags.
	Tags map[string]string

	// Clouds are the blocks that were set, in the order of the registry
	// of clouds (provider/clouds).
	Clouds []CloudInput
	// CloudBlocks names every block the component has, for the message
	// when none is set.
	CloudBlocks []string
}

// AgentCIDRs holds the agent networks. Known is false when they arrive as
// Outputs that are not resolved yet (a preview with a new VPC): their checks
// then run when they resolve, through Plan.CanonicalAgentCIDRs.
type AgentCIDRs struct {
	Values []string
	Known  bool
	// Secret keeps the values out of error messages.
	Secret bool
}

// KnownAgents is a helper for callers that have plain agent CIDRs.
func KnownAgents(cidrs ...string) AgentCIDRs {
	return AgentCIDRs{Values: cidrs, Known: true}
}

// SSHAccessInput asks for troubleshooting SSH until ExpiresAt.
type SSHAccessInput struct {
	// ExpiresAt is an RFC 3339 timestamp.
	ExpiresAt string
	// Sources default to the datacenter's service ranges.
	Sources []string
	// AllowSourcesOutsideDatacenter lets Sources lie outside the
	// datacenter's ranges (for a PDR team that asks for it).
	AllowSourcesOutsideDatacenter bool
	// MaxWindowHours caps how far ahead ExpiresAt may be; nil means
	// DefaultMaxSSHWindowHours.
	MaxWindowHours *int
	// EnforceInCloud has each cloud remove the SSH rules at expiry by
	// itself, with a scheduler; nil means on.
	EnforceInCloud *bool
}

// Presence is how a value that may be an Output of another resource was
// given: the plan needs to know only whether it is there.
type Presence int

const (
	// Absent: not given.
	Absent Presence = iota
	// Empty: given as "", which means nothing to the cloud and is refused
	// as the missing value would be.
	Empty
	// Present: given, and not empty (or not known yet).
	Present
)
