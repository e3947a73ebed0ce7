# Test programs (included by the top Makefile).
#
# tests/unit/test_*.c   host programs with libc, linked against the library
#                       objects with tests/unit/fake_sys.c in place of
#                       src/sys.c (fault injection, syscall counting).
# tests/kernel/*.c      real BPF against the running kernel, with glibc.
# tests/kernel/nl_*.c   the same, and also built with no libc (bpflink's
#                       runtime) and with musl-gcc -static: names end in
#                       -nolibc, -musl, -glibc.

HOST_CC   ?= $(if $(filter 1,$(IS_CLANG)),clang,gcc)
MUSL_CC   ?= musl-gcc
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-function \
               -Iinclude -Isrc -Itests/lib -Itests/unit -D_GNU_SOURCE \
               -DBPFLINK_MAX_LINKS=$(MAX_LINKS)

UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%)
UNIT_OBJ  := $(filter-out $(BUILD)/obj/sys.o,$(LIB_OBJ)) \
             $(BUILD)/tests/fake_sys.o

KERN_SRC  := $(sort $(wildcard tests/kernel/*.c))
KERN_NL   := $(filter tests/kernel/nl_%,$(KERN_SRC))
KERN_LIBC := $(filter-out tests/kernel/nl_%,$(KERN_SRC))
KERN_BIN  := $(KERN_LIBC:tests/kernel/%.c=$(BUILD)/tests/kernel/%) \
             $(foreach v,nolibc glibc musl,$(KERN_NL:tests/kernel/%.c=$(BUILD)/tests/kernel/%-$(v)))

TEST_HDRS := $(wildcard tests/lib/*.h tests/unit/*.h include/*.h include/bpf/*.h src/*.h)

tests: $(UNIT_BIN) $(KERN_BIN) $(if $(wildcard src/cmd/demo.c),$(BUILD)/bpflink-demo)

$(BUILD)/tests/fake_sys.o: tests/unit/fake_sys.c $(TEST_HDRS) $(UAPI)/.stamp
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/tests/unit/%: tests/unit/%.c $(UNIT_OBJ) $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -DT_HOSTED $< $(UNIT_OBJ) -o $@ -lpthread

$(BUILD)/tests/kernel/%: tests/kernel/%.c $(BUILD)/libbpflink.a $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $< -o $@ $(BUILD)/libbpflink.a -lpthread

$(BUILD)/tests/kernel/%-glibc: tests/kernel/%.c $(BUILD)/libbpflink.a $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $< -o $@ $(BUILD)/libbpflink.a

$(BUILD)/tests/kernel/%-musl: tests/kernel/%.c $(BUILD)/libbpflink.a $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(MUSL_CC) -static -std=c11 -O2 -g -Wall -Wextra -Werror \
		-Iinclude -Isrc -Itests/lib -isystem $(UAPI) $< -o $@ \
		$(BUILD)/libbpflink.a

$(BUILD)/tests/kernel/%-nolibc: tests/kernel/%.c $(LIBS) $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(FREE_CFLAGS) -Itests/lib -fno-PIC -fno-pie -no-pie $< -o $@ $(call NOLIBC_LINK,)

# The bpflink-demo and demo rules live in src/cmd/cmd.mk.

# aarch64: the runtime round trip, cross-built with no libc (cross-aarch64).
build/aarch64/tests/arch_roundtrip: tests/kernel/nl_roundtrip.c $(LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(FREE_CFLAGS) -Itests/lib -fno-PIC -fno-pie -no-pie $< -o $@ $(call NOLIBC_LINK,)
