package standin

import "github.com/pulumi/pulumi/sdk/v3/go/common/resource"

// specs are the resource types of every registered cloud, by token.
func specs() map[string]*Resource {
	out := map[string]*Resource{}
	for _, c := range Clouds {
		for tok, r := range c.Resources {
			out[tok] = r
		}
	}
	return out
}

// lookupSpec is a type's behaviour in the cloud of its package (an empty one for a type that
// cloud does not model, or for an unknown package).
func lookupSpec(token string) *Resource {
	for pkg, c := range Clouds {
		if len(token) > len(pkg) && token[:len(pkg)+1] == pkg+":" {
			return c.resource(token)
		}
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

// updateOutputs is what the stand-in of the type's package reports after an update.
func updateOutputs(token string, oldState, oldInputs, news resource.PropertyMap) resource.PropertyMap {
	return lookupSpec(token).update(oldState, oldInputs, news)
}
