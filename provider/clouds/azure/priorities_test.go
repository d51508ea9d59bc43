package azure_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

func TestAzureRulesAreTheSeedsPlusDenyAll(t *testing.T) {
	for _, tt := range []struct {
		datacenter string
		rows       []string
	}{{"us", usRows}, {"eu", euRows}} {
		t.Run(tt.datacenter, func(t *testing.T) {
			in, _ := input()
			in.Datacenter = new(tt.datacenter)
			rulestest.AssertSameRows(t, azureRows(mustPlan(t, in)), append(slices.Clone(tt.rows), rulestest.DenyRows...))
		})
	}
}

// Every requirement of the table has its slot by the documented scheme
// (rulestest.AzureRules: the allows from 100, ten apart, in the table's
// order per direction; SSH from 4000; the deny-alls at 4096).
func TestAzurePriorityScheme(t *testing.T) {
	in, _ := input()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	got := azurePriorities(mustPlan(t, in))
	want := map[string]int{}
	for _, r := range rulestest.AzureRules(100, true) {
		want[r.Name] = r.Priority
	}
	if !maps.Equal(got, want) {
		t.Errorf("priorities\ngot  %v\nwant %v", got, want)
	}
}

// Today's first slots, pinned as a second oracle apart from the scheme
// (the slots plan.go's doc comment lists): they are deployed, and a change
// to them renumbers deployed rules. Only each direction's first rows are
// pinned, through updates tcp/443, so that a new requirement placed after
// them is not refused here; TestAzurePriorityScheme checks every slot by
// the scheme. New requirements belong at the table's end, where they move
// no deployed slot; one placed before these fails here, as it should.
func TestAzureTodaysFirstSlotsStay(t *testing.T) {
	in, _ := input()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	got := azurePriorities(mustPlan(t, in))
	for name, want := range map[string]int{
		"ingress-agent-updates-tcp-443":    100,
		"ingress-agent-transport-tcp-7777": 110,
		"ingress-ssh-tcp-22":               4000,
		"ingress-deny-all":                 4096,
		"egress-active-scanning":           100,
		"egress-dns-tcp-53":                110,
		"egress-dns-udp-53":                120,
		"egress-appliance-updates-tcp-80":  130,
		"egress-updates-tcp-443":           140,
		"egress-deny-all":                  4096,
	} {
		if got[name] != want {
			t.Errorf("%s: priority %d, want %d", name, got[name], want)
		}
	}
}

func TestAzurePrioritiesAreUniquePerDirection(t *testing.T) {
	type slot struct {
		direction requirements.Direction
		priority  int
	}
	for _, dc := range []string{"us", "eu"} {
		in, _ := input()
		in.Datacenter = new(dc)
		in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
		in.ExtraNTPRanges = []string{"198.51.100.0/24"}
		seen := map[slot]string{}
		for _, r := range mustPlan(t, in).SecurityRules {
			if r.Priority < 100 || r.Priority > 4096 {
				t.Errorf("%s: %s has priority %d, outside Azure's 100-4096", dc, r.Name, r.Priority)
			}
			key := slot{r.Direction, r.Priority}
			if other, dup := seen[key]; dup {
				t.Errorf("%s: %s and %s share %s priority %d", dc, other, r.Name, r.Direction, r.Priority)
			}
			seen[key] = r.Name
		}
	}
}

// Opening SSH, adding agent CIDRs or flipping a switch adds or removes
// rules; it never moves another rule's priority.
func TestAzurePrioritiesAreStable(t *testing.T) {
	in, _ := input()
	base := azurePriorities(mustPlan(t, in))
	changes := []struct {
		name   string
		change func(*rules.Input)
	}{
		{"open SSH", func(in *rules.Input) { in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"} }},
		{"add agent CIDRs", func(in *rules.Input) {
			in.AgentCIDRs = rules.KnownAgents("10.0.0.0/16", "10.2.0.0/16", "192.168.0.0/24")
		}},
		{"egress HTTP off", func(in *rules.Input) { in.EgressHTTP = new(false) }},
		{"active scanning off", func(in *rules.Input) { in.ActiveScanning = new(false) }},
		{"no DNS servers", func(in *rules.Input) { in.DNSServers = []string{} }},
		{"extra NTP range", func(in *rules.Input) { in.ExtraNTPRanges = []string{"198.51.100.0/24"} }},
		{"eu", func(in *rules.Input) { in.Datacenter = new("eu") }},
	}
	for _, tt := range changes {
		t.Run(tt.name, func(t *testing.T) {
			in, _ := input()
			tt.change(&in)
			for name, priority := range azurePriorities(mustPlan(t, in)) {
				if before, ok := base[name]; ok && before != priority {
					t.Errorf("%s moved from %d to %d", name, before, priority)
				}
			}
		})
	}
}

// Both directions end in a deny-all below every allow, SSH's band included;
// denyOtherInbound off drops only the inbound one.
func TestAzureDenyAllIsBelowEveryAllow(t *testing.T) {
	for _, denyInbound := range []bool{true, false} {
		in, _ := input()
		in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
		in.DenyOtherInbound = new(denyInbound)
		plan := mustPlan(t, in)
		denies := map[requirements.Direction]azure.SecurityRule{}
		for _, r := range plan.SecurityRules {
			if r.Access == rules.Deny {
				denies[r.Direction] = r
			}
		}
		want := map[requirements.Direction]bool{requirements.Egress: true, requirements.Ingress: denyInbound}
		for dir, wanted := range want {
			deny, ok := denies[dir]
			if ok != wanted {
				t.Fatalf("denyOtherInbound=%v: %s deny-all present=%v", denyInbound, dir, ok)
			}
			if !ok {
				continue
			}
			if deny.Priority != azure.DenyAllPriority || deny.Match().String() != "all" || deny.AddressPrefixes(nil)[0] != "0.0.0.0/0" {
				t.Errorf("%s deny-all is %+v", dir, deny)
			}
			for _, r := range plan.SecurityRules {
				if r.Access == rules.Allow && r.Direction == dir && r.Priority >= deny.Priority {
					t.Errorf("%s (%d) does not win over the deny-all (%d)", r.Name, r.Priority, deny.Priority)
				}
			}
		}
	}
}

// azure.firstPriority moves the allows, and only them, to start there.
func TestAzureFirstPriorityMovesOnlyTheAllows(t *testing.T) {
	in, block := input()
	block.FirstPriority = new(1000)
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	got := azurePriorities(mustPlan(t, in))
	want := map[string]int{}
	for _, r := range rulestest.AzureRules(1000, true) {
		want[r.Name] = r.Priority
	}
	if !maps.Equal(got, want) {
		t.Errorf("priorities\ngot  %v\nwant %v", got, want)
	}
	// The scheme's fixed points, from the README: the first allow at
	// firstPriority, SSH at 4000, the deny-alls at 4096.
	for name, want := range map[string]int{
		"ingress-agent-updates-tcp-443": 1000, "egress-active-scanning": 1000,
		"ingress-ssh-tcp-22": 4000, "egress-deny-all": 4096,
	} {
		if got[name] != want {
			t.Errorf("%s: priority %d, want %d", name, got[name], want)
		}
	}
}
