// Package rulestest generates ThreatManager inputs for property tests and
// checks the invariants every accepted plan must hold, for the rule model's
// tests and the renderers'. It is test support: nothing that ships imports
// it.
package rulestest

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"time"

	"pgregory.net/rapid"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Input generates inputs around now. Each field is valid most of the time
// and, about one time in twenty, one of the bad values the model refuses
// (overlapping and huge ranges, host bits, the internet in pieces, empty
// strings, bad names, windows out of range), so runs reach plans often
// and refusals of every kind too. On top of that, at rates
// TestGeneratorRates measures and reports, the range lists hold unions of
// narrow ranges past the coverage bound, /0, IPv6 and overlapping
// (nested) ranges, and SSH expiries come with non-UTC offsets and at
// 23:59:30 UTC on Dec 31, Feb 28 and Feb 29, where rounding up to the
// minute rolls the day, month or year over.
func Input(now time.Time) *rapid.Generator[rules.Input] {
	return rapid.Custom(func(t *rapid.T) rules.Input {
		in := rules.Input{
			Datacenter:       mostly(rapid.SampledFrom([]*string{nil, ptr("us"), ptr("eu")}), rapid.SampledFrom([]*string{ptr(""), ptr("apac")})).Draw(t, "datacenter"),
			AgentCIDRs:       rules.KnownAgents(prefixList(1, 8).Draw(t, "agentCidrs")...),
			EgressHTTP:       optionalBool().Draw(t, "egressHttp"),
			ActiveScanning:   optionalBool().Draw(t, "activeScanning"),
			DenyOtherInbound: optionalBool().Draw(t, "denyOtherInbound"),
			DNSServers:       optionalList(dnsList()).Draw(t, "dnsServers"),
			ExtraNTPRanges:   optionalList(prefixList(0, 3)).Draw(t, "extraNtpRanges"),
		}
		if rare(t, "override datacenter ranges") {
			in.DatacenterRanges = prefixList(1, 3).Draw(t, "datacenterRanges")
		}
		if rare(t, "override NTP ranges") {
			in.DatacenterNTPRanges = prefixList(0, 3).Draw(t, "datacenterNtpRanges")
		}
		if rapid.SampledFrom([]bool{true, false}).Draw(t, "ssh") {
			expires, fits := expiry(now).Draw(t, "expiresAt"), (*int)(nil)
			if rollover, ok := ParseRollover(expires); ok && rapid.IntRange(0, 9).Draw(t, "window fits the rollover") > 0 {
				// Raise the window to reach the rollover, as a user would.
				fits = ptr(min(int(rollover.Sub(now).Hours())+1+rapid.IntRange(0, 48).Draw(t, "slack"), rules.MaxSSHWindowHours))
			}
			in.SSHAccess = &rules.SSHAccessInput{
				ExpiresAt:                     expires,
				AllowSourcesOutsideDatacenter: rapid.Bool().Draw(t, "allowSourcesOutsideDatacenter"),
				MaxWindowHours:                mostly(rapid.SampledFrom([]*int{nil, nil, nil, ptr(24), ptr(720)}), rapid.SampledFrom([]*int{ptr(0), ptr(-1), ptr(9000)})).Draw(t, "maxWindowHours"),
				EnforceInCloud:                optionalBool().Draw(t, "enforceInCloud"),
			}
			if fits != nil {
				in.SSHAccess.MaxWindowHours = fits
			}
			if rapid.Bool().Draw(t, "ssh sources") {
				in.SSHAccess.Sources = rapid.SliceOfN(sshSource(), 1, 3).Draw(t, "sources")
			}
		}
		if rapid.Bool().Draw(t, "tags") {
			key := mostly(rapid.SampledFrom([]string{"team", "env", "cost-center"}), rapid.SampledFrom([]string{"Name", "aws:x", "a/b", "", "threatmanager:role", "ThreatManager:Role"}))
			value := mostly(rapid.StringMatching(`[a-z0-9 ]{0,8}`), rapid.SampledFrom([]string{"a#b", strings.Repeat("v", 257)}))
			in.Tags = rapid.MapOfN(key, value, 0, 4).Draw(t, "tags")
		}
		clouds := mostly(rapid.IntRange(1, 7), rapid.Just(0)).Draw(t, "clouds")
		if clouds&1 != 0 {
			in.AWS = awsInput(t)
		}
		if clouds&2 != 0 {
			in.Azure = &rules.AzureInput{
				ResourceGroupName:   presence().Draw(t, "azure.resourceGroupName"),
				Location:            presence().Draw(t, "azure.location"),
				VirtualNetworkName:  presence().Draw(t, "azure.virtualNetworkName"),
				SubnetAddressPrefix: prefix().Draw(t, "azure.subnetAddressPrefix"),
				NamePrefix:          namePrefix().Draw(t, "azure.namePrefix"),
				FirstPriority:       mostly(rapid.SampledFrom([]*int{nil, ptr(100), ptr(500)}), rapid.SampledFrom([]*int{ptr(0), ptr(3950)})).Draw(t, "azure.firstPriority"),
			}
		}
		if clouds&4 != 0 {
			in.GCP = &rules.GCPInput{
				Project:    presence().Draw(t, "gcp.project"),
				Region:     mostly(rapid.SampledFrom([]string{"us-central1", "europe-west4"}), rapid.SampledFrom([]string{"us-central1-a", ""})).Draw(t, "gcp.region"),
				Network:    presence().Draw(t, "gcp.network"),
				SubnetCIDR: prefix().Draw(t, "gcp.subnetCidr"),
				NamePrefix: namePrefix().Draw(t, "gcp.namePrefix"),
			}
		}
		return in
	})
}

// mostly draws from good 19 times in 20, else from bad.
func mostly[T any](good, bad *rapid.Generator[T]) *rapid.Generator[T] {
	return rapid.Custom(func(t *rapid.T) T {
		if rapid.IntRange(0, 19).Draw(t, "bad?") == 19 {
			return bad.Draw(t, "bad")
		}
		return good.Draw(t, "good")
	})
}

// rare is true about one time in ten.
func rare(t *rapid.T, label string) bool { return rapid.IntRange(0, 9).Draw(t, label) == 9 }

// sshSource draws an SSH source: mostly one of the datacenters' ranges or a
// part of one, else any prefix.
func sshSource() *rapid.Generator[string] {
	return mostly(rapid.SampledFrom([]string{"204.110.218.96/27", "208.71.209.32/28", "204.110.219.100/30", "185.54.124.0/25"}), prefix())
}

func awsInput(t *rapid.T) *rules.AWSInput {
	in := &rules.AWSInput{
		VpcID:      presence().Draw(t, "aws.vpcId"),
		NATGateway: presence().Draw(t, "aws.natGatewayId"),
		NamePrefix: namePrefix().Draw(t, "aws.namePrefix"),
		// Sizes and quotas around AWS's limits: a prefix list of 100 or 400
		// fits only a raised quota, 1,000 never does.
		AgentCIDRsMaxEntries:  mostly(rapid.SampledFrom([]*int{nil, ptr(8), ptr(20), ptr(100), ptr(400)}), rapid.SampledFrom([]*int{ptr(0), ptr(1), ptr(40), ptr(1000), ptr(1001)})).Draw(t, "aws.agentCidrsMaxEntries"),
		RulesPerSecurityGroup: mostly(rapid.SampledFrom([]*int{nil, nil, ptr(60), ptr(250), ptr(1000)}), rapid.SampledFrom([]*int{ptr(0), ptr(1), ptr(1001)})).Draw(t, "aws.rulesPerSecurityGroup"),
	}
	zones := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"us-east-1a", "us-east-1b", "us-east-1c", "eu-west-1a"}), mostly(rapid.Just(1), rapid.Just(0)).Draw(t, "at least"), 3, rapid.ID[string]).Draw(t, "zones")
	for i, zone := range zones {
		in.Subnets = append(in.Subnets, rules.AWSSubnetInput{
			AvailabilityZone: zone,
			CIDRBlock:        fmt.Sprintf("10.200.%d.0/24", i),
			NATGateway:       presence().Draw(t, "aws.subnets.natGatewayId"),
		})
	}
	return in
}

// prefix draws a CIDR: mostly canonical, narrow and private, sometimes
// huge, with host bits, the internet in pieces, malformed or empty.
func prefix() *rapid.Generator[string] {
	return mostly(
		rapid.Custom(func(t *rapid.T) string {
			addr := netip.AddrFrom4([4]byte{10, byte(rapid.IntRange(0, 255).Draw(t, "b")), byte(rapid.IntRange(0, 255).Draw(t, "c")), 0})
			return netip.PrefixFrom(addr, rapid.IntRange(16, 24).Draw(t, "bits")).Masked().String()
		}),
		rapid.OneOf(rapid.Custom(func(t *rapid.T) string {
			a := rapid.Uint32().Draw(t, "addr")
			addr := netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)})
			return netip.PrefixFrom(addr, rapid.IntRange(0, 32).Draw(t, "bits")).Masked().String()
		}),
			rapid.SampledFrom([]string{
				"0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "64.0.0.0/2", "10.0.0.0/8", "10.0.0.1/16",
				"204.110.218.96/27", "204.110.219.96/27", "208.71.209.32/27", "185.54.124.0/24",
				"::/0", "fd00::/8", "10.0.0.0/33", "", "not a cidr",
			})),
	)
}

// address draws a DNS server: an address or a prefix.
func address() *rapid.Generator[string] {
	return mostly(rapid.SampledFrom([]string{"8.8.8.8", "8.8.4.4", "1.1.1.1", "10.0.0.2"}), rapid.OneOf(rapid.SampledFrom([]string{"", "8.8.8", "2001:4860:4860::8888"}), prefix()))
}

// dnsList draws DNS servers: mostly addresses, sometimes with one of the
// range lists' specials.
func dnsList() *rapid.Generator[[]string] {
	return withSpecials(rapid.SliceOfN(address(), 0, 4))
}

// prefixList draws a list of min to max ranges (see prefix), sometimes
// with one of the specials (see withSpecials).
func prefixList(min, max int) *rapid.Generator[[]string] {
	return withSpecials(rapid.SliceOfN(prefix(), min, max))
}

// withSpecials replaces a list, about one time in seven, with one that
// holds what the model must judge as a whole or refuse: a union of narrow
// ranges past the coverage bound (the internet by meaning), the same at
// the bound exactly, /0, an IPv6 range, or ranges that overlap.
func withSpecials(plain *rapid.Generator[[]string]) *rapid.Generator[[]string] {
	return rapid.Custom(func(t *rapid.T) []string {
		list := plain.Draw(t, "list")
		// rapid draws small numbers more often than large ones: the plain
		// list is 0, the specials the top of the range.
		switch n := rapid.IntRange(0, 99).Draw(t, "special"); {
		case n >= 97:
			return overBound(true).Draw(t, "over the bound")
		case n >= 95:
			return overlapping().Draw(t, "overlap") // alone: the list is accepted more often
		case n >= 93:
			return insert(t, list, overlapping().Draw(t, "overlap")...)
		case n >= 92:
			return overBound(false).Draw(t, "at the bound")
		case n >= 91:
			return insert(t, list, rapid.SampledFrom([]string{"0.0.0.0/0", "::/0"}).Draw(t, "/0"))
		case n >= 90:
			return insert(t, list, rapid.SampledFrom([]string{"2001:db8::/32", "fd00::/8", "2001:db8:1::/48", "fe80::/10"}).Draw(t, "IPv6"))
		}
		return list
	})
}

// insert puts items into list at drawn places.
func insert(t *rapid.T, list []string, items ...string) []string {
	out := slices.Clone(list)
	for _, item := range items {
		i := rapid.IntRange(0, len(out)).Draw(t, "at")
		out = slices.Insert(out, i, item)
	}
	return out
}

// overBound draws distinct, disjoint ranges of /8 to /10 (narrower to fit
// the bound exactly), each
// narrow enough alone, that together cover more than
// rules.MaxCoveredAddresses (over) or exactly that many (not over).
func overBound(over bool) *rapid.Generator[[]string] {
	return rapid.Custom(func(t *rapid.T) []string {
		firsts := rapid.SliceOfNDistinct(rapid.IntRange(1, 223), 20, 20, rapid.ID[int]).Draw(t, "first octets")
		var out []string
		covered := uint64(0)
		for _, first := range firsts {
			if covered == rules.MaxCoveredAddresses && !over {
				break
			}
			bits := rapid.SampledFrom([]int{8, 8, 9, 10}).Draw(t, "bits")
			for size := uint64(1) << (32 - bits); !over && covered+size > rules.MaxCoveredAddresses; size >>= 1 {
				bits++
			}
			out = append(out, netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(first), 0, 0, 0}), bits).String())
			covered += 1 << (32 - bits)
			if over && covered > rules.MaxCoveredAddresses {
				break
			}
		}
		slices.Reverse(out)
		return out
	})
}

// overlapping draws two ranges, one inside the other, or one range and an
// address inside it.
func overlapping() *rapid.Generator[[]string] {
	return rapid.Custom(func(t *rapid.T) []string {
		outerBits := rapid.IntRange(16, 28).Draw(t, "outer bits")
		outer := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(rapid.IntRange(0, 255).Draw(t, "b")), byte(rapid.IntRange(0, 255).Draw(t, "c")), 0}), outerBits).Masked()
		innerBits := rapid.IntRange(outerBits+1, 32).Draw(t, "inner bits")
		a := outer.Addr().As4()
		host := rapid.Uint32Range(0, 1<<(32-outerBits)-1).Draw(t, "host")
		n := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3]) | host
		inner := netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), innerBits).Masked()
		return []string{outer.String(), inner.String()}
	})
}

// expiry draws an SSH expiry: mostly inside the default window (some
// already past) or at a rollover (see rollover), else far, malformed or
// empty. The instant is spelled in UTC or another offset (see offset),
// sometimes with fractions of a second.
func expiry(now time.Time) *rapid.Generator[string] {
	at := func(min, max time.Duration) *rapid.Generator[time.Time] {
		return rapid.Custom(func(t *rapid.T) time.Time {
			return now.Add(time.Duration(rapid.Int64Range(int64(min), int64(max)).Draw(t, "offset")))
		})
	}
	spell := func(g *rapid.Generator[time.Time]) *rapid.Generator[string] {
		return rapid.Custom(func(t *rapid.T) string {
			zone := offset().Draw(t, "zone")
			instant := g.Draw(t, "instant").In(zone)
			layout := time.RFC3339
			if rapid.IntRange(0, 4).Draw(t, "fraction?") == 4 {
				layout = time.RFC3339Nano
			} else {
				instant = instant.Truncate(time.Second)
			}
			spelled := instant.Format(layout)
			if zone.String() == "+00:00" {
				// Go spells a zero offset Z.
				spelled = strings.TrimSuffix(spelled, "Z") + "+00:00"
			}
			return spelled
		})
	}
	return mostly(
		spell(rapid.OneOf(at(6*time.Minute, 167*time.Hour), at(6*time.Minute, 167*time.Hour), at(-48*time.Hour, 0), rollover(now), rollover(now))),
		rapid.OneOf(spell(at(0, 400*24*time.Hour)), rapid.SampledFrom([]string{"", "soon", "2026-13-01T00:00:00Z"})),
	)
}

// Offsets expiries are spelled in: UTC as Z and as +00:00, an hour east,
// eight hours west, and a half-hour zone.
var offsets = []*time.Location{
	time.UTC, time.UTC,
	time.FixedZone("+00:00", 0),
	time.FixedZone("+01:00", 3600),
	time.FixedZone("-08:00", -8*3600),
	time.FixedZone("+05:30", 5*3600+1800),
}

func offset() *rapid.Generator[*time.Location] { return rapid.SampledFrom(offsets) }

// rolloverDays are the dates whose 23:59:30 UTC rounds up into another day:
// Dec 31 rolls the year over, Feb 28 the month (or, in a leap year, only
// the day), Feb 29 the month.
var rolloverDays = []struct {
	month time.Month
	day   int
	leap  bool // only in a leap year
}{{time.December, 31, false}, {time.February, 28, false}, {time.February, 28, true}, {time.February, 29, true}}

// rollover draws 23:59:30 UTC on the next Dec 31, Feb 28, Feb 28 of a leap
// year or Feb 29 at
// least six minutes after now (the in-cloud lead), which may lie beyond the
// window: the input then raises maxWindowHours most of the time.
func rollover(now time.Time) *rapid.Generator[time.Time] {
	return rapid.Custom(func(t *rapid.T) time.Time {
		d := rapid.SampledFrom(rolloverDays).Draw(t, "rollover day")
		for year := now.UTC().Year(); ; year++ {
			at := time.Date(year, d.month, d.day, 23, 59, 30, 0, time.UTC)
			leap := time.Date(year, time.February, 29, 0, 0, 0, 0, time.UTC).Day() == 29
			if at.Day() == d.day && (leap || !d.leap) && at.Sub(now) >= 6*time.Minute {
				return at
			}
		}
	})
}

// ParseRollover reports whether s is an instant at 23:59:30 UTC on Dec 31,
// Feb 28 or Feb 29, and returns it.
func ParseRollover(s string) (time.Time, bool) {
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, false
	}
	at = at.UTC()
	if at.Hour() != 23 || at.Minute() != 59 || at.Second() != 30 || at.Nanosecond() != 0 {
		return at, false
	}
	for _, d := range rolloverDays {
		if at.Month() == d.month && at.Day() == d.day {
			return at, true
		}
	}
	return at, false
}

// Clock draws the time a test plans at: mostly base, sometimes up to a
// week before a rollover instant (Dec 31 of base's year and the next, Feb
// 28 and Feb 29 of the next leap year), so that a rollover expiry fits
// the default window.
func Clock(base time.Time) *rapid.Generator[time.Time] {
	var near []time.Time
	leap := base.Year() + 1
	for time.Date(leap, time.February, 29, 0, 0, 0, 0, time.UTC).Day() != 29 {
		leap++
	}
	for _, at := range []time.Time{
		time.Date(base.Year(), time.December, 31, 23, 59, 30, 0, time.UTC),
		time.Date(base.Year()+1, time.December, 31, 23, 59, 30, 0, time.UTC),
		time.Date(base.Year()+1, time.February, 28, 23, 59, 30, 0, time.UTC),
		time.Date(leap, time.February, 28, 23, 59, 30, 0, time.UTC),
		time.Date(leap, time.February, 29, 23, 59, 30, 0, time.UTC),
	} {
		if at.After(base) {
			near = append(near, at)
		}
	}
	return rapid.Custom(func(t *rapid.T) time.Time {
		if rapid.IntRange(0, 1).Draw(t, "near a rollover?") == 0 {
			return base
		}
		at := rapid.SampledFrom(near).Draw(t, "rollover")
		return at.Add(-time.Duration(rapid.Int64Range(int64(10*time.Minute), int64(160*time.Hour)).Draw(t, "before")))
	})
}

func namePrefix() *rapid.Generator[*string] {
	return mostly(
		rapid.SampledFrom([]*string{nil, ptr("tm-prod"), ptr("threat-manager-1")}),
		rapid.SampledFrom([]*string{ptr(""), ptr("TM Prod"), ptr("sg-x"), ptr(strings.Repeat("long-", 50))}),
	)
}

func presence() *rapid.Generator[rules.Presence] {
	return mostly(rapid.Just(rules.Present), rapid.SampledFrom([]rules.Presence{rules.Empty, rules.Absent}))
}

func optionalBool() *rapid.Generator[*bool] {
	return rapid.SampledFrom([]*bool{nil, ptr(true), ptr(false)})
}

// optionalList is nil (the default), or a list (maybe empty).
func optionalList(g *rapid.Generator[[]string]) *rapid.Generator[[]string] {
	return rapid.Custom(func(t *rapid.T) []string {
		if rapid.Bool().Draw(t, "given") {
			if list := g.Draw(t, "list"); list != nil {
				return list
			}
			return []string{}
		}
		return nil
	})
}

func ptr[T any](v T) *T { return &v }

// Shuffled is in with every list in another order.
func Shuffled(in rules.Input, seed uint64) rules.Input {
	rng := rand.New(rand.NewPCG(seed, seed))
	shuffle := func(s []string) []string {
		if s == nil {
			return nil
		}
		s = slices.Clone(s)
		rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		return s
	}
	out := in
	out.AgentCIDRs.Values = shuffle(in.AgentCIDRs.Values)
	out.DNSServers = shuffle(in.DNSServers)
	out.ExtraNTPRanges = shuffle(in.ExtraNTPRanges)
	out.DatacenterRanges = shuffle(in.DatacenterRanges)
	out.DatacenterNTPRanges = shuffle(in.DatacenterNTPRanges)
	if in.SSHAccess != nil {
		ssh := *in.SSHAccess
		ssh.Sources = shuffle(ssh.Sources)
		out.SSHAccess = &ssh
	}
	if in.AWS != nil {
		aws := *in.AWS
		aws.Subnets = slices.Clone(aws.Subnets)
		rng.Shuffle(len(aws.Subnets), func(i, j int) { aws.Subnets[i], aws.Subnets[j] = aws.Subnets[j], aws.Subnets[i] })
		out.AWS = &aws
	}
	return out
}
