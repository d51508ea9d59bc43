package main

import (
	"os/exec"
	"strings"
	"testing"
)

// ruledelta reads every cloud through package clouds; users build it from
// source (examples/github-actions), so that registration must not pull in
// a cloud SDK or any module but this one.
func TestNoDependencyOutsideThisModule(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for pkg := range strings.FieldsSeq(string(out)) {
		if !strings.HasPrefix(pkg, "github.com/threatmanager/pulumi-threatmanager/") {
			t.Errorf("ruledelta depends on %s", pkg)
		}
	}
}
