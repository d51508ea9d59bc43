package standin

// The generated property lists (sdkprops_gen.go) say what a resource takes. What they cannot say
// is added here: the object types of outputs that programs read field by field.
//
// azure-native:logic:Workflow's output `identity` is a ManagedServiceIdentityResponse
// (@pulumi/azure-native@2.92.0 logic/workflow.d.ts: `readonly identity:
// pulumi.Output<outputs.logic.ManagedServiceIdentityResponse | undefined>`; types/output.d.ts:
// principalId, tenantId, type, userAssignedIdentities). A program that grants the workflow a
// role reads identity.principalId, which pulumi-yaml type-checks only on an object type.
var outputObjects = map[string]map[string]objectType{
	"azure-native:logic:Workflow": {
		"identity": {Token: "azure-native:logic:ManagedServiceIdentityResponse",
			Properties: []string{"principalId", "tenantId", "type", "userAssignedIdentities"}},
	},
}

func init() {
	for tok, objs := range outputObjects {
		p, ok := sdkProperties[tok]
		if !ok {
			panic("standin: output objects for " + tok + ", which sdkprops_gen.go does not have")
		}
		p.Objects = objs
		sdkProperties[tok] = p
	}
}
