package azure

import (
	"cmp"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// The drift check (ruledelta -drift) finds rules added by hand on the
// component's network security group: after a refresh, azure-native's
// NetworkSecurityGroup lists in securityRules every rule the group holds,
// the stack's SecurityRule resources and any other. A listed rule whose
// name no SecurityRule of the stack has is one added by hand.

var driftGroups = map[string]cloud.Group{
	"azure-native:network:NetworkSecurityGroup": {
		Key: func(_ string, in, out map[string]any) string {
			return groupKey(in["resourceGroupName"], cmp.Or(cloud.Text(in["networkSecurityGroupName"]), cloud.Text(out["name"])))
		},
		Rules: func(_ string, out map[string]any, _ cloud.IDNames) []cloud.GroupRule {
			var rules []cloud.GroupRule
			list, _ := out["securityRules"].([]any)
			for _, r := range list {
				m, _ := r.(map[string]any)
				rules = append(rules, cloud.GroupRule{Key: strings.ToLower(cloud.Text(m["name"])), Rule: decodeSecurityRule(ruleInputs(m))})
			}
			return rules
		},
	},
}

var driftRuleGroups = map[string]func(string, map[string]any, map[string]any) (string, []string){
	"azure-native:network:SecurityRule": func(_ string, in, out map[string]any) (string, []string) {
		name := cmp.Or(cloud.Text(in["securityRuleName"]), cloud.Text(out["name"]))
		return groupKey(in["resourceGroupName"], in["networkSecurityGroupName"]), []string{strings.ToLower(name)}
	},
}

// groupKey names a network security group by its resource group and name;
// ARM compares both without case.
func groupKey(resourceGroup, name any) string {
	return strings.ToLower(cloud.Text(resourceGroup) + "/" + cloud.Text(name))
}

// ruleInputs is a rule of a group's securityRules without what ARM adds
// (its id, etag, type, provisioning state), so that it reads as a
// SecurityRule's inputs do.
func ruleInputs(m map[string]any) map[string]any {
	return cloud.Others(m, "id", "etag", "type", "provisioningState")
}
