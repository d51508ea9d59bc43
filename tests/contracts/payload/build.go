package payload

import (
	"sort"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider"
)

// Resource is one registration: its type token, name, the id the mocks
// gave it, its inputs with every id resolved, and the outputs the cloud
// computes (ARNs, rule ids, emails, identities).
type Resource struct {
	Type    string         `json:"type"`
	Name    string         `json:"name"`
	ID      string         `json:"id"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
}

// Payloads is everything the component registered.
type Payloads struct {
	Account      string     `json:"awsAccount"`
	Region       string     `json:"awsRegion"`
	Subscription string     `json:"azureSubscription"`
	Project      string     `json:"gcpProject"`
	Now          string     `json:"now"`
	Resources    []Resource `json:"resources"`
}

// Build runs the component as a program under cloud-shaped mocks and
// returns every registration, sorted by type and name.
func Build() (Payloads, error) {
	var mu sync.Mutex
	var got []Resource
	mocks := cloudMocks{record: func(r Resource) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r)
	}}
	newComponent := provider.NewThreatManager(func() time.Time { return Now })
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := newComponent(ctx, ComponentName, Args())
		return err
	}, pulumi.WithMocks("contracts", "contracts", mocks))
	if err != nil {
		return Payloads{}, err
	}
	sort.Slice(got, func(i, j int) bool {
		if got[i].Type != got[j].Type {
			return got[i].Type < got[j].Type
		}
		return got[i].Name < got[j].Name
	})
	return Payloads{Account: AWSAccount, Region: AWSRegion, Subscription: AzureSubscription, Project: GCPProject,
		Now: Now.Format(time.RFC3339), Resources: got}, nil
}

// OfType returns the registrations of one type token.
func (p Payloads) OfType(typ string) []Resource {
	var out []Resource
	for _, r := range p.Resources {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// plain is a property map as JSON values; secrets are unwrapped, since the
// cloud receives their plain value.
func plain(m resource.PropertyMap) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[string(k)] = plainValue(v)
	}
	return out
}

func plainValue(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return plainValue(v.SecretValue().Element)
	case v.IsOutput():
		return plainValue(v.OutputValue().Element)
	case v.IsObject():
		return plain(v.ObjectValue())
	case v.IsArray():
		out := []any{}
		for _, e := range v.ArrayValue() {
			out = append(out, plainValue(e))
		}
		return out
	case v.IsComputed():
		return "<unknown>"
	}
	return v.Mappable()
}
