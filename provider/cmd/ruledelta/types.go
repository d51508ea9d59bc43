package main

import (
	"slices"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// resourceType is what the registered clouds' deltas say about one
// resource type; the zero value is a type the delta ignores.
type resourceType struct {
	owner     cloud.Cloud
	rule      func(in map[string]any, names cloud.IDNames) *cloud.Rule
	expiry    func(in map[string]any, names cloud.IDNames) *cloud.Expiry
	agentList *cloud.AgentList
	namedPeer bool
	// group and ruleGroup are for the drift check: a type whose refreshed
	// state lists the rules on it, and where a rule resource's rules are.
	group     *cloud.Group
	ruleGroup func(id string, in, out map[string]any) (string, []string)
	// inert: the rule exists but admits nothing (a disabled firewall).
	inert func(in, out map[string]any) bool
}

// types is every resource type a registered cloud's delta reads.
var types = typesOf(clouds.All)

func typesOf(all []cloud.Cloud) map[string]resourceType {
	types := map[string]resourceType{}
	// set registers one thing a cloud knows about typ.
	set := func(c cloud.Cloud, typ string, with func(*resourceType)) {
		t := types[typ]
		t.owner = c
		with(&t)
		types[typ] = t
	}
	for _, c := range all {
		for typ, decode := range c.Delta.Rules {
			set(c, typ, func(t *resourceType) { t.rule = decode })
		}
		for typ, decode := range c.Delta.Expiries {
			set(c, typ, func(t *resourceType) { t.expiry = decode })
		}
		for typ, list := range c.Delta.AgentLists {
			set(c, typ, func(t *resourceType) { t.agentList = &list })
		}
		for _, typ := range c.Delta.NamedPeers {
			set(c, typ, func(t *resourceType) { t.namedPeer = true })
		}
		for typ, group := range c.Delta.Groups {
			set(c, typ, func(t *resourceType) { t.group = &group })
		}
		for typ, keys := range c.Delta.RuleGroups {
			set(c, typ, func(t *resourceType) { t.ruleGroup = keys })
		}
		for typ, inert := range c.Delta.Inert {
			set(c, typ, func(t *resourceType) { t.inert = inert })
		}
	}
	return types
}

// cloudIndex is a cloud's place in clouds.All, the order the Markdown
// lists the clouds in; -1 for one it does not know.
func cloudIndex(title string) int {
	return slices.IndexFunc(clouds.All, func(c cloud.Cloud) bool { return c.Title == title })
}
