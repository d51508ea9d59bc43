package e2e

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The examples that are templates (a `template:` section in Pulumi.yaml)
// start as users start them: `pulumi new <the example's folder>`, which
// copies the folder, creates the stack, saves the template's config
// (defaults, and the values given with --config), then installs the
// plugins the program needs. Offline, that last step finds them in the
// stack's plugin cache (PULUMI_HOME), where the test installs bin/'s
// provider and the OFFLINE STAND-IN plugins from their files first, at the
// versions they report: otherwise the CLI would ask GitHub for the latest
// version of each, or download the pinned one.

// newFromTemplate runs `pulumi new` on examples/<example> into the stack's
// program folder, with the values the template has no default for given
// as --config, and checks what it wrote: the program without its template
// section, the README, and the stack config holding every template value.
func (s *stack) newFromTemplate(example string, config map[string]string) {
	s.t.Helper()
	for i, kv := range s.env {
		if after, ok := strings.CutPrefix(kv, "PATH="); ok {
			s.env[i] = "PATH=" + providerDir + string(os.PathListSeparator) + after
		}
	}
	for _, bin := range []string{
		filepath.Join(providerDir, "pulumi-resource-threatmanager"),
		filepath.Join(standinsDir, "pulumi-resource-aws"),
		filepath.Join(standinsDir, "pulumi-resource-azure-native"),
		filepath.Join(standinsDir, "pulumi-resource-gcp"),
	} {
		name := strings.TrimPrefix(filepath.Base(bin), "pulumi-resource-")
		s.pulumi("plugin", "install", "resource", name, pluginVersion(s.t, bin), "--file", bin)
	}
	args := []string{"new", filepath.Join(repoRoot, "examples", example), "--dir", s.dir, "--stack", "e2e", "--yes"}
	for _, k := range slices.Sorted(maps.Keys(config)) {
		args = append(args, "--config", k+"="+config[k])
	}
	s.pulumi(args...)
	s.inited = true

	for _, f := range []string{"Pulumi.yaml", "README.md", "Pulumi.e2e.yaml"} {
		if _, err := os.Stat(filepath.Join(s.dir, f)); err != nil {
			s.t.Errorf("pulumi new %s: %v", example, err)
		}
	}
	if prog, err := os.ReadFile(filepath.Join(s.dir, "Pulumi.yaml")); err == nil && strings.Contains(string(prog), "\ntemplate:") {
		s.t.Errorf("pulumi new %s left the template section in Pulumi.yaml", example)
	}

	// Every template value is in the stack's config: its default, or the
	// value given.
	var got map[string]any
	if err := json.Unmarshal(s.pulumi("config", "--json"), &got); err != nil {
		s.t.Fatal(err)
	}
	for _, k := range templateConfig(s.t, example) {
		key := k
		if !strings.Contains(k, ":") {
			key = s.projectName() + ":" + k
		}
		if _, ok := got[key]; !ok {
			s.t.Errorf("pulumi new %s: no %s in the stack config; give it a default in the template or a value in the test", example, key)
		}
	}
}

// pluginVersion is the version a plugin binary reports with --version:
// "0.1.0-dev" (bin/'s provider), or "pulumi-resource-aws 6.83.4 is an
// OFFLINE STAND-IN ..." (the stand-ins).
func pluginVersion(t *testing.T, bin string) string {
	t.Helper()
	out, _ := exec.Command(bin, "--version").CombinedOutput() // the stand-ins exit 2 after the banner
	line, _, _ := strings.Cut(string(out), "\n")
	f := strings.Fields(line)
	if len(f) > 1 && strings.HasPrefix(f[0], "pulumi-resource-") {
		f = f[1:]
	}
	if len(f) == 0 || !strings.ContainsAny(f[0][:1], "0123456789") {
		t.Fatalf("%s --version: %q, want a version", bin, out)
	}
	return f[0]
}

// templateConfig is the keys of an example's template config, each checked
// to have a description, and each of the program's config keys checked to
// be among them, so that `pulumi new` asks for everything the program
// reads. (The CLI itself parses the section: a malformed one fails
// `pulumi new`.)
func templateConfig(t *testing.T, example string) []string {
	t.Helper()
	prog, err := os.ReadFile(filepath.Join(repoRoot, "examples", example, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(prog), "\n")
	asked := yamlKeys(lines, "template:", "  config:")
	if len(asked) == 0 {
		t.Fatalf("examples/%s/Pulumi.yaml: no template config", example)
	}
	for _, k := range asked {
		if !slices.Contains(yamlKeys(lines, "template:", "  config:", "    "+k+":"), "description") {
			t.Errorf("examples/%s/Pulumi.yaml: template config %s has no description", example, k)
		}
	}
	for _, k := range yamlKeys(lines, "config:") {
		if !slices.Contains(asked, k) {
			t.Errorf("examples/%s/Pulumi.yaml: config %s is not in the template's config, so `pulumi new` does not ask for it", example, k)
		}
	}
	return asked
}

// yamlKeys are the keys of the block mapping reached by the lines given as
// within, each a line of the file (with its indentation) under the one
// before: yamlKeys(lines, "template:", "  config:"). Enough for the
// examples' block style; not a YAML parser.
func yamlKeys(lines []string, within ...string) []string {
	at, indent := 0, ""
	for _, w := range within {
		i := slices.Index(lines[at:], w)
		if i < 0 {
			return nil
		}
		at += i + 1
		indent = w[:len(w)-len(strings.TrimLeft(w, " "))] + "  "
	}
	var keys []string
	for _, l := range lines[at:] {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if !strings.HasPrefix(l, indent) {
			break // the block ended
		}
		if rest := l[len(indent):]; !strings.HasPrefix(rest, " ") {
			// A key ends at ": " or a final ":" (keys such as aws:region hold a colon).
			k, _, ok := strings.Cut(rest, ": ")
			if !ok {
				k, ok = strings.CutSuffix(rest, ":")
			}
			if ok {
				keys = append(keys, strings.Trim(k, `"`))
			}
		}
	}
	return keys
}

// projectName is the project `pulumi new` created.
func (s *stack) projectName() string {
	s.t.Helper()
	prog, err := os.ReadFile(filepath.Join(s.dir, "Pulumi.yaml"))
	if err != nil {
		s.t.Fatal(err)
	}
	for l := range strings.Lines(string(prog)) {
		if name, ok := strings.CutPrefix(l, "name:"); ok {
			return strings.TrimSpace(name)
		}
	}
	s.t.Fatal("the program has no name")
	return ""
}

// settleExample is what every example must do through the engine: a first
// preview that only creates, with the policy pack passing (mandatory and
// advisory), `pulumi up`, and a second preview with no changes.
func settleExample(t *testing.T, s *stack) {
	t.Helper()
	first := s.preview("--policy-pack", policyPack()).ChangeSummary
	t.Logf("first preview: %v", first)
	if first["create"] < 3 || len(first) != 1 {
		t.Errorf("first preview: %v, want creates only", first)
	}
	s.up()
	second := s.preview("--policy-pack", policyPack()).ChangeSummary
	t.Logf("second preview: %v", second)
	for op, n := range second {
		if op != "same" && n != 0 {
			t.Errorf("second preview: %v, want no changes", second)
			break
		}
	}
	if out := s.pulumi("preview", "--policy-pack", policyPack()); !strings.Contains(string(out), "threatmanager-policies@v") || len(violations(out)) > 0 {
		t.Errorf("the policy pack did not pass the example's preview: %v\n%s", violations(out), tail(string(out), 3000))
	}
}

// provided is a resource of a stack export with its provider reference
// ("<provider URN>::<provider id>").
type provided struct {
	State
	Provider string `json:"provider"`
}

// providerName is the name of the provider resource a resource was
// created through.
func (r provided) providerName() string {
	urn, _, _ := strings.Cut(r.Provider, "::"+lastField(r.Provider))
	return nameOf(urn)
}

func lastField(ref string) string {
	i := strings.LastIndex(ref, "::")
	if i < 0 {
		return ref
	}
	return ref[i+2:]
}

// exportWithProviders is `pulumi stack export`'s resources with their
// providers.
func (s *stack) exportWithProviders() []provided {
	s.t.Helper()
	var d struct {
		Deployment struct {
			Resources []provided `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal(s.pulumi("stack", "export"), &d); err != nil {
		s.t.Fatal(err)
	}
	return d.Deployment.Resources
}

// childrenOf are the resources whose parent is the component named name.
func childrenOf(t *testing.T, res []provided, name string) []provided {
	t.Helper()
	var component string
	for _, r := range res {
		if r.Type == componentType && nameOf(r.URN) == name {
			component = r.URN
		}
	}
	if component == "" {
		t.Fatalf("no %s named %s in the stack export", componentType, name)
	}
	var out []provided
	for _, r := range res {
		if r.Parent == component {
			out = append(out, r)
		}
	}
	return out
}

// states are the resources without their providers, for the rule readers.
func states(res []provided) []State {
	out := make([]State, len(res))
	for i, r := range res {
		out[i] = r.State
	}
	return out
}

// ofType are the resources of one type.
func ofType[R interface{ typ() string }](res []R, typ string) []R {
	var out []R
	for _, r := range res {
		if r.typ() == typ {
			out = append(out, r)
		}
	}
	return out
}

func (r provided) typ() string { return r.Type }
func (r State) typ() string    { return r.Type }

// path reads a value from nested maps and lists: path(m, "a", 0, "b").
func path(v any, steps ...any) any {
	for _, s := range steps {
		switch k := s.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}
