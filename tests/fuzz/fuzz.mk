# libFuzzer targets for the bounded readers (included by the top Makefile).
#
#   make fuzz                 build, then run each target FUZZ_SECONDS (60)
#   make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=elf
#   make fuzz-build           targets and seed corpora only
#
# The targets are the readers' own sources built with clang
# -fsanitize=fuzzer,address,undefined (Debian: libclang-rt-14-dev). Seeds
# are generated into $(BUILD)/fuzz/seeds from tests/fuzz/seed_prog.c and the
# kernel's BTF; the growing corpus stays in $(BUILD)/fuzz/corpus, crash
# inputs in $(BUILD)/fuzz/artifacts. tests/suites/fuzz_smoke.sh runs each
# target for a bounded time inside `make check`.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= elf btf
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_CFLAGS  := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=all -fno-omit-frame-pointer \
                -Wall -Wextra -Werror -Isrc

.PHONY: fuzz fuzz-build

$(FUZZ_DIR)/fuzz_elf: tests/fuzz/fuzz_elf.c src/elf.c src/elf.h src/btf.c src/btf.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) tests/fuzz/fuzz_elf.c src/elf.c src/btf.c -o $@

$(FUZZ_DIR)/fuzz_btf: tests/fuzz/fuzz_btf.c src/btf.c src/btf.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) tests/fuzz/fuzz_btf.c src/btf.c -o $@

$(FUZZ_DIR)/seeds/.stamp: tests/fuzz/mkseeds.sh tests/fuzz/seed_prog.c
	FUZZ_CC=$(FUZZ_CC) tests/fuzz/mkseeds.sh $(FUZZ_DIR)/seeds
	@touch $@

fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%) $(FUZZ_DIR)/seeds/.stamp

fuzz: fuzz-build
	@fail=0; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/artifacts; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t- \
	    $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/seeds/$$t \
	    >$(FUZZ_DIR)/fuzz_$$t.log 2>&1 || fail=1; \
	  grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|Test unit written' \
	    $(FUZZ_DIR)/fuzz_$$t.log || true; \
	done; \
	[ $$fail = 0 ] || { echo "fuzz: a target failed (logs in $(FUZZ_DIR))"; exit 1; }
