package provider

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds"
)

// The provider deploys exactly the registered clouds, in the registry's
// order: a cloud added to one list and not the other fails here.
func TestDeployersFollowTheRegistry(t *testing.T) {
	if len(deployers) != len(clouds.All) {
		t.Fatalf("%d deployers for %d registered clouds", len(deployers), len(clouds.All))
	}
	for i, c := range clouds.All {
		if got := deployers[i].cloud.Block; got != c.Block {
			t.Errorf("deployer %d is %q, the registry's cloud %d is %q", i, got, i, c.Block)
		}
	}
}

// Every block the registry names is an input of the component.
func TestEveryRegisteredCloudIsAnInputBlock(t *testing.T) {
	raw, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Resources map[string]struct {
			InputProperties map[string]json.RawMessage `json:"inputProperties"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	for _, c := range clouds.All {
		if _, ok := spec.Resources[Token].InputProperties[c.Block]; !ok {
			t.Errorf("the registered cloud %q is not an input of %s", c.Block, Token)
		}
	}
}
