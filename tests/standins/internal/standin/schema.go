package standin

import (
	"encoding/json"
	"maps"
	"slices"
)

// Schema returns a minimal package schema: the cloud's resource types with their property names
// (typed Any, except the object outputs of Resource.Objects), enough for pulumi-yaml to type-check
// programs offline.
func (c *Cloud) Schema() ([]byte, error) {
	anyType := map[string]any{"$ref": "pulumi.json#/Any"}
	props := func(names ...[]string) map[string]any {
		m := map[string]any{}
		for _, ns := range names {
			for _, n := range ns {
				m[n] = anyType
			}
		}
		return m
	}
	resources, types := map[string]any{}, map[string]any{}
	for tok, spec := range c.Resources {
		p := sdkProperties[tok]
		inputs := slices.Sorted(maps.Keys(p.Inputs))
		outputs := props(inputs, p.Outputs)
		for name, o := range spec.Objects {
			outputs[name] = map[string]any{"$ref": "#/types/" + o.Token}
			types[o.Token] = map[string]any{"type": "object", "properties": props(o.Properties)}
		}
		r := map[string]any{
			"description":     "Offline stand-in (test fixture) for " + tok + ": never contacts a real cloud.",
			"inputProperties": props(inputs),
			"properties":      outputs,
		}
		if len(p.Required) > 0 {
			r["requiredInputs"] = p.Required
		}
		if len(spec.Replace) > 0 {
			// Not needed by the engine (Diff reports replacements), but documents them.
			r["replaceOnChanges"] = spec.Replace
		}
		resources[tok] = r
	}
	functions := map[string]any{}
	for tok, fn := range c.Invokes {
		functions[tok] = map[string]any{
			"inputs":  map[string]any{"properties": map[string]any{}},
			"outputs": map[string]any{"properties": props(sortedKeys(fn(Config{}, nil)))},
		}
	}
	pkg := map[string]any{
		"name":        c.Package,
		"version":     c.Version,
		"description": "OFFLINE STAND-IN test fixture for the " + c.Package + " provider. It records resources locally and never contacts a cloud.",
		"provider": map[string]any{
			"inputProperties": props(c.Config),
			"properties":      props(c.Config),
		},
		"resources": resources,
		"types":     types,
		"functions": functions,
	}
	return json.Marshal(pkg)
}
