package gcp

import (
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

func TestDeltaCronTime(t *testing.T) {
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
		{cloud.KnownAfterApply, "Etc/UTC", cloud.KnownAfterApply, false},
	} {
		got, ok := cronTime(c.cron, c.zone)
		if got != c.want || ok != c.ok {
			t.Errorf("cronTime(%q, %q) = %q, %v; want %q, %v", c.cron, c.zone, got, ok, c.want, c.ok)
		}
	}
}

func TestDeltaJobTargets(t *testing.T) {
	for _, c := range []struct {
		name string
		got  *cloud.Expiry
		want cloud.Expiry
	}{{
		name: "delete",
		got: decodeJob(map[string]any{"schedule": "0 18 1 12 *", "timeZone": "Etc/UTC", "httpTarget": map[string]any{
			"httpMethod": "DELETE", "uri": "https://compute.googleapis.com/compute/v1/projects/p/global/firewalls/tm-ingress-ssh"}}),
		want: cloud.Expiry{At: `18:00 UTC on 1 December (cron "0 18 1 12 *", Etc/UTC)`, How: "Cloud Scheduler deletes firewall `tm-ingress-ssh`"},
	}, {
		name: "unknown firewall",
		got: decodeJob(map[string]any{"schedule": "0 18 1 12 *", "timeZone": "Etc/UTC", "httpTarget": map[string]any{
			"httpMethod": "PATCH", "uri": cloud.Unknown, "body": "eyJkaXNhYmxlZCI6dHJ1ZX0="}}),
		want: cloud.Expiry{At: `18:00 UTC on 1 December (cron "0 18 1 12 *", Etc/UTC)`, How: "Cloud Scheduler disables firewall (known after apply)"},
	}, {
		name: "a PATCH that does not disable",
		got: decodeJob(map[string]any{"schedule": "0 18 1 12 *", "httpTarget": map[string]any{
			"httpMethod": "PATCH", "uri": "https://compute.googleapis.com/compute/v1/projects/p/global/firewalls/fw", "body": "eyJkaXNhYmxlZCI6ZmFsc2V9"}}),
		want: cloud.Expiry{At: `18:00 UTC on 1 December (cron "0 18 1 12 *")`, How: "Cloud Scheduler sends PATCH to `https://compute.googleapis.com/compute/v1/projects/p/global/firewalls/fw` with {\"disabled\":false}"},
	}} {
		if c.got.At != c.want.At || c.got.How != c.want.How {
			t.Errorf("%s:\n got %q, %q\nwant %q, %q", c.name, c.got.At, c.got.How, c.want.At, c.want.How)
		}
	}
}
