package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// readmeExample is one example comment in the README: an HTML comment naming the preview fixture
// (a path from the repository root), then a fenced markdown block with what ruledelta prints for it.
var readmeExample = regexp.MustCompile("(?s)<!-- ruledelta-example: (\\S+) -->\n```markdown\n(.*?)```\n")

// The README's "Rule deltas on pull requests" shows the comment for "open SSH" and "add an agent
// CIDR": each example must be exactly what ruledelta prints for the real preview it names.
func TestReadmeExamples(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var fixtures []string
	for _, m := range readmeExample.FindAllStringSubmatch(string(readme), -1) {
		fixture, shown := m[1], m[2]
		fixtures = append(fixtures, fixture)
		md := render(t, filepath.Join(root, fixture))
		if strings.TrimRight(shown, "\n") != strings.TrimRight(md, "\n") {
			t.Errorf("README.md's example for %s differs from what ruledelta prints for it; replace it with:\n%s", fixture, md)
		}
	}
	for _, want := range []string{
		"provider/cmd/ruledelta/testdata/aws-open-ssh-closed-by-cloud.json", // open SSH
		"provider/cmd/ruledelta/testdata/aws-add-an-agent-cidr.json",        // add an agent CIDR
		"provider/cmd/ruledelta/testdata/azure-add-an-agent-cidr.json",
	} {
		if !slices.Contains(fixtures, want) {
			t.Errorf("README.md has no example comment for %s (<!-- ruledelta-example: %s --> and a markdown block)", want, want)
		}
	}
}
