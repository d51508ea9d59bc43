package e2e

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Input is the ThreatManager input the programs pass (schema.json).
type Input struct {
	Datacenter string            `json:"datacenter,omitempty"`
	AgentCidrs []string          `json:"agentCidrs"`
	SshAccess  *SshAccess        `json:"sshAccess,omitempty"`
	EgressHttp *bool             `json:"egressHttp,omitempty"`
	Tags       map[string]string `json:"tags,omitempty"`
	Aws        *AwsInput         `json:"aws,omitempty"`
	Azure      map[string]any    `json:"azure,omitempty"`
	Gcp        map[string]any    `json:"gcp,omitempty"`
}

type SshAccess struct {
	ExpiresAt string `json:"expiresAt"`
}

type AwsInput struct {
	VpcId                 string      `json:"vpcId"`
	NatGatewayId          string      `json:"natGatewayId"`
	Subnets               []AwsSubnet `json:"subnets"`
	AgentCidrsMaxEntries  *int        `json:"agentCidrsMaxEntries,omitempty"`
	RulesPerSecurityGroup *int        `json:"rulesPerSecurityGroup,omitempty"`
	NamePrefix            string      `json:"namePrefix,omitempty"`
}

type AwsSubnet struct {
	AvailabilityZone string `json:"availabilityZone"`
	CidrBlock        string `json:"cidrBlock"`
}

// cloud is one column of the matrix: a stack with only that cloud's block.
type cloud struct {
	name   string
	config map[string]string
	block  func(in *Input)
	// baseline checks the children of the first `up` (stack export).
	baseline func(t *testing.T, s *stack, res []State)
}

var clouds = []cloud{
	{
		name:   "aws",
		config: map[string]string{"aws:region": "us-east-1"},
		block: func(in *Input) {
			in.Aws = &AwsInput{
				VpcId:        "vpc-0123456789abcdef0",
				NatGatewayId: "nat-0123456789abcdef0",
				Subnets: []AwsSubnet{
					{AvailabilityZone: "us-east-1a", CidrBlock: "10.0.240.0/24"},
					{AvailabilityZone: "us-east-1b", CidrBlock: "10.0.241.0/24"},
				},
			}
		},
		baseline: awsBaseline,
	},
	{
		name:   "azure",
		config: map[string]string{"azure-native:location": "eastus"},
		block: func(in *Input) {
			in.Azure = map[string]any{
				"resourceGroupName":   "rg-threatmanager",
				"location":            "eastus",
				"virtualNetworkName":  "vnet-threatmanager",
				"subnetAddressPrefix": "10.0.250.0/24",
			}
		},
		baseline: azureBaseline,
	},
	{
		name:   "gcp",
		config: map[string]string{"gcp:project": "threatmanager-e2e", "gcp:region": "us-central1"},
		block: func(in *Input) {
			in.Gcp = map[string]any{
				"project":    "threatmanager-e2e",
				"region":     "us-central1",
				"network":    "default",
				"subnetCidr": "10.0.252.0/24",
			}
		},
		baseline: gcpBaseline,
	},
}

// row is one change of the matrix, applied to the stack left by the rows
// before it.
type row struct {
	name     string
	expected string
	// expectedBy overrides expected for a cloud, in the printed table.
	expectedBy map[string]string
	only       string // a cloud name when the row applies to one cloud
	// change edits the input; prepare, if set, runs instead for rows that
	// need more than an edit (it leaves the stack ready for the preview).
	change  func(in *Input)
	prepare func(t *testing.T, s *stack, in *Input)
	check   func(cloud string, p *Preview, ops Ops) error
	// deltaCheck checks the rule delta of the preview.
	deltaCheck func(cloud string, p *Preview, rows []DeltaRow) error
}

func ptr[T any](v T) *T { return &v }

var matrix = []row{
	{
		name: "add an agent CIDR", expected: "updates only",
		expectedBy: map[string]string{"aws": "1 update, nothing else"},
		change:     func(in *Input) { in.AgentCidrs = append(in.AgentCidrs, "10.2.0.0/16") },
		check: func(cloud string, p *Preview, o Ops) error {
			if cloud == "aws" {
				return want(o, Ops{Update: 1})
			}
			return updatesOnly(o)
		},
		deltaCheck: func(cloud string, p *Preview, rows []DeltaRow) error {
			if cloud == "aws" {
				// The rules reference the prefix list: no rule line, one list line.
				if len(rows) != 0 || !strings.Contains(deltaText(p), "added 10.2.0.0/16") {
					return fmt.Errorf("want only the prefix list's new entry")
				}
				return nil
			}
			if len(rows) == 0 {
				return fmt.Errorf("no rules listed")
			}
			for _, r := range rows {
				old, new, _ := strings.Cut(r.Peer, " → ")
				if r.Change != "changed" || strings.Contains(old, "10.2.0.0/16") || !strings.Contains(new, "10.2.0.0/16") {
					return fmt.Errorf("want agent rules whose peers gain 10.2.0.0/16, got %+v", r)
				}
			}
			return nil
		},
	},
	{
		name: "remove an agent CIDR", expected: "updates only",
		change: func(in *Input) {
			in.AgentCidrs = slices.DeleteFunc(in.AgentCidrs, func(c string) bool { return c == "10.2.0.0/16" })
		},
		check: func(_ string, _ *Preview, o Ops) error { return updatesOnly(o) },
	},
	{
		name: "reorder agentCidrs", expected: "no changes",
		change: func(in *Input) { slices.Reverse(in.AgentCidrs) },
		check:  func(_ string, _ *Preview, o Ops) error { return want(o, Ops{}) },
		deltaCheck: func(_ string, _ *Preview, rows []DeltaRow) error {
			if len(rows) > 0 {
				return fmt.Errorf("delta lists %d rules", len(rows))
			}
			return nil
		},
	},
	{
		name: "open SSH", expected: "creates only: the SSH rules and the cloud's expiry",
		change: func(in *Input) {
			in.SshAccess = &SshAccess{ExpiresAt: time.Now().UTC().Add(2 * time.Hour).Format(time.RFC3339)}
		},
		check: onlyOf("create", sshTypes),
		deltaCheck: func(cloud string, p *Preview, rows []DeltaRow) error {
			if err := exactlySSH("added")(cloud, p, rows); err != nil {
				return err
			}
			return closedByCloud(deltaText(p), "added")
		},
	},
	{
		name: "extend SSH expiry", expected: "replaces the SSH rules (AWS, GCP) and the window's grant; updates the schedulers",
		change: func(in *Input) {
			in.SshAccess = &SshAccess{ExpiresAt: time.Now().UTC().Add(3 * time.Hour).Format(time.RFC3339)}
		},
		// The SSH rules belong to their window (their descriptions carry the
		// expiry), and so do GCP's role and Azure's assignment; the
		// schedulers move in place.
		check:      newWindow,
		deltaCheck: func(_ string, p *Preview, _ []DeltaRow) error { return closedByCloud(deltaText(p), "moved") },
	},
	{
		name: "SSH expired (clock past expiry)", expected: "deletes only: the SSH rules and the expiry; a warning",
		prepare: func(t *testing.T, s *stack, in *Input) { s.advanceClock(4 * time.Hour) },
		check: func(cloud string, p *Preview, o Ops) error {
			if err := onlyOf("delete", sshTypes)(cloud, p, o); err != nil {
				return err
			}
			return p.warned("troubleshooting SSH expired")
		},
		deltaCheck: exactlySSH("removed"),
	},
	{
		name: "the cloud closed SSH, then refresh and up", expected: "deletes only, no errors",
		prepare: cloudClosesSSH,
		// The rules the cloud deleted left the state at the refresh.
		check: onlyOf("delete", leftAfterCloudClosed),
	},
	{
		name: "close SSH early (remove sshAccess)", expected: "deletes only: the SSH rules and the expiry",
		prepare: func(t *testing.T, s *stack, in *Input) {
			in.SshAccess = &SshAccess{ExpiresAt: s.now().UTC().Add(2 * time.Hour).Format(time.RFC3339)}
			s.program(in)
			s.up()
			in.SshAccess = nil
			s.program(in)
		},
		check: onlyOf("delete", sshTypes),
		deltaCheck: func(cloud string, p *Preview, rows []DeltaRow) error {
			if err := exactlySSH("removed")(cloud, p, rows); err != nil {
				return err
			}
			return closedByCloud(deltaText(p), "removed")
		},
	},
	{
		name: "us → eu", expected: "the datacenter's rules move to 185.54.124.0/24, nothing else",
		expectedBy: map[string]string{
			"aws":   "3 creates, 8 deletes: one rule per range and port",
			"azure": "3 updates: the rules' peers, in place",
			"gcp":   "3 updates: the rules' peers, in place",
		},
		change: func(in *Input) { in.Datacenter = "eu" },
		check: func(cloud string, p *Preview, o Ops) error {
			// Only rule resources change: no group, NSG, subnet or
			// subnetwork is replaced or touched.
			for urn, op := range p.opsByURN() {
				if typeOf(urn) != ruleType[cloud] {
					return fmt.Errorf("%s %s (%s): only %s may change", op, nameOf(urn), typeOf(urn), ruleType[cloud])
				}
			}
			moved := datacenterMove(cloud)
			if cloud == "aws" {
				added, removed := 0, 0
				for _, m := range moved {
					if strings.HasPrefix(m, "added ") {
						added++
					} else {
						removed++
					}
				}
				return want(o, Ops{Create: added, Delete: removed})
			}
			return want(o, Ops{Update: len(moved)})
		},
		deltaCheck: func(cloud string, p *Preview, rows []DeltaRow) error {
			ops := p.opsByURN()
			var got []string
			for _, r := range rows {
				got = append(got, strings.Join([]string{r.Change, r.Direction, r.Protocol, r.Ports, r.Peer}, " "))
				op := map[string]string{"added": "create", "removed": "delete", "changed": "update"}[r.Change]
				if !hasOp(ops, r.Resource, op) {
					return fmt.Errorf("delta row %+v: the preview does not %s %s", r, op, r.Resource)
				}
			}
			if missing, extra := rowDiff(got, datacenterMove(cloud)); len(missing)+len(extra) > 0 {
				return fmt.Errorf("delta differs from the seed's us and eu tables:\n  missing:    %q\n  unexpected: %q", missing, extra)
			}
			return nil
		},
	},
	{
		name: "egress TCP 80 off", expected: "deletes/updates only",
		change: func(in *Input) { in.EgressHttp = ptr(false) },
		check: func(_ string, _ *Preview, o Ops) error {
			if o.Delete+o.Update == 0 {
				return fmt.Errorf("no deletes or updates")
			}
			return only(o, "delete", "update")
		},
		deltaCheck: func(_ string, _ *Preview, rows []DeltaRow) error {
			if len(rows) != 1 || rows[0].Change != "removed" || rows[0].Ports != "80" || rows[0].Peer != "0.0.0.0/0" {
				return fmt.Errorf("want the one TCP 80 rule removed, got %+v", rows)
			}
			return nil
		},
	},
	{
		name: "add an AZ (AWS)", expected: "creates only", only: "aws",
		change: func(in *Input) {
			in.Aws.Subnets = append(in.Aws.Subnets, AwsSubnet{AvailabilityZone: "us-east-1c", CidrBlock: "10.0.242.0/24"})
		},
		check: func(_ string, _ *Preview, o Ops) error { return only(o, "create") },
	},
	{
		name: "add a tag", expected: "updates only",
		expectedBy: map[string]string{"gcp": "no changes (nothing on GCP takes labels)"},
		change:     func(in *Input) { in.Tags["costCenter"] = "security" },
		check: func(cloud string, _ *Preview, o Ops) error {
			if cloud == "gcp" {
				// Neither compute.Subnetwork nor compute.Firewall takes
				// labels in pulumi-gcp v7.38.0: nothing on GCP carries tags.
				return want(o, Ops{})
			}
			return updatesOnly(o)
		},
	},
}

// hasOp tells whether a preview's operations (opsByURN) do op to the
// resource named name.
func hasOp(ops map[string]string, name, op string) bool {
	for urn, o := range ops {
		if nameOf(urn) == name && o == op {
			return true
		}
	}
	return false
}

// ruleType is each cloud's rule resource type (the matrix's rules are all
// egress ones on AWS when only the datacenter changes).
var ruleType = map[string]string{"aws": awsEgressRule, "azure": azureRule, "gcp": gcpFirewall}

// datacenterMove is the rule delta of moving from the US to the EU
// datacenter, from the seed's two egress tables, as "change direction
// protocol ports peer": on AWS, one rule per range, so the US ranges' rules
// are removed and the EU range's added; on Azure and GCP, one rule per
// requirement holding all its ranges, so each rule's peers change.
func datacenterMove(cloud string) []string {
	// Without agents, the tables differ only in the datacenter's rows.
	added, removed := rowDiff(seedRows("us"), seedRows("eu"))
	if cloud == "aws" {
		var rows []string
		for _, r := range added {
			rows = append(rows, "added "+r)
		}
		for _, r := range removed {
			rows = append(rows, "removed "+r)
		}
		return rows
	}
	// "direction protocol ports" -> its peers before and after.
	before, after := map[string][]string{}, map[string][]string{}
	var keys []string
	for _, side := range []struct {
		rows []string
		to   map[string][]string
	}{{removed, before}, {added, after}} {
		for _, r := range side.rows {
			i := strings.LastIndex(r, " ")
			key := r[:i]
			if !slices.Contains(keys, key) {
				keys = append(keys, key)
			}
			side.to[key] = append(side.to[key], r[i+1:])
		}
	}
	var rows []string
	for _, k := range keys {
		slices.Sort(before[k])
		slices.Sort(after[k])
		rows = append(rows, "changed "+k+" "+strings.Join(before[k], ", ")+" → "+strings.Join(after[k], ", "))
	}
	return rows
}

func want(got, exp Ops) error {
	exp.Same = got.Same
	if got != exp {
		return fmt.Errorf("got %v, want %v", got, exp)
	}
	return nil
}

// only fails unless the preview has some operations, all of the kinds given.
func only(o Ops, kinds ...string) error {
	n := map[string]int{"create": o.Create, "update": o.Update, "delete": o.Delete, "replace": o.Replace}
	total := 0
	for k, v := range n {
		if v > 0 && !slices.Contains(kinds, k) {
			return fmt.Errorf("%v: want %s only", o, strings.Join(kinds, "/"))
		}
		total += v
	}
	if total == 0 {
		return fmt.Errorf("no changes: want %s", strings.Join(kinds, "/"))
	}
	return nil
}

func updatesOnly(o Ops) error { return only(o, "update") }

// exactlySSH checks that the delta lists the SSH rules and nothing else:
// every line is an `change` TCP 22 rule, and there is one line per rule
// resource the preview creates or deletes.
func exactlySSH(change string) func(string, *Preview, []DeltaRow) error {
	return func(_ string, p *Preview, rows []DeltaRow) error {
		if len(rows) == 0 {
			return fmt.Errorf("delta lists no rules")
		}
		for _, r := range rows {
			if r.Change != change || r.Protocol != "tcp" || r.Ports != "22" || !strings.HasPrefix(r.Direction, "ingress") {
				return fmt.Errorf("delta lists a rule other than an %s SSH rule: %+v", change, r)
			}
		}
		resources := 0
		for urn := range p.opsByURN() {
			switch typeOf(urn) {
			case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
				"azure-native:network:SecurityRule", "gcp:compute/firewall:Firewall":
				resources++
			}
		}
		if resources != len(rows) {
			return fmt.Errorf("delta lists %d rules, the preview changes %d rule resources", len(rows), resources)
		}
		return nil
	}
}

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

// TestPreviewMatrix runs the matrix on one stack per cloud, in parallel:
// up the baseline, then for each row change the input, preview, check,
// and up, so the next row starts from the deployed change.
func TestPreviewMatrix(t *testing.T) {
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runMatrix(t, c)
		})
	}
}

func runMatrix(t *testing.T, c cloud) {
	s := newStack(t, "tm-e2e-"+c.name, c.config)
	in := &Input{
		Datacenter: "us",
		AgentCidrs: []string{"10.0.0.0/16", "10.1.0.0/16"},
		Tags:       map[string]string{"workload": "threat-manager"},
	}
	c.block(in)
	s.program(in)

	// The baseline: up, then a second preview reports no changes.
	if out, err := s.try("up", "--yes", "--skip-preview", "--suppress-progress"); err != nil {
		t.Fatalf("baseline up: %v\n%s", err, out)
	}
	settled(t, s, c.name, "baseline (second preview after up)")
	c.baseline(t, s, s.export())

	for _, r := range matrix {
		if r.only != "" && r.only != c.name {
			continue
		}
		if !t.Run(r.name, func(t *testing.T) {
			s.t = t
			defer func() { s.t = t }()
			if r.prepare != nil {
				r.prepare(t, s, in)
			} else {
				r.change(in)
				s.program(in)
			}
			p := s.preview()
			ops := p.Ops()
			err := r.check(c.name, p, ops)
			expected := r.expected
			if e, ok := r.expectedBy[c.name]; ok {
				expected = e
			}
			record(result{cloud: c.name, row: r.name, expected: expected, ops: ops, err: err})
			savePreview(t, c.name, r.name, p)
			md := delta(t, p)
			t.Logf("rule delta:\n%s", md)
			if r.name == "open SSH" {
				resultsMu.Lock()
				sshDelta[c.name] = md
				resultsMu.Unlock()
			}
			if err != nil {
				t.Errorf("%s: %v\nsteps: %s", r.name, err, describeSteps(p))
			}
			if r.deltaCheck != nil {
				if err := r.deltaCheck(c.name, p, parseDelta(md)); err != nil {
					t.Errorf("%s: rule delta: %v\n%s", r.name, err, md)
				}
			}
			s.program(in)
			s.up()
			s.cloudForgets()
			settled(t, s, c.name, "")
		}) {
			t.Logf("stopping the %s matrix: the stack may be off its expected state", c.name)
			return
		}
	}
}

// settled checks that a preview right after `up` reports no changes.
func settled(t *testing.T, s *stack, cloud, label string) {
	t.Helper()
	p := s.preview()
	ops := p.Ops()
	err := want(ops, Ops{})
	if label != "" {
		record(result{cloud: cloud, row: label, expected: "no changes", ops: ops, err: err})
	}
	if err != nil {
		t.Errorf("preview after up: %v\nsteps: %s", err, describeSteps(p))
	}
}

func describeSteps(p *Preview) string {
	var b strings.Builder
	for urn, op := range p.opsByURN() {
		fmt.Fprintf(&b, "\n  %s %s (%s)", op, nameOf(urn), typeOf(urn))
	}
	for _, d := range p.Diagnostics {
		if d.Severity == "error" {
			fmt.Fprintf(&b, "\n  error: %s", strings.TrimSpace(d.Message))
		}
	}
	return b.String()
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
