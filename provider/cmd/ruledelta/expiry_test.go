package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// schedulePreview is a preview of one update of an AWS schedule.
func schedulePreview(t *testing.T, oldIn, newIn map[string]any) []byte {
	t.Helper()
	const urn = "urn:pulumi:e2e::tm::threatmanager:index:ThreatManager$aws:scheduler/schedule:Schedule::tm-ssh-expiry"
	typ := "aws:scheduler/schedule:Schedule"
	data, err := json.Marshal(map[string]any{"steps": []any{map[string]any{
		"op": "update", "urn": urn,
		"oldState": map[string]any{"type": typ, "inputs": oldIn},
		"newState": map[string]any{"type": typ, "inputs": newIn},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func awsSchedule(at, input, description string) map[string]any {
	return map[string]any{
		"description":                description,
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

// An update that keeps the time is "changed", and says what changed.
func TestExpiryChangedNotMoved(t *testing.T) {
	for _, c := range []struct {
		name     string
		old, new map[string]any
		want     string
	}{{
		name: "new rule ids",
		old:  awsSchedule("2026-12-01T18:00:00", `{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a","sgr-b"]}`, "d"),
		new:  awsSchedule("2026-12-01T18:00:00", `{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a","sgr-c"]}`, "d"),
		want: "| AWS | changed | 2026-12-01T18:00:00Z | EventBridge Scheduler revokes ingress rules `sgr-a`, `sgr-b` of security group `sg-1` → " +
			"EventBridge Scheduler revokes ingress rules `sgr-a`, `sgr-c` of security group `sg-1` |",
	}, {
		name: "rule ids now cloud.Unknown",
		old:  awsSchedule("2026-12-01T18:00:00", `{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a"]}`, "d"),
		new:  awsSchedule("2026-12-01T18:00:00", cloud.Unknown, "d"),
		want: "| AWS | changed | 2026-12-01T18:00:00Z | EventBridge Scheduler revokes ingress rule `sgr-a` of security group `sg-1` → " +
			"EventBridge Scheduler revokes ingress rules (ids known after apply) |",
	}, {
		name: "only the description",
		old:  awsSchedule("2026-12-01T18:00:00", `{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a"]}`, "old"),
		new:  awsSchedule("2026-12-01T18:00:00", `{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a"]}`, "new"),
		want: "| AWS | changed (description: old → new) | 2026-12-01T18:00:00Z | EventBridge Scheduler revokes ingress rule `sgr-a` of security group `sg-1` |",
	}, {
		// Whether an cloud.Unknown time moves is not known yet.
		name: "time now cloud.Unknown",
		old:  awsSchedule("2026-12-01T18:00:00", cloud.Unknown, "d"),
		new:  map[string]any{"scheduleExpression": cloud.Unknown, "target": awsSchedule("", cloud.Unknown, "")["target"]},
		want: "| AWS | changed | 2026-12-01T18:00:00Z → (known after apply) | EventBridge Scheduler revokes ingress rules (ids known after apply) |",
	}, {
		name: "moved",
		old:  awsSchedule("2026-12-01T18:00:00", cloud.Unknown, "d"),
		new:  awsSchedule("2026-12-02T18:00:00", cloud.Unknown, "d"),
		want: "| AWS | moved | 2026-12-01T18:00:00Z → 2026-12-02T18:00:00Z | EventBridge Scheduler revokes ingress rules (ids known after apply) |",
	}} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Parse(schedulePreview(t, c.old, c.new))
			if err != nil {
				t.Fatal(err)
			}
			md := d.Markdown()
			if !strings.Contains(md, c.want+"\n") {
				t.Errorf("want line\n%s\nin\n%s", c.want, md)
			}
		})
	}
}

// A preview that touches only a schedule has no rule changes, but still
// the section.
func TestExpiryWithoutRuleChanges(t *testing.T) {
	s := awsSchedule("2026-12-01T18:00:00", cloud.Unknown, "d")
	d, err := Parse(schedulePreview(t, s, awsSchedule("2026-12-01T19:00:00", cloud.Unknown, "d")))
	if err != nil {
		t.Fatal(err)
	}
	md := d.Markdown()
	if !strings.Contains(md, "No rule changes.\n\n### SSH closed by the cloud\n\n") || !strings.HasSuffix(md, " |\n\n") {
		t.Errorf("layout:\n%q", md)
	}
	if len(d.Rows) != 0 || len(d.Expiries) != 1 || d.Expiries[0].Change != Moved {
		t.Errorf("rows %+v, expiries %+v", d.Rows, d.Expiries)
	}
}

// The existing fixtures have no schedulers, and no section.
func TestNoExpiryNoSection(t *testing.T) {
	for _, f := range []string{"handmade", "aws-open-ssh", "azure-ssh-expired", "no-changes"} {
		if md := render(t, "testdata/"+f+".json"); strings.Contains(md, "SSH closed by the cloud") {
			t.Errorf("%s: unexpected section", f)
		}
	}
}
