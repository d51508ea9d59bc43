package awsrender

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

// RevokeIngressAction is the one action the expiry's role is allowed, on
// the appliance security group alone.
const RevokeIngressAction = "ec2:RevokeSecurityGroupIngress"

// SSHExpiryOutputs are the ids of what closes SSH on AWS.
type SSHExpiryOutputs struct {
	ScheduleGroupARN pulumi.StringOutput
	// ScheduleARNs are one schedule per SSH rule, in the plan's order.
	ScheduleARNs pulumi.StringArrayOutput
	RoleARN      pulumi.StringOutput
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

// sshRuleRef is one SSH rule the expiry revokes: its content key, for the
// schedule's name, and its security group rule id.
type sshRuleRef struct {
	Key string
	ID  pulumi.StringOutput
}

// newSSHExpiry has EventBridge Scheduler revoke the SSH rules of the
// appliance group when the window closes, with a role that may do only
// that. One schedule per rule: RevokeSecurityGroupIngress fails as a whole
// when one named rule is already gone, so a rule removed early must not
// keep the others open.
//
// The schedules live in a schedule group of their own, the one source the
// role's trust admits (aws:SourceArn). pulumi-aws v6 has no
// actionAfterCompletion, so fired schedules stay until the first
// deployment after expiry deletes them with the rules. Schedules take no
// tags in v6; the group and the role carry the input's tags and the marker.
func newSSHExpiry(ctx *pulumi.Context, plan rules.Plan, group *ec2.SecurityGroup, sshRules []sshRuleRef, opts []pulumi.ResourceOption) (*SSHExpiryOutputs, error) {
	if len(sshRules) == 0 {
		return nil, fmt.Errorf("the SSH expiry has no SSH rules to revoke")
	}
	name := render.ChildName(plan.Name, "ssh-expiry")
	tags := namedTags(plan, rules.RoleSSHExpiry, strings.TrimSuffix(layout(plan).SSHExpiryNamePrefix, "-"))
	scheduleGroup, err := scheduler.NewScheduleGroup(ctx, name, &scheduler.ScheduleGroupArgs{
		NamePrefix: pulumi.String(layout(plan).SSHExpiryNamePrefix),
		Tags:       tags,
	}, opts...)
	if err != nil {
		return nil, err
	}
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		NamePrefix:       pulumi.String(layout(plan).SSHExpiryNamePrefix),
		Description:      pulumi.String("Threat Manager: lets EventBridge Scheduler revoke the troubleshooting SSH rules when their window closes"),
		AssumeRolePolicy: pulumi.All(group.OwnerId, scheduleGroup.Arn).ApplyT(func(v []any) (string, error) { return expandTrustPolicy(v[0].(string), v[1].(string)) }).(pulumi.StringOutput),
		Tags:             tags,
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
	groupID := group.ID().ToStringOutput()
	var arns pulumi.StringArray
	for _, rule := range sshRules {
		schedule, err := scheduler.NewSchedule(ctx, render.ChildName(name, rule.Key), &scheduler.ScheduleArgs{
			NamePrefix:  pulumi.String(layout(plan).SSHExpiryNamePrefix),
			GroupName:   scheduleGroup.Name,
			Description: pulumi.String("Threat Manager: revoke the troubleshooting SSH rule " + rule.Key + " at " + closes.Format(time.RFC3339)),
			// One-time schedule, in UTC.
			ScheduleExpression:         pulumi.String(ExpandAt(closes)),
			ScheduleExpressionTimezone: pulumi.String("UTC"),
			FlexibleTimeWindow:         scheduler.ScheduleFlexibleTimeWindowArgs{Mode: pulumi.String("OFF")},
			Target: scheduler.ScheduleTargetArgs{
				Arn:     pulumi.String(RevokeIngressTarget),
				RoleArn: role.Arn,
				Input:   expandRevokeInput(groupID, rule.ID),
			},
			// The role must hold its policy before the schedule can fire.
		}, append(opts, pulumi.DependsOn([]pulumi.Resource{policy}))...)
		if err != nil {
			return nil, err
		}
		arns = append(arns, schedule.Arn)
	}
	return &SSHExpiryOutputs{ScheduleGroupARN: scheduleGroup.Arn, ScheduleARNs: arns.ToStringArrayOutput(), RoleARN: role.Arn}, nil
}

// ExpandAt spells t as a one-time schedule expression, at(yyyy-mm-ddThh:mm:ss).
func ExpandAt(t time.Time) string {
	return "at(" + t.UTC().Format("2006-01-02T15:04:05") + ")"
}

// expandTrustPolicy lets only EventBridge Scheduler assume the role, and
// only for schedules of this component's schedule group in this account
// (aws:SourceAccount and aws:SourceArn guard against a confused deputy).
// Scheduler's guide says the source ARN is the schedule group's, never a
// schedule's: https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html
func expandTrustPolicy(account, scheduleGroupARN string) (string, error) {
	return marshalPolicy(policyStatement{
		Effect:    "Allow",
		Principal: map[string]string{"Service": "scheduler.amazonaws.com"},
		Action:    "sts:AssumeRole",
		Condition: map[string]map[string]string{"StringEquals": {"aws:SourceAccount": account, "aws:SourceArn": scheduleGroupARN}},
	})
}

// expandRevokePolicy allows one action on one security group.
func expandRevokePolicy(groupARN string) (string, error) {
	return marshalPolicy(policyStatement{
		Effect:   "Allow",
		Action:   RevokeIngressAction,
		Resource: groupARN,
	})
}

func marshalPolicy(statement policyStatement) (string, error) {
	b, err := json.Marshal(policyDocument{Version: "2012-10-17", Statement: []policyStatement{statement}})
	return string(b), err
}

// expandRevokeInput names the group and one SSH rule.
func expandRevokeInput(groupID, ruleID pulumi.StringOutput) pulumi.StringOutput {
	return pulumi.All(groupID, ruleID).ApplyT(func(v []any) (string, error) {
		b, err := json.Marshal(revokeInput{GroupId: v[0].(string), SecurityGroupRuleIds: []string{v[1].(string)}})
		return string(b), err
	}).(pulumi.StringOutput)
}
