package gcp

import (
	"strconv"

	"fmt"
	"net/netip"
	"regexp"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// GCP's priorities. Every allow has AllowPriority and the deny-all
// egress rule DenyAllPriority, a lower precedence (a higher number) than
// every allow. 1000 is GCP's default priority, and at equal priority a deny
// beats an allow, so the deny-all also beats allow rules that others create
// at the default; exceptions for the appliances need a priority below 1000.
// GCP's implied allow-egress rule (65535) would otherwise let the appliances
// reach anything.
const (
	AllowPriority   = 900
	DenyAllPriority = 1000
)

// gcpMaxName is the length limit of firewall, subnetwork and network tag
// names (and of Cloud Scheduler job names and custom role ids, which allow
// more).
const gcpMaxName = 63

// gcpMaxAccountID is the length limit of a service account's id (6-30
// characters, RFC 1035); any valid name prefix makes at least 12 with its
// suffix.
const gcpMaxAccountID = 30

// Suffixes of the names derived from the name prefix.
const (
	gcpSubnetworkSuffix = "appliances"
	gcpTargetTagSuffix  = "appliance"
	gcpSSHExpirySuffix  = "ssh-expiry"
)

var (
	// gcpNamePattern is GCP's rule (RFC 1035) for the names of firewall
	// rules, subnetworks and network tags.
	gcpNamePattern   = regexp.MustCompile(`^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$`)
	gcpRegionPattern = regexp.MustCompile(`^[a-z]+-[a-z]+[0-9]+$`)
	gcpZonePattern   = regexp.MustCompile(`^([a-z]+-[a-z]+[0-9]+)-[a-z]$`)
)

// Plan is the validated GCP layout.
//
// GCP labels: neither compute.Subnetwork nor compute.Firewall takes labels,
// so the input's tags have no GCP resource to go on.
type Plan struct {
	NamePrefix string
	Region     string
	// SubnetworkName and TargetTag are GCP names, valid and at most 63
	// characters (see Name).
	SubnetworkName string
	SubnetCIDR     netip.Prefix
	// TargetTag is the network tag the firewall rules target: put it on
	// the appliance instances.
	TargetTag string
	// Firewalls are the allows in the seed's order, then the deny-alls.
	Firewalls []Firewall
	// SSHExpiry is how GCP closes SSH by itself; nil unless it does.
	SSHExpiry *SSHExpiry
}

// SSHExpiry is a Cloud Scheduler job that deletes the SSH firewall rule
// at the window's end, calling the Compute API as a service account that
// holds a custom role with only what that call needs.
type SSHExpiry struct {
	// JobName is the Cloud Scheduler job's name.
	JobName string
	// AccountID is the service account's id: 6-30 characters.
	AccountID string
	// RoleID is the custom role's id: letters, digits, '_' and '.'. It
	// names the window (its closing minute): GCP keeps a deleted custom
	// role's id reserved for up to 37 days, so a role per window is what
	// lets SSH open again on any day after an earlier window's role went.
	RoleID string
	// Firewall is the SSH firewall rule, the one rule the job deletes.
	Firewall Firewall
}

// Firewall is one firewall rule: one purpose with all its protocols and
// peers (DNS is one rule allowing tcp:53 and udp:53).
type Firewall struct {
	rules.RuleGroup
	// Key is the rule's content ("egress-dns"), for child resource names.
	Key string
	// Name is the GCP name: the name prefix and Key, shortened when too
	// long (see Name).
	Name     string
	Priority int
}

// Plan validates the GCP block and lays out its firewall rules.
func (in *Input) Plan(p *rules.Problems, layout rules.Layout) rules.CloudPlan {
	name, ssh, denyInbound := layout.Name, layout.SSH, layout.DenyOtherInbound
	plan := &Plan{Region: in.Region}
	plan.NamePrefix = rules.OptionalString(p, "gcp.namePrefix", in.NamePrefix, name, "the component's name")
	checkGCPNamePrefix(p, plan.NamePrefix, in.NamePrefix == nil)
	plan.SubnetworkName = Name(plan.NamePrefix, gcpSubnetworkSuffix)
	plan.TargetTag = Name(plan.NamePrefix, gcpTargetTagSuffix)

	switch r := in.Region; {
	case r == "":
		p.Add("gcp.region", "is required")
	case gcpZonePattern.MatchString(r):
		p.Add("gcp.region", "%q is a zone; use its region %q", r, gcpZonePattern.FindStringSubmatch(r)[1])
	case !gcpRegionPattern.MatchString(r):
		p.Add("gcp.region", "%q is not a GCP region name such as \"us-central1\"", r)
	}
	rules.CheckRequired(p, "gcp.network", in.Network)
	rules.CheckOptionalPresence(p, "gcp.project", in.Project, "the provider's project")
	plan.SubnetCIDR = rules.CheckSubnetPrefix(p, "gcp.subnetCidr", "GCP", in.SubnetCIDR)

	keys := map[string]bool{}
	for _, g := range mergeMatches(rules.GroupByRequirement(layout.Rules)) {
		key := string(g.Direction) + "-" + string(g.Purpose)
		if keys[key] {
			// Two peer sets for one purpose: name the set too.
			key += "-" + string(g.PeerSet)
		}
		keys[key] = true
		plan.Firewalls = append(plan.Firewalls, Firewall{
			RuleGroup: g,
			Key:       key,
			Name:      Name(plan.NamePrefix, key),
			Priority:  AllowPriority,
		})
	}
	denies := []rules.RuleGroup{rules.DenyAllGroup(requirements.Egress, "Deny all other egress from the Threat Manager appliances (GCP's implied rule allows all egress)")}
	if denyInbound {
		denies = append(denies, rules.DenyAllGroup(requirements.Ingress, "Deny all other ingress to the Threat Manager appliances (VPC-wide allows such as default-allow-internal admit everything inside)"))
	}
	for _, deny := range denies {
		key := string(deny.Direction) + "-" + string(deny.Purpose)
		plan.Firewalls = append(plan.Firewalls, Firewall{
			RuleGroup: deny,
			Key:       key,
			Name:      Name(plan.NamePrefix, key),
			Priority:  DenyAllPriority,
		})
	}

	plan.checkFixedRanges(p)

	if ssh.ClosedByCloud {
		for _, fw := range plan.Firewalls {
			if fw.Purpose == requirements.SSH {
				plan.SSHExpiry = planSSHExpiry(plan.NamePrefix, fw, ssh.ClosesAt)
			}
		}
	}
	return plan
}

func planSSHExpiry(prefix string, fw Firewall, closesAt time.Time) *SSHExpiry {
	return &SSHExpiry{
		JobName:   Name(prefix, gcpSSHExpirySuffix),
		AccountID: rules.ShortName(gcpMaxAccountID, prefix, gcpSSHExpirySuffix),
		// Role ids take no dashes; GCP names take no underscores, so the
		// swap is one to one.
		RoleID:   strings.ReplaceAll(Name(prefix, gcpSSHExpirySuffix, closesAt.UTC().Format("20060102t1504")), "-", "_"),
		Firewall: fw,
	}
}

// mergeMatches folds groups of the same direction, purpose and peer set
// into one firewall with several matches. Rules of one requirement share
// their peers, so a firewall's matches times its ranges is exactly the
// requirements' rows: nothing is widened.
func mergeMatches(groups []rules.RuleGroup) []rules.RuleGroup {
	type firewall struct {
		direction requirements.Direction
		purpose   requirements.Purpose
		peers     requirements.PeerSet
	}
	var out []rules.RuleGroup
	index := map[firewall]int{}
	for _, g := range groups {
		key := firewall{g.Direction, g.Purpose, g.PeerSet}
		if i, ok := index[key]; ok {
			out[i].Matches = append(out[i].Matches, g.Matches...)
			continue
		}
		index[key] = len(out)
		out = append(out, g)
	}
	return out
}

// GCPName joins a name prefix and content parts with dashes, shortened to
// GCP's 63 characters when longer (see shortName), as in
// "threat-manager-produ-1a2b3c4d-egress-dns".
func Name(prefix string, parts ...string) string {
	return rules.ShortName(gcpMaxName, prefix, parts...)
}

// ValidName reports whether s is a valid GCP firewall, subnetwork or
// network tag name.
func ValidName(s string) bool { return gcpNamePattern.MatchString(s) }

// checkGCPNamePrefix validates the prefix that starts every GCP name, or the
// component's name when no prefix is given. Names are validated, never
// converted: a converted name would surprise whoever looks for it.
func checkGCPNamePrefix(p *rules.Problems, prefix string, isDefault bool) {
	const field = "gcp.namePrefix"
	what := strconv.Quote(prefix)
	if isDefault {
		what = fmt.Sprintf("the component's name %q (the default)", prefix)
	}
	if prefix == "" || gcpNamePattern.MatchString(prefix) {
		return
	}
	reason := "is not a valid GCP name start: use lowercase letters, digits and '-', beginning with a letter and not ending with '-'"
	if len(prefix) > gcpMaxName {
		reason = fmt.Sprintf("is %d characters; GCP names have at most %d", len(prefix), gcpMaxName)
	}
	if s := gcpSuggestion(prefix); s != "" && s != prefix {
		reason += fmt.Sprintf(" (for example %q)", s)
	}
	p.Add(field, "%s %s", what, reason)
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

// Input is the GCP block. The project and network may be Outputs, so
// they are only marked present or absent.
type Input struct {
	Project    rules.Presence
	Region     string
	Network    rules.Presence
	SubnetCIDR string
	// NamePrefix starts every name; nil means the component's name.
	NamePrefix *string
}

// CheckTags checks nothing: GCP takes none of the input's tags (pulumi-gcp
// v7's Subnetwork and Firewall have no labels, and the SSH expiry's service
// account, role and job take none either).
func (in *Input) CheckTags(*rules.Problems, map[string]string) {}
