// Package provider is the thin top layer: the ThreatManager component, which
// validates its input through the rules package and hands the plan to one
// renderer per cloud, and the Pulumi provider that serves it.
package provider

import (
	"time"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

// Name is the Pulumi package name.
const Name = "threatmanager"

// GoImportPath is where the generated Go SDK lives.
const GoImportPath = "github.com/threatmanager/pulumi-threatmanager/sdk/go/threatmanager"

// PluginDownloadURL is where the Pulumi CLI downloads the plugin from when a program uses the
// package: the GitHub releases of this repository, which carry the tarballs `make dist` writes
// (pulumi-resource-threatmanager-v<version>-<os>-<arch>.tar.gz). Every SDK carries it.
const PluginDownloadURL = "github://api.github.com/threatmanager/pulumi-threatmanager"

// Homepage, Publisher and LogoURL are the Registry's metadata in the schema. The logo is docs/logo.png
// (rendered from docs/logo.svg) on the default branch of the repository, fetched as a raw file.
const (
	Repository = "https://github.com/threatmanager/pulumi-threatmanager"
	Homepage   = Repository
	Publisher  = "threatmanager"
	LogoURL    = "https://raw.githubusercontent.com/threatmanager/pulumi-threatmanager/main/docs/logo.png"
)

// Version is set by the build (-ldflags -X); a plain go build says so.
var Version = "0.0.0-dev"

// Provider builds the provider that ships, reading the time from clock.
// main passes time.Now; tests pass a fixed clock and reuse exactly this.
func Provider(clock Clock) (p.Provider, error) {
	if clock == nil {
		clock = time.Now
	}
	prov, err := infer.NewProviderBuilder().
		WithDisplayName("Threat Manager").
		WithDescription("The network for Threat Manager IDS appliances on AWS, Azure and GCP, with exactly the documented rules.").
		WithKeywords("pulumi", "threatmanager", "alertlogic", "ids", "security", "aws", "azure", "gcp", "category/network", "kind/component").
		WithNamespace("threatmanager").
		WithRepository(Repository).
		WithHomepage(Homepage).
		WithPublisher(Publisher).
		WithLogoURL(LogoURL).
		WithLanguageMap(languages()).
		WithGoImportPath(GoImportPath).
		WithLicense("Apache-2.0").
		WithPluginDownloadURL(PluginDownloadURL).
		WithComponents(infer.ComponentF(NewThreatManager(clock))).
		WithModuleMap(map[tokens.ModuleName]tokens.ModuleName{"provider": "index"}).
		Build()
	if err != nil {
		return p.Provider{}, err
	}
	return withTypedInputs(withExactPlainness(prov)), nil
}

// languages is the schema's language section: the SDK package names, set once
// here and nowhere else (tools/sdkgen reads them from schema.json). It replaces
// the builder's defaults, so it repeats the ones we keep. Go's importBasePath
// is added by WithGoImportPath.
func languages() map[string]any {
	return map[string]any{
		"nodejs": map[string]any{
			"packageName":          "@threatmanager/pulumi-threatmanager",
			"respectSchemaVersion": true,
		},
		"python": map[string]any{
			"packageName":          "pulumi_threatmanager",
			"respectSchemaVersion": true,
			"pyproject":            map[string]any{"enabled": true},
		},
		"go": map[string]any{
			"generateResourceContainerTypes": true,
			"respectSchemaVersion":           true,
		},
	}
}
