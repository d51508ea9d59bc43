// Package e2e drives the real Pulumi CLI (v3.274.1, built by `make tools`)
// through pulumi-language-yaml against the provider this repository builds,
// in temporary file backends, with the OFFLINE STAND-IN aws, azure-native
// and gcp plugins from tests/standins (test fixtures: no cloud is
// contacted). Run it with `make e2e-test` after `make build tools standins`.
//
// It checks the preview-diff matrix of issue 5: from an up-ed stack, each
// change of the ThreatManager input produces the operations a pull-request
// reviewer should see, and the rule delta (provider/cmd/ruledelta) lists
// the rules that change. Its SSH rows open, extend, expire and close SSH
// with the in-cloud expiry, and play each cloud's scheduler firing through
// the stand-ins (STANDIN_CLOUD_CHANGES) before a refresh and an up. The
// matrix's programs run the provider built with -tags e2eclock, whose clock
// a stack moves ahead instead of waiting for an expiry.
//
// The tests use only the standard library; they talk to the engine through
// the CLI and its JSON (`pulumi preview --json`, `pulumi stack export`).
package e2e
