package provider

import (
	"slices"
	"strings"
	"testing"
	"time"

	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements/seeddoc"
)

// awsRegistrations is what Construct registers for defaultInputs (AWS in
// two zones, us, SSH closed): the component, 8 subnet resources (4 per
// zone), the agents' prefix list and 2 security groups, the component's
// own design; then a rule per row of the seed document (to the agents
// through the prefix list, one rule however many CIDRs) and one per
// agent-side requirement, counted from the seed, not written out.
func awsRegistrations() int {
	return 1 + 8 + 1 + 2 + len(seeddoc.Lines(seeddoc.US, "agents", false)) + len(requirements.AgentSide)
}

func TestConstructPublishesTheRuleTable(t *testing.T) {
	resp, rec, err := construct(t, now, false, defaultInputs())
	if err != nil {
		t.Fatal(err)
	}
	rows := resp.State.Get("rules").AsArray().AsSlice()
	var got []string
	for _, row := range rows {
		m := row.AsMap()
		var peers []string
		for _, peer := range m.Get("peers").AsArray().AsSlice() {
			peers = append(peers, peer.AsString())
		}
		got = append(got, strings.Join([]string{m.Get("direction").AsString(), m.Get("protocol").AsString(),
			m.Get("ports").AsString(), strings.Join(peers, ",")}, " "))
	}
	// In the seed's order, a row per direction, protocol and port.
	var want []string
	for _, g := range seeddoc.Groups(seeddoc.US, "10.0.0.0/16", false) {
		want = append(want, strings.Join([]string{g.Direction, g.Protocol, g.Port, strings.Join(g.Peers, ",")}, " "))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rule table\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if resp.State.Get("sshOpen").AsBool() || resp.State.Get("sshExpiresAt").AsString() != "" {
		t.Errorf("SSH reported open: %v", resp.State)
	}
	if got := resp.State.Get("awsApplianceSecurityGroupId").AsString(); got != "id-tm-appliances" {
		t.Errorf("awsApplianceSecurityGroupId = %q", got)
	}
	if got := len(resp.State.Get("awsSubnetIds").AsArray().AsSlice()); got != 2 {
		t.Errorf("%d subnet ids, want 2", got)
	}
	if got := resp.State.Get("azureSubnetId"); !got.IsString() || got.AsString() != "" {
		t.Errorf("azureSubnetId without an azure block = %v, want an empty string", got)
	}
	if n, want := len(rec.list()), awsRegistrations(); n != want {
		t.Errorf("%d registrations, want %d:\n  %s", n, want, strings.Join(rec.list(), "\n  "))
	}
}

func TestConstructWithAgentCIDRsFromAnotherResource(t *testing.T) {
	in := defaultInputs()
	in["agentCidrs"] = strs("10.0.0.0/16").WithDependencies([]presource.URN{"urn:pulumi:stack::project::aws:ec2/vpc:Vpc::main"})
	resp, _, err := construct(t, now, false, in)
	if err != nil {
		t.Fatal(err)
	}
	if peers := resp.State.Get("rules").AsArray().AsSlice()[0].AsMap().Get("peers"); peers.AsArray().Len() != 1 {
		t.Errorf("peers = %v", peers)
	}
}

// A list whose items are outputs of other resources, as TypeScript's
// `[vpc.cidrBlock, "10.1.0.0/16"]` sends it.
func TestConstructWithAListOfAgentCIDROutputs(t *testing.T) {
	in := defaultInputs()
	vpc := str("10.0.0.0/16").WithDependencies([]presource.URN{"urn:pulumi:stack::project::aws:ec2/vpc:Vpc::main"})
	in["agentCidrs"] = property.New([]property.Value{str("10.1.0.0/16"), vpc})
	resp, _, err := construct(t, now, false, in)
	if err != nil {
		t.Fatal(err)
	}
	peers := resp.State.Get("rules").AsArray().AsSlice()[0].AsMap().Get("peers").AsArray()
	if peers.Len() != 2 || peers.Get(0).AsString() != "10.0.0.0/16" || peers.Get(1).AsString() != "10.1.0.0/16" {
		t.Errorf("peers = %v, want both CIDRs sorted", peers)
	}

	in["agentCidrs"] = property.New([]property.Value{str("10.1.0.0/16"), property.New(property.Computed).WithDependencies([]presource.URN{"urn:pulumi:stack::project::aws:ec2/vpc:Vpc::main"})})
	if _, _, err := construct(t, now, true, in); err != nil {
		t.Fatalf("preview with one unknown item: %v", err)
	}
}

func TestConstructPreviewWithUnknownAgentCIDRs(t *testing.T) {
	in := defaultInputs()
	// As the engine sends an unknown output of another resource in a preview.
	in["agentCidrs"] = property.New(property.Computed).WithDependencies([]presource.URN{"urn:pulumi:stack::project::aws:ec2/vpc:Vpc::main"})
	_, rec, err := construct(t, now, true, in)
	if err != nil {
		t.Fatal(err)
	}
	if n, want := len(rec.list()), awsRegistrations(); n != want {
		t.Errorf("%d registrations in preview, want %d", n, want)
	}
}

func TestConstructOpensAndClosesSSH(t *testing.T) {
	in := defaultInputs()
	in["sshAccess"] = obj(map[string]property.Value{"expiresAt": str("2026-11-27T12:00:00Z")})

	resp, rec, err := construct(t, now, false, in)
	if err != nil {
		t.Fatal(err)
	}
	if !resp.State.Get("sshOpen").AsBool() || resp.State.Get("sshExpiresAt").AsString() != "2026-11-27T12:00:00Z" ||
		resp.State.Get("sshClosedByCloudAt").AsString() != "2026-11-27T12:00:00Z" {
		t.Errorf("SSH state = %v %v %v", resp.State.Get("sshOpen"), resp.State.Get("sshExpiresAt"), resp.State.Get("sshClosedByCloudAt"))
	}
	open := rec.list()

	resp, rec, err = construct(t, now.Add(25*time.Hour), false, in)
	if err != nil {
		t.Fatal(err)
	}
	if resp.State.Get("sshOpen").AsBool() || resp.State.Get("sshClosedByCloudAt").AsString() != "" || resp.State.Get("awsSshExpiryScheduleArns").AsArray().Len() != 0 {
		t.Error("SSH or its schedule still there after expiry")
	}
	closed := rec.list()
	var removed []string
	for _, r := range open {
		if !slices.Contains(closed, r) {
			removed = append(removed, r)
		}
	}
	slices.Sort(removed)
	want := []string{
		"aws:iam/role:Role tm-ssh-expiry",
		"aws:iam/rolePolicy:RolePolicy tm-ssh-expiry",
		"aws:scheduler/schedule:Schedule tm-ssh-expiry-ingress-ssh-tcp-22-204-110-218-96-27",
		"aws:scheduler/schedule:Schedule tm-ssh-expiry-ingress-ssh-tcp-22-204-110-219-96-27",
		"aws:scheduler/schedule:Schedule tm-ssh-expiry-ingress-ssh-tcp-22-208-71-209-32-27",
		"aws:scheduler/scheduleGroup:ScheduleGroup tm-ssh-expiry",
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule tm-ingress-ssh-tcp-22-204-110-218-96-27",
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule tm-ingress-ssh-tcp-22-204-110-219-96-27",
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule tm-ingress-ssh-tcp-22-208-71-209-32-27",
	}
	if !slices.Equal(removed, want) || len(open)-len(closed) != len(want) {
		t.Errorf("expiry removed %v, want the SSH rules and their schedules, schedule group, role and policy", removed)
	}
}

// Bad input fails before the component or any child registers.
func TestConstructRefusesBadInputBeforeRegistering(t *testing.T) {
	tests := map[string]struct {
		change func(map[string]property.Value)
		field  string
	}{
		"host bits":      {func(in map[string]property.Value) { in["agentCidrs"] = strs("10.0.0.1/16") }, "agentCidrs[0]"},
		"no agent CIDRs": {func(in map[string]property.Value) { delete(in, "agentCidrs") }, "agentCidrs"},
		"no cloud block": {func(in map[string]property.Value) { delete(in, "aws") }, "aws, azure, gcp"},
		"bad datacenter": {func(in map[string]property.Value) { in["datacenter"] = str("apac") }, "datacenter"},
		"expiry too far": {func(in map[string]property.Value) {
			in["sshAccess"] = obj(map[string]property.Value{"expiresAt": str("2027-01-01T00:00:00Z")})
		}, "sshAccess.expiresAt"},
		"expiry too close for the cloud to schedule": {func(in map[string]property.Value) {
			in["sshAccess"] = obj(map[string]property.Value{"expiresAt": str(now.Add(2 * time.Minute).Format(time.RFC3339))})
		}, "sshAccess.expiresAt"},
		"malformed expiry": {func(in map[string]property.Value) {
			in["sshAccess"] = obj(map[string]property.Value{"expiresAt": str("soon")})
		}, "sshAccess.expiresAt"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			in := defaultInputs()
			tt.change(in)
			_, rec, err := construct(t, now, false, in)
			if err == nil || !strings.Contains(err.Error(), tt.field+": ") {
				t.Fatalf("err = %v, want one naming %s", err, tt.field)
			}
			if n := rec.list(); len(n) != 0 {
				t.Errorf("registered before failing: %v", n)
			}
		})
	}
}

// A hybrid estate: one input, all three clouds, one rule plan.
func TestConstructRendersEveryCloudFromOneInput(t *testing.T) {
	in := defaultInputs()
	in["azure"] = obj(map[string]property.Value{
		"resourceGroupName":   str("rg-secops"),
		"virtualNetworkName":  str("vnet-main"),
		"subnetAddressPrefix": str("10.1.240.0/24"),
	})
	in["gcp"] = obj(map[string]property.Value{
		"region":     str("us-central1"),
		"network":    str("default"),
		"subnetCidr": str("10.2.240.0/24"),
	})
	resp, rec, err := construct(t, now, false, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, output := range []string{"awsApplianceSecurityGroupId", "azureSubnetId", "azureNetworkSecurityGroupId", "gcpSubnetworkId", "gcpTargetTag"} {
		if v := resp.State.Get(output); !v.IsString() || v.AsString() == "" {
			t.Errorf("%s = %v, want a value", output, v)
		}
	}
	for _, output := range []string{"azureSecurityRuleNames", "gcpFirewallNames"} {
		if v := resp.State.Get(output); !v.IsArray() || v.AsArray().Len() == 0 {
			t.Errorf("%s = %v, want names", output, v)
		}
	}
	types := map[string]int{}
	for _, r := range rec.list() {
		typ, _, _ := strings.Cut(r, " ")
		types[typ]++
	}
	for _, typ := range []string{
		"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
		"azure-native:network:SecurityRule",
		"azure-native:network:NetworkSecurityGroup",
		"azure-native:network:Subnet",
		"gcp:compute/firewall:Firewall",
		"gcp:compute/subnetwork:Subnetwork",
	} {
		if types[typ] == 0 {
			t.Errorf("no %s registered; got %v", typ, types)
		}
	}
}

// Every child's recorded stack trace, which the engine keeps in the state
// and rewrites at every checkpoint, is the renderer's few frames, not the
// plugin's gRPC and pulumi-go-provider frames.
func TestChildrenRecordShortStackTraces(t *testing.T) {
	in := defaultInputs()
	in["gcp"] = obj(map[string]property.Value{"region": str("us-central1"), "network": str("default"), "subnetCidr": str("10.2.240.0/24")})
	_, rec, err := construct(t, now, false, in)
	if err != nil {
		t.Fatal(err)
	}
	kids := rec.all()
	if len(kids) == 0 || len(kids[0].StackFrames) == 0 {
		t.Fatal("no stack traces recorded")
	}
	for _, c := range kids {
		if c.Name == "tm" {
			continue // the component itself registers from Construct
		}
		for _, f := range c.StackFrames {
			if strings.Contains(f, "pulumi-go-provider") || strings.Contains(f, "grpc") {
				t.Errorf("%s's stack trace (%d frames) holds %s", c.Name, len(c.StackFrames), f)
				break
			}
		}
	}
}
