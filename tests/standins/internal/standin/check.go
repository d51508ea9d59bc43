package standin

import (
	"context"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Check returns the inputs as given, plus what the real provider always fills in (auto-names and
// a few defaults), and refuses what the real provider's Check refuses: an unknown resource type,
// and inputs that the type's schema at the pinned version does not have, of the wrong type, or
// missing when required (types.go).
func (s *Server) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	urn := resource.URN(req.GetUrn())
	if err := s.supported(string(urn.Type())); err != nil {
		return nil, err
	}
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	checked, failures := check(s.cloud.resource(string(urn.Type())), urn, olds, news)
	ins, err := marshal(checked)
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.CheckResponse{Inputs: ins}
	for _, f := range failures {
		resp.Failures = append(resp.Failures, &pulumirpc.CheckFailure{
			Property: f.Property,
			Reason:   f.Reason + " (reported by the offline stand-in " + s.cloud.Package + " provider)",
		})
	}
	return resp, nil
}

type checkFailure struct{ Property, Reason string }

// check fills in what the real provider fills in (the auto-name, kept from the old inputs once
// chosen, and the defaults) and returns the checked inputs with the failures of the type's schema
// and of its own rules (Resource.Check).
func check(spec *Resource, urn resource.URN, olds, news resource.PropertyMap) (resource.PropertyMap, []checkFailure) {
	out := news.Copy()
	if k := resource.PropertyKey(spec.AutoName); k != "" {
		if v, ok := out[k]; !ok || v.IsNull() {
			if old, ok := olds[k]; ok && old.IsString() {
				out[k] = old // keep the name chosen at creation, as the real providers do
			} else {
				out[k] = resource.NewStringProperty(spec.AutoNameOf(urn))
			}
		}
	}
	for k, v := range spec.Defaults {
		if cur, ok := out[k]; !ok || cur.IsNull() {
			out[k] = v
		}
	}
	failures := checkInputs(spec.token, sdkProperties[spec.token], out)
	if spec.Check != nil {
		failures = append(failures, spec.Check(out)...)
	}
	return out, failures
}
