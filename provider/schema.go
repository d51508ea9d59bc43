package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
)

// Schema returns the package schema exactly as the provider serves it,
// indented, for `make schema` and the drift test. It asks the provider in
// process rather than through a Pulumi CLI, which this needs none of.
func Schema(ctx context.Context) ([]byte, error) {
	prov, err := Provider(nil)
	if err != nil {
		return nil, err
	}
	// The schema carries no version: the build injects one into the binary
	// and the SDKs, and the committed schema must not change with it.
	server, err := integration.NewServer(ctx, Name, semver.MustParse("0.0.0"), integration.WithProvider(prov))
	if err != nil {
		return nil, err
	}
	resp, err := server.GetSchema(p.GetSchemaRequest{})
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	var spec map[string]json.RawMessage
	if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	delete(spec, "version")
	out, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return append(out, '\n'), nil
}
