package standin

import (
	"regexp"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Outputs the component reads come back in the shape the real clouds give them, so payloads
// built from them (a schedule's GroupId, a Logic App's DELETE URL, a role assignment's principal)
// are checked in the shape they will have in the cloud.
func TestOutputsAreCloudShaped(t *testing.T) {
	guid := `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
	armRG := `^/subscriptions/` + guid + `/resourceGroups/rg/providers/`
	cfg := configs{"aws": {"region": "eu-west-1"}, "gcp": {"project": "acme-prod"}}
	for _, c := range []struct {
		token  string
		inputs resource.PropertyMap
		want   map[string]string // output ("id" for the id) -> pattern
	}{
		{secGroup, pm("name", "appliance", "vpcId", "vpc-1"), map[string]string{
			"id": `^sg-[0-9a-f]{17}$`, "ownerId": `^[0-9]{12}$`,
			"arn": `^arn:aws:ec2:eu-west-1:[0-9]{12}:security-group/sg-[0-9a-f]{17}$`}},
		{ingressRule, pm("securityGroupId", "sg-1", "ipProtocol", "tcp", "cidrIpv4", "10.0.0.0/8"), map[string]string{
			"id": `^sgr-[0-9a-f]{17}$`, "securityGroupRuleId": `^sgr-[0-9a-f]{17}$`}},
		{"aws:scheduler/scheduleGroup:ScheduleGroup", pm("name", "tm-ssh"), map[string]string{
			"id": `^tm-ssh$`, "arn": `^arn:aws:scheduler:eu-west-1:[0-9]{12}:schedule-group/tm-ssh$`, "state": `^ACTIVE$`}},
		{"aws:scheduler/schedule:Schedule", pm("name", "close", "groupName", "tm-ssh"), map[string]string{
			"id": `^tm-ssh/close$`, "arn": `^arn:aws:scheduler:eu-west-1:[0-9]{12}:schedule/tm-ssh/close$`}},
		{"aws:iam/role:Role", pm("name", "r"), map[string]string{"arn": `^arn:aws:iam::[0-9]{12}:role/r$`}},
		{"gcp:serviceaccount/account:Account", pm("accountId", "tm-ssh-expiry"), map[string]string{
			"email":  `^tm-ssh-expiry@acme-prod\.iam\.gserviceaccount\.com$`,
			"member": `^serviceAccount:tm-ssh-expiry@acme-prod\.iam\.gserviceaccount\.com$`,
			"id":     `^projects/acme-prod/serviceAccounts/tm-ssh-expiry@acme-prod\.iam\.gserviceaccount\.com$`}},
		{gcpFirewall, pm("name", "tm-ssh"), map[string]string{
			"id": `^projects/acme-prod/global/firewalls/tm-ssh$`, "selfLink": `^https://www\.googleapis\.com/compute/v1/projects/acme-prod/global/firewalls/tm-ssh$`}},
		{customRoleType, pm("roleId", "tmSsh"), map[string]string{"id": `^projects/acme-prod/roles/tmSsh$`}},
		{"gcp:cloudscheduler/job:Job", pm("name", "close"), map[string]string{"id": `^projects/acme-prod/locations/us-central1/jobs/close$`}},
		{workflow, workflowInputs(), map[string]string{
			"id":                   armRG + `Microsoft\.Logic/workflows/tm-ssh-expiry$`,
			"identity.principalId": `^` + guid + `$`, "identity.tenantId": `^` + guid + `$`}},
		{nsgRule, pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "ssh"), map[string]string{
			"id": armRG + `Microsoft\.Network/networkSecurityGroups/nsg/securityRules/ssh$`}},
		{"azure-native:authorization:RoleAssignment", pm("scope", "/subscriptions/s/resourceGroups/rg", "roleAssignmentName", uuidOf("x")), map[string]string{
			"id": `^/subscriptions/s/resourceGroups/rg/providers/Microsoft\.Authorization/roleAssignments/` + guid + `$`}},
	} {
		urn := resource.NewURN("dev", "proj", "", tokenType(c.token), "x")
		id, out := createOutputs(cfg, urn, c.inputs)
		for k, pattern := range c.want {
			got := id
			if k != "id" {
				v := out
				var leaf resource.PropertyValue
				for _, part := range regexp.MustCompile(`\.`).Split(k, -1) {
					leaf = v[resource.PropertyKey(part)]
					if leaf.IsObject() {
						v = leaf.ObjectValue()
					}
				}
				if !leaf.IsString() {
					t.Errorf("%s: %s is %v", c.token, k, leaf)
					continue
				}
				got = leaf.StringValue()
			}
			if !regexp.MustCompile(pattern).MatchString(got) {
				t.Errorf("%s: %s = %q, want %s", c.token, k, got, pattern)
			}
		}
	}
}
