package rulestest

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// The second oracle.
//
// Expected derives, from the seed as data (provider/requirements, whose
// tables its own tests hold to the seed document) and the input alone, every
// rule an accepted plan must hold, and when SSH must be open. It is written
// out here on purpose, without calling anything of package rules but its
// documented constants: were it built from rules.Build's own helpers
// (applianceRules, checkRanges, checkSSH, ceilMinute), a rule Build forgets
// would be forgotten here too, and comparing the two would prove nothing.
// So it resolves the datacenter, the overrides and the switches, parses the
// ranges, and rounds the closing minute its own way (whole seconds since
// the epoch, not time.Truncate).
//
// It applies to inputs Build accepted: it does not validate, and says
// nothing of inputs Build must refuse.

// internet is the seed's destination for appliance updates.
var internet = netip.MustParsePrefix("0.0.0.0/0")

// Want is what a plan for an input must hold.
type Want struct {
	// Rules are the appliance rules as rows, one per requirement and peer
	// (see row).
	Rules []string
	// AgentSide are the agent-side group's rules, as rows.
	AgentSide []string
	// AgentCIDRs are the agent networks, canonical, when they were known.
	AgentCIDRs []string
	// Lists are the ranges each list of peers resolves to, by peer set:
	// none may cover more than rules.MaxCoveredAddresses together.
	Lists map[requirements.PeerSet][]string
	SSH   WantSSH
}

// WantSSH is the SSH window an input asks for at a time.
type WantSSH struct {
	// Requested: sshAccess is set.
	Requested bool
	// Open: a valid expiry in the future, within the window and, where the
	// cloud closes SSH, at least the in-cloud lead away.
	Open          bool
	ExpiresAt     time.Time
	ClosedByCloud bool
	// ClosesAt is ExpiresAt rounded up to the whole minute, in UTC.
	ClosesAt time.Time
}

// Expected is what an accepted plan for in at now must hold.
func Expected(in rules.Input, now time.Time) Want {
	var w Want
	w.SSH = ExpectedSSH(in.SSHAccess, now)

	dc := requirements.US
	if in.Datacenter != nil {
		dc = requirements.Datacenter(*in.Datacenter)
	}
	seed := requirements.Datacenters[dc]
	service, ntp, dns := seed.Service, seed.NTP, requirements.DefaultDNSServers
	if in.DatacenterRanges != nil {
		service = in.DatacenterRanges
	}
	if in.DatacenterNTPRanges != nil {
		ntp = in.DatacenterNTPRanges
	}
	ntp = append(slices.Clone(ntp), in.ExtraNTPRanges...)
	if in.DNSServers != nil {
		dns = in.DNSServers
	}
	ssh := service
	if in.SSHAccess != nil && in.SSHAccess.Sources != nil {
		ssh = in.SSHAccess.Sources
	}
	peers := map[requirements.PeerSet][]string{
		requirements.Agents:              {string(requirements.Agents)},
		requirements.DatacenterRanges:    canonical(service),
		requirements.DatacenterNTPRanges: canonical(ntp),
		requirements.DNSServers:          canonical(dns),
		requirements.Internet:            {internet.String()},
		requirements.SSHSources:          canonical(ssh),
	}
	w.Lists = map[requirements.PeerSet][]string{
		requirements.DatacenterRanges:    peers[requirements.DatacenterRanges],
		requirements.DatacenterNTPRanges: peers[requirements.DatacenterNTPRanges],
		requirements.DNSServers:          peers[requirements.DNSServers],
		requirements.SSHSources:          peers[requirements.SSHSources],
	}
	if in.AgentCIDRs.Known {
		w.Lists[requirements.Agents] = canonical(in.AgentCIDRs.Values)
	}
	on := func(b *bool) bool { return b == nil || *b }
	for _, req := range requirements.Table {
		switch {
		case req.Purpose == requirements.SSH && !w.SSH.Open,
			req.Purpose == requirements.ApplianceUpdates && !on(in.EgressHTTP),
			req.Purpose == requirements.ActiveScanning && !on(in.ActiveScanning):
			continue
		}
		ps, ok := peers[req.Peers]
		if !ok {
			panic(fmt.Sprintf("rulestest: the seed's peer set %q is new to the oracle", req.Peers))
		}
		for _, peer := range ps {
			w.Rules = append(w.Rules, row(req.Direction, req.Protocol, req.Ports, peer, req.Purpose))
		}
	}
	for _, req := range requirements.AgentSide {
		w.AgentSide = append(w.AgentSide, row(req.Direction, req.Protocol, req.Ports, string(req.Peers), req.Purpose))
	}
	if in.AgentCIDRs.Known {
		w.AgentCIDRs = canonical(in.AgentCIDRs.Values)
	}
	return w
}

// ExpectedSSH is the window in asks for at now.
func ExpectedSSH(in *rules.SSHAccessInput, now time.Time) WantSSH {
	if in == nil {
		return WantSSH{}
	}
	w := WantSSH{Requested: true}
	expires, err := time.Parse(time.RFC3339, in.ExpiresAt)
	if err != nil {
		return w
	}
	w.ExpiresAt = expires.UTC()
	hours := rules.DefaultMaxSSHWindowHours
	if in.MaxWindowHours != nil {
		hours = *in.MaxWindowHours
	}
	if hours < 1 || hours > rules.MaxSSHWindowHours || !expires.After(now) || expires.Sub(now) > time.Duration(hours)*time.Hour {
		return w
	}
	w.ClosedByCloud = in.EnforceInCloud == nil || *in.EnforceInCloud
	if w.ClosedByCloud {
		w.ClosesAt = roundUpToMinute(w.ExpiresAt)
		if w.ClosesAt.Sub(now) < rules.MinInCloudLead {
			return w
		}
	}
	w.Open = true
	return w
}

// roundUpToMinute counts whole seconds since the epoch: any second or
// nanosecond past a minute moves to the next minute, and the calendar
// (day, month, year, Feb 29) follows from time.Unix alone.
func roundUpToMinute(t time.Time) time.Time {
	secs := t.Unix()
	if secs%60 != 0 || t.Nanosecond() != 0 {
		secs = (secs/60 + 1) * 60
	}
	return time.Unix(secs, 0).UTC()
}

// GCPCron is the cron line that fires at the minute at, in UTC: minute,
// hour, day of month, month, any weekday.
func GCPCron(at time.Time) string {
	at = at.UTC()
	return fmt.Sprintf("%d %d %d %d *", at.Minute(), at.Hour(), at.Day(), int(at.Month()))
}

// Covered counts the IPv4 addresses the union of cidrs covers, by marking
// each prefix's span on a sorted list of intervals (not the model's
// nesting walk); what does not parse as IPv4 counts nothing.
func Covered(cidrs []string) uint64 {
	type span struct{ first, last uint64 }
	var spans []span
	for _, c := range canonical(cidrs) {
		p, err := netip.ParsePrefix(c)
		if err != nil || !p.Addr().Is4() {
			continue
		}
		a := p.Masked().Addr().As4()
		first := uint64(a[0])<<24 | uint64(a[1])<<16 | uint64(a[2])<<8 | uint64(a[3])
		spans = append(spans, span{first, first + 1<<(32-p.Bits()) - 1})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.first, b.first) })
	var total uint64
	var end uint64 // one past the last address counted
	for _, s := range spans {
		if s.last+1 <= end {
			continue
		}
		total += s.last + 1 - max(s.first, end)
		end = s.last + 1
	}
	return total
}

// row spells a rule as "direction protocol ports peer purpose".
func row(dir requirements.Direction, proto requirements.Protocol, ports requirements.PortRange, peer string, purpose requirements.Purpose) string {
	return strings.Join([]string{string(dir), string(proto), ports.String(), peer, string(purpose)}, " ")
}

func planRows(rs []rules.Rule) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = row(r.Direction, r.Protocol, r.Ports, r.Peer.String(), r.Purpose)
	}
	return out
}

// canonical parses addresses (as /32) and prefixes into CIDR strings. What
// does not parse is kept as given, so the comparison shows it.
func canonical(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if a, err := netip.ParseAddr(s); err == nil {
			out = append(out, netip.PrefixFrom(a, a.BitLen()).String())
		} else if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.String())
		} else {
			out = append(out, s)
		}
	}
	return out
}

// checkEqualRows: got holds every wanted row as often as wanted, and
// nothing else.
func checkEqualRows(v *violations, what string, want, got []string) {
	count := map[string]int{}
	for _, r := range want {
		count[r]++
	}
	for _, r := range got {
		count[r]--
	}
	for _, k := range slices.Sorted(maps.Keys(count)) {
		switch n := count[k]; {
		case n > 0:
			v.check(false, "missing %s %q (the seed and the input ask for it %d more time(s) than the plan has it)", what, k, n)
		case n < 0:
			v.check(false, "extra %s %q (the plan has it %d more time(s) than the seed and the input ask for)", what, k, -n)
		}
	}
}

// checkWindow: the plan's SSH window is the one the input asks for: open
// exactly when a valid future expiry is given, closing at the expiry's
// minute rounded up (day, month and year rolling over).
func checkWindow(v *violations, want WantSSH, plan rules.Plan) {
	got := plan.SSH
	v.check(got.Requested == want.Requested, "SSH requested %v, want %v", got.Requested, want.Requested)
	if !v.check(got.Open == want.Open, "SSH open %v, but the input asks for open=%v (expiry %s)", got.Open, want.Open, want.ExpiresAt.Format(time.RFC3339Nano)) || !want.Open {
		return
	}
	v.check(got.ExpiresAt.Equal(want.ExpiresAt), "SSH expires at %s, want %s", got.ExpiresAt, want.ExpiresAt)
	if !v.check(got.ClosedByCloud == want.ClosedByCloud, "SSH closed by the cloud %v, want %v", got.ClosedByCloud, want.ClosedByCloud) || !want.ClosedByCloud {
		return
	}
	v.check(got.ClosesAt.Equal(want.ClosesAt) && got.ClosesAt.Location() == time.UTC,
		"the cloud closes SSH at %s, want exactly %s (the expiry %s rounded up to the minute, in UTC)",
		got.ClosesAt.Format(time.RFC3339Nano), want.ClosesAt.Format(time.RFC3339), want.ExpiresAt.Format(time.RFC3339Nano))
}

// CheckSSHVerdict holds Build's verdict on the SSH expiry to the oracle's,
// accepted or refused: a valid future expiry (within the window, and the
// in-cloud lead away where the cloud closes SSH) is never refused for
// sshAccess.expiresAt, and a malformed one, or one beyond the window or
// too close for the cloud, always is. (An expiry already past is accepted
// with SSH closed: CheckPlan holds that.)
func CheckSSHVerdict(in rules.Input, now time.Time, err error) []string {
	var v violations
	if in.SSHAccess == nil {
		return nil
	}
	want := ExpectedSSH(in.SSHAccess, now)
	named := false
	if ie, ok := errors.AsType[*rules.InputError](err); ok {
		for _, fe := range ie.Errors {
			named = named || fe.Field == "sshAccess.expiresAt"
		}
	}
	if want.Open {
		v.check(!named, "refused the valid future expiry %q at %s: %v", in.SSHAccess.ExpiresAt, now.Format(time.RFC3339), err)
		return v.list
	}
	hours := in.SSHAccess.MaxWindowHours
	if hours != nil && (*hours < 1 || *hours > rules.MaxSSHWindowHours) {
		return nil // the window itself is refused; the expiry is judged against the default
	}
	_, perr := time.Parse(time.RFC3339, in.SSHAccess.ExpiresAt)
	expired := perr == nil && !want.ExpiresAt.After(now)
	v.check(expired || named, "expiry %q at %s (window %v, in the cloud %v) is not refused for sshAccess.expiresAt: %v",
		in.SSHAccess.ExpiresAt, now.Format(time.RFC3339), hours, in.SSHAccess.EnforceInCloud, err)
	return v.list
}
