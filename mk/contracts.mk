# mk/contracts.mk: contract tests of what each cloud runs by itself (tests/contracts/README.md),
# included by the root Makefile; `make test` runs contracts-test.
#
#   make contracts-test  writes the component's payloads (tests/contracts/dump: all three clouds, SSH open,
#                        cloud-shaped ids under mocks), then checks them against the clouds' own models:
#                          AWS    pytest: botocore's EC2 and Scheduler models, moto (EC2, IAM, Scheduler)
#                          Azure  pytest: azure-mgmt-network 24.0.0 and azure-mgmt-logic 10.0.0, read as text
#                          GCP    go test: Google's discovery documents in google.golang.org/api v0.316.0
#
# Every install is pinned and cached under .tools/ (git-ignored), and redone only when its pins change:
# the venv from tests/contracts/requirements.txt (about 25 s, 150 MB), Microsoft's clients from
# tests/contracts/azure-sources.txt (--no-deps, about 25 MB), the Google module in Go's module cache
# (51 MB zip).

CONTRACTS_DIR      := $(CURDIR)/tests/contracts
CONTRACTS_VENV     := $(CURDIR)/.tools/contracts-venv
CONTRACTS_PIP      := $(CONTRACTS_VENV)/bin/pip --cache-dir $(CURDIR)/.tools/pip-cache --disable-pip-version-check -q
CONTRACTS_WORK     := $(CURDIR)/.tools/contracts
CONTRACTS_PAYLOADS := $(CONTRACTS_WORK)/payloads.json
CONTRACTS_DUMP     := $(CONTRACTS_WORK)/dump
GOOGLE_API_MODULE  := google.golang.org/api@v0.316.0
CONTRACTS_GOOGLE   := $(CONTRACTS_WORK)/google-api-dir

.PHONY: contracts-test contracts-payloads

$(CONTRACTS_VENV)/.installed: $(CONTRACTS_DIR)/requirements.txt $(CONTRACTS_DIR)/azure-sources.txt
	rm -rf $(CONTRACTS_VENV) && python3 -m venv $(CONTRACTS_VENV)
	$(CONTRACTS_PIP) install -r $(CONTRACTS_DIR)/requirements.txt
	@# Read as text by the Azure tests, never imported: their runtime dependencies are not needed.
	$(CONTRACTS_PIP) install --no-deps -r $(CONTRACTS_DIR)/azure-sources.txt
	@touch $@

# The module's folder in Go's module cache, where its discovery documents are.
$(CONTRACTS_GOOGLE): mk/contracts.mk
	@mkdir -p $(dir $@)
	go mod download -json $(GOOGLE_API_MODULE) | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$$/\1/p' > $@.tmp
	@test -s $@.tmp || { echo "go mod download $(GOOGLE_API_MODULE) gave no Dir"; rm -f $@.tmp; exit 1; }
	@mv $@.tmp $@

$(CONTRACTS_DUMP): $(GO_SOURCES) $(shell find $(CONTRACTS_DIR) -name '*.go' -not -name '*_test.go')
	@mkdir -p $(dir $@)
	$(GOBUILD) -o $@ ./tests/contracts/dump

# Always rewritten: the payloads follow the renderers as they change.
contracts-payloads: $(CONTRACTS_DUMP)
	$(CONTRACTS_DUMP) -out $(CONTRACTS_PAYLOADS)

contracts-test: contracts-payloads $(CONTRACTS_VENV)/.installed $(CONTRACTS_GOOGLE)
	cd $(CONTRACTS_DIR) && CONTRACTS_PAYLOADS=$(CONTRACTS_PAYLOADS) PYTHONDONTWRITEBYTECODE=1 \
	  $(CONTRACTS_VENV)/bin/python -m pytest -q -p no:cacheprovider aws azure_api
	CONTRACTS_GOOGLE_API_DIR="$$(cat $(CONTRACTS_GOOGLE))" go test -count=1 ./tests/contracts/...
