package standin

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestCloudChangesFileFormat(t *testing.T) {
	c, err := readCloudChanges("")
	if err != nil || len(c.Deleted) != 0 || len(c.Changed) != 0 {
		t.Fatalf("unset: %+v %v", c, err)
	}
	c, err = readCloudChanges(filepath.Join(t.TempDir(), "missing.json"))
	if err != nil || len(c.Deleted) != 0 || len(c.Changed) != 0 {
		t.Fatalf("missing file: %+v %v", c, err)
	}
	c, err = readCloudChanges(writeChanges(t, `{"deleted": ["sgr-1", "x"], "changed": {"fw": {"disabled": true, "priority": 900}}}`))
	if err != nil {
		t.Fatal(err)
	}
	disabled, _ := c.Changed["fw"]["disabled"].(bool)
	if !c.isDeleted("sgr-1") || c.isDeleted("sgr-2") || !disabled || c.Changed["fw"]["priority"] != 900.0 {
		t.Fatalf("parsed %+v", c)
	}
	c, err = readCloudChanges(writeChanges(t, `{}`))
	if err != nil || len(c.Deleted) != 0 {
		t.Fatalf("empty object: %+v %v", c, err)
	}
	for _, bad := range []string{`{"deleted": "sgr-1"}`, `{"removed": []}`, `not json`, `{"changed": {"a": true}}`} {
		if _, err := readCloudChanges(writeChanges(t, bad)); err == nil || !strings.Contains(err.Error(), CloudChangesEnv) {
			t.Errorf("%s: err %v", bad, err)
		}
	}
}

func TestReadWithoutChangesReturnsRecordedState(t *testing.T) {
	t.Setenv(CloudChangesEnv, filepath.Join(t.TempDir(), "none.json"))
	s := New(Clouds["aws"], nil)
	id, resp, err := readVia(t, s, ingressRule, "ssh", pm("securityGroupId", "sg-1", "ipProtocol", "tcp", "cidrIpv4", "10.0.0.0/8"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetId() != id || resp.GetProperties().GetFields()["securityGroupRuleId"].GetStringValue() != id {
		t.Fatalf("read %v", resp)
	}
}

func TestReadDeletedIsNotFoundAndDeleteSucceeds(t *testing.T) {
	s := New(Clouds["aws"], nil)
	inputs := pm("securityGroupId", "sg-1", "ipProtocol", "tcp", "fromPort", 22, "toPort", 22, "cidrIpv4", "10.0.0.0/8")
	urn := resource.NewURN("dev", "proj", "", tokenType(ingressRule), "ssh")
	id, _ := createOutputs(nil, urn, inputs)

	path := filepath.Join(t.TempDir(), "changes.json")
	t.Setenv(CloudChangesEnv, path)
	// Before the file exists the rule is there...
	if _, resp, err := readVia(t, s, ingressRule, "ssh", inputs); err != nil || resp.GetId() != id {
		t.Fatalf("before: %v %v", resp, err)
	}
	// ...then the scheduler fires: the file may appear between engine runs.
	if err := os.WriteFile(path, []byte(`{"deleted": ["`+id+`"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, resp, err := readVia(t, s, ingressRule, "ssh", inputs)
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetId() != "" || resp.GetProperties() != nil {
		t.Fatalf("deleted resource read as %v, want not found (empty id)", resp)
	}
	if _, err := s.Delete(context.Background(), &pulumirpc.DeleteRequest{Id: id, Urn: string(urn)}); err != nil {
		t.Fatalf("delete of an already deleted rule: %v", err)
	}
	// Other resources are untouched.
	if _, resp, err := readVia(t, s, ingressRule, "https", inputs); err != nil || resp.GetId() == "" {
		t.Fatalf("other rule: %v %v", resp, err)
	}
}

func TestReadChangedMergesDrift(t *testing.T) {
	s := New(Clouds["gcp"], nil)
	inputs := pm("name", "ssh-fw", "network", "n", "priority", 1000, "sourceRanges", []any{"10.0.0.0/8"})
	urn := resource.NewURN("dev", "proj", "", tokenType(gcpFirewall), "ssh")
	id, _ := createOutputs(nil, urn, inputs)
	t.Setenv(CloudChangesEnv, writeChanges(t, `{"changed": {"`+id+`": {"disabled": true, "creationTimestamp": "2001-01-01T00:00:00Z"}}}`))

	_, resp, err := readVia(t, s, gcpFirewall, "ssh", inputs)
	if err != nil {
		t.Fatal(err)
	}
	outs, _ := unmarshal(resp.GetProperties())
	ins, _ := unmarshal(resp.GetInputs())
	if resp.GetId() != id || !outs["disabled"].IsBool() || !outs["disabled"].BoolValue() ||
		outs["creationTimestamp"].StringValue() != "2001-01-01T00:00:00Z" || outs["selfLink"].StringValue() == "" {
		t.Fatalf("outputs %v", outs)
	}
	// disabled is an input of the firewall (pinned SDK), creationTimestamp is output-only.
	if !ins["disabled"].IsBool() || !ins["disabled"].BoolValue() {
		t.Fatalf("inputs %v: want disabled=true merged", ins)
	}
	if _, ok := ins["creationTimestamp"]; ok {
		t.Fatalf("inputs %v: output-only property merged into inputs", ins)
	}
	// The next diff against the program's inputs sees the drift as an in-place update.
	d := computeDiff(lookupSpec(gcpFirewall), ins, inputs)
	if !reflect.DeepEqual(d.Changed, []string{"disabled"}) || len(d.Replaces) != 0 {
		t.Fatalf("diff after drift: %+v", d)
	}
}

func TestApplyDriftRecordedInputAndNilInputs(t *testing.T) {
	outs, ins, keys := applyDrift(nsgRule, map[string]any{"access": "Deny", "provisioningState": "Updating"},
		pm("access", "Allow", "provisioningState", "Succeeded"), pm("access", "Allow"))
	if outs["access"].StringValue() != "Deny" || ins["access"].StringValue() != "Deny" || ins.HasValue("provisioningState") ||
		!reflect.DeepEqual(keys, []string{"access", "provisioningState"}) {
		t.Fatalf("outs %v ins %v keys %v", outs, ins, keys)
	}
	_, ins, _ = applyDrift(nsgRule, map[string]any{"access": "Deny"}, pm("access", "Allow"), nil)
	if ins != nil {
		t.Fatalf("no recorded inputs must stay nil, got %v", ins)
	}
}

func TestMalformedChangesFileFailsReadAndDeleteAsStandin(t *testing.T) {
	t.Setenv(CloudChangesEnv, writeChanges(t, `{"deleted": 1}`))
	s := New(Clouds["azure-native"], nil)
	_, _, err := readVia(t, s, nsgRule, "r", pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "r"))
	if err == nil || !strings.Contains(err.Error(), "OFFLINE STAND-IN") {
		t.Fatalf("read err %v", err)
	}
	_, err = s.Delete(context.Background(), &pulumirpc.DeleteRequest{Id: "x"})
	if err == nil || !strings.Contains(err.Error(), "OFFLINE STAND-IN") {
		t.Fatalf("delete err %v", err)
	}
}
