/* Shared pieces of the benchmark programs (these use libc): the raw-syscall
 * floor (syscall(2) directly, nothing cached but what the caller keeps),
 * clocks, medians, the private tracefs mount, and embedding the BPF
 * objects that clang built (BENCH_EMBED). */
#ifndef BENCH_H
#define BENCH_H

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The bytes of file PATH as [NAME_start, NAME_end) in .rodata. */
#define BENCH_EMBED(NAME, PATH)                                              \
	__asm__(".pushsection .rodata\n.balign 8\n.globl " #NAME "_start\n"  \
		#NAME "_start:\n.incbin \"" PATH "\"\n.globl " #NAME "_end\n" \
		#NAME "_end:\n.popsection\n");                               \
	extern const unsigned char NAME##_start[], NAME##_end[]

#define TP_CAT "task"
#define TP_NAME "task_rename"
#define TRACEFS "/sys/kernel/tracing"

static inline uint64_t bench_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int bench_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static inline uint64_t bench_median(uint64_t *v, size_t n)
{
	qsort(v, n, sizeof(*v), bench_cmp_u64);
	return n ? (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2) : 0;
}

/* ---- libbpf.so.1 by dlopen (programs that also link bpflink statically:
 * the two sets of libbpf names never meet) ------------------------------ */

static int bench_quiet(int level, const char *fmt, va_list ap)
{
	(void)level, (void)fmt, (void)ap;
	return 0;
}

static inline void *bench_dlsym(void *h, const char *name)
{
	void *p = dlsym(h, name);

	if (!p) {
		fprintf(stderr, "bench: dlsym %s failed\n", name);
		exit(2);
	}
	return p;
}

/* libbpf.so.1 opened RTLD_LOCAL, its printing silenced. */
static inline void *bench_libbpf(void)
{
	void *h = dlopen("libbpf.so.1", RTLD_NOW | RTLD_LOCAL);
	void *(*set_print)(void *);

	if (!h) {
		fprintf(stderr, "bench: dlopen(libbpf.so.1) failed\n");
		exit(2);
	}
	*(void **)&set_print = bench_dlsym(h, "libbpf_set_print");
	set_print((void *)bench_quiet);
	return h;
}

/* Set function pointer F to symbol N of handle H. */
#define BENCH_SYM(H, F, N) (*(void **)&(F) = bench_dlsym((H), (N)))

/* A private mount namespace with tracefs at /sys/kernel/tracing. */
static inline int bench_tracefs(void)
{
	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return -errno;
	if (access(TRACEFS "/events", F_OK) != 0 &&
	    mount("nodev", TRACEFS, "tracefs", 0, NULL) != 0)
		return -errno;
	return 0;
}

/* ---- the floor: the kernel work, nothing else ----------------------- */

static inline int floor_bpf(int cmd, union bpf_attr *a, unsigned int sz)
{
	return (int)syscall(__NR_bpf, cmd, a, sz);
}

static inline int floor_prog_load(int type, const struct bpf_insn *insns,
				  unsigned int n, const char *name)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = (unsigned int)type;
	a.insns = (uint64_t)(uintptr_t)insns;
	a.insn_cnt = n;
	a.license = (uint64_t)(uintptr_t)"GPL";
	if (name)
		strncpy(a.prog_name, name, sizeof(a.prog_name) - 1);
	return floor_bpf(BPF_PROG_LOAD, &a, sizeof(a));
}

/* raw_tp: BPF_RAW_TRACEPOINT_OPEN; destroy: close. */
static inline int floor_raw_tp(int prog, const char *tp)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a.raw_tracepoint));
	a.raw_tracepoint.name = (uint64_t)(uintptr_t)tp;
	a.raw_tracepoint.prog_fd = (uint32_t)prog;
	return floor_bpf(BPF_RAW_TRACEPOINT_OPEN, &a, sizeof(a.raw_tracepoint));
}

/* The tracepoint's id from tracefs (the floor reads it once and keeps it). */
static inline int floor_tp_id(const char *cat, const char *name)
{
	char path[256], buf[32];
	int fd, n;

	snprintf(path, sizeof(path), TRACEFS "/events/%s/%s/id", cat, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EINVAL;
	buf[n] = 0;
	return atoi(buf);
}

/* tracepoint: perf_event_open (enabled at open) + BPF_LINK_CREATE
 * (BPF_PERF_EVENT); *pfd receives the event. Destroy: close both. */
static inline int floor_tp(int prog, int id, int *pfd)
{
	struct perf_event_attr pa;
	union bpf_attr a;
	int fd;

	memset(&pa, 0, sizeof(pa));
	pa.type = PERF_TYPE_TRACEPOINT;
	pa.size = sizeof(pa);
	pa.config = (uint64_t)id;
	pa.sample_period = 1;
	pa.wakeup_events = 1;
	*pfd = (int)syscall(__NR_perf_event_open, &pa, -1, 0, -1,
			    PERF_FLAG_FD_CLOEXEC);
	if (*pfd < 0)
		return -errno;
	memset(&a, 0, sizeof(a.link_create));
	a.link_create.prog_fd = (uint32_t)prog;
	a.link_create.target_fd = (uint32_t)*pfd;
	a.link_create.attach_type = BPF_PERF_EVENT;
	fd = floor_bpf(BPF_LINK_CREATE, &a, sizeof(a.link_create));
	if (fd < 0) {
		fd = -errno;
		syscall(__NR_close, *pfd);
	}
	return fd;
}

static inline void floor_close(int fd)
{
	syscall(__NR_close, fd);
}

#endif
