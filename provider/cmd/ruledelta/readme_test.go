package main

import (
	"fmt"
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
// CIDR" on AWS, and docs/rule-deltas.md more changes on Azure and GCP: each example must be exactly
// what ruledelta prints for the real preview it names, except that the docs write each time as a
// placeholder (see matchShown), so they never show a date that has passed.
func TestReadmeExamples(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	found := map[string][]string{} // doc → the fixtures of its examples
	for _, doc := range []string{"README.md", "docs/rule-deltas.md"} {
		text, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range readmeExample.FindAllStringSubmatch(string(text), -1) {
			fixture, shown := m[1], m[2]
			found[doc] = append(found[doc], fixture)
			md := render(t, filepath.Join(root, fixture))
			if err := matchShown(strings.TrimRight(shown, "\n"), strings.TrimRight(md, "\n")); err != nil {
				t.Errorf("%s's example for %s differs from what ruledelta prints for it (%v); replace it with this, each time written as a placeholder:\n%s", doc, fixture, err, md)
			}
		}
	}
	for _, want := range []struct{ doc, fixture string }{
		{"README.md", "provider/cmd/ruledelta/testdata/aws-open-ssh-closed-by-cloud.json"}, // open SSH
		{"README.md", "provider/cmd/ruledelta/testdata/aws-add-an-agent-cidr.json"},        // add an agent CIDR
		{"docs/rule-deltas.md", "provider/cmd/ruledelta/testdata/azure-add-an-agent-cidr.json"},
	} {
		if !slices.Contains(found[want.doc], want.fixture) {
			t.Errorf("%s has no example comment for %s (<!-- ruledelta-example: %s --> and a markdown block)", want.doc, want.fixture, want.fixture)
		}
	}
}

// A placeholder in a README example, such as <expiresAt>, stands for one RFC 3339 time of the
// printed text. ruledelta prints no angle brackets, so anything between them is a placeholder.
var (
	placeholder = regexp.MustCompile(`<[^<>\n]+>`)
	rfc3339     = `(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))`
)

// matchShown reports whether shown is printed with each placeholder standing for a time: the same
// placeholder for the same time throughout, different placeholders for different times.
func matchShown(shown, printed string) error {
	var pattern strings.Builder
	var names []string
	last := 0
	for _, loc := range placeholder.FindAllStringIndex(shown, -1) {
		pattern.WriteString(regexp.QuoteMeta(shown[last:loc[0]]))
		pattern.WriteString(rfc3339)
		names = append(names, shown[loc[0]:loc[1]])
		last = loc[1]
	}
	pattern.WriteString(regexp.QuoteMeta(shown[last:]))
	m := regexp.MustCompile("^" + pattern.String() + "$").FindStringSubmatch(printed)
	if m == nil {
		return fmt.Errorf("the text differs")
	}
	times := map[string]string{} // placeholder → time
	for i, name := range names {
		if t, seen := times[name]; seen && t != m[i+1] {
			return fmt.Errorf("%s stands for both %s and %s", name, t, m[i+1])
		}
		times[name] = m[i+1]
	}
	for a, ta := range times {
		for b, tb := range times {
			if a < b && ta == tb {
				return fmt.Errorf("%s and %s are the same time, %s", a, b, ta)
			}
		}
	}
	return nil
}

func TestMatchShown(t *testing.T) {
	const printed = "expires 2026-12-03T10:12:19Z, closes 2026-12-03T10:13:00Z, expires 2026-12-03T10:12:19Z"
	for _, c := range []struct {
		shown string
		ok    bool
	}{
		{"expires <expiresAt>, closes <closesAt>, expires <expiresAt>", true},
		{"expires 2026-12-03T10:12:19Z, closes 2026-12-03T10:13:00Z, expires 2026-12-03T10:12:19Z", true},
		{"expires <expiresAt>, closes <expiresAt>, expires <expiresAt>", false}, // two times, one name
		{"expires <a>, closes <b>, expires <c>", false},                         // one time, two names
		{"expires <expiresAt>, opens <closesAt>, expires <expiresAt>", false},   // other text
		{"expires <expiresAt>, closes <closesAt>", false},                       // shorter
	} {
		if err := matchShown(c.shown, printed); (err == nil) != c.ok {
			t.Errorf("matchShown(%q) = %v, want ok %v", c.shown, err, c.ok)
		}
	}
}
