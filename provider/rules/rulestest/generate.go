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
// and refusals of every kind too.
func Input(now time.Time) *rapid.Generator[rules.Input] {
	return rapid.Custom(func(t *rapid.T) rules.Input {
		in := rules.Input{
			Datacenter:       mostly(rapid.SampledFrom([]*string{nil, ptr("us"), ptr("eu")}), rapid.SampledFrom([]*string{ptr(""), ptr("apac")})).Draw(t, "datacenter"),
			AgentCIDRs:       rules.KnownAgents(rapid.SliceOfN(prefix(), 1, 8).Draw(t, "agentCidrs")...),
			EgressHTTP:       optionalBool().Draw(t, "egressHttp"),
			ActiveScanning:   optionalBool().Draw(t, "activeScanning"),
			DenyOtherInbound: optionalBool().Draw(t, "denyOtherInbound"),
			DNSServers:       optionalList(address(), 4).Draw(t, "dnsServers"),
			ExtraNTPRanges:   optionalList(prefix(), 3).Draw(t, "extraNtpRanges"),
		}
		if rare(t, "override datacenter ranges") {
			in.DatacenterRanges = rapid.SliceOfN(prefix(), 1, 3).Draw(t, "datacenterRanges")
		}
		if rare(t, "override NTP ranges") {
			in.DatacenterNTPRanges = rapid.SliceOfN(prefix(), 0, 3).Draw(t, "datacenterNtpRanges")
		}
		if rapid.SampledFrom([]bool{true, false}).Draw(t, "ssh") {
			in.SSHAccess = &rules.SSHAccessInput{
				ExpiresAt:                     expiry(now).Draw(t, "expiresAt"),
				AllowSourcesOutsideDatacenter: rapid.Bool().Draw(t, "allowSourcesOutsideDatacenter"),
				MaxWindowHours:                mostly(rapid.SampledFrom([]*int{nil, nil, nil, ptr(24), ptr(720)}), rapid.SampledFrom([]*int{ptr(0), ptr(-1), ptr(9000)})).Draw(t, "maxWindowHours"),
				EnforceInCloud:                optionalBool().Draw(t, "enforceInCloud"),
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
	return mostly(rapid.SampledFrom([]string{"8.8.8.8", "8.8.4.4", "1.1.1.1", "10.0.0.2"}), rapid.OneOf(rapid.SampledFrom([]string{"", "8.8.8"}), prefix()))
}

// expiry draws an SSH expiry: mostly inside the default window (some
// already past), else far, malformed or empty.
func expiry(now time.Time) *rapid.Generator[string] {
	at := func(min, max time.Duration) *rapid.Generator[string] {
		return rapid.Custom(func(t *rapid.T) string {
			return now.Add(time.Duration(rapid.Int64Range(int64(min), int64(max)).Draw(t, "offset"))).UTC().Format(time.RFC3339)
		})
	}
	return mostly(
		rapid.OneOf(at(6*time.Minute, 167*time.Hour), at(-48*time.Hour, 0)),
		rapid.OneOf(at(0, 400*24*time.Hour), rapid.SampledFrom([]string{"", "soon", "2026-13-01T00:00:00Z"})),
	)
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

// optionalList is nil (the default), empty, or a list.
func optionalList(g *rapid.Generator[string], max int) *rapid.Generator[[]string] {
	return rapid.Custom(func(t *rapid.T) []string {
		if rapid.Bool().Draw(t, "given") {
			return rapid.SliceOfN(g, 0, max).Draw(t, "list")
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
