/* Helpers for kernel tests (tests/kernel/ programs). Usable with no libc, musl
 * or glibc: only include/ headers and src/sys.h.
 *
 *   kt_bpf_probe()        can this process use bpf()? 0, or -errno of a
 *                         tiny BPF_MAP_CREATE (-EPERM: unprivileged).
 *   KT_NEED_BPF()         in a test: T_SKIP with the reason unless
 *                         kt_bpf_probe() is 0.
 *   KT_SKIP_IF_EPERM()    T_SKIP (after cleanup) when a step gives -EPERM.
 *   kt_counter_map()      a 1-entry array map (u32 key, u64 value).
 *   kt_counter_insns()    a raw_tracepoint program for sys_enter that adds
 *                         1 to that map's value when the caller is process
 *                         PID (and, with nr >= 0, the system call is NR).
 *   kt_counter_load()     both of the above loaded; returns the prog fd.
 *   kt_counter_read()     the counter's value (or -errno).
 *   kt_contains()         substring test (for verifier logs).
 *
 * Pids are compared with bpf_get_current_pid_tgid() >> 32, the tgid in the
 * initial pid namespace: run the tests outside a pid namespace.
 */
#ifndef BPFLINK_KT_H
#define BPFLINK_KT_H

#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/errno.h>

#include "bpf/bpf.h"
#include "bpflink_insn.h"
#include "sys.h"

static inline int kt_bpf_probe(void)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "kt_probe", 4, 4, 1, NULL);

	if (fd < 0)
		return fd;
	(void)bl_sys_close(fd);
	return 0;
}

/* Skip the current test (tests/lib/t.h) unless bpf() is usable. */
#define KT_NEED_BPF()                                                        \
	do {                                                                 \
		int kt_e_ = kt_bpf_probe();                                  \
		if (kt_e_ == -EPERM)                                         \
			T_SKIP("bpf(BPF_MAP_CREATE) gives EPERM: needs root " \
			       "or CAP_BPF");                                \
		if (kt_e_ < 0)                                               \
			T_SKIP("bpf(BPF_MAP_CREATE) fails: BPF unavailable"); \
	} while (0)

/* Skip when a later step is refused for lack of privilege (with
 * unprivileged BPF allowed, maps work but tracing programs do not).
 * CLEANUP is run first (e.g. closing fds). */
#define KT_SKIP_IF_EPERM(RET, WHAT, CLEANUP)                                 \
	do {                                                                 \
		if ((RET) == -EPERM) {                                       \
			CLEANUP;                                             \
			T_SKIP(WHAT " gives EPERM: needs root or "           \
			       "CAP_BPF+CAP_PERFMON");                       \
		}                                                            \
	} while (0)

static inline int kt_counter_map(void)
{
	return bpf_map_create(BPF_MAP_TYPE_ARRAY, "kt_count", 4, 8, 1, NULL);
}

#define KT_COUNTER_MAX_INSNS 20

/* Fill BUF (KT_COUNTER_MAX_INSNS) with the counting program; returns the
 * number of instructions. ctx of a sys_enter raw tracepoint is
 * { struct pt_regs *regs; long id; }, so the syscall number is ctx[1]. */
static inline size_t kt_counter_insns(struct bpf_insn *buf, int map_fd,
				      int pid, long nr)
{
	size_t n = 0;

	buf[n++] = BPFLINK_LDX_MEM(BPF_DW, BPF_REG_7, BPF_REG_1, 8);
	buf[n++] = BPFLINK_CALL_HELPER(BPF_FUNC_get_current_pid_tgid);
	buf[n++] = BPFLINK_ALU64_IMM(BPF_RSH, BPF_REG_0, 32);
	buf[n++] = BPFLINK_JMP_IMM(BPF_JNE, BPF_REG_0, pid, nr >= 0 ? 10 : 9);
	if (nr >= 0)
		buf[n++] = BPFLINK_JMP_IMM(BPF_JNE, BPF_REG_7, (int)nr, 9);
	buf[n++] = BPFLINK_ST_MEM(BPF_W, BPF_REG_10, -4, 0);
	buf[n++] = BPFLINK_MOV64_REG(BPF_REG_2, BPF_REG_10);
	buf[n++] = BPFLINK_ALU64_IMM(BPF_ADD, BPF_REG_2, -4);
	{
		struct bpf_insn ld[2] = { BPFLINK_LD_MAP_FD(BPF_REG_1, map_fd) };

		buf[n++] = ld[0];
		buf[n++] = ld[1];
	}
	buf[n++] = BPFLINK_CALL_HELPER(BPF_FUNC_map_lookup_elem);
	buf[n++] = BPFLINK_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 2);
	buf[n++] = BPFLINK_MOV64_IMM(BPF_REG_1, 1);
	buf[n++] = BPFLINK_ATOMIC_ADD(BPF_DW, BPF_REG_0, BPF_REG_1, 0);
	buf[n++] = BPFLINK_MOV64_IMM(BPF_REG_0, 0);
	buf[n++] = BPFLINK_EXIT_INSN();
	return n;
}

/* Load the counting program for map MAP_FD; the prog fd or -errno.
 * LOG (may be NULL) receives the verifier's message on failure. */
static inline int kt_counter_load(int map_fd, int pid, long nr, char *log,
				  unsigned int log_size)
{
	struct bpf_insn insns[KT_COUNTER_MAX_INSNS];
	size_t n = kt_counter_insns(insns, map_fd, pid, nr);
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log,
		    .log_size = log ? log_size : 0);

	return bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "kt_count", "GPL",
			     insns, n, &opts);
}

/* The counter's value, or -errno. */
static inline long long kt_counter_read(int map_fd)
{
	uint32_t key = 0;
	uint64_t v = 0;
	int err = bpf_map_lookup_elem(map_fd, &key, &v);

	return err ? err : (long long)v;
}

static inline int kt_contains(const char *hay, const char *needle)
{
	for (; hay && *hay; hay++) {
		size_t i = 0;

		while (needle[i] && hay[i] == needle[i])
			i++;
		if (!needle[i])
			return 1;
	}
	return 0;
}

#endif
