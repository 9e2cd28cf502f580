# SPDX-License-Identifier: GPL-2.0-or-later
# vtdcert build. `make` builds build/vtdcert; see README.md for the rest.

CC       ?= gcc
PYTHON   ?= /usr/bin/python3
# libxml2 is dlopen()ed by the JUnit writer: its headers only at build time.
PKG_CFLAGS := $(shell pkg-config --cflags libpci libxml-2.0 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs libpci 2>/dev/null) -ldl

# No -march=native: the binary also runs in the QEMU guest.
WARN     := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
            -Wformat=2 -Wno-format-nonliteral
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
LDLIBS   := $(PKG_LIBS)

# The BAR hazard database, compiled in so an installed vtdcert carries it.
GEN_HAZARDS := build/gen/bar_hazards_db.c
SRC_LIB  := $(wildcard util/*.c ref/*.c platform/*.c passthrough/*.c framework/*.c results/*.c suites/*.c suites/*/*.c) \
            $(filter-out cli/main.c,$(wildcard cli/*.c)) $(GEN_HAZARDS)
SRC_MAIN := cli/main.c
SRC_UNIT := $(wildcard tests/unit/*.c)

# One object tree per flavour: plain, sanitizers, coverage.
define objs
$(patsubst %.c,$(1)/obj/%.o,$(2))
endef

B        := build
ASAN_B   := build/asan
COV_B    := build/cov
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
COV_FLAGS := --coverage -O0

.PHONY: all deps asan asan-check check unit pytest coverage bench bench-dump bench-qemu demo guest clean docs-checks docs-groups docs-bar fuzz

all: $(B)/vtdcert

# fixtures/bar-hazards.txt as a C string, line by line: backslashes and
# quotes escaped, each line ending in \n.
$(GEN_HAZARDS): fixtures/bar-hazards.txt
	@mkdir -p $(dir $@)
	{ printf '/* Generated from fixtures/bar-hazards.txt by the Makefile. */\n'; \
	  printf 'const char bar_hazards_builtin[] =\n'; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$$/\\n"/' $<; \
	  printf '\t"";\nconst unsigned long bar_hazards_builtin_len = sizeof(bar_hazards_builtin) - 1;\n'; \
	} > $@.tmp && mv $@.tmp $@

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(ASAN_B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -O1 -c $< -o $@

$(COV_B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(COV_FLAGS) -c $< -o $@

$(B)/vtdcert: $(call objs,$(B),$(SRC_LIB) $(SRC_MAIN))
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/unit-tests: $(call objs,$(B),$(SRC_LIB) $(SRC_UNIT))
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) -lcunit

$(ASAN_B)/vtdcert: $(call objs,$(ASAN_B),$(SRC_LIB) $(SRC_MAIN))
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LDLIBS)

$(ASAN_B)/unit-tests: $(call objs,$(ASAN_B),$(SRC_LIB) $(SRC_UNIT))
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LDLIBS) -lcunit

$(COV_B)/vtdcert: $(call objs,$(COV_B),$(SRC_LIB) $(SRC_MAIN))
	$(CC) --coverage -o $@ $^ $(LDLIBS)

$(COV_B)/unit-tests: $(call objs,$(COV_B),$(SRC_LIB) $(SRC_UNIT))
	$(CC) --coverage -o $@ $^ $(LDLIBS) -lcunit

asan: $(ASAN_B)/vtdcert $(ASAN_B)/unit-tests

# Installs the Debian packages when missing (as root); quick when present.
deps:
	@sh ci/install-deps

# Every test: CUnit first, then pytest (which also boots the QEMU guests).
check: deps
	$(MAKE) unit pytest

unit: $(B)/unit-tests $(B)/vtdcert
	$(B)/unit-tests

pytest: $(B)/vtdcert
	$(PYTHON) -m pytest -q tests/py

asan-check: asan
	$(ASAN_B)/unit-tests
	VTDCERT_BIN=$(ASAN_B)/vtdcert $(PYTHON) -m pytest -q -m "not qemu" tests/py

coverage: $(COV_B)/vtdcert $(COV_B)/unit-tests
	lcov -q --zerocounters --directory $(COV_B)
	$(COV_B)/unit-tests
	VTDCERT_BIN=$(COV_B)/vtdcert $(PYTHON) -m pytest -q -m "not qemu" tests/py
	lcov -q --capture --directory $(COV_B) --output-file $(COV_B)/coverage.info
	genhtml -q $(COV_B)/coverage.info --output-directory $(B)/coverage
	@echo "coverage report: $(B)/coverage/index.html"

# Coverage-guided fuzzing (clang, libFuzzer, ASan+UBSan), FUZZ_SECONDS each:
# decode + every DMAR check, seeded with the real corpus; the snapshot
# reader on junk trees; the PCI model and grouping on junk config space.
# New inputs go to build/fuzz/<target>/.
FUZZ_SECONDS ?= 60
FUZZ_LIB := $(filter-out cli/%,$(SRC_LIB))
FUZZ_CC = clang -std=gnu11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined $(PKG_CFLAGS)

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB)
	@mkdir -p $(dir $@) $(B)/fuzz/$*
	$(FUZZ_CC) $^ -o $@ $(LDLIBS)

fuzz: $(B)/fuzz/fuzz_dmar $(B)/fuzz/fuzz_snapshot $(B)/fuzz/fuzz_pci_model
	$(B)/fuzz/fuzz_dmar -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		-print_final_stats=1 $(B)/fuzz/dmar fixtures/corpus/dmar
	$(B)/fuzz/fuzz_snapshot -max_total_time=$(FUZZ_SECONDS) -max_len=2048 \
		-print_final_stats=1 $(B)/fuzz/snapshot
	$(B)/fuzz/fuzz_pci_model -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-print_final_stats=1 $(B)/fuzz/pci_model

$(B)/bench-groups: $(call objs,$(B),$(filter ref/%,$(SRC_LIB)) bench/groups.c)
	$(CC) $(CFLAGS) -o $@ $^

$(B)/bench-translate: $(call objs,$(B),$(filter ref/%,$(SRC_LIB)) bench/translate.c)
	$(CC) $(CFLAGS) -o $@ $^

bench: $(B)/vtdcert $(B)/bench-groups $(B)/bench-translate
	$(PYTHON) bench/dmar_corpus.py
	$(B)/bench-groups
	$(B)/bench-translate
	$(MAKE) bench-dump
	$(MAKE) bench-qemu

# Boot-to-verdict in QEMU, installed QEMU against Debian 12's 7.2 (fetched
# into build/qemu-7.2/): some minutes.
# The end-to-end path: a generated lspci -xxxx dump -> groups JSON, beside lspci -vvv.
bench-dump: $(B)/vtdcert
	$(PYTHON) bench/dump_groups.py

bench-qemu: $(B)/vtdcert
	$(PYTHON) bench/qemu_boot.py

# The QEMU guest: KERNEL=6.1 (Debian 12's, the default) or 6.12 (backports').
KERNEL ?= 6.1
TOPOLOGY ?= guide

guest: $(B)/vtdcert
	$(PYTHON) harness/build-guest --kernel $(KERNEL)

demo: deps
	$(MAKE) all
	sh harness/demo $(TOPOLOGY) $(KERNEL)

docs-checks: $(B)/vtdcert
	$(B)/vtdcert checks --markdown > docs/checks.md

# The picture in docs/groups.md: the groups of the kept `groups` QEMU guest.
docs-groups: $(B)/vtdcert
	$(B)/vtdcert groups --root fixtures/snapshots/groups/snapshot --dot docs/groups-qemu.dot > /dev/null
	dot -Tsvg docs/groups-qemu.dot -o docs/groups-qemu.svg

# The picture in docs/bar.md: guest and host BARs, from its hand-written source.
docs-bar:
	dot -Tsvg docs/bar-virt.dot -o docs/bar-virt.svg

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
