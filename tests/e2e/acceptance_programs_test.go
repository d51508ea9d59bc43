package e2e

import (
	"path/filepath"
	"testing"
	"time"
)

// TestExampleAcceptancePrograms runs the real-cloud acceptance workflow's
// programs (.github/acceptance/<cloud>/Pulumi.yaml) on the OFFLINE STAND-IN
// plugins, with the config the workflow sets: each must deploy with SSH
// open for about 10 minutes and the in-cloud expiry on, and give rules.sh
// the outputs it reads. What the real clouds then do is the workflow's to
// show, and it has not run from here.
func TestExampleAcceptancePrograms(t *testing.T) {
	run := "tm-acc-1234567890-1"
	for _, c := range []struct {
		cloud   string
		config  map[string]string
		outputs []string // besides sshOpen, sshExpiresAt, sshClosedByCloudAt
	}{
		{"aws", map[string]string{"aws:region": "us-east-1", "vpcId": "vpc-0123456789abcdef0", "natGatewayId": "nat-0123456789abcdef0",
			"zoneA": "us-east-1a", "zoneB": "us-east-1b", "namePrefix": run},
			[]string{"applianceSecurityGroupId", "agentSecurityGroupId"}},
		{"azure", map[string]string{"azure-native:location": "eastus", "resourceGroupName": run, "virtualNetworkName": run, "namePrefix": run},
			[]string{"networkSecurityGroupId"}},
		{"gcp", map[string]string{"gcp:project": "example-project", "gcp:region": "us-central1", "network": run, "region": "us-central1", "namePrefix": run},
			[]string{"firewallNames"}},
	} {
		t.Run(c.cloud, func(t *testing.T) {
			s := newStack(t, "", nil)
			s.copyProgram(filepath.Join(repoRoot, ".github", "acceptance", c.cloud, "Pulumi.yaml"))
			// As the workflow computes it: date -u -d "+10 minutes".
			expires := time.Now().UTC().Add(10 * time.Minute).Truncate(time.Second)
			c.config["sshExpiresAt"] = expires.Format(time.RFC3339)
			for k, v := range c.config {
				s.pulumi("config", "set", k, v)
			}
			s.up()
			outs := s.outputs()
			if open, _ := outs["sshOpen"].(bool); !open {
				t.Errorf("sshOpen = %v, want true", outs["sshOpen"])
			}
			closes, err := time.Parse(time.RFC3339, str(outs["sshClosedByCloudAt"]))
			if err != nil || closes.Before(expires) || closes.After(expires.Add(time.Minute)) {
				t.Errorf("sshClosedByCloudAt = %v (%v), want the expiry %s rounded up to the minute", outs["sshClosedByCloudAt"], err, expires.Format(time.RFC3339))
			}
			for _, k := range c.outputs {
				if v := outs[k]; v == nil || v == "" {
					t.Errorf("output %s is empty: rules.sh reads it", k)
				}
			}
		})
	}
}

func str(v any) string { s, _ := v.(string); return s }
