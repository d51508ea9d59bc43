package main

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

func fixture(t *testing.T) []stateResource {
	t.Helper()
	data, err := os.ReadFile("testdata/export.json")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := parseExport(data)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestHandwritten: the fixture is a small component export (testdata/export.json) with what the
// generator must get right: references where the engine recorded an edge and only there, whole
// and inside longer strings, nested outputs; "$" escaped in values and keys; dependsOn for the
// edges no value carries; one logical name shared by several types; secrets.
func TestHandwritten(t *testing.T) {
	prog, err := handwritten("by-hand", map[string]string{"aws:region": "us-east-1"}, fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]resource{
		"tm-appliances": {Type: "aws:ec2/securityGroup:SecurityGroup", Properties: map[string]any{
			"name": "tm-appliances-0aaaaaa", "vpcId": "vpc-0123456789abcdef0",
			"description": "costs $$5, not $${tm-agents.id}",
		}},
		"tm-agents": {Type: "aws:ec2/securityGroup:SecurityGroup", Properties: map[string]any{
			"name": "tm-agents-0bbbbbb", "vpcId": "vpc-0123456789abcdef0",
			// Equal to tm-appliances' id, but no recorded edge: it stays a literal.
			"tags": map[string]any{"Peer": "sg-0aaaaaaaaaaaaaaaa"},
		}},
		"tm-ingress-443": {Type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", Properties: map[string]any{
			"securityGroupId":           "${tm-appliances.id}",
			"referencedSecurityGroupId": "${tm-agents.id}",
			"fromPort":                  443.0, "toPort": 443.0, "ipProtocol": "tcp", "description": "Agent updates",
		}},
		"tm-ssh-expiry-aws-role": {Type: "aws:iam/role:Role", Name: "tm-ssh-expiry", Properties: map[string]any{
			"name":             "tm-ssh-expiry-0dddddd",
			"assumeRolePolicy": `{"aws:SourceAccount":"${tm-appliances.ownerId}"}`,
		}},
		"tm-ssh-expiry-aws-rolepolicy": {Type: "aws:iam/rolePolicy:RolePolicy", Name: "tm-ssh-expiry", Properties: map[string]any{
			"role":   "${tm-ssh-expiry-aws-role.id}",
			"policy": `{"Resource":"${tm-appliances.arn}"}`,
			"token":  map[string]any{"fn::secret": "s3cr$$t"},
		}, Options: &options{DependsOn: []string{"${tm-ingress-443}"}}},
		"tm-ssh-expiry-azure-native-workflow": {Type: "azure-native:logic:Workflow", Name: "tm-ssh-expiry", Properties: map[string]any{
			"identity":   map[string]any{"type": "SystemAssigned"},
			"definition": map[string]any{"$$schema": "https://example/workflowdefinition.json#"},
		}},
		"tm-ssh-expiry-azure-native-roleassignment": {Type: "azure-native:authorization:RoleAssignment", Name: "tm-ssh-expiry", Properties: map[string]any{
			"principalId":   "${tm-ssh-expiry-azure-native-workflow.identity.principalId}",
			"principalType": "ServicePrincipal",
		}},
	}
	for _, k := range sortedKeys(want) {
		got, ok := prog.Resources[k]
		if !ok {
			t.Errorf("no resource %s; have %v", k, sortedKeys(prog.Resources))
			continue
		}
		if !reflect.DeepEqual(got, want[k]) {
			t.Errorf("%s:\n got  %s\n want %s", k, asJSON(got), asJSON(want[k]))
		}
	}
	if len(prog.Resources) != len(want) {
		t.Errorf("%d resources %v, want %d (no stack, component or provider)", len(prog.Resources), sortedKeys(prog.Resources), len(want))
	}
	if prog.Plugins != nil || prog.Config["aws:region"].Value != "us-east-1" {
		t.Errorf("plugins %v, config %v: want no plugins and the scenario's config", prog.Plugins, prog.Config)
	}
}

// A dependency the by-hand program cannot declare is an error, not a dropped edge.
func TestHandwrittenRefusesForeignDependency(t *testing.T) {
	rs := fixture(t)
	for i := range rs {
		if rs[i].name() == "tm-agents" {
			rs[i].Dependencies = []string{"urn:pulumi:s::p::threatmanager:index:ThreatManager::tm"}
		}
	}
	if _, err := handwritten("by-hand", nil, rs); err == nil {
		t.Fatal("no error for a dependency on the component")
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{"plain": "plain", "${x.id}": "$${x.id}", "$$": "$$$$", "a$b": "a$$b"} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
