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

.PHONY: tool
tool: $(TOOL)

$(TOOL): $(TOOL_SRC) src/cmd/cmd.h $(LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(FREE_CFLAGS) -fno-PIC -fno-pie -no-pie -Os -s $(TOOL_SRC) -o $@ \
		$(call NOLIBC_LINK,)

$(DEMO_OBJ): src/cmd/demo/counter.bpf.c tests/bpf/bpf_helpers.h
	@mkdir -p $(dir $@)
	$(BPF_CLANG) -O2 -g -target bpf -Wall -Werror -Itests/bpf -c $< -o $@

# The older single-program agent (src/cmd/demo.c), still built by `tests`.
$(BUILD)/bpflink-demo: src/cmd/demo.c $(LIBS)
	$(CC) $(FREE_CFLAGS) -fno-PIC -fno-pie -no-pie -Os $< -o $@ $(call NOLIBC_LINK,)

demo: all $(TOOL) $(DEMO_OBJ)
	@src/cmd/demo/demo.sh $(TOOL) $(DEMO_OBJ)

tests: $(TOOL) $(DEMO_OBJ)
