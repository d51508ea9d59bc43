package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAcceptanceRulesScript runs .github/acceptance/rules.sh, the real-cloud
// acceptance workflow's check, against fake cloud CLIs (aws, az, gcloud) and
// a fake `pulumi stack output`, each printing what the test wrote for it in
// the cloud's own JSON: SSH closed by the cloud and every other rule in
// place passes; SSH still open past the deadline, another rule gone or a
// rule that appeared fails, naming the rule. (The workflow itself has not
// run against a real cloud.)
func TestAcceptanceRulesScript(t *testing.T) {
	for _, tool := range []string{"bash", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("rules.sh needs %s: %v", tool, err)
		}
	}
	aws := func(rules ...string) string {
		return `{"SecurityGroupRules": [` + strings.Join(rules, ",") + `]}`
	}
	awsSSH := `{"SecurityGroupRuleId": "sgr-ssh", "GroupId": "sg-a", "IsEgress": false, "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIpv4": "204.110.219.96/27"}`
	aws443 := `{"SecurityGroupRuleId": "sgr-443", "GroupId": "sg-a", "IsEgress": false, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "PrefixListId": "pl-1"}`
	awsAll := `{"SecurityGroupRuleId": "sgr-all", "GroupId": "sg-a", "IsEgress": true, "IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "PrefixListId": "pl-1"}`
	aws443Wider := strings.Replace(aws443, `"ToPort": 443`, `"ToPort": 444`, 1)
	awsHand := `{"SecurityGroupRuleId": "sgr-hand", "GroupId": "sg-a", "IsEgress": false, "IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "CidrIpv4": "0.0.0.0/0"}`

	azure := func(rules ...string) string { return `[` + strings.Join(rules, ",") + `]` }
	azSSH := `{"name": "tm-ssh", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "destinationPortRange": "22", "priority": 100, "sourceAddressPrefixes": ["204.110.219.96/27"]}`
	az443 := `{"name": "tm-443", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "destinationPortRange": "443", "priority": 110, "sourceAddressPrefixes": ["10.0.0.0/16"]}`
	azDeny := `{"name": "tm-deny", "direction": "Inbound", "access": "Deny", "protocol": "*", "destinationPortRange": "*", "priority": 4096, "sourceAddressPrefix": "*"}`

	gcp := func(rules ...string) string { return `[` + strings.Join(rules, ",") + `]` }
	gcpSSH := `{"name": "tm-ssh", "direction": "INGRESS", "priority": 1000, "disabled": false, "allowed": [{"IPProtocol": "tcp", "ports": ["22"]}], "sourceRanges": ["204.110.219.96/27"]}`
	gcpSSHDisabled := strings.Replace(gcpSSH, `"disabled": false`, `"disabled": true`, 1)
	gcp443 := `{"name": "tm-443", "direction": "INGRESS", "priority": 1000, "disabled": false, "allowed": [{"IPProtocol": "tcp", "ports": ["443"]}], "sourceRanges": ["10.0.0.0/16"]}`
	gcpDeny := `{"name": "tm-deny", "direction": "EGRESS", "priority": 65534, "disabled": false, "denied": [{"IPProtocol": "all"}], "destinationRanges": ["0.0.0.0/0"]}`

	for _, c := range []struct {
		name, cloud   string
		before, after string
		ok            bool
		says          string
	}{
		{"aws: SSH gone, the rest in place", "aws", aws(awsSSH, aws443, awsAll), aws(aws443, awsAll), true, "Every rule but SSH remains: 2 rules."},
		{"aws: SSH still open", "aws", aws(awsSSH, aws443, awsAll), aws(awsSSH, aws443, awsAll), false, "the cloud did not close it"},
		{"aws: another rule gone too", "aws", aws(awsSSH, aws443, awsAll), aws(awsAll), false, "rule sgr-443 is gone"},
		{"aws: another rule changed", "aws", aws(awsSSH, aws443, awsAll), aws(aws443Wider, awsAll), false, "rule sgr-443 changed"},
		{"aws: a rule appeared", "aws", aws(awsSSH, aws443, awsAll), aws(aws443, awsAll, awsHand), false, "rule sgr-hand appeared"},
		{"azure: SSH gone, the rest in place", "azure", azure(azSSH, az443, azDeny), azure(az443, azDeny), true, "Every rule but SSH remains: 2 rules."},
		{"azure: SSH still open", "azure", azure(azSSH, az443, azDeny), azure(azSSH, az443, azDeny), false, "the cloud did not close it"},
		{"azure: the deny-all gone", "azure", azure(azSSH, az443, azDeny), azure(az443), false, "rule tm-deny is gone"},
		{"gcp: SSH disabled, the rest in place", "gcp", gcp(gcpSSH, gcp443, gcpDeny), gcp(gcpSSHDisabled, gcp443, gcpDeny), true, "SSH rule tm-ssh remains, disabled"},
		{"gcp: SSH deleted, the rest in place", "gcp", gcp(gcpSSH, gcp443, gcpDeny), gcp(gcp443, gcpDeny), true, "Every rule but SSH remains: 2 rules."},
		{"gcp: SSH still open", "gcp", gcp(gcpSSH, gcp443, gcpDeny), gcp(gcpSSH, gcp443, gcpDeny), false, "the cloud did not close it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newRulesScript(t, c.cloud)
			// Closed 11 minutes ago: rules.sh lists once and, if SSH is
			// still there, is already past its 10 minutes' grace.
			r.outputs(map[string]any{"sshOpen": true, "sshClosedByCloudAt": time.Now().UTC().Add(-11 * time.Minute).Format(time.RFC3339),
				"applianceSecurityGroupId": "sg-a", "agentSecurityGroupId": "sg-b", "networkSecurityGroupId": "/subscriptions/s/nsg"})
			r.cloudSays(c.before)
			if out, err := r.run("before"); err != nil {
				t.Fatalf("rules.sh before: %v\n%s", err, out)
			}
			r.cloudSays(c.after)
			out, err := r.run("after")
			if (err == nil) != c.ok || !strings.Contains(out, c.says) {
				t.Errorf("rules.sh after: %v, want ok=%v and %q in:\n%s", err, c.ok, c.says, out)
			}
		})
	}

	t.Run("before: SSH not open", func(t *testing.T) {
		r := newRulesScript(t, "gcp")
		r.outputs(map[string]any{"sshOpen": false})
		r.cloudSays(gcp(gcp443))
		if out, err := r.run("before"); err == nil || !strings.Contains(out, "sshOpen is not true") {
			t.Errorf("rules.sh before: %v, want a failure on sshOpen:\n%s", err, out)
		}
	})
}

// rulesScript runs rules.sh for one cloud with fake CLIs on PATH.
type rulesScript struct {
	t          *testing.T
	cloud, dir string
}

func newRulesScript(t *testing.T, cloud string) *rulesScript {
	r := &rulesScript{t: t, cloud: cloud, dir: t.TempDir()}
	// Each fake prints a file the test writes; `pulumi` is only ever asked
	// for `stack output --json`.
	fakes := map[string]string{"pulumi": "outputs.json", "aws": "cloud.json", "az": "cloud.json", "gcloud": "cloud.json"}
	for name, file := range fakes {
		script := "#!/usr/bin/env bash\ncat " + filepath.Join(r.dir, file) + "\n"
		if err := os.WriteFile(filepath.Join(r.dir, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func (r *rulesScript) outputs(o map[string]any) {
	data, err := json.Marshal(o)
	if err != nil {
		r.t.Fatal(err)
	}
	r.write("outputs.json", string(data))
}

func (r *rulesScript) cloudSays(js string) { r.write("cloud.json", js) }

func (r *rulesScript) write(name, data string) {
	if err := os.WriteFile(filepath.Join(r.dir, name), []byte(data), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *rulesScript) run(step string) (string, error) {
	cmd := exec.Command("bash", filepath.Join(repoRoot, ".github", "acceptance", "rules.sh"), step, r.cloud)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "PATH="+r.dir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"RUNNER_TEMP="+r.dir, "GCP_PROJECT=example-project", "GCP_NETWORK=example-vpc")
	out, err := cmd.CombinedOutput()
	return string(out), err
}
