package main

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
)

func azureRule(in map[string]any) *Rule {
	r := &Rule{Description: str(in["description"])}
	ingress := strings.EqualFold(str(in["direction"]), "Inbound")
	r.Direction = "egress"
	if ingress {
		r.Direction = "ingress"
	}
	if strings.EqualFold(str(in["access"]), "Deny") {
		r.Direction += ", deny"
	}
	r.Protocol = protocol(str(in["protocol"]))
	r.Ports = joinAny(in["destinationPortRange"], in["destinationPortRanges"])
	if ingress {
		r.Peer = joinAny(in["sourceAddressPrefix"], in["sourceAddressPrefixes"])
	} else {
		r.Peer = joinAny(in["destinationAddressPrefix"], in["destinationAddressPrefixes"])
	}
	r.Ports = allIfStar(r.Ports)
	r.Peer = strings.ReplaceAll(r.Peer, "*", "any")
	r.Other = others(in, "description", "direction", "access", "protocol",
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

func allIfStar(s string) string {
	if s == "*" {
		return "all"
	}
	return s
}

// azureExpiry reads a Logic App whose recurrence trigger fires at the
// expiry and whose HTTP actions delete the SSH rules through ARM.
func azureExpiry(in map[string]any) *Expiry {
	e := &Expiry{inputs: in}
	def, ok := in["definition"].(map[string]any)
	if !ok {
		e.At = str(in["definition"])
		e.How = "Logic App " + orNone(e.At)
		return e
	}
	var at, how []string
	triggers := nested(def, "triggers")
	for _, k := range slices.Sorted(maps.Keys(triggers)) {
		t, _ := triggers[k].(map[string]any)
		if strings.EqualFold(str(t["type"]), "Recurrence") {
			rec := nested(t, "recurrence")
			s, _ := azureStartTime(str(rec["startTime"]), str(rec["timeZone"]))
			at = append(at, orNone(s))
		}
	}
	actions := nested(def, "actions")
	for _, k := range slices.Sorted(maps.Keys(actions)) {
		a, _ := actions[k].(map[string]any)
		if strings.EqualFold(str(a["type"]), "Http") {
			inputs := nested(a, "inputs")
			how = append(how, azureAction(str(inputs["method"]), str(inputs["uri"])))
		}
	}
	e.At = strings.Join(at, "; ")
	if len(how) == 0 {
		how = []string{"has no HTTP action"}
	}
	e.How = "Logic App " + strings.Join(how, "; ")
	return e
}

// azureStartTime reads a recurrence's start as an RFC 3339 time in UTC. A
// start without an offset is read in its timeZone only when that is UTC:
// Logic Apps name zones the Windows way, which Go does not know. Anything
// else is returned as given, and false.
func azureStartTime(start, zone string) (string, bool) {
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

// azureAction says what an HTTP action does to ARM: for the SSH expiry,
// DELETE …/securityRules/<name>?api-version=….
func azureAction(method, uri string) string {
	if strings.EqualFold(method, "DELETE") {
		if uri == knownAfterApply {
			return "deletes a security rule (known after apply)"
		}
		if u, err := url.Parse(uri); err == nil {
			parts := strings.Split(u.Path, "/")
			for i, p := range parts[:max(len(parts)-1, 0)] {
				if strings.EqualFold(p, "securityRules") && parts[i+1] != "" {
					return "deletes security rule " + code(parts[i+1])
				}
			}
		}
	}
	return "sends " + orNone(method) + " to " + orNone(code(uri))
}
