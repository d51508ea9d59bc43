# pulumi-threatmanager: `make demo` and `make test` are the two commands a
# fresh machine needs; everything else is built on the way.

include mk/version.mk

MODULE  := github.com/threatmanager/pulumi-threatmanager
# The plugin ships as built here: -trimpath, and -s -w to leave out the symbol table and DWARF
# (a third of the binary; stack traces still work from the runtime's own tables).
LDFLAGS := -s -w -X $(MODULE)/provider.Version=$(VERSION)
GOBUILD := go build -trimpath
PROVIDER_BIN := bin/pulumi-resource-threatmanager
GO_SOURCES := $(shell find provider -name '*.go' -not -name '*_test.go') go.mod go.sum

include mk/tools.mk
include mk/sdk.mk
include mk/e2e.mk
include mk/examples.mk
include mk/fuzz.mk
include mk/bench.mk
include mk/ci.mk
include mk/dist.mk
include mk/policy.mk
include mk/contracts.mk
include mk/lint.mk

.PHONY: build schema test unit vet demo bench clean

build: $(PROVIDER_BIN)

$(PROVIDER_BIN): $(GO_SOURCES) $(VERSION_STAMP)
	$(GOBUILD) -ldflags "$(LDFLAGS)" -o $@ ./provider/cmd/pulumi-resource-threatmanager
	@test "$$($@ --version)" = "$(VERSION)" || { echo "version not injected into $@"; exit 1; }

# schema.json is generated from the Go types; the tests fail when it drifts.
schema:
	go run ./provider/cmd/schemagen schema.json

vet:
	@unformatted="$$(gofmt -l provider tests tools examples sdk/go)"; \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...

# Every offline test, then golangci-lint on every Go module (make lint, mk/lint.mk).
test: build vet workflows-test
	$(MAKE) shellcheck dependabot-check file-sizes
	go test ./...
	$(MAKE) property-test
	cd tests/standins && go test ./...
	$(MAKE) sdk-test
	$(MAKE) policy-test
	$(MAKE) contracts-test
	$(MAKE) e2e-test
	$(MAKE) examples-e2e
	$(MAKE) install-test
	$(MAKE) lint

# The pinned CLI (make tools) is built only when no recent-enough Pulumi CLI is installed:
# scripts/pulumi-cli.sh chooses, and says which it used.
demo: build standins
	MAKE="$(MAKE)" bash scripts/demo.sh

# Every benchmark, for docs/performance.md; wall-clock figures need a quiet machine.
#   Go benchmarks: the rule model, and Construct per cloud for 1 to 1,000 agent CIDRs (under mocks)
#   tests/bench/plugin: the shipped plugin's size, debug tables, cold start, GetSchema and peak RSS
#   the 20-component stack with all three clouds per component (tests/e2e, E2E_MANY_ALL_CLOUDS=1), and the
#   policy pack on it: pulumi policy analyze, and the no-change preview without and with the pack
#   bench-overhead (mk/bench.mk): the component against the same resources by hand, through the engine
bench: build tools standins policy $(E2E_CLOCK_PROVIDER)
	go test -run '^$$' -bench . -benchmem ./provider/...
	go run ./tests/bench/plugin -binary $(PROVIDER_BIN)
	cd tests/e2e && env $(PULUMI_OFFLINE_ENV) E2E_MANY_ALL_CLOUDS=1 go test -count=1 -timeout 20m -v -run '^TestTwentyComponents$$' . | grep -E '^(---|ok|FAIL)|first preview|pulumi (up|preview)|policy pack|policy analyze of'
	$(MAKE) bench-overhead

clean:
	rm -rf bin
