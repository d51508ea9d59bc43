package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// withExactPlainness corrects the schema that infer derives, which marks
// only the leaves of a list as plain and never an object. Left alone, the
// SDKs would accept an Output for `aws` or `dnsServers`, values the
// component needs at once to name its children, and refuse a list of
// Outputs for `agentCidrs`, which it is built to take. The Go types stay
// the single source: a field typed as a pulumi.Input is an input all the
// way down; any other field is plain all the way down.
func withExactPlainness(prov p.Provider) p.Provider {
	get := prov.GetSchema
	prov.GetSchema = func(ctx context.Context, req p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		resp, err := get(ctx, req)
		if err != nil {
			return resp, err
		}
		resp.Schema, err = exactPlainness(resp.Schema)
		return resp, err
	}
	return prov
}

var inputInterface = reflect.TypeFor[pulumi.Input]()

func exactPlainness(schema string) (string, error) {
	var spec map[string]any
	if err := json.Unmarshal([]byte(schema), &spec); err != nil {
		return "", fmt.Errorf("schema: %w", err)
	}
	resources, _ := spec["resources"].(map[string]any)
	types, _ := spec["types"].(map[string]any)
	component, _ := resources[Token].(map[string]any)
	if component == nil {
		return "", fmt.Errorf("schema: no %s", Token)
	}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type, props map[string]any)
	walk = func(t reflect.Type, props map[string]any) {
		for _, field := range reflect.VisibleFields(t) {
			name, _, _ := strings.Cut(field.Tag.Get("pulumi"), ",")
			prop, ok := props[name].(map[string]any)
			if name == "" || !ok {
				continue
			}
			setPlain(prop, !field.Type.Implements(inputInterface))
			if nested := structOf(field.Type); nested != nil && !seen[nested] {
				seen[nested] = true
				if typ, ok := types[Name+":index:"+nested.Name()].(map[string]any); ok {
					nestedProps, _ := typ["properties"].(map[string]any)
					walk(nested, nestedProps)
				}
			}
		}
	}
	inputs, _ := component["inputProperties"].(map[string]any)
	walk(reflect.TypeFor[ThreatManagerArgs](), inputs)

	out, err := json.Marshal(spec)
	return string(out), err
}

// setPlain marks a property, and the items or values of a list or map, as
// plain or not.
func setPlain(prop map[string]any, plain bool) {
	for _, spec := range []map[string]any{prop, asMap(prop["items"]), asMap(prop["additionalProperties"])} {
		switch {
		case spec == nil:
		case plain:
			spec["plain"] = true
		default:
			delete(spec, "plain")
		}
	}
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// structOf finds the struct behind a pointer or slice field, if any.
func structOf(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		return t
	}
	return nil
}
