package rules

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
)

// azureInput is a minimal valid Azure input: us, one agent CIDR.
func azureInput() Input {
	return Input{
		AgentCIDRs: KnownAgents("10.0.0.0/16"),
		Azure: &AzureInput{
			ResourceGroupName:   Present,
			VirtualNetworkName:  Present,
			SubnetAddressPrefix: "10.1.0.0/24",
		},
	}
}

// groupRows renders a grouped rule as seed rows, one per protocol and peer:
// "egress tcp 443 204.110.218.96/27"; the agents stay symbolic.
func groupRows(g RuleGroup) []string {
	peers := g.AddressPrefixes(nil)
	if g.Agents {
		peers = append(peers, "agents")
	}
	var rows []string
	for _, m := range g.Matches {
		for _, peer := range peers {
			row := strings.Join([]string{string(g.Direction), string(m.Protocol), m.Ports.String(), peer}, " ")
			if g.Access == Deny {
				row = "deny " + row
			}
			rows = append(rows, row)
		}
	}
	return rows
}

func azureRows(plan *AzurePlan) []string {
	var rows []string
	for _, r := range plan.SecurityRules {
		rows = append(rows, groupRows(r.RuleGroup)...)
	}
	sort.Strings(rows)
	return rows
}

// azurePriorities maps each rule's name to its priority.
func azurePriorities(plan *AzurePlan) map[string]int {
	out := map[string]int{}
	for _, r := range plan.SecurityRules {
		out[r.Name] = r.Priority
	}
	return out
}

func assertSameRows(t *testing.T, got, want []string) {
	t.Helper()
	want = slices.Clone(want)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows differ\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// assertFieldError checks that err is an *InputError with a FieldError on
// field whose reason says says.
func assertFieldError(t *testing.T, err error, field, says string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %s: …%s…", field, says)
	}
	var inputErr *InputError
	if !errors.As(err, &inputErr) {
		t.Fatalf("error %T is not an *InputError: %v", err, err)
	}
	for _, fe := range inputErr.Errors {
		if fe.Field == field && strings.Contains(fe.Reason, says) {
			if !strings.Contains(err.Error(), field+": ") {
				t.Errorf("message does not name %s: %v", field, err)
			}
			return
		}
	}
	t.Errorf("error does not say %q about %s:\n%v", says, field, err)
}

func TestAzureRulesAreTheSeedsPlusDenyAll(t *testing.T) {
	for _, tt := range []struct {
		datacenter string
		rows       []string
	}{{"us", usRows}, {"eu", euRows}} {
		t.Run(tt.datacenter, func(t *testing.T) {
			in := azureInput()
			in.Datacenter = ptr(tt.datacenter)
			plan := mustBuild(t, in, now)
			assertSameRows(t, azureRows(plan.Azure), append(slices.Clone(tt.rows), denyRows...))
		})
	}
}

// The documented order, pinned: a change here renumbers deployed rules.
func TestAzurePriorityScheme(t *testing.T) {
	in := azureInput()
	in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	got := azurePriorities(mustBuild(t, in, now).Azure)
	want := map[string]int{
		"ingress-agent-updates-tcp-443":    100,
		"ingress-agent-transport-tcp-7777": 110,
		"ingress-ssh-tcp-22":               4000,
		"ingress-deny-all":                 4096,
		"egress-active-scanning":           100,
		"egress-dns-tcp-53":                110,
		"egress-dns-udp-53":                120,
		"egress-appliance-updates-tcp-80":  130,
		"egress-updates-tcp-443":           140,
		"egress-event-transport-tcp-4138":  150,
		"egress-ntp-udp-123":               160,
		"egress-deny-all":                  4096,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("priorities\ngot  %v\nwant %v", got, want)
	}
}

func TestAzurePrioritiesAreUniquePerDirection(t *testing.T) {
	for _, dc := range []string{"us", "eu"} {
		in := azureInput()
		in.Datacenter = ptr(dc)
		in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
		in.ExtraNTPRanges = []string{"198.51.100.0/24"}
		plan := mustBuild(t, in, now)
		seen := map[string]string{}
		for _, r := range plan.Azure.SecurityRules {
			if r.Priority < 100 || r.Priority > 4096 {
				t.Errorf("%s: %s has priority %d, outside Azure's 100-4096", dc, r.Name, r.Priority)
			}
			key := fmt.Sprintf("%s/%d", r.Direction, r.Priority)
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
	base := azurePriorities(mustBuild(t, azureInput(), now).Azure)
	changes := []struct {
		name   string
		change func(*Input)
	}{
		{"open SSH", func(in *Input) { in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"} }},
		{"add agent CIDRs", func(in *Input) { in.AgentCIDRs = KnownAgents("10.0.0.0/16", "10.2.0.0/16", "192.168.0.0/24") }},
		{"egress HTTP off", func(in *Input) { in.EgressHTTP = ptr(false) }},
		{"active scanning off", func(in *Input) { in.ActiveScanning = ptr(false) }},
		{"no DNS servers", func(in *Input) { in.DNSServers = []string{} }},
		{"extra NTP range", func(in *Input) { in.ExtraNTPRanges = []string{"198.51.100.0/24"} }},
		{"eu", func(in *Input) { in.Datacenter = ptr("eu") }},
	}
	for _, tt := range changes {
		t.Run(tt.name, func(t *testing.T) {
			in := azureInput()
			tt.change(&in)
			for name, priority := range azurePriorities(mustBuild(t, in, now).Azure) {
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
		in := azureInput()
		in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
		in.DenyOtherInbound = ptr(denyInbound)
		plan := mustBuild(t, in, now)
		denies := map[string]AzureSecurityRule{}
		for _, r := range plan.Azure.SecurityRules {
			if r.Access == Deny {
				denies[string(r.Direction)] = r
			}
		}
		want := map[string]bool{"egress": true, "ingress": denyInbound}
		for dir, wanted := range want {
			deny, ok := denies[dir]
			if ok != wanted {
				t.Fatalf("denyOtherInbound=%v: %s deny-all present=%v", denyInbound, dir, ok)
			}
			if !ok {
				continue
			}
			if deny.Priority != AzureDenyAllPriority || deny.Match().String() != "all" || deny.AddressPrefixes(nil)[0] != "0.0.0.0/0" {
				t.Errorf("%s deny-all is %+v", dir, deny)
			}
			for _, r := range plan.Azure.SecurityRules {
				if r.Access == Allow && string(r.Direction) == dir && r.Priority >= deny.Priority {
					t.Errorf("%s (%d) does not win over the deny-all (%d)", r.Name, r.Priority, deny.Priority)
				}
			}
		}
	}
}

func TestAzureFirstPriorityMovesOnlyTheAllows(t *testing.T) {
	in := azureInput()
	in.Azure.FirstPriority = ptr(1000)
	in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	got := azurePriorities(mustBuild(t, in, now).Azure)
	for name, want := range map[string]int{
		"ingress-agent-updates-tcp-443": 1000, "egress-ntp-udp-123": 1060,
		"ingress-ssh-tcp-22": 4000, "egress-deny-all": 4096,
	} {
		if got[name] != want {
			t.Errorf("%s: priority %d, want %d", name, got[name], want)
		}
	}
}

func TestAzureNamesComeFromContent(t *testing.T) {
	a := azureInput()
	a.AgentCIDRs = KnownAgents("10.0.0.0/16", "10.2.0.0/16")
	a.DNSServers = []string{"8.8.8.8", "1.1.1.1"}
	b := azureInput()
	b.AgentCIDRs = KnownAgents("10.2.0.0/16", "10.0.0.0/16")
	b.DNSServers = []string{"1.1.1.1", "8.8.8.8"}
	pa, pb := mustBuild(t, a, now).Azure, mustBuild(t, b, now).Azure
	if fmt.Sprintf("%+v", pa) != fmt.Sprintf("%+v", pb) {
		t.Errorf("reordering inputs changed the plan\n%+v\n%+v", pa, pb)
	}
	if pa.SubnetName != "tm-appliances" || pa.NetworkSecurityGroupName != "tm-appliances-nsg" {
		t.Errorf("names %q, %q", pa.SubnetName, pa.NetworkSecurityGroupName)
	}
	for _, r := range pa.SecurityRules {
		if len(r.Name) > azureMaxName || !azureNamePattern.MatchString(r.Name) {
			t.Errorf("rule name %q is not a valid Azure name", r.Name)
		}
	}
}

func TestAzureDescriptionsFit(t *testing.T) {
	in := azureInput()
	in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	for _, r := range mustBuild(t, in, now).Azure.SecurityRules {
		if r.Description == "" || len(r.Description) > AzureMaxDescription {
			t.Errorf("%s: description of %d characters, want 1-%d: %q", r.Name, len(r.Description), AzureMaxDescription, r.Description)
		}
	}
}

func TestAzureBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Input)
		field  string
		says   string
	}{
		{"subnet prefix not a CIDR", func(in *Input) { in.Azure.SubnetAddressPrefix = "10.1.0/24" }, "azure.subnetAddressPrefix", "is not a CIDR"},
		{"subnet prefix with host bits", func(in *Input) { in.Azure.SubnetAddressPrefix = "10.1.0.5/24" }, "azure.subnetAddressPrefix", `use "10.1.0.0/24"`},
		{"subnet prefix too small", func(in *Input) { in.Azure.SubnetAddressPrefix = "10.1.0.0/30" }, "azure.subnetAddressPrefix", "between /8 and /29"},
		{"subnet prefix too large", func(in *Input) { in.Azure.SubnetAddressPrefix = "10.0.0.0/7" }, "azure.subnetAddressPrefix", "between /8 and /29"},
		{"subnet prefix IPv6", func(in *Input) { in.Azure.SubnetAddressPrefix = "2001:db8::/64" }, "azure.subnetAddressPrefix", "not IPv4"},
		{"subnet prefix missing", func(in *Input) { in.Azure.SubnetAddressPrefix = "" }, "azure.subnetAddressPrefix", "is required"},
		{"priority band exhausted", func(in *Input) { in.Azure.FirstPriority = ptr(3950) }, "azure.firstPriority", "priority band exhausted: the 7 outbound allow slots from 3950, 10 apart, would end at 4010, past the allow band's end at 3999 (the SSH band starts at 4000); use at most 3939"},
		{"first priority below Azure's", func(in *Input) { in.Azure.FirstPriority = ptr(50) }, "azure.firstPriority", "below Azure's first priority 100"},
		{"no resource group", func(in *Input) { in.Azure.ResourceGroupName = Absent }, "azure.resourceGroupName", "is required"},
		{"no virtual network", func(in *Input) { in.Azure.VirtualNetworkName = Absent }, "azure.virtualNetworkName", "is required"},
		{"name prefix ends with a dash", func(in *Input) { in.Azure.NamePrefix = ptr("tm-") }, "azure.namePrefix", "not a valid Azure name start"},
		{"name prefix starts with a dot", func(in *Input) { in.Azure.NamePrefix = ptr(".tm") }, "azure.namePrefix", "not a valid Azure name start"},
		{"name prefix with a space", func(in *Input) { in.Azure.NamePrefix = ptr("threat manager") }, "azure.namePrefix", "not a valid Azure name start"},
		{"name prefix too long", func(in *Input) { in.Azure.NamePrefix = ptr(strings.Repeat("n", 66)) }, "azure.namePrefix", "at most 65"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := azureInput()
			tt.change(&in)
			_, err := Build("tm", in, now)
			assertFieldError(t, err, tt.field, tt.says)
		})
	}
}

func TestAzureDefaultNamePrefixIsChecked(t *testing.T) {
	_, err := Build("threat manager", azureInput(), now)
	assertFieldError(t, err, "azure.namePrefix", `the component's name "threat manager" (the default)`)

	in := azureInput()
	in.Azure.NamePrefix = ptr("tm_prod")
	if _, err := Build("threat manager", in, now); err != nil {
		t.Errorf("an explicit prefix should stand in for the name: %v", err)
	}
}

func TestAzureAgentCIDRsAreCheckedWhenTheyResolve(t *testing.T) {
	in := azureInput()
	in.AgentCIDRs = AgentCIDRs{Known: false}
	full := mustBuild(t, in, now)
	plan := full.Azure
	var scanning AzureSecurityRule
	for _, r := range plan.SecurityRules {
		if r.Name == "egress-active-scanning" {
			scanning = r
		}
	}
	agents, err := full.CanonicalAgentCIDRs([]string{"192.168.0.0/24", "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	if got := scanning.AddressPrefixes(agents); strings.Join(got, ",") != "10.0.0.0/16,192.168.0.0/24" {
		t.Errorf("got %v; want the CIDRs in address order", got)
	}
	_, err = full.CanonicalAgentCIDRs([]string{"10.0.0.1/16"})
	assertFieldError(t, err, "agentCidrs[0]", `use "10.0.0.0/16"`)

	many := make([]string, 1400)
	for i := range many {
		many[i] = fmt.Sprintf("10.%d.%d.0/24", i/256, i%256)
	}
	_, err = full.CanonicalAgentCIDRs(many)
	assertFieldError(t, err, "agentCidrs", "over Azure's limit of 4000 per network security group")
}

// Known agent CIDRs meet Azure's prefix quota in Build, before anything is
// registered, as unknown ones do when they resolve.
func TestAzurePrefixQuotaIsCheckedForKnownAgents(t *testing.T) {
	in := azureInput()
	many := make([]string, 1400)
	for i := range many {
		many[i] = fmt.Sprintf("10.%d.%d.0/24", i/256, i%256)
	}
	in.AgentCIDRs = KnownAgents(many...)
	_, err := Build("tm", in, now)
	assertFieldError(t, err, "agentCidrs", "over Azure's limit of 4000 per network security group")
}
