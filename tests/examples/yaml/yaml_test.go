// Package yaml runs examples/multicloud-yaml through the real Pulumi engine (`make examples-e2e`):
// the Pulumi CLI and pulumi-language-yaml from `make tools`, the provider from `make build` and the
// OFFLINE STAND-IN aws, azure-native and gcp plugins from `make standins` (test fixtures: no cloud
// is contacted), in a temporary PULUMI_HOME and file backend, on a copy of the program so no stack
// file lands in examples/. preview (creates only), up, a second preview (no changes), the stack's
// outputs and its export. Standard library only; the engine is driven through the CLI's JSON.
package yaml

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMulticloudYAML(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "program")
	for _, d := range []string{dir, filepath.Join(tmp, "home"), filepath.Join(tmp, "state")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	prog, err := os.ReadFile(filepath.Join(root, "examples", "multicloud-yaml", "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), prog, 0o644); err != nil {
		t.Fatal(err)
	}

	var env []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "PATH", "PULUMI_HOME", "PULUMI_BACKEND_URL", "PULUMI_ACCESS_TOKEN", "PULUMI_STACK",
			"PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_IGNORE_AMBIENT_PLUGINS":
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		// the provider, the OFFLINE STAND-IN cloud plugins, the pinned CLI and YAML language host
		"PATH="+strings.Join([]string{filepath.Join(root, "bin"), filepath.Join(root, ".tools", "standins"),
			filepath.Join(root, ".tools", "bin"), os.Getenv("PATH")}, string(os.PathListSeparator)),
		"PULUMI_HOME="+filepath.Join(tmp, "home"),
		"PULUMI_BACKEND_URL=file://"+filepath.Join(tmp, "state"),
		"PULUMI_CONFIG_PASSPHRASE=examples-e2e",
		"PULUMI_SKIP_UPDATE_CHECK=true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
	)
	pulumi := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(filepath.Join(root, ".tools", "bin", "pulumi"), append(args, "--non-interactive")...)
		cmd.Dir, cmd.Env = dir, env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("pulumi %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
		}
		return stdout.Bytes()
	}
	preview := func() map[string]int {
		t.Helper()
		var p struct {
			ChangeSummary map[string]int `json:"changeSummary"`
		}
		if err := json.Unmarshal(pulumi("preview", "--json"), &p); err != nil {
			t.Fatal(err)
		}
		return p.ChangeSummary
	}

	pulumi("stack", "init", "e2e")
	for k, v := range map[string]string{
		"aws:region":            "us-east-1",
		"azure-native:location": "eastus",
		"gcp:project":           "example-project",
		"vpcId":                 "vpc-0123456789abcdef0",
		"natGatewayId":          "nat-0123456789abcdef0",
		"resourceGroupName":     "network-rg",
		"virtualNetworkName":    "vnet",
		"gcpNetwork":            "example-vpc",
	} {
		pulumi("config", "set", k, v)
	}

	first := preview()
	t.Logf("first preview: %v", first)
	if first["create"] < 3 || len(first) != 1 {
		t.Errorf("first preview: %v, want creates only", first)
	}

	pulumi("up", "--yes", "--skip-preview", "--suppress-progress")
	var outs map[string]any
	if err := json.Unmarshal(pulumi("stack", "output", "--json", "--show-secrets"), &outs); err != nil {
		t.Fatal(err)
	}
	rules, _ := outs["rules"].([]any)
	if len(rules) == 0 {
		t.Errorf("stack output rules is empty: %v", outs["rules"])
	}
	for _, k := range []string{"awsApplianceSecurityGroupId", "awsAgentSecurityGroupId", "azureNetworkSecurityGroupId", "gcpTargetTag"} {
		if v, _ := outs[k].(string); v == "" {
			t.Errorf("stack output %s is empty", k)
		}
	}

	second := preview()
	t.Logf("second preview: %v", second)
	for op, n := range second {
		if op != "same" && n != 0 {
			t.Errorf("second preview: %v, want no changes", second)
			break
		}
	}

	var d struct {
		Deployment struct {
			Resources []struct {
				Type string `json:"type"`
			} `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal(pulumi("stack", "export"), &d); err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	for _, r := range d.Deployment.Resources {
		types[r.Type]++
	}
	t.Logf("stack export: %v", types)
	for typ, want := range map[string]int{
		"threatmanager:index:ThreatManager":         1,
		"aws:ec2/subnet:Subnet":                     2,
		"aws:ec2/securityGroup:SecurityGroup":       2,
		"azure-native:network:Subnet":               1,
		"azure-native:network:NetworkSecurityGroup": 1,
		"gcp:compute/subnetwork:Subnetwork":         1,
	} {
		if types[typ] != want {
			t.Errorf("stack export: %d %s, want %d", types[typ], typ, want)
		}
	}
	for _, typ := range []string{
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
		"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
		"azure-native:network:SecurityRule",
		"gcp:compute/firewall:Firewall",
	} {
		if types[typ] == 0 {
			t.Errorf("stack export: no %s", typ)
		}
	}
}
