package provider

// The harness the Construct tests share: the provider served in process by
// pulumi-go-provider's integration server, its registrations recorded.

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// registrations records what the provider's Construct registers.
type registrations struct {
	mu       sync.Mutex
	children []child
}

// child is one registration: its type, name, provider reference, inputs
// and recorded stack trace (the frames' source URIs).
type child struct {
	Type, Name, Provider string
	Inputs               property.Map
	StackFrames          []string
}

// list is "type name" per registration, in order.
func (r *registrations) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, c := range r.children {
		out = append(out, c.Type+" "+c.Name)
	}
	return out
}

func (r *registrations) all() []child {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.children)
}

// construct runs the provider's own Construct path in process, as the
// engine would call it, with a fixed clock.
func construct(t testing.TB, at time.Time, dryRun bool, inputs map[string]property.Value) (p.ConstructResponse, *registrations, error) {
	t.Helper()
	server, rec := newServer(t, at)
	resp, err := server.Construct(constructRequest(dryRun, inputs))
	return resp, rec, err
}

// newServer is the provider behind pulumi-go-provider's in-process server,
// with a mock resource monitor that records every registration.
func newServer(t testing.TB, at time.Time) (integration.Server, *registrations) {
	t.Helper()
	prov, err := Provider(func() time.Time { return at })
	if err != nil {
		t.Fatal(err)
	}
	rec := &registrations{}
	server, err := integration.NewServer(context.Background(), Name, semver.MustParse("1.0.0"),
		integration.WithProvider(prov),
		integration.WithMocks(&integration.MockResourceMonitor{
			NewResourceF: func(args integration.MockResourceArgs) (string, property.Map, error) {
				c := child{Type: string(args.TypeToken), Name: args.Name, Inputs: args.Inputs}
				if rpc := args.RegisterRPC; rpc != nil {
					c.Provider = rpc.GetProvider()
					for _, f := range rpc.GetStackTrace().GetFrames() {
						c.StackFrames = append(c.StackFrames, f.GetPc().GetUri())
					}
				}
				rec.mu.Lock()
				rec.children = append(rec.children, c)
				rec.mu.Unlock()
				return "id-" + args.Name, args.Inputs, nil
			},
		}))
	if err != nil {
		t.Fatal(err)
	}
	return server, rec
}

func constructRequest(dryRun bool, inputs map[string]property.Value) p.ConstructRequest {
	return p.ConstructRequest{
		Urn:    presource.URN("urn:pulumi:stack::project::" + Token + "::tm"),
		DryRun: dryRun,
		Inputs: property.NewMap(inputs),
	}
}

func str(s string) property.Value { return property.New(s) }

func strs(ss ...string) property.Value {
	vs := make([]property.Value, len(ss))
	for i, s := range ss {
		vs[i] = property.New(s)
	}
	return property.New(vs)
}

func obj(m map[string]property.Value) property.Value { return property.New(property.NewMap(m)) }

func subnet(zone, cidr string) property.Value {
	return obj(map[string]property.Value{"availabilityZone": str(zone), "cidrBlock": str(cidr)})
}

// defaultInputs is the root Pulumi.yaml's input: us, one agent CIDR, two
// zones, no SSH.
func defaultInputs() map[string]property.Value {
	return map[string]property.Value{
		"agentCidrs": strs("10.0.0.0/16"),
		"aws": obj(map[string]property.Value{
			"vpcId":        str("vpc-1"),
			"natGatewayId": str("nat-1"),
			"subnets":      property.New([]property.Value{subnet("us-east-1a", "10.0.100.0/24"), subnet("us-east-1b", "10.0.101.0/24")}),
		}),
	}
}
