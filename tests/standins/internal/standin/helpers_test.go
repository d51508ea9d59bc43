package standin

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// pm builds a property map from key, value pairs.
func pm(kv ...any) resource.PropertyMap {
	if len(kv)%2 != 0 {
		panic(fmt.Sprintf("pm: %d arguments, not key, value pairs", len(kv)))
	}
	m := resource.PropertyMap{}
	for i := 1; i < len(kv); i += 2 {
		m[resource.PropertyKey(kv[i-1].(string))] = resource.NewPropertyValue(kv[i])
	}
	return m
}

// with is a copy of base with the key, value pairs set.
func with(base resource.PropertyMap, kv ...any) resource.PropertyMap {
	out := base.Copy()
	maps.Copy(out, pm(kv...))
	return out
}

// without is a copy of base without the keys.
func without(base resource.PropertyMap, keys ...string) resource.PropertyMap {
	out := base.Copy()
	for _, k := range keys {
		delete(out, resource.PropertyKey(k))
	}
	return out
}

func unknown() resource.PropertyValue { return resource.MakeComputed(resource.NewStringProperty("")) }

func tokenType(tok string) tokens.Type { return tokens.Type(tok) }

func urnOf(tok, name string) resource.URN {
	return resource.NewURN("dev", "proj", "", tokenType(tok), name)
}

// specs are the resource types of every registered cloud, by token.
func specs() map[string]*Resource {
	out := map[string]*Resource{}
	for _, c := range Clouds {
		maps.Copy(out, c.Resources)
	}
	return out
}

// lookupSpec is a type's behaviour in the cloud of its package (an empty one for a type that
// cloud does not model, or for an unknown package).
func lookupSpec(token string) *Resource {
	if c, ok := Clouds[token[:max(strings.Index(token, ":"), 0)]]; ok {
		return c.resource(token)
	}
	return &Resource{token: token}
}

// configs are provider configurations by package, as each stand-in is configured.
type configs map[string]Config

// createOutputs is what the stand-in of the type's package creates, configured by cfg.
func createOutputs(cfg configs, urn resource.URN, inputs resource.PropertyMap) (string, resource.PropertyMap) {
	r := lookupSpec(string(urn.Type()))
	return r.create(cfg[r.cloud.Package], urn, inputs)
}

// createTwice creates a resource twice and fails unless both give the same id and outputs.
func createTwice(t *testing.T, cfg configs, tok, name string, inputs resource.PropertyMap) (string, resource.PropertyMap) {
	t.Helper()
	id, out := createOutputs(cfg, urnOf(tok, name), inputs)
	id2, out2 := createOutputs(cfg, urnOf(tok, name), inputs)
	if id != id2 || !out.DeepEquals(out2) {
		t.Errorf("%s: not deterministic", tok)
	}
	return id, out
}

// updateOutputs is what the stand-in of the type's package reports after an update.
func updateOutputs(token string, oldState, oldInputs, news resource.PropertyMap) resource.PropertyMap {
	return lookupSpec(token).update(oldState, oldInputs, news)
}

func wantString(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// createVia creates a resource through the gRPC method.
func createVia(t *testing.T, s *Server, token, name string, inputs resource.PropertyMap) (string, error) {
	t.Helper()
	props, _ := marshal(inputs)
	resp, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: string(urnOf(token, name)), Properties: props})
	return resp.GetId(), err
}

func deleteVia(t *testing.T, s *Server, token, name, id string) {
	t.Helper()
	if _, err := s.Delete(context.Background(), &pulumirpc.DeleteRequest{Urn: string(urnOf(token, name)), Id: id}); err != nil {
		t.Fatal(err)
	}
}

// readVia creates a resource through the stand-in's own Create and reads it back through the gRPC
// method, the way `pulumi refresh` does.
func readVia(t *testing.T, s *Server, token, name string, inputs resource.PropertyMap) (string, *pulumirpc.ReadResponse, error) {
	t.Helper()
	urn := urnOf(token, name)
	id, state := createOutputs(nil, urn, inputs)
	props, _ := marshal(state)
	ins, _ := marshal(inputs)
	resp, err := s.Read(context.Background(), &pulumirpc.ReadRequest{Id: id, Urn: string(urn), Properties: props, Inputs: ins})
	return id, resp, err
}

// updateVia updates a created resource through the gRPC method with new inputs.
func updateVia(t *testing.T, s *Server, token, name, id string, olds, news resource.PropertyMap, preview bool) error {
	t.Helper()
	urn := urnOf(token, name)
	_, state := createOutputs(nil, urn, olds)
	st, _ := marshal(state)
	oi, _ := marshal(olds)
	ni, _ := marshal(news)
	_, err := s.Update(context.Background(), &pulumirpc.UpdateRequest{Urn: string(urn), Id: id, Olds: st, OldInputs: oi, News: ni, Preview: preview})
	return err
}

// setClock points the stand-ins at a clock offset file, as the e2e harness does, and returns a
// function that moves the clock to the given offset.
func setClock(t *testing.T) func(time.Duration) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "clock")
	t.Setenv(ClockOffsetFileEnv, p)
	return func(d time.Duration) {
		if err := os.WriteFile(p, []byte(d.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func writeChanges(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "changes.json")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
