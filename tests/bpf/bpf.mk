# BPF C test programs (tests/bpf/*.bpf.c) compiled with clang -target bpf,
# for the object loader's tests; included by the top Makefile.
#
# $(BUILD)/tests/bpf/NAME.bpf.o     the objects (tests find them next to
#                                   their own binary: ../bpf/NAME.bpf.o)
# $(BUILD)/tests/bpf/libbpf_dump    the libbpf side of the differential test
#                                   (Debian's libbpf-dev, its own process)

BPF_CLANG ?= clang
BPF_SRC   := $(sort $(wildcard tests/bpf/*.bpf.c))
BPF_OBJS  := $(BPF_SRC:tests/bpf/%.c=$(BUILD)/tests/bpf/%.o)
LIBBPF_DUMP := $(BUILD)/tests/bpf/libbpf_dump

$(BUILD)/tests/bpf/%.bpf.o: tests/bpf/%.bpf.c tests/bpf/bpf_helpers.h
	@mkdir -p $(dir $@)
	$(BPF_CLANG) -O2 -g -target bpf -Wall -Werror -Itests/bpf -c $< -o $@

$(LIBBPF_DUMP): tests/bpf/libbpf_dump.c tests/bpf/dump.h
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O1 -g -Wall -Wextra -Itests/bpf $< -o $@ -lbpf

tests: $(BPF_OBJS) $(if $(wildcard tests/bpf/libbpf_dump.c),$(if $(wildcard /usr/include/bpf/libbpf.h),$(LIBBPF_DUMP)))
$(BUILD)/tests/kernel/object_diff: tests/bpf/dump.h
# Unit and kernel tests read the objects at run time.
$(UNIT_BIN) $(KERN_BIN): | $(BPF_OBJS)
