//go:build e2e

// The example through the real Pulumi engine: `make examples-e2e` runs this file with -tags e2e.
// The program runs as an automation-API inline program (the Go SDK serves its own language
// runtime), with the Pulumi CLI from `make tools`, the provider from `make build` and the OFFLINE
// STAND-IN gcp plugin from `make standins` (a test fixture: no cloud is contacted), in a
// temporary PULUMI_HOME and file backend.
package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

func TestEngine(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("PATH", strings.Join([]string{
		filepath.Join(root, "bin"),                // pulumi-resource-threatmanager
		filepath.Join(root, ".tools", "standins"), // the OFFLINE STAND-IN cloud plugins
		filepath.Join(root, ".tools", "bin"),      // the pinned pulumi CLI
		os.Getenv("PATH"),
	}, string(os.PathListSeparator)))
	t.Setenv("PULUMI_HOME", filepath.Join(tmp, "home"))
	t.Setenv("PULUMI_BACKEND_URL", "file://"+filepath.Join(tmp, "state"))
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "examples-e2e")
	t.Setenv("PULUMI_SKIP_UPDATE_CHECK", "true")
	t.Setenv("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true")
	t.Setenv("PULUMI_IGNORE_AMBIENT_PLUGINS", "")
	t.Setenv("PULUMI_ACCESS_TOKEN", "")
	for _, d := range []string{"home", "state"} {
		if err := os.MkdirAll(filepath.Join(tmp, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}

	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, "e2e", "threatmanager-gcp-go", program)
	if err != nil {
		t.Fatal(err)
	}
	if err := stack.SetAllConfig(ctx, auto.ConfigMap{
		"gcp:project": {Value: "example-project"},
		"network":     {Value: "example-vpc"},
	}); err != nil {
		t.Fatal(err)
	}

	first, err := stack.Preview(ctx, optpreview.SuppressProgress())
	if err != nil {
		t.Fatalf("first preview: %v", err)
	}
	t.Logf("first preview: %v", first.ChangeSummary)
	if n := first.ChangeSummary[apitype.OpCreate]; n < 3 || len(first.ChangeSummary) != 1 {
		t.Errorf("first preview: %v, want creates only", first.ChangeSummary)
	}

	up, err := stack.Up(ctx, optup.SuppressProgress())
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	t.Logf("up: %s, %v", up.Summary.Result, *up.Summary.ResourceChanges)
	rules, _ := up.Outputs["rules"].Value.([]any)
	if len(rules) == 0 {
		t.Errorf("stack output rules is empty: %v", up.Outputs["rules"])
	}
	for _, k := range []string{"targetTag", "subnetworkId", "firewallNames"} {
		if v := up.Outputs[k].Value; v == nil || v == "" {
			t.Errorf("stack output %s is empty", k)
		}
	}

	second, err := stack.Preview(ctx, optpreview.SuppressProgress())
	if err != nil {
		t.Fatalf("second preview: %v", err)
	}
	t.Logf("second preview: %v", second.ChangeSummary)
	for op, n := range second.ChangeSummary {
		if op != apitype.OpSame && n != 0 {
			t.Errorf("second preview: %v, want no changes", second.ChangeSummary)
			break
		}
	}

	state, err := stack.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Resources []struct {
			Type   string `json:"type"`
			Parent string `json:"parent"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(state.Deployment, &d); err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	for _, r := range d.Resources {
		types[r.Type]++
	}
	t.Logf("stack export: %v", types)
	names, _ := up.Outputs["firewallNames"].Value.([]any)
	for typ, want := range map[string]int{
		"threatmanager:index:ThreatManager": 1,
		"gcp:compute/subnetwork:Subnetwork": 1,
		"gcp:compute/firewall:Firewall":     len(names),
	} {
		if types[typ] != want || want == 0 {
			t.Errorf("stack export: %d %s, want %d", types[typ], typ, want)
		}
	}
}
