/* Attach to tracing hooks: tracepoint, raw tracepoint, perf event, uprobe, uprobe_multi, kprobe, BTF-typed tracing (fentry/fexit/fmod_ret/lsm/tp_btf), iterators.
 *
 * libbpf's opts structs for these hooks (first field sz, libbpf's field
 * names and order), and bpflink's fd-based attach functions
 * (bpflink_attach_*) that the libbpf-named bpf_program__attach_* wrappers
 * sit on once struct bpf_program exists. Included by <bpf/libbpf.h>; not
 * meant to be included on its own.
 *
 * Common rules:
 * - NULL on failure, the reason (a negative errno) kept for
 *   libbpf_get_error(NULL) / bpflink_last_error(). Bad arguments (negative
 *   fd, NULL name, invalid opts) give -EINVAL before any system call; a
 *   full link pool gives -ENOSPC before any system call.
 * - On failure nothing is left behind: no fd, no tracefs event, the link
 *   pool as before.
 * - Perf-event based links (tracepoint, perf event, uprobe, kprobe) are a
 *   BPF_LINK_CREATE(BPF_PERF_EVENT) kernel link on the perf event, or, on
 *   kernels without perf links (< 5.15), the perf event with
 *   PERF_EVENT_IOC_SET_BPF; a bpf_cookie needs the perf link (-EOPNOTSUPP
 *   otherwise). Destroy closes the link, then the perf event.
 * - tracefs: bpflink reads it at /sys/kernel/tracing, else at
 *   /sys/kernel/debug/tracing, and never mounts it (an initramfs agent
 *   mounts it itself: mount("nodev", "/sys/kernel/tracing", "tracefs")).
 */
#ifndef BPFLINK_LIBBPF_ATTACH_TRACE_H
#define BPFLINK_LIBBPF_ATTACH_TRACE_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

struct bpf_link;

/* ---- perf events ------------------------------------------------------- */

struct bpf_perf_event_opts {
	/* size of this struct, for forward/backward compatibility */
	size_t sz;
	/* custom user-provided value fetchable through bpf_get_attach_cookie() */
	__u64 bpf_cookie;
	/* don't use BPF link when attach BPF program */
	bool force_ioctl_attach;
	size_t :0;
};
#define bpf_perf_event_opts__last_field force_ioctl_attach

/* Attach PROG_FD (a perf_event, tracepoint, kprobe or uprobe program) to
 * the perf event PFD the caller opened, then PERF_EVENT_IOC_ENABLE it (as
 * libbpf does). On success the link owns PFD (destroy closes it); on
 * failure PFD stays the caller's, open. 2 system calls (3 when the kernel
 * has no perf links); destroy: 2 (1 for an ioctl attach). */
struct bpf_link *bpflink_attach_perf_event(int prog_fd, int pfd,
					   const struct bpf_perf_event_opts *opts);

/* ---- tracepoints ------------------------------------------------------- */

struct bpf_tracepoint_opts {
	/* size of this struct, for forward/backward compatibility */
	size_t sz;
	/* custom user-provided value fetchable through bpf_get_attach_cookie() */
	__u64 bpf_cookie;
};
#define bpf_tracepoint_opts__last_field bpf_cookie

/* Attach the tracepoint program PROG_FD to tracepoint TP_CATEGORY:TP_NAME.
 * The id comes from <tracefs>/events/CAT/NAME/id (3 system calls) and is
 * kept in a small cache (BPFLINK_TP_ID_CACHE entries, default 16, not for
 * the dynamic "kprobes"/"uprobes" categories), so a repeated attach costs 2
 * system calls: perf_event_open (pid -1, cpu 0, opened enabled: no ioctl)
 * and BPF_LINK_CREATE; destroy costs 2 (close, close).
 * Errors: -ENOENT: no such tracepoint, or tracefs is mounted at neither
 * /sys/kernel/tracing nor /sys/kernel/debug/tracing; -ENAMETOOLONG; the
 * kernel's. */
struct bpf_link *bpflink_attach_tracepoint(int prog_fd, const char *tp_category,
					   const char *tp_name,
					   const struct bpf_tracepoint_opts *opts);

/* Forget the cached tracepoint ids (for instance after tracefs events were
 * deleted and recreated). No system call. */
void bpflink_tracepoint_cache_clear(void);

/* ---- raw tracepoints --------------------------------------------------- */

struct bpf_raw_tracepoint_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	__u64 cookie;
	size_t :0;
};
#define bpf_raw_tracepoint_opts__last_field cookie

/* bpflink_attach_raw_tracepoint (bpflink.h) with libbpf's opts. */
struct bpf_link *bpflink_attach_raw_tracepoint_opts(int prog_fd,
						    const char *tp_name,
						    const struct bpf_raw_tracepoint_opts *opts);

/* ---- uprobes and kprobes ----------------------------------------------- */

/* How to attach a kprobe/uprobe (libbpf's enum). */
enum probe_attach_mode {
	/* attach probe in latest supported mode by kernel */
	PROBE_ATTACH_MODE_DEFAULT = 0,
	/* attach probe in legacy mode, using debugfs/tracefs */
	PROBE_ATTACH_MODE_LEGACY,
	/* create perf event with perf_event_open() syscall */
	PROBE_ATTACH_MODE_PERF,
	/* attach probe with BPF link */
	PROBE_ATTACH_MODE_LINK,
};

struct bpf_uprobe_opts {
	/* size of this struct, for forward/backward compatibility */
	size_t sz;
	/* offset of kernel reference counted USDT semaphore */
	size_t ref_ctr_offset;
	/* custom user-provided value fetchable through bpf_get_attach_cookie() */
	__u64 bpf_cookie;
	/* uprobe is return probe, invoked at function return time */
	bool retprobe;
	/* Function name to attach to; func_offset is then an offset inside
	 * the function. Looked up in the binary's .symtab and .dynsym
	 * (bpflink: no "name@LIB" versions). */
	const char *func_name;
	/* uprobe attach mode */
	enum probe_attach_mode attach_mode;
	size_t :0;
};
#define bpf_uprobe_opts__last_field attach_mode

/* Attach the kprobe-type program PROG_FD as a uprobe (uretprobe with
 * opts->retprobe) at file offset FUNC_OFFSET of BINARY_PATH (or at
 * func_name + FUNC_OFFSET). PID: -1 all processes, 0 the calling one, else
 * that process. BINARY_PATH must be a path (no search of $PATH or library
 * directories). Mechanism: the uprobe PMU (type and retprobe bit read once
 * from /sys/bus/event_source/devices/uprobe/, then cached); when the
 * kernel has none, a legacy tracefs event "bpflink_<pid>_<n>" in
 * <tracefs>/uprobe_events, removed on destroy (PROBE_ATTACH_MODE_LEGACY
 * forces that path; _PERF forces the ioctl attach; _LINK refuses it).
 * Legacy events of bpflink processes that no longer exist are removed on
 * the next legacy attach. Errors: -ENOENT (no such file or function;
 * neither the PMU nor tracefs), -EOPNOTSUPP (a mode the kernel lacks),
 * -ENAMETOOLONG, the kernel's. Cached PMU: 2 system calls, destroy 2. */
struct bpf_link *bpflink_attach_uprobe(int prog_fd, int pid,
				       const char *binary_path,
				       size_t func_offset,
				       const struct bpf_uprobe_opts *opts);

/* Build-time bound on the probes of one uprobe_multi link. */
#ifndef BPFLINK_UPROBE_MULTI_MAX
#define BPFLINK_UPROBE_MULTI_MAX 64
#endif

struct bpf_uprobe_multi_opts {
	/* size of this struct, for forward/backward compatibility */
	size_t sz;
	/* array of function symbols to attach to */
	const char **syms;
	/* array of function addresses to attach to */
	const unsigned long *offsets;
	/* optional, array of associated ref counter offsets */
	const unsigned long *ref_ctr_offsets;
	/* optional, array of associated BPF cookies */
	const __u64 *cookies;
	/* number of elements in syms/addrs/cookies arrays */
	size_t cnt;
	/* create return uprobes */
	bool retprobe;
	size_t :0;
};
#define bpf_uprobe_multi_opts__last_field retprobe

/* Attach PROG_FD (loaded with expected_attach_type
 * BPF_TRACE_UPROBE_MULTI) to several uprobes of BINARY_PATH with one
 * BPF_LINK_CREATE(BPF_TRACE_UPROBE_MULTI) (Linux 6.6+). Either
 * FUNC_PATTERN with no arrays in opts: a function name, or a glob ('*'
 * any run, '?' one character, as libbpf) matched against every defined
 * function of the binary's .symtab and .dynsym (each offset once; -ENOENT
 * when none matches); or opts->syms / opts->offsets (exclusive) with cnt,
 * ref_ctr_offsets and cookies optional. At most BPFLINK_UPROBE_MULTI_MAX
 * probes (build-time, default 64; -E2BIG). PID: -1 all processes, 0 the
 * caller, else that process. Names cost one mapping of the binary (open,
 * fstat, mmap, close, munmap); then 1 system call; destroy 1. */
struct bpf_link *bpflink_attach_uprobe_multi(int prog_fd, int pid,
					     const char *binary_path,
					     const char *func_pattern,
					     const struct bpf_uprobe_multi_opts *opts);

struct bpf_kprobe_opts {
	/* size of this struct, for forward/backward compatibility */
	size_t sz;
	/* custom user-provided value fetchable through bpf_get_attach_cookie() */
	__u64 bpf_cookie;
	/* function's offset to install kprobe to */
	size_t offset;
	/* kprobe is return probe */
	bool retprobe;
	/* kprobe attach mode */
	enum probe_attach_mode attach_mode;
	size_t :0;
};
#define bpf_kprobe_opts__last_field attach_mode

/* Attach PROG_FD as a kprobe (kretprobe) on kernel function FUNC_NAME
 * (+ opts->offset): the kprobe PMU, else a legacy tracefs event in
 * <tracefs>/kprobe_events, as for uprobes. A kernel built without kprobes
 * (no PMU, no kprobe_events) gives -ENOENT. */
struct bpf_link *bpflink_attach_kprobe(int prog_fd, const char *func_name,
				       const struct bpf_kprobe_opts *opts);

struct bpf_ksyscall_opts {
	/* size of this struct, for forward/backward compatibility */
	size_t sz;
	/* custom user-provided value fetchable through bpf_get_attach_cookie() */
	__u64 bpf_cookie;
	/* attach as return probe? */
	bool retprobe;
	size_t :0;
};
#define bpf_ksyscall_opts__last_field retprobe

/* A kprobe on the kernel's handler of system call SYSCALL_NAME ("bpf"):
 * "__x64_sys_NAME" on x86_64, "__arm64_sys_NAME" on aarch64 (the syscall
 * wrappers of those architectures since Linux 4.17/4.19). */
struct bpf_link *bpflink_attach_ksyscall(int prog_fd, const char *syscall_name,
					 const struct bpf_ksyscall_opts *opts);

/* ---- BTF-typed tracing -------------------------------------------------- */

struct bpf_trace_opts {
	/* size of this struct, for forward/backward compatibility */
	size_t sz;
	/* custom user-provided value fetchable through bpf_get_attach_cookie() */
	__u64 cookie;
};
#define bpf_trace_opts__last_field cookie

/* Attach a BPF_PROG_TYPE_TRACING (fentry/fexit/fmod_ret/tp_btf) or
 * BPF_PROG_TYPE_LSM program PROG_FD, loaded with its attach_btf_id, to
 * that target: BPF_LINK_CREATE(ATTACH_TYPE, which must be the program's
 * expected_attach_type: BPF_TRACE_FENTRY, BPF_TRACE_FEXIT,
 * BPF_MODIFY_RETURN, BPF_TRACE_RAW_TP or BPF_LSM_MAC) with the cookie;
 * on -EINVAL with no cookie, BPF_RAW_TRACEPOINT_OPEN(name NULL) (kernels
 * before link_create knew tracing programs). 1 system call (2 on the
 * fallback); destroy 1. */
struct bpf_link *bpflink_attach_trace(int prog_fd,
				      enum bpf_attach_type attach_type,
				      const struct bpf_trace_opts *opts);
/* The vmlinux BTF id a program of ATTACH_TYPE loads with (its
 * attach_btf_id) to hook NAME, as libbpf: BPF_TRACE_RAW_TP (tp_btf): the
 * typedef "btf_trace_NAME"; BPF_LSM_MAC / BPF_LSM_CGROUP: the function
 * "bpf_lsm_NAME"; BPF_TRACE_ITER: the function "bpf_iter_NAME";
 * BPF_TRACE_FENTRY / _FEXIT / BPF_MODIFY_RETURN: the function NAME.
 * Found in /sys/kernel/btf/vmlinux, mapped privately and walked once (about
 * 0.7 ms; 5 system calls). The id (> 0), or -ENOENT (no such type),
 * -EINVAL (other attach types), -ENAMETOOLONG, the syscalls' -errno. */
int libbpf_find_vmlinux_btf_id(const char *name,
			       enum bpf_attach_type attach_type);

/* bpflink_attach_trace(prog_fd, BPF_LSM_MAC, NULL). */
struct bpf_link *bpflink_attach_lsm(int prog_fd);

/* ---- iterators --------------------------------------------------------- */

struct bpf_iter_attach_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	union bpf_iter_link_info *link_info;
	__u32 link_info_len;
};
#define bpf_iter_attach_opts__last_field link_info_len

/* Attach the iterator program PROG_FD (BPF_PROG_TYPE_TRACING,
 * expected_attach_type BPF_TRACE_ITER) with BPF_LINK_CREATE(BPF_TRACE_ITER)
 * and opts->link_info (e.g. .map.map_fd for map iterators; none for task
 * iterators). Read it with bpf_iter_create(bpf_link__fd(link)) and read(2),
 * or pin the link and read the pin. 1 system call; destroy 1. */
struct bpf_link *bpflink_attach_iter(int prog_fd,
				     const struct bpf_iter_attach_opts *opts);

#ifdef __cplusplus
}
#endif

#endif
