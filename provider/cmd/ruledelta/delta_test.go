package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fixtures are `pulumi preview --json` outputs: most come from the
// preview-diff matrix (tests/e2e, E2E_PREVIEW_DIR=…), trimmed of stack
// traces; handmade.json covers replacements, deny rules, multi-protocol
// firewalls, Markdown escaping and a failed preview; ssh-expiry.json, made
// from aws-open-ssh and azure-ssh-expired, adds the SSH expiry schedulers
// (one created, one moved, one deleted).
var update = flag.Bool("update", false, "rewrite testdata/*.md from the current output")

func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.json")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".json")
		t.Run(name, func(t *testing.T) {
			md := render(t, in)
			golden := strings.TrimSuffix(in, ".json") + ".md"
			if *update {
				if err := os.WriteFile(golden, []byte(md), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if md != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, md)
			}
		})
	}
}

func render(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return d.Markdown()
}

func parse(t *testing.T, path string) *Delta {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Opening SSH lists exactly the SSH rules, added, on every cloud.
func TestOpenSSHListsExactlySSH(t *testing.T) {
	for _, f := range []string{"aws-open-ssh", "azure-open-ssh"} {
		d := parse(t, "testdata/"+f+".json")
		if len(d.Rows) == 0 || len(d.Lists) != 0 {
			t.Errorf("%s: %d rows, %d list changes", f, len(d.Rows), len(d.Lists))
		}
		for _, r := range d.Rows {
			if r.Change != Added || r.New.Direction != "ingress" || r.New.Protocol != "tcp" || r.New.Ports != "22" {
				t.Errorf("%s: not an added SSH rule: %+v %+v", f, r, r.New)
			}
		}
	}
	if n := len(parse(t, "testdata/aws-open-ssh.json").Rows); n != 3 {
		t.Errorf("aws: %d SSH rules, want one per datacenter range (3)", n)
	}
}

func TestAgentCIDRs(t *testing.T) {
	d := parse(t, "testdata/aws-add-an-agent-cidr.json")
	if len(d.Rows) != 0 || len(d.Lists) != 1 || strings.Join(d.Lists[0].Added, ",") != "10.2.0.0/16" || len(d.Lists[0].Removed) != 0 {
		t.Errorf("aws: want only the prefix list's new entry, got rows %+v lists %+v", d.Rows, d.Lists)
	}
	d = parse(t, "testdata/azure-add-an-agent-cidr.json")
	if len(d.Rows) != 3 {
		t.Fatalf("azure: %d rows, want the three agent rules", len(d.Rows))
	}
	for _, r := range d.Rows {
		if r.Change != Changed || !strings.HasSuffix(r.New.Peer, "10.2.0.0/16") || strings.Contains(r.Old.Peer, "10.2.0.0/16") {
			t.Errorf("azure: %+v: want the peer to gain 10.2.0.0/16", r)
		}
	}
}

func TestTagsOnly(t *testing.T) {
	d := parse(t, "testdata/aws-add-a-tag.json")
	if len(d.Rows) != 0 || d.TagsOnly["AWS"] == 0 {
		t.Errorf("tags-only changes: rows %d, tagsOnly %v", len(d.Rows), d.TagsOnly)
	}
}

func TestHandmade(t *testing.T) {
	d := parse(t, "testdata/handmade.json")
	byName := map[string]Row{}
	for _, r := range d.Rows {
		byName[r.Cloud+" "+r.Resource] = r
	}
	if len(d.Rows) != 6 {
		t.Errorf("%d rows, want 6 (the subnet is not a rule)", len(d.Rows))
	}
	if r := byName["AWS tm-ingress-agent-updates-tcp-443-agents"]; r.Change != Replaced || r.Old.Other["securityGroupId"] != "sg-old" {
		t.Errorf("replacement folded wrong: %+v", r)
	}
	if r := byName["Azure tm-egress-deny-all"]; r.New == nil || (r.Change != Changed || r.New.Direction != "egress, deny" || r.New.Ports != "all" || r.New.Peer != "any") {
		t.Errorf("azure deny rule: %+v %+v", r, r.New)
	}
	if r := byName["GCP tm-egress-dns"]; r.New.Protocol != "tcp, udp" || r.New.Ports != "53" {
		t.Errorf("gcp dns: %+v", r.New)
	}
	if r := byName["GCP tm-mixed"]; r.New.Ports != "tcp: 443; udp: 123" {
		t.Errorf("gcp mixed ports: %q", r.New.Ports)
	}
	if r := byName["GCP tm-egress-deny-all"]; r.Change != Removed || r.Old.Direction != "egress, deny" || r.Old.Protocol != "all" || r.Old.Ports != "all" {
		t.Errorf("gcp deny-all: %+v %+v", r, r.Old)
	}
	md := d.Markdown()
	for _, want := range []string{
		"priority: 4000 → 4096",
		"securityGroupId: sg-old → (known after apply)",
		`A range \| with a pipe and a newline`,
		"| 1000-2000 |",
		"**The preview failed**: error: something went wrong",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "a warning") {
		t.Error("warnings are not the delta's business")
	}
}

func TestNotJSON(t *testing.T) {
	if _, err := Parse([]byte("Previewing update (dev)")); err == nil {
		t.Error("want an error for non-JSON input")
	}
}
