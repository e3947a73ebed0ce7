# bpflink build. `make` leaves build/libbpflink.a (the library, with the
# runtime's exit/string/output helpers), plus what programs with no libc
# add: build/bl_crt0.o (the entry point) and build/libbpflink_nolibc.a
# (memcpy/memset/memmove/memcmp). See README.md for every target.

ARCH      ?= $(shell uname -m)
BUILD     ?= build
MAX_LINKS ?= 64
PREFIX    ?= /usr/local

ifeq ($(ARCH),aarch64)
  ifneq ($(shell uname -m),aarch64)
    CROSS ?= aarch64-linux-gnu-
    CC := $(CROSS)gcc
    UAPI_ROOT ?= /usr/aarch64-linux-gnu/include
    UAPI_ASM  ?= /usr/aarch64-linux-gnu/include/asm
  endif
endif
CROSS     ?=
AR        := $(CROSS)ar
UAPI_ROOT ?= /usr/include
UAPI_ASM  ?= /usr/include/$(ARCH)-linux-gnu/asm

# Freestanding compile: the compiler's own headers and the kernel UAPI
# headers only; with -nostdinc a libc header cannot be found at all.
IS_CLANG  := $(shell $(CC) --version 2>/dev/null | grep -q clang && echo 1)
ifeq ($(IS_CLANG),1)
  CC_INC := $(shell $(CC) -print-resource-dir)/include
  NO_MEM_IDIOMS := -fno-builtin
else
  CC_INC := $(shell $(CC) -print-file-name=include)
  NO_MEM_IDIOMS := -fno-builtin -fno-tree-loop-distribute-patterns
endif
UAPI      := $(BUILD)/uapi

WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wundef -Wvla -Wpointer-arith -Wcast-qual
OPT       ?= -O2
FREE_CFLAGS := -std=c11 -ffreestanding -nostdinc -isystem $(CC_INC) \
             -isystem $(UAPI) -Iinclude -Isrc -Isrc/arch/$(ARCH) \
             -fno-stack-protector -fno-asynchronous-unwind-tables \
             -fno-unwind-tables -fPIC -fvisibility=hidden \
             -ffunction-sections -fdata-sections \
             -DBPFLINK_MAX_LINKS=$(MAX_LINKS) $(OPT) -g $(WARN)
CFLAGS    ?=
# gcc's default outline atomics on aarch64 call into libgcc, whose LSE probe
# needs glibc's __getauxval: inline LL/SC atomics work everywhere.
ifeq ($(ARCH),aarch64)
  FREE_CFLAGS += -mno-outline-atomics
endif

LIB_SRC   := $(sort $(wildcard src/*.c))
LIB_OBJ   := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) \
             $(BUILD)/obj/rt/rt.o $(BUILD)/obj/rt/out.o
CRT0      := $(BUILD)/bl_crt0.o
LD        := $(CROSS)ld
OBJCOPY   := $(CROSS)objcopy
OBJDUMP   := $(CROSS)objdump

LIBS := $(BUILD)/libbpflink.a $(BUILD)/libbpflink_nolibc.a $(CRT0)

.PHONY: all deps check test tests lint prove demo clean install cross-aarch64
all: $(LIBS)

$(UAPI)/.stamp:
	@mkdir -p $(UAPI)
	ln -sfn $(UAPI_ROOT)/linux $(UAPI)/linux
	ln -sfn $(UAPI_ROOT)/asm-generic $(UAPI)/asm-generic
	ln -sfn $(UAPI_ASM) $(UAPI)/asm
	@touch $@

$(BUILD)/obj/%.o: src/%.c $(UAPI)/.stamp $(wildcard src/*.h include/*.h include/bpf/*.h src/arch/$(ARCH)/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(FREE_CFLAGS) $(FILE_CFLAGS) $(CFLAGS) -c $< -o $@
	$(HOT_RENAME)

# src/object_mem.c lays out the loader's storage so that a small load writes
# few pages (see its comment): its definitions stay in source order
# (-fno-toplevel-reorder; clang keeps initialised definitions in order) and
# in one .bss section (-fno-data-sections: no section of it is moved or
# dropped alone). tests/suites/mem_layout.sh checks the result.
$(BUILD)/obj/object_mem.o: FILE_CFLAGS := -fno-data-sections \
	$(if $(IS_CLANG),,-fno-toplevel-reorder)

# The code of an object load (open, load, close: the loader and the ELF,
# BTF, bpf() and system-call layers it runs on) is marked hot: each of its
# function sections .text.F is renamed .text.hot.F, which the default linker
# scripts of GNU ld place together at the start of .text, next to the
# program's main and start-up code. A cold load then runs from a few
# contiguous pages that one fault-around window mostly covers, instead of
# from pages spread over the whole library (one page fault and fewer
# instruction-cache and TLB misses; tests/bench/README.md). Sections stay one
# per function, so --gc-sections still drops what a program does not use.
HOT_OBJ := $(filter $(BUILD)/obj/object%.o,$(LIB_OBJ)) \
           $(addprefix $(BUILD)/obj/,elf.o btf.o bpf.o sys.o tracefs.o)
$(HOT_OBJ): HOT_RENAME = ren=$$($(OBJDUMP) -h $@ | awk '$$2 ~ /^\.text\./ && \
	$$2 !~ /^\.text\.hot\./ { n = $$2; sub(/^\.text\./, "", n); \
	printf "--rename-section %s=.text.hot.%s ", $$2, n }') && \
	{ [ -z "$$ren" ] || $(OBJCOPY) $$ren $@; }

$(BUILD)/obj/rt/mem.o: src/rt/mem.c $(UAPI)/.stamp
	@mkdir -p $(dir $@)
	$(CC) $(FREE_CFLAGS) $(NO_MEM_IDIOMS) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/arch_start.o: src/arch/$(ARCH)/start.c $(UAPI)/.stamp
	@mkdir -p $(dir $@)
	$(CC) $(FREE_CFLAGS) $(CFLAGS) -c $< -o $@

# The entry point: _start (arch) and its C half, as one object.
$(CRT0): $(BUILD)/obj/arch_start.o $(BUILD)/obj/rt/start.o
	$(LD) -r -o $@ $^

# The archive holds one relocatable object made of every library object, so
# that the only symbols it needs from outside are the four mem* functions
# (nm -u); -ffunction-sections and --gc-sections still drop what a program
# does not use.
$(BUILD)/libbpflink.a: $(LIB_OBJ)
	@rm -f $@
	$(LD) -r -o $(BUILD)/obj/bpflink.o $^
	$(AR) rcs $@ $(BUILD)/obj/bpflink.o

$(BUILD)/libbpflink_nolibc.a: $(BUILD)/obj/rt/mem.o
	@rm -f $@
	$(AR) rcs $@ $^

# Link line for a program with no libc at all.
NOLIBC_LINK = -nostdlib -static -Wl,--gc-sections $(CRT0) $(1) \
              $(BUILD)/libbpflink.a $(BUILD)/libbpflink_nolibc.a -lgcc

include tests/tests.mk
# Fragments owned by their areas (proofs, fuzzing, benchmarks).
-include $(wildcard src/cmd/*.mk proofs/*.mk tests/fuzz/*.mk tests/bench/*.mk tests/bpf/*.mk)

deps:
	@tests/deps.sh

cross-aarch64:
	$(MAKE) ARCH=aarch64 BUILD=build/aarch64 all build/aarch64/tests/arch_roundtrip

check: deps
	@$(MAKE) --no-print-directory all tests
	@tests/run.sh $(BUILD)

test: all tests
	@tests/run.sh $(BUILD)

lint: all
	@tests/lint/lint.sh

# Every proofs/prove_*.sh proves one area and fails unless all its goals
# are proved and no goal count dropped against its committed ledger.
prove:
	@set -e; n=0; for s in proofs/prove_*.sh; do [ -x "$$s" ] || continue; \
	  echo "== $$s"; "$$s"; n=$$((n + 1)); done; \
	  [ $$n -gt 0 ] || { echo "no proofs/prove_*.sh found"; exit 1; }

clean:
	rm -rf build

# For checks that compile with the library's own flags.
print-free-cflags:
	@echo $(FREE_CFLAGS)
