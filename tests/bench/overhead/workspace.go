package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// workspace runs the real Pulumi CLI offline, as tests/e2e does: the
// OFFLINE STAND-IN cloud plugins (test fixtures, no cloud is contacted)
// and the pinned CLI and YAML host first on PATH, one temporary
// PULUMI_HOME and file backend for the whole run.
type workspace struct {
	root        string // the repository
	tmp         string // home/, state/ and one folder per program
	providerDir string // bin/, with pulumi-resource-threatmanager
	pulumi      string
	env         []string
	verbose     bool
}

func newWorkspace(root string, verbose bool) (*workspace, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	w := &workspace{root: root, providerDir: filepath.Join(root, "bin"),
		pulumi: filepath.Join(root, ".tools", "bin", "pulumi"), verbose: verbose}
	toolsBin, standins := filepath.Join(root, ".tools", "bin"), filepath.Join(root, ".tools", "standins")
	need := map[string]string{
		filepath.Join(w.providerDir, "pulumi-resource-threatmanager"): "make build",
		w.pulumi: "make tools",
		filepath.Join(toolsBin, "pulumi-language-yaml"):         "make tools",
		filepath.Join(standins, "pulumi-resource-aws"):          "make standins",
		filepath.Join(standins, "pulumi-resource-azure-native"): "make standins",
		filepath.Join(standins, "pulumi-resource-gcp"):          "make standins",
	}
	var missing []string
	for path, target := range need {
		if _, err := os.Stat(path); err != nil {
			missing = append(missing, fmt.Sprintf("%s (run %#q, or pass -root)", path, target))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("missing:\n  %s", strings.Join(missing, "\n  "))
	}

	if w.tmp, err = os.MkdirTemp("", "overhead-bench-"); err != nil {
		return nil, err
	}
	for _, d := range []string{"home", "state"} {
		if err := os.MkdirAll(filepath.Join(w.tmp, d), 0o755); err != nil {
			return nil, err
		}
	}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "PATH", "PULUMI_IGNORE_AMBIENT_PLUGINS", "PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_ACCESS_TOKEN",
			"PULUMI_BACKEND_URL", "PULUMI_HOME", "PULUMI_STACK":
			continue // set below, or must be unset: plugins on PATH are used only without PULUMI_IGNORE_AMBIENT_PLUGINS
		}
		w.env = append(w.env, kv)
	}
	w.env = append(w.env,
		"PATH="+standins+string(os.PathListSeparator)+toolsBin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PULUMI_HOME="+filepath.Join(w.tmp, "home"),
		"PULUMI_BACKEND_URL=file://"+filepath.Join(w.tmp, "state"),
		"PULUMI_CONFIG_PASSPHRASE=overhead-bench",
		"PULUMI_SKIP_UPDATE_CHECK=true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
		"PULUMI_SKIP_CONFIRMATIONS=true",
	)
	return w, nil
}

func (w *workspace) cleanup() { os.RemoveAll(w.tmp) }

// run runs the CLI in dir and returns its stdout and the wall-clock time
// of the process, which is what the benchmark measures.
func (w *workspace) run(dir string, args ...string) ([]byte, time.Duration, error) {
	cmd := exec.Command(w.pulumi, append(args, "--non-interactive")...)
	cmd.Dir, cmd.Env = dir, w.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if w.verbose {
		fmt.Fprintf(os.Stderr, "    pulumi %s (%s, %s)\n", strings.Join(args, " "), filepath.Base(dir), took.Round(10*time.Millisecond))
	}
	if err != nil {
		return stdout.Bytes(), took, fmt.Errorf("pulumi %s in %s: %w\nstdout:\n%s\nstderr:\n%s",
			strings.Join(args, " "), dir, err, tail(stdout.String(), 4000), tail(stderr.String(), 4000))
	}
	return stdout.Bytes(), took, nil
}

// version is the first line a tool prints for --version (or `version`).
func version(bin string, args ...string) string {
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
