package azurerender

import (
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

func sshScenario() scenario {
	s := defaultScenario
	s.ssh = "2026-11-27T12:00:00Z"
	return s
}

// The workflow starts at expiresAt in UTC and deletes exactly the SSH
// security rule, as its own managed identity.
func TestWorkflowDeletesExactlyTheSSHRuleAtExpiry(t *testing.T) {
	rec, _ := sshScenario().render(t)
	wf := rec.Only(t, workflowType)
	if wf.Str("workflowName") != "tm-ssh-expiry" || wf.Str("resourceGroupName") != "rg-1" || wf.Str("state") != "Enabled" {
		t.Errorf("workflow = %v", wf.Inputs)
	}
	if id := wf.Inputs["identity"].ObjectValue(); id["type"].StringValue() != "SystemAssigned" {
		t.Errorf("identity = %v", id)
	}
	def := wf.Inputs["definition"].ObjectValue().Mappable()
	triggers := def["triggers"].(map[string]any)
	if len(triggers) != 1 {
		t.Fatalf("triggers = %v", triggers)
	}
	for _, tr := range triggers {
		tr := tr.(map[string]any)
		rec := tr["recurrence"].(map[string]any)
		if tr["type"] != "Recurrence" || rec["startTime"] != "2026-11-27T12:00:00Z" {
			t.Errorf("trigger = %v, want a recurrence starting at the expiry", tr)
		}
	}
	actions := def["actions"].(map[string]any)
	if len(actions) != 1 {
		t.Fatalf("actions = %v, want one", actions)
	}
	for _, a := range actions {
		in := a.(map[string]any)["inputs"].(map[string]any)
		// The mocks' ids are "id-<name>": the URI names the SSH rule alone.
		want := armEndpoint + "id-tm-ingress-ssh-tcp-22?api-version=" + networkAPIVersion
		if in["method"] != "DELETE" || in["uri"] != want {
			t.Errorf("action %v %v, want DELETE %s", in["method"], in["uri"], want)
		}
		if auth := in["authentication"].(map[string]any); auth["type"] != "ManagedServiceIdentity" {
			t.Errorf("authentication = %v", auth)
		}
	}
}

// The workflow, registered by token, uses the same azure-native provider as
// the typed resources: the engine starts no second, unversioned one.
func TestWorkflowAsksForTheTypedModulesPlugin(t *testing.T) {
	rec, _ := sshScenario().render(t)
	wf := rec.Only(t, workflowType)
	nsg := rec.Only(t, "azure-native:network:NetworkSecurityGroup")
	if wf.Version == "" || wf.Version != nsg.Version {
		t.Errorf("the workflow asks for azure-native %q, the network security group for %q", wf.Version, nsg.Version)
	}
}

// The identity's role holds one action, and is assigned at the SSH rule's
// own scope alone. This is the whole of what the README's identity table
// says the Azure identity can do.
func TestWorkflowIdentityIsLeastPrivilege(t *testing.T) {
	rec, _ := sshScenario().render(t)
	def := rec.Only(t, roleDefinitionType)
	perms := def.Inputs["permissions"].ArrayValue()
	if len(perms) != 1 {
		t.Fatalf("permissions = %v", perms)
	}
	p := perms[0].ObjectValue()
	actions := p["actions"].ArrayValue()
	for k, v := range p {
		if k != "actions" && v.IsArray() && len(v.ArrayValue()) > 0 {
			t.Errorf("permission %s = %v, want none", k, v)
		}
	}
	if len(actions) != 1 || actions[0].StringValue() != DeleteSecurityRuleAction {
		t.Errorf("actions = %v, want only %s", actions, DeleteSecurityRuleAction)
	}
	if def.Str("roleType") != "CustomRole" || !strings.Contains(def.Str("roleName"), "tm-ssh-expiry") {
		t.Errorf("role definition = %v", def.Inputs)
	}
	// Assignable in the NSG's resource group, the narrowest ARM allows for
	// a custom role; the assignment narrows it to the rule.
	if scopes := def.Inputs["assignableScopes"].ArrayValue(); len(scopes) != 1 || scopes[0].StringValue() != def.Str("scope") {
		t.Errorf("assignable scopes = %v, want only the role's own scope %q", scopes, def.Str("scope"))
	}

	a := rec.Only(t, roleAssignmentType)
	want := resource.PropertyMap{
		"scope":            resource.NewStringProperty("id-tm-ingress-ssh-tcp-22"),
		"principalId":      resource.NewStringProperty("principal-tm-ssh-expiry"),
		"principalType":    resource.NewStringProperty("ServicePrincipal"),
		"roleDefinitionId": resource.NewStringProperty("id-tm-ssh-expiry"),
	}
	for k, v := range want {
		if !a.Inputs[k].DeepEquals(v) {
			t.Errorf("role assignment %s = %v, want %v", k, a.Inputs[k], v)
		}
	}
	if !a.DeleteBeforeReplace {
		t.Errorf("the role assignment is not deleted before it is replaced: ARM refuses a duplicate")
	}
}

// Each window gets its own role assignment name: a deterministic GUID.
func TestRoleAssignmentNamesTheWindow(t *testing.T) {
	later := sshScenario()
	later.ssh = "2026-11-28T09:30:00Z"
	a, _ := sshScenario().render(t)
	b, _ := later.render(t)
	again, _ := sshScenario().render(t)
	ra, rb := a.Only(t, roleAssignmentType).Str("roleAssignmentName"), b.Only(t, roleAssignmentType).Str("roleAssignmentName")
	guid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if !guid.MatchString(ra) || !guid.MatchString(rb) || ra == rb || again.Only(t, roleAssignmentType).Str("roleAssignmentName") != ra {
		t.Errorf("role assignment names %q, %q: want a stable GUID per window", ra, rb)
	}
}

func TestResourceGroupID(t *testing.T) {
	for id, want := range map[string]string{
		"/subscriptions/s/resourceGroups/rg-1/providers/Microsoft.Network/networkSecurityGroups/nsg": "/subscriptions/s/resourceGroups/rg-1",
		"/subscriptions/s/resourcegroups/RG/providers/Microsoft.Network/networkSecurityGroups/nsg":   "/subscriptions/s/resourcegroups/RG",
	} {
		if got := resourceGroupID(id); got != want {
			t.Errorf("resourceGroupID(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestNoWorkflowUnlessTheCloudClosesSSH(t *testing.T) {
	off := sshScenario()
	off.sshInCloud = new(bool)
	for name, s := range map[string]scenario{"in-cloud expiry off": off, "SSH closed": defaultScenario} {
		rec, _ := s.render(t)
		for _, typ := range []string{workflowType, roleDefinitionType, roleAssignmentType} {
			if n := len(rec.OfType(typ)); n != 0 {
				t.Errorf("%s: %d %s", name, n, typ)
			}
		}
	}
}
