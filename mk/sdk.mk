# mk/sdk.mk: the generated SDKs and their tests, included by the root Makefile.
#
#   make sdk       regenerates sdk/nodejs, sdk/python, sdk/go and the Go SDK's module (sdk/go.mod,
#                  sdk/go.sum) from schema.json with Pulumi's codegen (tools/sdkgen), at $(SDK_VERSION)
#                  (= BASE_VERSION, mk/version.mk: not the build's VERSION, so sdk/ stays put between commits),
#                  and refreshes sdk/nodejs/package-lock.json when package.json changed.
#                  A second run changes nothing.
#   make sdk-test  the SDK tests `make test` runs: the committed SDKs match schema.json (drift), the
#                  npm and Python dependency lists, and per language:
#                    TypeScript  npm ci + tsc build sdk/nodejs; examples/aws-typescript type-checks
#                    Python      the SDK installs with pip into .tools/venv and imports; examples/azure-python
#                                runs under Pulumi's mocks
#                    Go          go build + go vet in sdk/ and examples/gcp-go (whose go.mod is tidy)
#                    YAML        every YAML program's ThreatManager properties and outputs exist in schema.json
#                                (examples/*, .github/acceptance/*, Pulumi.yaml, the docs' YAML snippets)
#
# npm and pip install inside these targets, with caches under .tools/ (ignored); node_modules and the
# venv are reinstalled only when the lockfile or the Python SDK changed, so a second run is quick.

SDKGEN         := $(CURDIR)/.tools/bin/sdkgen
SDKGEN_SOURCES := $(wildcard $(CURDIR)/tools/sdkgen/*.go) $(CURDIR)/tools/sdkgen/go.mod $(CURDIR)/tools/sdkgen/go.sum
SDK_WORK       := $(CURDIR)/.tools/sdk-test
NPM_FLAGS      := --cache $(CURDIR)/.tools/npm-cache --prefer-offline --no-audit --no-fund --ignore-scripts
VENV           := $(CURDIR)/.tools/venv
VENV_PYTHON    := $(VENV)/bin/python
PIP            := $(VENV)/bin/pip --cache-dir $(CURDIR)/.tools/pip-cache --disable-pip-version-check -q
NODE_MODULES   := $(CURDIR)/sdk/nodejs/node_modules/.package-lock.json
PY_SDK_FILES   := $(shell find $(CURDIR)/sdk/python -type f -not -path '*/build/*' -not -path '*.egg-info*' -not -path '*__pycache__*' 2>/dev/null)
# Files that installs and builds leave in sdk/ (git-ignored), left out of the drift comparison.
SDK_DIFF_SKIP  := -x node_modules -x bin -x package-lock.json -x build -x '*.egg-info' -x __pycache__

.PHONY: sdk sdk-test sdk-drift sdk-test-nodejs sdk-test-python sdk-test-go sdk-test-packages sdk-test-docs

$(SDKGEN): $(SDKGEN_SOURCES)
	@mkdir -p $(dir $@)
	cd $(CURDIR)/tools/sdkgen && go build -o $@ .

sdk: $(SDKGEN)
	$(SDKGEN) -schema schema.json -version $(SDK_VERSION) -out sdk
	@# The lockfile is not generated from the schema: npm writes it, only when package.json changed.
	cd sdk/nodejs && if [ ! -f package-lock.json ] || [ package.json -nt package-lock.json ]; then \
	  npm install --package-lock-only $(NPM_FLAGS) && touch package-lock.json; fi

sdk-test: sdk-drift sdk-test-packages sdk-test-nodejs sdk-test-python sdk-test-go sdk-test-docs

# Regenerate into a scratch folder and compare with the committed SDKs.
sdk-drift: $(SDKGEN)
	@rm -rf $(SDK_WORK)/generated && mkdir -p $(SDK_WORK)/generated
	@cp sdk/go.sum $(SDK_WORK)/generated/
	$(SDKGEN) -schema schema.json -version $(SDK_VERSION) -out $(SDK_WORK)/generated
	@diff -r $(SDK_DIFF_SKIP) sdk $(SDK_WORK)/generated || \
	  { echo "sdk/ is out of date with schema.json (SDK_VERSION=$(SDK_VERSION)): run 'make sdk' and commit sdk/"; exit 1; }

sdk-test-packages: $(VENV)/.sdk-installed
	PYTHONDONTWRITEBYTECODE=1 $(VENV_PYTHON) tests/sdk/check_packages.py $(CURDIR) $(SDK_VERSION)

# TypeScript: npm ci (only when the lockfile changed), tsc builds sdk/nodejs/bin, the example type-checks.
$(NODE_MODULES): sdk/nodejs/package-lock.json sdk/nodejs/package.json
	cd sdk/nodejs && npm ci $(NPM_FLAGS)

sdk-test-nodejs: $(NODE_MODULES)
	cd sdk/nodejs && node_modules/.bin/tsc
	sdk/nodejs/node_modules/.bin/tsc -p tests/sdk/tsconfig.aws-typescript.json

# Python: a venv with setuptools, then the SDK from a copy of sdk/python (so builds leave nothing in
# sdk/), which brings pulumi as its only requirement; reinstalled only when sdk/python changed.
$(VENV)/.created:
	rm -rf $(VENV) && python3 -m venv $(VENV)
	$(PIP) install 'setuptools>=70.1' wheel
	@touch $@

$(VENV)/.sdk-installed: $(VENV)/.created $(PY_SDK_FILES)
	rm -rf $(SDK_WORK)/python && mkdir -p $(SDK_WORK) && cp -r sdk/python $(SDK_WORK)/python
	@$(PIP) uninstall -y pulumi_threatmanager 2>/dev/null || true
	$(PIP) install --no-build-isolation $(SDK_WORK)/python
	@touch $@

sdk-test-python: $(VENV)/.sdk-installed
	cd $(SDK_WORK) && PYTHONDONTWRITEBYTECODE=1 $(VENV_PYTHON) -c 'import pulumi_threatmanager as tm; tm.ThreatManager; tm.Datacenter.US'
	PYTHONDONTWRITEBYTECODE=1 $(VENV_PYTHON) tests/sdk/python_example_test.py $(CURDIR)

# Go: the SDK module and the example module, which uses it through `replace => ../../sdk`.
sdk-test-go:
	cd sdk && go build ./... && go vet ./...
	cd examples/gcp-go && go mod tidy -diff && go build -o /dev/null . && go vet .

# The TypeScript, Python and Go snippets in README.md and docs/ compile against the SDKs.
sdk-test-docs: sdk-test-nodejs $(VENV)/.sdk-installed
	PYTHONDONTWRITEBYTECODE=1 $(VENV_PYTHON) tests/sdk/check_doc_snippets.py $(CURDIR) $(SDK_WORK)/docs
