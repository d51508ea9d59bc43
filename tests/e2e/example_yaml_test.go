package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExampleMulticloudYAML runs examples/multicloud-yaml as users would
// (`make examples-e2e`): a copy of the program, so no stack file lands in
// examples/, through preview (creates only), up, and a second preview that
// must report no changes; then its outputs and its export.
func TestExampleMulticloudYAML(t *testing.T) {
	s := newStack(t, "", nil)
	s.copyProgram(filepath.Join(repoRoot, "examples", "multicloud-yaml", "Pulumi.yaml"))
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
		s.pulumi("config", "set", k, v)
	}

	first := s.preview().ChangeSummary
	t.Logf("first preview: %v", first)
	if first["create"] < 3 || len(first) != 1 {
		t.Errorf("first preview: %v, want creates only", first)
	}
	s.up()

	outs := s.outputs()
	if rules, _ := outs["rules"].([]any); len(rules) == 0 {
		t.Errorf("stack output rules is empty: %v", outs["rules"])
	}
	for _, k := range []string{"awsApplianceSecurityGroupId", "awsAgentSecurityGroupId", "azureNetworkSecurityGroupId", "gcpTargetTag"} {
		if v, _ := outs[k].(string); v == "" {
			t.Errorf("stack output %s is empty", k)
		}
	}

	second := s.preview().ChangeSummary
	t.Logf("second preview: %v", second)
	for op, n := range second {
		if op != "same" && n != 0 {
			t.Errorf("second preview: %v, want no changes", second)
			break
		}
	}

	types := map[string]int{}
	for _, r := range s.export() {
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

// copyProgram uses a program from the repository as it is; the provider
// it names by package is found on PATH, as users' installs are.
func (s *stack) copyProgram(src string) {
	s.t.Helper()
	prog, err := os.ReadFile(src)
	if err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, "Pulumi.yaml"), prog, 0o644); err != nil {
		s.t.Fatal(err)
	}
	for i, kv := range s.env {
		if strings.HasPrefix(kv, "PATH=") {
			s.env[i] = "PATH=" + providerDir + string(os.PathListSeparator) + strings.TrimPrefix(kv, "PATH=")
		}
	}
	s.pulumi("stack", "init", "e2e")
	s.inited = true
}
