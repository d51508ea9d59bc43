package rules_test

import (
	"strings"
	"testing"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// Expiries at 23:59:30 on the last day of a year or of February, in UTC
// and in other offsets: the cloud closes SSH at the next whole minute, in
// UTC, which is another day, month or year. Each case is planned a few days
// ahead, and the plan must hold every invariant (rulestest.CheckPlan).
func TestSSHClosesAtRollsOver(t *testing.T) {
	for _, c := range []struct{ expires, closes string }{
		{"2026-12-31T23:59:30Z", "2027-01-01T00:00:00Z"},
		{"2026-12-31T23:59:30+00:00", "2027-01-01T00:00:00Z"},
		{"2026-12-31T23:59:00Z", "2026-12-31T23:59:00Z"},
		{"2026-12-31T23:59:59.999999999Z", "2027-01-01T00:00:00Z"},
		{"2027-01-01T00:59:30+01:00", "2027-01-01T00:00:00Z"},
		{"2026-12-31T15:59:30-08:00", "2027-01-01T00:00:00Z"},
		{"2026-12-31T23:59:30-08:00", "2027-01-01T08:00:00Z"},
		{"2027-02-28T23:59:30Z", "2027-03-01T00:00:00Z"},
		{"2027-02-28T15:59:30-08:00", "2027-03-01T00:00:00Z"},
		{"2028-02-28T23:59:30Z", "2028-02-29T00:00:00Z"},
		{"2028-02-29T23:59:30Z", "2028-03-01T00:00:00Z"},
		{"2028-03-01T00:59:30+01:00", "2028-03-01T00:00:00Z"},
		{"2028-02-29T05:29:30+05:30", "2028-02-29T00:00:00Z"},
	} {
		t.Run(c.expires, func(t *testing.T) {
			expires, err := time.Parse(time.RFC3339, c.expires)
			if err != nil {
				t.Fatal(err)
			}
			at := expires.Add(-72 * time.Hour)
			in := rules.Input{
				AgentCIDRs: rules.KnownAgents("10.0.0.0/16"),
				SSHAccess:  &rules.SSHAccessInput{ExpiresAt: c.expires},
				Clouds: []rules.CloudInput{
					&aws.Input{VpcID: rules.Present, NATGateway: rules.Present,
						Subnets: []aws.SubnetInput{{AvailabilityZone: "us-east-1a", CIDRBlock: "10.200.0.0/24"}}},
					&azure.Input{ResourceGroupName: rules.Present, VirtualNetworkName: rules.Present, SubnetAddressPrefix: "10.201.0.0/24"},
					&gcp.Input{Region: "us-central1", Network: rules.Present, SubnetCIDR: "10.202.0.0/24"},
				},
				CloudBlocks: rulestest.CloudBlocks(),
			}
			plan, err := rules.Build("tm", in, at)
			if err != nil {
				t.Fatal(err)
			}
			if got := plan.SSH.ClosesAt.Format(time.RFC3339); !plan.SSH.Open || !plan.SSH.ClosedByCloud || got != c.closes {
				t.Errorf("open %v, closed by the cloud %v at %s; want %s", plan.SSH.Open, plan.SSH.ClosedByCloud, got, c.closes)
			}
			if v := rulestest.CheckPlan(in, plan, at); len(v) > 0 {
				t.Errorf("the plan breaks invariants:\n  %s", strings.Join(v, "\n  "))
			}
		})
	}
}
