package standin

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// A fourth cloud, written here as a new cloud's table would be written in <name>.go, with the
// property lists its generated <name>_sdk_gen.go would add: the stand-in serves it through every
// RPC with no change to the machinery. It is registered for this test only.
var recorderCloud = &Cloud{
	Name: "recorder", Package: "recorder", Version: "0.0.1",
	Config: []string{"region"},
	Resources: map[string]*Resource{
		"recorder:index:Rule": {
			Replace:  []string{"group"},
			AutoName: "name", AutoNameOf: func(urn resource.URN) string { return urn.Name() + "-rec" },
			Defaults: resource.PropertyMap{"priority": resource.NewNumberProperty(100)},
			Check: func(inputs resource.PropertyMap) []checkFailure {
				if p := inputs["port"]; p.IsNumber() && p.NumberValue() < 0 {
					return []checkFailure{{"port", "port must not be negative"}}
				}
				return nil
			},
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				out["arn"] = resource.NewStringProperty("rec:" + cfg.get("region", "here") + ":" + str(inputs, "name"))
				out["revision"] = resource.NewNumberProperty(1)
				return "rule-" + hexOf(8, string(urn))
			},
			Update: func(oldState, _, _, out resource.PropertyMap) {
				out["revision"] = resource.NewNumberProperty(oldState["revision"].NumberValue() + 1)
			},
			SoftDelete: &SoftDelete{Undeletable: time.Hour, Reserved: 2 * time.Hour,
				Refused: func(id string, age time.Duration, _ time.Time) error {
					return fmt.Errorf("%s was deleted %s ago", id, age.Round(time.Minute))
				}},
		},
	},
	Invokes: map[string]func(Config, resource.PropertyMap) resource.PropertyMap{
		"recorder:index:whereAmI": func(cfg Config, _ resource.PropertyMap) resource.PropertyMap {
			return resource.PropertyMap{"region": resource.NewStringProperty(cfg.get("region", "here"))}
		},
	},
	Normalize:       map[string]func(string) string{"group": strings.ToLower},
	UpdateOfDeleted: func(_, id string) (bool, error) { return false, fmt.Errorf("no rule %s", id) },
}

const recorderRule = "recorder:index:Rule"

func TestANewCloudIsOneTable(t *testing.T) {
	addSDKTypes(map[string]sdkProps{recorderRule: {
		Inputs:   map[string]string{"name": "string", "group": "string", "port": "number", "priority": "number"},
		Required: []string{"group"}, Outputs: []string{"arn", "revision"},
	}}, nil)
	t.Cleanup(func() { delete(sdkProperties, recorderRule) })
	dir := t.TempDir()
	t.Setenv(CloudStateEnv, filepath.Join(dir, "state.json"))
	t.Setenv(CloudChangesEnv, filepath.Join(dir, "changes.json"))
	clock := setClock(t)
	s := New(register(recorderCloud)["recorder"], nil)
	ctx, urn := context.Background(), urnOf(recorderRule, "r1")

	schema, err := s.GetSchema(ctx, &pulumirpc.GetSchemaRequest{})
	if err != nil || !strings.Contains(schema.GetSchema(), `"replaceOnChanges":["group"]`) ||
		!strings.Contains(schema.GetSchema(), `"recorder:index:whereAmI"`) {
		t.Fatalf("schema %s %v", schema.GetSchema(), err)
	}
	args, _ := marshal(pm("region", "mars"))
	if _, err := s.Configure(ctx, &pulumirpc.ConfigureRequest{Args: args}); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: "recorder:index:whereAmI"}); err != nil ||
		r.GetReturn().GetFields()["region"].GetStringValue() != "mars" {
		t.Fatalf("invoke %v %v", r, err)
	}

	check := func(inputs resource.PropertyMap) (resource.PropertyMap, []string) {
		news, _ := marshal(inputs)
		resp, err := s.Check(ctx, &pulumirpc.CheckRequest{Urn: string(urn), News: news})
		if err != nil {
			t.Fatal(err)
		}
		var failures []string
		for _, f := range resp.GetFailures() {
			failures = append(failures, f.GetProperty())
		}
		checked, _ := unmarshal(resp.GetInputs())
		return checked, failures
	}
	inputs, failures := check(pm("group", "A", "port", 22))
	if len(failures) != 0 || str(inputs, "name") != "r1-rec" || inputs["priority"].NumberValue() != 100 {
		t.Fatalf("check: %v %v", inputs, failures)
	}
	if _, failures := check(pm("port", "x", "size", 1)); !reflect.DeepEqual(failures, []string{"port", "size", "group"}) {
		t.Fatalf("schema failures %v", failures)
	}
	if _, failures := check(pm("group", "A", "port", -1)); !reflect.DeepEqual(failures, []string{"port"}) {
		t.Fatalf("own rule's failures %v", failures)
	}

	props, _ := marshal(inputs)
	created, err := s.Create(ctx, &pulumirpc.CreateRequest{Urn: string(urn), Properties: props})
	id := created.GetId()
	state, _ := unmarshal(created.GetProperties())
	if err != nil || id == "" || str(state, "arn") != "rec:mars:r1-rec" {
		t.Fatalf("create: %q %v %v", id, state, err)
	}
	for news, want := range map[string][]string{"a": nil, "B": {"group"}} {
		d := computeDiff(s.cloud.resource(recorderRule), inputs, with(inputs, "group", news))
		if !reflect.DeepEqual(d.Replaces, want) {
			t.Errorf("group A to %s: replaces %v, want %v", news, d.Replaces, want)
		}
	}
	if upd := s.cloud.resource(recorderRule).update(state, inputs, with(inputs, "port", 23)); upd["revision"].NumberValue() != 2 {
		t.Errorf("update %v", upd)
	}

	// Soft delete: undeleted at once, refused after 90 minutes.
	deleteVia(t, s, recorderRule, "r1", id)
	if _, err := createVia(t, s, recorderRule, "r1", inputs); err != nil {
		t.Fatalf("undelete: %v", err)
	}
	deleteVia(t, s, recorderRule, "r1", id)
	clock(90 * time.Minute)
	if _, err := createVia(t, s, recorderRule, "r1", inputs); err == nil || !strings.Contains(err.Error(), id+" was deleted 1h30m0s ago") {
		t.Fatalf("create within the reserved time: %v", err)
	}
	clock(3 * time.Hour)
	if _, err := createVia(t, s, recorderRule, "r1", inputs); err != nil {
		t.Fatalf("create after the reserved time: %v", err)
	}

	// Deleted out of band: the cloud's own not found.
	if err := os.WriteFile(os.Getenv(CloudChangesEnv), []byte(`{"deleted": ["`+id+`"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = s.Update(ctx, &pulumirpc.UpdateRequest{Urn: string(urn), Id: id, Olds: created.GetProperties(), OldInputs: props, News: props})
	if err == nil || !strings.Contains(err.Error(), "no rule "+id) {
		t.Fatalf("update of a deleted rule: %v", err)
	}
}
