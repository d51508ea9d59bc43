package awsrender

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
)

const (
	scheduleType      = "aws:scheduler/schedule:Schedule"
	roleType          = "aws:iam/role:Role"
	rolePolicyType    = "aws:iam/rolePolicy:RolePolicy"
	scheduleGroupType = "aws:scheduler/scheduleGroup:ScheduleGroup"
)

func sshScenario() scenario {
	s := defaultScenario
	s.ssh = "2026-11-27T12:00:00Z"
	return s
}

func obj(r rendertest.Resource, key string) map[string]any {
	v := r.Inputs[resource.PropertyKey(key)]
	if !v.IsObject() {
		return nil
	}
	return v.ObjectValue().Mappable()
}

// One schedule per SSH rule, each firing once at expiresAt in UTC and
// revoking its one rule of the appliance group: together they name exactly
// the SSH rules, and none names another rule.
func TestSchedulesRevokeOneSSHRuleEachAtExpiry(t *testing.T) {
	rec := sshScenario().render(t)
	var want []string
	for _, r := range rec.OfType(ingressRule) {
		if r.Inputs["fromPort"].NumberValue() == 22 {
			want = append(want, "sgr-"+r.Name)
		}
	}
	schedules := rec.OfType(scheduleType)
	if len(want) != 3 || len(schedules) != len(want) {
		t.Fatalf("%d schedules for %d SSH rules, want one each", len(schedules), len(want))
	}
	var got []string
	for _, s := range schedules {
		if s.Str("scheduleExpression") != "at(2026-11-27T12:00:00)" || s.Str("scheduleExpressionTimezone") != "UTC" {
			t.Errorf("%s fires at %q in %q, want at(2026-11-27T12:00:00) in UTC", s.Name, s.Str("scheduleExpression"), s.Str("scheduleExpressionTimezone"))
		}
		if mode := obj(s, "flexibleTimeWindow")["mode"]; mode != "OFF" {
			t.Errorf("%s: flexible time window %v, want OFF", s.Name, mode)
		}
		if s.Str("namePrefix") != "tm-ssh-expiry-" || s.Str("groupName") != "tm-ssh-expiry" {
			t.Errorf("%s: name prefix %q in group %q, want tm-ssh-expiry- in the expiry's group", s.Name, s.Str("namePrefix"), s.Str("groupName"))
		}
		target := obj(s, "target")
		if target["arn"] != RevokeIngressTarget || target["roleArn"] != "arn-tm-ssh-expiry" {
			t.Errorf("%s: target = %v", s.Name, target)
		}
		var input map[string]any
		if err := json.Unmarshal([]byte(target["input"].(string)), &input); err != nil {
			t.Fatalf("target input %q: %v", target["input"], err)
		}
		ids, _ := input["SecurityGroupRuleIds"].([]any)
		if input["GroupId"] != "id-tm-appliances" || len(input) != 2 || len(ids) != 1 {
			t.Fatalf("%s: input %v, want only GroupId (the appliance group) and one of SecurityGroupRuleIds, PascalCase", s.Name, input)
		}
		id := ids[0].(string)
		if s.Name != "tm-ssh-expiry-"+strings.TrimPrefix(id, "sgr-tm-") {
			t.Errorf("schedule %s revokes %s: its name must come from its rule's", s.Name, id)
		}
		got = append(got, id)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("revokes %v, want exactly the SSH rules %v", got, want)
	}
}

// The role is assumable only by EventBridge Scheduler for the expiry's own
// schedule group in this account, and its one policy allows one action on
// one security group. This is the whole of what the README's identity
// table says the AWS identity can do.
func TestExpiryRoleIsLeastPrivilege(t *testing.T) {
	rec := sshScenario().render(t)
	group := rec.Only(t, scheduleGroupType)
	if group.Str("namePrefix") != "tm-ssh-expiry-" {
		t.Errorf("schedule group name prefix %q", group.Str("namePrefix"))
	}
	role := rec.Only(t, roleType)
	if role.Str("namePrefix") != "tm-ssh-expiry-" {
		t.Errorf("role name prefix %q", role.Str("namePrefix"))
	}
	trust := parsePolicy(t, role.Str("assumeRolePolicy"))
	wantTrust := policyStatement{
		Effect:    "Allow",
		Principal: map[string]string{"Service": "scheduler.amazonaws.com"},
		Action:    "sts:AssumeRole",
		Condition: map[string]map[string]string{"StringEquals": {
			"aws:SourceAccount": "123456789012",
			"aws:SourceArn":     "arn:aws:scheduler:us-east-1:123456789012:schedule-group/tm-ssh-expiry",
		}},
	}
	if len(trust.Statement) != 1 || !reflect.DeepEqual(trust.Statement[0], wantTrust) {
		t.Errorf("trust = %+v, want exactly %+v", trust.Statement, wantTrust)
	}

	policy := rec.Only(t, rolePolicyType)
	if policy.Str("role") != "tm-ssh-expiry" {
		t.Errorf("policy attached to %q", policy.Str("role"))
	}
	doc := parsePolicy(t, policy.Str("policy"))
	// The recorder's arn for the appliance group (tm-appliances).
	want := policyStatement{Effect: "Allow", Action: "ec2:RevokeSecurityGroupIngress", Resource: "arn:aws:ec2:us-east-1:123456789012:security-group/id-tm-appliances"}
	if len(doc.Statement) != 1 || !reflect.DeepEqual(doc.Statement[0], want) {
		t.Errorf("policy = %+v, want exactly %+v", doc.Statement, want)
	}
	if n := len(rec.OfType(rolePolicyType)) + len(rec.OfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")); n != 1 {
		t.Errorf("%d policies on the role, want one", n)
	}
}

// A new window replaces the SSH rules (deleting first) rather than
// updating rules the cloud may already have revoked.
func TestSSHRulesBelongToTheirWindow(t *testing.T) {
	var ssh, other int
	rec := sshScenario().render(t)
	for _, r := range rec.OfType(ingressRule) {
		perWindow := slices.Contains(r.ReplaceOnChanges, "description") && r.DeleteBeforeReplace
		switch isSSH := r.Inputs["fromPort"].NumberValue() == 22; {
		case isSSH && !perWindow:
			t.Errorf("%s: SSH rule not replaced per window", r.Name)
		case isSSH:
			ssh++
		case perWindow:
			t.Errorf("%s: only SSH rules are replaced per window", r.Name)
		default:
			other++
		}
	}
	if ssh != 3 || other == 0 {
		t.Errorf("%d SSH and %d other ingress rules", ssh, other)
	}
}

func parsePolicy(t *testing.T, s string) policyDocument {
	t.Helper()
	var doc policyDocument
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("policy %q: %v", s, err)
	}
	if doc.Version != "2012-10-17" {
		t.Errorf("policy version %q", doc.Version)
	}
	return doc
}

// enforceInCloud false, or SSH closed: no schedule and no role.
func TestNoExpiryResourcesUnlessTheCloudClosesSSH(t *testing.T) {
	off := sshScenario()
	off.sshInCloud = new(bool)
	for name, s := range map[string]scenario{"in-cloud expiry off": off, "SSH closed": defaultScenario} {
		rec := s.render(t)
		for _, typ := range []string{scheduleType, scheduleGroupType, roleType, rolePolicyType} {
			if n := len(rec.OfType(typ)); n != 0 {
				t.Errorf("%s: %d %s", name, n, typ)
			}
		}
	}
}
