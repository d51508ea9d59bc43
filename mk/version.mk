# mk/version.mk: one version, one place; included first by the root Makefile.
#
# VERSION, in this order:
#   1. VERSION=… on the command line or in the environment (make dist VERSION=0.2.0);
#   2. the release tag on HEAD: `git describe --tags --exact-match --match 'v*'`, without the v
#      (tag v0.1.0 gives 0.1.0);
#   3. otherwise a development version, $(BASE_VERSION)-dev (0.1.0-dev), clearly not a release.
# The provider binary (--version), the schema, the npm and Python packages and the Go SDK tag that
# `make dist` writes all carry VERSION (mk/dist.mk checks them against each other).
#
# BASE_VERSION is the release being prepared. The committed SDKs (sdk/) are generated at it, not at
# VERSION, so they do not change from one commit to the next and `make test`'s drift check holds; the
# commit tagged v$(BASE_VERSION) (and sdk/v$(BASE_VERSION)) thus carries a Go SDK of that version.
# To release: set BASE_VERSION, `make sdk`, update CHANGELOG.md, commit, tag v<version> and
# sdk/v<version> on that commit. `make dist` refuses a release VERSION other than BASE_VERSION.

BASE_VERSION := 0.1.0
SDK_VERSION  := $(BASE_VERSION)

ifeq ($(origin VERSION),undefined)
  GIT_TAG_VERSION := $(patsubst v%,%,$(shell git describe --tags --exact-match --match 'v*' 2>/dev/null))
  VERSION := $(if $(GIT_TAG_VERSION),$(GIT_TAG_VERSION),$(BASE_VERSION)-dev)
endif

# The binaries depend on this file, rewritten only when VERSION changes, so a new version rebuilds them.
VERSION_STAMP := $(CURDIR)/.tools/version
$(shell mkdir -p $(CURDIR)/.tools && [ "$$(cat $(VERSION_STAMP) 2>/dev/null)" = "$(VERSION)" ] || echo "$(VERSION)" > $(VERSION_STAMP))

.PHONY: version
version:
	@echo $(VERSION)
