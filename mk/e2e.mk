# mk/e2e.mk: the end-to-end tests (tests/e2e), included by the root Makefile.
#
#   make e2e-test   the preview-diff matrix through the REAL Pulumi engine (the CLI and
#                   pulumi-language-yaml from `make tools`), with the OFFLINE STAND-IN aws,
#                   azure-native and gcp plugins from `make standins` (test fixtures: no cloud
#                   is contacted), each stack in a temporary file backend. It prints the
#                   operation counts per change as a table, and the rule delta of "open SSH".
#
# The matrix runs a test build of the provider, $(E2E_CLOCK_PROVIDER) (-tags e2eclock), whose clock a
# test can move ahead through a file (provider/cmd/pulumi-resource-threatmanager/clock_e2eclock.go), so
# "SSH expired" passes an expiry hours away without waiting. It differs from bin/ in the clock alone; the
# examples run bin/'s plugin as it ships.
#
# E2E_FLAGS passes extra `go test` flags, e.g. E2E_FLAGS='-v -run TestPreviewMatrix/aws'.
# The test binary finds bin/, .tools/bin and .tools/standins from the repository root and puts
# them on its own PATH; PULUMI_OFFLINE_ENV (mk/tools.mk) is the same environment for the `go`
# command itself. `go test` runs in directory mode so the table is printed.

E2E_FLAGS ?=
E2E_CLOCK_PROVIDER := $(CURDIR)/.tools/e2e-clock/pulumi-resource-threatmanager

.PHONY: e2e-test upgrade-fixture

$(E2E_CLOCK_PROVIDER): $(GO_SOURCES) $(VERSION_STAMP)
	@mkdir -p $(dir $@)
	$(GOBUILD) -tags e2eclock -ldflags "$(LDFLAGS)" -o $@ ./provider/cmd/pulumi-resource-threatmanager

e2e-test: build tools standins policy $(E2E_CLOCK_PROVIDER)
	cd $(CURDIR)/tests/e2e && env $(PULUMI_OFFLINE_ENV) go test -count=1 -timeout 20m -skip '^TestExample' $(E2E_FLAGS)

# The upgrade test's fixture (tests/e2e/testdata/upgrade-state-v*.json): the state a stack is left in by
# bin/'s plugin, written through the real engine. Run at each release with that release's VERSION; see
# upgradeFixture in tests/e2e/rename_upgrade_test.go.
upgrade-fixture: build tools standins $(E2E_CLOCK_PROVIDER)
	@test "$$($(PROVIDER_BIN) --version)" = "$(VERSION)" || \
	  { echo "$(PROVIDER_BIN) is version $$($(PROVIDER_BIN) --version), not $(VERSION): rm -rf bin and run again"; exit 1; }
	cd $(CURDIR)/tests/e2e && env $(PULUMI_OFFLINE_ENV) E2E_WRITE_UPGRADE_FIXTURE=1 go test -count=1 -run '^TestUpgrade$$' .
