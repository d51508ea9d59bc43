package standin

import (
	"fmt"
	"strings"
)

// What a real provider's Update does to a resource that the cloud deleted behind Pulumi's back
// (the STANDIN_CLOUD_CHANGES file lists its id as deleted and nothing brought it back):
//
//   - pulumi-aws (terraform-provider-aws) calls the modifying API on the old id and fails with the
//     service's not-found code: the VPC security group rules' Update calls ModifySecurityGroupRules
//     and reports "updating VPC Security Group Rule (<id>): ..." (internal/service/ec2/
//     vpc_security_group_ingress_rule.go securityGroupRuleResource.Update, @d2b7f56a).
//   - pulumi-gcp (terraform-provider-google) PATCHes the resource's URL and gets a 404: "Error
//     updating Firewall %q: %s" (google/services/compute/resource_compute_firewall.go Update,
//     @07fc8657; the other generated resources share the shape).
//   - azure-native's Update is an ARM PUT (provider/pkg/provider/provider.go Update ->
//     defaultUpdate -> crudClient.CreateOrUpdate, pulumi/pulumi-azure-native @6d9e7fe5), and a PUT
//     creates the resource when it does not exist: the update succeeds and the resource is back.

// awsNotFound are the EC2/IAM/Scheduler error codes and messages the AWS APIs return for an id that
// no longer exists, by resource type.
var awsNotFound = map[string]struct{ Action, Operation, Code, Message string }{
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {"updating VPC Security Group Rule", "EC2: ModifySecurityGroupRules",
		"InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '%s' does not exist"},
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {"updating VPC Security Group Rule", "EC2: ModifySecurityGroupRules",
		"InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '%s' does not exist"},
	"aws:ec2/securityGroup:SecurityGroup": {"updating Security Group", "EC2: CreateTags",
		"InvalidGroup.NotFound", "The security group '%s' does not exist"},
	"aws:ec2/managedPrefixList:ManagedPrefixList": {"updating EC2 Managed Prefix List", "EC2: ModifyManagedPrefixList",
		"InvalidPrefixListID.NotFound", "The prefix list ID '%s' does not exist"},
	"aws:ec2/subnet:Subnet": {"updating EC2 Subnet", "EC2: ModifySubnetAttribute",
		"InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist"},
	"aws:ec2/routeTable:RouteTable": {"updating Route Table", "EC2: CreateTags",
		"InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist"},
	"aws:ec2/route:Route": {"updating Route", "EC2: ReplaceRoute",
		"InvalidRoute.NotFound", "no route with destination for route %s"},
	"aws:ec2/routeTableAssociation:RouteTableAssociation": {"updating Route Table Association", "EC2: ReplaceRouteTableAssociation",
		"InvalidAssociationID.NotFound", "The association ID '%s' does not exist"},
	"aws:iam/role:Role": {"updating IAM Role", "IAM: UpdateAssumeRolePolicy",
		"NoSuchEntity", "The role with name %s cannot be found."},
	"aws:iam/rolePolicy:RolePolicy": {"putting IAM Role Policy", "IAM: PutRolePolicy",
		"NoSuchEntity", "The role policy %s cannot be found."},
	"aws:scheduler/schedule:Schedule": {"updating EventBridge Scheduler Schedule", "Scheduler: UpdateSchedule",
		"ResourceNotFoundException", "Schedule %s does not exist."},
	"aws:scheduler/scheduleGroup:ScheduleGroup": {"updating EventBridge Scheduler Schedule Group", "Scheduler: TagResource",
		"ResourceNotFoundException", "Schedule group %s does not exist."},
}

// updateOfDeleted returns what Update does with a resource the cloud deleted: recreate for
// azure-native (its PUT creates it again), or the real provider's not-found error.
func updateOfDeleted(token, id string) (recreate bool, err error) {
	switch pkg := token[:strings.Index(token, ":")]; pkg {
	case "azure-native":
		return true, nil
	case "aws":
		e, ok := awsNotFound[token]
		if !ok {
			return false, fmt.Errorf("updating %s (%s): the resource does not exist", token, id)
		}
		return false, fmt.Errorf("%s (%s): operation error %s, https response error StatusCode: 400, "+
			"RequestID: 00000000-0000-0000-0000-000000000000, api error %s: "+e.Message,
			e.Action, id, e.Operation, e.Code, id)
	case "gcp":
		kind := token[strings.LastIndex(token, ":")+1:]
		return false, fmt.Errorf("Error updating %s %q: googleapi: Error 404: The resource '%s' was not found, notFound",
			kind, id, id)
	}
	return false, fmt.Errorf("updating %s (%s): the resource does not exist", token, id)
}
