package azure

import (
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

func TestDeltaRecurrenceStart(t *testing.T) {
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
		{cloud.KnownAfterApply, "", cloud.KnownAfterApply, false},
	} {
		got, ok := recurrenceStart(c.start, c.zone)
		if got != c.want || ok != c.ok {
			t.Errorf("recurrenceStart(%q, %q) = %q, %v; want %q, %v", c.start, c.zone, got, ok, c.want, c.ok)
		}
	}
}

func TestDeltaWorkflowTargets(t *testing.T) {
	for _, c := range []struct {
		name string
		got  *cloud.Expiry
		want cloud.Expiry
	}{{
		name: "ARM id without host, zone",
		got: decodeWorkflow(map[string]any{"definition": map[string]any{
			"triggers": map[string]any{"t": map[string]any{"type": "Recurrence", "recurrence": map[string]any{
				"frequency": "Day", "interval": 1.0, "startTime": "2026-12-01T18:00:00", "timeZone": "UTC"}}},
			"actions": map[string]any{
				"b": map[string]any{"type": "Http", "inputs": map[string]any{"method": "DELETE",
					"uri": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg/securityRules/ingress-ssh-tcp-22?api-version=2023-09-01"}},
				"a": map[string]any{"type": "Http", "inputs": map[string]any{"method": "POST", "uri": "https://example.com/hook"}},
				"c": map[string]any{"type": "Compose"},
			}}}),
		want: cloud.Expiry{At: "2026-12-01T18:00:00Z", How: "Logic App sends POST to `https://example.com/hook`; deletes security rule `ingress-ssh-tcp-22`"},
	}, {
		name: "unknown definition",
		got:  decodeWorkflow(map[string]any{"definition": cloud.Unknown}),
		want: cloud.Expiry{At: cloud.KnownAfterApply, How: "Logic App " + cloud.KnownAfterApply},
	}, {
		name: "no trigger, unknown rule",
		got: decodeWorkflow(map[string]any{"definition": map[string]any{"actions": map[string]any{
			"a": map[string]any{"type": "Http", "inputs": map[string]any{"method": "DELETE", "uri": cloud.Unknown}}}}}),
		want: cloud.Expiry{At: "", How: "Logic App deletes a security rule (known after apply)"},
	}} {
		if c.got.At != c.want.At || c.got.How != c.want.How {
			t.Errorf("%s:\n got %q, %q\nwant %q, %q", c.name, c.got.At, c.got.How, c.want.At, c.want.How)
		}
	}
}
