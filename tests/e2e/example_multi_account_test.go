package e2e

import (
	"slices"
	"strings"
	"testing"
)

// TestExampleMultiAccountYAML starts examples/multi-account-yaml with
// `pulumi new` and deploys it (`make examples-e2e`). Every resource of each
// component must go through the explicit provider the program hands it, and
// so land in that provider's account, subscription or project: account A's
// component through the profile's provider, account B's through the
// assumed role's (the OFFLINE STAND-IN aws plugin puts a resource in the
// account its provider's credentials reach: the role's account, or one of
// the profile's own). No default aws, azure-native or gcp provider may be
// created: the stack's own cloud configuration is not used.
func TestExampleMultiAccountYAML(t *testing.T) {
	s := newStack(t, "", nil)
	const (
		accountB     = "210987654321"
		subscription = "11111111-2222-3333-4444-555555555555"
		project      = "example-network-project"
	)
	s.newFromTemplate("multi-account-yaml", map[string]string{
		"awsAccountAProfile":      "network-account-a",
		"awsAccountAVpcId":        "vpc-0aaaaaaaaaaaaaaa0",
		"awsAccountANatGatewayId": "nat-0aaaaaaaaaaaaaaa0",
		"awsAccountBRoleArn":      "arn:aws:iam::" + accountB + ":role/threatmanager-deployer",
		"awsAccountBVpcId":        "vpc-0bbbbbbbbbbbbbbb0",
		"awsAccountBNatGatewayId": "nat-0bbbbbbbbbbbbbbb0",
		"azureSubscriptionId":     subscription,
		"azureResourceGroupName":  "network-rg",
		"azureVirtualNetworkName": "vnet",
		"gcpProject":              project,
		"gcpNetwork":              "example-vpc",
	})
	settleExample(t, s)

	res := s.exportWithProviders()
	for _, r := range res {
		pkg, isProvider := strings.CutPrefix(r.Type, "pulumi:providers:")
		if isProvider && pkg != "threatmanager" && strings.HasPrefix(nameOf(r.URN), "default") {
			t.Errorf("a default %s provider was created: %s", pkg, r.URN)
		}
	}

	// Each component's resources per cloud: the provider they went through
	// and the account, subscription or project they are in.
	accounts := map[string]string{}
	for _, c := range []struct {
		component string
		aws       string // the provider of its AWS resources
		azure     bool   // it has Azure and GCP resources
	}{{"tm-primary", "awsAccountA", true}, {"tm-secondary", "awsAccountB", false}} {
		kids := childrenOf(t, res, c.component)
		seen := map[string]int{}
		for _, r := range kids {
			cloud, _, _ := strings.Cut(r.Type, ":")
			seen[cloud]++
			want := map[string]string{"aws": c.aws, "azure-native": "azureSubscription", "gcp": "gcpProjectProvider"}[cloud]
			if got := r.providerName(); got != want {
				t.Errorf("%s: provider %q, want %q", nameOf(r.URN), got, want)
			}
			switch cloud {
			case "aws":
				for _, a := range awsAccountsOf(r) {
					if prev, ok := accounts[c.component]; ok && prev != a {
						t.Errorf("%s is in account %s, its component's other resources in %s", nameOf(r.URN), a, prev)
					}
					accounts[c.component] = a
				}
			case "azure-native":
				if !strings.HasPrefix(r.ID, "/subscriptions/"+subscription+"/") {
					t.Errorf("%s: id %s is not in subscription %s", nameOf(r.URN), r.ID, subscription)
				}
			case "gcp":
				if !strings.HasPrefix(r.ID, "projects/"+project+"/") {
					t.Errorf("%s: id %s is not in project %s", nameOf(r.URN), r.ID, project)
				}
			}
		}
		if seen["aws"] == 0 || (seen["azure-native"] > 0) != c.azure || (seen["gcp"] > 0) != c.azure {
			t.Errorf("%s's resources per cloud: %v", c.component, seen)
		}
	}
	a, b := accounts["tm-primary"], accounts["tm-secondary"]
	if b != accountB {
		t.Errorf("account B's resources are in account %q, want the assumed role's %s", b, accountB)
	}
	if a == "" || a == b || a == "123456789012" {
		t.Errorf("account A's resources are in account %q: want the profile's own account, not B's (%s) nor the default credentials'", a, b)
	}
	t.Logf("accounts: A (profile) %s, B (assumed role) %s", a, b)

	// Each component holds the seed's rules for its own agents.
	primary, secondary := states(childrenOf(t, res, "tm-primary")), states(childrenOf(t, res, "tm-secondary"))
	wantA := seedRows("us", "10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16")
	appliance, agentSide := awsRules(t, primary)
	sameRows(t, "account A: the appliance group's rules", appliance, wantA)
	sameRows(t, "account A: the agent group's rules", agentSide, agentSideRows("tm-primary-appliances"))
	sameRows(t, "Azure: the NSG's security rules", azureRules(t, primary), slices.Concat(wantA, denyAllRows))
	sameRows(t, "GCP: the firewall rules", gcpRules(t, primary), slices.Concat(wantA, denyAllRows))
	appliance, agentSide = awsRules(t, secondary)
	sameRows(t, "account B: the appliance group's rules", appliance, seedRows("us", "10.10.0.0/16"))
	sameRows(t, "account B: the agent group's rules", agentSide, agentSideRows("tm-secondary-appliances"))
}

// awsAccountsOf are the accounts an AWS resource says it is in: its
// ownerId, and the account field of its ARN.
func awsAccountsOf(r provided) []string {
	var out []string
	if id, _ := r.Outputs["ownerId"].(string); id != "" {
		out = append(out, id)
	}
	if arn, _ := r.Outputs["arn"].(string); arn != "" {
		if f := strings.Split(arn, ":"); len(f) > 4 && f[4] != "" {
			out = append(out, f[4])
		}
	}
	return out
}
