package main

import "strings"

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
