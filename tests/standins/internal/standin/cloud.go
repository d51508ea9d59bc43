package standin

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// A Cloud is everything one stand-in knows about the provider it plays: one table per cloud, in a
// file of its own named after it (<Name>.go, with the SDK types generated beside it into
// <Name>_sdk_gen.go), registered with one line in clouds.go. The machinery in the other files (the
// gRPC server, Check, the diff, the simulated cloud's own state) reads these tables and names no
// cloud itself (TestMachineryNamesNoCloud).
type Cloud struct {
	Name    string // short name, the stem of the cloud's files
	Package string // the Pulumi package it stands in for
	Version string // the pinned SDK version, so the engine matches what the SDKs ask for
	// Config lists the provider configuration keys: the schema's provider inputs, and what Configure
	// keeps for the tables (Config).
	Config []string
	// Resources are the resource types the stand-in models, by type token. Check and Create refuse
	// any other, as a real provider refuses a token its schema does not have.
	Resources map[string]*Resource
	// Invokes are the few data-source functions it answers, with fixed offline values.
	Invokes map[string]func(cfg Config, args resource.PropertyMap) resource.PropertyMap
	// Normalize lists the inputs whose string values the real provider compares normalised; the
	// diff compares them that way too.
	Normalize map[string]func(string) string
	// UpdateOfDeleted is what the real provider's Update does with a resource the cloud deleted
	// behind Pulumi's back: create it again (recreate), or fail as the real provider fails. Nil fails
	// with a plain not found.
	UpdateOfDeleted func(token, id string) (recreate bool, err error)
}

// Resource is one resource type's behaviour in a stand-in.
type Resource struct {
	// SDK is where cmd/sdkprops reads the type's properties (generated into <Name>_sdk_gen.go).
	SDK SDKFile
	// Replace lists the input properties whose change replaces the resource.
	Replace []string
	// ReplaceRule, when set, adds replacements that depend on old and new values together.
	ReplaceRule func(oldInputs, news resource.PropertyMap) []string
	// AutoName is the property the real provider fills from the logical name when it is absent,
	// with the value AutoNameOf derives from the URN.
	AutoName   string
	AutoNameOf func(resource.URN) string
	// Defaults are values the real provider always puts into the checked inputs when absent.
	Defaults resource.PropertyMap
	// Check, when set, adds the failures of rules beyond the schema's.
	Check func(inputs resource.PropertyMap) []checkFailure
	// Create returns the id a new resource gets and adds the computed outputs the real resource
	// has to out, which holds a copy of the inputs.
	Create func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) (id string)
	// Update, when set, adjusts the outputs of an update after the new inputs were merged into the
	// old state (computed outputs that move on, or survive).
	Update func(oldState, oldInputs, news, out resource.PropertyMap)
	// Objects types output properties whose fields programs read (`${wf.identity.principalId}`):
	// pulumi-yaml refuses a property access on an Any, so GetSchema gives these an object type.
	Objects map[string]objectType
	// SoftDelete, when set, is how the cloud keeps a deleted resource of this type for a while.
	SoftDelete *SoftDelete

	token string // set by register
	cloud *Cloud
}

// objectType is an object-valued output property as the real schema types it.
type objectType struct {
	Token      string   // the real schema's type token
	Properties []string // its property names (typed Any, like everything else here)
}

// Config is a stand-in's provider configuration: the values set for its cloud's Config keys.
type Config map[string]string

// get is a configuration value, or def when it is not set.
func (c Config) get(key, def string) string {
	if v := c[key]; v != "" {
		return v
	}
	return def
}

// register indexes the clouds by package and tells each resource its token and cloud. A table
// that does not fit the machinery stops every stand-in at start-up.
func register(clouds ...*Cloud) map[string]*Cloud {
	out := map[string]*Cloud{}
	for _, c := range clouds {
		if c.Name == "" || c.Package == "" || c.Version == "" || out[c.Package] != nil {
			panic(fmt.Sprintf("standin: cloud %q/%q: a name, a package of its own and a version", c.Name, c.Package))
		}
		for tok, r := range c.Resources {
			if !strings.HasPrefix(tok, c.Package+":") || r.Create == nil || (r.AutoName != "") != (r.AutoNameOf != nil) {
				panic("standin: " + tok + ": a token of package " + c.Package + ", a Create, and AutoNameOf with AutoName")
			}
			r.token, r.cloud = tok, c
		}
		out[c.Package] = c
	}
	return out
}

// resource returns the type's behaviour, or an empty one for a type the cloud does not model
// (which Check and Create refuse, see Server.supported).
func (c *Cloud) resource(token string) *Resource {
	if r, ok := c.Resources[token]; ok {
		return r
	}
	return &Resource{token: token, cloud: c}
}

// types are the resource types the cloud models, sorted.
func (c *Cloud) types() []string { return slices.Sorted(maps.Keys(c.Resources)) }

// CloudFromExecutable maps a binary name such as "pulumi-resource-<package>" to its cloud.
func CloudFromExecutable(name string) (*Cloud, bool) {
	name = strings.TrimSuffix(name, ".exe")
	c, ok := Clouds[strings.TrimPrefix(name, "pulumi-resource-")]
	return c, ok
}

// Packages are the packages of the registered clouds, sorted.
func Packages() []string { return slices.Sorted(maps.Keys(Clouds)) }

// create returns the id and the full output state a recording cloud would report for a new
// resource: the inputs plus the computed, id-like properties the real resource has.
func (r *Resource) create(cfg Config, urn resource.URN, inputs resource.PropertyMap) (string, resource.PropertyMap) {
	if r.Create == nil {
		// Check and Create refuse types without a table entry, so this is a programming error.
		panic("standin: no outputs for type " + r.token)
	}
	out := inputs.Copy()
	return r.Create(cfg, urn, inputs, out), out
}

// update merges new inputs into the old state: inputs that were removed disappear, computed
// outputs are kept, and then the type adjusts what the cloud computes anew (Resource.Update).
func (r *Resource) update(oldState, oldInputs, news resource.PropertyMap) resource.PropertyMap {
	out := oldState.Copy()
	for k := range oldInputs {
		if _, still := news[k]; !still {
			delete(out, k)
		}
	}
	maps.Copy(out, news)
	if r.Update != nil {
		r.Update(oldState, oldInputs, news, out)
	}
	return out
}
