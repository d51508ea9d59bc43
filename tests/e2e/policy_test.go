package e2e

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The policy pack (policy/run-pack, built by `make policy`) through the real engine: a clean stack
// with all three clouds and SSH open passes in preview and in `pulumi policy analyze` of its exported
// state; each fixture is that state with one thing wrong, and must fail (or, for an advisory policy,
// warn) with exactly the policies and resources listed.
func TestPolicyPack(t *testing.T) {
	config := map[string]string{}
	in := &Input{AgentCidrs: []string{"10.0.0.0/16"}}
	for _, c := range clouds {
		maps.Copy(config, c.config)
		c.block(in)
	}
	s := newStack(t, "policy-e2e", config)
	expires := s.now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	in.SshAccess = &SshAccess{ExpiresAt: expires.Format(time.RFC3339)}
	s.program(in)

	if out, err := s.try("preview", "--policy-pack", policyPack()); err != nil || len(violations(out)) > 0 {
		t.Fatalf("the first preview of a clean stack does not pass the pack: %v\n%s", err, tail(string(out), 4000))
	}
	s.up()
	if out, err := s.try("preview", "--policy-pack", policyPack()); err != nil || len(violations(out)) > 0 {
		t.Fatalf("the no-change preview of a clean stack does not pass the pack: %v\n%s", err, tail(string(out), 4000))
	}
	clean := s.pulumi("stack", "export")

	t.Run("a hand-written rule in the program fails its preview and up", func(t *testing.T) {
		s.extraResources = map[string]any{"adminConsole": map[string]any{
			"type": "aws:vpc:SecurityGroupIngressRule",
			"properties": map[string]any{
				"securityGroupId": "${tm.awsApplianceSecurityGroupId}", "ipProtocol": "tcp", "fromPort": 8443, "toPort": 8443,
				"cidrIpv4": "0.0.0.0/0", "description": "admin console",
			},
		}}
		defer func() { s.extraResources = nil; s.program(in) }()
		s.program(in)
		out, err := s.try("preview", "--policy-pack", policyPack())
		got := violations(out)
		slices.Sort(got)
		want := []string{ingressPol + "adminConsole", internetPol + "adminConsole"}
		if err == nil || !slices.Equal(got, want) {
			t.Fatalf("preview: error %v, violations %v, want it to fail with %v", err, got, want)
		}
		// `pulumi up` fails in its own preview, before it changes anything.
		if out, err := s.try("up", "--yes", "--policy-pack", policyPack()); err == nil {
			t.Fatalf("up with the hand-written rule passed the pack:\n%s", tail(string(out), 3000))
		}
		if inState(s, "adminConsole") {
			t.Fatal("up created the hand-written rule that the pack refused")
		}
		// Without its preview, `up` runs the stack policies after its changes: it fails, but the
		// rule exists (the README says so).
		if _, err := s.try("up", "--yes", "--skip-preview", "--policy-pack", policyPack()); err == nil || !inState(s, "adminConsole") {
			t.Fatalf("up --skip-preview: error %v, the rule in the state: %v; want both", err, inState(s, "adminConsole"))
		}
	})

	t.Run("clean state", func(t *testing.T) {
		if got, failed := analyze(t, s, clean); failed || len(got) > 0 {
			t.Fatalf("the clean state does not pass: failed %v, %v", failed, got)
		}
	})
	t.Run("configured for another datacenter", func(t *testing.T) {
		cfg := filepath.Join(t.TempDir(), "policy-config.json")
		body := `{"appliance-egress-documented": {"datacenter": "eu"}}`
		if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		got, failed := analyze(t, s, clean, "--policy-pack-config", cfg)
		if !failed || len(got) == 0 || !allOf(got, "[mandatory] appliance-egress-documented: ") {
			t.Fatalf("the US stack against the EU datacenter: failed %v, %v", failed, got)
		}
	})

	for _, f := range policyFixtures(s.now(), expires) {
		t.Run(f.name, func(t *testing.T) {
			st := parseState(t, clean)
			want := f.mutate(t, st)
			got, failed := analyze(t, s, st.bytes(t))
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("violations:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
			if mandatory := slices.ContainsFunc(want, func(v string) bool { return strings.HasPrefix(v, "[mandatory]") }); failed != mandatory {
				t.Errorf("pulumi policy analyze failed: %v, want %v (a mandatory violation fails it)", failed, mandatory)
			}
		})
	}
}

func policyPack() string { return filepath.Join(repoRoot, "policy", "run-pack") }

func inState(s *stack, name string) bool {
	return slices.ContainsFunc(s.export(), func(r State) bool { return nameOf(r.URN) == name })
}

// analyze runs `pulumi policy analyze` on a state and returns its violations and whether it failed.
func analyze(t *testing.T, s *stack, state []byte, args ...string) ([]string, bool) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(file, state, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := s.try(append([]string{"policy", "analyze", "--file", file, "--policy-pack", policyPack()}, args...)...)
	if err != nil && !strings.Contains(err.Error(), "mandatory policy violations") {
		t.Fatalf("pulumi policy analyze: %v", err)
	}
	return violations(out), err != nil
}

// A violation line: "- [mandatory]  appliance-ingress-documented  (aws:vpc:SecurityGroupIngressRule: name)".
var violationLine = regexp.MustCompile(`(?m)^\s*- \[(mandatory|advisory)\]\s+(\S+)(?:\s+\(([^)]*)\))?\s*$`)

// violations reads the CLI's policy report as "[level] policy: resource name" lines; a violation
// about the whole stack names "(stack)".
func violations(out []byte) []string {
	var got []string
	for _, m := range violationLine.FindAllStringSubmatch(string(out), -1) {
		name := "(stack)"
		if i := strings.LastIndex(m[3], ": "); i >= 0 && !strings.HasPrefix(m[3], "pulumi:pulumi:Stack") {
			name = m[3][i+2:]
		}
		got = append(got, fmt.Sprintf("[%s] %s: %s", m[1], m[2], name))
	}
	return got
}

func allOf(lines []string, prefix string) bool {
	return !slices.ContainsFunc(lines, func(l string) bool { return !strings.HasPrefix(l, prefix) })
}

// exportedState is `pulumi stack export`, edited as plain JSON.
type exportedState struct {
	doc       map[string]any
	resources []map[string]any
}

func parseState(t *testing.T, data []byte) *exportedState {
	t.Helper()
	st := &exportedState{}
	if err := json.Unmarshal(data, &st.doc); err != nil {
		t.Fatal(err)
	}
	for _, r := range st.doc["deployment"].(map[string]any)["resources"].([]any) {
		st.resources = append(st.resources, r.(map[string]any))
	}
	return st
}

func (st *exportedState) bytes(t *testing.T) []byte {
	t.Helper()
	list := make([]any, len(st.resources))
	for i, r := range st.resources {
		list[i] = r
	}
	st.doc["deployment"].(map[string]any)["resources"] = list
	b, err := json.Marshal(st.doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// find returns the resources of a type whose outputs match.
func (st *exportedState) find(typ string, match func(out map[string]any) bool) []map[string]any {
	var found []map[string]any
	for _, r := range st.resources {
		if r["type"] == typ && (match == nil || match(r["outputs"].(map[string]any))) {
			found = append(found, r)
		}
	}
	return found
}

func (st *exportedState) one(t *testing.T, typ string, match func(out map[string]any) bool) map[string]any {
	t.Helper()
	found := st.find(typ, match)
	if len(found) != 1 {
		t.Fatalf("%d resources of type %s match, want 1", len(found), typ)
	}
	return found[0]
}

func (st *exportedState) remove(t *testing.T, r map[string]any) {
	t.Helper()
	n := len(st.resources)
	st.resources = slices.DeleteFunc(st.resources, func(x map[string]any) bool { return x["urn"] == r["urn"] })
	if len(st.resources) != n-1 {
		t.Fatalf("%s is not in the state", r["urn"])
	}
}

// handWritten adds a copy of r as a resource the program declares itself, outside the component,
// with the given name and property changes (nil deletes a property).
func (st *exportedState) handWritten(t *testing.T, r map[string]any, name string, changes map[string]any) map[string]any {
	t.Helper()
	var c map[string]any
	b, _ := json.Marshal(r)
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	stackURN := st.one(t, "pulumi:pulumi:Stack", nil)["urn"].(string)
	project := strings.SplitN(stackURN, "::", 3)[1]
	stackName := strings.TrimPrefix(strings.SplitN(stackURN, "::", 2)[0], "urn:pulumi:")
	c["urn"] = fmt.Sprintf("urn:pulumi:%s::%s::%s::%s", stackName, project, c["type"], name)
	c["id"] = name
	c["parent"] = stackURN
	delete(c, "dependencies")
	delete(c, "propertyDependencies")
	set(c, changes)
	st.resources = append(st.resources, c)
	return c
}

// set changes a resource's properties, inputs and outputs alike (nil deletes one).
func set(r map[string]any, changes map[string]any) {
	for _, part := range []string{"inputs", "outputs"} {
		props, _ := r[part].(map[string]any)
		if props == nil {
			continue
		}
		for k, v := range changes {
			if v == nil {
				delete(props, k)
			} else {
				props[k] = v
			}
		}
	}
}

func nameOfState(r map[string]any) string { return nameOf(r["urn"].(string)) }

// sshDescription is the component's SSH rule description with another expiry.
func sshDescription(r map[string]any, expires time.Time) string {
	d := r["outputs"].(map[string]any)["description"].(string)
	before, _, _ := strings.Cut(d, ", expires ")
	return before + ", expires " + expires.UTC().Format(time.RFC3339)
}
