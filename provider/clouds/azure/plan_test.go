package azure_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

func TestAzureNamesComeFromContent(t *testing.T) {
	a, _ := input()
	a.AgentCIDRs = rules.KnownAgents("10.0.0.0/16", "10.2.0.0/16")
	a.DNSServers = []string{"8.8.8.8", "1.1.1.1"}
	b, _ := input()
	b.AgentCIDRs = rules.KnownAgents("10.2.0.0/16", "10.0.0.0/16")
	b.DNSServers = []string{"1.1.1.1", "8.8.8.8"}
	pa, pb := mustPlan(t, a), mustPlan(t, b)
	if fmt.Sprintf("%+v", pa) != fmt.Sprintf("%+v", pb) {
		t.Errorf("reordering inputs changed the plan\n%+v\n%+v", pa, pb)
	}
	if pa.SubnetName != "tm-appliances" || pa.NetworkSecurityGroupName != "tm-appliances-nsg" {
		t.Errorf("names %q, %q", pa.SubnetName, pa.NetworkSecurityGroupName)
	}
	for _, r := range pa.SecurityRules {
		if len(r.Name) > azure.MaxName || !azure.NamePattern.MatchString(r.Name) {
			t.Errorf("rule name %q is not a valid Azure name", r.Name)
		}
	}
}

func TestAzureDescriptionsFit(t *testing.T) {
	in, _ := input()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T00:00:00Z"}
	for _, r := range mustPlan(t, in).SecurityRules {
		if r.Description == "" || len(r.Description) > azure.MaxDescription {
			t.Errorf("%s: description of %d characters, want 1-%d: %q", r.Name, len(r.Description), azure.MaxDescription, r.Description)
		}
	}
}

func TestAzureBadInput(t *testing.T) {
	// The outbound allows, one slot each ten apart, from the highest first
	// priority that overflows them by one: their last slot lands on 4000,
	// the SSH band's start (README: SSH in 4000-4095). Counted from the
	// table, so a new requirement moves the numbers with it.
	outbound := rulestest.AzureAllows(requirements.Egress)
	tooHigh := 4000 - 10*(outbound-1)
	exhausted := fmt.Sprintf("priority band exhausted: the %d outbound allow slots from %d, 10 apart, would end at 4000, "+
		"past the allow band's end at 3999 (the SSH band starts at 4000); use at most %d", outbound, tooHigh, tooHigh-1)
	tests := []struct {
		name   string
		change func(*azure.Input)
		field  string
		says   string
	}{
		{"subnet prefix not a CIDR", func(b *azure.Input) { b.SubnetAddressPrefix = "10.1.0/24" }, "azure.subnetAddressPrefix", "is not a CIDR"},
		{"subnet prefix with host bits", func(b *azure.Input) { b.SubnetAddressPrefix = "10.1.0.5/24" }, "azure.subnetAddressPrefix", `use "10.1.0.0/24"`},
		{"subnet prefix too small", func(b *azure.Input) { b.SubnetAddressPrefix = "10.1.0.0/30" }, "azure.subnetAddressPrefix", "between /8 and /29"},
		{"subnet prefix too large", func(b *azure.Input) { b.SubnetAddressPrefix = "10.0.0.0/7" }, "azure.subnetAddressPrefix", "between /8 and /29"},
		{"subnet prefix IPv6", func(b *azure.Input) { b.SubnetAddressPrefix = "2001:db8::/64" }, "azure.subnetAddressPrefix", "not IPv4"},
		{"subnet prefix missing", func(b *azure.Input) { b.SubnetAddressPrefix = "" }, "azure.subnetAddressPrefix", "is required"},
		{"priority band exhausted", func(b *azure.Input) { b.FirstPriority = new(tooHigh) }, "azure.firstPriority", exhausted},
		{"first priority below Azure's", func(b *azure.Input) { b.FirstPriority = new(50) }, "azure.firstPriority", "below Azure's first priority 100"},
		{"no resource group", func(b *azure.Input) { b.ResourceGroupName = rules.Absent }, "azure.resourceGroupName", "is required"},
		{"no virtual network", func(b *azure.Input) { b.VirtualNetworkName = rules.Absent }, "azure.virtualNetworkName", "is required"},
		{"name prefix ends with a dash", func(b *azure.Input) { b.NamePrefix = new("tm-") }, "azure.namePrefix", "not a valid Azure name start"},
		{"name prefix starts with a dot", func(b *azure.Input) { b.NamePrefix = new(".tm") }, "azure.namePrefix", "not a valid Azure name start"},
		{"name prefix with a space", func(b *azure.Input) { b.NamePrefix = new("threat manager") }, "azure.namePrefix", "not a valid Azure name start"},
		{"name prefix too long", func(b *azure.Input) { b.NamePrefix = new(strings.Repeat("n", 66)) }, "azure.namePrefix", "at most 65"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, block := input()
			tt.change(block)
			_, err := rules.Build("tm", in, now)
			rulestest.AssertFieldError(t, err, tt.field, tt.says)
		})
	}
}

// The highest first priority the refusal above names does fit.
func TestAzureHighestFirstPriorityFits(t *testing.T) {
	in, block := input()
	block.FirstPriority = new(3999 - 10*(rulestest.AzureAllows(requirements.Egress)-1))
	mustPlan(t, in)
}

func TestAzureDefaultNamePrefixIsChecked(t *testing.T) {
	in, _ := input()
	_, err := rules.Build("threat manager", in, now)
	rulestest.AssertFieldError(t, err, "azure.namePrefix", `the component's name "threat manager" (the default)`)

	in, block := input()
	block.NamePrefix = new("tm_prod")
	if _, err := rules.Build("threat manager", in, now); err != nil {
		t.Errorf("an explicit prefix should stand in for the name: %v", err)
	}
}
