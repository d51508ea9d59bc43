// Package docs tests the repository's documentation and examples as text. It has test files only;
// `make test` runs it through `go test ./...` at the repository root.
package docs

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// A literal time in a doc or an example goes stale: an SSH expiry copied from it is refused once it
// is more than sshAccess.maxWindowHours ahead, and opens nothing once it has passed. Examples compute
// the expiry (a config value set from `date`, or one the program derives), or show a placeholder such
// as `<RFC 3339 time, at most 7 days ahead>`.
//
// literalTime finds RFC 3339 times (2026-12-01T18:00:00Z, with `t`, fractions or an offset, or with a
// space and a zone) and any ISO date-time with a T, even without seconds (2026-12-01T18:00).
var literalTime = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}(?:` +
	`[Tt]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?` + // with a T: the zone optional
	`|[ ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))`) // with a space: only with a zone

// Scanned, from the repository root: the top-level documents, and every file under docs/ and
// examples/, policy/README.md, and schema.json, whose descriptions every SDK and the Registry's docs
// repeat. Fixtures are not: testdata/ folders (test inputs recorded at a
// moment), and what is installed or locked rather than written (node_modules/, virtual environments,
// bin/, lockfiles). Fixtures elsewhere (tests/**, provider/**/testdata, the *.json under tests/) are
// outside the scanned folders.
var (
	scannedFiles   = []string{"README.md", "CONTRIBUTING.md", "SECURITY.md", "policy/README.md", "schema.json"}
	scannedFolders = []string{"docs", "examples"}
	skippedFolders = []string{"testdata", "node_modules", "venv", ".venv", "bin", "__pycache__"}
	lockfiles      = []string{"package-lock.json", "yarn.lock", "pnpm-lock.yaml", "go.sum", "poetry.lock", "Pipfile.lock"}
)

const root = "../.."

func TestNoLiteralTimesInDocsOrExamples(t *testing.T) {
	files := scanned(t)
	if len(files) < 10 {
		t.Fatalf("scanned only %d files: %v", len(files), files)
	}
	for _, f := range files {
		for _, hit := range literalTimes(t, f) {
			t.Errorf("%s:%s goes stale: compute it (e.g. pulumi config set sshExpiresAt \"$(date -u -d '+4 hours' +%%Y-%%m-%%dT%%H:%%M:%%SZ)\") or write a placeholder such as `<RFC 3339 time, at most 7 days ahead>`", f, hit)
		}
	}
}

// scanned lists the files the test reads, relative to the repository root.
func scanned(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, f := range scannedFiles {
		if _, err := os.Stat(filepath.Join(root, f)); err == nil {
			files = append(files, f)
		} else if f == "README.md" {
			t.Fatal(err)
		}
	}
	for _, dir := range scannedFolders {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && slices.Contains(skippedFolders, d.Name()) {
				return fs.SkipDir
			}
			if d.Type().IsRegular() && !slices.Contains(lockfiles, d.Name()) {
				rel, err := filepath.Rel(root, path)
				if err != nil {
					return err
				}
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// literalTimes returns "<line>: literal time <time>" for each literal time in a text file; a binary
// file (a NUL byte in it, as git decides), such as an image, has none.
func literalTimes(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0 {
		return nil
	}
	var hits []string
	for n, line := range bytes.Split(data, []byte("\n")) {
		for _, m := range literalTime.FindAll(line, -1) {
			hits = append(hits, fmt.Sprintf("%d: literal time %s", n+1, m))
		}
	}
	return hits
}

func TestLiteralTime(t *testing.T) {
	for _, c := range []struct {
		text  string
		found bool
	}{
		{`expiresAt: "2026-12-01T18:00:00Z"`, true},
		{"expires 2026-12-03T10:12:19.5+01:00", true},
		{"2026-12-01t18:00:00z", true},    // RFC 3339 allows lower case
		{"2026-12-01 18:00:00Z", true},    // and a space, with a zone
		{"2026-12-01T18:00", true},        // no seconds: still a time that passes
		{"measured on 2026-11-27", false}, // a date alone ages, but sets nothing
		{"2026-12-01 18:00", false},       // no T and no zone: not a time an input takes
		{"<RFC 3339 time, at most 7 days ahead>", false},
		{`$(date -u -d '+4 hours' +%Y-%m-%dT%H:%M:%SZ)`, false},
		{"new Date(Date.now() + 4 * 3600e3).toISOString()", false},
		{"YYYY-MM-DDTHH:MM:SSZ", false},
	} {
		if found := literalTime.MatchString(c.text); found != c.found {
			t.Errorf("literalTime.MatchString(%q) = %v, want %v", c.text, found, c.found)
		}
	}
}
