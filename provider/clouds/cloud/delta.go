package cloud

// Delta is what the rule delta (provider/cmd/ruledelta) knows about one
// cloud's resources in `pulumi preview --json`: which types are rules,
// which close SSH at its expiry, and how to read their inputs. Every other
// type in a preview is ignored.
type Delta struct {
	// Rules reads the inputs of each rule resource type.
	Rules map[string]func(in map[string]any, names IDNames) *Rule
	// Expiries reads the inputs of each type of scheduler that closes
	// troubleshooting SSH at its expiry. The roles, policies and accounts
	// the schedulers run as get no line: the scheduler's line says what
	// they are for.
	Expiries map[string]func(in map[string]any, names IDNames) *Expiry
	// NamedPeers are the types whose ids a rule's peer may hold (a
	// security group), so that the peer reads as a name, not an id.
	NamedPeers []string
	// AgentLists are the types that hold the agent CIDRs every agent rule
	// follows (AWS's prefix list): a change to one is a line of its own.
	AgentLists map[string]AgentList
	// TagInputs are the rule inputs that hold its tags: a change to them
	// alone is counted, not listed.
	TagInputs []string
	// Groups are the types whose refreshed state lists every rule the cloud
	// holds on them, the stack's and any added by hand (AWS's security
	// group, Azure's network security group). The drift check
	// (ruledelta -drift) reads them to find rules added out of band; a
	// cloud without them (GCP: a firewall belongs to no resource of the
	// stack) cannot say.
	Groups map[string]Group
	// RuleGroups says, per rule type, which group a rule resource is on and
	// the key of each rule it holds there, as Group.Rules keys them.
	RuleGroups map[string]func(id string, in, out map[string]any) (group string, keys []string)
	// Inert says, per rule type, whether a rule admits nothing though it
	// exists (GCP's disabled firewall), from its inputs and outputs as the
	// cloud has them: the drift check does not count an inert SSH rule past
	// its expiry as open.
	Inert map[string]func(in, out map[string]any) bool
}

// Group is a resource type whose refreshed outputs list the rules on it.
type Group struct {
	// Key names a group the way RuleGroups names the group of a rule.
	Key func(id string, in, out map[string]any) string
	// Rules are the rules the group's outputs list: none when the outputs
	// do not list them (a state never refreshed).
	Rules func(id string, out map[string]any, names IDNames) []GroupRule
}

// GroupRule is one rule a group's state lists.
type GroupRule struct {
	// Key is the key RuleGroups gives a rule resource that holds it.
	Key  string
	Rule *Rule
}

// AgentList is a resource type that holds the agent CIDRs.
type AgentList struct {
	// Kind is how the table names one ("prefix list").
	Kind string
	// Entries reads the CIDRs from the resource's inputs.
	Entries func(in map[string]any) []string
}

// Rule is one rule resource as a reviewer reads it.
type Rule struct {
	Direction   string // "ingress" or "egress", with ", deny" for a deny rule
	Protocol    string // "tcp", "udp", "all", or several joined
	Ports       string // "443", "1000-2000", "all"
	Peer        string // the far side: CIDRs, a prefix list, a security group
	Description string
	// Other holds the inputs not shown in a column (priority, tags, the
	// group), so a change to them is still reported.
	Other map[string]any
}

// Expiry is a scheduler that closes troubleshooting SSH in the cloud at
// the expiry time, whether or not anybody deploys then.
type Expiry struct {
	At  string // when, as a reviewer reads it; the value as given if it does not parse
	How string // what the scheduler does to close SSH
	// Inputs name what changed when neither At nor How did.
	Inputs map[string]any
}

// IDNames maps the ids of the preview's NamedPeers resources to their
// names.
type IDNames map[string]string

// Named is an id as a peer reads: "name (id)" when the preview names it.
func (n IDNames) Named(id string) string {
	if name, ok := n[id]; ok && name != id {
		return name + " (" + id + ")"
	}
	return Text(id)
}
