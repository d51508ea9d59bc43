# mk/fuzz.mk: fuzzing the rule model, included by the root Makefile.
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
