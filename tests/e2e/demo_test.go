package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoPulumiCLI is `make demo`'s choice of Pulumi CLI (scripts/pulumi-cli.sh), through
// scripts/demo.sh and the real engine: an installed CLI at least as recent as the pinned one is
// used, and nothing is built; an older one is refused and the pinned CLI is used, after
// `make tools`. $MAKE is a stand-in that records its arguments, so the test builds nothing.
func TestDemoPulumiCLI(t *testing.T) {
	pinned := filepath.Join(toolsBin, "pulumi")

	// demo runs scripts/demo.sh with installed first on PATH and no other pulumi, and returns its
	// output and the arguments $MAKE was called with ("" when it was not).
	demo := func(t *testing.T, installed string) (string, string) {
		t.Helper()
		tmp := t.TempDir()
		makeLog := filepath.Join(tmp, "make-args")
		fakeMake := filepath.Join(tmp, "make")
		script := "#!/bin/sh\necho \"$*\" >> '" + makeLog + "'\n"
		if err := os.WriteFile(fakeMake, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		path := []string{installed}
		for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
			if _, err := os.Stat(filepath.Join(dir, "pulumi")); err == nil {
				continue
			}
			if _, err := os.Stat(filepath.Join(dir, "pulumi-language-yaml")); err == nil {
				continue
			}
			path = append(path, dir)
		}
		cmd := exec.Command("bash", filepath.Join(repoRoot, "scripts", "demo.sh"))
		cmd.Env = append(os.Environ(), "PATH="+strings.Join(path, string(os.PathListSeparator)), "MAKE="+fakeMake,
			"PULUMI_MIN_VERSION=", "PULUMI_CLI=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("scripts/demo.sh: %v\n%s", err, tail(string(out), 4000))
		}
		args, _ := os.ReadFile(makeLog)
		return string(out), strings.TrimSpace(string(args))
	}

	t.Run("installed and recent enough", func(t *testing.T) {
		installed := t.TempDir()
		for _, f := range []string{"pulumi", "pulumi-language-yaml"} {
			if err := os.Symlink(filepath.Join(toolsBin, f), filepath.Join(installed, f)); err != nil {
				t.Fatal(err)
			}
		}
		out, makeArgs := demo(t, installed)
		cli := filepath.Join(installed, "pulumi")
		for _, want := range []string{
			"using the installed Pulumi CLI " + cli + " (v3.274.1, at least v3.274.1)",
			"== Pulumi CLI: " + cli + " v3.274.1",
			"threatmanager:index:ThreatManager",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, tail(out, 3000))
			}
		}
		if makeArgs != "" {
			t.Errorf("make was called (%q): the installed CLI needs nothing built", makeArgs)
		}
	})

	t.Run("installed but too old", func(t *testing.T) {
		installed := t.TempDir()
		old := "#!/bin/sh\n[ \"$1\" = version ] && echo v3.100.0 && exit 0\necho 'this fake CLI only prints its version' >&2; exit 3\n"
		if err := os.WriteFile(filepath.Join(installed, "pulumi"), []byte(old), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(toolsBin, "pulumi-language-yaml"), filepath.Join(installed, "pulumi-language-yaml")); err != nil {
			t.Fatal(err)
		}
		out, makeArgs := demo(t, installed)
		for _, want := range []string{
			filepath.Join(installed, "pulumi") + " is v3.100.0, older than v3.274.1: using the pinned Pulumi CLI v3.274.1",
			"== Pulumi CLI: " + pinned + " v3.274.1",
			"threatmanager:index:ThreatManager",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, tail(out, 3000))
			}
		}
		if !strings.HasSuffix(makeArgs, " tools") {
			t.Errorf("make was called with %q, want the pinned CLI's target (tools)", makeArgs)
		}
	})
}
