package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
)

// program is a Pulumi YAML program. It is written as JSON, which is YAML,
// so nothing is templated and no YAML library is needed.
type program struct {
	Name        string                 `json:"name"`
	Description string                 `json:"description,omitempty"`
	Runtime     string                 `json:"runtime"`
	Plugins     *plugins               `json:"plugins,omitempty"`
	Config      map[string]configValue `json:"config,omitempty"`
	Resources   map[string]resource    `json:"resources"`
}

type plugins struct {
	Providers []pluginPath `json:"providers"`
}

type pluginPath struct {
	Name string `json:"name"`
	Path string `json:"path"`
}

type configValue struct {
	Value string `json:"value"`
}

type resource struct {
	Type string `json:"type"`
	// Name is the logical name when the key cannot be it (two types share
	// a name, which the component may do and a YAML program's keys may not).
	Name       string         `json:"name,omitempty"`
	Properties map[string]any `json:"properties,omitempty"`
	Options    *options       `json:"options,omitempty"`
}

type options struct {
	DependsOn               []string `json:"dependsOn,omitempty"`
	Protect                 bool     `json:"protect,omitempty"`
	RetainOnDelete          bool     `json:"retainOnDelete,omitempty"`
	DeleteBeforeReplace     bool     `json:"deleteBeforeReplace,omitempty"`
	AdditionalSecretOutputs []string `json:"additionalSecretOutputs,omitempty"`
}

// configOf is the stack configuration both programs carry in Pulumi.yaml,
// so a fresh stack needs no `pulumi config set`.
func configOf(kv map[string]string) map[string]configValue {
	cfg := map[string]configValue{}
	for k, v := range kv {
		cfg[k] = configValue{Value: v}
	}
	return cfg
}

// componentProgram declares the scenario's components and nothing else: no
// stack outputs, so both programs do only the work of their resources.
// providerDir holds bin/pulumi-resource-threatmanager.
func componentProgram(project string, sc scenario, providerDir string) *program {
	res := map[string]resource{}
	for _, c := range sc.components {
		res[c.name] = resource{Type: componentType, Properties: c.input}
	}
	return &program{
		Name:        project,
		Description: "overhead benchmark, " + sc.name + ": the ThreatManager component",
		Runtime:     "yaml",
		Plugins:     &plugins{Providers: []pluginPath{{Name: "threatmanager", Path: providerDir}}},
		Config:      configOf(sc.config),
		Resources:   res,
	}
}

// write puts the program in dir/Pulumi.yaml.
func (p *program) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), append(data, '\n'), 0o644)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
