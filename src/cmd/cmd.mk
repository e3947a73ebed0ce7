# The bpflink command-line tool and the README's demo (included by the top
# Makefile).
#
# make tool   build/bpflink: static, no libc (the project's runtime)
# make demo   build/bpflink + the demo object, then src/cmd/demo/demo.sh
#             (load with pinning, counters moving, unpin, nothing left)

TOOL       := $(BUILD)/bpflink
TOOL_SRC   := src/cmd/bpflink.c $(sort $(wildcard src/cmd/cmd_*.c))
DEMO_OBJ   := $(BUILD)/cmd/counter.bpf.o
BPF_CLANG  ?= clang

# The tool links its own build of the library, optimised for size: with
# the kernel's fault-around every page of the tool's text is resident as
# soon as it runs, so text bytes are peak-RSS bytes (-Os: 68 -> 55 KB).
# noseparate-code puts the read-only data and the text in one segment,
# without the page padding between them.
TOOL_BUILD := $(BUILD)/tool
TOOL_LIBS  := $(TOOL_BUILD)/libbpflink.a $(TOOL_BUILD)/libbpflink_nolibc.a \
              $(TOOL_BUILD)/bl_crt0.o
TOOL_LDFLAGS := -Wl,-z,noseparate-code -Wl,--build-id=none

.PHONY: tool
tool: $(TOOL)

$(TOOL_LIBS) &: $(LIB_SRC) $(wildcard src/*.h src/rt/*.c include/*.h \
		 include/bpf/*.h src/arch/$(ARCH)/*)
	@$(MAKE) --no-print-directory BUILD=$(TOOL_BUILD) OPT=-Os \
		MAX_LINKS=$(MAX_LINKS) $(TOOL_LIBS)

$(TOOL): $(TOOL_SRC) src/cmd/cmd.h $(TOOL_LIBS) $(UAPI)/.stamp
	@mkdir -p $(dir $@)
	$(CC) $(FREE_CFLAGS) -fno-PIC -fno-pie -Os -s $(TOOL_SRC) -o $@ \
		$(TOOL_LDFLAGS) -nostdlib -static -Wl,--gc-sections \
		$(TOOL_BUILD)/bl_crt0.o $(TOOL_BUILD)/libbpflink.a \
		$(TOOL_BUILD)/libbpflink_nolibc.a -lgcc

$(DEMO_OBJ): src/cmd/demo/counter.bpf.c tests/bpf/bpf_helpers.h
	@mkdir -p $(dir $@)
	$(BPF_CLANG) -O2 -g -target bpf -Wall -Werror -Itests/bpf -c $< -o $@

# The older single-program agent (src/cmd/demo.c), still built by `tests`.
$(BUILD)/bpflink-demo: src/cmd/demo.c $(LIBS)
	$(CC) $(FREE_CFLAGS) -fno-PIC -fno-pie -no-pie -Os $< -o $@ $(call NOLIBC_LINK,)

demo: all $(TOOL) $(DEMO_OBJ)
	@src/cmd/demo/demo.sh $(TOOL) $(DEMO_OBJ)

tests: $(TOOL) $(DEMO_OBJ)
