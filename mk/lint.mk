# mk/lint.mk: golangci-lint, included by the root Makefile; `make test` runs `make lint` last.
#
#   make lint        golangci-lint on every Go module of the repository, with .golangci.yml (the
#                    choice of linters, and the reason for each one left out or excluded, is there).
#                    Every module is linted even when one fails, and the target fails at the end.
#                    LINT_FLAGS passes flags on, e.g. LINT_FLAGS=--fix, or LINT_MODULES=tools/sdkgen.
#   make lint-config golangci-lint's own check of .golangci.yml against its schema.
#   make file-sizes  no hand-written source file over 400 lines (in `make test`).
#
# Like the tools of mk/tools.mk, golangci-lint is built from its own tools module (tools/golangci-lint,
# which pins v2.15.0) with the local Go toolchain, so it understands the go directive of every module
# here, into .tools/bin. It is a file target, rebuilt only when the tools module changed (about two
# minutes cold). Its analysis cache is Go's: ~/.cache/golangci-lint, so a second run takes seconds per
# module; the first run on the root module type-checks the cloud SDKs and takes a few minutes.

GOLANGCI_LINT         := $(TOOLS_BIN)/golangci-lint
GOLANGCI_LINT_VERSION := 2.15.0
GOLANGCI_LINT_SOURCES := $(CURDIR)/tools/golangci-lint/go.mod $(CURDIR)/tools/golangci-lint/go.sum \
                         $(CURDIR)/tools/golangci-lint/tools.go

# Every Go module, found from its go.mod, less the tools modules whose one file is a blank import behind
# the `tools` build tag (type-checking it would compile the Pulumi CLI to lint one line).
LINT_SKIP    := tools/actionlint tools/golangci-lint tools/pulumi tools/pulumi-yaml
LINT_MODULES ?= $(filter-out $(LINT_SKIP),$(patsubst ./%,%,$(patsubst %/go.mod,%,$(shell \
                  find . -name go.mod -not -path './.tools/*' -not -path '*/node_modules/*' | sort))))
LINT_FLAGS   ?=

# Build tags a module needs for all its files to be linted: examples/gcp-go's engine test is behind `e2e`.
LINT_TAGS.examples/gcp-go := e2e
# The root module's clock_e2eclock.go (the e2e tests' provider build) is linted by a second run of its
# one package with the tag.
LINT_E2ECLOCK_PACKAGE := ./provider/cmd/pulumi-resource-threatmanager

.PHONY: lint lint-config

$(GOLANGCI_LINT): $(GOLANGCI_LINT_SOURCES)
	@mkdir -p $(TOOLS_BIN)
	cd $(CURDIR)/tools/golangci-lint && go build -o $@ github.com/golangci/golangci-lint/v2/cmd/golangci-lint
	@test "$$($@ version --short)" = "$(GOLANGCI_LINT_VERSION)" || \
	  { echo "$@ is version $$($@ version --short), not $(GOLANGCI_LINT_VERSION) (tools/golangci-lint/go.mod)"; rm -f $@; exit 1; }

lint-config: $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) config verify --config $(CURDIR)/.golangci.yml

lint: lint-config
	@failed=; \
	$(foreach m,$(LINT_MODULES), \
	  echo "golangci-lint: $(m)$(if $(LINT_TAGS.$(m)), (tags $(LINT_TAGS.$(m))))"; \
	  ( cd $(CURDIR)/$(m) && $(GOLANGCI_LINT) run --config $(CURDIR)/.golangci.yml \
	      $(if $(LINT_TAGS.$(m)),--build-tags $(LINT_TAGS.$(m))) $(LINT_FLAGS) ./... ) || failed="$$failed $(m)";) \
	$(if $(filter .,$(LINT_MODULES)), \
	  echo "golangci-lint: . $(LINT_E2ECLOCK_PACKAGE) (tags e2eclock)"; \
	  ( cd $(CURDIR) && $(GOLANGCI_LINT) run --config $(CURDIR)/.golangci.yml \
	      --build-tags e2eclock $(LINT_FLAGS) $(LINT_E2ECLOCK_PACKAGE) ) || failed="$$failed .(e2eclock)";) \
	if [ -n "$$failed" ]; then echo "golangci-lint found issues in:$$failed (rerun: make lint)"; exit 1; fi

# No hand-written source file over FILE_MAX_LINES lines, tests included (small files, split by meaning).
# Files git knows or would add are read (node_modules, .tools and venvs are ignored); generated code is
# not: the SDKs (sdk/), the stand-ins' SDK tables (*_sdk_gen.go) and test fixtures (testdata/).
FILE_MAX_LINES := 400

.PHONY: file-sizes

file-sizes:
	@over=$$(git ls-files --cached --others --exclude-standard | sort -u | \
	  grep -E '(\.(go|ts|js|py|sh|mk|yml|yaml)|^Makefile|/run-pack|^\.ci/run)$$' | \
	  grep -Ev '^sdk/|_sdk_gen\.go$$|(^|/)testdata/|(^|/)node_modules/' | \
	  while IFS= read -r f; do [ -f "$$f" ] && n=$$(wc -l < "$$f") && [ "$$n" -gt $(FILE_MAX_LINES) ] && echo "  $$f: $$n lines"; done; true); \
	  if [ -n "$$over" ]; then echo "files over $(FILE_MAX_LINES) lines (split them by meaning):"; echo "$$over"; exit 1; fi; \
	  echo "file-sizes: no source file over $(FILE_MAX_LINES) lines"
