# pulumi-threatmanager: `make demo` and `make test` are the two commands a
# fresh machine needs; everything else is built on the way.

VERSION ?= 0.1.0
MODULE  := github.com/threatmanager/pulumi-threatmanager
LDFLAGS := -X $(MODULE)/provider.Version=$(VERSION)
PROVIDER_BIN := bin/pulumi-resource-threatmanager
GO_SOURCES := $(shell find provider -name '*.go' -not -name '*_test.go') go.mod go.sum

include mk/tools.mk
include mk/sdk.mk
include mk/e2e.mk
include mk/examples.mk
include mk/fuzz.mk
include mk/bench.mk

.PHONY: build schema test unit vet demo bench clean

build: $(PROVIDER_BIN)

$(PROVIDER_BIN): $(GO_SOURCES)
	go build -ldflags "$(LDFLAGS)" -o $@ ./provider/cmd/pulumi-resource-threatmanager
	@test "$$($@ --version)" = "$(VERSION)" || { echo "version not injected into $@"; exit 1; }

# schema.json is generated from the Go types; the tests fail when it drifts.
schema:
	go run ./provider/cmd/schemagen schema.json

vet:
	@unformatted="$$(gofmt -l provider tests tools examples sdk/go)"; \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...

# Every offline test.
test: build vet
	go test ./...
	cd tests/standins && go test ./...
	$(MAKE) sdk-test
	$(MAKE) e2e-test
	$(MAKE) examples-e2e

demo: build standins tools
	bash scripts/demo.sh

bench:
	go test -run '^$$' -bench . -benchmem ./provider/...

clean:
	rm -rf bin
