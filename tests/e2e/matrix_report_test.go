package e2e

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// result is one cell of the printed table.
type result struct {
	cloud, row, expected string
	ops                  Ops
	err                  error
	skipped              string
}

var (
	resultsMu sync.Mutex
	results   []result
	sshDelta  = map[string]string{}
)

func record(r result) {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	results = append(results, r)
}

// printReport prints the operation counts of every row as a Markdown table.
func printReport(w io.Writer) {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	if len(results) == 0 {
		return
	}
	fmt.Fprintln(w, "\nPreview-diff matrix (real engine, OFFLINE STAND-IN cloud plugins):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| cloud | change | create | update | delete | replace | same | expected | result |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, c := range clouds {
		for _, r := range results {
			if r.cloud != c.name {
				continue
			}
			if r.skipped != "" {
				fmt.Fprintf(w, "| %s | (all rows) | | | | | | | skipped: %s |\n", r.cloud, strings.ReplaceAll(r.skipped, "|", `\|`))
				continue
			}
			verdict := "ok"
			if r.err != nil {
				verdict = "FAIL: " + strings.ReplaceAll(strings.ReplaceAll(r.err.Error(), "\n", " "), "|", `\|`)
			}
			fmt.Fprintf(w, "| %s | %s | %d | %d | %d | %d | %d | %s | %s |\n",
				r.cloud, r.row, r.ops.Create, r.ops.Update, r.ops.Delete, r.ops.Replace, r.ops.Same, r.expected, verdict)
		}
	}
	for _, c := range clouds {
		if md, ok := sshDelta[c.name]; ok {
			fmt.Fprintf(w, "\nRule delta for \"open SSH\" (%s):\n\n%s", c.name, md)
		}
	}
}

// savePreview keeps the preview's JSON in E2E_PREVIEW_DIR, when set: the
// rule delta's fixtures (provider/cmd/ruledelta/testdata) come from there.
func savePreview(t *testing.T, cloud, row string, p *Preview) {
	dir := os.Getenv("E2E_PREVIEW_DIR")
	if dir == "" {
		return
	}
	slug := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, strings.ToLower(row))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, cloud+"-"+slug+".json"), p.raw, 0o644); err != nil {
		t.Fatal(err)
	}
}
