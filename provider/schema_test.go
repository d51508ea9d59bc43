package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	_ "image/png" // the logo's format, for image.DecodeConfig
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The committed schema.json is what SDKs and the Registry are built from;
// it must be exactly what the code serves. `make schema` rewrites it.
func TestCommittedSchemaMatchesTheCode(t *testing.T) {
	want, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("schema.json is out of date with the Go types: run `make schema` and commit the result")
	}
}

func TestSchemaPlainnessFollowsTheGoTypes(t *testing.T) {
	raw, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Resources map[string]struct {
			InputProperties map[string]struct {
				Plain bool `json:"plain"`
				Items *struct {
					Plain bool `json:"plain"`
				} `json:"items"`
			} `json:"inputProperties"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	inputs := spec.Resources[Token].InputProperties
	if a := inputs["agentCidrs"]; a.Plain || a.Items == nil || a.Items.Plain {
		t.Errorf("agentCidrs must take outputs, and lists of outputs: %+v", a)
	}
	for _, plain := range []string{"datacenter", "aws", "azure", "gcp", "sshAccess", "dnsServers", "tags", "egressHttp"} {
		if !inputs[plain].Plain {
			t.Errorf("%s names children, so it must be plain", plain)
		}
	}
}

func TestSchemaDefinesTheComponent(t *testing.T) {
	raw, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Name      string `json:"name"`
		Resources map[string]struct {
			IsComponent     bool                       `json:"isComponent"`
			InputProperties map[string]json.RawMessage `json:"inputProperties"`
			Properties      map[string]json.RawMessage `json:"properties"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	tm, ok := spec.Resources[Token]
	if spec.Name != Name || !ok || !tm.IsComponent {
		t.Fatalf("schema lacks component %s", Token)
	}
	for _, input := range []string{"datacenter", "agentCidrs", "sshAccess", "egressHttp", "activeScanning", "dnsServers", "extraNtpRanges", "datacenterRanges", "datacenterNtpRanges", "tags", "aws", "azure", "gcp"} {
		if _, ok := tm.InputProperties[input]; !ok {
			t.Errorf("input %s missing", input)
		}
	}
	for _, output := range []string{"rules", "sshOpen", "sshExpiresAt", "awsSubnetIds", "awsRouteTableIds", "awsApplianceSecurityGroupId", "awsAgentSecurityGroupId", "awsAgentPrefixListId"} {
		if _, ok := tm.Properties[output]; !ok {
			t.Errorf("output %s missing", output)
		}
	}
}

// The Registry shows publisher, homepage and logoUrl; the logo is a raw file of this repository on its
// default branch, so it must be in the repository at that path, and be an image the Registry takes.
func TestSchemaHasTheRegistryMetadata(t *testing.T) {
	raw, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Repository string `json:"repository"`
		Publisher  string `json:"publisher"`
		Homepage   string `json:"homepage"`
		LogoURL    string `json:"logoUrl"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(spec.Publisher) == "" {
		t.Error("schema has no publisher")
	}
	if !strings.HasPrefix(spec.Homepage, "https://") {
		t.Errorf("schema's homepage %q is not an https URL", spec.Homepage)
	}

	// https://github.com/OWNER/REPO -> https://raw.githubusercontent.com/OWNER/REPO/main/<path>
	ownerRepo, ok := strings.CutPrefix(spec.Repository, "https://github.com/")
	if !ok || strings.Count(ownerRepo, "/") != 1 {
		t.Fatalf("schema's repository %q is not https://github.com/OWNER/REPO", spec.Repository)
	}
	rawPrefix := "https://raw.githubusercontent.com/" + ownerRepo + "/main/"
	path, ok := strings.CutPrefix(spec.LogoURL, rawPrefix)
	if !ok || path == "" {
		t.Fatalf("schema's logoUrl %q is not a file of %s on main (%s<path>)", spec.LogoURL, spec.Repository, rawPrefix)
	}
	f, err := os.Open(filepath.Join("..", filepath.FromSlash(path)))
	if err != nil {
		t.Fatalf("logoUrl names %s, which is not in the repository: %v", path, err)
	}
	defer f.Close()
	img, format, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatalf("logoUrl's %s is not a PNG: %v", path, err)
	}
	if format != "png" || img.Width != img.Height || img.Width < 64 {
		t.Errorf("logoUrl's %s is a %s of %dx%d; the Registry asks for a square PNG of about 100x100", path, format, img.Width, img.Height)
	}
	if _, err := os.Stat(filepath.Join("..", "docs", "logo.svg")); err != nil {
		t.Errorf("docs/logo.svg, the logo's source, is missing: %v", err)
	}
}
