package standin

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Type expressions, as cmd/sdkprops writes them into the <cloud>_sdk_gen.go files:
//
//	string | number | boolean | any    a scalar, or anything (a Logic App definition)
//	[]T                                an array of T
//	map[string]T                       an object with any keys, values of T
//	#<token>                           a nested object: the properties of sdkObjectTypes[token]
//
// checkInputs holds the program's inputs to them, as the real providers' Check holds them to their
// schema: no property the schema lacks, every value of its type, every required one present.

// checkInputs returns the failures of a resource's inputs against its SDK types.
func checkInputs(token string, p sdkProps, inputs resource.PropertyMap) []checkFailure {
	c := &typeChecker{token: token}
	c.object("", p.Inputs, p.Required, inputs)
	return c.failures
}

type typeChecker struct {
	token    string
	failures []checkFailure
}

func (c *typeChecker) fail(path, format string, args ...any) {
	c.failures = append(c.failures, checkFailure{path, c.token + ": " + fmt.Sprintf(format, args...)})
}

// object checks the properties of an object (the resource's inputs at path "").
func (c *typeChecker) object(path string, props map[string]string, required []string, m resource.PropertyMap) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.HasPrefix(k, "__") {
			continue // the engine's and SDKs' own bookkeeping keys, never a provider property
		}
		typ, ok := props[k]
		if !ok {
			c.fail(join(path, k), "unknown property %q", join(path, k))
			continue
		}
		c.value(join(path, k), typ, m[resource.PropertyKey(k)])
	}
	for _, r := range required {
		if v, ok := m[resource.PropertyKey(r)]; !ok || v.IsNull() {
			c.fail(join(path, r), "missing required property %q", join(path, r))
		}
	}
}

// value checks one value against a type expression. Unknown values (computed in a preview) pass:
// the real providers cannot check them either until they are known.
func (c *typeChecker) value(path, typ string, v resource.PropertyValue) {
	switch {
	case v.IsSecret():
		c.value(path, typ, v.SecretValue().Element)
		return
	case v.IsOutput():
		if o := v.OutputValue(); o.Known {
			c.value(path, typ, o.Element)
		}
		return
	case v.IsComputed(), v.IsNull(), typ == "any":
		return
	}
	switch {
	case typ == "string":
		c.want(path, typ, v.IsString(), v)
	case typ == "number":
		c.want(path, typ, v.IsNumber(), v)
	case typ == "boolean":
		c.want(path, typ, v.IsBool(), v)
	case strings.HasPrefix(typ, "[]"):
		if c.want(path, "array", v.IsArray(), v) {
			for i, el := range v.ArrayValue() {
				c.value(fmt.Sprintf("%s[%d]", path, i), typ[2:], el)
			}
		}
	case strings.HasPrefix(typ, "map[string]"):
		if c.want(path, "object", v.IsObject(), v) {
			for k, el := range v.ObjectValue() {
				c.value(join(path, string(k)), strings.TrimPrefix(typ, "map[string]"), el)
			}
		}
	case strings.HasPrefix(typ, "#"):
		obj, ok := sdkObjectTypes[typ[1:]]
		if !ok {
			panic("standin: a generated file refers to a missing nested type " + typ)
		}
		if c.want(path, "object", v.IsObject(), v) {
			c.object(path, obj.Properties, obj.Required, v.ObjectValue())
		}
	default:
		panic("standin: unknown type expression " + typ)
	}
}

// want records a wrong type unless ok, and returns ok.
func (c *typeChecker) want(path, typ string, ok bool, v resource.PropertyValue) bool {
	if !ok {
		c.fail(path, "property %q must be %s %s, not %s", path, article(typ), typ, kindOf(v))
	}
	return ok
}

func article(typ string) string {
	if strings.ContainsRune("aeiou", rune(typ[0])) {
		return "an"
	}
	return "a"
}

// kindOf names a value's type the way the schema does.
func kindOf(v resource.PropertyValue) string {
	switch {
	case v.IsString():
		return "a string"
	case v.IsNumber():
		return "a number"
	case v.IsBool():
		return "a boolean"
	case v.IsArray():
		return "an array"
	case v.IsObject():
		return "an object"
	case v.IsAsset(), v.IsArchive():
		return "an asset or archive"
	case v.IsResourceReference():
		return "a resource reference"
	}
	return v.TypeString()
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}
