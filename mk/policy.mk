# mk/policy.mk: the CrossGuard policy pack in policy/, included by the root Makefile.
#
#   make policy       builds threatmanager-policies offline: policy/requirements.json from the Go
#                     requirements (provider/cmd/policygen), npm ci from the project's npm cache (only when
#                     the lockfile changed), tsc into policy/bin. `--policy-pack policy/run-pack` runs it.
#   make policy-test  the pack's unit tests (node --test: the rule model, ranges, each policy over generated
#                     and hand-written stacks). The pack through the real engine (`pulumi policy analyze` on
#                     exported states and fixtures, and the examples' previews) runs in e2e-test and
#                     examples-e2e.
#
# The committed policy/requirements.json is checked against the Go data by `go test ./provider/policydata`
# (in `make test`), so a change to the requirements that is not regenerated fails the tests.

POLICY_DIR      := $(CURDIR)/policy
POLICY_MODULES  := $(POLICY_DIR)/node_modules/.package-lock.json
POLICY_BUILT    := $(POLICY_DIR)/bin/src/index.js
POLICY_SOURCES  := $(shell find $(POLICY_DIR)/src -name '*.ts' 2>/dev/null) $(POLICY_DIR)/tsconfig.json
POLICY_GO       := $(shell find provider/requirements provider/rules provider/policydata provider/cmd/policygen -name '*.go' -not -name '*_test.go')

.PHONY: policy policy-test

policy: $(POLICY_BUILT)

$(POLICY_DIR)/requirements.json: $(POLICY_GO)
	go run ./provider/cmd/policygen $@

$(POLICY_MODULES): $(POLICY_DIR)/package-lock.json $(POLICY_DIR)/package.json
	cd $(POLICY_DIR) && npm ci $(NPM_FLAGS) --loglevel error

$(POLICY_BUILT): $(POLICY_MODULES) $(POLICY_SOURCES) $(POLICY_DIR)/requirements.json
	rm -rf $(POLICY_DIR)/bin
	cd $(POLICY_DIR) && node_modules/.bin/tsc -p .

policy-test: policy
	cd $(POLICY_DIR) && node --test bin/src/test/*.test.js
