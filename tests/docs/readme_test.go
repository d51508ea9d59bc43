package docs

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The README is what users meet first: the product in a few lines, then a copyable example within
// the first screen, and the sections they look for; maintainer material lives in CONTRIBUTING.md.
// tests/e2e's TestExampleReadme runs that first example through the engine.
const (
	readmeMaxLines        = 300
	readmeFirstCodeByLine = 40
)

var readmeSections = []string{
	"Install", "Example", "Time-boxed SSH", "What is refused", "Rule deltas on pull requests",
	"Drift check", "Policy pack", "Renaming and upgrading", "Limits",
}

func TestReadmeStartsWithTheProduct(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > readmeMaxLines {
		t.Errorf("README.md has %d lines, more than %d: move maintainer material to CONTRIBUTING.md or docs/", len(lines), readmeMaxLines)
	}

	firstYAML := slices.Index(lines, "```yaml")
	if firstYAML < 0 || firstYAML+1 > readmeFirstCodeByLine {
		t.Errorf("README.md's first YAML example starts at line %d, want within the first %d", firstYAML+1, readmeFirstCodeByLine)
	}

	var sections []string
	for _, l := range lines {
		if h, ok := strings.CutPrefix(l, "## "); ok {
			sections = append(sections, strings.TrimSpace(h))
		}
	}
	for _, want := range readmeSections {
		if !slices.Contains(sections, want) {
			t.Errorf("README.md has no section %q (its sections: %q)", want, sections)
		}
	}
	for _, link := range []string{"(CONTRIBUTING.md)", "(SECURITY.md)"} {
		if !strings.Contains(string(data), link) {
			t.Errorf("README.md does not link %s", strings.Trim(link, "()"))
		}
		if _, err := os.Stat(filepath.Join(root, strings.Trim(link, "()"))); err != nil {
			t.Error(err)
		}
	}
}
