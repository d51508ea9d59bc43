package azurerender

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	network "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// The Azure pieces of the in-cloud SSH expiry.
const (
	// WorkflowToken is Microsoft.Logic/workflows in azure-native v2.92.0.
	// The module proxy does not serve its typed module (logic/v2), so the
	// workflow is registered by token; its properties are the schema's.
	WorkflowToken = "azure-native:logic:Workflow"
	// DeleteSecurityRuleAction is the one action the workflow's identity
	// is allowed, assigned at the SSH rule's own scope.
	DeleteSecurityRuleAction = "Microsoft.Network/networkSecurityGroups/securityRules/delete"
	// networkAPIVersion is the API version azure-native v2.92.0 uses for
	// network security groups.
	networkAPIVersion = "2023-02-01"
	armEndpoint       = "https://management.azure.com"
	// azureNativeVersion is the azure-native plugin the typed modules ask
	// for (go.mod's azure-native-sdk). A resource registered by token asks
	// for none unless told, and the engine would start a second, default
	// azure-native provider for it: another plugin process, at whatever
	// version is installed.
	azureNativeVersion = "2.92.0"
)

// SSHExpiryOutputs are the ids of what closes SSH on Azure.
type SSHExpiryOutputs struct {
	WorkflowID       pulumi.StringOutput
	RoleAssignmentID pulumi.StringOutput
}

// workflow is the part of a Logic App workflow's state the component reads.
type workflow struct {
	pulumi.CustomResourceState
	Identity pulumi.MapOutput `pulumi:"identity"`
}

// newSSHExpiry has a Logic App workflow delete exactly the SSH security rule
// when the window closes, as its system-assigned identity, which holds a
// custom role with only the delete action, assigned at the SSH rule's own
// scope: the deny-alls and every other rule of the NSG are out of its reach.
// ARM role assignments may be scoped to any resource id, a child resource
// such as a security rule included, and apply to that resource and below
// (https://learn.microsoft.com/azure/role-based-access-control/scope-overview).
//
// Logic Apps have no one-shot trigger: the recurrence starts at the closing
// time and repeats a year later. A second run deletes a rule that no longer
// exists, which ARM answers with 204 and no change; the first deployment
// after expiry deletes the workflow anyway.
func newSSHExpiry(ctx *pulumi.Context, plan rules.Plan, in Inputs, nsg *network.NetworkSecurityGroup, sshRule *network.SecurityRule, opts []pulumi.ResourceOption) (*SSHExpiryOutputs, error) {
	e := layout(plan).SSHExpiry
	name := render.ChildName(plan.Name, "ssh-expiry")

	var wf workflow
	err := ctx.RegisterResource(WorkflowToken, name, pulumi.Map{
		"resourceGroupName": in.ResourceGroupName,
		"workflowName":      pulumi.String(e.WorkflowName),
		"location":          in.Location,
		"identity":          pulumi.Map{"type": pulumi.String("SystemAssigned")},
		"state":             pulumi.String("Enabled"),
		"definition":        expandWorkflowDefinition(sshRule.ID().ToStringOutput(), plan.SSH.ClosesAt),
		"tags":              pulumi.ToStringMap(plan.TagsFor(rules.RoleSSHExpiry)),
	}, &wf, append(opts, pulumi.Version(azureNativeVersion))...)
	if err != nil {
		return nil, err
	}

	// Custom roles can be assignable no narrower than a resource group; the
	// assignment below is what narrows it to the one rule. Role names are
	// unique in the tenant, so the name carries a hash of the NSG's id.
	nsgID := nsg.ID().ToStringOutput()
	groupID := nsgID.ApplyT(resourceGroupID).(pulumi.StringOutput)
	role, err := authorization.NewRoleDefinition(ctx, name, &authorization.RoleDefinitionArgs{
		Scope:            groupID,
		RoleName:         nsgID.ApplyT(func(id string) string { return "Threat Manager SSH expiry " + e.WorkflowName + " " + shortHash(id) }).(pulumi.StringOutput),
		Description:      pulumi.String("Deletes the troubleshooting SSH rule of one Threat Manager network security group when its window closes."),
		RoleType:         pulumi.String("CustomRole"),
		Permissions:      authorization.PermissionArray{authorization.PermissionArgs{Actions: pulumi.ToStringArray([]string{DeleteSecurityRuleAction})}},
		AssignableScopes: pulumi.StringArray{groupID},
	}, opts...)
	if err != nil {
		return nil, err
	}
	ruleID := sshRule.ID().ToStringOutput()
	closes := plan.SSH.ClosesAt.UTC().Format(time.RFC3339)
	assignment, err := authorization.NewRoleAssignment(ctx, name, &authorization.RoleAssignmentArgs{
		Scope: ruleID,
		// One assignment per window: the cloud may have deleted the rule
		// (and with it what ARM keeps at its scope) since the last one. It
		// is deleted first, as ARM refuses a second assignment of the same
		// role to the same principal at the same scope.
		RoleAssignmentName: ruleID.ApplyT(func(id string) string { return windowGUID(id, closes) }).(pulumi.StringOutput),
		PrincipalId:        wf.Identity.ApplyT(principalID).(pulumi.StringOutput),
		PrincipalType:      pulumi.String("ServicePrincipal"),
		RoleDefinitionId:   role.ID().ToStringOutput(),
		Description:        pulumi.String("Threat Manager: the SSH expiry workflow may delete this SSH rule, and nothing else, at " + closes + "."),
	}, append(opts, pulumi.DeleteBeforeReplace(true))...)
	if err != nil {
		return nil, err
	}
	return &SSHExpiryOutputs{WorkflowID: wf.ID().ToStringOutput(), RoleAssignmentID: assignment.ID().ToStringOutput()}, nil
}

// expandWorkflowDefinition is the workflow: a recurrence that starts at
// closesAt and one HTTP action that deletes the rule through ARM as the
// workflow's managed identity. Only the rule's id waits for the rule, so a
// preview shows the closing time even before the rule exists.
func expandWorkflowDefinition(ruleID pulumi.StringOutput, closesAt time.Time) pulumi.Map {
	return pulumi.Map{
		"$schema":        pulumi.String("https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#"),
		"contentVersion": pulumi.String("1.0.0.0"),
		"triggers": pulumi.Map{
			"at-expiry": pulumi.Map{
				"type": pulumi.String("Recurrence"),
				"recurrence": pulumi.Map{
					"frequency": pulumi.String("Month"),
					"interval":  pulumi.Int(12),
					"startTime": pulumi.String(closesAt.UTC().Format(time.RFC3339)),
				},
			},
		},
		"actions": pulumi.Map{
			"delete-ssh-rule": pulumi.Map{
				"type": pulumi.String("Http"),
				"inputs": pulumi.Map{
					"method": pulumi.String("DELETE"),
					"uri":    pulumi.Sprintf("%s%s?api-version=%s", armEndpoint, ruleID, networkAPIVersion),
					"authentication": pulumi.Map{
						"type":     pulumi.String("ManagedServiceIdentity"),
						"audience": pulumi.String(armEndpoint + "/"),
					},
				},
				"runAfter": pulumi.Map{},
			},
		},
		"outputs": pulumi.Map{},
	}
}

// resourceGroupID is the resource group part of an ARM id.
func resourceGroupID(id string) string {
	parts := strings.Split(strings.TrimPrefix(id, "/"), "/")
	for i := 0; i+1 < len(parts); i++ {
		if strings.EqualFold(parts[i], "resourceGroups") {
			return "/" + strings.Join(parts[:i+2], "/")
		}
	}
	return id
}

func principalID(identity map[string]any) string {
	id, _ := identity["principalId"].(string)
	return id
}

// windowGUID is a role assignment name (a GUID) for one rule and one
// window: the same inputs give the same name, so previews stay quiet.
func windowGUID(ruleID, closesAt string) string {
	sum := sha256.Sum256([]byte(ruleID + "\n" + closesAt))
	sum[6] = sum[6]&0x0f | 0x50 // version 5 layout: name-based
	sum[8] = sum[8]&0x3f | 0x80
	h := hex.EncodeToString(sum[:16])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:8]
}
