package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAWSScheduleTime(t *testing.T) {
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
		{knownAfterApply, "UTC", knownAfterApply, false},
	} {
		got, ok := awsScheduleTime(c.expr, c.zone)
		if got != c.want || ok != c.ok {
			t.Errorf("awsScheduleTime(%q, %q) = %q, %v; want %q, %v", c.expr, c.zone, got, ok, c.want, c.ok)
		}
	}
}

func TestGCPCronTime(t *testing.T) {
	for _, c := range []struct {
		cron, zone, want string
		ok               bool
	}{
		{"0 18 1 12 *", "Etc/UTC", `18:00 UTC on 1 December (cron "0 18 1 12 *", Etc/UTC)`, true},
		{"0 18 1 12 *", "", `18:00 UTC on 1 December (cron "0 18 1 12 *")`, true},
		{" 5  7 09 3 * ", "Europe/Berlin", `07:05 Europe/Berlin on 9 March (cron " 5  7 09 3 * ", Europe/Berlin)`, true},
		{"0 18 29 2 *", "Etc/UTC", `18:00 UTC on 29 February (cron "0 18 29 2 *", Etc/UTC)`, true},
		{"0 18 30 2 *", "Etc/UTC", `cron "0 18 30 2 *", Etc/UTC`, false},
		{"60 18 1 12 *", "Etc/UTC", `cron "60 18 1 12 *", Etc/UTC`, false},
		{"0 24 1 12 *", "Etc/UTC", `cron "0 24 1 12 *", Etc/UTC`, false},
		{"0 18 1 13 *", "Etc/UTC", `cron "0 18 1 13 *", Etc/UTC`, false},
		{"0 18 1 12 1", "Etc/UTC", `cron "0 18 1 12 1", Etc/UTC`, false}, // only on a Monday
		{"*/5 * * * *", "Etc/UTC", `cron "*/5 * * * *", Etc/UTC`, false},
		{"0 18 1-2 12 *", "Etc/UTC", `cron "0 18 1-2 12 *", Etc/UTC`, false},
		{"0 18 1 12", "Etc/UTC", `cron "0 18 1 12", Etc/UTC`, false},
		{knownAfterApply, "Etc/UTC", knownAfterApply, false},
	} {
		got, ok := gcpCronTime(c.cron, c.zone)
		if got != c.want || ok != c.ok {
			t.Errorf("gcpCronTime(%q, %q) = %q, %v; want %q, %v", c.cron, c.zone, got, ok, c.want, c.ok)
		}
	}
}

func TestAzureStartTime(t *testing.T) {
	for _, c := range []struct {
		start, zone, want string
		ok                bool
	}{
		{"2026-12-01T18:00:00Z", "", "2026-12-01T18:00:00Z", true},
		{"2026-12-01T19:00:00+01:00", "", "2026-12-01T18:00:00Z", true},
		{"2026-12-01T18:00:00", "UTC", "2026-12-01T18:00:00Z", true},
		{"2026-12-01T18:00:00", "", "2026-12-01T18:00:00Z", true},
		{"2026-12-01T18:00:00", "W. Europe Standard Time", "2026-12-01T18:00:00 (W. Europe Standard Time)", false},
		{"2026-12-32T18:00:00Z", "", "2026-12-32T18:00:00Z", false},
		{"1 December 2026", "UTC", "1 December 2026", false},
		{"", "", "", false},
		{knownAfterApply, "", knownAfterApply, false},
	} {
		got, ok := azureStartTime(c.start, c.zone)
		if got != c.want || ok != c.ok {
			t.Errorf("azureStartTime(%q, %q) = %q, %v; want %q, %v", c.start, c.zone, got, ok, c.want, c.ok)
		}
	}
}

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
		name: "rule ids now unknown",
		old:  awsSchedule("2026-12-01T18:00:00", `{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a"]}`, "d"),
		new:  awsSchedule("2026-12-01T18:00:00", unknown, "d"),
		want: "| AWS | changed | 2026-12-01T18:00:00Z | EventBridge Scheduler revokes ingress rule `sgr-a` of security group `sg-1` → " +
			"EventBridge Scheduler revokes ingress rules (ids known after apply) |",
	}, {
		name: "only the description",
		old:  awsSchedule("2026-12-01T18:00:00", `{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a"]}`, "old"),
		new:  awsSchedule("2026-12-01T18:00:00", `{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a"]}`, "new"),
		want: "| AWS | changed (description: old → new) | 2026-12-01T18:00:00Z | EventBridge Scheduler revokes ingress rule `sgr-a` of security group `sg-1` |",
	}, {
		// Whether an unknown time moves is not known yet.
		name: "time now unknown",
		old:  awsSchedule("2026-12-01T18:00:00", unknown, "d"),
		new:  map[string]any{"scheduleExpression": unknown, "target": awsSchedule("", unknown, "")["target"]},
		want: "| AWS | changed | 2026-12-01T18:00:00Z → (known after apply) | EventBridge Scheduler revokes ingress rules (ids known after apply) |",
	}, {
		name: "moved",
		old:  awsSchedule("2026-12-01T18:00:00", unknown, "d"),
		new:  awsSchedule("2026-12-02T18:00:00", unknown, "d"),
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
	s := awsSchedule("2026-12-01T18:00:00", unknown, "d")
	d, err := Parse(schedulePreview(t, s, awsSchedule("2026-12-01T19:00:00", unknown, "d")))
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

func TestExpiryTargets(t *testing.T) {
	names := map[string]string{"sg-1": "tm-appliances"}
	for _, c := range []struct {
		name string
		got  *Expiry
		want Expiry
	}{{
		name: "aws, named group",
		got:  awsExpiry(awsSchedule("2026-12-01T18:00:00", `{"GroupId":"sg-1","SecurityGroupRuleIds":[]}`, ""), names),
		want: Expiry{At: "2026-12-01T18:00:00Z", How: "EventBridge Scheduler revokes no ingress rules of security group `tm-appliances (sg-1)`"},
	}, {
		name: "aws, input not JSON",
		got:  awsExpiry(awsSchedule("2026-12-01T18:00:00", `GroupId=sg-1`, ""), nil),
		want: Expiry{At: "2026-12-01T18:00:00Z", How: "EventBridge Scheduler calls ec2:revokeSecurityGroupIngress with GroupId=sg-1"},
	}, {
		name: "aws, flexible window, another target",
		got: awsExpiry(map[string]any{
			"scheduleExpression": "at(2026-12-01T18:00:00)",
			"flexibleTimeWindow": map[string]any{"mode": "FLEXIBLE", "maximumWindowInMinutes": 15.0},
			"target":             map[string]any{"arn": "arn:aws:lambda:eu-west-1:123456789012:function:close-ssh"},
		}, nil),
		want: Expiry{At: "2026-12-01T18:00:00Z (flexible window: 15 minutes)", How: "EventBridge Scheduler calls `arn:aws:lambda:eu-west-1:123456789012:function:close-ssh`"},
	}, {
		name: "gcp, delete",
		got: gcpExpiry(map[string]any{"schedule": "0 18 1 12 *", "timeZone": "Etc/UTC", "httpTarget": map[string]any{
			"httpMethod": "DELETE", "uri": "https://compute.googleapis.com/compute/v1/projects/p/global/firewalls/tm-ingress-ssh"}}),
		want: Expiry{At: `18:00 UTC on 1 December (cron "0 18 1 12 *", Etc/UTC)`, How: "Cloud Scheduler deletes firewall `tm-ingress-ssh`"},
	}, {
		name: "gcp, unknown firewall",
		got: gcpExpiry(map[string]any{"schedule": "0 18 1 12 *", "timeZone": "Etc/UTC", "httpTarget": map[string]any{
			"httpMethod": "PATCH", "uri": unknown, "body": "eyJkaXNhYmxlZCI6dHJ1ZX0="}}),
		want: Expiry{At: `18:00 UTC on 1 December (cron "0 18 1 12 *", Etc/UTC)`, How: "Cloud Scheduler disables firewall (known after apply)"},
	}, {
		name: "gcp, a PATCH that does not disable",
		got: gcpExpiry(map[string]any{"schedule": "0 18 1 12 *", "httpTarget": map[string]any{
			"httpMethod": "PATCH", "uri": "https://compute.googleapis.com/compute/v1/projects/p/global/firewalls/fw", "body": "eyJkaXNhYmxlZCI6ZmFsc2V9"}}),
		want: Expiry{At: `18:00 UTC on 1 December (cron "0 18 1 12 *")`, How: "Cloud Scheduler sends PATCH to `https://compute.googleapis.com/compute/v1/projects/p/global/firewalls/fw` with {\"disabled\":false}"},
	}, {
		name: "azure, ARM id without host, zone",
		got: azureExpiry(map[string]any{"definition": map[string]any{
			"triggers": map[string]any{"t": map[string]any{"type": "Recurrence", "recurrence": map[string]any{
				"frequency": "Day", "interval": 1.0, "startTime": "2026-12-01T18:00:00", "timeZone": "UTC"}}},
			"actions": map[string]any{
				"b": map[string]any{"type": "Http", "inputs": map[string]any{"method": "DELETE",
					"uri": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg/securityRules/ingress-ssh-tcp-22?api-version=2023-09-01"}},
				"a": map[string]any{"type": "Http", "inputs": map[string]any{"method": "POST", "uri": "https://example.com/hook"}},
				"c": map[string]any{"type": "Compose"},
			}}}),
		want: Expiry{At: "2026-12-01T18:00:00Z", How: "Logic App sends POST to `https://example.com/hook`; deletes security rule `ingress-ssh-tcp-22`"},
	}, {
		name: "azure, unknown definition",
		got:  azureExpiry(map[string]any{"definition": unknown}),
		want: Expiry{At: knownAfterApply, How: "Logic App " + knownAfterApply},
	}, {
		name: "azure, no trigger, unknown rule",
		got: azureExpiry(map[string]any{"definition": map[string]any{"actions": map[string]any{
			"a": map[string]any{"type": "Http", "inputs": map[string]any{"method": "DELETE", "uri": unknown}}}}}),
		want: Expiry{At: "", How: "Logic App deletes a security rule (known after apply)"},
	}} {
		if c.got.At != c.want.At || c.got.How != c.want.How {
			t.Errorf("%s:\n got %q, %q\nwant %q, %q", c.name, c.got.At, c.got.How, c.want.At, c.want.How)
		}
	}
}
