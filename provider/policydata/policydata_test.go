package policydata

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// The pack reads policy/requirements.json; it must be what the code says.
func TestCommittedFileMatchesTheCode(t *testing.T) {
	want, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../policy/requirements.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("policy/requirements.json is out of date with provider/requirements and provider/rules: run `make policy` and commit the result")
	}
}

var now = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

func input(mutate func(*rules.Input)) rules.Input {
	in := rules.Input{AgentCIDRs: rules.KnownAgents("10.0.0.0/16"), Clouds: []rules.CloudInput{&aws.Input{
		VpcID: rules.Present, NATGateway: rules.Present,
		Subnets: []aws.SubnetInput{{AvailabilityZone: "us-east-1a", CIDRBlock: "10.0.240.0/24"}},
	}}}
	if mutate != nil {
		mutate(&in)
	}
	return in
}

func purposes(t *testing.T, in rules.Input) []string {
	t.Helper()
	plan, err := rules.Build("tm", in, now)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range plan.Rules {
		if !slices.Contains(out, string(r.Purpose)) {
			out = append(out, string(r.Purpose))
		}
	}
	return out
}

// Each switch the pack mirrors turns off exactly the purpose the file says,
// in the rule model itself.
func TestSwitchesTurnOffTheirPurpose(t *testing.T) {
	on := purposes(t, input(nil))
	off := false
	for _, s := range rules.Switches {
		name, purpose := s.Input, string(s.Purpose)
		got := purposes(t, input(func(in *rules.Input) {
			switch name {
			case "activeScanning":
				in.ActiveScanning = &off
			case "egressHttp":
				in.EgressHTTP = &off
			default:
				t.Fatalf("switch %q: the test does not know its input field", name)
			}
		}))
		want := slices.DeleteFunc(slices.Clone(on), func(p string) bool { return p == purpose })
		if !slices.Contains(on, purpose) || !slices.Equal(got, want) {
			t.Errorf("%s=false: purposes %v, want %v (on: %v)", name, got, want, on)
		}
	}
}

// An open window's SSH rules end in the tag and the expiry, as the pack
// parses them.
func TestSSHRulesStateTheirExpiry(t *testing.T) {
	expires := now.Add(24 * time.Hour)
	plan, err := rules.Build("tm", input(func(in *rules.Input) {
		in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: expires.Format(time.RFC3339)}
	}), now)
	if err != nil {
		t.Fatal(err)
	}
	f := Build()
	n := 0
	for _, r := range plan.Rules {
		if r.Purpose != requirements.SSH {
			continue
		}
		n++
		if int(r.Ports.First) != f.SSH.Port || int(r.Ports.Last) != f.SSH.Port {
			t.Errorf("SSH rule on ports %v, file says %d", r.Ports, f.SSH.Port)
		}
		_, stated, ok := strings.Cut(r.Description, f.SSH.DescriptionExpiresTag)
		if at, err := time.Parse(time.RFC3339, stated); !ok || err != nil || !at.Equal(expires) {
			t.Errorf("SSH rule description %q does not end in %q and the expiry %s", r.Description, f.SSH.DescriptionExpiresTag, expires.Format(time.RFC3339))
		}
	}
	if n == 0 {
		t.Fatal("no SSH rules in an open window")
	}
}

// Every row of the table is in the file, in order, with its ports.
func TestEveryRequirementIsExported(t *testing.T) {
	f := Build()
	if len(f.Requirements) != len(requirements.Table) {
		t.Fatalf("%d rows exported, the table has %d", len(f.Requirements), len(requirements.Table))
	}
	for i, req := range requirements.Table {
		got := f.Requirements[i]
		if got.Purpose != string(req.Purpose) || got.Direction != string(req.Direction) || got.Protocol != string(req.Protocol) ||
			got.FromPort != int(req.Ports.First) || got.ToPort != int(req.Ports.Last) || got.Peers != string(req.Peers) {
			t.Errorf("row %d: exported %+v, table %+v", i, got, req)
		}
	}
	for dc, r := range requirements.Datacenters {
		if got := f.Datacenters[string(dc)]; !slices.Equal(got.Service, r.Service) || !slices.Equal(got.NTP, r.NTP) {
			t.Errorf("datacenter %s: exported %+v, seed %+v", dc, got, r)
		}
	}
}
