package standin

import "maps"

// What the providers' own typed SDKs at the pinned versions say about the resource types: written
// by cmd/sdkprops into one <Name>_sdk_gen.go per cloud, from the SDK files the cloud's table names
// (Resource.SDK), and never by hand.

// sdkProps is what the provider's typed SDK says about a resource.
type sdkProps struct {
	Inputs   map[string]string // input property -> type expression (see types.go)
	Required []string          // required inputs
	Outputs  []string          // output-only properties
}

// sdkObject is a nested input type.
type sdkObject struct {
	Properties map[string]string // property -> type expression
	Required   []string
}

// sdkProperties (by resource type token) and sdkObjectTypes (by nested type token) hold every
// cloud's generated types; type tokens start with their package, so the clouds never collide.
var (
	sdkProperties  = map[string]sdkProps{}
	sdkObjectTypes = map[string]sdkObject{}
)

// addSDKTypes is how a generated file adds its cloud's types.
func addSDKTypes(props map[string]sdkProps, objects map[string]sdkObject) {
	maps.Copy(sdkProperties, props)
	maps.Copy(sdkObjectTypes, objects)
}

// GoSDK is a pinned Go SDK module: cmd/sdkprops reads a resource's unexported <resource>Args
// struct, its New<Resource> required checks and the resource struct's outputs from it, fetching
// the module with `go mod download` when it is not in the module cache.
type GoSDK struct {
	Module  string // module path
	Version string // exact pinned version
	Dir     string // directory inside the module holding the package sources ("" for the root)
	Label   string // how the generated comments name that directory
}

// File is the resource source at path (relative to Dir).
func (m *GoSDK) File(path string) SDKFile { return SDKFile{Go: m, Path: path} }

// NpmSDK is a pinned npm SDK, read for resources whose typed Go module is not served here:
// cmd/sdkprops reads a resource's <Resource>Args interface and class from its .d.ts, and the nested
// input types from types/input.d.ts, fetched with `npm pack`.
type NpmSDK struct {
	Name, Version string
	// Integrity is the registry's sha512 of the tarball (`npm view <name>@<version> dist.integrity`):
	// the tarball must be exactly the one pinned here.
	Integrity string
}

// File is the resource declaration at path (inside the package), whose nested input types are
// the namespace of types/input.d.ts.
func (p *NpmSDK) File(path, namespace string) SDKFile {
	return SDKFile{Npm: p, Path: path, Namespace: namespace}
}

// SDKFile is where cmd/sdkprops reads one resource type: a file of a Go SDK module or a declaration
// file of an npm SDK.
type SDKFile struct {
	Go        *GoSDK
	Npm       *NpmSDK
	Path      string
	Namespace string // npm only
}
