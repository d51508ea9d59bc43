// Package standin implements offline stand-ins for cloud resource provider plugins, one per
// registered Cloud (clouds.go; each cloud's table is a file of its own). They are TEST FIXTURES:
// small gRPC providers the real Pulumi engine launches from $PATH so previews and ups can run
// without a cloud. They behave like a recording cloud (check, diff with the real providers'
// replace-on-change properties, deterministic ids) and never contact a real cloud. They must never
// stand between a user and the real plugins.
package standin

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// Banner is the line every stand-in prints/logs so nobody mistakes it for a real provider.
func (c *Cloud) Banner() string {
	return fmt.Sprintf("pulumi-resource-%s %s is an OFFLINE STAND-IN (test fixture from tests/standins): "+
		"it records resources locally and never contacts a real cloud", c.Package, c.Version)
}

// Server is the ResourceProvider gRPC server of one stand-in.
type Server struct {
	pulumirpc.UnimplementedResourceProviderServer
	cloud *Cloud
	host  *provider.HostClient

	mu       sync.Mutex
	cfg      Config
	bannered bool
}

// New returns a stand-in server; host may be nil (tests).
func New(c *Cloud, host *provider.HostClient) *Server {
	return &Server{cloud: c, host: host}
}

// Main runs the stand-in as a plugin (prints its port on stdout, as real plugins do).
func Main(c *Cloud) error {
	fmt.Fprintln(os.Stderr, c.Banner())
	return provider.Main(c.Package, func(host *provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return New(c, host), nil
	})
}

var marshalOpts = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true, SkipNulls: false}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	return plugin.UnmarshalProperties(s, marshalOpts)
}

func marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, marshalOpts)
}

// logOnce tells the user, once per plugin process, that this is a stand-in (an info diagnostic).
func (s *Server) logOnce(ctx context.Context) {
	s.mu.Lock()
	first := !s.bannered
	s.bannered = true
	s.mu.Unlock()
	if first && s.host != nil {
		_ = s.host.Log(ctx, diag.Info, "", s.cloud.Banner())
	}
}

func (s *Server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: s.cloud.Version}, nil
}

func (s *Server) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	b, err := s.cloud.Schema()
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetSchemaResponse{Schema: string(b)}, nil
}

func (s *Server) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (s *Server) DiffConfig(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	// Provider configuration changes never replace anything in a stand-in.
	d := computeDiff(&Resource{cloud: s.cloud}, olds, news)
	return diffResponse(d), nil
}

func (s *Server) Configure(ctx context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	cfg := Config{}
	for _, key := range s.cloud.Config {
		// Args holds each value typed, and a secret one wrapped: str reads only plain strings, so a
		// bool (skipCredentialsValidation) or a secret (secretKey) is read from the strings the
		// engine still sends in the deprecated Variables.
		variable := req.GetVariables()[s.cloud.Package+":config:"+key] //nolint:staticcheck // SA1019: Args has no string form of a bool or a secret, see above
		if v := orDefault(configString(args, key), variable); v != "" {
			cfg[key] = v
		}
	}
	s.mu.Lock()
	s.cfg = cfg
	s.mu.Unlock()
	s.logOnce(ctx)
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true}, nil
}

// configString is a configuration value as a string: a string as it is, an object or a list (an
// assumed role, a list of account ids) as JSON, as the engine also writes them into Variables.
func configString(args resource.PropertyMap, key string) string {
	v, ok := args[resource.PropertyKey(key)]
	switch {
	case !ok:
		return ""
	case v.IsString():
		return v.StringValue()
	case v.IsObject(), v.IsArray():
		if b, err := json.Marshal(v.Mappable()); err == nil {
			return string(b)
		}
	}
	return ""
}

func (s *Server) config() Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg
}

func (s *Server) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	urn := resource.URN(req.GetUrn())
	spec := s.cloud.resource(string(urn.Type()))
	state, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	var oldInputs resource.PropertyMap
	if req.GetOldInputs() != nil {
		if oldInputs, err = unmarshal(req.GetOldInputs()); err != nil {
			return nil, err
		}
	}
	ignore := map[string]bool{}
	for _, k := range req.GetIgnoreChanges() {
		ignore[k] = true
	}
	d := computeDiff(spec, oldInputsFor(oldInputs, state, news), news)
	if len(ignore) > 0 {
		d = d.without(ignore)
	}
	return diffResponse(d), nil
}

// without drops ignored top-level keys from a diff.
func (d diffResult) without(ignore map[string]bool) diffResult {
	out := diffResult{Detailed: map[string]pulumirpc.PropertyDiff_Kind{}}
	for _, k := range d.Changed {
		if !ignore[k] {
			out.Changed = append(out.Changed, k)
			out.Detailed[k] = d.Detailed[k]
		}
	}
	for _, k := range d.Replaces {
		if !ignore[k] {
			out.Replaces = append(out.Replaces, k)
		}
	}
	return out
}

func diffResponse(d diffResult) *pulumirpc.DiffResponse {
	resp := &pulumirpc.DiffResponse{
		Changes:         pulumirpc.DiffResponse_DIFF_NONE,
		HasDetailedDiff: true,
		DetailedDiff:    map[string]*pulumirpc.PropertyDiff{},
	}
	if d.HasChanges() {
		resp.Changes = pulumirpc.DiffResponse_DIFF_SOME
		resp.Diffs = d.Changed
		resp.Replaces = d.Replaces
		for k, kind := range d.Detailed {
			resp.DetailedDiff[k] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
		}
	}
	return resp
}

func (s *Server) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	urn := resource.URN(req.GetUrn())
	if err := s.supported(string(urn.Type())); err != nil {
		return nil, err
	}
	inputs, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	id, outs := s.cloud.resource(string(urn.Type())).create(s.config(), urn, inputs)
	if !req.GetPreview() {
		if err := s.createInCloud(ctx, urn, id); err != nil {
			return nil, err
		}
	}
	if req.GetPreview() {
		// Like a real provider during preview: computed outputs are not known yet.
		id = ""
		// An input the cloud fills in further (a workflow identity's principalId) is unknown too.
		for k, v := range outs {
			if in, isInput := inputs[k]; !isInput || !in.DeepEquals(v) {
				outs[k] = resource.MakeComputed(resource.NewStringProperty(""))
			}
		}
	}
	props, err := marshal(outs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

// Read returns the recorded state: the stand-in's "cloud" is the state itself, except for what
// the STANDIN_CLOUD_CHANGES file says the cloud did on its own (a deleted resource is not found,
// changed properties show up as drift).
func (s *Server) Read(ctx context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	if req.GetProperties() == nil || len(req.GetProperties().GetFields()) == 0 {
		// Nothing recorded (import or get of a resource this stand-in never created): not found.
		return &pulumirpc.ReadResponse{}, nil
	}
	changes, err := loadCloudChanges()
	if err != nil {
		return nil, s.errorf("%v", err)
	}
	id := req.GetId()
	isGone, err := gone(changes, id)
	if err != nil {
		return nil, s.errorf("%v", err)
	}
	if isGone {
		// Like the real providers: an empty id tells the engine the resource is gone, so a refresh
		// drops it from the state.
		s.debugf(ctx, "%s is deleted in the simulated cloud (%s): read reports not found", id, CloudChangesEnv)
		return &pulumirpc.ReadResponse{}, nil
	}
	drift, ok := changes.Changed[id]
	if !ok || len(drift) == 0 {
		return &pulumirpc.ReadResponse{Id: id, Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
	}
	outputs, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	var inputs resource.PropertyMap
	if req.GetInputs() != nil {
		if inputs, err = unmarshal(req.GetInputs()); err != nil {
			return nil, err
		}
	}
	outputs, inputs, keys := applyDrift(string(resource.URN(req.GetUrn()).Type()), drift, outputs, inputs)
	s.debugf(ctx, "%s changed in the simulated cloud (%s): %v", id, CloudChangesEnv, keys)
	resp := &pulumirpc.ReadResponse{Id: id}
	if resp.Properties, err = marshal(outputs); err != nil {
		return nil, err
	}
	if inputs != nil {
		if resp.Inputs, err = marshal(inputs); err != nil {
			return nil, err
		}
	}
	return resp, nil
}

// errorf is an error that says it comes from the offline stand-in.
func (s *Server) errorf(format string, args ...any) error {
	return fmt.Errorf("OFFLINE STAND-IN %s provider (test fixture, no cloud): %s", s.cloud.Package, fmt.Sprintf(format, args...))
}

// debugf logs to the engine's debug log (when there is an engine).
func (s *Server) debugf(ctx context.Context, format string, args ...any) {
	if s.host != nil {
		_ = s.host.Log(ctx, diag.Debug, "", "OFFLINE STAND-IN: "+fmt.Sprintf(format, args...))
	}
}

// Update merges the new inputs into the recorded state. A resource the cloud deleted out of band
// meets the real provider's Update (Cloud.UpdateOfDeleted): it fails with not found, or the update
// creates it again.
func (s *Server) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	urn := resource.URN(req.GetUrn())
	if !req.GetPreview() {
		if err := s.updateInCloud(ctx, urn, req.GetId()); err != nil {
			return nil, err
		}
	}
	state, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	oldInputs, err := unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	if req.GetOldInputs() == nil {
		oldInputs = oldInputsFor(nil, state, news)
	}
	props, err := marshal(s.cloud.resource(string(urn.Type())).update(state, oldInputs, news))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

// Delete succeeds. A resource the STANDIN_CLOUD_CHANGES file lists as deleted is already gone,
// which the real providers also treat as success: pulumi-aws's VPC security group rules
// (vpc_security_group_ingress_rule.go Delete ignores InvalidSecurityGroupRuleId.NotFound and
// InvalidGroup.NotFound), azure-native (azure/client_azcore.go Delete returns nil on 404) and
// pulumi-gcp's generated resources such as the firewall (HandleNotFoundError in Delete).
func (s *Server) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	changes, err := loadCloudChanges()
	if err != nil {
		return nil, s.errorf("%v", err)
	}
	isGone, err := gone(changes, req.GetId())
	if err != nil {
		return nil, s.errorf("%v", err)
	}
	if isGone {
		s.debugf(ctx, "%s was already deleted in the simulated cloud (%s): delete succeeds", req.GetId(), CloudChangesEnv)
		return &emptypb.Empty{}, nil
	}
	if err := s.deleteInCloud(ctx, resource.URN(req.GetUrn()), req.GetId()); err != nil {
		return nil, err
	}
	return &emptypb.Empty{}, nil
}

func (s *Server) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	fn, ok := s.cloud.Invokes[req.GetTok()]
	if !ok {
		return nil, fmt.Errorf("the offline stand-in %s provider does not implement function %q (test fixture, no cloud)",
			s.cloud.Package, req.GetTok())
	}
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	ret, err := marshal(fn(s.config(), args))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: ret}, nil
}

func (s *Server) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
