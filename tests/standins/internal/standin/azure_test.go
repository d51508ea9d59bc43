package standin

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// The azure-native table (azure.go).

const (
	workflow = "azure-native:logic:Workflow"
	nsgRule  = "azure-native:network:SecurityRule"
)

// A workflow as the component registers it by type token (provider/clouds/azure/azurerender/sshexpiry.go).
func workflowInputs() resource.PropertyMap {
	return pm("resourceGroupName", "rg", "workflowName", "tm-ssh-expiry", "location", "westeurope",
		"identity", map[string]any{"type": "SystemAssigned"}, "state", "Enabled",
		"definition", map[string]any{"$schema": "x", "triggers": map[string]any{}, "actions": map[string]any{}},
		"tags", map[string]any{"purpose": "ssh-expiry"})
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestAzureReplacements(t *testing.T) {
	testReplaces(t, []replaceCase{
		{"azure rule priority updates", nsgRule,
			pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "r", "priority", 100),
			pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "r", "priority", 110),
			[]string{"priority"}, nil},
		{"azure rule rename replaces", nsgRule,
			pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "r"),
			pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "s"),
			[]string{"securityRuleName"}, []string{"securityRuleName"}},
		{"azure nsg location normalised", "azure-native:network:NetworkSecurityGroup",
			pm("resourceGroupName", "rg", "location", "West US 2"), pm("resourceGroupName", "rg", "location", "westus2"), nil, nil},
		{"azure subnet nsg association updates", "azure-native:network:Subnet",
			pm("resourceGroupName", "rg", "virtualNetworkName", "vn", "subnetName", "s", "addressPrefix", "10.0.0.0/24"),
			pm("resourceGroupName", "rg", "virtualNetworkName", "vn", "subnetName", "s", "addressPrefix", "10.0.0.0/24",
				"networkSecurityGroup", map[string]any{"id": "/x"}), []string{"networkSecurityGroup"}, nil},
		{"azure subnet vnet replaces", "azure-native:network:Subnet",
			pm("resourceGroupName", "rg", "virtualNetworkName", "vn", "subnetName", "s"),
			pm("resourceGroupName", "rg", "virtualNetworkName", "vn2", "subnetName", "s"), []string{"virtualNetworkName"}, []string{"virtualNetworkName"}},

		// The SSH expiry's Logic App, its role and the role's assignment.
		{"workflow location updates", workflow, pm("resourceGroupName", "rg", "workflowName", "w", "location", "westus2"),
			pm("resourceGroupName", "rg", "workflowName", "w", "location", "eastus"), []string{"location"}, nil},
		{"workflow rename replaces", workflow, pm("resourceGroupName", "rg", "workflowName", "w"),
			pm("resourceGroupName", "rg", "workflowName", "v"), []string{"workflowName"}, []string{"workflowName"}},
		{"role definition permissions update", "azure-native:authorization:RoleDefinition", pm("scope", "/s", "roleDefinitionId", "g", "permissions", []any{}),
			pm("scope", "/s", "roleDefinitionId", "g", "permissions", []any{map[string]any{"actions": []any{"a"}}}), []string{"permissions"}, nil},
		{"role definition scope replaces", "azure-native:authorization:RoleDefinition", pm("scope", "/s", "roleDefinitionId", "g"),
			pm("scope", "/t", "roleDefinitionId", "g"), []string{"scope"}, []string{"scope"}},
		{"role assignment principal replaces", "azure-native:authorization:RoleAssignment", pm("scope", "/s", "principalId", "p"),
			pm("scope", "/s", "principalId", "q"), []string{"principalId"}, []string{"principalId"}},
		{"role assignment description updates", "azure-native:authorization:RoleAssignment", pm("scope", "/s", "principalId", "p", "description", "a"),
			pm("scope", "/s", "principalId", "p", "description", "b"), []string{"description"}, nil},

		// An appliance's network interface and VM (examples/appliances-yaml).
		{"nic subnet updates in place", azureNIC, applianceNIC(), with(applianceNIC(), "ipConfigurations", []any{
			map[string]any{"name": "primary", "subnet": map[string]any{"id": "/other"}, "privateIPAllocationMethod": "Dynamic"}}),
			[]string{"ipConfigurations"}, nil},
		{"nic rename replaces", azureNIC, applianceNIC(), with(applianceNIC(), "networkInterfaceName", "nic2"),
			[]string{"networkInterfaceName"}, []string{"networkInterfaceName"}},
		{"vm size updates in place", azureVM, applianceVM(), with(applianceVM(), "hardwareProfile", map[string]any{"vmSize": "Standard_D4s_v3"}),
			[]string{"hardwareProfile"}, nil},
		{"vm image updates in place (ARM decides)", azureVM, applianceVM(),
			with(applianceVM(), "storageProfile", map[string]any{"imageReference": map[string]any{"id": "/images/v2"}}), []string{"storageProfile"}, nil},
		{"vm location updates in place", azureVM, with(applianceVM(), "location", "eastus"), with(applianceVM(), "location", "westus"),
			[]string{"location"}, nil},
		{"vm rename replaces", azureVM, applianceVM(), with(applianceVM(), "vmName", "vm2"), []string{"vmName"}, []string{"vmName"}},
		{"vm resource group replaces", azureVM, applianceVM(), with(applianceVM(), "resourceGroupName", "rg2"),
			[]string{"resourceGroupName"}, []string{"resourceGroupName"}},
	})
}

const (
	azureNIC = "azure-native:network:NetworkInterface"
	azureVM  = "azure-native:compute:VirtualMachine"
)

// An appliance's network interface and VM as examples/appliances-yaml declares them.
func applianceNIC() resource.PropertyMap {
	return pm("resourceGroupName", "rg", "networkInterfaceName", "nic1", "ipConfigurations", []any{
		map[string]any{"name": "primary", "subnet": map[string]any{"id": "/subnet"}, "privateIPAllocationMethod": "Dynamic"}})
}

func applianceVM() resource.PropertyMap {
	return pm("resourceGroupName", "rg", "vmName", "vm1",
		"hardwareProfile", map[string]any{"vmSize": "Standard_D2s_v3"},
		"networkProfile", map[string]any{"networkInterfaces": []any{map[string]any{"id": "/nic1", "primary": true}}},
		"storageProfile", map[string]any{"imageReference": map[string]any{"id": "/images/v1"},
			"osDisk": map[string]any{"createOption": "FromImage"}})
}

func TestAzureCheckAutoNames(t *testing.T) {
	ra := "azure-native:authorization:RoleAssignment"
	got, failures := check(lookupSpec(ra), urnOf(ra, "ssh-expiry"), nil, pm("scope", "/subscriptions/s", "principalId", "p", "roleDefinitionId", "d"))
	if len(failures) != 0 || !uuidRE.MatchString(got["roleAssignmentName"].StringValue()) {
		t.Fatalf("role assignment: %v %v", got, failures)
	}
	again, _ := check(lookupSpec(ra), urnOf(ra, "ssh-expiry"), nil, pm("scope", "/subscriptions/s", "principalId", "p", "roleDefinitionId", "d"))
	other, _ := check(lookupSpec(ra), urnOf(ra, "other"), nil, pm("scope", "/subscriptions/s", "principalId", "p", "roleDefinitionId", "d"))
	if again["roleAssignmentName"] != got["roleAssignmentName"] || other["roleAssignmentName"] == got["roleAssignmentName"] {
		t.Fatal("GUID auto-name must be deterministic per URN")
	}
	rd := "azure-native:authorization:RoleDefinition"
	got, _ = check(lookupSpec(rd), urnOf(rd, "ssh-expiry"), nil, pm("scope", "/subscriptions/s"))
	if !uuidRE.MatchString(got["roleDefinitionId"].StringValue()) {
		t.Fatalf("role definition id %v", got["roleDefinitionId"])
	}
	_, failures = check(lookupSpec(ra), urnOf(ra, "x"), nil, pm("scope", "/s"))
	if len(failures) != 2 { // principalId, roleDefinitionId
		t.Fatalf("failures %v", failures)
	}
}

func TestAzureOutputsAreCloudShaped(t *testing.T) {
	guid := `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
	armRG := `^/subscriptions/` + guid + `/resourceGroups/rg/providers/`
	testOutputShapes(t, nil, []shapeCase{
		{workflow, workflowInputs(), map[string]string{
			"id":                   armRG + `Microsoft\.Logic/workflows/tm-ssh-expiry$`,
			"identity.principalId": `^` + guid + `$`, "identity.tenantId": `^` + guid + `$`}},
		{nsgRule, pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "ssh"), map[string]string{
			"id": armRG + `Microsoft\.Network/networkSecurityGroups/nsg/securityRules/ssh$`}},
		{"azure-native:network:NetworkSecurityGroup", pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg1"), map[string]string{
			"id": `^/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft\.Network/networkSecurityGroups/nsg1$`}},
		{"azure-native:authorization:RoleAssignment", pm("scope", "/subscriptions/s/resourceGroups/rg", "roleAssignmentName", uuidOf("x")), map[string]string{
			"id": `^/subscriptions/s/resourceGroups/rg/providers/Microsoft\.Authorization/roleAssignments/` + guid + `$`}},
		{azureNIC, applianceNIC(), map[string]string{
			"id":         armRG + `Microsoft\.Network/networkInterfaces/nic1$`,
			"macAddress": `^00-0D-3A(-[0-9A-F]{2}){3}$`, "resourceGuid": `^` + guid + `$`, "provisioningState": `^Succeeded$`}},
		{azureVM, applianceVM(), map[string]string{
			"id": armRG + `Microsoft\.Compute/virtualMachines/vm1$`, "vmId": `^` + guid + `$`, "type": `^Microsoft\.Compute/virtualMachines$`}},
	})
	// The subscription comes from the provider (a pulumi:providers:azure-native with subscriptionId).
	testOutputShapes(t, configs{"azure-native": {"subscriptionId": "11111111-2222-3333-4444-555555555555"}}, []shapeCase{
		{azureVM, applianceVM(), map[string]string{
			"id": `^/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft\.Compute/virtualMachines/vm1$`}},
	})
}

// The NIC and VM are auto-named after their logical names, as azure-native does.
func TestAzureApplianceAutoNames(t *testing.T) {
	for tok, key := range map[string]string{azureNIC: "networkInterfaceName", azureVM: "vmName"} {
		got, failures := check(lookupSpec(tok), urnOf(tok, "appliance"), nil, without(map[string]resource.PropertyMap{
			azureNIC: applianceNIC(), azureVM: applianceVM()}[tok], key))
		if len(failures) != 0 || !regexp.MustCompile(`^appliance[0-9a-f]{8}$`).MatchString(str(got, key)) {
			t.Errorf("%s: %s = %q, failures %v", tok, key, str(got, key), failures)
		}
	}
}

func TestAzureExpiryTypesCreateOutputs(t *testing.T) {
	id, out := createTwice(t, nil, workflow, "wf", pm("resourceGroupName", "rg", "workflowName", "close-ssh", "location", "West US 2",
		"identity", map[string]any{"type": "SystemAssigned"}))
	wantString(t, "workflow id", id, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Logic/workflows/close-ssh")
	ident := out["identity"].ObjectValue()
	if !uuidRE.MatchString(ident["principalId"].StringValue()) || !uuidRE.MatchString(ident["tenantId"].StringValue()) ||
		ident["type"].StringValue() != "SystemAssigned" {
		t.Errorf("workflow identity %v", ident)
	}
	if !strings.HasPrefix(out["accessEndpoint"].StringValue(), "https://prod-00.westus2.logic.azure.com:443/workflows/") ||
		out["provisioningState"].StringValue() != "Succeeded" {
		t.Errorf("workflow outputs %v", out)
	}
	_, other := createTwice(t, nil, workflow, "wf2", pm("resourceGroupName", "rg", "workflowName", "x", "identity", map[string]any{"type": "SystemAssigned"}))
	if other["identity"].ObjectValue()["principalId"] == ident["principalId"] {
		t.Error("principalId must differ per URN")
	}
	// Updating the workflow keeps its identity's computed principal.
	upd := updateOutputs(workflow, out, pm("identity", map[string]any{"type": "SystemAssigned"}),
		pm("resourceGroupName", "rg", "workflowName", "close-ssh", "state", "Disabled", "identity", map[string]any{"type": "SystemAssigned"}))
	if upd["identity"].ObjectValue()["principalId"] != ident["principalId"] || upd["state"].StringValue() != "Disabled" {
		t.Errorf("workflow update %v", upd)
	}

	scope := "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
	id, out = createTwice(t, nil, "azure-native:authorization:RoleDefinition", "rd", pm("scope", scope, "roleDefinitionId", "11111111-1111-1111-1111-111111111111"))
	wantString(t, "role definition id", id, scope+"/providers/Microsoft.Authorization/roleDefinitions/11111111-1111-1111-1111-111111111111")
	wantString(t, "role definition type", out["type"].StringValue(), "Microsoft.Authorization/roleDefinitions")
	wantString(t, "role definition name", out["name"].StringValue(), "11111111-1111-1111-1111-111111111111")
	id, _ = createTwice(t, nil, "azure-native:authorization:RoleAssignment", "ra", pm("scope", scope, "roleAssignmentName", "22222222-2222-2222-2222-222222222222"))
	wantString(t, "role assignment id", id, scope+"/providers/Microsoft.Authorization/roleAssignments/22222222-2222-2222-2222-222222222222")
}

// A program reads into the object outputs (`${wf.identity.principalId}`): the schema types them as
// objects, every $ref resolves, and the input of the same name stays Any.
func TestSchemaObjectOutputs(t *testing.T) {
	b, err := Clouds["azure-native"].Schema()
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Resources map[string]struct {
			InputProperties map[string]map[string]any `json:"inputProperties"`
			Properties      map[string]map[string]any `json:"properties"`
		} `json:"resources"`
		Types map[string]struct {
			Type       string                    `json:"type"`
			Properties map[string]map[string]any `json:"properties"`
		} `json:"types"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	wf := pkg.Resources[workflow]
	ref, _ := wf.Properties["identity"]["$ref"].(string)
	typ, ok := pkg.Types[strings.TrimPrefix(ref, "#/types/")]
	if ref != "#/types/azure-native:logic:ManagedServiceIdentityResponse" || !ok || typ.Type != "object" {
		t.Fatalf("Workflow output identity: $ref %q, type %+v", ref, typ)
	}
	if _, ok := typ.Properties["principalId"]; !ok {
		t.Errorf("identity's type has no principalId: %v", typ.Properties)
	}
	if in := wf.InputProperties["identity"]["$ref"]; in != "pulumi.json#/Any" {
		t.Errorf("Workflow input identity: $ref %v, want Any", in)
	}
	for tok, r := range pkg.Resources {
		for name, p := range r.Properties {
			if ref, _ := p["$ref"].(string); strings.HasPrefix(ref, "#/types/") {
				if _, ok := pkg.Types[strings.TrimPrefix(ref, "#/types/")]; !ok {
					t.Errorf("%s.%s: $ref %s has no type", tok, name, ref)
				}
			}
		}
	}
}

// The cloud deleted the SSH rule, then a new window updates its description without a refresh:
// azure-native's update is an ARM PUT, which creates the rule again.
func TestAzureUpdateOfResourceDeletedOutOfBand(t *testing.T) {
	nsg := pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "ssh", "access", "Allow",
		"direction", "Inbound", "priority", 200, "protocol", "Tcp", "description", "ssh until A")
	s, id, changes, err := updateAfterDeletion(t, nsgRule, nsg)
	if err != nil {
		t.Fatalf("azure-native PUT of a deleted rule: %v", err)
	}
	// The PUT created it again: a refresh now finds it, though the test's file still lists it.
	if _, resp, err := readVia(t, s, nsgRule, "ssh", nsg); err != nil || resp.GetId() != id {
		t.Fatalf("read after the PUT: %v %v", resp, err)
	}
	// The cloud acts again (the file is rewritten): deleted again.
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(changes, []byte(`{"deleted": ["`+id+`"], "changed": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, resp, err := readVia(t, s, nsgRule, "ssh", nsg); err != nil || resp.GetId() != "" {
		t.Fatalf("read after the cloud deleted it again: %v %v", resp, err)
	}
}
