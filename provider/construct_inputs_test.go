package provider

// Paths of the component that no other test runs: a subnet's own NAT
// gateway, every field of the rules output, explicit providers reaching
// the children, and agent CIDRs that were unknown at planning resolving to
// a bad value.

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	p "github.com/pulumi/pulumi-go-provider"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws/awsrender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure/azurerender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp/gcprender"
	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements/seeddoc"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// constructChildren runs the provider's Construct path (as construct does)
// with the component's providers option, and returns every registration.
func constructChildren(t *testing.T, inputs map[string]property.Value, providers map[tokens.Package]p.ProviderReference) (p.ConstructResponse, []child) {
	t.Helper()
	server, rec := newServer(t, now)
	req := constructRequest(false, inputs)
	req.Providers = providers
	resp, err := server.Construct(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp, rec.all()
}

// named is the one child of a type and name.
func named(t *testing.T, kids []child, typ, name string) child {
	t.Helper()
	for _, c := range kids {
		if c.Type == typ && c.Name == name {
			return c
		}
	}
	t.Fatalf("no %s %s registered", typ, name)
	return child{}
}

func strInput(c child, key string) string {
	v := c.Inputs.Get(key)
	if !v.IsString() {
		return ""
	}
	return v.AsString()
}

// A subnet that names its own NAT gateway routes to it; the others route
// to the block's.
func TestSubnetsOwnNATGatewayTakesItsDefaultRoute(t *testing.T) {
	in := defaultInputs()
	in["aws"] = obj(map[string]property.Value{
		"vpcId":        str("vpc-1"),
		"natGatewayId": str("nat-block"),
		"subnets": property.New([]property.Value{
			obj(map[string]property.Value{"availabilityZone": str("us-east-1a"), "cidrBlock": str("10.0.100.0/24"), "natGatewayId": str("nat-own-1a")}),
			subnet("us-east-1b", "10.0.101.0/24"),
			subnet("us-east-1c", "10.0.102.0/24"),
		}),
	})
	_, kids := constructChildren(t, in, nil)

	for zone, nat := range map[string]string{"us-east-1a": "nat-own-1a", "us-east-1b": "nat-block", "us-east-1c": "nat-block"} {
		route := named(t, kids, "aws:ec2/route:Route", "tm-default-route-"+zone)
		if got := strInput(route, "natGatewayId"); got != nat {
			t.Errorf("%s: default route to NAT gateway %q, want %q", zone, got, nat)
		}
		if got := strInput(route, "destinationCidrBlock"); got != "0.0.0.0/0" {
			t.Errorf("%s: route to %q, want the default route 0.0.0.0/0", zone, got)
		}
		// The route sits in the zone's table, and that table serves the zone's subnet.
		table := "id-tm-rtb-" + zone
		if got := strInput(route, "routeTableId"); got != table {
			t.Errorf("%s: route in table %q, want %q", zone, got, table)
		}
		assoc := named(t, kids, "aws:ec2/routeTableAssociation:RouteTableAssociation", "tm-rtb-assoc-"+zone)
		if strInput(assoc, "routeTableId") != table || strInput(assoc, "subnetId") != "id-tm-subnet-"+zone {
			t.Errorf("%s: association %v, want table %s for subnet id-tm-subnet-%s", zone, assoc.Inputs, table, zone)
		}
	}
}

// Every field of the rules output, for a known input (us, one agent
// network, SSH open for a day), against the seed
// (provider/requirements/seeddoc/seed.md): its directions, protocols,
// ports, peers and descriptions. The purposes are the component's names
// for the seed's rows (README: "Outputs"), one per row. Only SSH rows
// expire, and their description adds the expiry to the seed's.
func TestRulesOutputIsTheSeedsTableFieldByField(t *testing.T) {
	in := defaultInputs()
	expires := now.Add(24 * time.Hour).Format(time.RFC3339)
	in["sshAccess"] = obj(map[string]property.Value{"expiresAt": str(expires)})
	resp, _ := constructChildren(t, in, nil)

	// Purposes are the component's names for the seed's rows: each row of
	// the output carries the purpose of the requirement it came from.
	purposes := map[string]string{}
	for _, req := range requirements.Table {
		purposes[string(req.Direction)+" "+string(req.Protocol)+" "+req.Ports.String()] = string(req.Purpose)
	}
	var want []string // direction | protocol | ports | peers | purpose | description | expiresAt
	for _, g := range seeddoc.Groups(seeddoc.US, "10.0.0.0/16", true) {
		description, expiresAt := g.Description, ""
		if g.Port == "22" {
			// The SSH row's description says when it closes.
			description, expiresAt = description+", expires "+expires, expires
		}
		want = append(want, strings.Join([]string{g.Direction, g.Protocol, g.Port, strings.Join(g.Peers, ","),
			purposes[g.Direction+" "+g.Protocol+" "+g.Port], description, expiresAt}, "|"))
	}

	var got []string
	for _, row := range resp.State.Get("rules").AsArray().AsSlice() {
		m := row.AsMap()
		var peers []string
		for _, peer := range m.Get("peers").AsArray().AsSlice() {
			peers = append(peers, peer.AsString())
		}
		expiresAt := ""
		if v := m.Get("expiresAt"); v.IsString() {
			expiresAt = v.AsString()
		}
		got = append(got, strings.Join([]string{m.Get("direction").AsString(), m.Get("protocol").AsString(),
			m.Get("ports").AsString(), strings.Join(peers, ","), m.Get("purpose").AsString(),
			m.Get("description").AsString(), expiresAt}, "|"))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("rules output (direction|protocol|ports|peers|purpose|description|expiresAt)\ngot:\n  %s\nwant:\n  %s",
			strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// Explicit providers given to the component (its `providers` option, as a
// stack deploying into another account, subscription or project passes)
// reach every child of their cloud, the SSH expiry's included.
func TestExplicitProvidersReachEveryChildOfTheirCloud(t *testing.T) {
	in := defaultInputs()
	in["azure"] = obj(map[string]property.Value{
		"resourceGroupName":   str("rg-secops"),
		"virtualNetworkName":  str("vnet-main"),
		"subnetAddressPrefix": str("10.1.240.0/24"),
	})
	in["gcp"] = obj(map[string]property.Value{
		"project":    str("proj-b"),
		"region":     str("us-central1"),
		"network":    str("default"),
		"subnetCidr": str("10.2.240.0/24"),
	})
	in["sshAccess"] = obj(map[string]property.Value{"expiresAt": str(now.Add(2 * time.Hour).Format(time.RFC3339))})
	ref := func(pkg, name string) p.ProviderReference {
		return p.ProviderReference{Urn: presource.URN("urn:pulumi:stack::project::pulumi:providers:" + pkg + "::" + name), ID: presource.ID(name + "-id")}
	}
	providers := map[tokens.Package]p.ProviderReference{
		"aws":          ref("aws", "account-b"),
		"azure-native": ref("azure-native", "subscription-b"),
		"gcp":          ref("gcp", "project-b"),
	}
	_, kids := constructChildren(t, in, providers)

	seen := map[tokens.Package]int{}
	for _, c := range kids {
		if c.Type == Token {
			continue
		}
		name, _, _ := strings.Cut(c.Type, ":")
		pkg := tokens.Package(name)
		want, ok := providers[pkg]
		if !ok {
			t.Errorf("%s %s: a child of no cloud the test gave a provider for", c.Type, c.Name)
			continue
		}
		seen[pkg]++
		// A provider reference reads "URN::ID".
		if w := string(want.Urn) + "::" + string(want.ID); c.Provider != w {
			t.Errorf("%s %s: provider %q, want the component's %q", c.Type, c.Name, c.Provider, w)
		}
	}
	for pkg := range providers {
		if seen[pkg] == 0 {
			t.Errorf("no %s child registered", pkg)
		}
	}
}

// Agent CIDRs that were unknown at planning are checked by the component
// as they resolve (canonicalAgents applies plan.CanonicalAgentCIDRs), and
// every renderer and the rule table take only that result.
//
// Through Construct this path shows nothing: in a preview the engine sends
// an unknown that never resolves (TestConstructPreviewWithUnknownAgentCIDRs),
// and in an update it sends known values, which rules.Build checks before
// anything registers (TestConstructRefusesBadInputBeforeRegistering). So it
// is driven here under pulumi.WithMocks with the component's own helpers:
// convert, then agents that resolve only after the plan is built and the
// children are declared.
func TestAgentCIDRsResolvedAfterPlanningAreCheckedBeforeAnyRuleTakesThem(t *testing.T) {
	tests := []struct {
		name     string
		resolved []string
		wantErr  string   // the late check's error, "" for none
		want     []string // the canonical agents the rules take
	}{
		{name: "host bits set", resolved: []string{"10.0.0.1/16"}, wantErr: `agentCidrs[0]: "10.0.0.1/16" has host bits set`},
		{name: "not a CIDR", resolved: []string{"10.0.0.0"}, wantErr: "agentCidrs[0]"},
		{name: "repeated", resolved: []string{"10.0.0.0/16", "10.0.0.0/16"}, wantErr: "agentCidrs[1]"},
		{name: "good, out of order", resolved: []string{"10.1.0.0/16", "10.0.0.0/16"}, want: []string{"10.0.0.0/16", "10.1.0.0/16"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var lateErr error
			var canonical []string
			rec, runErr := rendertest.Run(func(ctx *pulumi.Context) error {
				agents, resolve := pendingStrings(ctx)
				in, err := convert(ctx, hybridArgs(pulumi.ToStringArray([]string{"10.9.0.0/16"})))
				if err != nil {
					return err
				}
				// As convert leaves agent CIDRs it could not resolve.
				in.rules.AgentCIDRs, in.agents = rules.AgentCIDRs{}, agents
				plan, err := rules.Build("tm", in.rules, now)
				if err != nil {
					return fmt.Errorf("planning with unknown agents: %w", err)
				}
				checked := canonicalAgents(plan, in)
				comp := &ThreatManager{}
				if err := ctx.RegisterComponentResource(Token, "tm", comp); err != nil {
					return err
				}
				if err := renderClouds(ctx, comp, plan, checked, in); err != nil {
					return err
				}
				resolve(tt.resolved)
				got, err := internals.UnsafeAwaitOutput(ctx.Context(), checked)
				lateErr = err
				canonical, _ = got.Value.([]string)
				return nil
			})

			if tt.wantErr == "" {
				if lateErr != nil || runErr != nil {
					t.Fatalf("late check: %v; run: %v", lateErr, runErr)
				}
				if !slices.Equal(canonical, tt.want) {
					t.Errorf("canonical agents %v, want %v", canonical, tt.want)
				}
				if got := agentPeers(rec); !slices.Equal(got, []string{"10.0.0.0/16", "10.1.0.0/16"}) {
					t.Errorf("the rules and prefix list took %v, want the canonical agents", got)
				}
				return
			}
			if lateErr == nil || !strings.Contains(lateErr.Error(), tt.wantErr) {
				t.Errorf("late check: %v, want an error containing %q", lateErr, tt.wantErr)
			}
			if runErr == nil {
				t.Error("the program succeeded with bad agent CIDRs")
			}
			for _, r := range rec.Resources() {
				for _, bad := range tt.resolved {
					if strings.Contains(fmt.Sprint(r.Inputs), bad) {
						t.Errorf("%s %s registered with the bad agent CIDR %s: %v", r.Type, r.Name, bad, r.Inputs)
					}
				}
			}
			// The agents' own prefix list (AWS) waits for them too.
			if n := len(rec.OfType("aws:ec2/managedPrefixList:ManagedPrefixList")); n != 0 {
				t.Errorf("%d prefix lists registered with bad agent CIDRs", n)
			}
			// Rules without agents do not wait for them.
			if len(rec.OfType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")) == 0 {
				t.Error("no egress rule registered at all: the test would not see a rule taking the agents")
			}
		})
	}
}

// pendingStrings is a string list Output that resolves when told.
func pendingStrings(ctx *pulumi.Context) (pulumi.StringArrayOutput, func([]string)) {
	out, resolve, _ := ctx.NewOutput()
	return out.ApplyT(func(v any) []string { return v.([]string) }).(pulumi.StringArrayOutput),
		func(v []string) { resolve(v) }
}

// hybridArgs is an input on all three clouds.
func hybridArgs(agents pulumi.StringArrayInput) ThreatManagerArgs {
	return ThreatManagerArgs{
		AgentCidrs: agents,
		Aws: &awsrender.Aws{
			VpcId:        pulumi.String("vpc-1"),
			NatGatewayId: pulumi.String("nat-1"),
			Subnets:      []awsrender.AwsSubnet{{AvailabilityZone: "us-east-1a", CidrBlock: "10.0.100.0/24"}},
		},
		Azure: &azurerender.Azure{
			ResourceGroupName:   pulumi.String("rg"),
			VirtualNetworkName:  pulumi.String("vnet"),
			SubnetAddressPrefix: "10.1.240.0/24",
		},
		Gcp: &gcprender.Gcp{
			Network:    pulumi.String("default"),
			Region:     "us-central1",
			SubnetCidr: "10.2.240.0/24",
		},
	}
}

// agentPeers is every agent CIDR (10.x) the children took: rule peers on
// Azure and GCP and the AWS prefix list's entries, deduplicated and sorted.
func agentPeers(rec *rendertest.Recorder) []string {
	var out []string
	for _, r := range rec.Resources() {
		for _, f := range strings.FieldsFunc(fmt.Sprint(r.Inputs), func(c rune) bool {
			return !(c >= '0' && c <= '9' || c == '.' || c == '/')
		}) {
			if strings.HasPrefix(f, "10.") && strings.HasSuffix(f, "/16") {
				out = append(out, f)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
