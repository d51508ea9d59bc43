package standin

// Property lists written by hand, for resource types whose typed Go SDK module is not available
// to read (cmd/sdkprops writes sdkprops_gen.go from the modules that are). Each entry says where
// it was read from. They are merged into sdkProperties, so GetSchema, Check and
// TestReplaceTableMatchesSDK treat them like the generated ones.
var schemaProperties = map[string]sdkProps{
	// azure-native v2.92.0 `azure-native:logic:Workflow` (Microsoft.Logic workflows, Azure REST API
	// version 2019-05-01, the default in every azure-native v2 release). The module
	// github.com/pulumi/pulumi-azure-native-sdk/logic/v2 is not served by the module proxy here, so
	// this was read from the generated SDK file pulumi/pulumi-azure-native-sdk logic/workflow.go
	// (@007c1c28, a v2 release: workflowArgs, Workflow and the NewWorkflow required check, which is
	// the azure-native schema's inputProperties / properties / requiredInputs) and checked against
	// the API spec Azure/azure-rest-api-specs
	// specification/logic/resource-manager/Microsoft.Logic/stable/2019-05-01/logic.json (@aaa850e2:
	// Workflow = Resource{location, tags} + WorkflowProperties + identity; workflowName and
	// resourceGroupName are the PUT path parameters).
	"azure-native:logic:Workflow": {
		Inputs:   []string{"accessControl", "definition", "endpointsConfiguration", "identity", "integrationAccount", "integrationServiceEnvironment", "location", "parameters", "resourceGroupName", "state", "tags", "workflowName"},
		Required: []string{"resourceGroupName"},
		Outputs:  []string{"accessEndpoint", "changedTime", "createdTime", "name", "provisioningState", "sku", "type", "version"},
		// The output `identity` is a ManagedServiceIdentityResponse (the same workflow.go: `Identity
		// ManagedServiceIdentityResponsePtrOutput`), ARM's managed identity: principalId and tenantId
		// (read-only), type, userAssignedIdentities. A program that grants the workflow a role reads
		// identity.principalId, which pulumi-yaml type-checks only on an object type.
		Objects: map[string]objectType{
			"identity": {Token: "azure-native:logic:ManagedServiceIdentityResponse",
				Properties: []string{"principalId", "tenantId", "type", "userAssignedIdentities"}},
		},
	},
}

func init() {
	for tok, p := range schemaProperties {
		if _, dup := sdkProperties[tok]; dup {
			panic("standin: " + tok + " is both generated from an SDK and written by hand")
		}
		sdkProperties[tok] = p
	}
}
