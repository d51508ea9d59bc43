package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestExampleReadme runs the README's first example as a user who copies
// it would: its Pulumi.yaml as written, then the `pulumi config set`
// commands of the shell block after it, through preview (creates only),
// up, and a second preview that must change nothing. The AWS rules it
// deploys must be the seed's, and the outputs it names must be set.
func TestExampleReadme(t *testing.T) {
	program, commands := readmeExample(t)

	copied := filepath.Join(t.TempDir(), "Pulumi.yaml")
	if err := os.WriteFile(copied, []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	s := newStack(t, "", nil)
	s.copyProgram(copied)
	sawUp := false
	for _, c := range commands {
		args := strings.Fields(c)
		switch {
		case len(args) == 5 && args[0] == "pulumi" && args[1] == "config" && args[2] == "set":
			s.pulumi(args[1:]...)
		case c == "pulumi up":
			sawUp = true
		default:
			t.Fatalf("README example: a command this test does not know how to run: %q", c)
		}
	}
	if !sawUp {
		t.Fatalf("README example: its commands %q do not end in pulumi up", commands)
	}

	first := s.preview("--policy-pack", policyPack()).ChangeSummary
	if first["create"] < 3 || len(first) != 1 {
		t.Errorf("first preview: %v, want creates only", first)
	}
	s.up()
	outs := s.outputs()
	for _, k := range []string{"applianceSecurityGroupId", "agentSecurityGroupId"} {
		if v, _ := outs[k].(string); v == "" {
			t.Errorf("the README's output %s is empty", k)
		}
	}
	if rules, _ := outs["rules"].([]any); len(rules) == 0 {
		t.Errorf("the README's output rules is empty: %v", outs["rules"])
	}
	second := s.preview("--policy-pack", policyPack()).ChangeSummary
	for op, n := range second {
		if op != "same" && n != 0 {
			t.Errorf("second preview: %v, want no changes", second)
			break
		}
	}

	// The example leaves datacenter at its default, us, and SSH closed.
	kids := children(t, s.export())
	appliance, agentSide := awsRules(t, kids)
	sameRows(t, "AWS: the appliance group's rules", appliance, seedRows("us", "10.0.0.0/16"))
	sameRows(t, "AWS: the agent group's rules", agentSide, agentSideRows("threatManager-appliances"))
}

var fencedBlock = regexp.MustCompile("(?s)```(\\w+)\n(.*?)```")

// readmeExample is the README's first YAML block and the commands of the
// shell block that follows it.
func readmeExample(t *testing.T) (program string, commands []string) {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := fencedBlock.FindAllStringSubmatch(string(readme), -1)
	for i, b := range blocks {
		if b[1] != "yaml" {
			continue
		}
		if i+1 >= len(blocks) || blocks[i+1][1] != "sh" {
			t.Fatal("README.md: no shell block after the first YAML example")
		}
		for l := range strings.SplitSeq(blocks[i+1][2], "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				commands = append(commands, l)
			}
		}
		return b[2], commands
	}
	t.Fatal("README.md has no YAML example")
	return "", nil
}
