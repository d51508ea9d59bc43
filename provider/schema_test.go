package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"
)

// The committed schema.json is what SDKs and the Registry are built from;
// it must be exactly what the code serves. `make schema` rewrites it.
func TestCommittedSchemaMatchesTheCode(t *testing.T) {
	want, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("schema.json is out of date with the Go types: run `make schema` and commit the result")
	}
}

func TestSchemaPlainnessFollowsTheGoTypes(t *testing.T) {
	raw, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Resources map[string]struct {
			InputProperties map[string]struct {
				Plain bool `json:"plain"`
				Items *struct {
					Plain bool `json:"plain"`
				} `json:"items"`
			} `json:"inputProperties"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	inputs := spec.Resources[Token].InputProperties
	if a := inputs["agentCidrs"]; a.Plain || a.Items == nil || a.Items.Plain {
		t.Errorf("agentCidrs must take outputs, and lists of outputs: %+v", a)
	}
	for _, plain := range []string{"datacenter", "aws", "azure", "gcp", "sshAccess", "dnsServers", "tags", "egressHttp"} {
		if !inputs[plain].Plain {
			t.Errorf("%s names children, so it must be plain", plain)
		}
	}
}

func TestSchemaDefinesTheComponent(t *testing.T) {
	raw, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Name      string `json:"name"`
		Resources map[string]struct {
			IsComponent     bool                       `json:"isComponent"`
			InputProperties map[string]json.RawMessage `json:"inputProperties"`
			Properties      map[string]json.RawMessage `json:"properties"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	tm, ok := spec.Resources[Token]
	if spec.Name != Name || !ok || !tm.IsComponent {
		t.Fatalf("schema lacks component %s", Token)
	}
	for _, input := range []string{"datacenter", "agentCidrs", "sshAccess", "egressHttp", "activeScanning", "dnsServers", "extraNtpRanges", "datacenterRanges", "datacenterNtpRanges", "tags", "aws", "azure", "gcp"} {
		if _, ok := tm.InputProperties[input]; !ok {
			t.Errorf("input %s missing", input)
		}
	}
	for _, output := range []string{"rules", "sshOpen", "sshExpiresAt", "awsSubnetIds", "awsRouteTableIds", "awsApplianceSecurityGroupId", "awsAgentSecurityGroupId", "awsAgentPrefixListId"} {
		if _, ok := tm.Properties[output]; !ok {
			t.Errorf("output %s missing", output)
		}
	}
}
