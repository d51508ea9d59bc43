package rules

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// Build validates in and returns the plan for a component named name at time
// now. Every problem in the input is reported at once, as an *InputError.
func Build(name string, in Input, now time.Time) (Plan, error) {
	var p Problems
	if name == "" {
		p.Add("name", "the component needs a name")
	}
	dc := checkDatacenter(&p, in.Datacenter)
	ranges := checkRanges(&p, dc, in)

	ssh, sshSources, warnings := checkSSH(&p, in.SSHAccess, ranges, dc, now)
	checkTags(&p, in.Tags, in.Clouds)
	if len(in.Clouds) == 0 {
		p.Add(strings.Join(in.CloudBlocks, ", "), "set at least one cloud block")
	}

	plan := Plan{
		Name:       name,
		Datacenter: dc,
		SSH:        ssh,
		Warnings:   warnings,
		Tags:       in.Tags,
	}
	plan.Rules = applianceRules(in, ranges, sshSources, ssh)
	plan.AgentSideRules = peerRules(requirements.AgentSide, func(requirements.PeerSet) []Peer {
		return []Peer{{Set: requirements.Appliances}}
	})

	layout := Layout{
		Name:             name,
		Rules:            plan.Rules,
		SSH:              ssh,
		DenyOtherInbound: in.DenyOtherInbound == nil || *in.DenyOtherInbound,
	}
	for _, c := range in.Clouds {
		plan.Clouds = append(plan.Clouds, c.Plan(&p, layout))
	}
	plan.agentsSecret = in.AgentCIDRs.Secret
	if in.AgentCIDRs.Known {
		plan.AgentCIDRs = plan.checkAgents(&p, in.AgentCIDRs.Values, in.AgentCIDRs.Secret)
	}
	if err := p.Err(); err != nil {
		return Plan{}, err
	}
	return plan, nil
}

func checkDatacenter(p *Problems, given *string) requirements.Datacenter {
	s := OptionalString(p, "datacenter", given, string(requirements.US), fmt.Sprintf("%q", requirements.US))
	dc := requirements.Datacenter(s)
	if _, ok := requirements.Datacenters[dc]; !ok {
		p.Add("datacenter", "%q is not a known datacenter; use %q or %q", s, requirements.US, requirements.EU)
		return requirements.US
	}
	return dc
}

// resolvedRanges are the datacenter's ranges after overrides and additions.
type resolvedRanges struct {
	service, ntp, dns []netip.Prefix
}

func checkRanges(p *Problems, dc requirements.Datacenter, in Input) resolvedRanges {
	seed := requirements.Datacenters[dc]
	service, serviceField := seed.Service, "datacenterRanges"
	if in.DatacenterRanges != nil {
		service = in.DatacenterRanges
		if len(service) == 0 {
			p.Add(serviceField, "an override needs at least one range; leave it unset for the seed's")
		}
	}
	ntp, ntpField := seed.NTP, "datacenterNtpRanges"
	if in.DatacenterNTPRanges != nil {
		ntp = in.DatacenterNTPRanges
	}
	dns := requirements.DefaultDNSServers
	if in.DNSServers != nil {
		dns = in.DNSServers
	}

	var r resolvedRanges
	r.service, _ = checkRangeList(p, serviceField, service, parseNarrowPrefix)
	r.ntp, _ = checkRangeList(p, ntpField, ntp, parseNarrowPrefix)
	r.dns, _ = checkRangeList(p, "dnsServers", dns, parseAddressOrNarrowPrefix)
	extras, extraFields := checkRangeList(p, "extraNtpRanges", in.ExtraNTPRanges, parseNarrowPrefix)
	for i, extra := range extras {
		// Repeats within extraNtpRanges were reported by checkRangeList.
		if slices.Contains(r.ntp, extra) {
			p.Add(extraFields[i], "%q is already an NTP range of datacenter %q", extra, dc)
			continue
		}
		r.ntp = append(r.ntp, extra)
	}
	sortPrefixes(r.ntp)
	if len(extras) > 0 {
		checkUnion(p, "extraNtpRanges", r.ntp)
	}
	return r
}

// checkRangeList parses a list of ranges a rule allows and checks what
// they cover together (see checkCoverage). It returns the ranges in address
// order with the field path of each.
func checkRangeList(p *Problems, field string, values []string, parse func(string, string) (netip.Prefix, error)) ([]netip.Prefix, []string) {
	before := len(p.list)
	prefixes, fields := parsePrefixList(p, field, values, parse)
	if len(p.list) == before {
		checkCoverage(p, field, prefixes, fields, func(i int) string { return quote(prefixes[i].String()) })
	}
	return prefixes, fields
}

// parseNarrowPrefix refuses 0.0.0.0/0 where a list names specific hosts.
func parseNarrowPrefix(field, s string) (netip.Prefix, error) {
	prefix, err := ParseIPv4Prefix(field, s)
	if err == nil && prefix.Bits() == 0 {
		return netip.Prefix{}, &FieldError{Field: field, Reason: quote(s) + " is the whole internet; name specific ranges"}
	}
	return prefix, err
}

func parseAddressOrNarrowPrefix(field, s string) (netip.Prefix, error) {
	prefix, err := parseAddressOrPrefix(field, s)
	if err == nil && prefix.Bits() == 0 {
		return netip.Prefix{}, &FieldError{Field: field, Reason: quote(s) + " is the whole internet; name specific servers"}
	}
	return prefix, err
}
