// Command dependabot checks that .github/dependabot.yml keeps up with the repository (make
// dependabot-check, part of make test): every folder with a Go module (go.mod), an npm manifest
// (package.json) or a pip manifest (requirements*.txt, pyproject.toml, setup.py, Pipfile) has an update
// entry for its ecosystem, the workflows' actions have the github-actions entry for "/", and no entry
// names a folder without such a manifest. The folders of the generated SDKs are the exceptions listed in
// generated, each for its reason.
//
//	go run ./tests/github-actions/dependabot <repository root>
//
// The files are the ones git lists: tracked, and new ones it does not ignore (so not node_modules, .tools
// or venvs), which also catches a new example before its first commit.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Ecosystems, as dependabot.yml names them.
const (
	gomod         = "gomod"
	npm           = "npm"
	pip           = "pip"
	githubActions = "github-actions"
)

// A target is one ecosystem in one folder, as dependabot.yml writes it: "/" or "/examples/gcp-go".
type target struct {
	Ecosystem string
	Directory string
}

func (t target) String() string { return t.Ecosystem + " " + t.Directory }

// exception is what dependabot.yml must do for a generated manifest instead of a plain entry.
type exception struct {
	// versioningStrategy, when set, is the entry's required versioning-strategy; when empty, the folder
	// must have no entry at all.
	versioningStrategy string
	reason             string
}

// generated lists the manifests tools/sdkgen writes from schema.json: a Dependabot change to them would
// fail `make sdk-test`'s drift check, so their versions follow tools/sdkgen/go.mod instead.
var generated = map[target]exception{
	{gomod, "/sdk"}:      {reason: "the Go SDK's go.mod and go.sum are generated (go mod tidy in tools/sdkgen)"},
	{pip, "/sdk/python"}: {reason: "the Python SDK's pyproject.toml is generated"},
	{npm, "/sdk/nodejs"}: {versioningStrategy: "lockfile-only", reason: "the TypeScript SDK's package.json is generated; its package-lock.json is not"},
}

var pipManifest = regexp.MustCompile(`^(requirements.*\.txt|pyproject\.toml|setup\.py|Pipfile)$`)

// manifests maps the repository's files (slash-separated, relative to its root) to the targets they need.
func manifests(files []string) map[target][]string {
	need := map[target][]string{}
	for _, f := range files {
		if skipped(f) {
			continue
		}
		dir, base := path.Split(f)
		directory := "/" + strings.TrimSuffix(dir, "/")
		var eco string
		switch {
		case base == "go.mod":
			eco = gomod
		case base == "package.json":
			eco = npm
		case pipManifest.MatchString(base):
			eco = pip
		case dir == ".github/workflows/" && (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")):
			eco, directory = githubActions, "/"
		default:
			continue
		}
		t := target{eco, directory}
		need[t] = append(need[t], f)
	}
	return need
}

// skipped are files that are not the repository's own manifests: installed dependencies, tools, and Go
// test fixtures.
func skipped(f string) bool {
	for part := range strings.SplitSeq(f, "/") {
		switch part {
		case "node_modules", ".tools", "testdata", "venv", ".venv":
			return true
		}
	}
	return false
}

// config is the part of dependabot.yml the check reads.
type config struct {
	Version int `yaml:"version"`
	Updates []struct {
		Ecosystem          string   `yaml:"package-ecosystem"`
		Directory          string   `yaml:"directory"`
		Directories        []string `yaml:"directories"`
		VersioningStrategy string   `yaml:"versioning-strategy"`
		Schedule           struct {
			Interval string `yaml:"interval"`
		} `yaml:"schedule"`
	} `yaml:"updates"`
}

// check compares dependabot.yml with what the files need and returns every problem, sorted.
func check(dependabotYML []byte, files []string) ([]string, error) {
	var cfg config
	if err := yaml.Unmarshal(dependabotYML, &cfg); err != nil {
		return nil, fmt.Errorf("dependabot.yml: %w", err)
	}
	var problems []string
	if cfg.Version != 2 {
		problems = append(problems, fmt.Sprintf("version is %d, not 2", cfg.Version))
	}
	need := manifests(files)
	// Entries by ecosystem and directory as written; a directory may be a glob ("/tools/*"), as
	// Dependabot allows in directories.
	entries := map[target]string{} // -> versioning-strategy
	for i, u := range cfg.Updates {
		dirs := u.Directories
		if u.Directory != "" {
			dirs = append([]string{u.Directory}, dirs...)
		}
		if len(dirs) == 0 {
			problems = append(problems, fmt.Sprintf("updates[%d] (%s) names no directory", i, u.Ecosystem))
		}
		if u.Schedule.Interval == "" {
			problems = append(problems, fmt.Sprintf("updates[%d] (%s) has no schedule.interval", i, u.Ecosystem))
		}
		for _, d := range dirs {
			t := target{u.Ecosystem, normalize(d)}
			if _, dup := entries[t]; dup {
				problems = append(problems, fmt.Sprintf("%s: more than one entry", t))
			}
			entries[t] = u.VersioningStrategy
		}
	}
	used := map[target]bool{}
	for t, fs := range need {
		var strategies []string
		for e, strategy := range entries {
			if e.Ecosystem == t.Ecosystem && matches(e.Directory, t.Directory) {
				strategies = append(strategies, strategy)
				used[e] = true
			}
		}
		ex, isGenerated := generated[t]
		switch {
		case isGenerated && ex.versioningStrategy == "" && len(strategies) > 0:
			problems = append(problems, fmt.Sprintf("%s: has an entry, but must not: %s", t, ex.reason))
		case isGenerated && ex.versioningStrategy != "" && (len(strategies) != 1 || strategies[0] != ex.versioningStrategy):
			problems = append(problems, fmt.Sprintf("%s: needs one entry, with versioning-strategy: %s (%s)", t, ex.versioningStrategy, ex.reason))
		case !isGenerated && len(strategies) == 0:
			problems = append(problems, fmt.Sprintf("%s: no entry for %s", t, strings.Join(fs, ", ")))
		}
	}
	for e := range entries {
		if !used[e] {
			problems = append(problems, fmt.Sprintf("%s: an entry, but no %s manifest in that folder", e, e.Ecosystem))
		}
	}
	sort.Strings(problems)
	return problems, nil
}

// normalize writes a directory as "/" or "/a/b", whatever its slashes.
func normalize(d string) string {
	d = strings.Trim(path.Clean("/"+d), "/")
	return "/" + d
}

// matches tells whether an entry's directory, which may be a glob, names dir.
func matches(pattern, dir string) bool {
	if pattern == dir {
		return true
	}
	ok, err := path.Match(pattern, dir)
	return err == nil && ok
}

// gitFiles lists the files git tracks and the new ones it does not ignore, relative to root.
func gitFiles(root string) ([]string, error) {
	cmd := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		if exit, ok := errors.AsType[*exec.ExitError](err); ok {
			return nil, fmt.Errorf("git ls-files: %w: %s", err, exit.Stderr)
		}
		return nil, fmt.Errorf("git ls-files: %w", err)
	}
	var files []string
	for f := range strings.SplitSeq(string(out), "\x00") {
		if f != "" {
			files = append(files, f)
		}
	}
	return files, nil
}

func run(root string) error {
	data, err := os.ReadFile(filepath.Join(root, ".github", "dependabot.yml"))
	if err != nil {
		return err
	}
	files, err := gitFiles(root)
	if err != nil {
		return err
	}
	problems, err := check(data, files)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf(".github/dependabot.yml does not match the repository's manifests:\n  %s",
			strings.Join(problems, "\n  "))
	}
	n := len(manifests(files))
	fmt.Printf("dependabot.yml: every manifest folder covered (%d ecosystem folders, generated SDK folders as listed)\n", n)
	return nil
}

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	if err := run(root); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
