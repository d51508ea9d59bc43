package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestExampleMulticloudYAML runs examples/multicloud-yaml as users would
// (`make examples-e2e`): a copy of the program, so no stack file lands in
// examples/, through preview (creates only), up, and a second preview that
// must report no changes; then the rules each cloud holds, from the stack
// export, against the seed. The example leaves SSH closed; the test opens
// it as the example's README says, with an expiry three hours from now, so
// the run covers SSH on whatever day it runs.
func TestExampleMulticloudYAML(t *testing.T) {
	s := newStack(t, "", nil)
	s.copyProgram(filepath.Join(repoRoot, "examples", "multicloud-yaml", "Pulumi.yaml"))
	expiresAt := time.Now().UTC().Add(3 * time.Hour).Truncate(time.Second).Format(time.RFC3339)
	s.addToProperties("threatManager", "sshAccess:\n  expiresAt: "+strconv.Quote(expiresAt))
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

	// The policy pack runs in every preview: a mandatory violation would fail it.
	first := s.preview("--policy-pack", policyPack()).ChangeSummary
	t.Logf("first preview: %v", first)
	if first["create"] < 3 || len(first) != 1 {
		t.Errorf("first preview: %v, want creates only", first)
	}
	s.up()

	outs := s.outputs()
	for _, k := range []string{"awsApplianceSecurityGroupId", "awsAgentSecurityGroupId", "azureNetworkSecurityGroupId", "gcpTargetTag"} {
		if v, _ := outs[k].(string); v == "" {
			t.Errorf("stack output %s is empty", k)
		}
	}
	if open, _ := outs["sshOpen"].(bool); !open {
		t.Errorf("stack output sshOpen = %v, want true until %s", outs["sshOpen"], expiresAt)
	}

	second := s.preview("--policy-pack", policyPack()).ChangeSummary
	t.Logf("second preview: %v", second)
	for op, n := range second {
		if op != "same" && n != 0 {
			t.Errorf("second preview: %v, want no changes", second)
			break
		}
	}

	// Nor any advisory one, which only the text output shows.
	if out := s.pulumi("preview", "--policy-pack", policyPack()); !strings.Contains(string(out), "threatmanager-policies@v") || len(violations(out)) > 0 {
		t.Errorf("the policy pack did not pass the example's preview: %v\n%s", violations(out), tail(string(out), 3000))
	}

	res := s.export()
	types := map[string]int{}
	for _, r := range res {
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

	// The example's input: datacenter us, three agent networks, SSH open;
	// nothing switched off.
	want := append(seedRows("us", "10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16"), sshRows("us")...)
	kids := children(t, res)
	appliance, agentSide := awsRules(t, kids)
	sameRows(t, "AWS: the appliance group's rules", appliance, want)
	sameRows(t, "AWS: the agent group's rules", agentSide, agentSideRows("threat-manager-appliances"))
	sameRows(t, "Azure: the NSG's security rules", azureRules(t, kids), slices.Concat(want, denyAllRows))
	sameRows(t, "GCP: the firewall rules", gcpRules(t, kids), slices.Concat(want, denyAllRows))
}

// addToProperties adds YAML (relative to the properties' indentation) to
// the properties of a resource in the copied program, above its first
// property.
func (s *stack) addToProperties(resource, yaml string) {
	s.t.Helper()
	path := filepath.Join(s.dir, "Pulumi.yaml")
	prog, err := os.ReadFile(path)
	if err != nil {
		s.t.Fatal(err)
	}
	lines := strings.Split(string(prog), "\n")
	at := slices.Index(lines, "  "+resource+":")
	for at >= 0 && at < len(lines) && strings.TrimSpace(lines[at]) != "properties:" {
		at++
	}
	if at < 0 || at+1 >= len(lines) {
		s.t.Fatalf("%s: no properties of %s", path, resource)
	}
	first := lines[at+1]
	indent := first[:len(first)-len(strings.TrimLeft(first, " "))]
	var add []string
	for l := range strings.SplitSeq(yaml, "\n") {
		add = append(add, indent+l)
	}
	lines = slices.Insert(lines, at+1, add...)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		s.t.Fatal(err)
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
		if after, ok := strings.CutPrefix(kv, "PATH="); ok {
			s.env[i] = "PATH=" + providerDir + string(os.PathListSeparator) + after
		}
	}
	s.pulumi("stack", "init", "e2e")
	s.inited = true
}
