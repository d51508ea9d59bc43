package standin

import (
	"context"
	"fmt"

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
	checked, failures := check(lookupSpec(string(urn.Type())), urn, olds, news)
	ins, err := marshal(checked)
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.CheckResponse{Inputs: ins}
	for _, f := range failures {
		resp.Failures = append(resp.Failures, &pulumirpc.CheckFailure{
			Property: f.Property,
			Reason:   f.Reason + " (reported by the offline stand-in " + s.flavor.Package + " provider)",
		})
	}
	return resp, nil
}

type checkFailure struct{ Property, Reason string }

func check(spec *resourceSpec, urn resource.URN, olds, news resource.PropertyMap) (resource.PropertyMap, []checkFailure) {
	out := news.Copy()
	if k := resource.PropertyKey(spec.AutoName); k != "" {
		if v, ok := out[k]; !ok || v.IsNull() {
			if old, ok := olds[k]; ok && old.IsString() {
				out[k] = old // keep the name chosen at creation, as the real providers do
			} else {
				out[k] = resource.NewStringProperty(autoName(spec.AutoNameStyle, urn))
			}
		}
	}
	for k, v := range spec.Defaults {
		if cur, ok := out[k]; !ok || cur.IsNull() {
			out[k] = v
		}
	}
	failures := checkInputs(spec.Token, sdkProperties[spec.Token], out)
	if isAWSRuleType(spec.Token) {
		n, unknown := 0, false
		for _, k := range awsRuleSourceKinds {
			if v, ok := out[resource.PropertyKey(k)]; ok && !v.IsNull() {
				n++
				unknown = unknown || v.ContainsUnknowns()
			}
		}
		if n != 1 && !unknown {
			failures = append(failures, checkFailure{"cidrIpv4", fmt.Sprintf(
				"exactly one of cidrIpv4, cidrIpv6, prefixListId, referencedSecurityGroupId must be set (got %d)", n)})
		}
	}
	return out, failures
}

// isAWSRuleType reports whether the token is one of the VPC security group rule types.
func isAWSRuleType(token string) bool {
	return token == "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" ||
		token == "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
}
