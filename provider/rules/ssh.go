package rules

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
)

// DefaultMaxSSHWindowHours is how far ahead an SSH expiry may be unless the
// input raises it: a week covers a provisioning, and a forgotten window
// still closes.
const DefaultMaxSSHWindowHours = 7 * 24

// MaxSSHWindowHours is the most sshAccess.maxWindowHours may raise the window
// to: a year. Troubleshooting SSH open longer is not time-boxed.
const MaxSSHWindowHours = 365 * 24

// SSHDescriptionExpires ends every SSH rule's description, followed by the
// expiry in RFC 3339: the rule states its own expiry, where reviewers and
// the policy pack read it.
const SSHDescriptionExpires = ", expires "

// MinInCloudLead is the least time between a deployment and the moment the
// cloud closes SSH. AWS refuses an EventBridge schedule whose at() time has
// passed when it is created, and the schedulers are created during the
// deployment, minutes after planning on a large stack; five minutes covers
// that with room. Below it, a window the cloud must close is refused: choose
// a later expiry, close SSH now by removing sshAccess, or turn the in-cloud
// expiry off.
const MinInCloudLead = 5 * time.Minute

// checkSSH works out the SSH window at now. An expired window is the normal
// state after troubleshooting: a warning, not an error.
func checkSSH(p *Problems, in *SSHAccessInput, ranges resolvedRanges, dc requirements.Datacenter, now time.Time) (SSHWindow, []Peer, []string) {
	if in == nil {
		return SSHWindow{}, nil, nil
	}
	window := SSHWindow{Requested: true}
	sources := checkSSHSources(p, in, ranges, dc)

	maxHours := OptionalInt(p, "sshAccess.maxWindowHours", in.MaxWindowHours, DefaultMaxSSHWindowHours, 1, MaxSSHWindowHours, "hours")

	if in.ExpiresAt == "" {
		p.Add("sshAccess.expiresAt", "is required: when SSH closes, as an RFC 3339 timestamp (for example %q)",
			now.UTC().Add(24*time.Hour).Truncate(time.Hour).Format(time.RFC3339))
		return window, nil, nil
	}
	expires, err := time.Parse(time.RFC3339, in.ExpiresAt)
	if err != nil {
		p.Add("sshAccess.expiresAt", "%q is not an RFC 3339 timestamp (for example %q)",
			in.ExpiresAt, now.UTC().Add(24*time.Hour).Truncate(time.Hour).Format(time.RFC3339))
		return window, nil, nil
	}
	window.ExpiresAt = expires.UTC()

	if !now.Before(expires) {
		warning := fmt.Sprintf("sshAccess.expiresAt: troubleshooting SSH expired at %s; its rules are left out (remove sshAccess to silence this)",
			window.ExpiresAt.Format(time.RFC3339))
		return window, nil, []string{warning}
	}
	if limit := time.Duration(maxHours) * time.Hour; expires.Sub(now) > limit {
		p.Add("sshAccess.expiresAt", "%q is %s from now, beyond the maximum SSH window of %dh; choose an earlier expiry or raise sshAccess.maxWindowHours",
			in.ExpiresAt, expires.Sub(now).Round(time.Minute), maxHours)
		return window, nil, nil
	}
	window.Open = true
	window.ClosedByCloud = in.EnforceInCloud == nil || *in.EnforceInCloud
	if window.ClosedByCloud {
		window.ClosesAt = ceilMinute(window.ExpiresAt)
		if lead := window.ClosesAt.Sub(now); lead < MinInCloudLead {
			p.Add("sshAccess.expiresAt", "%q is %s from now, too close for the cloud to schedule closing SSH (at least %s); choose a later expiry, remove sshAccess to close SSH now, or set sshAccess.enforceInCloud to false",
				in.ExpiresAt, expires.Sub(now).Round(time.Second), MinInCloudLead)
			return window, nil, nil
		}
	}
	return window, sources, nil
}

// ceilMinute rounds t up to the whole minute.
func ceilMinute(t time.Time) time.Time {
	if m := t.Truncate(time.Minute); m.Before(t) {
		return m.Add(time.Minute)
	}
	return t
}

func checkSSHSources(p *Problems, in *SSHAccessInput, ranges resolvedRanges, dc requirements.Datacenter) []Peer {
	if in.Sources == nil {
		return prefixPeers(requirements.SSHSources, ranges.service)
	}
	if len(in.Sources) == 0 {
		p.Add("sshAccess.sources", "is empty; leave it unset for the datacenter's ranges")
		return nil
	}
	sources, fields := checkRangeList(p, "sshAccess.sources", in.Sources, parseNarrowPrefix)
	if !in.AllowSourcesOutsideDatacenter {
		// In the input's order, as every message is; sources are in address order.
		outside := map[string]netip.Prefix{}
		for i, s := range sources {
			if !within(s, ranges.service) {
				outside[fields[i]] = s
			}
		}
		for i := range in.Sources {
			if s, ok := outside[FieldIndex("sshAccess.sources", i)]; ok {
				p.Add(FieldIndex("sshAccess.sources", i),
					"%q lies outside datacenter %q's ranges %v; set sshAccess.allowSourcesOutsideDatacenter if your PDR team asked for it",
					s, dc, ranges.service)
			}
		}
	}
	return prefixPeers(requirements.SSHSources, sources)
}

func prefixPeers(set requirements.PeerSet, prefixes []netip.Prefix) []Peer {
	peers := make([]Peer, len(prefixes))
	for i, prefix := range prefixes {
		peers[i] = Peer{Set: set, Prefix: prefix}
	}
	return peers
}

var internet = netip.MustParsePrefix(requirements.InternetCIDR)
