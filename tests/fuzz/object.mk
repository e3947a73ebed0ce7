# libFuzzer target over bpf_object__open_mem + load on the fake seam
# (tests/fuzz/object_fuzz.c), built with clang -fsanitize=fuzzer,address
# from the library sources (src/sys.c replaced by tests/unit/fake_sys.c).
#   make fuzz-object [FUZZ_SECONDS=600]   run it for a while
# tests/suites/object_fuzz.sh runs it for a few seconds inside make check.
# The corpus starts from the objects tests/bpf/ builds.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 600
OBJ_FUZZ     := $(BUILD)/tests/fuzz/object_fuzz
OBJ_FUZZ_SRC := $(filter-out src/sys.c,$(LIB_SRC)) tests/unit/fake_sys.c \
                tests/fuzz/object_fuzz.c
OBJ_FUZZ_CORPUS := $(BUILD)/tests/fuzz/object_corpus

$(OBJ_FUZZ): $(OBJ_FUZZ_SRC) $(wildcard src/*.h include/*.h include/bpf/*.h) $(UAPI)/.stamp
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -D_GNU_SOURCE \
		-Iinclude -Isrc -Isrc/arch/$(ARCH) -Itests/unit -isystem $(UAPI) \
		$(OBJ_FUZZ_SRC) -o $@

$(OBJ_FUZZ_CORPUS)/.stamp: $(BPF_OBJS)
	@mkdir -p $(dir $@)
	cp $(BPF_OBJS) $(dir $@)
	@touch $@

.PHONY: fuzz-object
fuzz-object: $(OBJ_FUZZ) $(OBJ_FUZZ_CORPUS)/.stamp
	$(OBJ_FUZZ) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		$(OBJ_FUZZ_CORPUS)

# Built with the tests when clang's libFuzzer runtime is there.
ifneq ($(shell echo 'int LLVMFuzzerTestOneInput(const char*d,long n){return 0;}' | \
	$(FUZZ_CC) -x c -fsanitize=fuzzer - -o /dev/null 2>/dev/null && echo y),)
tests: $(OBJ_FUZZ) $(OBJ_FUZZ_CORPUS)/.stamp
endif
