# mk/examples.mk: every example through the REAL Pulumi engine, included by the root Makefile.
#
#   make examples-e2e   each example goes through `pulumi preview` (creates only), `pulumi up` and a
#                       second `pulumi preview` that must report no changes; then the rules in
#                       `pulumi stack export` must be exactly the seed's rows for the example's input,
#                       read by every runner from policy/requirements.json (the generated copy of
#                       provider/requirements/seeddoc/seed.md, drift-tested by provider/policydata).
#     YAML        README.md's first example as written, with the `pulumi config set` lines after it
#                 (tests/e2e/example_readme_test.go); examples/multicloud-yaml through the CLI and pulumi-language-yaml
#                 (tests/e2e/example_yaml_test.go, on the e2e harness); examples/appliances-yaml and
#                 examples/multi-account-yaml started with `pulumi new <folder>` as templates, then the
#                 appliances attached to the component's subnets, security group and target tag, and
#                 each account's resources in the account of its provider
#                 (tests/e2e/example_{template,appliances,multi_account}_test.go); and the real-cloud
#                 acceptance workflow's programs, .github/acceptance/*/Pulumi.yaml, deployed with the
#                 config that workflow sets (tests/e2e/acceptance_programs_test.go)
#     Go          examples/gcp-go's program as an auto.UpsertStackInlineSource inline program
#                 (examples/gcp-go/engine_test.go, build tag e2e)
#     TypeScript  examples/aws-typescript's exported program as a LocalWorkspace inline program, compiled
#                 with tsc against the SDK built in sdk/nodejs (tests/examples/nodejs)
#     Python      examples/azure-python as a pulumi.automation inline program, in the venv with the
#                 Python SDK (tests/examples/python)
#
# The Go, TypeScript and Python SDKs serve their own language runtime, so no language-host binaries are
# needed. Every run uses the CLI from `make tools`, the provider from `make build` and the OFFLINE
# STAND-IN aws, azure-native and gcp plugins from `make standins` (test fixtures: no cloud is
# contacted), each stack in its own temporary PULUMI_HOME and file backend, removed afterwards.
# The SDK builds come from mk/sdk.mk: sdk-test-nodejs (npm ci, tsc) and the venv's SDK install.

EXAMPLES_WORK := $(CURDIR)/.tools/examples-e2e
EXAMPLES_TS   := $(EXAMPLES_WORK)/nodejs
EXAMPLES_TS_PKG := $(EXAMPLES_TS)/node_modules/@threatmanager/pulumi-threatmanager

.PHONY: examples-e2e examples-e2e-yaml examples-e2e-go examples-e2e-nodejs examples-e2e-python

examples-e2e: examples-e2e-yaml examples-e2e-go examples-e2e-nodejs examples-e2e-python

examples-e2e-yaml: build tools standins policy
	cd tests/e2e && env $(PULUMI_OFFLINE_ENV) go test -count=1 -v -run '^TestExample(Readme|MulticloudYAML|AppliancesYAML|MultiAccountYAML|AcceptancePrograms)$$' .

examples-e2e-go: build tools standins policy
	cd examples/gcp-go && go vet -tags e2e . && go test -tags e2e -count=1 -v -run '^TestEngine$$' .

# The compiled example and runner live in $(EXAMPLES_TS)/out; its node_modules holds the SDK as a package
# (sdk/nodejs/bin with its package.json, as npm would install it) and @pulumi from sdk/nodejs, so the
# example, the SDK and the automation API share one @pulumi/pulumi.
examples-e2e-nodejs: build tools standins policy sdk-test-nodejs
	rm -rf $(EXAMPLES_TS) && mkdir -p $(EXAMPLES_TS_PKG)
	cp -r sdk/nodejs/bin/. sdk/nodejs/package.json $(EXAMPLES_TS_PKG)/
	ln -s $(CURDIR)/sdk/nodejs/node_modules/@pulumi $(EXAMPLES_TS)/node_modules/@pulumi
	sdk/nodejs/node_modules/.bin/tsc -p tests/examples/nodejs/tsconfig.json
	node $(EXAMPLES_TS)/out/tests/examples/nodejs/run.js $(CURDIR)

examples-e2e-python: build tools standins policy $(VENV)/.sdk-installed
	PYTHONDONTWRITEBYTECODE=1 $(VENV_PYTHON) tests/examples/python/run.py $(CURDIR)
