# rollcheck: one Makefile for the library, the CLI and the tests.
#
#   make            build build/rollcheck and build/librollcheck.a
#   make demo       build and run rollcheck on the bundled samples
#   make check      build and run every test (unit, golden, fuzz-corpus replay)
#   make asan       the whole test suite under address + undefined-behaviour sanitizers
#   make memcheck   the whole test suite under valgrind (leaks are errors)
#   make install    install under PREFIX (default /usr/local), staged under DESTDIR when set;
#                   make uninstall removes it again
#   make check-ci   run docs/ci.md's GitHub Actions workflow on a sample filing repository
#   make check-browser  render the HTML report in headless Chromium and check the screenshot
#   make deps       install missing Debian packages (run by every other target)

CC      ?= cc
BUILD   ?= build
WERROR  ?=
CSTD     = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     = -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion $(WERROR)
OPT     ?= -O2 -g
BUILD_PKGS     = libcjson gmp libxml-2.0 libzip
DEB_BUILD_PKGS = libcjson-dev libgmp-dev libxml2-dev libzip-dev pkg-config
DEB_TEST_PKGS  = check python3-jsonschema libxml2-utils
DEB_PKGS       = $(DEB_BUILD_PKGS) $(DEB_TEST_PKGS)

# Evaluated lazily, in recipes, so that `deps` has run before pkg-config is asked.
PKG_CFLAGS = $(shell pkg-config --cflags $(BUILD_PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(BUILD_PKGS))
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS   = $(shell pkg-config --libs check)

CPPFLAGS_ALL = -Iinclude -Isrc $(PKG_CFLAGS) -MMD -MP
CFLAGS_ALL   = $(CSTD) $(WARN) $(OPT) $(EXTRA_CFLAGS)

LIB_SRC  = $(sort $(wildcard src/common/*.c src/model/*.c src/read/*.c src/rules/*.c src/report/*.c))
CLI_SRC  = $(wildcard src/cli/*.c)
UNIT_SRC = $(wildcard test/unit/check_*.c)
FUZZ_SRC = $(wildcard test/fuzz/fuzz_*.c)

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN = $(UNIT_SRC:test/unit/%.c=$(BUILD)/test/%)
FUZZ_BIN = $(FUZZ_SRC:test/fuzz/%.c=$(BUILD)/test/replay_%)

LIB = $(BUILD)/librollcheck.a
BIN = $(BUILD)/rollcheck
MAN = $(BUILD)/rollcheck.1

# Where `make install` puts things.  The program finds its default rules in
# <its dir>/../share/rollcheck/rules, so bin/ and share/ stay side by side under PREFIX.
PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR      = $(PREFIX)/bin
RULESDIR    = $(PREFIX)/share/rollcheck/rules
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
INSTALL    ?= install
VERSION     = $(shell sed -n 's/^.define RC_VERSION "\(.*\)"/\1/p' include/rollcheck/common.h)

.PHONY: all deps demo check unit golden fuzz-replay fuzz asan memcheck clean format install
.PHONY: uninstall man check-install check-ci

all: $(BIN)

# Install what is missing from Debian's packages (needs root, or sudo).
# Install what is missing from Debian's packages (needs root, or sudo): what building
# needs for every target, what the tests need (Check, jsonschema, xmllint) for the tests.
deps: $(BUILD)/.deps-ok $(BUILD)/.deps-test-ok
define install_missing
	@if [ -n "$$missing" ]; then \
	  echo "rollcheck: missing:$$missing; installing $(1)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $(1) \
	    || { echo "rollcheck: could not install $(1)" >&2; exit 1; }; \
	fi
endef
$(BUILD)/.deps-ok:
	@missing=""; \
	for p in $(BUILD_PKGS); do pkg-config --exists $$p 2>/dev/null || missing="$$missing $$p"; done; \
	command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"; \
	export missing; $(MAKE) --no-print-directory -s _install-missing PKGLIST="$(DEB_BUILD_PKGS)"
	@mkdir -p $(BUILD) && touch $@
$(BUILD)/.deps-test-ok: | $(BUILD)/.deps-ok
	@missing=""; \
	pkg-config --exists check 2>/dev/null || missing="$$missing check"; \
	command -v xmllint >/dev/null 2>&1 || missing="$$missing xmllint"; \
	{ python3 -c 'import jsonschema' || /usr/bin/python3 -c 'import jsonschema'; } >/dev/null 2>&1 \
	  || missing="$$missing python3-jsonschema"; \
	export missing; $(MAKE) --no-print-directory -s _install-missing PKGLIST="$(DEB_TEST_PKGS)"
	@touch $@
.PHONY: _install-missing
_install-missing:
	$(call install_missing,$(PKGLIST))

$(BUILD)/%.o: %.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(CFLAGS_ALL) $(CLI_OBJ) $(LIB) $(PKG_LIBS) $(LDFLAGS) -o $@

$(BUILD)/test/check_%: $(BUILD)/test/unit/check_%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $< $(LIB) $(PKG_LIBS) $(CHECK_LIBS) $(LDFLAGS) -o $@

$(BUILD)/test/unit/%.o: test/unit/%.c | $(BUILD)/.deps-test-ok
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CHECK_CFLAGS) -DRC_SOURCE_DIR='"$(CURDIR)"' $(CFLAGS_ALL) -c $< -o $@

# Fuzz targets, linked with a standalone driver that replays their checked-in corpus.
$(BUILD)/test/replay_fuzz_%: test/fuzz/fuzz_%.c test/fuzz/replay.c $(LIB) | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) test/fuzz/fuzz_$*.c test/fuzz/replay.c $(LIB) $(PKG_LIBS) $(LDFLAGS) -o $@

demo: $(BIN)
	@for f in samples/*.json test/data/captures/000_a8457b317564bba9.txt test/data/aapl-20250329; do \
	  echo "== $(BIN) check $$f"; ./$(BIN) check $$f; echo "(exit status $$?)"; echo; \
	done

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
	  ROLLCHECK_RULES=$(CURDIR)/rules CK_FORK=$${CK_FORK:-yes} ./$$t || fail=1; \
	done; exit $$fail

golden: $(BIN)
	@sh test/run-golden.sh $(BIN)

# SARIF validated against the official schema, JUnit XML checked with xmllint and against
# the JSON summary, on the seeds, the samples and the XBRL test data (test/check-formats.sh).
.PHONY: check-formats
check-formats: $(BIN) | $(BUILD)/.deps-test-ok
	@sh test/check-formats.sh $(BIN)

# The HTML report rendered by headless Chromium (Debian's chromium, installed with apt-get
# when missing; skipped with a message when it cannot be): assertions on the screenshot and
# the rendered DOM (test/browser/run.sh).  The pages and PNGs stay in $(BUILD)/browser.
.PHONY: check-browser
check-browser: $(BIN)
	@sh test/browser/run.sh $(BIN) $(BUILD)/browser

fuzz-replay: $(FUZZ_BIN)
	@fail=0; for t in $(FUZZ_BIN); do \
	  name=$${t##*/replay_fuzz_}; ROLLCHECK_RULES=$(CURDIR)/rules ./$$t test/fuzz/corpus/$$name || fail=1; \
	done; exit $$fail

# The share-based facts of every XBRL instance and inline document of the shared corpus, read
# by rollcheck and by Arelle (corpus/xbrl-json/arelle/), compared fact by fact (docs/testing.md).
SHARED ?= ../shared
.PHONY: check-corpus
check-corpus: $(BUILD)/test/compare_arelle
	@if [ -d "$(SHARED)/corpus" ]; then \
	  $(BUILD)/test/compare_arelle $(SHARED)/corpus $(CURDIR)/rules; \
	else echo "skipped: $(SHARED) not found"; fi

$(BUILD)/test/compare_arelle: test/corpus/compare_arelle.c test/corpus/share_based.h $(LIB) | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) -Iinclude -Isrc $(PKG_CFLAGS) -DRC_SOURCE_DIR='"$(CURDIR)"' $(CFLAGS_ALL) $< $(LIB) $(PKG_LIBS) $(LDFLAGS) -o $@

check: all unit golden check-formats fuzz-replay check-install
	@echo "make check: all tests passed"

# The man page, with the RULES section written from `rollcheck rules` (man/gen-man.sh).
man: $(MAN)
$(MAN): man/rollcheck.1.in man/gen-man.sh $(BIN) $(wildcard rules/*.json)
	sh man/gen-man.sh man/rollcheck.1.in $(BIN) rules > $@.tmp && mv $@.tmp $@

# The rules directory is rollcheck's own: its *.json files are replaced, so that a rule file
# dropped from rules/ does not linger from an older install.  The pkg-config file names its
# directories relative to ${prefix} where they lie under PREFIX, so that
# --define-variable=prefix=... moves them all.
install: $(BIN) $(LIB) $(MAN)
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(RULESDIR)" "$(DESTDIR)$(LIBDIR)/pkgconfig" \
	  "$(DESTDIR)$(INCLUDEDIR)/rollcheck" "$(DESTDIR)$(MANDIR)/man1"
	$(INSTALL) -m 755 $(BIN) "$(DESTDIR)$(BINDIR)/rollcheck"
	$(INSTALL) -m 644 $(LIB) "$(DESTDIR)$(LIBDIR)/librollcheck.a"
	$(INSTALL) -m 644 include/rollcheck.h "$(DESTDIR)$(INCLUDEDIR)/rollcheck.h"
	$(INSTALL) -m 644 include/rollcheck/*.h "$(DESTDIR)$(INCLUDEDIR)/rollcheck/"
	rm -f "$(DESTDIR)$(RULESDIR)"/*.json
	$(INSTALL) -m 644 rules/*.json "$(DESTDIR)$(RULESDIR)/"
	$(INSTALL) -m 644 $(MAN) "$(DESTDIR)$(MANDIR)/man1/rollcheck.1"
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|' \
	  -e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|' \
	  -e 's|@VERSION@|$(VERSION)|' rollcheck.pc.in > "$(DESTDIR)$(LIBDIR)/pkgconfig/rollcheck.pc"
	chmod 644 "$(DESTDIR)$(LIBDIR)/pkgconfig/rollcheck.pc"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/rollcheck" "$(DESTDIR)$(LIBDIR)/librollcheck.a" \
	  "$(DESTDIR)$(LIBDIR)/pkgconfig/rollcheck.pc" "$(DESTDIR)$(INCLUDEDIR)/rollcheck.h" \
	  "$(DESTDIR)$(MANDIR)/man1/rollcheck.1"
	rm -rf "$(DESTDIR)$(INCLUDEDIR)/rollcheck" "$(DESTDIR)$(PREFIX)/share/rollcheck"

# The man page against --help, the rules and read.h; then an install into a temporary
# DESTDIR, used as a user would (test/install/).  A few seconds, no root: part of `check`.
check-install: $(BIN) $(LIB) $(MAN)
	@sh test/install/check-man.sh $(BIN) $(MAN)
	@MAKE="$(MAKE)" BUILD="$(BUILD)" CC="$(CC)" TEST_CFLAGS="$(EXTRA_CFLAGS)" \
	  TEST_LDFLAGS="$(LDFLAGS)" sh test/install/run.sh

# docs/ci.md's workflow, its run: steps verbatim, on a sample filing repository: a fresh
# build from a copy of this tree, so slower than `check` (run by .ci/run).
# It reads the workflow with python3's yaml module, installed here when missing.
check-ci: | $(BUILD)/.deps-ok
	@python3 -c 'import yaml' >/dev/null 2>&1 || { \
	  echo "rollcheck: missing: python3-yaml; installing it"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q python3-yaml \
	    || { echo "rollcheck: could not install python3-yaml" >&2; exit 1; }; }
	@sh test/ci/run-workflow.sh

# The whole suite again with sanitizers, in a build directory of its own.
asan:
	$(MAKE) BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" CK_FORK=no check

memcheck: $(UNIT_BIN) $(BIN) $(FUZZ_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
	  CK_FORK=no valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --error-exitcode=99 ./$$t || fail=1; \
	done; \
	ROLLCHECK_WRAP="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99" \
	  sh test/run-golden.sh $(BIN) || fail=1; exit $$fail

# libFuzzer campaigns (clang): FUZZ_SECONDS per target; new inputs go to build/fuzz/<target>,
# crashes to build/fuzz/crash-*.  Not part of `make check`: its corpus is replayed there instead.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
fuzz: | $(BUILD)/.deps-ok
	@mkdir -p $(BUILD)/fuzz
	@for src in $(FUZZ_SRC); do \
	  name=$$(basename $$src .c); name=$${name#fuzz_}; \
	  $(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined $(CSTD) -Iinclude -Isrc \
	    $$(pkg-config --cflags $(BUILD_PKGS)) $$src $(LIB_SRC) \
	    $$(pkg-config --libs $(BUILD_PKGS)) -o $(BUILD)/fuzz/$$name || exit 1; \
	  mkdir -p $(BUILD)/fuzz/$$name.corpus; \
	  echo "== fuzz $$name for $(FUZZ_SECONDS)s"; \
	  ROLLCHECK_RULES=$(CURDIR)/rules $(BUILD)/fuzz/$$name -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$(BUILD)/fuzz/crash-$$name- $(BUILD)/fuzz/$$name.corpus test/fuzz/corpus/$$name \
	    || exit 1; \
	done

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(UNIT_SRC) include/rollcheck.h include/rollcheck/*.h src/*/*.h

clean:
	rm -rf $(BUILD)

.SECONDARY:

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_SRC:test/unit/%.c=$(BUILD)/test/unit/%.d)
