package standin

// How the aws stand-in fails like pulumi-aws on a resource that no longer exists in the cloud.

import "fmt"

// awsUpdateOfDeleted: pulumi-aws calls the modifying API on the old id and fails with the service's
// not-found code. The VPC security group rules' Update calls ModifySecurityGroupRules and reports
// "updating VPC Security Group Rule (<id>): ..." (internal/service/ec2/
// vpc_security_group_ingress_rule.go securityGroupRuleResource.Update, @d2b7f56a).
func awsUpdateOfDeleted(token, id string) (bool, error) {
	e, ok := awsNotFound[token]
	if !ok {
		return false, fmt.Errorf("updating %s (%s): the resource does not exist", token, id)
	}
	return false, fmt.Errorf("%s (%s): operation error %s, https response error StatusCode: 400, "+
		"RequestID: 00000000-0000-0000-0000-000000000000, api error %s: "+e.Message,
		e.Action, id, e.Operation, e.Code, id)
}

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
	"aws:ec2/instance:Instance": {"updating EC2 Instance", "EC2: ModifyInstanceAttribute",
		"InvalidInstanceID.NotFound", "The instance ID '%s' does not exist"},
}
