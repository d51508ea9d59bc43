package main

import (
	"strings"
	"testing"
)

// The repository's own dependabot.yml is checked by `make dependabot-check`, which runs this command.

// A small repository: a module, a tools module, an npm manifest, a pip manifest, a workflow, the
// generated SDK folders, and files that are not the repository's own manifests.
var files = []string{
	"go.mod",
	"tools/lint/go.mod",
	"policy/package.json",
	"tests/contracts/requirements.txt",
	".github/workflows/ci.yml",
	"sdk/go.mod",
	"sdk/nodejs/package.json",
	"sdk/python/pyproject.toml",
	"policy/node_modules/x/package.json",
	"provider/testdata/mod/go.mod",
	"README.md",
}

const complete = `version: 2
updates:
  - package-ecosystem: github-actions
    directory: /
    schedule: {interval: weekly}
  - package-ecosystem: gomod
    directories: ["/", "/tools/*"]
    schedule: {interval: weekly}
  - package-ecosystem: npm
    directory: /policy
    schedule: {interval: weekly}
  - package-ecosystem: npm
    directory: /sdk/nodejs
    versioning-strategy: lockfile-only
    schedule: {interval: weekly}
  - package-ecosystem: pip
    directory: tests/contracts/
    schedule: {interval: weekly}
`

func TestCompleteConfigPasses(t *testing.T) {
	problems, err := check([]byte(complete), files)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("want no problems, got:\n%s", strings.Join(problems, "\n"))
	}
}

func TestEveryGapIsReported(t *testing.T) {
	for _, tc := range []struct {
		name, config string
		extraFiles   []string
		want         string
	}{
		{"a new npm manifest", complete, []string{"examples/new/package.json"},
			"npm /examples/new: no entry for examples/new/package.json"},
		{"a new pip manifest", complete, []string{"examples/py/requirements-dev.txt"},
			"pip /examples/py: no entry"},
		{"no actions entry", strings.Replace(complete, "github-actions", "docker", 1), nil,
			"github-actions /: no entry for .github/workflows/ci.yml"},
		{"an entry without a manifest", complete + "  - package-ecosystem: gomod\n    directory: /gone\n    schedule: {interval: weekly}\n", nil,
			"gomod /gone: an entry, but no gomod manifest"},
		{"a generated module listed", complete + "  - package-ecosystem: gomod\n    directory: /sdk\n    schedule: {interval: weekly}\n", nil,
			"gomod /sdk: has an entry, but must not"},
		{"the SDK's package.json updated", strings.Replace(complete, "    versioning-strategy: lockfile-only\n", "", 1), nil,
			"npm /sdk/nodejs: needs one entry, with versioning-strategy: lockfile-only"},
		{"no schedule", strings.Replace(complete, "    directory: /policy\n    schedule: {interval: weekly}\n", "    directory: /policy\n", 1), nil,
			"updates[2] (npm) has no schedule.interval"},
		{"a duplicate", complete + "  - package-ecosystem: pip\n    directory: /tests/contracts\n    schedule: {interval: daily}\n", nil,
			"pip /tests/contracts: more than one entry"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			problems, err := check([]byte(tc.config), append(append([]string{}, files...), tc.extraFiles...))
			if err != nil {
				t.Fatal(err)
			}
			joined := strings.Join(problems, "\n")
			if !strings.Contains(joined, tc.want) {
				t.Errorf("want a problem containing %q, got:\n%s", tc.want, joined)
			}
		})
	}
}
