package main

import "strings"

func gcpRule(in map[string]any) *Rule {
	r := &Rule{Description: str(in["description"])}
	ingress := !strings.EqualFold(str(in["direction"]), "EGRESS")
	r.Direction = "egress"
	if ingress {
		r.Direction = "ingress"
	}
	matches, _ := in["allows"].([]any)
	if denies, _ := in["denies"].([]any); len(denies) > 0 {
		matches = denies
		r.Direction += ", deny"
	}
	// One firewall may match several protocols; the ports column is
	// labelled per protocol only when they differ.
	var protos, ports, labelled []string
	samePorts := true
	for _, m := range matches {
		mm, _ := m.(map[string]any)
		p := protocol(str(mm["protocol"]))
		ps := "all"
		if list, _ := mm["ports"].([]any); len(list) > 0 {
			ps = joinAny(nil, list)
		}
		protos = append(protos, p)
		ports = append(ports, ps)
		labelled = append(labelled, p+": "+ps)
		samePorts = samePorts && ps == ports[0]
	}
	r.Protocol = strings.Join(protos, ", ")
	if len(ports) > 0 {
		r.Ports = ports[0]
		if !samePorts {
			r.Ports = strings.Join(labelled, "; ")
		}
	}
	if ingress {
		r.Peer = joinAny(nil, in["sourceRanges"])
		if tags := joinAny(nil, in["sourceTags"]); tags != "" {
			r.Peer = strings.TrimPrefix(r.Peer+", tags "+tags, ", ")
		}
	} else {
		r.Peer = joinAny(nil, in["destinationRanges"])
	}
	r.Other = others(in, "description", "direction", "allows", "denies", "sourceRanges", "sourceTags", "destinationRanges")
	return r
}
