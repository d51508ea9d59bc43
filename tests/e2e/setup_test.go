package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
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
	os.Exit(run(m))
}

// run is TestMain less its os.Exit, which would skip the deferred cleanup: the temporary
// directories are removed whether setup failed part way (a ruledelta that did not build) or the
// tests ran.
func run(m *testing.M) int {
	code, err := setup()
	defer code.cleanup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	rc := m.Run()
	printReport(os.Stdout)
	return rc
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
			missing = append(missing, fmt.Sprintf("%s (run %#q)", path, target))
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
			return c, fmt.Errorf("building provider/cmd/ruledelta: %w\n%s", err, out)
		}
	}
	return c, nil
}
