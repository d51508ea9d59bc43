# mk/ci.mk: the GitHub Actions workflows, included by the root Makefile.
#
#   make workflows-test   what `make test` runs of this file: lint-workflows, then the comment step of
#                         examples/github-actions/pulumi-rule-delta.yml against a fake GitHub API in
#                         Node (tests/github-actions/comment_test.js: one comment per stack and pull
#                         request, created once and edited on each push; the policy pack's preview
#                         comes after it).
#   make lint-workflows   actionlint (built from its Go module, tools/actionlint, into .tools/bin) on
#                         every workflow: this repository's CI and release (.github/workflows) and the
#                         one users copy (examples/github-actions). actionlint also runs shellcheck on
#                         `run:` scripts when shellcheck is on PATH (as on GitHub's runners).
#
# Like mk/tools.mk, actionlint is a file target, rebuilt only when its tools module changed; it
# reports its version (`actionlint -version`) from the module's build information.

ACTIONLINT         := $(TOOLS_BIN)/actionlint
ACTIONLINT_SOURCES := $(CURDIR)/tools/actionlint/go.mod $(CURDIR)/tools/actionlint/go.sum $(CURDIR)/tools/actionlint/tools.go
WORKFLOWS          := $(wildcard .github/workflows/*.yml .github/workflows/*.yaml) \
                      $(wildcard examples/github-actions/*.yml examples/github-actions/*.yaml)

.PHONY: workflows-test lint-workflows

workflows-test: lint-workflows
	node tests/github-actions/comment_test.js $(CURDIR)

$(ACTIONLINT): $(ACTIONLINT_SOURCES)
	@mkdir -p $(TOOLS_BIN)
	cd $(CURDIR)/tools/actionlint && go build -o $@ github.com/rhysd/actionlint/cmd/actionlint

# Files outside .github/workflows are linted as workflows when named on the command line.
# actionlint checks the inputs and outputs of popular actions from metadata it holds per major
# version (actions/checkout@v6), so the workflows, which pin full tags (@v6.0.2), are linted a
# second time with each tag cut to its major version, for those checks.
lint-workflows: $(ACTIONLINT)
	@test -n "$(WORKFLOWS)" || { echo "no workflow files found"; exit 1; }
	$(ACTIONLINT) $(WORKFLOWS)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  for f in $(WORKFLOWS); do \
	    mkdir -p "$$tmp/$$(dirname $$f)" && \
	    sed -E -e 's#(uses: *[^@ ]+)@(v[0-9]+)(\.[0-9]+)+#\1@\2#' \
	      -e 's#pypa/gh-action-pypi-publish@v1\b#pypa/gh-action-pypi-publish@release/v1#' "$$f" > "$$tmp/$$f"; \
	  done && \
	  echo "actionlint, action tags cut to major versions" && \
	  cd "$$tmp" && $(ACTIONLINT) $(WORKFLOWS)
