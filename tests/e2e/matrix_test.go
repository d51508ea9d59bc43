package e2e

import (
	"fmt"
	"strings"
	"testing"
)

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
