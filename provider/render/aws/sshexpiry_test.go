package aws

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
)

const (
	scheduleType   = "aws:scheduler/schedule:Schedule"
	roleType       = "aws:iam/role:Role"
	rolePolicyType = "aws:iam/rolePolicy:RolePolicy"
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

// The schedule fires once, at expiresAt in UTC, and revokes exactly the SSH
// rules of the appliance group: nothing else is named.
func TestScheduleRevokesExactlyTheSSHRulesAtExpiry(t *testing.T) {
	rec := sshScenario().render(t)
	s := rec.Only(t, scheduleType)
	if s.Str("scheduleExpression") != "at(2026-11-27T12:00:00)" || s.Str("scheduleExpressionTimezone") != "UTC" {
		t.Errorf("fires at %q in %q, want at(2026-11-27T12:00:00) in UTC", s.Str("scheduleExpression"), s.Str("scheduleExpressionTimezone"))
	}
	if mode := obj(s, "flexibleTimeWindow")["mode"]; mode != "OFF" {
		t.Errorf("flexible time window %v, want OFF", mode)
	}
	if s.Str("namePrefix") != "tm-ssh-expiry-" || s.Name != "tm-ssh-expiry" {
		t.Errorf("schedule named %q (%s)", s.Str("namePrefix"), s.Name)
	}
	target := obj(s, "target")
	if target["arn"] != RevokeIngressTarget || target["roleArn"] != "arn-tm-ssh-expiry" {
		t.Errorf("target = %v", target)
	}
	var input map[string]any
	if err := json.Unmarshal([]byte(target["input"].(string)), &input); err != nil {
		t.Fatalf("target input %q: %v", target["input"], err)
	}
	var want []any
	for _, r := range rec.OfType(ingressRule) {
		if r.Inputs["fromPort"].NumberValue() == 22 {
			want = append(want, "sgr-"+r.Name)
		}
	}
	got, _ := input["SecurityGroupRuleIds"].([]any)
	slices.SortFunc(got, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
	slices.SortFunc(want, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
	if len(want) != 3 || !slices.Equal(got, want) {
		t.Errorf("revokes %v, want exactly the SSH rules %v", got, want)
	}
	if input["GroupId"] != "id-tm-appliances" || len(input) != 2 {
		t.Errorf("input %v: want only GroupId (the appliance group) and SecurityGroupRuleIds, PascalCase", input)
	}
}

// The role is assumable only by EventBridge Scheduler for this account, and
// its one policy allows one action on one security group.
func TestExpiryRoleIsLeastPrivilege(t *testing.T) {
	rec := sshScenario().render(t)
	role := rec.Only(t, roleType)
	if role.Str("namePrefix") != "tm-ssh-expiry-" {
		t.Errorf("role name prefix %q", role.Str("namePrefix"))
	}
	trust := parsePolicy(t, role.Str("assumeRolePolicy"))
	if len(trust.Statement) != 1 {
		t.Fatalf("trust policy has %d statements", len(trust.Statement))
	}
	st := trust.Statement[0]
	if st.Effect != "Allow" || st.Action != "sts:AssumeRole" || len(st.Principal) != 1 || st.Principal["Service"] != "scheduler.amazonaws.com" {
		t.Errorf("trust = %+v, want only scheduler.amazonaws.com", st)
	}
	if st.Condition["StringEquals"]["aws:SourceAccount"] != "123456789012" {
		t.Errorf("trust condition = %v, want this account only", st.Condition)
	}

	policy := rec.Only(t, rolePolicyType)
	if policy.Str("role") != "tm-ssh-expiry" {
		t.Errorf("policy attached to %q", policy.Str("role"))
	}
	doc := parsePolicy(t, policy.Str("policy"))
	if len(doc.Statement) != 1 {
		t.Fatalf("policy has %d statements", len(doc.Statement))
	}
	st = doc.Statement[0]
	// The recorder's arn for the appliance group (tm-appliances).
	applianceGroup := "arn:aws:ec2:us-east-1:123456789012:security-group/id-tm-appliances"
	if st.Effect != "Allow" || st.Action != "ec2:RevokeSecurityGroupIngress" || st.Resource != applianceGroup {
		t.Errorf("policy = %+v, want one action on the appliance group", st)
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
		for _, typ := range []string{scheduleType, roleType, rolePolicyType} {
			if n := len(rec.OfType(typ)); n != 0 {
				t.Errorf("%s: %d %s", name, n, typ)
			}
		}
	}
}
