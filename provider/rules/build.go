package rules

import (
	"net/netip"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// Build validates in and returns the plan for a component named name at time
// now. Every problem in the input is reported at once, as an *InputError.
func Build(name string, in Input, now time.Time) (Plan, error) {
	var p problems
	if name == "" {
		p.add("name", "the component needs a name")
	}
	dc := checkDatacenter(&p, in.Datacenter)
	ranges := checkRanges(&p, dc, in)

	ssh, sshSources, warnings := checkSSH(&p, in.SSHAccess, ranges, dc, now)
	checkTags(&p, in.Tags)
	if in.AWS == nil && in.Azure == nil && in.GCP == nil {
		p.add("aws, azure, gcp", "set at least one cloud block")
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

	if in.AWS != nil {
		plan.AWS = planAWS(&p, name, in.AWS, plan.Rules, ssh)
	}
	denyInbound := in.DenyOtherInbound == nil || *in.DenyOtherInbound
	if in.Azure != nil {
		plan.Azure = planAzure(&p, name, in.Azure, plan.Rules, ssh, denyInbound)
	}
	if in.GCP != nil {
		plan.GCP = planGCP(&p, name, in.GCP, plan.Rules, ssh, denyInbound)
	}
	if in.AgentCIDRs.Known {
		plan.AgentCIDRs = plan.checkAgents(&p, in.AgentCIDRs.Values)
	}
	if err := p.err(); err != nil {
		return Plan{}, err
	}
	return plan, nil
}

func checkDatacenter(p *problems, s string) requirements.Datacenter {
	if s == "" {
		return requirements.US
	}
	dc := requirements.Datacenter(s)
	if _, ok := requirements.Datacenters[dc]; !ok {
		p.add("datacenter", "%q is not a known datacenter; use %q or %q", s, requirements.US, requirements.EU)
		return requirements.US
	}
	return dc
}

// resolvedRanges are the datacenter's ranges after overrides and additions.
type resolvedRanges struct {
	service, ntp, dns []netip.Prefix
}

func checkRanges(p *problems, dc requirements.Datacenter, in Input) resolvedRanges {
	seed := requirements.Datacenters[dc]
	service, serviceField := seed.Service, "datacenterRanges"
	if in.DatacenterRanges != nil {
		service = in.DatacenterRanges
		if len(service) == 0 {
			p.add(serviceField, "an override needs at least one range; leave it unset for the seed's")
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

	r := resolvedRanges{
		service: parsePrefixList(p, serviceField, service, parseNarrowPrefix),
		ntp:     parsePrefixList(p, ntpField, ntp, parseNarrowPrefix),
		dns:     parsePrefixList(p, "dnsServers", dns, parseAddressOrNarrowPrefix),
	}
	for i, extra := range in.ExtraNTPRanges {
		field := fieldIndex("extraNtpRanges", i)
		prefix, err := parseNarrowPrefix(field, extra)
		if err != nil {
			p.addErr(err)
			continue
		}
		if containsPrefix(r.ntp, prefix) {
			p.add(field, "%q is already an NTP range of datacenter %q", extra, dc)
			continue
		}
		r.ntp = append(r.ntp, prefix)
	}
	sortPrefixes(r.ntp)
	return r
}

// parseNarrowPrefix refuses 0.0.0.0/0 where a list names specific hosts.
func parseNarrowPrefix(field, s string) (netip.Prefix, error) {
	prefix, err := parseIPv4Prefix(field, s)
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

func containsPrefix(list []netip.Prefix, p netip.Prefix) bool {
	for _, q := range list {
		if q == p {
			return true
		}
	}
	return false
}

func checkTags(p *problems, tags map[string]string) {
	for _, k := range sortedKeys(tags) {
		switch {
		case k == "":
			p.add("tags", "a tag key is empty")
		case len(k) > 128:
			p.add("tags", "key %q is longer than 128 characters", k)
		case len(tags[k]) > 256:
			p.add("tags["+k+"]", "the value is longer than 256 characters")
		case hasPrefixFold(k, "aws:"):
			p.add("tags", "key %q uses the reserved prefix \"aws:\"", k)
		}
	}
}
