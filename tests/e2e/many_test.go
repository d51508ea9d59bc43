package e2e

import (
	"fmt"
	"maps"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

// componentCount is how many ThreatManager components share one stack: a
// managed service runs one per VPC, virtual network or VPC network.
const componentCount = 20

// Twenty components in one stack, each with its own name and networks,
// preview and up cleanly, settle, and share no child name, in the engine or
// in the clouds. In `make test` each component takes one cloud in turn (7
// AWS, 7 Azure, 6 GCP: about 400 children, under a minute); with
// E2E_MANY_ALL_CLOUDS=1 (`make bench`) each takes all three (1,080 children,
// about three and a half minutes here, most of it the engine's up).
func TestTwentyComponents(t *testing.T) {
	allClouds := os.Getenv("E2E_MANY_ALL_CLOUDS") == "1"
	config := map[string]string{}
	for _, c := range clouds {
		maps.Copy(config, c.config)
	}
	s := newStack(t, "tm-many", config)
	components := map[string]*Input{}
	for i := 1; i <= componentCount; i++ {
		name := fmt.Sprintf("site-%02d", i)
		in := &Input{
			Datacenter: "us",
			AgentCidrs: []string{fmt.Sprintf("10.%d.0.0/16", i)},
			Aws: &AwsInput{
				VpcId:        fmt.Sprintf("vpc-%017d", i),
				NatGatewayId: fmt.Sprintf("nat-%017d", i),
				Subnets: []AwsSubnet{
					{AvailabilityZone: "us-east-1a", CidrBlock: fmt.Sprintf("10.%d.240.0/24", i)},
					{AvailabilityZone: "us-east-1b", CidrBlock: fmt.Sprintf("10.%d.241.0/24", i)},
				},
			},
			Azure: map[string]any{
				"resourceGroupName":   "rg-threatmanager",
				"location":            "eastus",
				"virtualNetworkName":  fmt.Sprintf("vnet-%02d", i),
				"subnetAddressPrefix": fmt.Sprintf("10.%d.250.0/24", i),
			},
			Gcp: map[string]any{
				"project":    "threatmanager-e2e",
				"region":     "us-central1",
				"network":    fmt.Sprintf("network-%02d", i),
				"subnetCidr": fmt.Sprintf("10.%d.252.0/24", i),
			},
		}
		if !allClouds {
			switch i % 3 {
			case 0:
				in.Azure, in.Gcp = nil, nil
			case 1:
				in.Aws, in.Gcp = nil, nil
			case 2:
				in.Aws, in.Azure = nil, nil
			}
		}
		components[name] = in
	}
	s.programOf(components, map[string]any{})

	p := s.preview()
	ops := p.Ops()
	if ops.Create == 0 || ops.Update+ops.Delete+ops.Replace != 0 {
		t.Fatalf("first preview: %v, want creates only%s", ops, describeSteps(p))
	}
	t.Logf("first preview: %v", ops)
	s.up()
	settled(t, s, "all", "")

	states := s.export()
	checkChildrenBelongToTheirComponent(t, states)
	checkCloudNamesUnique(t, states)

	// The policy pack holds every component to the requirements, each with its own agents and
	// networks; its time on a stack this size is in docs/performance.md.
	start := time.Now()
	if got, failed := analyze(t, s, s.pulumi("stack", "export")); failed || len(got) > 0 {
		t.Errorf("pulumi policy analyze of the stack: failed %v, %v", failed, got)
	}
	t.Logf("pulumi policy analyze of %d resources: %s", len(states), time.Since(start).Round(10*time.Millisecond))

	if allClouds {
		timePreviewWithThePack(t, s)
	}
}

// timePreviewWithThePack times the no-change preview without and with the policy pack, A B B A,
// and logs the ratio (`make bench`; docs/performance.md).
func timePreviewWithThePack(t *testing.T, s *stack) {
	var without, with time.Duration
	for _, withPack := range []bool{false, true, true, false} {
		args := []string{"preview", "--json"}
		if withPack {
			args = append(args, "--policy-pack", policyPack())
		}
		start := time.Now()
		s.pulumi(args...)
		if withPack {
			with += time.Since(start)
		} else {
			without += time.Since(start)
		}
	}
	t.Logf("no-change preview: %s without the policy pack, %s with it (two runs each): ratio %.2f",
		(without / 2).Round(10*time.Millisecond), (with / 2).Round(10*time.Millisecond), float64(with)/float64(without))
}

// Every child's name starts with its component's name, and its parent is
// that component.
func checkChildrenBelongToTheirComponent(t *testing.T, states []State) {
	t.Helper()
	perComponent := map[string]int{}
	for _, st := range states {
		if !strings.HasPrefix(st.Parent, "urn:") || strings.Contains(st.Parent, "::pulumi:pulumi:Stack::") || !st.Custom {
			continue
		}
		owner := nameOf(st.Parent)
		if !strings.HasPrefix(nameOf(st.URN), owner+"-") {
			t.Errorf("%s (%s) is a child of %s but not named after it", nameOf(st.URN), st.Type, owner)
		}
		perComponent[owner]++
	}
	if len(perComponent) != componentCount {
		t.Fatalf("children under %d components, want %d", len(perComponent), componentCount)
	}
}

// nameInputs are the inputs that name a resource in its cloud, and the
// scopes a name is unique in.
var nameInputs = []string{
	"name", "namePrefix", "prefixListName", "networkSecurityGroupName", "securityRuleName", "subnetName",
	"workflowName", "roleName", "accountId", "roleId", "resourceGroupName", "virtualNetworkName", "project", "region",
}

// checkCloudNamesUnique: no two resources of a type have the same name in
// the same scope, where the cloud would refuse or confuse them. AWS names
// security groups by prefix and the other children by tag, so the Name tag
// counts too.
func checkCloudNamesUnique(t *testing.T, states []State) {
	t.Helper()
	seen := map[string]string{}
	for _, st := range states {
		if !st.Custom || strings.HasPrefix(st.Type, "pulumi:") {
			continue
		}
		var parts []string
		for _, k := range nameInputs {
			if v, ok := st.Inputs[k].(string); ok {
				parts = append(parts, k+"="+v)
			}
		}
		if tags, ok := st.Inputs["tags"].(map[string]any); ok {
			if v, ok := tags["Name"].(string); ok {
				parts = append(parts, "Name="+v)
			}
		}
		if len(parts) == 0 {
			continue
		}
		sort.Strings(parts)
		key := st.Type + " " + strings.Join(parts, " ")
		if other, dup := seen[key]; dup {
			t.Errorf("%s and %s have the same cloud name: %s", nameOf(other), nameOf(st.URN), key)
		}
		seen[key] = st.URN
	}
}
