package aws

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/scheduler"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// RevokeIngressTarget is EventBridge Scheduler's universal target for EC2's
// RevokeSecurityGroupIngress: the schedule calls the API itself, so no
// function or code runs in the account.
const RevokeIngressTarget = "arn:aws:scheduler:::aws-sdk:ec2:revokeSecurityGroupIngress"

// SSHExpiryOutputs are the ids of what closes SSH on AWS.
type SSHExpiryOutputs struct {
	ScheduleARN pulumi.StringOutput
	RoleARN     pulumi.StringOutput
}

// revokeInput is the RevokeSecurityGroupIngress request. The universal
// target passes it to the API as is, so the names are the API's PascalCase
// ones: camelCase is refused with a ValidationException.
type revokeInput struct {
	GroupId              string   `json:"GroupId"`
	SecurityGroupRuleIds []string `json:"SecurityGroupRuleIds"`
}

// policyDocument is an IAM policy, as IAM spells it.
type policyDocument struct {
	Version   string            `json:"Version"`
	Statement []policyStatement `json:"Statement"`
}

type policyStatement struct {
	Effect    string                       `json:"Effect"`
	Principal map[string]string            `json:"Principal,omitempty"`
	Action    string                       `json:"Action"`
	Resource  string                       `json:"Resource,omitempty"`
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

// newSSHExpiry has EventBridge Scheduler revoke exactly the SSH rules of the
// appliance group when the window closes, with a role that may do only that.
// pulumi-aws v6 has no actionAfterCompletion, so the fired schedule stays
// until the first deployment after expiry deletes it with the rules.
// Its Schedule takes no tags either, so of the two only the role carries
// the input's tags and the marker.
func newSSHExpiry(ctx *pulumi.Context, plan rules.Plan, group *ec2.SecurityGroup, sshRuleIDs []pulumi.StringOutput, opts []pulumi.ResourceOption) (*SSHExpiryOutputs, error) {
	name := render.ChildName(plan.Name, "ssh-expiry")
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		NamePrefix:       pulumi.String(plan.AWS.SSHExpiryNamePrefix),
		Description:      pulumi.String("Threat Manager: lets EventBridge Scheduler revoke the troubleshooting SSH rules when their window closes"),
		AssumeRolePolicy: group.OwnerId.ApplyT(expandTrustPolicy),
		Tags:             pulumi.ToStringMap(render.MergeTags(plan.TagsFor(rules.RoleSSHExpiry), map[string]string{"Name": strings.TrimSuffix(plan.AWS.SSHExpiryNamePrefix, "-")})),
	}, opts...)
	if err != nil {
		return nil, err
	}
	policy, err := iam.NewRolePolicy(ctx, name, &iam.RolePolicyArgs{
		Name:   pulumi.String("revoke-ssh-ingress"),
		Role:   role.Name,
		Policy: group.Arn.ApplyT(expandRevokePolicy),
	}, opts...)
	if err != nil {
		return nil, err
	}

	closes := plan.SSH.ClosesAt.UTC()
	schedule, err := scheduler.NewSchedule(ctx, name, &scheduler.ScheduleArgs{
		NamePrefix:  pulumi.String(plan.AWS.SSHExpiryNamePrefix),
		Description: pulumi.String("Threat Manager: revoke the troubleshooting SSH rules at " + closes.Format(time.RFC3339)),
		// One-time schedule, in UTC.
		ScheduleExpression:         pulumi.String(ExpandAt(closes)),
		ScheduleExpressionTimezone: pulumi.String("UTC"),
		FlexibleTimeWindow:         scheduler.ScheduleFlexibleTimeWindowArgs{Mode: pulumi.String("OFF")},
		Target: scheduler.ScheduleTargetArgs{
			Arn:     pulumi.String(RevokeIngressTarget),
			RoleArn: role.Arn,
			Input:   expandRevokeInput(group.ID().ToStringOutput(), sshRuleIDs),
		},
		// The role must hold its policy before the schedule can fire.
	}, append(opts, pulumi.DependsOn([]pulumi.Resource{policy}))...)
	if err != nil {
		return nil, err
	}
	return &SSHExpiryOutputs{ScheduleARN: schedule.Arn, RoleARN: role.Arn}, nil
}

// ExpandAt spells t as a one-time schedule expression, at(yyyy-mm-ddThh:mm:ss).
func ExpandAt(t time.Time) string {
	return "at(" + t.UTC().Format("2006-01-02T15:04:05") + ")"
}

// expandTrustPolicy lets only EventBridge Scheduler, acting for this
// account, assume the role (aws:SourceAccount guards against a confused
// deputy in another account).
func expandTrustPolicy(account string) (string, error) {
	return marshalPolicy(policyStatement{
		Effect:    "Allow",
		Principal: map[string]string{"Service": "scheduler.amazonaws.com"},
		Action:    "sts:AssumeRole",
		Condition: map[string]map[string]string{"StringEquals": {"aws:SourceAccount": account}},
	})
}

// expandRevokePolicy allows one action on one security group.
func expandRevokePolicy(groupARN string) (string, error) {
	return marshalPolicy(policyStatement{
		Effect:   "Allow",
		Action:   "ec2:RevokeSecurityGroupIngress",
		Resource: groupARN,
	})
}

func marshalPolicy(statement policyStatement) (string, error) {
	b, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{statement}})
	return string(b), err
}

// expandRevokeInput names the group and exactly the SSH rules, in the
// plan's order.
func expandRevokeInput(groupID pulumi.StringOutput, ruleIDs []pulumi.StringOutput) pulumi.StringOutput {
	all := []any{groupID}
	for _, id := range ruleIDs {
		all = append(all, id)
	}
	return pulumi.All(all...).ApplyT(func(values []any) (string, error) {
		in := revokeInput{GroupId: values[0].(string)}
		for _, v := range values[1:] {
			in.SecurityGroupRuleIds = append(in.SecurityGroupRuleIds, v.(string))
		}
		if len(in.SecurityGroupRuleIds) == 0 {
			return "", fmt.Errorf("the SSH expiry has no SSH rules to revoke")
		}
		b, err := json.Marshal(in)
		return string(b), err
	}).(pulumi.StringOutput)
}
