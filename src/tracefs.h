/* Internal helpers of the tracing attach family (src/attach_tracepoint.c,
 * attach_perf.c, attach_uprobe*.c, attach_kprobe.c, attach_legacy.c):
 *
 * - bounded string building into caller buffers (paths, tracefs commands);
 * - ONE reader of small sysfs/tracefs files: open, one read into a stack
 *   buffer, close, parse a decimal number after an optional prefix. It is
 *   used for tracepoint ids (".../events/CAT/NAME/id"), PMU types
 *   (".../devices/uprobe/type") and the retprobe bit (".../format/retprobe",
 *   "config:0"). 3 system calls per file;
 * - the tracefs roots (/sys/kernel/tracing, then /sys/kernel/debug/tracing);
 * - the probe PMUs (uprobe, kprobe): type and retprobe bit, cached after the
 *   first successful read (atomics; a PMU's type is fixed until reboot);
 * - perf_event_open for tracepoint-like events and the common step that
 *   attaches a program to a perf event (perf link, ioctl fallback);
 * - the legacy tracefs probe events (attach_legacy.c).
 *
 * No heap, no libc; every system call through src/sys.h.
 */
#ifndef BPFLINK_TRACEFS_H
#define BPFLINK_TRACEFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "link.h"

/* Longest path or tracefs command bpflink builds (stack buffers). Longer
 * inputs give -ENAMETOOLONG. */
#ifndef BL_TRACEFS_PATH_MAX
#define BL_TRACEFS_PATH_MAX 512
#endif

/* ---- bounded strings ---------------------------------------------------- */

struct bl_sbuf {
	char *s;
	size_t cap; /* bytes of s, NUL included */
	size_t n;   /* length so far */
	int err;    /* -ENAMETOOLONG once something did not fit */
};

void bl_sb_init(struct bl_sbuf *b, char *s, size_t cap);
void bl_sb_str(struct bl_sbuf *b, const char *str);
void bl_sb_u64(struct bl_sbuf *b, uint64_t v);     /* decimal */
void bl_sb_hex(struct bl_sbuf *b, uint64_t v);     /* "0x..." */
/* 0, or -ENAMETOOLONG; s is always NUL-terminated. */
int bl_sb_done(const struct bl_sbuf *b);

/* A C string readable up to its NUL (ACSL, for the loader's proof). */
/*@ predicate bl_cstr{L}(char *s) =
      \forall integer i; 0 <= i ==>
        (\forall integer j; 0 <= j < i ==> s[j] != 0) ==> \valid_read(s + i);
    predicate bl_nz{L}(char *s, integer i) =
      \forall integer j; 0 <= j < i ==> s[j] != 0;
 */
/* (The loader's proof assumes this contract; its b is a string literal
 * there, whose NUL is assumed.) */
/*@ requires bl_cstr((char *)a);
    assigns \nothing; */
bool bl_streq(const char *a, const char *b);

/* ---- small files -------------------------------------------------------- */

/* Read the file at PATH (at most cap - 1 bytes, one read) into BUF,
 * NUL-terminated: its length, or -errno (open's -ENOENT when missing). */
int bl_read_small(const char *path, char *buf, size_t cap);

/* Read PATH and parse the decimal number that follows PREFIX (NULL: none)
 * at its start, e.g. "1234\n" or, with prefix "config:", "config:0".
 * 0 and *out, or -errno, or -EINVAL when the content does not parse. */
int bl_read_num(const char *path, const char *prefix, uint64_t *out);

/* ---- tracefs ------------------------------------------------------------ */

enum bl_tracefs_root {
	BL_TRACEFS_SYS = 0,   /* /sys/kernel/tracing */
	BL_TRACEFS_DEBUG = 1, /* /sys/kernel/debug/tracing */
};

/* "<root>/A[/B[/C]]" into BUF: 0 or -ENAMETOOLONG. */
int bl_tracefs_path(char *buf, size_t cap, enum bl_tracefs_root root,
		    const char *a, const char *b, const char *c);

/* The id of event CAT/NAME read from <root>/events/CAT/NAME/id. */
int bl_tracefs_event_id_at(enum bl_tracefs_root root, const char *cat,
			   const char *name, uint32_t *id);

/* The same, trying /sys/kernel/tracing, then /sys/kernel/debug/tracing
 * when the first gives -ENOENT. -ENOENT: tracefs is not mounted at either
 * place, or there is no such event. 3 system calls (4 for the second
 * root). */
int bl_tracefs_event_id(const char *cat, const char *name, uint32_t *id);

/* ---- probe PMUs --------------------------------------------------------- */

enum bl_pmu {
	BL_PMU_UPROBE = 0,
	BL_PMU_KPROBE = 1,
};

/* The PMU's perf type (/sys/bus/event_source/devices/<pmu>/type), cached
 * after the first success; -ENOENT when the kernel has no such PMU. */
int bl_pmu_type(enum bl_pmu pmu);
/* The config bit selecting a return probe (.../format/retprobe,
 * "config:N"), cached likewise. */
int bl_pmu_retprobe_bit(enum bl_pmu pmu);
/* Forget the cached values (tests). */
void bl_pmu_cache_reset(void);

/* ---- perf events -------------------------------------------------------- */

/* perf_event_open(2) of an event of perf TYPE with CONFIG/CONFIG1/CONFIG2,
 * sample_period 1, opened enabled; PID -1 (any process, on cpu 0, as libbpf
 * does) or a pid filter (cpu -1). The fd or -errno. 1 system call. */
int bl_perf_open(uint32_t type, uint64_t config, uint64_t config1,
		 uint64_t config2, int pid);

/* Attach PROG_FD to perf event PFD: BPF_LINK_CREATE(BPF_PERF_EVENT) with
 * COOKIE, unless FORCE_IOCTL; when the kernel has no perf links (-EINVAL or
 * -EOPNOTSUPP from BPF_LINK_CREATE) and no cookie is asked,
 * PERF_EVENT_IOC_SET_BPF (a cookie then gives -EOPNOTSUPP). NO_IOCTL
 * refuses the fallback (the link's error is returned).
 * Returns the new link fd, or PFD itself when the ioctl attached the
 * program, or -errno. Never closes PFD. 1-2 system calls. */
int bl_perf_attach_fd(int prog_fd, int pfd, uint64_t cookie, bool force_ioctl,
		      bool no_ioctl);

/* Fill LINK (allocated by the caller) from a successful bl_perf_attach_fd:
 * kind BL_LINK_PERF or BL_LINK_PERF_IOCTL (unless LINK is a
 * BL_LINK_LEGACY_PROBE, which keeps its kind). Inline: it is on the
 * tracepoint attach's hot path. */
static inline void bl_perf_link_set(struct bpf_link *link, int pfd, int fd)
{
	link->perf_fd = pfd;
	link->fd = fd;
	if (link->kind != (uint32_t)BL_LINK_LEGACY_PROBE) {
		link->kind = (fd == pfd) ? (uint32_t)BL_LINK_PERF_IOCTL
					 : (uint32_t)BL_LINK_PERF;
	}
}

/* ---- legacy tracefs probe events (attach_legacy.c) ---------------------- */

/* How a probe is attached: libbpf's enum probe_attach_mode values. */
#define BL_MODE_DEFAULT 0
#define BL_MODE_LEGACY 1
#define BL_MODE_PERF 2
#define BL_MODE_LINK 3

struct bl_probe {
	bool kprobe;          /* kprobe (else uprobe) */
	bool retprobe;
	const char *target;   /* uprobe: binary path; kprobe: function */
	uint64_t offset;      /* uprobe: file offset; kprobe: in function */
	uint64_t ref_ctr;     /* uprobe reference counter offset, or 0 */
	int pid;              /* uprobe pid filter, -1 for all */
	uint64_t cookie;
	int mode;             /* BL_MODE_* */
};

/* The PMU path: perf_event_open on the probe PMU + bl_perf_attach_fd.
 * A link, or NULL with the error recorded; *no_pmu is set when the PMU is
 * missing (-ENOENT; the caller may fall back to bl_legacy_attach). */
struct bpf_link *bl_probe_attach_pmu(int prog_fd, const struct bl_probe *p,
				     bool *no_pmu);

/* The legacy path: a tracefs event "bpflink_<pid>_<n>" written to
 * <tracefs>/uprobe_events (kprobe_events), its id read, perf_event_open,
 * bl_perf_attach_fd. Events a dead bpflink process left are removed first.
 * On any failure the event is removed again and nothing stays open. */
struct bpf_link *bl_legacy_attach(int prog_fd, const struct bl_probe *p);

/* Attach a probe by mode: PMU, with the legacy fallback when the PMU is
 * missing (BL_MODE_DEFAULT), or as the mode forces. */
struct bpf_link *bl_probe_attach(int prog_fd, const struct bl_probe *p);

#endif
