package standin

// The azure-native stand-in: azure-native v2.92.0.
//
// Replacements: pulumi/pulumi-azure-native provider/pkg/provider/diff.go calculateDetailedDiff
// (@03707ff7): every parameter of the resource's ARM PUT path causes a replacement, plus properties
// marked ForceNew by provider/pkg/gen/replacement.go forceNewMap (@1b7112af), which lists
// Network.Subnet as "no force-news" and has no entry for NetworkSecurityGroup or SecurityRule.
// azure-native auto-names the last path parameter (name + 8 random hex characters).

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Obviously fake account data.
const (
	fakeAzureSubscription = "00000000-0000-0000-0000-000000000000"
	fakeAzureTenant       = "00000000-0000-0000-0000-000000000001"
)

var (
	azureNetworkSDK = &GoSDK{Module: "github.com/pulumi/pulumi-azure-native-sdk/network/v2", Version: "v2.92.0", Label: "network/v2"}
	azureAuthSDK    = &GoSDK{Module: "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2", Version: "v2.92.0", Label: "authorization/v2"}
	azureComputeSDK = &GoSDK{Module: "github.com/pulumi/pulumi-azure-native-sdk/compute/v2", Version: "v2.92.0", Label: "compute/v2"}
	// The module proxy does not serve logic/v2 (DESIGN.md): the workflow, which the component
	// registers by type token, is read from the npm SDK.
	azureNpmSDK = &NpmSDK{Name: "@pulumi/azure-native", Version: "2.92.0",
		Integrity: "sha512-g59kLgaLrzOHxO1jG4jVjcPntSt6oq5klRai7p5lC8AO8+dyiOk6cselA4UmMMDgtf1UUXRGFknVxVCgl/rITg=="}
)

var azureCloud = &Cloud{
	Name: "azure", Package: "azure-native", Version: "2.92.0",
	Config: []string{"subscriptionId", "location", "tenantId", "clientId"},
	Resources: map[string]*Resource{
		// PUT .../resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/
		//     {virtualNetworkName}/subnets/{subnetName}
		"azure-native:network:Subnet": {SDK: azureNetworkSDK.File("subnet.go"),
			Replace:  []string{"resourceGroupName", "virtualNetworkName", "subnetName"},
			AutoName: "subnetName", AutoNameOf: azureName,
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				name := str(inputs, "subnetName")
				azureCommon(out, urn, name, "Microsoft.Network/virtualNetworks/subnets")
				return azureID(cfg, inputs, "Microsoft.Network", "virtualNetworks/"+str(inputs, "virtualNetworkName")+"/subnets/"+name)
			}},
		// PUT .../resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkSecurityGroups/
		//     {networkSecurityGroupName}
		"azure-native:network:NetworkSecurityGroup": {SDK: azureNetworkSDK.File("networkSecurityGroup.go"),
			Replace:  []string{"resourceGroupName", "networkSecurityGroupName"},
			AutoName: "networkSecurityGroupName", AutoNameOf: azureName,
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				name := str(inputs, "networkSecurityGroupName")
				azureCommon(out, urn, name, "Microsoft.Network/networkSecurityGroups")
				out["resourceGuid"] = resource.NewStringProperty(uuidOf(string(urn) + "guid"))
				return azureID(cfg, inputs, "Microsoft.Network", "networkSecurityGroups/"+name)
			}},
		// PUT .../networkSecurityGroups/{networkSecurityGroupName}/securityRules/{securityRuleName}
		"azure-native:network:SecurityRule": {SDK: azureNetworkSDK.File("securityRule.go"),
			Replace:  []string{"resourceGroupName", "networkSecurityGroupName", "securityRuleName"},
			AutoName: "securityRuleName", AutoNameOf: azureName,
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				name := str(inputs, "securityRuleName")
				azureCommon(out, urn, name, "Microsoft.Network/networkSecurityGroups/securityRules")
				return azureID(cfg, inputs, "Microsoft.Network",
					"networkSecurityGroups/"+str(inputs, "networkSecurityGroupName")+"/securityRules/"+name)
			}},
		// An appliance's network interface and VM (examples/appliances-yaml).
		// PUT .../resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkInterfaces/
		//     {networkInterfaceName} (networkInterface.json 2023-02-01, the version the pinned SDK
		// uses): forceNewMap has no NetworkInterface entry and the spec marks no property
		// create-only, so the IP configurations, NSG, DNS settings, location and tags update in place.
		"azure-native:network:NetworkInterface": {SDK: azureNetworkSDK.File("networkInterface.go"),
			Replace:  []string{"resourceGroupName", "networkInterfaceName"},
			AutoName: "networkInterfaceName", AutoNameOf: azureName,
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				name := str(inputs, "networkInterfaceName")
				azureCommon(out, urn, name, "Microsoft.Network/networkInterfaces")
				out["resourceGuid"] = resource.NewStringProperty(uuidOf(string(urn) + "guid"))
				mac := strings.ToUpper(hexOf(6, string(urn), "mac"))
				out["macAddress"] = resource.NewStringProperty("00-0D-3A-" + mac[0:2] + "-" + mac[2:4] + "-" + mac[4:6])
				out["vnetEncryptionSupported"] = resource.NewBoolProperty(false)
				return azureID(cfg, inputs, "Microsoft.Network", "networkInterfaces/"+name)
			}},
		// PUT .../resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachines/{vmName}
		// (virtualMachine.json 2023-03-01, the version the pinned SDK uses): forceNewMap has no
		// Compute entry, and the compute specs' Resource.location (Microsoft.Compute/common-types/v1/
		// common.json) and the VM's properties carry no x-ms-mutability, so azure-native sends every
		// other change as an update (ARM itself refuses some, e.g. a new osProfile.adminUsername or
		// image on an existing VM; not modelled).
		"azure-native:compute:VirtualMachine": {SDK: azureComputeSDK.File("virtualMachine.go"),
			Replace:  []string{"resourceGroupName", "vmName"},
			AutoName: "vmName", AutoNameOf: azureName,
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				s, name := resource.NewStringProperty, str(inputs, "vmName")
				out["name"], out["type"] = s(name), s("Microsoft.Compute/virtualMachines")
				out["provisioningState"], out["timeCreated"] = s("Succeeded"), s(fakeRFC3339)
				out["vmId"] = s(uuidOf(string(urn) + "\x00vmId"))
				return azureID(cfg, inputs, "Microsoft.Compute", "virtualMachines/"+name)
			}},
		// PUT .../resourceGroups/{resourceGroupName}/providers/Microsoft.Logic/workflows/{workflowName}
		// (logic.json 2019-05-01). forceNewMap has no Logic entry and the spec's Resource.location has
		// no x-ms-mutability, so location (like state, definition, identity, tags) updates in place:
		// gen/properties.go forceNew only adds properties whose x-ms-mutability lacks "update".
		"azure-native:logic:Workflow": {SDK: azureNpmSDK.File("logic/workflow.d.ts", "logic"),
			Replace:  []string{"resourceGroupName", "workflowName"},
			AutoName: "workflowName", AutoNameOf: azureName,
			Create: azureWorkflow,
			// identity is an input whose computed parts (principalId, tenantId) survive an update.
			Update: func(oldState, _, news, out resource.PropertyMap) {
				if o, n := oldState["identity"], news["identity"]; o.IsObject() && n.IsObject() &&
					str(o.ObjectValue(), "type") == str(n.ObjectValue(), "type") {
					m := n.ObjectValue().Copy()
					for _, k := range []resource.PropertyKey{"principalId", "tenantId"} {
						if v, ok := o.ObjectValue()[k]; ok {
							m[k] = v
						}
					}
					out["identity"] = resource.NewObjectProperty(m)
				}
			},
			// The output `identity` is a ManagedServiceIdentityResponse (@pulumi/azure-native@2.92.0
			// logic/workflow.d.ts: `readonly identity: pulumi.Output<outputs.logic.
			// ManagedServiceIdentityResponse | undefined>`; types/output.d.ts: principalId, tenantId,
			// type, userAssignedIdentities). A program that grants the workflow a role reads
			// identity.principalId, which pulumi-yaml type-checks only on an object type.
			Objects: map[string]objectType{
				"identity": {Token: "azure-native:logic:ManagedServiceIdentityResponse",
					Properties: []string{"principalId", "tenantId", "type", "userAssignedIdentities"}},
			}},
		// PUT /{scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}
		// (authorization-RoleDefinitionsCalls.json 2022-05-01-preview, the version azure-native
		// v2.92.0 uses): no forceNewMap entry, no x-ms-mutability on RoleDefinitionProperties. The
		// name is a GUID.
		"azure-native:authorization:RoleDefinition": {SDK: azureAuthSDK.File("roleDefinition.go"),
			Replace:  []string{"scope", "roleDefinitionId"},
			AutoName: "roleDefinitionId", AutoNameOf: azureGUIDName,
			Create: func(_ Config, _ resource.URN, inputs, out resource.PropertyMap) string {
				guid := str(inputs, "roleDefinitionId")
				out["name"], out["type"] = resource.NewStringProperty(guid), resource.NewStringProperty("Microsoft.Authorization/roleDefinitions")
				setIfAbsent(out, "roleType", resource.NewStringProperty("CustomRole"))
				azureAudit(out)
				return strings.TrimSuffix(str(inputs, "scope"), "/") + "/providers/Microsoft.Authorization/roleDefinitions/" + guid
			}},
		// PUT /{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}
		// (authorization-RoleAssignmentsCalls.json 2022-04-01), plus forceNewMap
		// Authorization.RoleAssignment = {principalId, scope}. The spec has no x-ms-mutability on
		// RoleAssignmentProperties, so azure-native sends a changed roleDefinitionId, principalType,
		// description or condition as an update (ARM itself refuses some of them; not modelled).
		"azure-native:authorization:RoleAssignment": {SDK: azureAuthSDK.File("roleAssignment.go"),
			Replace:  []string{"scope", "roleAssignmentName", "principalId"},
			AutoName: "roleAssignmentName", AutoNameOf: azureGUIDName,
			Create: func(_ Config, _ resource.URN, inputs, out resource.PropertyMap) string {
				guid := str(inputs, "roleAssignmentName")
				out["name"], out["type"] = resource.NewStringProperty(guid), resource.NewStringProperty("Microsoft.Authorization/roleAssignments")
				setIfAbsent(out, "principalType", resource.NewStringProperty("User")) // the API's default
				azureAudit(out)
				return strings.TrimSuffix(str(inputs, "scope"), "/") + "/providers/Microsoft.Authorization/roleAssignments/" + guid
			}},
	},
	Invokes: map[string]func(Config, resource.PropertyMap) resource.PropertyMap{
		"azure-native:authorization:getClientConfig": func(cfg Config, _ resource.PropertyMap) resource.PropertyMap {
			s := resource.NewStringProperty
			return resource.PropertyMap{"clientId": s(fakeAzureSubscription), "objectId": s(fakeAzureSubscription),
				"subscriptionId": s(azureSubscription(cfg)), "tenantId": s(fakeAzureSubscription)}
		},
	},
	// azure-native compares `location` ignoring case and spaces ("West US 2" == "westus2").
	Normalize: map[string]func(string) string{"location": azureLocation},
	// azure-native's Update is an ARM PUT (provider/pkg/provider/provider.go Update -> defaultUpdate
	// -> crudClient.CreateOrUpdate, pulumi/pulumi-azure-native @6d9e7fe5), and a PUT creates the
	// resource when it does not exist: the update succeeds and the resource is back.
	UpdateOfDeleted: func(string, string) (bool, error) { return true, nil },
}

func azureSubscription(cfg Config) string { return cfg.get("subscriptionId", fakeAzureSubscription) }

func azureLocation(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }

// azureName is azure-native's auto-name: "<name><8 hex>".
func azureName(urn resource.URN) string { return urn.Name() + hexOf(8, string(urn)) }

// azureGUIDName names the GUID-named resources (role definitions and assignments): a UUID.
func azureGUIDName(urn resource.URN) string { return uuidOf(string(urn)) }

// azureID is an ARM id in the inputs' resource group.
func azureID(cfg Config, inputs resource.PropertyMap, namespace, rest string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/%s/%s",
		azureSubscription(cfg), str(inputs, "resourceGroupName"), namespace, rest)
}

func azureCommon(out resource.PropertyMap, urn resource.URN, name, typ string) {
	out["name"] = resource.NewStringProperty(name)
	out["type"] = resource.NewStringProperty(typ)
	out["etag"] = resource.NewStringProperty(`W/"` + uuidOf(string(urn)) + `"`)
	out["provisioningState"] = resource.NewStringProperty("Succeeded")
}

// azureAudit sets the created/updated audit outputs of Microsoft.Authorization resources.
func azureAudit(out resource.PropertyMap) {
	for _, k := range []resource.PropertyKey{"createdBy", "updatedBy"} {
		out[k] = resource.NewStringProperty(fakeAzureSubscription)
	}
	for _, k := range []resource.PropertyKey{"createdOn", "updatedOn"} {
		out[k] = resource.NewStringProperty(fakeRFC3339)
	}
}

// azureWorkflow creates a Logic App workflow, with the principal of its system-assigned identity.
func azureWorkflow(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
	s := resource.NewStringProperty
	name := str(inputs, "workflowName")
	out["name"], out["type"] = s(name), s("Microsoft.Logic/workflows")
	out["provisioningState"] = s("Succeeded")
	out["createdTime"], out["changedTime"] = s(fakeRFC3339), s(fakeRFC3339)
	out["version"] = s(decimalOf(20, string(urn), "version"))
	loc := azureLocation(orDefault(str(inputs, "location"), "westus2"))
	out["accessEndpoint"] = s(fmt.Sprintf("https://prod-00.%s.logic.azure.com:443/workflows/%s", loc, hexOf(32, string(urn), "endpoint")))
	setIfAbsent(out, "state", s("Enabled"))
	out["sku"] = resource.NewObjectProperty(resource.PropertyMap{"name": s("Standard")})
	if ident, ok := inputs["identity"]; ok && ident.IsObject() {
		m := ident.ObjectValue().Copy()
		if t := str(m, "type"); strings.Contains(t, "SystemAssigned") {
			m["principalId"] = s(uuidOf(string(urn) + "\x00principalId"))
			m["tenantId"] = s(fakeAzureTenant)
		}
		out["identity"] = resource.NewObjectProperty(m)
	}
	return azureID(cfg, inputs, "Microsoft.Logic", "workflows/"+name)
}
