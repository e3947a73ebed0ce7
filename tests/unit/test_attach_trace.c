/* Tracing attach family over the fake syscall seam: what each attach sends
 * to the kernel, how many system calls attach + destroy cost, the
 * fallbacks (ioctl, debugfs, legacy tracefs events), and a fault sweep that
 * fails every system call of every hook family in turn. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>

#include "t.h"
#include "fake_sys.h"
#include "bpflink.h"
#include "compat.h"
#include "link.h"
#include "tracefs.h"

#define TP_ID "/sys/kernel/tracing/events/syscalls/sys_enter_getpid/id"
#define TP_ID_DBG "/sys/kernel/debug/tracing/events/syscalls/sys_enter_getpid/id"
#define UP_TYPE "/sys/bus/event_source/devices/uprobe/type"
#define UP_RET "/sys/bus/event_source/devices/uprobe/format/retprobe"
#define KP_TYPE "/sys/bus/event_source/devices/kprobe/type"
#define KP_RET "/sys/bus/event_source/devices/kprobe/format/retprobe"
#define UP_EVENTS "/sys/kernel/tracing/uprobe_events"
#define KP_EVENTS "/sys/kernel/tracing/kprobe_events"
#define PROG 7 /* a prog fd as the library sees it (never opened) */

/* ---- what the fake kernel saw ------------------------------------------ */

static struct {
	__u32 type;
	__u64 config, config1, config2, sample_period;
	int pid, cpu, disabled;
	char path[256]; /* config1 as a string */
	int n;
} pe;

static struct {
	struct bl_attr_link_create a;
	char path[256];
	unsigned long offs[8];
	int n;
} lc;
static long lc_ret = FAKE_DEFAULT; /* BPF_LINK_CREATE result */
static int raw_n;
static __u64 raw_name;
static long perf_ret = FAKE_DEFAULT;
static __u64 perf_fail_config = ~0ULL; /* -ENOENT for this config */

static long perf_h(const struct perf_event_attr *a, int pid, int cpu)
{
	pe.type = a->type;
	pe.config = a->config;
	pe.config1 = a->config1;
	pe.config2 = a->config2;
	pe.sample_period = a->sample_period;
	pe.disabled = a->disabled;
	pe.pid = pid;
	pe.cpu = cpu;
	pe.path[0] = 0;
	if (a->config1)
		snprintf(pe.path, sizeof(pe.path), "%s",
			 (const char *)(uintptr_t)a->config1);
	pe.n++;
	if (a->config == perf_fail_config)
		return -ENOENT;
	return perf_ret;
}

static long bpf_h(int cmd, void *attr, unsigned int size)
{
	if (cmd == BPF_LINK_CREATE) {
		memset(&lc.a, 0, sizeof(lc.a));
		memcpy(&lc.a, attr, size < sizeof(lc.a) ? size : sizeof(lc.a));
		lc.path[0] = 0;
		if (lc.a.attach_type == BL_BPF_TRACE_UPROBE_MULTI) {
			snprintf(lc.path, sizeof(lc.path), "%s",
				 (const char *)(uintptr_t)lc.a.uprobe_multi.path);
			for (__u32 i = 0; i < lc.a.uprobe_multi.cnt && i < 8; i++)
				lc.offs[i] = ((const unsigned long *)(uintptr_t)
						      lc.a.uprobe_multi.offsets)[i];
		}
		lc.n++;
		return lc_ret;
	}
	if (cmd == BPF_RAW_TRACEPOINT_OPEN) {
		raw_name = *(const __u64 *)attr;
		raw_n++;
	}
	return FAKE_DEFAULT;
}

/* A model of the tracefs probe events: "p:"/"r:" create (and give the
 * event an id file), "-:" removes. */
#define MAX_EV 8
static char events[MAX_EV][64];
static char last_cmd[512];
static int n_removed;

static int ev_find(const char *gn)
{
	for (int i = 0; i < MAX_EV; i++)
		if (events[i][0] && strcmp(events[i], gn) == 0)
			return i;
	return -1;
}

static void ev_add(const char *gn)
{
	for (int i = 0; i < MAX_EV; i++) {
		if (!events[i][0]) {
			snprintf(events[i], sizeof(events[i]), "%s", gn);
			return;
		}
	}
}

static int ev_count(void)
{
	int n = 0;

	for (int i = 0; i < MAX_EV; i++)
		n += events[i][0] != 0;
	return n;
}

static long write_h(int fd, const void *buf, size_t n)
{
	char cmd[512], gn[64], path[256];
	const char *sp;
	int i;

	(void)fd;
	snprintf(cmd, sizeof(cmd), "%.*s", (int)n, (const char *)buf);
	snprintf(last_cmd, sizeof(last_cmd), "%s", cmd);
	if (strncmp(cmd, "-:", 2) == 0) {
		i = ev_find(cmd + 2);
		if (i < 0)
			return -ENOENT;
		events[i][0] = 0;
		n_removed++;
		return FAKE_DEFAULT;
	}
	if ((cmd[0] != 'p' && cmd[0] != 'r') || cmd[1] != ':')
		return -EINVAL;
	sp = strchr(cmd, ' ');
	if (!sp)
		return -EINVAL;
	snprintf(gn, sizeof(gn), "%.*s", (int)(sp - cmd - 2), cmd + 2);
	if (ev_find(gn) >= 0)
		return -EEXIST;
	ev_add(gn);
	snprintf(path, sizeof(path), "/sys/kernel/tracing/events/%s/id", gn);
	fake_set_file(path, "900\n");
	return FAKE_DEFAULT;
}

static void reset(void)
{
	fake_reset();
	bl_pmu_cache_reset();
	bpflink_tracepoint_cache_clear();
	memset(&pe, 0, sizeof(pe));
	memset(&lc, 0, sizeof(lc));
	memset(events, 0, sizeof(events));
	last_cmd[0] = 0;
	n_removed = 0;
	lc_ret = FAKE_DEFAULT;
	perf_ret = FAKE_DEFAULT;
	perf_fail_config = ~0ULL;
	raw_n = 0;
	raw_name = 1;
	fake_set_perf_handler(perf_h);
	fake_set_bpf_handler(bpf_h);
	fake_set_write_handler(write_h);
}

static uint32_t in_use(void)
{
	struct bpflink_pool_stats st;

	bpflink_link_pool_stats(&st);
	return st.in_use;
}

/* ---- tracepoint ---------------------------------------------------------- */

static void tp_files(void)
{
	fake_set_file(TP_ID, "123\n");
}

static struct bpf_link *tp_attach(void)
{
	return bpflink_attach_tracepoint(PROG, "syscalls", "sys_enter_getpid",
					 NULL);
}

static void test_tracepoint_syscalls(void)
{
	LIBBPF_OPTS(bpf_tracepoint_opts, o, .bpf_cookie = 0xc00c1e);
	struct bpf_link *l;

	reset();
	tp_files();
	l = bpflink_attach_tracepoint(PROG, "syscalls", "sys_enter_getpid", &o);
	T_ASSERT(l);
	/* first attach: openat + read + close of the id, perf, link */
	T_ASSERT_EQ(fake_total(), 5);
	T_ASSERT_EQ(pe.type, PERF_TYPE_TRACEPOINT);
	T_ASSERT_EQ(pe.config, 123);
	T_ASSERT_EQ(pe.sample_period, 1);
	T_ASSERT_EQ(pe.disabled, 0);
	T_ASSERT_EQ(pe.pid, -1);
	T_ASSERT_EQ(pe.cpu, 0);
	T_ASSERT_EQ(lc.a.attach_type, BPF_PERF_EVENT);
	T_ASSERT_EQ(lc.a.prog_fd, PROG);
	T_ASSERT_EQ(lc.a.target_fd, fake_log[3].ret);
	T_ASSERT_EQ(lc.a.perf_event.bpf_cookie, 0xc00c1e);
	T_ASSERT_EQ(bpf_link__fd(l), fake_log[4].ret);
	T_ASSERT_EQ(fake_count(FK_IOCTL, -1), 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), 7);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* id cached: attach + destroy = 4 system calls */
	fake_reset();
	fake_set_perf_handler(perf_h);
	fake_set_bpf_handler(bpf_h);
	l = tp_attach();
	T_ASSERT(l);
	T_ASSERT_EQ(fake_total(), 2);
	T_ASSERT_EQ(fake_log[0].kind, FK_PERF_EVENT_OPEN);
	T_ASSERT_EQ(fake_log[1].kind, FK_BPF);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), 4);
	T_ASSERT_EQ(fake_count(FK_CLOSE, -1), 2);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(fake_double_closes, 0);
}

static void test_tracepoint_roots_and_errors(void)
{
	struct bpf_link *l;
	uint32_t u = in_use();

	/* only debugfs has tracing */
	reset();
	fake_set_file(TP_ID_DBG, "55\n");
	l = tp_attach();
	T_ASSERT(l);
	T_ASSERT_EQ(pe.config, 55);
	T_ASSERT_EQ(fake_count(FK_OPENAT, -1), 2);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);

	/* no tracefs at all, or no such tracepoint: -ENOENT, nothing left */
	reset();
	T_ASSERT(!tp_attach());
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOENT);
	T_ASSERT_EQ(fake_count(FK_PERF_EVENT_OPEN, -1), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(in_use(), u);

	/* garbage in the id file */
	reset();
	fake_set_file(TP_ID, "abc\n");
	T_ASSERT(!tp_attach());
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* bad arguments: no system call */
	reset();
	T_ASSERT(!bpflink_attach_tracepoint(-1, "a", "b", NULL));
	T_ASSERT(!bpflink_attach_tracepoint(PROG, NULL, "b", NULL));
	T_ASSERT(!bpflink_attach_tracepoint(PROG, "a", "", NULL));
	{
		struct { struct bpf_tracepoint_opts o; long extra; } big;

		memset(&big, 0, sizeof(big));
		big.o.sz = sizeof(big);
		big.extra = 1;
		T_ASSERT(!bpflink_attach_tracepoint(PROG, "a", "b", &big.o));
		T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	}
	T_ASSERT_EQ(fake_total(), 0);
	T_ASSERT_EQ(in_use(), u);
}

static void test_tracepoint_ioctl_fallback(void)
{
	LIBBPF_OPTS(bpf_tracepoint_opts, o, .bpf_cookie = 1);
	struct bpf_link *l;
	uint32_t u = in_use();

	reset();
	tp_files();
	lc_ret = -EINVAL; /* a kernel without perf links */
	l = tp_attach();
	T_ASSERT(l);
	T_ASSERT_EQ(fake_count(FK_IOCTL, -1), 1);
	T_ASSERT_EQ(fake_log[fake_total() - 1].a1, (long)PERF_EVENT_IOC_SET_BPF);
	T_ASSERT_EQ(fake_log[fake_total() - 1].a2, PROG);
	T_ASSERT_EQ(bpf_link__fd(l), fake_log[3].ret); /* the perf event */
	{
		int before = fake_total();

		T_ASSERT_EQ(bpf_link__destroy(l), 0);
		T_ASSERT_EQ(fake_total(), before + 1); /* close the perf event */
	}
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* a cookie needs the perf link */
	reset();
	tp_files();
	lc_ret = -EOPNOTSUPP;
	T_ASSERT(!bpflink_attach_tracepoint(PROG, "syscalls",
					    "sys_enter_getpid", &o));
	T_ASSERT_EQ(libbpf_get_error(NULL), -EOPNOTSUPP);
	T_ASSERT_EQ(fake_count(FK_IOCTL, -1), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* any other refusal is final */
	reset();
	tp_files();
	lc_ret = -EPERM;
	T_ASSERT(!tp_attach());
	T_ASSERT_EQ(libbpf_get_error(NULL), -EPERM);
	T_ASSERT_EQ(fake_count(FK_IOCTL, -1), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(in_use(), u);
}

static void test_tracepoint_stale_cache(void)
{
	struct bpf_link *l;

	reset();
	tp_files();
	l = tp_attach();
	T_ASSERT(l);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	/* the event was recreated under another id */
	fake_reset();
	fake_set_perf_handler(perf_h);
	fake_set_bpf_handler(bpf_h);
	fake_set_file(TP_ID, "124\n");
	perf_fail_config = 123;
	l = tp_attach();
	T_ASSERT(l);
	T_ASSERT_EQ(pe.config, 124);
	T_ASSERT_EQ(fake_count(FK_PERF_EVENT_OPEN, -1), 2);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
	/* the new id is cached */
	fake_reset();
	fake_set_perf_handler(perf_h);
	fake_set_bpf_handler(bpf_h);
	l = tp_attach();
	T_ASSERT(l);
	T_ASSERT_EQ(fake_total(), 2);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
}

#ifndef BPFLINK_TP_ID_CACHE
#define BPFLINK_TP_ID_CACHE 16 /* the library's default */
#endif

/* Attach + destroy CAT/NAME; tp_reads: how many times it opened the id
 * file (1: a cache miss), -1 when the cycle failed or perf_event_open did
 * not get WANT as the id. */
static int tp_reads;

static void tp_cycle(const char *cat, const char *name, __u64 want)
{
	int before = fake_count(FK_OPENAT, -1);
	struct bpf_link *l = bpflink_attach_tracepoint(PROG, cat, name, NULL);

	tp_reads = -1;
	T_ASSERT(l);
	T_ASSERT_EQ(pe.config, want);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	tp_reads = fake_count(FK_OPENAT, -1) - before;
}
#define TP_READS(c, n, w) (tp_cycle((c), (n), (w)), tp_reads)

static void tp_file(const char *cat, const char *name, unsigned id)
{
	char path[256], v[16];

	snprintf(path, sizeof(path), "/sys/kernel/tracing/events/%s/%s/id", cat,
		 name);
	snprintf(v, sizeof(v), "%u\n", id);
	fake_set_file(path, v);
}

/* The id cache: hits cost no system call, misses read tracefs once,
 * round-robin eviction, pairs whose bytes concatenate alike or share a
 * prefix kept apart, dynamic categories and over-long pairs never cached. */
static void test_tracepoint_cache(void)
{
	enum { N = BPFLINK_TP_ID_CACHE + 1 };
	static const char *const pair[][2] = {
		{ "ab", "cd" }, { "abc", "d" }, { "a", "bcd" }, { "ab", "c" },
		{ "ab", "cde" }, { "abcd", "efgh" }, { "abcd", "efghi" },
	};
	const int np = (int)(sizeof(pair) / sizeof(pair[0]));
	char name[N][8], lng[128];

	reset();
	for (int i = 0; i < N; i++) {
		snprintf(name[i], sizeof(name[i]), "t%d", i);
		tp_file("c", name[i], 100 + i);
	}
	/* N distinct tracepoints: each a miss; the last replaces the first */
	for (int i = 0; i < N; i++)
		T_ASSERT_EQ(TP_READS("c", name[i], 100 + i), 1);
	for (int i = 2; i < N; i++)
		T_ASSERT_EQ(TP_READS("c", name[i], 100 + i), 0);
	T_ASSERT_EQ(TP_READS("c", name[0], 100), 1); /* evicted, replaces t1 */
	T_ASSERT_EQ(TP_READS("c", name[0], 100), 0);
	T_ASSERT_EQ(TP_READS("c", name[1], 101), 1);
	/* a hit costs exactly perf_event_open + BPF_LINK_CREATE + 2 closes */
	{
		int before = fake_total();

		T_ASSERT_EQ(TP_READS("c", name[1], 101), 0);
		T_ASSERT_EQ(fake_total() - before, 4);
	}

	/* same bytes back to back, prefixes of one another */
	reset();
	for (int i = 0; i < np; i++)
		tp_file(pair[i][0], pair[i][1], 10 + i);
	for (int i = 0; i < np; i++)
		T_ASSERT_EQ(TP_READS(pair[i][0], pair[i][1], 10 + i), 1);
	for (int r = 0; r < 2; r++)
		for (int i = 0; i < np; i++)
			T_ASSERT_EQ(TP_READS(pair[i][0], pair[i][1], 10 + i), 0);
	/* cleared: every pair is read again */
	bpflink_tracepoint_cache_clear();
	T_ASSERT_EQ(TP_READS(pair[0][0], pair[0][1], 10), 1);

	/* dynamic events are read every time */
	reset();
	tp_file("kprobes", "p1", 7);
	tp_file("uprobes", "p2", 8);
	T_ASSERT_EQ(TP_READS("kprobes", "p1", 7), 1);
	T_ASSERT_EQ(TP_READS("kprobes", "p1", 7), 1);
	T_ASSERT_EQ(TP_READS("uprobes", "p2", 8), 1);
	T_ASSERT_EQ(TP_READS("uprobes", "p2", 8), 1);

	/* a pair longer than an entry is not cached, and still attaches */
	memset(lng, 'n', sizeof(lng) - 1);
	lng[sizeof(lng) - 1] = 0;
	tp_file("c", lng, 9);
	T_ASSERT_EQ(TP_READS("c", lng, 9), 1);
	T_ASSERT_EQ(TP_READS("c", lng, 9), 1);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

static void test_raw_tracepoint_syscalls(void)
{
	LIBBPF_OPTS(bpf_raw_tracepoint_opts, o, .cookie = 5);
	struct bpf_link *l;

	reset();
	l = bpflink_attach_raw_tracepoint(PROG, "sys_enter", 0);
	T_ASSERT(l);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), 2);
	l = bpflink_attach_raw_tracepoint_opts(PROG, "sys_enter", &o);
	T_ASSERT(l);
	T_ASSERT_EQ(fake_log[2].a2, 24); /* the attr with the cookie */
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

/* ---- perf event ------------------------------------------------------------ */

static void test_perf_event(void)
{
	LIBBPF_OPTS(bpf_perf_event_opts, o, .bpf_cookie = 9);
	LIBBPF_OPTS(bpf_perf_event_opts, io, .force_ioctl_attach = true);
	struct bpf_link *l;
	int pfd;

	reset();
	pfd = fake_new_fd();
	l = bpflink_attach_perf_event(PROG, pfd, &o);
	T_ASSERT(l);
	T_ASSERT_EQ(fake_count(FK_IOCTL, -1), 1); /* ENABLE, as libbpf */
	T_ASSERT_EQ(fake_log[0].a1, (long)PERF_EVENT_IOC_ENABLE);
	T_ASSERT_EQ(lc.a.target_fd, pfd);
	T_ASSERT_EQ(lc.a.perf_event.bpf_cookie, 9);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT(!fake_fd_is_open(pfd)); /* owned by the link */
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* failure: the caller keeps its fd */
	reset();
	pfd = fake_new_fd();
	lc_ret = -EPERM;
	T_ASSERT(!bpflink_attach_perf_event(PROG, pfd, NULL));
	T_ASSERT_EQ(libbpf_get_error(NULL), -EPERM);
	T_ASSERT(fake_fd_is_open(pfd));
	T_ASSERT_EQ(fake_open_fds(), 1);

	/* forced ioctl */
	reset();
	pfd = fake_new_fd();
	l = bpflink_attach_perf_event(PROG, pfd, &io);
	T_ASSERT(l);
	T_ASSERT_EQ(fake_count(FK_BPF, -1), 0);
	T_ASSERT_EQ(fake_log[1].a1, (long)PERF_EVENT_IOC_SET_BPF);
	T_ASSERT_EQ(bpf_link__fd(l), pfd);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* forced ioctl with a cookie: refused before any system call */
	reset();
	io.bpf_cookie = 1;
	T_ASSERT(!bpflink_attach_perf_event(PROG, fake_new_fd(), &io));
	T_ASSERT_EQ(libbpf_get_error(NULL), -EOPNOTSUPP);
	T_ASSERT_EQ(fake_total(), 0);
}

/* ---- uprobe ---------------------------------------------------------------- */

static void up_pmu_files(void)
{
	fake_set_file(UP_TYPE, "8\n");
	fake_set_file(UP_RET, "config:0\n");
}

static void test_uprobe_pmu(void)
{
	LIBBPF_OPTS(bpf_uprobe_opts, o, .retprobe = true, .ref_ctr_offset = 0x10,
		    .bpf_cookie = 3);
	struct bpf_link *l;

	reset();
	up_pmu_files();
	l = bpflink_attach_uprobe(PROG, 77, "/bin/true", 0x1234, &o);
	T_ASSERT(l);
	T_ASSERT_EQ(pe.type, 8);
	T_ASSERT_EQ(pe.config, 1ULL | (0x10ULL << 32));
	T_ASSERT(strcmp(pe.path, "/bin/true") == 0);
	T_ASSERT_EQ(pe.config2, 0x1234);
	T_ASSERT_EQ(pe.pid, 77);
	T_ASSERT_EQ(pe.cpu, -1);
	T_ASSERT_EQ(lc.a.attach_type, BPF_PERF_EVENT);
	T_ASSERT_EQ(lc.a.perf_event.bpf_cookie, 3);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);

	/* type and bit cached: 2 + 2 system calls */
	fake_reset();
	fake_set_perf_handler(perf_h);
	fake_set_bpf_handler(bpf_h);
	l = bpflink_attach_uprobe(PROG, -1, "/bin/true", 0x40, NULL);
	T_ASSERT(l);
	T_ASSERT_EQ(pe.config, 0);
	T_ASSERT_EQ(pe.pid, -1);
	T_ASSERT_EQ(pe.cpu, 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), 4);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* PROBE_ATTACH_MODE_LINK refuses the ioctl fallback */
	reset();
	up_pmu_files();
	lc_ret = -EINVAL;
	o.attach_mode = PROBE_ATTACH_MODE_LINK;
	T_ASSERT(!bpflink_attach_uprobe(PROG, -1, "/bin/true", 0, &o));
	T_ASSERT_EQ(fake_count(FK_IOCTL, -1), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* PROBE_ATTACH_MODE_PERF: ioctl, no link */
	reset();
	up_pmu_files();
	o.attach_mode = PROBE_ATTACH_MODE_PERF;
	o.bpf_cookie = 0;
	l = bpflink_attach_uprobe(PROG, -1, "/bin/true", 0, &o);
	T_ASSERT(l);
	T_ASSERT_EQ(fake_count(FK_BPF, -1), 0);
	T_ASSERT_EQ(fake_count(FK_IOCTL, -1), 1);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* by name: the binary cannot be mapped here (the fake's fstat says
	 * size 0: -ENODATA); nothing is left open, no perf event */
	reset();
	up_pmu_files();
	fake_set_file("/bin/true", "\177ELF");
	o.func_name = "main";
	o.attach_mode = PROBE_ATTACH_MODE_DEFAULT;
	T_ASSERT(!bpflink_attach_uprobe(PROG, -1, "/bin/true", 0, &o));
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENODATA);
	T_ASSERT_EQ(fake_count(FK_PERF_EVENT_OPEN, -1), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
	o.func_name = NULL;

	/* bad input */
	T_ASSERT(!bpflink_attach_uprobe(PROG, -2, "/bin/true", 0, NULL));
	T_ASSERT(!bpflink_attach_uprobe(PROG, -1, NULL, 0, NULL));
	o.attach_mode = 9;
	T_ASSERT(!bpflink_attach_uprobe(PROG, -1, "/bin/true", 0, &o));
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
}

static void test_uprobe_legacy(void)
{
	LIBBPF_OPTS(bpf_uprobe_opts, o, .attach_mode = PROBE_ATTACH_MODE_LEGACY);
	struct bpf_link *l;
	char want[160];
	uint32_t u = in_use();

	/* forced legacy, although the PMU exists */
	reset();
	up_pmu_files();
	fake_set_file(UP_EVENTS, "");
	l = bpflink_attach_uprobe(PROG, -1, "/bin/true", 0x1234, &o);
	T_ASSERT(l);
	T_ASSERT_EQ(ev_count(), 1);
	T_ASSERT(strncmp(last_cmd, "p:uprobes/bpflink_4242_", 23) == 0);
	T_ASSERT(strstr(last_cmd, " /bin/true:0x1234") != NULL);
	T_ASSERT_EQ(pe.type, PERF_TYPE_TRACEPOINT);
	T_ASSERT_EQ(pe.config, 900);
	T_ASSERT_EQ(lc.a.target_fd, pe.n ? fake_log[fake_total() - 2].ret : 0);
	snprintf(want, sizeof(want), "-:uprobes/%s", bl_link_legacy_name(l));
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(ev_count(), 0);
	T_ASSERT(strcmp(last_cmd, want) == 0);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* no PMU: the default mode falls back to legacy, retprobe, ref_ctr */
	reset();
	fake_set_file(UP_EVENTS, "");
	o.attach_mode = PROBE_ATTACH_MODE_DEFAULT;
	o.retprobe = true;
	o.ref_ctr_offset = 0x20;
	l = bpflink_attach_uprobe(PROG, 5, "/bin/true", 0x10, &o);
	T_ASSERT(l);
	T_ASSERT(strncmp(last_cmd, "r:uprobes/bpflink_4242_", 23) == 0);
	T_ASSERT(strstr(last_cmd, " /bin/true:0x10(0x20)") != NULL);
	T_ASSERT_EQ(pe.pid, 5);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(ev_count(), 0);

	/* disconnected: destroy keeps the event (a pin may hold it) */
	reset();
	fake_set_file(UP_EVENTS, "");
	l = bpflink_attach_uprobe(PROG, -1, "/bin/true", 0x10, &o);
	T_ASSERT(l);
	bpf_link__disconnect(l);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(ev_count(), 1);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* neither PMU nor tracefs */
	reset();
	T_ASSERT(!bpflink_attach_uprobe(PROG, -1, "/bin/true", 0, NULL));
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOENT);
	T_ASSERT_EQ(fake_open_fds(), 0);
	/* a target that would break the command */
	o.attach_mode = PROBE_ATTACH_MODE_LEGACY;
	T_ASSERT(!bpflink_attach_uprobe(PROG, -1, "/a b", 0, &o));
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	T_ASSERT_EQ(in_use(), u);
}

static void test_legacy_stale_events(void)
{
	LIBBPF_OPTS(bpf_uprobe_opts, o, .attach_mode = PROBE_ATTACH_MODE_LEGACY);
	struct bpf_link *l;
	int kills = 0;

	reset();
	/* a dead bpflink process (999), someone else's event, our own, and a
	 * bpflink kprobe (not this file's business) */
	fake_set_file(UP_EVENTS,
		      "p:uprobes/bpflink_999_3 /x:0x0000000000000001\n"
		      "p:uprobes/other_1_2 /y:0x2\n"
		      "r:uprobes/bpflink_4242_1 /z:0x3\n"
		      "p:kprobes/bpflink_998_0 foo\n");
	ev_add("uprobes/bpflink_999_3");
	ev_add("uprobes/other_1_2");
	ev_add("uprobes/bpflink_4242_1");
	fake_fail(FK_KILL, -1, 1, ESRCH);
	l = bpflink_attach_uprobe(PROG, -1, "/bin/true", 1, &o);
	T_ASSERT(l);
	for (int i = 0; i < fake_total(); i++)
		if (fake_log[i].kind == FK_KILL) {
			kills++;
			T_ASSERT_EQ(fake_log[i].a0, 999);
			T_ASSERT_EQ(fake_log[i].a1, 0);
		}
	T_ASSERT_EQ(kills, 1);
	T_ASSERT_EQ(ev_find("uprobes/bpflink_999_3"), -1);
	T_ASSERT(ev_find("uprobes/other_1_2") >= 0);
	T_ASSERT(ev_find("uprobes/bpflink_4242_1") >= 0);
	T_ASSERT_EQ(ev_count(), 3);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(ev_count(), 2);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

/* ---- kprobe ---------------------------------------------------------------- */

static void test_kprobe(void)
{
	LIBBPF_OPTS(bpf_kprobe_opts, o, .retprobe = true, .bpf_cookie = 4);
	LIBBPF_OPTS(bpf_ksyscall_opts, so);
	struct bpf_link *l;
	uint32_t u = in_use();

	/* the PMU path (this machine's kernel has none: fake seam only) */
	reset();
	fake_set_file(KP_TYPE, "6\n");
	fake_set_file(KP_RET, "config:0\n");
	l = bpflink_attach_kprobe(PROG, "do_unlinkat", &o);
	T_ASSERT(l);
	T_ASSERT_EQ(pe.type, 6);
	T_ASSERT_EQ(pe.config, 1);
	T_ASSERT(strcmp(pe.path, "do_unlinkat") == 0);
	T_ASSERT_EQ(pe.config2, 0);
	T_ASSERT_EQ(pe.pid, -1);
	T_ASSERT_EQ(pe.cpu, 0);
	T_ASSERT_EQ(lc.a.perf_event.bpf_cookie, 4);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	l = bpflink_attach_ksyscall(PROG, "bpf", &so);
	T_ASSERT(l);
#if defined(__x86_64__)
	T_ASSERT(strcmp(pe.path, "__x64_sys_bpf") == 0);
#endif
	T_ASSERT_EQ(pe.config, 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* this machine: no PMU, no kprobe_events */
	reset();
	T_ASSERT(!bpflink_attach_kprobe(PROG, "do_unlinkat", NULL));
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOENT);
	T_ASSERT_EQ(fake_count(FK_PERF_EVENT_OPEN, -1), 0);
	T_ASSERT_EQ(fake_count(FK_WRITE, -1), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT_EQ(in_use(), u);

	/* legacy kprobe_events */
	reset();
	fake_set_file(KP_EVENTS, "");
	o.offset = 8;
	o.retprobe = false;
	l = bpflink_attach_kprobe(PROG, "do_unlinkat", &o);
	T_ASSERT(l);
	T_ASSERT(strncmp(last_cmd, "p:kprobes/bpflink_4242_", 23) == 0);
	T_ASSERT(strstr(last_cmd, " do_unlinkat+8") != NULL);
	T_ASSERT_EQ(ev_count(), 1);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(ev_count(), 0);
	T_ASSERT(strncmp(last_cmd, "-:kprobes/bpflink_4242_", 23) == 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
	T_ASSERT(!bpflink_attach_kprobe(PROG, NULL, NULL));
	T_ASSERT(!bpflink_attach_ksyscall(PROG, "", NULL));
}

/* ---- BTF tracing, iterators, uprobe_multi ---------------------------------- */

static void test_trace(void)
{
	LIBBPF_OPTS(bpf_trace_opts, o, .cookie = 11);
	struct bpf_link *l;

	reset();
	l = bpflink_attach_trace(PROG, BPF_TRACE_FENTRY, &o);
	T_ASSERT(l);
	T_ASSERT_EQ(lc.a.attach_type, BPF_TRACE_FENTRY);
	T_ASSERT_EQ(lc.a.tracing.cookie, 11);
	T_ASSERT_EQ(lc.a.target_fd, 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), 2);

	/* old kernels: BPF_RAW_TRACEPOINT_OPEN(NULL), only without cookie */
	reset();
	lc_ret = -EINVAL;
	T_ASSERT(!bpflink_attach_trace(PROG, BPF_TRACE_FEXIT, &o));
	T_ASSERT_EQ(raw_n, 0);
	l = bpflink_attach_lsm(PROG);
	T_ASSERT(l);
	T_ASSERT_EQ(lc.a.attach_type, BPF_LSM_MAC);
	T_ASSERT_EQ(raw_n, 1);
	T_ASSERT_EQ(raw_name, 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);

	T_ASSERT(!bpflink_attach_trace(PROG, BPF_CGROUP_INET_INGRESS, NULL));
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
}

static void test_iter(void)
{
	union bpf_iter_link_info info;
	LIBBPF_OPTS(bpf_iter_attach_opts, o, .link_info = &info,
		    .link_info_len = sizeof(info));
	struct bpf_link *l;

	reset();
	memset(&info, 0, sizeof(info));
	info.map.map_fd = 42;
	l = bpflink_attach_iter(PROG, &o);
	T_ASSERT(l);
	T_ASSERT_EQ(lc.a.attach_type, BPF_TRACE_ITER);
	T_ASSERT_EQ(lc.a.iter.iter_info, (uintptr_t)&info);
	T_ASSERT_EQ(lc.a.iter.iter_info_len, sizeof(info));
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	l = bpflink_attach_iter(PROG, NULL);
	T_ASSERT(l);
	T_ASSERT_EQ(lc.a.iter.iter_info, 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_total(), 4);
	o.link_info_len = 0;
	T_ASSERT(!bpflink_attach_iter(PROG, &o));
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

static void test_uprobe_multi(void)
{
	unsigned long offs[3] = { 0x10, 0x20, 0x30 };
	unsigned long refs[3] = { 1, 2, 3 };
	__u64 cookies[3] = { 7, 8, 9 };
	const char *syms[1] = { "main" };
	LIBBPF_OPTS(bpf_uprobe_multi_opts, o, .offsets = offs,
		    .ref_ctr_offsets = refs, .cookies = cookies, .cnt = 3,
		    .retprobe = true);
	struct bpf_link *l;

	reset();
	l = bpflink_attach_uprobe_multi(PROG, 0, "/bin/true", NULL, &o);
	T_ASSERT(l);
	T_ASSERT_EQ(lc.a.attach_type, BL_BPF_TRACE_UPROBE_MULTI);
	T_ASSERT(strcmp(lc.path, "/bin/true") == 0);
	T_ASSERT_EQ(lc.a.uprobe_multi.cnt, 3);
	T_ASSERT_EQ(lc.offs[2], 0x30);
	T_ASSERT_EQ(lc.a.uprobe_multi.ref_ctr_offsets, (uintptr_t)refs);
	T_ASSERT_EQ(lc.a.uprobe_multi.cookies, (uintptr_t)cookies);
	T_ASSERT_EQ(lc.a.uprobe_multi.flags, BL_BPF_F_UPROBE_MULTI_RETURN);
	T_ASSERT_EQ(lc.a.uprobe_multi.pid, 4242); /* 0: the caller */
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	l = bpflink_attach_uprobe_multi(PROG, -1, "/bin/true", NULL, &o);
	T_ASSERT(l);
	T_ASSERT_EQ(lc.a.uprobe_multi.pid, 0);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);

	/* the rules of libbpf's opts, and the build-time bound */
	o.syms = syms;
	T_ASSERT(!bpflink_attach_uprobe_multi(PROG, -1, "/bin/true", NULL, &o));
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	o.syms = NULL;
	T_ASSERT(!bpflink_attach_uprobe_multi(PROG, -1, "/bin/true", "main", &o));
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);
	o.cnt = BPFLINK_UPROBE_MULTI_MAX + 1;
	T_ASSERT(!bpflink_attach_uprobe_multi(PROG, -1, "/bin/true", NULL, &o));
	T_ASSERT_EQ(libbpf_get_error(NULL), -E2BIG);
	o.cnt = 0;
	T_ASSERT(!bpflink_attach_uprobe_multi(PROG, -1, "/bin/true", NULL, &o));
	T_ASSERT_EQ(libbpf_get_error(NULL), -EINVAL);

	/* names need the binary mapped: that fails cleanly here */
	reset();
	fake_set_file("/bin/true", "\177ELF");
	o.offsets = NULL;
	o.syms = syms;
	o.cnt = 1;
	T_ASSERT(!bpflink_attach_uprobe_multi(PROG, -1, "/bin/true", NULL, &o));
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENODATA);
	T_ASSERT(!bpflink_attach_uprobe_multi(PROG, -1, "/bin/true", "ma*", NULL));
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENODATA);
	T_ASSERT_EQ(fake_count(FK_BPF, -1), 0);
	T_ASSERT_EQ(fake_open_fds(), 0);
}

/* ---- fault sweep -------------------------------------------------------- */

typedef void (*setup_fn)(void);
typedef struct bpf_link *(*attach_fn)(void);

static void s_tp(void) { tp_files(); }
static void s_tp_ioctl(void) { tp_files(); lc_ret = -EINVAL; }
static void s_up(void) { up_pmu_files(); }
static void s_up_legacy(void) { fake_set_file(UP_EVENTS, "p:uprobes/bpflink_999_0 /x:0x1\n"); ev_add("uprobes/bpflink_999_0"); }
static void s_up_stale(void)
{
	s_up_legacy();
	fake_fail(FK_KILL, -1, 1, ESRCH); /* pid 999 is gone */
}
static void s_kp(void) { fake_set_file(KP_TYPE, "6\n"); fake_set_file(KP_RET, "config:0\n"); }
static void s_kp_legacy(void) { fake_set_file(KP_EVENTS, ""); }
static void s_none(void) { }
static int sweep_pfd;
static void s_perf(void) { sweep_pfd = fake_new_fd(); }

static struct bpf_link *a_tp(void) { return tp_attach(); }
static struct bpf_link *a_up(void)
{
	LIBBPF_OPTS(bpf_uprobe_opts, o, .retprobe = true, .bpf_cookie = 1);
	return bpflink_attach_uprobe(PROG, -1, "/bin/true", 0x40, &o);
}
static struct bpf_link *a_up_legacy(void)
{
	LIBBPF_OPTS(bpf_uprobe_opts, o, .attach_mode = PROBE_ATTACH_MODE_LEGACY);
	return bpflink_attach_uprobe(PROG, -1, "/bin/true", 0x40, &o);
}
static struct bpf_link *a_kp(void)
{
	LIBBPF_OPTS(bpf_kprobe_opts, o, .retprobe = true);
	return bpflink_attach_kprobe(PROG, "do_unlinkat", &o);
}
static struct bpf_link *a_perf(void) { return bpflink_attach_perf_event(PROG, sweep_pfd, NULL); }
static struct bpf_link *a_trace(void) { return bpflink_attach_trace(PROG, BPF_TRACE_RAW_TP, NULL); }
static struct bpf_link *a_iter(void) { return bpflink_attach_iter(PROG, NULL); }
static struct bpf_link *a_raw(void) { return bpflink_attach_raw_tracepoint(PROG, "sys_enter", 0); }
static struct bpf_link *a_um(void)
{
	static unsigned long offs[2] = { 1, 2 };
	LIBBPF_OPTS(bpf_uprobe_multi_opts, o, .offsets = offs, .cnt = 2);
	return bpflink_attach_uprobe_multi(PROG, 0, "/bin/true", NULL, &o);
}

static int sweep_faults; /* failing calls that made attach fail */

/* Run attach + destroy once to learn its system calls, then again with
 * each of them failing in turn: every failure must be a clear error with
 * no fd, no tracefs event and no link slot left behind. */
static void sweep(const char *what, setup_fn setup, attach_fn attach, int err)
{
	struct fake_call calls[64];
	struct bpf_link *l;
	int n, base_ev;

	reset();
	setup();
	l = attach();
	if (!l)
		printf("    sweep %s: setup attach failed %ld\n", what,
		       libbpf_get_error(NULL));
	T_ASSERT(l);
	T_ASSERT_EQ(bpf_link__destroy(l), 0);
	n = fake_total();
	T_ASSERT(n <= 64);
	memcpy(calls, fake_log, sizeof(calls[0]) * (size_t)n);
	for (int i = 0; i < n; i++) {
		int cmd = calls[i].kind == FK_BPF ? (int)calls[i].a0 : -1;
		int nth = 0, fds;
		uint32_t u;
		int r;

		for (int j = 0; j <= i; j++)
			if (calls[j].kind == calls[i].kind &&
			    (cmd < 0 || calls[j].a0 == cmd))
				nth++;
		reset();
		setup();
		fds = fake_open_fds();
		base_ev = ev_count();
		u = in_use();
		fake_fail(calls[i].kind, cmd, nth, err);
		l = attach();
		if (!l) {
			long e = libbpf_get_error(NULL);

			if (e >= 0 || fake_open_fds() != fds ||
			    ev_count() > base_ev || in_use() != u)
				printf("    sweep %s: call %d (kind %d) -> err %ld "
				       "fds %d/%d events %d/%d\n", what, i,
				       calls[i].kind, e, fake_open_fds(), fds,
				       ev_count(), base_ev);
			T_ASSERT(e < 0);
			T_ASSERT_EQ(fake_open_fds(), fds);
			T_ASSERT(ev_count() <= base_ev);
			T_ASSERT_EQ(in_use(), u);
			sweep_faults++;
			continue;
		}
		r = bpf_link__destroy(l);
		T_ASSERT_EQ(fake_open_fds(), fds - (attach == a_perf));
		T_ASSERT_EQ(in_use(), u);
		/* a failed removal on destroy is reported, not hidden */
		T_ASSERT(r < 0 || ev_count() <= base_ev);
		T_ASSERT_EQ(fake_double_closes, 0);
	}
}

static void test_fault_sweep(void)
{
	int before;

	sweep_faults = 0;
	sweep("tracepoint", s_tp, a_tp, EIO);
	sweep("tracepoint-ioctl", s_tp_ioctl, a_tp, EIO);
	sweep("perf_event", s_perf, a_perf, EIO);
	sweep("uprobe-pmu", s_up, a_up, EIO);
	sweep("uprobe-legacy", s_up_legacy, a_up_legacy, EIO);
	sweep("uprobe-legacy-eperm", s_up_legacy, a_up_legacy, EPERM);
	sweep("uprobe-legacy-stale", s_up_stale, a_up_legacy, EIO);
	sweep("kprobe-pmu", s_kp, a_kp, EIO);
	sweep("kprobe-legacy", s_kp_legacy, a_kp, EIO);
	sweep("trace", s_none, a_trace, EIO);
	sweep("iter", s_none, a_iter, EIO);
	sweep("raw_tp", s_none, a_raw, EIO);
	sweep("uprobe_multi", s_none, a_um, EIO);
	before = sweep_faults;
	T_ASSERT(before > 30);
	printf("    %d injected failures made attach fail cleanly\n",
	       sweep_faults);
}

static void test_pool_full(void)
{
	struct bpf_link *ls[BPFLINK_MAX_LINKS];
	int n = 0;

	reset();
	tp_files();
	while (n < BPFLINK_MAX_LINKS &&
	       (ls[n] = bpflink_attach_raw_tracepoint(PROG, "x", 0)) != NULL)
		n++;
	fake_reset();
	T_ASSERT(!tp_attach());
	T_ASSERT_EQ(libbpf_get_error(NULL), -ENOSPC);
	T_ASSERT(!a_up());
	T_ASSERT(!a_iter());
	T_ASSERT(!a_trace());
	T_ASSERT_EQ(fake_total(), 0);
	for (int i = 0; i < n; i++)
		bpf_link__destroy(ls[i]);
}

int main(void)
{
	T_RUN(test_tracepoint_syscalls);
	T_RUN(test_tracepoint_roots_and_errors);
	T_RUN(test_tracepoint_ioctl_fallback);
	T_RUN(test_tracepoint_stale_cache);
	T_RUN(test_tracepoint_cache);
	T_RUN(test_raw_tracepoint_syscalls);
	T_RUN(test_perf_event);
	T_RUN(test_uprobe_pmu);
	T_RUN(test_uprobe_legacy);
	T_RUN(test_legacy_stale_events);
	T_RUN(test_kprobe);
	T_RUN(test_trace);
	T_RUN(test_iter);
	T_RUN(test_uprobe_multi);
	T_RUN(test_fault_sweep);
	T_RUN(test_pool_full);
	return T_EXIT_CODE();
}
