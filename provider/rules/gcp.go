package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"regexp"
	"strings"
)

// GCP's priorities. Every allow has GCPAllowPriority and the deny-all
// egress rule GCPDenyAllPriority, a lower precedence (a higher number) than
// every allow. 1000 is GCP's default priority, and at equal priority a deny
// beats an allow, so the deny-all also beats allow rules that others create
// at the default; exceptions for the appliances need a priority below 1000.
// GCP's implied allow-egress rule (65535) would otherwise let the appliances
// reach anything.
const (
	GCPAllowPriority   = 900
	GCPDenyAllPriority = 1000
)

// gcpMaxName is the length limit of firewall, subnetwork and network tag
// names.
const gcpMaxName = 63

// gcpHashLen is how many hex digits of a hash shortened names carry.
const gcpHashLen = 8

// Suffixes of the names derived from the name prefix.
const (
	gcpSubnetworkSuffix = "appliances"
	gcpTargetTagSuffix  = "appliance"
)

var (
	// gcpNamePattern is GCP's rule (RFC 1035) for the names of firewall
	// rules, subnetworks and network tags.
	gcpNamePattern   = regexp.MustCompile(`^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$`)
	gcpRegionPattern = regexp.MustCompile(`^[a-z]+-[a-z]+[0-9]+$`)
	gcpZonePattern   = regexp.MustCompile(`^([a-z]+-[a-z]+[0-9]+)-[a-z]$`)
)

// GCPPlan is the validated GCP layout.
//
// GCP labels: neither compute.Subnetwork nor compute.Firewall takes labels,
// so the input's tags have no GCP resource to go on.
type GCPPlan struct {
	NamePrefix string
	Region     string
	// SubnetworkName and TargetTag are GCP names, valid and at most 63
	// characters (see GCPName).
	SubnetworkName string
	SubnetCIDR     netip.Prefix
	// TargetTag is the network tag the firewall rules target: put it on
	// the appliance instances.
	TargetTag string
	// Firewalls are the allows in the seed's order, then the deny-all.
	Firewalls []GCPFirewall
}

// GCPFirewall is one firewall rule: one purpose with all its protocols and
// peers (DNS is one rule allowing tcp:53 and udp:53).
type GCPFirewall struct {
	RuleGroup
	// Key is the rule's content ("egress-dns"), for child resource names.
	Key string
	// Name is the GCP name: the name prefix and Key, shortened when too
	// long (see GCPName).
	Name     string
	Priority int
}

func planGCP(p *problems, name string, in *GCPInput, rules []Rule) *GCPPlan {
	plan := &GCPPlan{NamePrefix: in.NamePrefix, Region: in.Region}
	checkGCPNamePrefix(p, name, in.NamePrefix, &plan.NamePrefix)
	plan.SubnetworkName = GCPName(plan.NamePrefix, gcpSubnetworkSuffix)
	plan.TargetTag = GCPName(plan.NamePrefix, gcpTargetTagSuffix)

	switch r := in.Region; {
	case r == "":
		p.add("gcp.region", "is required")
	case gcpZonePattern.MatchString(r):
		p.add("gcp.region", "%q is a zone; use its region %q", r, gcpZonePattern.FindStringSubmatch(r)[1])
	case !gcpRegionPattern.MatchString(r):
		p.add("gcp.region", "%q is not a GCP region name such as \"us-central1\"", r)
	}
	if !in.HasNetwork {
		p.add("gcp.network", "is required")
	}
	plan.SubnetCIDR = checkSubnetPrefix(p, "gcp.subnetCidr", "GCP", in.SubnetCIDR)

	keys := map[string]bool{}
	for _, g := range mergeMatches(GroupByRequirement(rules)) {
		key := string(g.Direction) + "-" + string(g.Purpose)
		if keys[key] {
			// Two peer sets for one purpose: name the set too.
			key += "-" + string(g.PeerSet)
		}
		keys[key] = true
		plan.Firewalls = append(plan.Firewalls, GCPFirewall{
			RuleGroup: g,
			Key:       key,
			Name:      GCPName(plan.NamePrefix, key),
			Priority:  GCPAllowPriority,
		})
	}
	deny := denyAllEgress("Deny all other egress from the Threat Manager appliances (GCP's implied rule allows all egress)")
	key := string(deny.Direction) + "-" + string(deny.Purpose)
	plan.Firewalls = append(plan.Firewalls, GCPFirewall{
		RuleGroup: deny,
		Key:       key,
		Name:      GCPName(plan.NamePrefix, key),
		Priority:  GCPDenyAllPriority,
	})
	return plan
}

// mergeMatches folds groups of the same direction, purpose and peer set
// into one firewall with several matches. Rules of one requirement share
// their peers, so a firewall's matches times its ranges is exactly the
// requirements' rows: nothing is widened.
func mergeMatches(groups []RuleGroup) []RuleGroup {
	var out []RuleGroup
	index := map[string]int{}
	for _, g := range groups {
		key := string(g.Direction) + "/" + string(g.Purpose) + "/" + string(g.PeerSet)
		if i, ok := index[key]; ok {
			out[i].Matches = append(out[i].Matches, g.Matches...)
			continue
		}
		index[key] = len(out)
		out = append(out, g)
	}
	return out
}

// GCPName joins a name prefix and content parts with dashes. A result
// longer than GCP's 63 characters is shortened deterministically, keeping
// the content readable: the prefix is cut (trailing dashes dropped) and
// followed by the first 8 hex digits of the SHA-256 of the full name, then
// the content, as in "threat-manager-produ-1a2b3c4d-egress-dns". The hash
// keeps shortened names distinct, and the same input always gives the same
// name. Content too long to keep falls back to cutting the whole name and
// appending the hash.
func GCPName(prefix string, parts ...string) string {
	content := strings.Join(parts, "-")
	full := prefix
	if content != "" {
		full += "-" + content
	}
	if len(full) <= gcpMaxName {
		return full
	}
	sum := sha256.Sum256([]byte(full))
	hash := hex.EncodeToString(sum[:])[:gcpHashLen]
	if room := gcpMaxName - len(content) - gcpHashLen - 2; content != "" && room >= 1 && room < len(prefix) {
		return strings.TrimRight(prefix[:room], "-") + "-" + hash + "-" + content
	}
	return strings.TrimRight(full[:gcpMaxName-gcpHashLen-1], "-") + "-" + hash
}

// ValidGCPName reports whether s is a valid GCP firewall, subnetwork or
// network tag name.
func ValidGCPName(s string) bool { return gcpNamePattern.MatchString(s) }

// checkGCPNamePrefix validates the prefix that starts every GCP name, or the
// component's name when no prefix is given. Names are validated, never
// converted: a converted name would surprise whoever looks for it.
func checkGCPNamePrefix(p *problems, name, given string, prefix *string) {
	const field = "gcp.namePrefix"
	what := quote(given)
	if given == "" {
		*prefix = name
		what = fmt.Sprintf("the component's name %q (the default)", name)
	}
	if *prefix == "" || gcpNamePattern.MatchString(*prefix) {
		return
	}
	reason := "is not a valid GCP name start: use lowercase letters, digits and '-', beginning with a letter and not ending with '-'"
	if len(*prefix) > gcpMaxName {
		reason = fmt.Sprintf("is %d characters; GCP names have at most %d", len(*prefix), gcpMaxName)
	}
	if s := gcpSuggestion(*prefix); s != "" && s != *prefix {
		reason += fmt.Sprintf(" (for example %q)", s)
	}
	p.add(field, "%s %s", what, reason)
}

// gcpSuggestion is a valid prefix close to s, for the error message only.
func gcpSuggestion(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.TrimLeft(b.String(), "-0123456789")
	if len(out) > gcpMaxName {
		out = out[:gcpMaxName]
	}
	out = strings.TrimRight(out, "-")
	if !gcpNamePattern.MatchString(out) {
		return ""
	}
	return out
}
