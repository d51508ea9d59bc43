# mk/tools.mk: offline tooling, included by the root Makefile.
#
#   make tools      the real Pulumi CLI and pulumi-language-yaml, built from Go modules into .tools/bin
#                   (the tests always use these; `make demo` uses an installed CLI at least as recent
#                   instead, when there is one, and builds these only otherwise: scripts/pulumi-cli.sh)
#   make standins   the OFFLINE STAND-IN aws/azure-native/gcp provider plugins (test fixtures) into
#                   .tools/standins; see tests/standins/README.md. Never put them on a user's PATH.
#
# Each binary is a file target: it is rebuilt only when it is missing or its tools module
# (go.mod/go.sum) or sources changed, so a second `make tools` does nothing.
# The CLI takes several minutes to build cold (mostly compiling pkg/v3).

TOOLS_DIR            := $(CURDIR)/.tools
TOOLS_BIN            := $(TOOLS_DIR)/bin
STANDINS_DIR         := $(TOOLS_DIR)/standins
PULUMI               := $(CURDIR)/.tools/bin/pulumi
PULUMI_LANGUAGE_YAML := $(CURDIR)/.tools/bin/pulumi-language-yaml

# One program for every stand-in: it installs itself as pulumi-resource-<package> for each cloud
# registered in tests/standins/internal/standin/clouds.go, so the list lives there alone.
STANDIN          := $(STANDINS_DIR)/standin
STANDINS         := $(STANDINS_DIR)/.installed
STANDIN_SOURCES  := $(shell find $(CURDIR)/tests/standins -name '*.go' 2>/dev/null) \
                    $(CURDIR)/tests/standins/go.mod $(CURDIR)/tests/standins/go.sum

# Environment for running the real engine offline against the stand-ins: the CLI and the
# stand-in plugins first on PATH (ambient plugins are used because PULUMI_IGNORE_AMBIENT_PLUGINS
# is unset), no update check, no plugin downloads. Use as: env $(PULUMI_OFFLINE_ENV) $(PULUMI) ...
PULUMI_OFFLINE_ENV := PATH="$(STANDINS_DIR):$(TOOLS_BIN):$$PATH" \
                      PULUMI_SKIP_UPDATE_CHECK=true \
                      PULUMI_IGNORE_AMBIENT_PLUGINS= \
                      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

.PHONY: tools standins tools-clean

tools: $(PULUMI) $(PULUMI_LANGUAGE_YAML)

standins: $(STANDINS)

# `go install ...@version` cannot build pkg/v3 (its go.mod has replace directives), so the CLI is
# built inside its own tools module (tools/pulumi), with the version taken from that go.mod.
$(PULUMI): $(CURDIR)/tools/pulumi/go.mod $(CURDIR)/tools/pulumi/go.sum
	@mkdir -p $(TOOLS_BIN)
	cd $(CURDIR)/tools/pulumi && \
	  v=$$(go list -m -f '{{.Version}}' github.com/pulumi/pulumi/pkg/v3) && \
	  go build -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$$v" \
	    -o $@ github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

# pulumi-yaml does not compile against pkg/v3 v3.274.1, so it has its own module and pulumi versions.
$(PULUMI_LANGUAGE_YAML): $(CURDIR)/tools/pulumi-yaml/go.mod $(CURDIR)/tools/pulumi-yaml/go.sum
	@mkdir -p $(TOOLS_BIN)
	cd $(CURDIR)/tools/pulumi-yaml && \
	  v=$$(go list -m -f '{{.Version}}' github.com/pulumi/pulumi-yaml) && \
	  go build -ldflags "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$$v" \
	    -o $@ github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml

$(STANDIN): $(STANDIN_SOURCES)
	@mkdir -p $(STANDINS_DIR)
	cd $(CURDIR)/tests/standins && go build -o $@ ./cmd/standin

$(STANDINS): $(STANDIN)
	$(STANDIN) -install $(STANDINS_DIR)
	@touch $@

tools-clean:
	rm -rf $(TOOLS_DIR)
