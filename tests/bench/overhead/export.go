package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

// componentType is the component whose cost is measured (DESIGN.md, Contracts).
const componentType = "threatmanager:index:ThreatManager"

// stateResource is one resource of `pulumi stack export --show-secrets`.
type stateResource struct {
	URN                     string              `json:"urn"`
	Custom                  bool                `json:"custom"`
	Type                    string              `json:"type"`
	ID                      string              `json:"id"`
	Parent                  string              `json:"parent"`
	Inputs                  map[string]any      `json:"inputs"`
	Outputs                 map[string]any      `json:"outputs"`
	Dependencies            []string            `json:"dependencies"`
	PropertyDependencies    map[string][]string `json:"propertyDependencies"`
	Protect                 bool                `json:"protect"`
	RetainOnDelete          bool                `json:"retainOnDelete"`
	DeleteBeforeReplace     bool                `json:"deleteBeforeReplace"`
	AdditionalSecretOutputs []string            `json:"additionalSecretOutputs"`
}

// name is the logical name: the last part of the URN.
func (r *stateResource) name() string { return r.URN[strings.LastIndex(r.URN, "::")+2:] }

// key identifies a resource across the two programs: their URNs differ
// (a child's URN holds its parent's type), type and logical name do not.
func (r *stateResource) key() string { return r.Type + "::" + r.name() }

func parseExport(data []byte) ([]stateResource, error) {
	var d struct {
		Deployment struct {
			Resources []stateResource `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("reading the stack export: %w", err)
	}
	return d.Deployment.Resources, nil
}

// cloudResources are the resources a by-hand program declares itself:
// every custom resource except providers (both programs get the same
// default providers from the same config).
func cloudResources(all []stateResource) []stateResource {
	var out []stateResource
	for _, r := range all {
		if r.Custom && !strings.HasPrefix(r.Type, "pulumi:providers:") && r.Type != componentType {
			out = append(out, r)
		}
	}
	return out
}

// The signatures Pulumi's state uses for special values.
const (
	sigKey    = "4dabf18193072939515e22adb298388d"
	secretSig = "1b47061264138c4ac30d75fd1eb44270"
)

// secretValue returns the plaintext of a secret in an export made with
// --show-secrets (it is JSON-encoded there); ok is false for other values.
// Assets, archives and resource references are refused: the component
// registers none, and a by-hand program could not be told how to write them.
func secretValue(v any) (plain any, ok bool, err error) {
	m, isMap := v.(map[string]any)
	if !isMap {
		return nil, false, nil
	}
	sig, special := m[sigKey]
	if !special {
		return nil, false, nil
	}
	if sig != secretSig {
		return nil, false, fmt.Errorf("unsupported special value (signature %v) in the state", sig)
	}
	text, isText := m["plaintext"].(string)
	if !isText {
		return nil, false, fmt.Errorf("a secret without plaintext: export with --show-secrets")
	}
	if err := json.Unmarshal([]byte(text), &plain); err != nil {
		return nil, false, fmt.Errorf("a secret's plaintext: %w", err)
	}
	return plain, true, nil
}
