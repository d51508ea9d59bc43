package provider

import (
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"gopkg.in/yaml.v3"
)

// The root Pulumi.yaml is the program `make demo` previews and the README
// points at: its ThreatManager input must be valid, and hold what it says.
func TestRootProgramIsAValidDefault(t *testing.T) {
	raw, err := os.ReadFile("../Pulumi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var program struct {
		Config    map[string]struct{ Default any } `yaml:"config"`
		Resources map[string]struct {
			Type       string         `yaml:"type"`
			Properties map[string]any `yaml:"properties"`
		} `yaml:"resources"`
	}
	if err := yaml.Unmarshal(raw, &program); err != nil {
		t.Fatal(err)
	}
	var found int
	for name, res := range program.Resources {
		if res.Type != Token {
			continue
		}
		found++
		inputs := map[string]property.Value{}
		for k, v := range res.Properties {
			inputs[k] = toValue(t, v, program.Config)
		}
		resp, _, err := construct(t, now, false, inputs)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if resp.State.Get("sshOpen").AsBool() {
			t.Errorf("%s opens SSH by default", name)
		}
		if n := resp.State.Get("awsSubnetIds").AsArray().Len(); n < 2 {
			t.Errorf("%s has %d availability zones, want at least 2 for HA", name, n)
		}
	}
	if found != 1 {
		t.Fatalf("found %d ThreatManager resources, want 1", found)
	}
}

var configRef = regexp.MustCompile(`^\$\{(\w+)\}$`)

// toValue converts a YAML value, resolving ${key} to the config's default.
func toValue(t *testing.T, v any, config map[string]struct{ Default any }) property.Value {
	switch v := v.(type) {
	case string:
		if m := configRef.FindStringSubmatch(v); m != nil {
			c, ok := config[m[1]]
			if !ok {
				t.Fatalf("${%s} is not in the program's config", m[1])
			}
			return property.New(fmt.Sprint(c.Default))
		}
		return property.New(v)
	case bool:
		return property.New(v)
	case int:
		return property.New(float64(v))
	case []any:
		vs := make([]property.Value, len(v))
		for i, e := range v {
			vs[i] = toValue(t, e, config)
		}
		return property.New(vs)
	case map[string]any:
		m := map[string]property.Value{}
		for k, e := range v {
			m[k] = toValue(t, e, config)
		}
		return property.New(property.NewMap(m))
	}
	t.Fatalf("unsupported YAML value %T", v)
	return property.Value{}
}
