# aimsbook — two commands do everything on a fresh Debian machine with the Swift toolchain:
#   make handbook   install missing system packages, build, render content/ into output/
#   make test       install missing system packages, run the unit and end-to-end tests

SWIFT ?= swift
SYSTEM_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config zlib1g-dev strace
RELEASE_BINARY := .build/release/aimsbook
DEBUG_BINARY := .build/debug/aimsbook

.PHONY: handbook test deps build release lint format check site-check bench bench-reload fuzz clean dist dist-check install uninstall integrations-check

# Installs what is missing with apt-get (as root, or through sudo when available).
deps:
	@missing=""; \
	for package in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

# The Swift runtime and Foundation linked in, as `make dist` ships them: the binary `make
# handbook` and `make bench` run is the kind users install, and a build with it runs about 8 %
# less CPU than with the shared libraries (docs/performance.md, 8 December).
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product aimsbook

handbook: release
	$(RELEASE_BINARY) build .

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) test --package-path Vendor/swift-mustache --scratch-path .build/vendor-mustache
	bash Tests/cli.sh $(DEBUG_BINARY)
	bash Tests/fault-checks.sh $(DEBUG_BINARY)

# The built sample site through the Nu HTML checker, linkchecker and headless Chromium.
site-check: build
	bash Tests/site-checks.sh $(DEBUG_BINARY)

check: build
	$(DEBUG_BINARY) check .

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Plugins Fuzz

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Plugins Fuzz

# Times aimsbook against Hugo and the cmark-gfm command (Benchmarks/bench.sh); SIZES="500 2000 10000".
bench: release
	@for tool in hyperfine hugo cmark-gfm; do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing time; fi
	bash Benchmarks/bench.sh $(SIZES)

# Save -> changed heading visible in headless Chromium while serve runs (Benchmarks/reload.sh):
# the median over RELOAD_EDITS title edits of one page in a RELOAD_DOCUMENTS-document handbook.
RELOAD_DOCUMENTS ?= 2000
RELOAD_EDITS ?= 15
bench-reload: release
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@python3 -c 'import websocket' 2>/dev/null || python3 -m pip install --quiet websocket-client
	bash Benchmarks/reload.sh $(RELOAD_DOCUMENTS) $(RELOAD_EDITS)

# libFuzzer over the front-matter splitter, the YAML-to-model step and the link resolver
# (Fuzz/run.sh, Linux): FUZZ_SECONDS per target; crashes land in .build/fuzz/crashes/.
FUZZ_SECONDS ?= 60
fuzz: deps
	bash Fuzz/run.sh $(FUZZ_SECONDS)

# A self-contained Linux binary (Swift runtime, Foundation and cmark-gfm linked in) packed as
# dist/aimsbook-VERSION-linux-x86_64.tar.gz with its .sha256 (Dist/build.sh; own scratch path).
dist: deps
	bash Dist/build.sh

# make dist, then the tarball checked as a user without Swift would use it (Tests/dist-check.sh).
# strace shows which files the binary opens (none in the toolchain or this tree may be among them).
dist-check: deps
	@command -v strace >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq strace; }
	bash Tests/dist-check.sh

# The dist binary, its man page and bash, zsh and fish completions under $(DESTDIR)$(PREFIX).
PREFIX ?= /usr/local
install: dist
	sh .build/dist-stage/current/install.sh "$(DESTDIR)$(PREFIX)"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/aimsbook" "$(DESTDIR)$(PREFIX)/share/man/man1/aimsbook.1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/aimsbook" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_aimsbook" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/aimsbook.fish"
	rm -rf "$(DESTDIR)$(PREFIX)/share/doc/aimsbook"

# The CI and pre-commit files users copy (Integrations/, .pre-commit-hooks.yaml, Dockerfile):
# schema-checked, linted, and the pre-commit hook run in a scratch repository.
integrations-check: build
	bash Tests/integrations-check.sh $(DEBUG_BINARY)

clean:
	rm -rf .build output dist
