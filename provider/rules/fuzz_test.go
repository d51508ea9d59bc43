package rules_test

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// Fuzz targets for the input parsing and rules.Build. `make test` runs
// their seed corpora; `make fuzz` runs each for FUZZTIME. The property
// either way: no panic, and either a refusal whose every problem names a
// field, or a plan that holds every invariant (rulestest.CheckPlan).

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func checkBuild(t *testing.T, in rules.Input, at time.Time) {
	t.Helper()
	plan, err := rules.Build("tm", in, at)
	if v := rulestest.CheckSSHVerdict(in, at, err); len(v) > 0 {
		t.Fatalf("the SSH verdict:\n  %s", strings.Join(v, "\n  "))
	}
	if err != nil {
		if v := rulestest.CheckRefusal(err); len(v) > 0 {
			t.Fatalf("refusal: %s", strings.Join(v, "; "))
		}
		return
	}
	if v := rulestest.CheckPlan(in, plan, at); len(v) > 0 {
		t.Fatalf("the plan breaks invariants:\n  %s", strings.Join(v, "\n  "))
	}
}

// FuzzBuild drives every list and name of the input from strings (lists
// comma-separated) and the clouds from a bit set.
func FuzzBuild(f *testing.F) {
	f.Add("us", "10.0.0.0/16", "8.8.8.8", "", "", "", "", uint8(7), "tm", "tm", "tm", "team", "secops")
	f.Add("eu", "10.0.0.0/16,10.1.0.0/16", "", "198.51.100.0/24", "185.54.124.0/24", "185.54.124.0/24", "2026-11-27T12:00:00Z", uint8(7), "", "", "", "", "")
	f.Add("", "0.0.0.0/1,128.0.0.0/1", "0.0.0.0/0", "", "", "0.0.0.0/0", "2026-11-26T12:06:00Z", uint8(1), "sg-x", "x-", "X", "aws:x", "y")
	f.Add("apac", "10.0.0.1/16,,::/0", "8.8.8", "1.0.0.0/8,2.0.0.0/8,3.0.0.0/8,4.0.0.0/8", "", "", "soon", uint8(0), "", "", "", "Name", "")
	f.Fuzz(func(t *testing.T, dc, agents, dns, ntp, ranges, sources, expires string, clouds uint8, awsPrefix, azurePrefix, gcpPrefix, tagKey, tagValue string) {
		in := rules.Input{
			AgentCIDRs:     rules.KnownAgents(split(agents)...),
			DNSServers:     split(dns),
			ExtraNTPRanges: split(ntp),
			Tags:           map[string]string{tagKey: tagValue},
			CloudBlocks:    rulestest.CloudBlocks(),
		}
		if dc != "" {
			in.Datacenter = &dc
		}
		if ranges != "" {
			in.DatacenterRanges = split(ranges)
		}
		if expires != "" {
			in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: expires, Sources: split(sources), AllowSourcesOutsideDatacenter: clouds&8 != 0}
		}
		if clouds&1 != 0 {
			in.Clouds = append(in.Clouds, &aws.Input{VpcID: rules.Present, NATGateway: rules.Present, NamePrefix: &awsPrefix,
				Subnets: []aws.SubnetInput{{AvailabilityZone: "us-east-1a", CIDRBlock: "10.200.0.0/24"}}})
		}
		if clouds&2 != 0 {
			in.Clouds = append(in.Clouds, &azure.Input{ResourceGroupName: rules.Present, VirtualNetworkName: rules.Present, SubnetAddressPrefix: "10.201.0.0/24", NamePrefix: &azurePrefix})
		}
		if clouds&4 != 0 {
			in.Clouds = append(in.Clouds, &gcp.Input{Region: "us-central1", Network: rules.Present, SubnetCIDR: "10.202.0.0/24", NamePrefix: &gcpPrefix})
		}
		checkBuild(t, in, now)
	})
}

// FuzzAgentCIDRs: agent CIDRs known at planning and the same CIDRs
// resolving later get the same verdict and the same canonical list, sorted
// and without repeats.
func FuzzAgentCIDRs(f *testing.F) {
	for _, seed := range []string{"10.0.0.0/16", "10.1.0.0/16,10.0.0.0/16", "10.0.0.1/16", "0.0.0.0/1,128.0.0.0/1", "::/0", "", ",", "10.0.0.0/8,11.0.0.0/8,12.0.0.0/8,13.0.0.0/8,14.0.0.0/8"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, agents string) {
		cidrs := split(agents)
		cloud := rules.Input{Clouds: []rules.CloudInput{&gcp.Input{Region: "us-central1", Network: rules.Present, SubnetCIDR: "10.202.0.0/24"}}, CloudBlocks: rulestest.CloudBlocks()}
		known := cloud
		known.AgentCIDRs = rules.KnownAgents(cidrs...)
		planned, errKnown := rules.Build("tm", known, now)

		late := cloud
		late.AgentCIDRs = rules.AgentCIDRs{}
		plan, err := rules.Build("tm", late, now)
		if err != nil {
			t.Fatalf("unknown agents refused at planning: %v", err)
		}
		resolved, errLate := plan.CanonicalAgentCIDRs(cidrs)
		if (errKnown == nil) != (errLate == nil) {
			t.Fatalf("known: %v; resolved later: %v", errKnown, errLate)
		}
		if errKnown != nil {
			return
		}
		if !slices.Equal(planned.AgentCIDRs, resolved) {
			t.Fatalf("canonical lists differ: %v / %v", planned.AgentCIDRs, resolved)
		}
		inAddressOrder := slices.IsSortedFunc(resolved, func(a, b string) int {
			return netip.MustParsePrefix(a).Compare(netip.MustParsePrefix(b))
		})
		if !inAddressOrder || len(slices.Compact(slices.Clone(resolved))) != len(resolved) {
			t.Fatalf("not in address order, or with repeats: %v", resolved)
		}
		checkBuild(t, known, now)
	})
}

// FuzzSSHWindow: any expiry string, window and clock.
func FuzzSSHWindow(f *testing.F) {
	f.Add("2026-11-27T12:00:00Z", 0, int64(0), true)
	f.Add("2026-11-26T12:04:59Z", 24, int64(0), true)
	f.Add("2026-11-26T12:00:01+01:00", 1, int64(3600), false)
	f.Add("not a time", -1, int64(-1), true)
	f.Add("9999-12-31T23:59:59Z", 8760, int64(1<<40), true)
	f.Fuzz(func(t *testing.T, expires string, hours int, offsetSeconds int64, inCloud bool) {
		at := now.Add(time.Duration(offsetSeconds%(1<<33)) * time.Second)
		in := rules.Input{
			AgentCIDRs: rules.KnownAgents("10.0.0.0/16"),
			SSHAccess:  &rules.SSHAccessInput{ExpiresAt: expires, EnforceInCloud: &inCloud},
			Clouds: []rules.CloudInput{
				&azure.Input{ResourceGroupName: rules.Present, VirtualNetworkName: rules.Present, SubnetAddressPrefix: "10.201.0.0/24"},
			},
			CloudBlocks: rulestest.CloudBlocks(),
		}
		if hours != 0 {
			in.SSHAccess.MaxWindowHours = &hours
		}
		checkBuild(t, in, at)
	})
}
