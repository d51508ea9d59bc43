package aws

import (
	"testing"
	// The zones below are read from the tz database, which the rule
	// delta's binary embeds; the test must not depend on the machine's.
	_ "time/tzdata"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

func TestDeltaScheduleTime(t *testing.T) {
	for _, c := range []struct {
		expr, zone, want string
		ok               bool
	}{
		{"at(2026-12-01T18:00:00)", "UTC", "2026-12-01T18:00:00Z", true},
		{"at(2026-12-01T18:00:00)", "", "2026-12-01T18:00:00Z", true},
		{"at(2026-12-01T18:00:00)", "Europe/Berlin", "2026-12-01T17:00:00Z", true},
		{"at(2026-07-01T18:00:00)", "Europe/Berlin", "2026-07-01T16:00:00Z", true}, // summer time
		{"at(2026-02-30T18:00:00)", "UTC", "at(2026-02-30T18:00:00)", false},
		{"at(2026-12-01 18:00)", "UTC", "at(2026-12-01 18:00)", false},
		{"at(2026-12-01T18:00:00Z)", "UTC", "at(2026-12-01T18:00:00Z)", false},
		{"at(2026-12-01T18:00:00", "UTC", "at(2026-12-01T18:00:00", false},
		{"rate(1 hour)", "UTC", "rate(1 hour)", false},
		{"at(2026-12-01T18:00:00)", "Mars/Olympus", "at(2026-12-01T18:00:00) (Mars/Olympus)", false},
		{"", "UTC", "", false},
		{cloud.KnownAfterApply, "UTC", cloud.KnownAfterApply, false},
	} {
		got, ok := scheduleTime(c.expr, c.zone)
		if got != c.want || ok != c.ok {
			t.Errorf("scheduleTime(%q, %q) = %q, %v; want %q, %v", c.expr, c.zone, got, ok, c.want, c.ok)
		}
	}
}

// revokeSchedule is the inputs of a schedule that revokes SSH rules.
func revokeSchedule(at, input string) map[string]any {
	return map[string]any{
		"flexibleTimeWindow":         map[string]any{"mode": "OFF"},
		"scheduleExpression":         "at(" + at + ")",
		"scheduleExpressionTimezone": "UTC",
		"target": map[string]any{
			"arn":     "arn:aws:scheduler:::aws-sdk:ec2:revokeSecurityGroupIngress",
			"roleArn": "arn:aws:iam::123456789012:role/tm-ssh-expiry",
			"input":   input,
		},
	}
}

func TestDeltaScheduleTargets(t *testing.T) {
	names := cloud.IDNames{"sg-1": "tm-appliances"}
	for _, c := range []struct {
		name string
		got  *cloud.Expiry
		want cloud.Expiry
	}{{
		name: "named group",
		got:  decodeSchedule(revokeSchedule("2026-12-01T18:00:00", `{"GroupId":"sg-1","SecurityGroupRuleIds":[]}`), names),
		want: cloud.Expiry{At: "2026-12-01T18:00:00Z", How: "EventBridge Scheduler revokes no ingress rules of security group `tm-appliances (sg-1)`"},
	}, {
		name: "input not JSON",
		got:  decodeSchedule(revokeSchedule("2026-12-01T18:00:00", `GroupId=sg-1`), nil),
		want: cloud.Expiry{At: "2026-12-01T18:00:00Z", How: "EventBridge Scheduler calls ec2:revokeSecurityGroupIngress with GroupId=sg-1"},
	}, {
		name: "flexible window, another target",
		got: decodeSchedule(map[string]any{
			"scheduleExpression": "at(2026-12-01T18:00:00)",
			"flexibleTimeWindow": map[string]any{"mode": "FLEXIBLE", "maximumWindowInMinutes": 15.0},
			"target":             map[string]any{"arn": "arn:aws:lambda:eu-west-1:123456789012:function:close-ssh"},
		}, nil),
		want: cloud.Expiry{At: "2026-12-01T18:00:00Z (flexible window: 15 minutes)", How: "EventBridge Scheduler calls `arn:aws:lambda:eu-west-1:123456789012:function:close-ssh`"},
	}} {
		if c.got.At != c.want.At || c.got.How != c.want.How {
			t.Errorf("%s:\n got %q, %q\nwant %q, %q", c.name, c.got.At, c.got.How, c.want.At, c.want.How)
		}
	}
}
