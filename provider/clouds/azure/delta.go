package azure

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// ruleDelta is how the rule delta reads Azure's resources: NSG security
// rules, and the Logic App that deletes the SSH rules at their expiry.
var ruleDelta = cloud.Delta{
	Rules: map[string]func(map[string]any, cloud.IDNames) *cloud.Rule{
		"azure-native:network:SecurityRule": func(in map[string]any, _ cloud.IDNames) *cloud.Rule { return decodeSecurityRule(in) },
	},
	Expiries: map[string]func(map[string]any, cloud.IDNames) *cloud.Expiry{
		"azure-native:logic:Workflow": func(in map[string]any, _ cloud.IDNames) *cloud.Expiry { return decodeWorkflow(in) },
	},
	Groups:     driftGroups,
	RuleGroups: driftRuleGroups,
}

// decodeSecurityRule reads an NSG security rule.
func decodeSecurityRule(in map[string]any) *cloud.Rule {
	r := &cloud.Rule{Description: cloud.Text(in["description"])}
	ingress := strings.EqualFold(cloud.Text(in["direction"]), "Inbound")
	r.Direction = "egress"
	if ingress {
		r.Direction = "ingress"
	}
	if strings.EqualFold(cloud.Text(in["access"]), "Deny") {
		r.Direction += ", deny"
	}
	r.Protocol = cloud.Protocol(cloud.Text(in["protocol"]))
	r.Ports = cloud.JoinValues(in["destinationPortRange"], in["destinationPortRanges"])
	if ingress {
		r.Peer = cloud.JoinValues(in["sourceAddressPrefix"], in["sourceAddressPrefixes"])
	} else {
		r.Peer = cloud.JoinValues(in["destinationAddressPrefix"], in["destinationAddressPrefixes"])
	}
	if r.Ports == "*" {
		r.Ports = "all"
	}
	r.Peer = strings.ReplaceAll(r.Peer, "*", "any")
	r.Other = cloud.Others(in, "description", "direction", "access", "protocol",
		"destinationPortRange", "destinationPortRanges")
	// Only the far side is the peer: the near side's prefix (the
	// appliances) stays in Other, so a change to it is still reported.
	if ingress {
		delete(r.Other, "sourceAddressPrefix")
		delete(r.Other, "sourceAddressPrefixes")
	} else {
		delete(r.Other, "destinationAddressPrefix")
		delete(r.Other, "destinationAddressPrefixes")
	}
	return r
}

// decodeWorkflow reads a Logic App whose recurrence trigger fires at the
// expiry and whose HTTP actions delete the SSH rules through ARM.
func decodeWorkflow(in map[string]any) *cloud.Expiry {
	e := &cloud.Expiry{Inputs: in}
	def, ok := in["definition"].(map[string]any)
	if !ok {
		e.At = cloud.Text(in["definition"])
		e.How = "Logic App " + cloud.OrNone(e.At)
		return e
	}
	var at, how []string
	triggers := cloud.Nested(def, "triggers")
	for _, k := range slices.Sorted(maps.Keys(triggers)) {
		t, _ := triggers[k].(map[string]any)
		if strings.EqualFold(cloud.Text(t["type"]), "Recurrence") {
			rec := cloud.Nested(t, "recurrence")
			s, _ := recurrenceStart(cloud.Text(rec["startTime"]), cloud.Text(rec["timeZone"]))
			at = append(at, cloud.OrNone(s))
		}
	}
	actions := cloud.Nested(def, "actions")
	for _, k := range slices.Sorted(maps.Keys(actions)) {
		a, _ := actions[k].(map[string]any)
		if strings.EqualFold(cloud.Text(a["type"]), "Http") {
			inputs := cloud.Nested(a, "inputs")
			how = append(how, httpAction(cloud.Text(inputs["method"]), cloud.Text(inputs["uri"])))
		}
	}
	e.At = strings.Join(at, "; ")
	if len(how) == 0 {
		how = []string{"has no HTTP action"}
	}
	e.How = "Logic App " + strings.Join(how, "; ")
	return e
}

// recurrenceStart reads a recurrence's start as an RFC 3339 time in UTC. A
// start without an offset is read in its timeZone only when that is UTC:
// Logic Apps name zones the Windows way, which Go does not know. Anything
// else is returned as given, and false.
func recurrenceStart(start, zone string) (string, bool) {
	if t, err := time.Parse(time.RFC3339, start); err == nil {
		return t.UTC().Format(time.RFC3339), true
	}
	if zone == "" || strings.EqualFold(zone, "UTC") {
		if t, err := time.Parse("2006-01-02T15:04:05", start); err == nil {
			return t.UTC().Format(time.RFC3339), true
		}
	}
	if zone != "" && zone != "UTC" {
		return start + " (" + zone + ")", false
	}
	return start, false
}

// httpAction says what an HTTP action does to ARM: for the SSH expiry,
// DELETE …/securityRules/<name>?api-version=….
func httpAction(method, uri string) string {
	if strings.EqualFold(method, "DELETE") {
		if uri == cloud.KnownAfterApply {
			return "deletes a security rule (known after apply)"
		}
		if u, err := url.Parse(uri); err == nil {
			parts := strings.Split(u.Path, "/")
			for i, p := range parts[:max(len(parts)-1, 0)] {
				if strings.EqualFold(p, "securityRules") && parts[i+1] != "" {
					return "deletes security rule " + cloud.Code(parts[i+1])
				}
			}
		}
	}
	return "sends " + cloud.OrNone(method) + " to " + cloud.OrNone(cloud.Code(uri))
}
