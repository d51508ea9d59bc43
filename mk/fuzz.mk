# mk/fuzz.mk: fuzzing the rule model and its property tests, included by the root Makefile.
#
#   make fuzz   runs each fuzz target of provider/rules (FuzzBuild, FuzzAgentCIDRs, FuzzSSHWindow) for
#               FUZZTIME (default 10m), one after another. `make test` runs their seed corpora only, as
#               part of `go test ./...`. A failure writes its input under
#               provider/rules/testdata/fuzz/<target>/: commit it once fixed, so it stays a test.

FUZZTIME    ?= 10m
FUZZ_TARGETS := FuzzBuild FuzzAgentCIDRs FuzzSSHWindow

.PHONY: fuzz

fuzz:
	@for target in $(FUZZ_TARGETS); do \
	  echo "== $$target for $(FUZZTIME)"; \
	  go test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) ./provider/rules || exit 1; \
	done

# The rapid property tests (the rule model's plans against rulestest.Expected, reordering, and each cloud's
# rendering), under a pinned seed and then one random seed, which is printed first so a failure can be
# replayed: `make property-test RAPID_SEED=<seed>` runs that seed (twice: as the pinned and as the random).
# `make test` runs this target; `go test ./...` runs the same tests once more, under a
# seed rapid picks (it names it on failure). The rule model takes RAPID_CHECKS inputs per seed, each
# cloud's renderer 100 (each renders a stack under mocks): every renderer package,
# provider/clouds/<cloud>/<cloud>render, holds its own TestRenderingInvariants, so a new cloud's runs here
# without a line added.

RAPID_PINNED_SEED ?= 20261127
RAPID_CHECKS      ?= 1000
RULES_PROPERTIES  := ^(TestPlanInvariants|TestReorderingInputsChangesNothing)$$
RENDER_PROPERTIES := ^TestRenderingInvariants$$
RENDER_PACKAGES   := $(addprefix ./,$(wildcard provider/clouds/*/*render))

.PHONY: property-test

property-test:
	@random="$${RAPID_SEED:-$$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')}"; \
	for seed in $(RAPID_PINNED_SEED) "$$random"; do \
	  if [ "$$seed" = "$(RAPID_PINNED_SEED)" ]; then kind=pinned; else kind=random; fi; \
	  echo "== property tests, $$kind seed $$seed (replay: make property-test RAPID_SEED=$$seed)"; \
	  go test -run '$(RULES_PROPERTIES)' ./provider/rules -args -rapid.seed="$$seed" -rapid.checks=$(RAPID_CHECKS) || { echo "property tests failed with $$kind seed $$seed: replay with make property-test RAPID_SEED=$$seed"; exit 1; }; \
	  go test -run '$(RENDER_PROPERTIES)' $(RENDER_PACKAGES) -args -rapid.seed="$$seed" -rapid.checks=100 || { echo "property tests failed with $$kind seed $$seed: replay with make property-test RAPID_SEED=$$seed"; exit 1; }; \
	done
