# mk/dist.mk: the release artifacts and the install test, included by the root Makefile.
#
#   make dist          writes into dist/ (git-ignored) everything a release publishes, at $(VERSION)
#                      (mk/version.mk: the v* tag on HEAD, VERSION=…, or $(BASE_VERSION)-dev):
#                        pulumi-resource-threatmanager-v<version>-<os>-<arch>.tar.gz for linux, darwin and
#                          windows on amd64 and arm64: the plugin binary (.exe on windows) at the root,
#                          as `pulumi plugin install --file` and pluginDownloadURL downloads expect; built
#                          CGO_ENABLED=0 -trimpath -buildvcs=false, stripped, version injected; tarballs
#                          reproducible (tools/dist: sorted entries, mtime SOURCE_DATE_EPOCH, which
#                          defaults to HEAD's commit time, uid/gid 0, gzip without name or timestamp)
#                        ruledelta-v<version>-<os>-<arch>.tar.gz for the same platforms: the rule delta
#                          command for pull-request pipelines (provider/cmd/ruledelta, standard library
#                          only), built and packed the same way, for users who would rather not build it
#                        threatmanager-policies-v<version>.tar.gz   the CrossGuard policy pack (make policy),
#                          for `pulumi preview --policy-pack threatmanager-policies/run-pack` after
#                          `npm ci --omit=dev` in that folder: its one top folder holds PulumiPolicy.yaml,
#                          run-pack, package.json and package-lock.json of <version>, requirements.json and
#                          the compiled bin/ without tests (tools/dist policypack), reproducible the same way
#                        threatmanager-pulumi-threatmanager-<version>.tgz   the npm package (npm pack of
#                          the TypeScript SDK built with tsc)
#                        pulumi_threatmanager-<pep440>-py3-none-any.whl, pulumi_threatmanager-<pep440>.tar.gz
#                          the Python wheel and sdist (0.1.0-dev is 0.1.0+dev in Python's spelling), the
#                          wheel's times from SOURCE_DATE_EPOCH, the sdist rewritten likewise (tools/dist retar)
#                        go-sdk-tag.txt   the tag the Go SDK module (sdk/, module …/sdk) needs: sdk/v<version>
#                        schema.json      the schema with the version
#                        SHA256SUMS       sha256sum's format, every file above
#                      The SDKs are generated afresh at $(VERSION) from schema.json into .tools/dist-work
#                      (tools/sdkgen), so every package carries the version; the committed sdk/ is left
#                      alone. Then `tools/dist check` verifies one version across dist/.
#                      A release version (no "-") must equal BASE_VERSION, so that the commit the tags
#                      point at holds a Go SDK of that version (checked against the stamped one).
#   make install-test  (in `make test`) a host-only dist (the host's plugin tarball, the npm tarball,
#                      the wheel, the policy pack, …) in .tools/install-test/dist, checked, then installed
#                      and used in a scratch folder that sees nothing of the repository:
#                      tests/install/run.sh. Then goinstall-test.
#   make goinstall-test  `go install github.com/threatmanager/pulumi-threatmanager/provider/cmd/ruledelta@v$(VERSION)`
#                      offline, from a file GOPROXY in .tools/goinstall that holds the module as a release
#                      publishes it (tools/modproxy: golang.org/x/mod/zip of the files git would commit),
#                      with a fresh module cache; the installed ruledelta must turn every testdata/*.json
#                      of provider/cmd/ruledelta into its .md: tests/install/goinstall.sh (about 20 s).
#
# DIST_PLATFORMS narrows the cross builds, e.g. make dist DIST_PLATFORMS=linux-amd64.

DIST_DIR          ?= $(CURDIR)/dist
DIST_WORK         ?= $(CURDIR)/.tools/dist-work
DIST_PLATFORMS    ?= linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64 windows-arm64
HOST_PLATFORM     := $(shell go env GOOS)-$(shell go env GOARCH)
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct HEAD)
DIST_TOOL         := $(CURDIR)/.tools/dist-tool
PLUGIN_NAME       := pulumi-resource-threatmanager
INSTALL_TEST      := $(CURDIR)/.tools/install-test
comma             := ,
empty             :=
space             := $(empty) $(empty)

GOINSTALL_TEST    := $(CURDIR)/.tools/goinstall

.PHONY: dist install-test goinstall-test

$(DIST_TOOL): $(wildcard tools/dist/*.go)
	@mkdir -p $(dir $@)
	go build -o $@ ./tools/dist

dist: $(DIST_TOOL) $(SDKGEN) $(NODE_MODULES) $(VENV)/.created policy
	@case "$(VERSION)" in *-*) ;; *) [ "$(VERSION)" = "$(BASE_VERSION)" ] || { \
	  echo "release version $(VERSION) is not BASE_VERSION $(BASE_VERSION): set BASE_VERSION (mk/version.mk), make sdk, commit, then tag"; exit 1; };; esac
	@case "$(VERSION)" in [0-1].*) ;; *) echo "version $(VERSION): a v2+ Go module needs /v2 in sdk/go.mod's module path"; exit 1;; esac
	rm -rf $(DIST_DIR) $(DIST_WORK) && mkdir -p $(DIST_DIR) $(DIST_WORK)
	@echo "== plugin and ruledelta $(VERSION) for $(DIST_PLATFORMS)"
	@for p in $(DIST_PLATFORMS); do \
	  os=$${p%-*}; arch=$${p#*-}; exe=$(PLUGIN_NAME); [ $$os = windows ] && exe=$$exe.exe; \
	  echo "   $$p"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GOBUILD) -buildvcs=false -ldflags "$(LDFLAGS)" \
	    -o $(DIST_WORK)/plugin/$$p/$$exe ./provider/cmd/pulumi-resource-threatmanager || exit 1; \
	  $(DIST_TOOL) tar -out $(DIST_DIR)/$(PLUGIN_NAME)-v$(VERSION)-$$p.tar.gz -epoch $(SOURCE_DATE_EPOCH) \
	    $$exe=$(DIST_WORK)/plugin/$$p/$$exe || exit 1; \
	  rd=ruledelta; [ $$os = windows ] && rd=$$rd.exe; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GOBUILD) -buildvcs=false -ldflags "-s -w" \
	    -o $(DIST_WORK)/ruledelta/$$p/$$rd ./provider/cmd/ruledelta || exit 1; \
	  $(DIST_TOOL) tar -out $(DIST_DIR)/ruledelta-v$(VERSION)-$$p.tar.gz -epoch $(SOURCE_DATE_EPOCH) \
	    $$rd=$(DIST_WORK)/ruledelta/$$p/$$rd || exit 1; \
	done
	@echo "== policy pack $(VERSION)"
	$(DIST_TOOL) policypack -dir $(POLICY_DIR) -out $(DIST_DIR)/threatmanager-policies-v$(VERSION).tar.gz \
	  -epoch $(SOURCE_DATE_EPOCH) -version $(VERSION)
	$(DIST_TOOL) schema -in schema.json -out $(DIST_DIR)/schema.json -version $(VERSION)
	@echo "== SDKs at $(VERSION)"
	mkdir -p $(DIST_WORK)/sdk && cp sdk/go.sum $(DIST_WORK)/sdk/
	$(SDKGEN) -schema schema.json -version $(VERSION) -out $(DIST_WORK)/sdk
	@# Go: the module sdk/ is tagged sdk/v<version>; a release's committed Go SDK is the stamped one.
	echo "sdk/v$(VERSION)" > $(DIST_DIR)/go-sdk-tag.txt
	@case "$(VERSION)" in *-*) ;; *) diff -r sdk/go $(DIST_WORK)/sdk/go && diff sdk/go.mod $(DIST_WORK)/sdk/go.mod || { \
	  echo "the committed Go SDK is not at $(VERSION): make sdk and commit before tagging"; exit 1; };; esac
	@# npm: tsc into bin/ (with sdk/nodejs's node_modules), package.json, README and LICENSE beside it, npm pack.
	ln -s $(CURDIR)/sdk/nodejs/node_modules $(DIST_WORK)/sdk/nodejs/node_modules
	cd $(DIST_WORK)/sdk/nodejs && node_modules/.bin/tsc && cp package.json README.md $(CURDIR)/LICENSE bin/
	cd $(DIST_WORK)/sdk/nodejs/bin && npm pack --pack-destination $(DIST_DIR) $(NPM_FLAGS) --logs-dir $(DIST_WORK) --loglevel warn >/dev/null
	@# Python: setuptools' PEP 517 hooks in the venv, no build isolation (nothing to download).
	@# Each from its own copy: a build leaves folders that the other's package discovery would take up.
	cp LICENSE $(DIST_WORK)/sdk/python/ && cp -r $(DIST_WORK)/sdk/python $(DIST_WORK)/python-sdist
	cd $(DIST_WORK)/python-sdist && SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) PYTHONDONTWRITEBYTECODE=1 $(VENV_PYTHON) -W ignore -c \
	  'import sys, setuptools.build_meta as b; b.build_sdist(sys.argv[1])' $(DIST_DIR) >/dev/null 2>$(DIST_WORK)/python-sdist.log || { cat $(DIST_WORK)/python-sdist.log; exit 1; }
	cd $(DIST_WORK)/sdk/python && SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) PYTHONDONTWRITEBYTECODE=1 $(VENV_PYTHON) -W ignore -c \
	  'import sys, setuptools.build_meta as b; b.build_wheel(sys.argv[1])' $(DIST_DIR) >/dev/null 2>$(DIST_WORK)/python-wheel.log || { cat $(DIST_WORK)/python-wheel.log; exit 1; }
	@# setuptools writes the sdist with the time of the build: rewrite it reproducibly (the wheel follows SOURCE_DATE_EPOCH).
	$(DIST_TOOL) retar -epoch $(SOURCE_DATE_EPOCH) $(DIST_DIR)/pulumi_threatmanager-*.tar.gz
	$(DIST_TOOL) sums -dir $(DIST_DIR)
	$(DIST_TOOL) check -dir $(DIST_DIR) -version $(VERSION) -platforms $(subst $(space),$(comma),$(strip $(DIST_PLATFORMS))) \
	  -requirements $(POLICY_DIR)/requirements.json
	@ls -l $(DIST_DIR)

# The host's artifacts only (no cross builds), then the install test from them.
install-test: tools standins
	$(MAKE) --no-print-directory dist DIST_DIR=$(INSTALL_TEST)/dist DIST_WORK=$(INSTALL_TEST)/work DIST_PLATFORMS=$(HOST_PLATFORM)
	bash tests/install/run.sh $(INSTALL_TEST)/dist $(VERSION) $(HOST_PLATFORM)
	$(MAKE) --no-print-directory goinstall-test

goinstall-test:
	bash tests/install/goinstall.sh $(VERSION) $(GOINSTALL_TEST)
