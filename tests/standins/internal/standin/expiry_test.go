package standin

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

func TestExpiryTypesReplaceLogic(t *testing.T) {
	cases := []struct {
		name, token  string
		olds, news   resource.PropertyMap
		wantReplaces []string
	}{
		{"role policy doc updates", "aws:iam/role:Role", pm("name", "r", "assumeRolePolicy", "{}"), pm("name", "r", "assumeRolePolicy", `{"a":1}`), nil},
		{"role rename replaces", "aws:iam/role:Role", pm("name", "r"), pm("name", "s"), []string{"name"}},
		{"role path replaces", "aws:iam/role:Role", pm("name", "r", "path", "/"), pm("name", "r", "path", "/x/"), []string{"path"}},
		{"role policy document updates", "aws:iam/rolePolicy:RolePolicy", pm("role", "r", "policy", "{}"), pm("role", "r", "policy", "{ }"), nil},
		{"role policy role replaces", "aws:iam/rolePolicy:RolePolicy", pm("role", "r", "policy", "{}"), pm("role", "q", "policy", "{}"), []string{"role"}},
		{"schedule expression updates", "aws:scheduler/schedule:Schedule", pm("name", "n", "scheduleExpression", "at(2030-01-01T00:00:00)"),
			pm("name", "n", "scheduleExpression", "at(2030-01-02T00:00:00)"), nil},
		{"schedule group replaces", "aws:scheduler/schedule:Schedule", pm("name", "n", "groupName", "default"), pm("name", "n", "groupName", "g"), []string{"groupName"}},
		{"workflow location updates", "azure-native:logic:Workflow", pm("resourceGroupName", "rg", "workflowName", "w", "location", "westus2"),
			pm("resourceGroupName", "rg", "workflowName", "w", "location", "eastus"), nil},
		{"workflow rename replaces", "azure-native:logic:Workflow", pm("resourceGroupName", "rg", "workflowName", "w"),
			pm("resourceGroupName", "rg", "workflowName", "v"), []string{"workflowName"}},
		{"role definition permissions update", "azure-native:authorization:RoleDefinition", pm("scope", "/s", "roleDefinitionId", "g", "permissions", []any{}),
			pm("scope", "/s", "roleDefinitionId", "g", "permissions", []any{map[string]any{"actions": []any{"a"}}}), nil},
		{"role definition scope replaces", "azure-native:authorization:RoleDefinition", pm("scope", "/s", "roleDefinitionId", "g"),
			pm("scope", "/t", "roleDefinitionId", "g"), []string{"scope"}},
		{"role assignment principal replaces", "azure-native:authorization:RoleAssignment", pm("scope", "/s", "principalId", "p"),
			pm("scope", "/s", "principalId", "q"), []string{"principalId"}},
		{"role assignment description updates", "azure-native:authorization:RoleAssignment", pm("scope", "/s", "principalId", "p", "description", "a"),
			pm("scope", "/s", "principalId", "p", "description", "b"), nil},
		{"account display name updates", "gcp:serviceaccount/account:Account", pm("accountId", "a", "displayName", "x"), pm("accountId", "a", "displayName", "y"), nil},
		{"account id replaces", "gcp:serviceaccount/account:Account", pm("accountId", "a"), pm("accountId", "b"), []string{"accountId"}},
		{"custom role permissions update", "gcp:projects/iAMCustomRole:IAMCustomRole", pm("roleId", "r", "permissions", []any{"a"}),
			pm("roleId", "r", "permissions", []any{"a", "b"}), nil},
		{"custom role id replaces", "gcp:projects/iAMCustomRole:IAMCustomRole", pm("roleId", "r"), pm("roleId", "s"), []string{"roleId"}},
		{"iam member condition replaces", "gcp:projects/iAMMember:IAMMember", pm("project", "p", "role", "r", "member", "m"),
			pm("project", "p", "role", "r", "member", "m", "condition", map[string]any{"title": "t", "expression": "e"}), []string{"condition"}},
		{"iam member role replaces", "gcp:projects/iAMMember:IAMMember", pm("project", "p", "role", "r", "member", "m"),
			pm("project", "p", "role", "s", "member", "m"), []string{"role"}},
		{"job schedule updates", "gcp:cloudscheduler/job:Job", pm("name", "j", "schedule", "0 1 * * *"), pm("name", "j", "schedule", "0 2 * * *"), nil},
		{"job paused updates", "gcp:cloudscheduler/job:Job", pm("name", "j", "paused", false), pm("name", "j", "paused", true), nil},
		{"job region replaces", "gcp:cloudscheduler/job:Job", pm("name", "j", "region", "us-central1"), pm("name", "j", "region", "europe-west1"), []string{"region"}},
		{"firewall disabled updates", gcpFirewall, pm("name", "f", "disabled", false), pm("name", "f", "disabled", true), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := computeDiff(lookupSpec(c.token), c.olds, c.news)
			if !d.HasChanges() {
				t.Fatal("no changes")
			}
			if !reflect.DeepEqual(d.Replaces, c.wantReplaces) {
				t.Errorf("replaces = %v, want %v", d.Replaces, c.wantReplaces)
			}
		})
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestExpiryTypesCheckAutoNamesAndDefaults(t *testing.T) {
	urn := func(tok, name string) resource.URN { return resource.NewURN("dev", "proj", "", tokenType(tok), name) }

	ra := "azure-native:authorization:RoleAssignment"
	got, failures := check(lookupSpec(ra), urn(ra, "ssh-expiry"), nil, pm("scope", "/subscriptions/s", "principalId", "p", "roleDefinitionId", "d"))
	if len(failures) != 0 || !uuidRE.MatchString(got["roleAssignmentName"].StringValue()) {
		t.Fatalf("role assignment: %v %v", got, failures)
	}
	again, _ := check(lookupSpec(ra), urn(ra, "ssh-expiry"), nil, pm("scope", "/subscriptions/s", "principalId", "p", "roleDefinitionId", "d"))
	other, _ := check(lookupSpec(ra), urn(ra, "other"), nil, pm("scope", "/subscriptions/s", "principalId", "p", "roleDefinitionId", "d"))
	if again["roleAssignmentName"] != got["roleAssignmentName"] || other["roleAssignmentName"] == got["roleAssignmentName"] {
		t.Fatal("GUID auto-name must be deterministic per URN")
	}
	rd := "azure-native:authorization:RoleDefinition"
	got, _ = check(lookupSpec(rd), urn(rd, "ssh-expiry"), nil, pm("scope", "/subscriptions/s"))
	if !uuidRE.MatchString(got["roleDefinitionId"].StringValue()) {
		t.Fatalf("role definition id %v", got["roleDefinitionId"])
	}
	_, failures = check(lookupSpec(ra), urn(ra, "x"), nil, pm("scope", "/s"))
	if len(failures) != 2 { // principalId, roleDefinitionId
		t.Fatalf("failures %v", failures)
	}

	got, _ = check(lookupSpec("aws:scheduler/schedule:Schedule"), urn("aws:scheduler/schedule:Schedule", "close-ssh"), nil,
		pm("scheduleExpression", "at(2030-01-01T00:00:00)", "flexibleTimeWindow", map[string]any{"mode": "OFF"}, "target", map[string]any{}))
	if !strings.HasPrefix(got["name"].StringValue(), "close-ssh-") || got["scheduleExpressionTimezone"].StringValue() != "UTC" ||
		got["state"].StringValue() != "ENABLED" {
		t.Fatalf("schedule %v", got)
	}
	got, _ = check(lookupSpec("gcp:cloudscheduler/job:Job"), urn("gcp:cloudscheduler/job:Job", "Close-SSH"), nil, pm("schedule", "0 1 * * *"))
	if !strings.HasPrefix(got["name"].StringValue(), "close-ssh-") || got["timeZone"].StringValue() != "Etc/UTC" ||
		got["attemptDeadline"].StringValue() != "180s" {
		t.Fatalf("job %v", got)
	}
	_, failures = check(lookupSpec("gcp:serviceaccount/account:Account"), urn("gcp:serviceaccount/account:Account", "sa"), nil, pm())
	if len(failures) != 1 || failures[0].Property != "accountId" {
		t.Fatalf("account failures %v", failures)
	}
}

func TestExpiryTypesCreateOutputs(t *testing.T) {
	cfg := configs{"aws": {"region": "eu-west-1"}, "gcp": {"project": "p1", "region": "europe-west1"}}
	create := func(tok, name string, inputs resource.PropertyMap) (string, resource.PropertyMap) {
		id, out := createOutputs(cfg, resource.NewURN("dev", "proj", "", tokenType(tok), name), inputs)
		id2, out2 := createOutputs(cfg, resource.NewURN("dev", "proj", "", tokenType(tok), name), inputs)
		if id != id2 || !out.DeepEquals(out2) {
			t.Errorf("%s: not deterministic", tok)
		}
		return id, out
	}
	want := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}

	id, out := create("aws:iam/role:Role", "r", pm("name", "expiry-role", "assumeRolePolicy", "{}", "path", "/"))
	want("role id", id, "expiry-role")
	want("role arn", out["arn"].StringValue(), "arn:aws:iam::123456789012:role/expiry-role")
	if !strings.HasPrefix(out["uniqueId"].StringValue(), "AROA") || out["createDate"].StringValue() == "" || !out["tagsAll"].IsObject() {
		t.Errorf("role outputs %v", out)
	}
	id, _ = create("aws:iam/rolePolicy:RolePolicy", "rp", pm("name", "pol", "role", "expiry-role", "policy", "{}"))
	want("role policy id", id, "expiry-role:pol")
	id, out = create("aws:scheduler/schedule:Schedule", "s", pm("name", "close-ssh"))
	want("schedule arn", out["arn"].StringValue(), "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/close-ssh")
	want("schedule group", out["groupName"].StringValue(), "default")
	want("schedule id", id, "default/close-ssh")
	id, out = create(secGroup, "sg", pm("vpcId", "vpc-1"))
	want("sg arn", out["arn"].StringValue(), "arn:aws:ec2:eu-west-1:123456789012:security-group/"+id)
	want("sg owner", out["ownerId"].StringValue(), "123456789012")
	id, out = create(ingressRule, "ssh", pm("securityGroupId", id, "ipProtocol", "tcp"))
	want("rule id output", out["securityGroupRuleId"].StringValue(), id)

	id, out = create("azure-native:logic:Workflow", "wf", pm("resourceGroupName", "rg", "workflowName", "close-ssh", "location", "West US 2",
		"identity", map[string]any{"type": "SystemAssigned"}))
	want("workflow id", id, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Logic/workflows/close-ssh")
	ident := out["identity"].ObjectValue()
	if !uuidRE.MatchString(ident["principalId"].StringValue()) || !uuidRE.MatchString(ident["tenantId"].StringValue()) ||
		ident["type"].StringValue() != "SystemAssigned" {
		t.Errorf("workflow identity %v", ident)
	}
	if !strings.HasPrefix(out["accessEndpoint"].StringValue(), "https://prod-00.westus2.logic.azure.com:443/workflows/") ||
		out["provisioningState"].StringValue() != "Succeeded" {
		t.Errorf("workflow outputs %v", out)
	}
	_, other := create("azure-native:logic:Workflow", "wf2", pm("resourceGroupName", "rg", "workflowName", "x", "identity", map[string]any{"type": "SystemAssigned"}))
	if other["identity"].ObjectValue()["principalId"] == ident["principalId"] {
		t.Error("principalId must differ per URN")
	}
	// Updating the workflow keeps its identity's computed principal.
	upd := updateOutputs("azure-native:logic:Workflow", out, pm("identity", map[string]any{"type": "SystemAssigned"}),
		pm("resourceGroupName", "rg", "workflowName", "close-ssh", "state", "Disabled", "identity", map[string]any{"type": "SystemAssigned"}))
	if upd["identity"].ObjectValue()["principalId"] != ident["principalId"] || upd["state"].StringValue() != "Disabled" {
		t.Errorf("workflow update %v", upd)
	}

	scope := "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
	id, out = create("azure-native:authorization:RoleDefinition", "rd", pm("scope", scope, "roleDefinitionId", "11111111-1111-1111-1111-111111111111"))
	want("role definition id", id, scope+"/providers/Microsoft.Authorization/roleDefinitions/11111111-1111-1111-1111-111111111111")
	want("role definition type", out["type"].StringValue(), "Microsoft.Authorization/roleDefinitions")
	want("role definition name", out["name"].StringValue(), "11111111-1111-1111-1111-111111111111")
	id, _ = create("azure-native:authorization:RoleAssignment", "ra", pm("scope", scope, "roleAssignmentName", "22222222-2222-2222-2222-222222222222"))
	want("role assignment id", id, scope+"/providers/Microsoft.Authorization/roleAssignments/22222222-2222-2222-2222-222222222222")

	id, out = create("gcp:serviceaccount/account:Account", "sa", pm("accountId", "ssh-expiry"))
	want("sa email", out["email"].StringValue(), "ssh-expiry@p1.iam.gserviceaccount.com")
	want("sa name", out["name"].StringValue(), "projects/p1/serviceAccounts/ssh-expiry@p1.iam.gserviceaccount.com")
	want("sa id", id, out["name"].StringValue())
	want("sa member", out["member"].StringValue(), "serviceAccount:ssh-expiry@p1.iam.gserviceaccount.com")
	if len(out["uniqueId"].StringValue()) != 21 {
		t.Errorf("uniqueId %v", out["uniqueId"])
	}
	id, out = create("gcp:projects/iAMCustomRole:IAMCustomRole", "cr", pm("roleId", "sshExpiry", "project", "p2"))
	want("custom role name", out["name"].StringValue(), "projects/p2/roles/sshExpiry")
	want("custom role id", id, "projects/p2/roles/sshExpiry")
	if out["deleted"].BoolValue() {
		t.Error("deleted")
	}
	id, out = create("gcp:projects/iAMMember:IAMMember", "m", pm("project", "p1", "role", "projects/p1/roles/sshExpiry", "member", "serviceAccount:a@b"))
	want("iam member id", id, "p1/projects/p1/roles/sshExpiry/serviceAccount:a@b")
	if out["etag"].StringValue() == "" {
		t.Error("etag")
	}
	id, out = create("gcp:cloudscheduler/job:Job", "j", pm("name", "close-ssh"))
	want("job id", id, "projects/p1/locations/europe-west1/jobs/close-ssh")
	want("job state", out["state"].StringValue(), "ENABLED")
	upd = updateOutputs("gcp:cloudscheduler/job:Job", out, pm("name", "close-ssh"), pm("name", "close-ssh", "paused", true))
	want("paused job state", upd["state"].StringValue(), "PAUSED")
	_, out = create(gcpFirewall, "fw", pm("name", "ssh"))
	want("firewall project", out["project"].StringValue(), "p1")
	want("firewall selfLink", out["selfLink"].StringValue(), "https://www.googleapis.com/compute/v1/projects/p1/global/firewalls/ssh")
}
