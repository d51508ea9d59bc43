package standin

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Flavor is one stand-in plugin: which package it pretends to be and at which version.
type Flavor struct {
	Package string // "aws", "azure-native", "gcp"
	Version string // the pinned SDK version, so the engine matches what the SDKs ask for
}

// Flavors are the three stand-ins. Versions are the SDK versions the project pins (DESIGN.md).
var Flavors = map[string]Flavor{
	"aws":          {Package: "aws", Version: "6.83.4"},
	"azure-native": {Package: "azure-native", Version: "2.92.0"},
	"gcp":          {Package: "gcp", Version: "7.38.0"},
}

// FlavorFromExecutable maps a binary name such as "pulumi-resource-azure-native" to its flavor.
func FlavorFromExecutable(name string) (Flavor, bool) {
	name = strings.TrimSuffix(name, ".exe")
	f, ok := Flavors[strings.TrimPrefix(name, "pulumi-resource-")]
	return f, ok
}

// invokes are the few data-source functions the stand-ins answer, with fixed offline values.
func (f Flavor) invokes(cfg providerConfig) map[string]func(args resource.PropertyMap) resource.PropertyMap {
	s := resource.NewStringProperty
	switch f.Package {
	case "aws":
		region := cfg.awsRegion()
		return map[string]func(resource.PropertyMap) resource.PropertyMap{
			"aws:index/getRegion:getRegion": func(resource.PropertyMap) resource.PropertyMap {
				return resource.PropertyMap{"id": s(region), "name": s(region),
					"description": s("offline stand-in region"), "endpoint": s("ec2." + region + ".amazonaws.com")}
			},
			"aws:index/getCallerIdentity:getCallerIdentity": func(resource.PropertyMap) resource.PropertyMap {
				return resource.PropertyMap{"id": s(fakeAWSAccount), "accountId": s(fakeAWSAccount),
					"arn": s("arn:aws:iam::" + fakeAWSAccount + ":user/offline-standin"), "userId": s("OFFLINESTANDIN")}
			},
			"aws:index/getAvailabilityZones:getAvailabilityZones": func(resource.PropertyMap) resource.PropertyMap {
				var names, ids []resource.PropertyValue
				for i, z := range []string{"a", "b", "c"} {
					names = append(names, s(region+z))
					ids = append(ids, s(fmt.Sprintf("offline-az%d", i+1)))
				}
				return resource.PropertyMap{"id": s(region), "names": resource.NewArrayProperty(names),
					"zoneIds": resource.NewArrayProperty(ids)}
			},
		}
	case "azure-native":
		return map[string]func(resource.PropertyMap) resource.PropertyMap{
			"azure-native:authorization:getClientConfig": func(resource.PropertyMap) resource.PropertyMap {
				return resource.PropertyMap{"clientId": s(fakeAzureSubscription), "objectId": s(fakeAzureSubscription),
					"subscriptionId": s(cfg.subscription()), "tenantId": s(fakeAzureSubscription)}
			},
		}
	case "gcp":
		return map[string]func(resource.PropertyMap) resource.PropertyMap{
			"gcp:organizations/getClientConfig:getClientConfig": func(resource.PropertyMap) resource.PropertyMap {
				return resource.PropertyMap{"id": s(cfg.gcpProject()), "project": s(cfg.gcpProject()),
					"region": s(cfg.gcpRegion()), "zone": s(cfg.gcpRegion() + "-a"), "accessToken": s("offline-standin")}
			},
		}
	}
	return nil
}

// Schema returns a minimal package schema: the known resource types of this package with their
// property names (typed Any, except the object outputs listed in sdkProps.Objects), enough for
// pulumi-yaml to type-check programs offline.
func (f Flavor) Schema() ([]byte, error) {
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
	for tok, p := range sdkProperties {
		if !strings.HasPrefix(tok, f.Package+":") {
			continue
		}
		inputs := sortedNames(p.Inputs)
		outputs := props(inputs, p.Outputs)
		for name, o := range p.Objects {
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
		if s := specs[tok]; s != nil && len(s.Replace) > 0 {
			// Not needed by the engine (Diff reports replacements), but documents them.
			r["replaceOnChanges"] = s.Replace
		}
		resources[tok] = r
	}
	functions := map[string]any{}
	var toks []string
	for tok := range f.invokes(providerConfig{}) {
		toks = append(toks, tok)
	}
	sort.Strings(toks)
	for _, tok := range toks {
		outs := f.invokes(providerConfig{})[tok](nil)
		functions[tok] = map[string]any{
			"inputs":  map[string]any{"properties": map[string]any{}},
			"outputs": map[string]any{"properties": props(sortedKeys(outs))},
		}
	}
	providerInputs := map[string][]string{
		"aws":          {"region", "profile", "accessKey", "secretKey", "skipCredentialsValidation"},
		"azure-native": {"subscriptionId", "location", "tenantId", "clientId"},
		"gcp":          {"project", "region", "zone"},
	}[f.Package]
	pkg := map[string]any{
		"name":        f.Package,
		"version":     f.Version,
		"description": "OFFLINE STAND-IN test fixture for the " + f.Package + " provider. It records resources locally and never contacts a cloud.",
		"provider": map[string]any{
			"inputProperties": props(providerInputs),
			"properties":      props(providerInputs),
		},
		"resources": resources,
		"types":     types,
		"functions": functions,
	}
	return json.Marshal(pkg)
}

// sortedNames are a property map's names, sorted.
func sortedNames(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
