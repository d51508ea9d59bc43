# mk/bench.mk: the component-overhead benchmark, included by the root Makefile.
#
#   make bench-overhead   what the ThreatManager component costs through the REAL Pulumi engine (the CLI
#                         and pulumi-language-yaml from `make tools`), with the OFFLINE STAND-IN aws,
#                         azure-native and gcp plugins from `make standins` (test fixtures: no cloud is
#                         contacted). For each scenario (aws-1, multicloud-ssh-1, aws-20) it ups the
#                         component program once, generates a YAML program declaring the same child
#                         resources directly from that stack's export, checks the two stacks are
#                         equivalent, then times `pulumi preview` (empty stack), `pulumi up` and
#                         `pulumi preview` (no changes) of both, alternately, each on a fresh stack in a
#                         temporary file backend. It prints a Markdown table of medians and
#                         component/by-hand ratios for docs/performance.md (tests/bench/overhead).
#
# OVERHEAD_FLAGS passes the command's flags, e.g. OVERHEAD_FLAGS='-runs 3 -scenarios aws-1,aws-20'
# (default 5 runs of every scenario; -v logs each CLI call, -keep keeps the programs and the backend).
# The full default run takes several minutes; it measures wall clock, so run it on a quiet machine.

OVERHEAD_FLAGS ?=

.PHONY: bench-overhead

bench-overhead: build tools standins
	env $(PULUMI_OFFLINE_ENV) go run ./tests/bench/overhead $(OVERHEAD_FLAGS)
