// Package rulestest is test support for the rule model and everything
// built on it: it generates ThreatManager inputs for property tests, checks
// the invariants every accepted plan must hold against a second oracle
// (Expected), and holds the fixtures and assertions the example tests of
// the rule model and of each cloud share. Nothing that ships imports it.
//
// Files: generate.go (the input generator), generate_ranges.go and
// generate_time.go (what it draws lists and expiries from), shuffle.go,
// expected.go (the oracle), invariants.go and quotas.go (CheckPlan),
// fixtures.go and assert.go (for example tests).
package rulestest

import (
	"fmt"
	"strings"
	"time"

	"pgregory.net/rapid"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
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
			Datacenter:       mostly(rapid.SampledFrom([]*string{nil, new("us"), new("eu")}), rapid.SampledFrom([]*string{new(""), new("apac")})).Draw(t, "datacenter"),
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
				fits = new(min(int(rollover.Sub(now).Hours())+1+rapid.IntRange(0, 48).Draw(t, "slack"), rules.MaxSSHWindowHours))
			}
			in.SSHAccess = &rules.SSHAccessInput{
				ExpiresAt:                     expires,
				AllowSourcesOutsideDatacenter: rapid.Bool().Draw(t, "allowSourcesOutsideDatacenter"),
				MaxWindowHours:                mostly(rapid.SampledFrom([]*int{nil, nil, nil, new(24), new(720)}), rapid.SampledFrom([]*int{new(0), new(-1), new(9000)})).Draw(t, "maxWindowHours"),
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
		// The blocks in the registry's order, as the provider passes them.
		if clouds&1 != 0 {
			in.Clouds = append(in.Clouds, awsBlock(t))
		}
		if clouds&2 != 0 {
			in.Clouds = append(in.Clouds, azureBlock(t))
		}
		if clouds&4 != 0 {
			in.Clouds = append(in.Clouds, gcpBlock(t))
		}
		in.CloudBlocks = CloudBlocks()
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

func awsBlock(t *rapid.T) *aws.Input {
	in := &aws.Input{
		VpcID:      presence().Draw(t, "aws.vpcId"),
		NATGateway: presence().Draw(t, "aws.natGatewayId"),
		NamePrefix: namePrefix().Draw(t, "aws.namePrefix"),
		// Sizes and quotas around AWS's limits: a prefix list of 100 or 400
		// fits only a raised quota, 1,000 never does.
		AgentCIDRsMaxEntries:  mostly(rapid.SampledFrom([]*int{nil, new(8), new(20), new(100), new(400)}), rapid.SampledFrom([]*int{new(0), new(1), new(40), new(1000), new(1001)})).Draw(t, "aws.agentCidrsMaxEntries"),
		RulesPerSecurityGroup: mostly(rapid.SampledFrom([]*int{nil, nil, new(60), new(250), new(1000)}), rapid.SampledFrom([]*int{new(0), new(1), new(1001)})).Draw(t, "aws.rulesPerSecurityGroup"),
	}
	zones := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"us-east-1a", "us-east-1b", "us-east-1c", "eu-west-1a"}), mostly(rapid.Just(1), rapid.Just(0)).Draw(t, "at least"), 3, rapid.ID[string]).Draw(t, "zones")
	for i, zone := range zones {
		in.Subnets = append(in.Subnets, aws.SubnetInput{
			AvailabilityZone: zone,
			CIDRBlock:        fmt.Sprintf("10.200.%d.0/24", i),
			NATGateway:       presence().Draw(t, "aws.subnets.natGatewayId"),
		})
	}
	return in
}

func azureBlock(t *rapid.T) *azure.Input {
	return &azure.Input{
		ResourceGroupName:   presence().Draw(t, "azure.resourceGroupName"),
		Location:            presence().Draw(t, "azure.location"),
		VirtualNetworkName:  presence().Draw(t, "azure.virtualNetworkName"),
		SubnetAddressPrefix: prefix().Draw(t, "azure.subnetAddressPrefix"),
		NamePrefix:          namePrefix().Draw(t, "azure.namePrefix"),
		FirstPriority:       mostly(rapid.SampledFrom([]*int{nil, new(100), new(500)}), rapid.SampledFrom([]*int{new(0), new(3950)})).Draw(t, "azure.firstPriority"),
	}
}

func gcpBlock(t *rapid.T) *gcp.Input {
	return &gcp.Input{
		Project:    presence().Draw(t, "gcp.project"),
		Region:     mostly(rapid.SampledFrom([]string{"us-central1", "europe-west4"}), rapid.SampledFrom([]string{"us-central1-a", ""})).Draw(t, "gcp.region"),
		Network:    presence().Draw(t, "gcp.network"),
		SubnetCIDR: prefix().Draw(t, "gcp.subnetCidr"),
		NamePrefix: namePrefix().Draw(t, "gcp.namePrefix"),
	}
}

func namePrefix() *rapid.Generator[*string] {
	return mostly(
		rapid.SampledFrom([]*string{nil, new("tm-prod"), new("threat-manager-1")}),
		rapid.SampledFrom([]*string{new(""), new("TM Prod"), new("sg-x"), new(strings.Repeat("long-", 50))}),
	)
}

func presence() *rapid.Generator[rules.Presence] {
	return mostly(rapid.Just(rules.Present), rapid.SampledFrom([]rules.Presence{rules.Empty, rules.Absent}))
}

func optionalBool() *rapid.Generator[*bool] {
	return rapid.SampledFrom([]*bool{nil, new(true), new(false)})
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
