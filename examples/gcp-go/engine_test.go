//go:build e2e

// The example through the real Pulumi engine: `make examples-e2e` runs this file with -tags e2e.
// The program runs as an automation-API inline program (the Go SDK serves its own language
// runtime), with the Pulumi CLI from `make tools`, the provider from `make build` and the OFFLINE
// STAND-IN gcp plugin from `make standins` (a test fixture: no cloud is contacted), in a
// temporary PULUMI_HOME and file backend.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

func TestEngine(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("PATH", strings.Join([]string{
		filepath.Join(root, "bin"),                // pulumi-resource-threatmanager
		filepath.Join(root, ".tools", "standins"), // the OFFLINE STAND-IN cloud plugins
		filepath.Join(root, ".tools", "bin"),      // the pinned pulumi CLI
		os.Getenv("PATH"),
	}, string(os.PathListSeparator)))
	t.Setenv("PULUMI_HOME", filepath.Join(tmp, "home"))
	t.Setenv("PULUMI_BACKEND_URL", "file://"+filepath.Join(tmp, "state"))
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "examples-e2e")
	t.Setenv("PULUMI_SKIP_UPDATE_CHECK", "true")
	t.Setenv("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true")
	t.Setenv("PULUMI_IGNORE_AMBIENT_PLUGINS", "")
	t.Setenv("PULUMI_ACCESS_TOKEN", "")
	for _, d := range []string{"home", "state"} {
		if err := os.MkdirAll(filepath.Join(tmp, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}

	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, "e2e", "threatmanager-gcp-go", program)
	if err != nil {
		t.Fatal(err)
	}
	if err := stack.SetAllConfig(ctx, auto.ConfigMap{
		"gcp:project": {Value: "example-project"},
		"network":     {Value: "example-vpc"},
	}); err != nil {
		t.Fatal(err)
	}

	// The policy pack (make policy) runs in both previews: a mandatory violation fails one.
	pack := optpreview.PolicyPacks(filepath.Join(root, "policy", "run-pack"))
	first, err := stack.Preview(ctx, optpreview.SuppressProgress(), pack)
	if err != nil {
		t.Fatalf("first preview: %v", err)
	}
	t.Logf("first preview: %v", first.ChangeSummary)
	if n := first.ChangeSummary[apitype.OpCreate]; n < 3 || len(first.ChangeSummary) != 1 {
		t.Errorf("first preview: %v, want creates only", first.ChangeSummary)
	}

	up, err := stack.Up(ctx, optup.SuppressProgress())
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	t.Logf("up: %s, %v", up.Summary.Result, *up.Summary.ResourceChanges)
	rules, _ := up.Outputs["rules"].Value.([]any)
	if len(rules) == 0 {
		t.Errorf("stack output rules is empty: %v", up.Outputs["rules"])
	}
	for _, k := range []string{"targetTag", "subnetworkId", "firewallNames"} {
		if v := up.Outputs[k].Value; v == nil || v == "" {
			t.Errorf("stack output %s is empty", k)
		}
	}

	second, err := stack.Preview(ctx, optpreview.SuppressProgress(), pack)
	if err != nil {
		t.Fatalf("second preview: %v", err)
	}
	t.Logf("second preview: %v", second.ChangeSummary)
	for _, p := range []auto.PreviewResult{first, second} {
		if !strings.Contains(p.StdOut, "threatmanager-policies@v") || strings.Contains(p.StdOut, "- [advisory]") || strings.Contains(p.StdOut, "- [mandatory]") {
			t.Errorf("the policy pack did not pass the preview:\n%s", p.StdOut)
		}
	}
	for op, n := range second.ChangeSummary {
		if op != apitype.OpSame && n != 0 {
			t.Errorf("second preview: %v, want no changes", second.ChangeSummary)
			break
		}
	}

	state, err := stack.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Resources []struct {
			Type   string         `json:"type"`
			URN    string         `json:"urn"`
			Inputs map[string]any `json:"inputs"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(state.Deployment, &d); err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	var rows []string
	for _, r := range d.Resources {
		types[r.Type]++
		if r.Type == "gcp:compute/firewall:Firewall" {
			rows = append(rows, firewallRows(r.Inputs)...)
		}
	}
	t.Logf("stack export: %v", types)
	for typ, want := range map[string]int{
		"threatmanager:index:ThreatManager": 1,
		"gcp:compute/subnetwork:Subnetwork": 1,
	} {
		if types[typ] != want {
			t.Errorf("stack export: %d %s, want %d", types[typ], typ, want)
		}
	}
	// The program's input: datacenter us, the agent CIDR 10.2.0.0/16, no SSH,
	// nothing switched off; GCP adds a deny-all in each direction.
	want := append(readSeed(t, root).rows(t, "us", "10.2.0.0/16"), denyAllRows...)
	if missing, extra := rowDiff(rows, want); len(missing)+len(extra) > 0 {
		t.Errorf("firewall rules differ from the seed:\n  missing:    %q\n  unexpected: %q", missing, extra)
	}
}

// seedFile is the part of policy/requirements.json the test reads: the
// seed (provider/requirements/seeddoc/seed.md) as its generated copy
// (`make policy`), held to the Go requirements by provider/policydata's
// drift test and read by the policy pack too. No row is written out here.
type seedFile struct {
	Datacenters map[string]struct {
		Service []string `json:"service"`
		NTP     []string `json:"ntp"`
	} `json:"datacenters"`
	DefaultDNSServers []string `json:"defaultDnsServers"`
	Internet          string   `json:"internet"`
	Requirements      []struct {
		Direction string `json:"direction"`
		Protocol  string `json:"protocol"`
		FromPort  int    `json:"fromPort"`
		ToPort    int    `json:"toPort"`
		Peers     string `json:"peers"`
	} `json:"requirements"`
}

func readSeed(t *testing.T, root string) seedFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "policy", "requirements.json"))
	if err != nil {
		t.Fatal(err)
	}
	var seed seedFile
	if err := json.Unmarshal(data, &seed); err != nil {
		t.Fatal(err)
	}
	return seed
}

// rows are the seed's rows for a datacenter and one agent network, without
// SSH, as "direction protocol ports peer", one row per peer, single
// addresses as /32s; peer sets resolve as the policy pack resolves them
// without overrides (policy/src/requirements.ts).
func (s seedFile) rows(t *testing.T, datacenter, agents string) []string {
	t.Helper()
	dc, ok := s.Datacenters[datacenter]
	if !ok {
		t.Fatalf("the seed has no datacenter %s", datacenter)
	}
	var dns []string
	for _, ip := range s.DefaultDNSServers {
		dns = append(dns, ip+"/32")
	}
	peers := map[string][]string{
		"agents":         {agents},
		"datacenter":     dc.Service,
		"datacenter-ntp": dc.NTP,
		"dns-servers":    dns,
		"internet":       {s.Internet},
	}
	var rows []string
	for _, r := range s.Requirements {
		if r.Peers == "ssh-sources" {
			continue
		}
		ps, ok := peers[r.Peers]
		if !ok {
			t.Fatalf("the seed names a peer set this test cannot resolve: %s", r.Peers)
		}
		ports := fmt.Sprint(r.FromPort)
		switch {
		case r.FromPort == 0 && r.ToPort == 65535:
			ports = "all"
		case r.FromPort != r.ToPort:
			ports = fmt.Sprintf("%d-%d", r.FromPort, r.ToPort)
		}
		for _, p := range ps {
			rows = append(rows, strings.Join([]string{r.Direction, r.Protocol, ports, p}, " "))
		}
	}
	return rows
}

// denyAllRows are what GCP adds below every allow, in both directions, so
// that the allows are all that passes (README: "What it builds on
// Azure/GCP"). Written out on purpose: they are not seed rows but the
// component's own design, and stating them here, apart from the rule
// model, keeps them an independent oracle for it.
var denyAllRows = []string{"deny ingress all all 0.0.0.0/0", "deny egress all all 0.0.0.0/0"}

// firewallRows reads a firewall rule's inputs as rows: each allow (or deny,
// with "deny" in front) and port, to each destination range (egress) or
// from each source range (ingress); no ports means all.
func firewallRows(in map[string]any) []string {
	dir, ranges := "ingress", stringList(in["sourceRanges"])
	if in["direction"] == "EGRESS" {
		dir, ranges = "egress", stringList(in["destinationRanges"])
	}
	var rows []string
	// Each row starts with its access: nothing for an allow, "deny " (with its space) for a deny.
	for _, a := range []struct{ access, key string }{{"", "allows"}, {"deny ", "denies"}} {
		access := a.access
		matches, _ := in[a.key].([]any)
		for _, m := range matches {
			m, _ := m.(map[string]any)
			proto, _ := m["protocol"].(string)
			ports := stringList(m["ports"])
			if len(ports) == 0 {
				ports = []string{"all"}
			}
			for _, port := range ports {
				for _, peer := range ranges {
					rows = append(rows, access+strings.Join([]string{dir, proto, port, peer}, " "))
				}
			}
		}
	}
	return rows
}

func stringList(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, s := range list {
		out = append(out, fmt.Sprint(s))
	}
	return out
}

// rowDiff is what want has and got lacks, and what got has beyond want,
// counting repeats.
func rowDiff(got, want []string) (missing, extra []string) {
	left := slices.Clone(got)
	for _, w := range want {
		if i := slices.Index(left, w); i >= 0 {
			left = slices.Delete(left, i, i+1)
		} else {
			missing = append(missing, w)
		}
	}
	slices.Sort(missing)
	slices.Sort(left)
	return missing, left
}
