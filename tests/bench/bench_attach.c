/* Attach + destroy cycles, raw_tp and tracepoint, for three methods in one
 * process:
 *   bpflink  build/libbpflink.a, linked statically: the fd-based layer
 *            bpflink_attach_raw_tracepoint / bpflink_attach_tracepoint
 *            (no struct bpf_program before the loader, issue 6) and
 *            bpf_link__destroy; programs from bpflink's bpf_prog_load.
 *   libbpf   Debian's libbpf 1.1.2 (libbpf.so.1, opened with dlopen, so its
 *            names do not meet bpflink's): bpf_program__attach_raw_tracepoint
 *            / bpf_program__attach_tracepoint on programs of a bpf_object
 *            opened from progs.bpf.o (embedded) and loaded, and
 *            bpf_link__destroy.
 *   floor    syscall(2) directly (bench.h), tracepoint id read once.
 * Every method first does one untimed cycle (the id cache, libbpf's
 * first-attach probes), and a second link of the floor's keeps each
 * tracepoint busy (KERNEL.md: re-attaching to an idle tracepoint waits an
 * RCU grace period).
 *
 *   bench_attach count METHOD HOOK N   N cycles; callgrind collects only
 *                                      around them (--collect-atstart=no)
 *   bench_attach cpu ROUNDS RAW_BATCH TP_BATCH
 *                                      CPU (CLOCK_PROCESS_CPUTIME_ID) and
 *                                      wall per cycle, methods interleaved
 *                                      (order rotated each round); prints
 *                                      "cpu HOOK METHOD cpu_ns wall_ns"
 *                                      medians over rounds
 * METHOD: bpflink | libbpf | floor; HOOK: rawtp | tp.
 */
#include "bench.h"

#include <valgrind/callgrind.h>

#include "bpf/bpf.h"
#include "bpf/libbpf.h"
#include "bpflink.h"
#include "bpflink_insn.h"

BENCH_EMBED(progs_obj, BENCH_PROGS_OBJ);

enum { M_BPFLINK, M_LIBBPF, M_FLOOR, M_N };
enum { H_RAWTP, H_TP, H_N };
static const char *const mname[M_N] = { "bpflink", "libbpf", "floor" };
static const char *const hname[H_N] = { "rawtp", "tp" };

/* libbpf 1.1.2, by dlsym */
struct lb_obj;
struct lb_prog;
struct lb_link;
static struct {
	struct lb_obj *(*open_mem)(const void *, size_t, const void *);
	int (*load)(struct lb_obj *);
	struct lb_prog *(*find)(const struct lb_obj *, const char *);
	struct lb_link *(*attach_raw)(const struct lb_prog *, const char *);
	struct lb_link *(*attach_tp)(const struct lb_prog *, const char *,
				     const char *);
	int (*destroy)(struct lb_link *);
	struct lb_obj *obj;
	struct lb_prog *prog[H_N];
} lb;

static int bl_prog[H_N], fl_prog[H_N], tp_id;

static void die(const char *what, long err)
{
	fprintf(stderr, "bench_attach: %s failed: %ld\n", what, err);
	exit(2);
}

static void setup_libbpf(void)
{
	void *h = bench_libbpf();

	BENCH_SYM(h, lb.open_mem, "bpf_object__open_mem");
	BENCH_SYM(h, lb.load, "bpf_object__load");
	BENCH_SYM(h, lb.find, "bpf_object__find_program_by_name");
	BENCH_SYM(h, lb.attach_raw, "bpf_program__attach_raw_tracepoint");
	BENCH_SYM(h, lb.attach_tp, "bpf_program__attach_tracepoint");
	BENCH_SYM(h, lb.destroy, "bpf_link__destroy");
	lb.obj = lb.open_mem(progs_obj_start,
			     (size_t)(progs_obj_end - progs_obj_start), NULL);
	if (!lb.obj)
		die("bpf_object__open_mem", -errno);
	if (lb.load(lb.obj))
		die("bpf_object__load", -errno);
	lb.prog[H_RAWTP] = lb.find(lb.obj, "rawtp_prog");
	lb.prog[H_TP] = lb.find(lb.obj, "tp_prog");
	if (!lb.prog[H_RAWTP] || !lb.prog[H_TP])
		die("bpf_object__find_program_by_name", 0);
}

static const struct bpf_insn ret0[] = {
	BPFLINK_MOV64_IMM(BPF_REG_0, 0),
	BPFLINK_EXIT_INSN(),
};

static void setup(void)
{
	int busy_pfd, err;

	err = bench_tracefs();
	if (err)
		die("mounting tracefs", err);
	setup_libbpf();
	bl_prog[H_RAWTP] = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "rawtp_prog",
					 "GPL", ret0, 2, NULL);
	bl_prog[H_TP] = bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, "tp_prog", "GPL",
				      ret0, 2, NULL);
	fl_prog[H_RAWTP] = floor_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, ret0, 2,
					   "rawtp_prog");
	fl_prog[H_TP] = floor_prog_load(BPF_PROG_TYPE_TRACEPOINT, ret0, 2,
					"tp_prog");
	if (bl_prog[H_RAWTP] < 0 || bl_prog[H_TP] < 0)
		die("bpflink bpf_prog_load", bl_prog[H_RAWTP]);
	if (fl_prog[H_RAWTP] < 0 || fl_prog[H_TP] < 0)
		die("floor BPF_PROG_LOAD", -errno);
	tp_id = floor_tp_id(TP_CAT, TP_NAME);
	if (tp_id <= 0)
		die("reading the tracepoint id", tp_id);
	/* the busy links, kept to the end, with programs of their own (a
	 * program attached twice to one tracepoint is -EEXIST) */
	if (floor_raw_tp(floor_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, ret0, 2,
					 "busy_rawtp"), TP_NAME) < 0)
		die("busy raw_tp link", -errno);
	if (floor_tp(floor_prog_load(BPF_PROG_TYPE_TRACEPOINT, ret0, 2,
				     "busy_tp"), tp_id, &busy_pfd) < 0)
		die("busy tracepoint link", -errno);
}

/* N attach+destroy cycles of METHOD on HOOK. */
static void cycles(int m, int hook, long n)
{
	long i;

	switch (m * H_N + hook) {
	case M_BPFLINK * H_N + H_RAWTP:
		for (i = 0; i < n; i++) {
			struct bpf_link *l =
				bpflink_attach_raw_tracepoint(bl_prog[H_RAWTP],
							      TP_NAME, 0);
			if (!l)
				die("bpflink raw_tp attach", bpflink_last_error());
			bpf_link__destroy(l);
		}
		break;
	case M_BPFLINK * H_N + H_TP:
		for (i = 0; i < n; i++) {
			struct bpf_link *l = bpflink_attach_tracepoint(
				bl_prog[H_TP], TP_CAT, TP_NAME, NULL);
			if (!l)
				die("bpflink tracepoint attach",
				    bpflink_last_error());
			bpf_link__destroy(l);
		}
		break;
	case M_LIBBPF * H_N + H_RAWTP:
		for (i = 0; i < n; i++) {
			struct lb_link *l =
				lb.attach_raw(lb.prog[H_RAWTP], TP_NAME);
			if (!l)
				die("libbpf raw_tp attach", -errno);
			lb.destroy(l);
		}
		break;
	case M_LIBBPF * H_N + H_TP:
		for (i = 0; i < n; i++) {
			struct lb_link *l =
				lb.attach_tp(lb.prog[H_TP], TP_CAT, TP_NAME);
			if (!l)
				die("libbpf tracepoint attach", -errno);
			lb.destroy(l);
		}
		break;
	case M_FLOOR * H_N + H_RAWTP:
		for (i = 0; i < n; i++) {
			int fd = floor_raw_tp(fl_prog[H_RAWTP], TP_NAME);

			if (fd < 0)
				die("floor raw_tp attach", -errno);
			floor_close(fd);
		}
		break;
	default:
		for (i = 0; i < n; i++) {
			int pfd, fd = floor_tp(fl_prog[H_TP], tp_id, &pfd);

			if (fd < 0)
				die("floor tracepoint attach", fd);
			floor_close(fd);
			floor_close(pfd);
		}
		break;
	}
}

static int lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	fprintf(stderr, "bench_attach: unknown name %s\n", s);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "count")) {
		int m = lookup(mname, M_N, argv[2]);
		int h = lookup(hname, H_N, argv[3]);
		long n = atol(argv[4]);

		setup();
		cycles(m, h, 1); /* warm: ids cached, first-attach probes done */
		CALLGRIND_TOGGLE_COLLECT;
		cycles(m, h, n);
		CALLGRIND_TOGGLE_COLLECT;
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "cpu")) {
		int rounds = atoi(argv[2]);
		long batch[H_N] = { atol(argv[3]), atol(argv[4]) };
		uint64_t *cpu[H_N][M_N], *wall[H_N][M_N];

		setup();
		for (int h = 0; h < H_N; h++)
			for (int m = 0; m < M_N; m++) {
				cpu[h][m] = calloc((size_t)rounds, 8);
				wall[h][m] = calloc((size_t)rounds, 8);
				cycles(m, h, 1);
			}
		for (int r = 0; r < rounds; r++)
			for (int h = 0; h < H_N; h++)
				for (int k = 0; k < M_N; k++) {
					int m = (k + r) % M_N;
					uint64_t c0 = bench_ns(CLOCK_PROCESS_CPUTIME_ID);
					uint64_t w0 = bench_ns(CLOCK_MONOTONIC);

					cycles(m, h, batch[h]);
					cpu[h][m][r] = (bench_ns(CLOCK_PROCESS_CPUTIME_ID) - c0) /
						       (uint64_t)batch[h];
					wall[h][m][r] = (bench_ns(CLOCK_MONOTONIC) - w0) /
							(uint64_t)batch[h];
				}
		for (int h = 0; h < H_N; h++)
			for (int m = 0; m < M_N; m++)
				printf("cpu %s %s %llu %llu\n", hname[h], mname[m],
				       (unsigned long long)bench_median(cpu[h][m], (size_t)rounds),
				       (unsigned long long)bench_median(wall[h][m], (size_t)rounds));
		return 0;
	}
	fprintf(stderr, "usage: bench_attach count METHOD HOOK N | cpu ROUNDS RAW_BATCH TP_BATCH\n");
	return 2;
}
