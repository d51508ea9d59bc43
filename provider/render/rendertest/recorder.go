// Package rendertest records the resources a program registers under
// pulumi.WithMocks, for the renderer and component tests.
package rendertest

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Resource is one registration.
type Resource struct {
	Type   string
	Name   string
	Parent string
	// Version is the provider plugin version the resource asks for.
	Version string
	Inputs  resource.PropertyMap
	// ReplaceOnChanges and DeleteBeforeReplace are the resource options
	// that say how a change replaces it.
	ReplaceOnChanges    []string
	DeleteBeforeReplace bool
}

// Str returns a string input, or "" when absent or unknown.
func (r Resource) Str(key string) string {
	v, ok := r.Inputs[resource.PropertyKey(key)]
	if !ok || !v.IsString() {
		return ""
	}
	return v.StringValue()
}

// Recorder is a MockResourceMonitor that remembers every resource and gives
// each a deterministic id derived from its name.
type Recorder struct {
	mu        sync.Mutex
	resources []Resource
}

var _ pulumi.MockResourceMonitor = (*Recorder)(nil)

func (r *Recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	res := Resource{Type: args.TypeToken, Name: args.Name, Inputs: args.Inputs}
	if rpc := args.RegisterRPC; rpc != nil {
		res.Parent, res.Version = rpc.GetParent(), rpc.GetVersion()
		res.ReplaceOnChanges, res.DeleteBeforeReplace = rpc.GetReplaceOnChanges(), rpc.GetDeleteBeforeReplace()
	}
	r.mu.Lock()
	r.resources = append(r.resources, res)
	r.mu.Unlock()
	outputs := args.Inputs.Copy()
	outputs["name"] = resource.NewStringProperty(args.Name)
	for k, v := range computedOutputs(args.TypeToken, args.Name) {
		given, ok := outputs[k]
		switch {
		case !ok:
			outputs[k] = v
		case given.IsObject() && v.IsObject():
			// An input the cloud completes, such as an identity.
			merged := given.ObjectValue().Copy()
			maps.Copy(merged, v.ObjectValue())
			outputs[k] = resource.NewObjectProperty(merged)
		}
	}
	return "id-" + args.Name, outputs, nil
}

// computedOutputs are outputs the clouds compute that the renderers read,
// derived from the name so tests can predict them.
func computedOutputs(typ, name string) resource.PropertyMap {
	s := resource.NewStringProperty
	switch typ {
	case "aws:ec2/securityGroup:SecurityGroup":
		return resource.PropertyMap{"arn": s("arn:aws:ec2:us-east-1:123456789012:security-group/id-" + name), "ownerId": s("123456789012")}
	case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
		return resource.PropertyMap{"securityGroupRuleId": s("sgr-" + name)}
	case "aws:iam/role:Role", "aws:scheduler/schedule:Schedule":
		return resource.PropertyMap{"arn": s("arn-" + name)}
	case "aws:scheduler/scheduleGroup:ScheduleGroup":
		return resource.PropertyMap{"arn": s("arn:aws:scheduler:us-east-1:123456789012:schedule-group/" + name)}
	case "gcp:compute/subnetwork:Subnetwork", "gcp:compute/firewall:Firewall":
		return resource.PropertyMap{"project": s("proj-1")}
	case "gcp:serviceaccount/account:Account":
		return resource.PropertyMap{"email": s(name + "@proj-1.iam.gserviceaccount.com")}
	case "azure-native:logic:Workflow":
		return resource.PropertyMap{"identity": resource.NewObjectProperty(resource.PropertyMap{"principalId": s("principal-" + name)})}
	}
	return nil
}

func (r *Recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return nil, fmt.Errorf("rendertest: unexpected call to %s", args.Token)
}

// Resources returns the registrations sorted by type and name, so tests do
// not depend on registration order.
func (r *Recorder) Resources() []Resource {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]Resource(nil), r.resources...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Type != out[j].Type {
			return out[i].Type < out[j].Type
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// OfType returns the registrations of one type token.
func (r *Recorder) OfType(typ string) []Resource {
	var out []Resource
	for _, res := range r.Resources() {
		if res.Type == typ {
			out = append(out, res)
		}
	}
	return out
}

// Only returns the one registration of a type, failing the test unless
// there is exactly one.
func (r *Recorder) Only(t testing.TB, typ string) Resource {
	t.Helper()
	rs := r.OfType(typ)
	if len(rs) != 1 {
		t.Fatalf("%d %s, want one", len(rs), typ)
	}
	return rs[0]
}

// Run runs program under mocks with a fresh recorder.
func Run(program pulumi.RunFunc) (*Recorder, error) {
	rec := &Recorder{}
	err := pulumi.RunErr(program, pulumi.WithMocks("project", "stack", rec))
	return rec, err
}

// RunUnderComponent runs a renderer under mocks, below a component parent
// registered with the ThreatManager's token and the name "tm"
// (ComponentType, ComponentName), as the component does.
func RunUnderComponent(render func(ctx *pulumi.Context, parent pulumi.Resource) error) (*Recorder, error) {
	return Run(func(ctx *pulumi.Context) error {
		parent := &struct{ pulumi.ResourceState }{}
		if err := ctx.RegisterComponentResource(ComponentType, ComponentName, parent); err != nil {
			return err
		}
		return render(ctx, parent)
	})
}

// Joined is a readable diff helper.
func Joined(lines []string) string { return strings.Join(lines, "\n  ") }
