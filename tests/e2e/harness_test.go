package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The tools the tests drive. Everything is found from the repository root;
// the environment variables override a piece for a one-off run.
var (
	repoRoot    string // E2E_REPO_ROOT, default ../..
	providerDir string // THREATMANAGER_PROVIDER_DIR: the folder of pulumi-resource-threatmanager, default <root>/bin
	// clockProviderDir (THREATMANAGER_CLOCK_PROVIDER_DIR, default <root>/.tools/e2e-clock) holds the
	// provider built with -tags e2eclock, whose clock a stack moves ahead (stack.advanceClock). The
	// matrix's programs use it; it differs from the shipped plugin in the clock alone.
	clockProviderDir string
	toolsBin         string // <root>/.tools/bin: pulumi, pulumi-language-yaml
	standinsDir      string // <root>/.tools/standins: the OFFLINE STAND-IN cloud plugins
	ruledelta        string // RULEDELTA: the rule delta command, default built from provider/cmd/ruledelta
)

func TestMain(m *testing.M) {
	code, err := setup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	defer code.cleanup()
	rc := m.Run()
	printReport(os.Stdout)
	code.cleanup()
	os.Exit(rc)
}

type cleanup struct{ dirs []string }

func (c *cleanup) cleanup() {
	for _, d := range c.dirs {
		os.RemoveAll(d)
	}
	c.dirs = nil
}

func setup() (*cleanup, error) {
	c := &cleanup{}
	root := os.Getenv("E2E_REPO_ROOT")
	if root == "" {
		root = "../.."
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return c, err
	}
	repoRoot = root
	providerDir = os.Getenv("THREATMANAGER_PROVIDER_DIR")
	if providerDir == "" {
		providerDir = filepath.Join(root, "bin")
	}
	if providerDir, err = filepath.Abs(providerDir); err != nil {
		return c, err
	}
	clockProviderDir = os.Getenv("THREATMANAGER_CLOCK_PROVIDER_DIR")
	if clockProviderDir == "" {
		clockProviderDir = filepath.Join(root, ".tools", "e2e-clock")
	}
	if clockProviderDir, err = filepath.Abs(clockProviderDir); err != nil {
		return c, err
	}
	toolsBin = filepath.Join(root, ".tools", "bin")
	standinsDir = filepath.Join(root, ".tools", "standins")

	need := map[string]string{
		filepath.Join(providerDir, "pulumi-resource-threatmanager"):      "make build",
		filepath.Join(clockProviderDir, "pulumi-resource-threatmanager"): "make e2e-test",
		filepath.Join(toolsBin, "pulumi"):                                "make tools",
		filepath.Join(toolsBin, "pulumi-language-yaml"):                  "make tools",
		filepath.Join(standinsDir, "pulumi-resource-aws"):                "make standins",
		filepath.Join(standinsDir, "pulumi-resource-azure-native"):       "make standins",
		filepath.Join(standinsDir, "pulumi-resource-gcp"):                "make standins",
	}
	var missing []string
	for path, target := range need {
		if _, err := os.Stat(path); err != nil {
			missing = append(missing, fmt.Sprintf("%s (run `%s`)", path, target))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return c, fmt.Errorf("missing:\n  %s", strings.Join(missing, "\n  "))
	}

	ruledelta = os.Getenv("RULEDELTA")
	if ruledelta == "" {
		dir, err := os.MkdirTemp("", "e2e-ruledelta-")
		if err != nil {
			return c, err
		}
		c.dirs = append(c.dirs, dir)
		ruledelta = filepath.Join(dir, "ruledelta")
		cmd := exec.Command("go", "build", "-o", ruledelta, "./provider/cmd/ruledelta")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return c, fmt.Errorf("building provider/cmd/ruledelta: %v\n%s", err, out)
		}
	}
	return c, nil
}

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
		switch {
		case k == "PATH", k == "PULUMI_IGNORE_AMBIENT_PLUGINS", k == "PULUMI_CONFIG_PASSPHRASE_FILE",
			k == "PULUMI_ACCESS_TOKEN", k == "PULUMI_BACKEND_URL", k == "PULUMI_HOME", k == "PULUMI_STACK":
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
	for name, res := range s.extraResources {
		resources[name] = res
	}
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
		return stdout.Bytes(), fmt.Errorf("pulumi %s: %v\nstdout:\n%s\nstderr:\n%s",
			strings.Join(args, " "), err, tail(stdout.String(), 6000), tail(stderr.String(), 6000))
	}
	return stdout.Bytes(), nil
}

func (s *stack) up() {
	s.t.Helper()
	s.pulumi("up", "--yes", "--skip-preview", "--suppress-progress")
}

// Preview is what the tests read from `pulumi preview --json`.
type Preview struct {
	raw   []byte
	delta string
	Steps []struct {
		Op       string `json:"op"`
		URN      string `json:"urn"`
		OldState *State `json:"oldState"`
		NewState *State `json:"newState"`
	} `json:"steps"`
	ChangeSummary map[string]int `json:"changeSummary"`
	Diagnostics   []struct {
		Message  string `json:"message"`
		Severity string `json:"severity"`
	} `json:"diagnostics"`
}

// State is a resource's state in a preview or an export.
type State struct {
	URN     string         `json:"urn"`
	Type    string         `json:"type"`
	Custom  bool           `json:"custom"`
	ID      string         `json:"id"`
	Parent  string         `json:"parent"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
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

// Ops counts a preview's operations per resource, a replacement once
// however many steps it takes; the stack itself is left out.
type Ops struct{ Create, Update, Delete, Replace, Same int }

func (o Ops) String() string {
	return fmt.Sprintf("create %d, update %d, delete %d, replace %d", o.Create, o.Update, o.Delete, o.Replace)
}

// count adds one operation of opsByURN's.
func (o *Ops) count(op string) {
	switch op {
	case "create":
		o.Create++
	case "update":
		o.Update++
	case "delete":
		o.Delete++
	case "replace":
		o.Replace++
	}
}

// opsByURN is each changed resource's operation: create, update, delete, replace.
func (p *Preview) opsByURN() map[string]string {
	ops := map[string]string{}
	for _, st := range p.Steps {
		if strings.Contains(st.URN, "::pulumi:pulumi:Stack::") {
			continue
		}
		switch st.Op {
		case "create", "update", "delete":
			if ops[st.URN] != "replace" {
				ops[st.URN] = st.Op
			}
		case "replace", "create-replacement", "delete-replaced":
			ops[st.URN] = "replace"
		}
	}
	return ops
}

func (p *Preview) Ops() Ops {
	var o Ops
	for _, op := range p.opsByURN() {
		o.count(op)
	}
	o.Same = p.ChangeSummary["same"]
	return o
}

// typeOf is the resource type in a URN.
func typeOf(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return ""
	}
	t := parts[len(parts)-2]
	if i := strings.LastIndex(t, "$"); i >= 0 {
		t = t[i+1:]
	}
	return t
}

func nameOf(urn string) string {
	return urn[strings.LastIndex(urn, "::")+2:]
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

// delta runs the rule delta command on a preview (once; the result is kept).
func delta(t *testing.T, p *Preview) string {
	t.Helper()
	if p.delta == "" {
		cmd := exec.Command(ruledelta)
		cmd.Stdin = bytes.NewReader(p.raw)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("ruledelta: %v", err)
		}
		p.delta = string(out)
	}
	return p.delta
}

func deltaText(p *Preview) string { return p.delta }

// DeltaRow is one line of the rule delta's tables.
type DeltaRow struct {
	Cloud, Change, Direction, Protocol, Ports, Peer, Description, Resource string
}

func parseDelta(md string) []DeltaRow {
	var rows []DeltaRow
	cloud := ""
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "### ") {
			cloud, _, _ = strings.Cut(strings.TrimPrefix(line, "### "), " ")
			continue
		}
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| change ") || strings.HasPrefix(line, "| ---") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != 7 {
			continue
		}
		change, _, _ := strings.Cut(cells[0], " (")
		rows = append(rows, DeltaRow{cloud, change, cells[1], cells[2], cells[3], cells[4], cells[5], strings.Trim(cells[6], "`")})
	}
	return rows
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
