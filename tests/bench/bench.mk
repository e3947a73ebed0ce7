# Benchmarks (issue 8): `make bench` builds everything under
# $(BUILD)/bench/ and runs tests/bench/run.py, which prints the figures and
# writes $(BUILD)/bench.md. Not part of `make check` (its smoke is
# tests/suites/bench_smoke.sh). Needs root, clang, strace, valgrind,
# musl-gcc, libbpf-dev (1.1.2), libelf-dev and zlib1g-dev (static).
# See tests/bench/README.md.

BENCH_DIR  := $(BUILD)/bench
BENCH_CC   ?= gcc
BENCH_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Itests/bench
BENCH_LIBDIR := /usr/lib/$(ARCH)-linux-gnu
BENCH_PROGS_OBJ := $(BENCH_DIR)/progs.bpf.o
BENCH_AGENT_OBJ := $(BENCH_DIR)/agent.bpf.o
BENCH_BINS := $(BENCH_DIR)/bench_attach $(BENCH_DIR)/bench_obj \
	$(BENCH_DIR)/launch $(BENCH_DIR)/agent-bpflink-nolibc \
	$(BENCH_DIR)/agent-bpflink-musl $(BENCH_DIR)/agent-bpflink-obj-nolibc \
	$(BENCH_DIR)/agent-bpflink-obj-musl $(BENCH_DIR)/agent-libbpf-static \
	$(BENCH_DIR)/agent-libbpf-dynamic $(BENCH_DIR)/agent-floor

.PHONY: bench bench-build
# The tool's footprint row runs build/bpflink on the demo object (cmd.mk).
bench-build: $(BENCH_BINS) $(TOOL) $(DEMO_OBJ)

bench: bench-build
	@python3 tests/bench/run.py $(BUILD)

# progs.bpf.o: -g (issue 8's object: .BTF and .BTF.ext); agent.bpf.o: none.
$(BENCH_DIR)/progs.bpf.o: tests/bench/progs.bpf.c tests/bpf/bpf_helpers.h
	@mkdir -p $(dir $@)
	clang -O2 -g -target bpf -Wall -Werror -Itests/bpf -c $< -o $@

$(BENCH_DIR)/agent.bpf.o: tests/bench/agent.bpf.c
	@mkdir -p $(dir $@)
	clang -O2 -target bpf -c $< -o $@

# bpflink statically, libbpf.so.1 through dlopen (the names would clash).
$(BENCH_DIR)/bench_attach: tests/bench/bench_attach.c tests/bench/bench.h \
		$(BENCH_PROGS_OBJ) $(BUILD)/libbpflink.a $(TEST_HDRS)
	$(BENCH_CC) $(BENCH_CFLAGS) -Iinclude -Isrc -isystem $(UAPI) \
		-DBENCH_PROGS_OBJ='"$(BENCH_PROGS_OBJ)"' $< -o $@ \
		$(BUILD)/libbpflink.a -ldl

# bpflink statically, libbpf.so.1 through dlopen.
$(BENCH_DIR)/bench_obj: tests/bench/bench_obj.c tests/bench/bench.h \
		$(BENCH_PROGS_OBJ) $(BUILD)/libbpflink.a $(TEST_HDRS)
	$(BENCH_CC) $(BENCH_CFLAGS) -Iinclude -isystem $(UAPI) \
		-DBENCH_PROGS_OBJ='"$(BENCH_PROGS_OBJ)"' $< -o $@ \
		$(BUILD)/libbpflink.a -ldl

$(BENCH_DIR)/launch: tests/bench/launch.c tests/bench/bench.h
	@mkdir -p $(dir $@)
	$(BENCH_CC) $(BENCH_CFLAGS) $< -o $@

# The agents: bpflink with no libc (the project's own no-libc link line,
# -Os as the demo), bpflink with musl -static, libbpf static (glibc,
# libbpf.a -lelf -lz) and dynamic, and the floor (own _start, x86_64).
$(BENCH_DIR)/agent-bpflink-nolibc: tests/bench/agent_bpflink.c $(LIBS) $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(FREE_CFLAGS) -fno-PIC -fno-pie -no-pie -Os $< -o $@ $(call NOLIBC_LINK,)

$(BENCH_DIR)/agent-bpflink-musl: tests/bench/agent_bpflink.c $(BUILD)/libbpflink.a $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(MUSL_CC) -static -std=c11 -Os -Wall -Wextra -Werror -Iinclude -Isrc \
		-isystem $(UAPI) -Wl,--gc-sections $< -o $@ $(BUILD)/libbpflink.a

# The same agent on bpflink's loader (agent.bpf.o embedded).
$(BENCH_DIR)/agent-bpflink-obj-nolibc: tests/bench/agent_bpflink.c $(BENCH_AGENT_OBJ) $(LIBS) $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(FREE_CFLAGS) -fno-PIC -fno-pie -no-pie -Os \
		-DBENCH_AGENT_OBJ='"$(BENCH_AGENT_OBJ)"' $< -o $@ $(call NOLIBC_LINK,)

$(BENCH_DIR)/agent-bpflink-obj-musl: tests/bench/agent_bpflink.c $(BENCH_AGENT_OBJ) $(BUILD)/libbpflink.a $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(MUSL_CC) -static -std=c11 -Os -Wall -Wextra -Werror -Iinclude -Isrc \
		-isystem $(UAPI) -Wl,--gc-sections \
		-DBENCH_AGENT_OBJ='"$(BENCH_AGENT_OBJ)"' $< -o $@ $(BUILD)/libbpflink.a

$(BENCH_DIR)/agent-libbpf-static: tests/bench/agent_libbpf.c tests/bench/bench.h $(BENCH_AGENT_OBJ)
	$(BENCH_CC) $(BENCH_CFLAGS) -DBENCH_AGENT_OBJ='"$(BENCH_AGENT_OBJ)"' \
		$< -o $@ -static $(BENCH_LIBDIR)/libbpf.a -lelf -lz

$(BENCH_DIR)/agent-libbpf-dynamic: tests/bench/agent_libbpf.c tests/bench/bench.h $(BENCH_AGENT_OBJ)
	$(BENCH_CC) $(BENCH_CFLAGS) -DBENCH_AGENT_OBJ='"$(BENCH_AGENT_OBJ)"' \
		$< -o $@ -lbpf

$(BENCH_DIR)/agent-floor: tests/bench/agent_floor.c $(UAPI)/.stamp
	@mkdir -p $(dir $@)
	$(BENCH_CC) -std=gnu11 -Os -Wall -Wextra -Werror -isystem $(UAPI) \
		-ffreestanding -fno-stack-protector -fno-asynchronous-unwind-tables \
		-fno-PIC -fno-pie -no-pie -nostdlib -static -Wl,--gc-sections \
		$< -o $@
