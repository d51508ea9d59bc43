package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// withTypedInputs checks the component's inputs against the schema before
// infer decodes them, so a value of the wrong type gets an error naming its
// whole path ("sshAccess.expiresAt: expected a string, got a number"), as
// every other bad input does, instead of infer's message naming only the
// top-level field. SDKs and YAML check types already; this is for everyone
// else (raw gRPC, other engines, hand-written state).
func withTypedInputs(prov p.Provider) p.Provider {
	construct, getSchema := prov.Construct, prov.GetSchema
	var once sync.Once
	var spec schemaSpec
	var specErr error
	prov.Construct = func(ctx context.Context, req p.ConstructRequest) (p.ConstructResponse, error) {
		once.Do(func() {
			var resp p.GetSchemaResponse
			if resp, specErr = getSchema(ctx, p.GetSchemaRequest{}); specErr == nil {
				specErr = json.Unmarshal([]byte(resp.Schema), &spec)
			}
		})
		if specErr != nil {
			return p.ConstructResponse{}, fmt.Errorf("schema: %w", specErr)
		}
		if component, ok := spec.Resources[Token]; ok {
			var c typeChecker
			c.spec = spec
			c.object("", component.InputProperties, req.Inputs)
			if len(c.errs) > 0 {
				return p.ConstructResponse{}, &rules.InputError{Errors: c.errs}
			}
		}
		return construct(ctx, req)
	}
	return prov
}

// schemaSpec is the part of the package schema the check reads.
type schemaSpec struct {
	Resources map[string]struct {
		InputProperties map[string]typeSpec `json:"inputProperties"`
	} `json:"resources"`
	Types map[string]struct {
		Type       string              `json:"type"`
		Properties map[string]typeSpec `json:"properties"`
		Enum       []struct {
			Value any `json:"value"`
		} `json:"enum"`
	} `json:"types"`
}

type typeSpec struct {
	Type                 string    `json:"type"`
	Ref                  string    `json:"$ref"`
	Items                *typeSpec `json:"items"`
	AdditionalProperties *typeSpec `json:"additionalProperties"`
}

type typeChecker struct {
	spec schemaSpec
	errs []*rules.FieldError
}

func (c *typeChecker) fail(path, format string, args ...any) {
	c.errs = append(c.errs, &rules.FieldError{Field: path, Reason: fmt.Sprintf(format, args...)})
}

// object checks a map against its properties: unknown fields are refused,
// as a misspelt field would otherwise be dropped without a word.
func (c *typeChecker) object(path string, props map[string]typeSpec, m property.Map) {
	for key, v := range m.AllStable {
		field := key
		if path != "" {
			field = path + "." + key
		}
		spec, ok := props[key]
		switch {
		case v.IsNull():
			// SDKs send the outputs they declare as null inputs.
			continue
		case !ok:
			c.fail(field, "is not an input of %s", orComponent(path))
			continue
		}
		c.value(field, spec, v)
	}
}

func orComponent(path string) string {
	if path == "" {
		return "ThreatManager"
	}
	return path
}

func (c *typeChecker) value(path string, spec typeSpec, v property.Value) {
	if v.IsNull() || v.IsComputed() {
		return // absent, or known only later: the model decides
	}
	if spec.Ref != "" {
		name := strings.TrimPrefix(spec.Ref, "#/types/")
		typ, ok := c.spec.Types[name]
		switch {
		case !ok:
			return
		case len(typ.Enum) > 0:
			c.scalar(path, typ.Type, v) // the model names the allowed values
		default:
			if !v.IsMap() {
				c.fail(path, "expected an object, got %s", kindOf(v))
				return
			}
			c.object(path, typ.Properties, v.AsMap())
		}
		return
	}
	switch spec.Type {
	case "array":
		if !v.IsArray() {
			c.fail(path, "expected a list, got %s", kindOf(v))
			return
		}
		for i, item := range v.AsArray().AsSlice() {
			if spec.Items != nil {
				c.value(fmt.Sprintf("%s[%d]", path, i), *spec.Items, item)
			}
		}
	case "object":
		if !v.IsMap() {
			c.fail(path, "expected an object, got %s", kindOf(v))
			return
		}
		for k, item := range v.AsMap().All {
			if spec.AdditionalProperties != nil {
				c.value(path+"["+k+"]", *spec.AdditionalProperties, item)
			}
		}
	default:
		c.scalar(path, spec.Type, v)
	}
}

func (c *typeChecker) scalar(path, typ string, v property.Value) {
	switch typ {
	case "string":
		if !v.IsString() {
			c.fail(path, "expected a string, got %s", kindOf(v))
		}
	case "boolean":
		if !v.IsBool() {
			c.fail(path, "expected true or false, got %s", kindOf(v))
		}
	case "integer":
		switch {
		case !v.IsNumber():
			c.fail(path, "expected a whole number, got %s", kindOf(v))
		case v.AsNumber() != math.Trunc(v.AsNumber()):
			c.fail(path, "expected a whole number, got %v", v.AsNumber())
		case math.Abs(v.AsNumber()) > math.MaxInt32:
			c.fail(path, "%.0f is too large a number for this input", v.AsNumber())
		}
	case "number":
		if !v.IsNumber() {
			c.fail(path, "expected a number, got %s", kindOf(v))
		}
	}
}

func kindOf(v property.Value) string {
	switch {
	case v.IsString():
		return "a string"
	case v.IsNumber():
		return "a number"
	case v.IsBool():
		return "a boolean"
	case v.IsArray():
		return "a list"
	case v.IsMap():
		return "an object"
	}
	return "another kind of value"
}
