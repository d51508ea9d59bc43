package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stack is one Pulumi YAML program with one stack, in its own temporary
// PULUMI_HOME and file backend.
type stack struct {
	t       *testing.T
	dir     string // the program
	env     []string
	project string
	config  map[string]string
	inited  bool
	// clockFile moves the test build's clock (THREATMANAGER_E2E_CLOCK_OFFSET_FILE)
	// by clockOffset.
	clockFile   string
	clockOffset time.Duration
	// cloudFile lists what the cloud did by itself, for the OFFLINE
	// STAND-IN plugins (STANDIN_CLOUD_CHANGES).
	cloudFile string
	// pluginDir, when set, is the folder of the threatmanager plugin the program uses
	// instead of the clock build (programWith).
	pluginDir string
	// extraResources are YAML resources the program declares beside the components.
	extraResources map[string]any
}

func newStack(t *testing.T, project string, config map[string]string) *stack {
	t.Helper()
	tmp := t.TempDir()
	s := &stack{t: t, dir: filepath.Join(tmp, "program"), project: project, config: config,
		clockFile: filepath.Join(tmp, "clock-offset"), cloudFile: filepath.Join(tmp, "cloud-changes.json")}
	for _, d := range []string{s.dir, filepath.Join(tmp, "state"), filepath.Join(tmp, "home")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "PATH", "PULUMI_IGNORE_AMBIENT_PLUGINS", "PULUMI_CONFIG_PASSPHRASE_FILE",
			"PULUMI_ACCESS_TOKEN", "PULUMI_BACKEND_URL", "PULUMI_HOME", "PULUMI_STACK":
			continue // set below, or must be unset: plugins on PATH are used only without PULUMI_IGNORE_AMBIENT_PLUGINS
		}
		s.env = append(s.env, kv)
	}
	s.env = append(s.env,
		// The OFFLINE STAND-IN plugins first, then the pinned CLI and YAML language host.
		"PATH="+standinsDir+string(os.PathListSeparator)+toolsBin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PULUMI_HOME="+filepath.Join(tmp, "home"),
		"PULUMI_BACKEND_URL=file://"+filepath.Join(tmp, "state"),
		"PULUMI_CONFIG_PASSPHRASE=e2e",
		"PULUMI_SKIP_UPDATE_CHECK=true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
		"PULUMI_SKIP_CONFIRMATIONS=true",
		"THREATMANAGER_E2E_CLOCK_OFFSET_FILE="+s.clockFile,
		"STANDIN_CLOUD_CHANGES="+s.cloudFile,
	)
	return s
}

// advanceClock moves the provider's clock d further ahead of the wall
// clock (the test build reads the file on every call).
func (s *stack) advanceClock(d time.Duration) {
	s.t.Helper()
	s.clockOffset += d
	if err := os.WriteFile(s.clockFile, []byte(s.clockOffset.String()), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// now is the time the provider sees.
func (s *stack) now() time.Time { return time.Now().Add(s.clockOffset) }

// program writes Pulumi.yaml: one ThreatManager named "tm" with input,
// and outputs the matrix reads. The first call creates the stack.
func (s *stack) program(input *Input) {
	s.t.Helper()
	s.programOf(map[string]*Input{"tm": input}, map[string]any{
		"rules":                       "${tm.rules}",
		"sshOpen":                     "${tm.sshOpen}",
		"awsApplianceSecurityGroupId": "${tm.awsApplianceSecurityGroupId}",
		"awsSubnetIds":                "${tm.awsSubnetIds}",
		"azureSecurityRuleNames":      "${tm.azureSecurityRuleNames}",
		"gcpFirewallNames":            "${tm.gcpFirewallNames}",
		"gcpTargetTag":                "${tm.gcpTargetTag}",
	})
}

// programOf writes Pulumi.yaml with one ThreatManager per name. JSON is
// YAML, so the program is marshalled, not templated. The first call
// creates the stack.
func (s *stack) programOf(components map[string]*Input, outputs map[string]any) {
	s.t.Helper()
	s.programWith(components, nil, outputs)
}

// programWith is programOf with resource options per component (e.g. aliases). The plugin is
// the e2e clock build unless s.pluginDir names another folder (bin/, the plugin as it ships).
func (s *stack) programWith(components map[string]*Input, options map[string]map[string]any, outputs map[string]any) {
	s.t.Helper()
	pluginDir := s.pluginDir
	if pluginDir == "" {
		pluginDir = clockProviderDir
	}
	cfg := map[string]any{}
	for k, v := range s.config {
		cfg[k] = map[string]any{"value": v}
	}
	resources := map[string]any{}
	maps.Copy(resources, s.extraResources)
	for name, input := range components {
		res := map[string]any{"type": "threatmanager:index:ThreatManager", "properties": input}
		if opts := options[name]; opts != nil {
			res["options"] = opts
		}
		resources[name] = res
	}
	prog := map[string]any{
		"name":    s.project,
		"runtime": "yaml",
		"plugins": map[string]any{"providers": []any{
			map[string]any{"name": "threatmanager", "path": pluginDir},
		}},
		"config":    cfg,
		"resources": resources,
		"outputs":   outputs,
	}
	data, err := json.MarshalIndent(prog, "", "  ")
	if err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, "Pulumi.yaml"), data, 0o644); err != nil {
		s.t.Fatal(err)
	}
	if !s.inited {
		s.pulumi("stack", "init", "e2e")
		s.inited = true
	}
}

// run runs the CLI and returns its stdout; a failure ends the test.
func (s *stack) pulumi(args ...string) []byte {
	s.t.Helper()
	out, err := s.try(args...)
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

func (s *stack) try(args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(toolsBin, "pulumi"), append(args, "--non-interactive")...)
	cmd.Dir, cmd.Env = s.dir, s.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	s.t.Logf("pulumi %s (%s)", strings.Join(args, " "), time.Since(start).Round(10*time.Millisecond))
	if err != nil {
		return stdout.Bytes(), fmt.Errorf("pulumi %s: %w\nstdout:\n%s\nstderr:\n%s",
			strings.Join(args, " "), err, tail(stdout.String(), 6000), tail(stderr.String(), 6000))
	}
	return stdout.Bytes(), nil
}

func (s *stack) up() {
	s.t.Helper()
	s.pulumi("up", "--yes", "--skip-preview", "--suppress-progress")
}

func (s *stack) preview(args ...string) *Preview {
	s.t.Helper()
	out, err := s.try(append([]string{"preview", "--json"}, args...)...)
	if err != nil {
		s.t.Fatal(err)
	}
	var p Preview
	if err := json.Unmarshal(out, &p); err != nil {
		s.t.Fatalf("pulumi preview --json: %v\n%s", err, tail(string(out), 4000))
	}
	p.raw = out
	return &p
}

// export is the stack's resources from `pulumi stack export`.
func (s *stack) export() []State {
	s.t.Helper()
	var d struct {
		Deployment struct {
			Resources []State `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal(s.pulumi("stack", "export"), &d); err != nil {
		s.t.Fatal(err)
	}
	return d.Deployment.Resources
}

// outputs is `pulumi stack output --json`.
func (s *stack) outputs() map[string]any {
	s.t.Helper()
	var out map[string]any
	if err := json.Unmarshal(s.pulumi("stack", "output", "--json", "--show-secrets"), &out); err != nil {
		s.t.Fatal(err)
	}
	return out
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
