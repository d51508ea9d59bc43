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
//
// The harness: setup_test.go finds the tools (TestMain), stack_test.go drives
// one stack through the CLI, engine_json_test.go reads the engine's JSON
// (previews, states, operation counts), ruledelta_test.go runs the rule delta
// and reads its tables, input_test.go is the ThreatManager input. The matrix:
// matrix_test.go runs it over its clouds, matrix_rows_test.go holds its rows,
// matrix_checks_test.go what they check, matrix_report_test.go the printed
// table. The seed: seed_test.go reads the requirements from
// policy/requirements.json, and deployed_rules_test.go reads a stack's rules
// back in the same spelling, so the two compare row by row.
package e2e
