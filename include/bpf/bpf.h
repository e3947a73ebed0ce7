/* bpflink: libbpf's low-level BPF calls (libbpf's bpf.h), by libbpf's names,
 * signatures and opts structs (libbpf 1.3+ layout: first field `size_t sz`).
 *
 * Conventions, as in libbpf except where noted:
 * - int results: >= 0 (an fd, or 0) on success, -errno (kernel values) on
 *   failure. errno is never touched (libbpf also sets errno; bpflink does not).
 * - opts may be NULL. A field that does not fit in opts->sz is absent (zero);
 *   an sz below sizeof(size_t), or a larger sz whose bytes past the fields
 *   bpflink knows are not all zero, gives -EINVAL with no system call.
 * - Bad input is refused before any system call: a negative fd gives -EBADF
 *   (what the kernel would say); a NULL pointer that is required, a zero or
 *   oversized count, or fields that contradict each other give -EINVAL.
 * - Each call zeroes its bpf_attr up to the last field that call can set and
 *   passes that size to the kernel; newer fields are zero, so older kernels
 *   accept the larger size. Sizes are listed per call below.
 * - Every fd returned is close-on-exec and >= 3 (see src/sys.h); on failure
 *   no fd is left open.
 * - One system call per function unless stated otherwise.
 * Differences: bpf_link_create does not fall back to BPF_RAW_TRACEPOINT_OPEN
 * for tracing programs on kernels without BPF_LINK_CREATE for them (< 5.x);
 * bpf_prog_load does not probe for program-name support (always sends it).
 */
#ifndef BPFLINK_BPF_H
#define BPFLINK_BPF_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- maps -------------------------------------------------------------- */

struct bpf_map_create_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */

	__u32 btf_fd;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_vmlinux_value_type_id;

	__u32 inner_map_fd;
	__u32 map_flags;
	__u64 map_extra;

	__u32 numa_node;
	__u32 map_ifindex;
	__s32 value_type_btf_obj_fd;

	__u32 token_fd;
	size_t :0;
};
#define bpf_map_create_opts__last_field token_fd

/* BPF_MAP_CREATE, attr size 80 (up to map_token_fd). map_name may be NULL;
 * it is truncated to BPF_OBJ_NAME_LEN - 1 bytes. key_size may be 0 (queue,
 * stack, bloom filter maps); value_size and max_entries are checked by the
 * kernel. token_fd sets BPF_F_TOKEN_FD as libbpf does. */
LIBBPF_API int bpf_map_create(enum bpf_map_type map_type,
			      const char *map_name,
			      __u32 key_size,
			      __u32 value_size,
			      __u32 max_entries,
			      const struct bpf_map_create_opts *opts);

/* Element calls: attr size 32 (up to flags). key may be NULL where the map
 * type takes none (queue, stack, bloom filter); value / next_key are
 * required (-EINVAL); delete requires key. get_next_key with key NULL gives
 * the first key. The kernel's -ENOENT (no such key / no next key), -EEXIST
 * (BPF_NOEXIST), -E2BIG (full) pass through. */
LIBBPF_API int bpf_map_update_elem(int fd, const void *key, const void *value,
				   __u64 flags);
LIBBPF_API int bpf_map_lookup_elem(int fd, const void *key, void *value);
LIBBPF_API int bpf_map_lookup_elem_flags(int fd, const void *key, void *value,
					 __u64 flags);
LIBBPF_API int bpf_map_lookup_and_delete_elem(int fd, const void *key,
					      void *value);
LIBBPF_API int bpf_map_lookup_and_delete_elem_flags(int fd, const void *key,
						    void *value, __u64 flags);
LIBBPF_API int bpf_map_delete_elem(int fd, const void *key);
LIBBPF_API int bpf_map_delete_elem_flags(int fd, const void *key, __u64 flags);
LIBBPF_API int bpf_map_get_next_key(int fd, const void *key, void *next_key);
/* BPF_MAP_FREEZE, attr size 4. */
LIBBPF_API int bpf_map_freeze(int fd);

/* ---- programs ---------------------------------------------------------- */

struct bpf_prog_load_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */

	/* Attempts at BPF_PROG_LOAD while the kernel says -EAGAIN; 0 means the
	 * default, 5. */
	int attempts;

	enum bpf_attach_type expected_attach_type;
	__u32 prog_btf_fd;
	__u32 prog_flags;
	__u32 prog_ifindex;
	__u32 kern_version;

	__u32 attach_btf_id;
	__u32 attach_prog_fd;
	__u32 attach_btf_obj_fd;

	const int *fd_array;

	/* .BTF.ext func info data */
	const void *func_info;
	__u32 func_info_cnt;
	__u32 func_info_rec_size;

	/* .BTF.ext line info data */
	const void *line_info;
	__u32 line_info_cnt;
	__u32 line_info_rec_size;

	/* verifier log options */
	__u32 log_level;
	__u32 log_size;
	char *log_buf;
	/* output: the size the whole log needed, NUL included (Linux 6.4+;
	 * left unchanged by older kernels) */
	__u32 log_true_size;
	__u32 token_fd;
	size_t :0;
};
#define bpf_prog_load_opts__last_field token_fd

/* BPF_PROG_LOAD, attr size 148 (up to prog_token_fd). insns must be
 * non-NULL with 1 <= insn_cnt <= UINT32_MAX; license non-NULL; prog_name
 * may be NULL (truncated to BPF_OBJ_NAME_LEN - 1). log_buf and log_size go
 * together, and a log_level needs a log_buf (-EINVAL otherwise).
 * Retries while the kernel says -EAGAIN (opts->attempts, default 5).
 * With log_buf set and log_level 0, a failed load is retried once with
 * log_level 1 so the verifier's message lands in log_buf (as libbpf does):
 * that failure costs 2 system calls, and the result is the retry's. */
LIBBPF_API int bpf_prog_load(enum bpf_prog_type prog_type,
			     const char *prog_name, const char *license,
			     const struct bpf_insn *insns, size_t insn_cnt,
			     struct bpf_prog_load_opts *opts);

/* Recommended log buffer size */
#define BPF_LOG_BUF_SIZE (UINT32_MAX >> 8) /* verifier maximum in kernels <= 5.1 */

struct bpf_btf_load_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */

	/* kernel log options */
	char *log_buf;
	__u32 log_level;
	__u32 log_size;
	/* output: actual total log contents size (Linux 6.4+) */
	__u32 log_true_size;

	__u32 btf_flags;
	__u32 token_fd;
	size_t :0;
};
#define bpf_btf_load_opts__last_field token_fd

/* BPF_BTF_LOAD, attr size 40 (up to btf_token_fd). btf_data non-NULL,
 * 1 <= btf_size <= UINT32_MAX. Same log rules and log retry as
 * bpf_prog_load. */
LIBBPF_API int bpf_btf_load(const void *btf_data, size_t btf_size,
			    struct bpf_btf_load_opts *opts);

/* ---- pinning ----------------------------------------------------------- */

struct bpf_obj_pin_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */

	__u32 file_flags;
	int path_fd;

	size_t :0;
};
#define bpf_obj_pin_opts__last_field path_fd

/* BPF_OBJ_PIN / BPF_OBJ_GET, attr size 20 (up to path_fd, Linux 6.5; set
 * BPF_F_PATH_FD in file_flags to use it). pathname non-NULL. */
LIBBPF_API int bpf_obj_pin(int fd, const char *pathname);
LIBBPF_API int bpf_obj_pin_opts(int fd, const char *pathname,
				const struct bpf_obj_pin_opts *opts);

struct bpf_obj_get_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */

	__u32 file_flags;
	int path_fd;

	size_t :0;
};
#define bpf_obj_get_opts__last_field path_fd

LIBBPF_API int bpf_obj_get(const char *pathname);
LIBBPF_API int bpf_obj_get_opts(const char *pathname,
				const struct bpf_obj_get_opts *opts);

/* ---- legacy attach (cgroup, sockmap, flow dissector, tcx by ifindex) --- */

/* BPF_PROG_ATTACH / BPF_PROG_DETACH, attr size 32 (up to
 * expected_revision). bpf_prog_detach sends prog fd 0 ("any program"), as
 * libbpf does. */
LIBBPF_API int bpf_prog_attach(int prog_fd, int attachable_fd,
			       enum bpf_attach_type type, unsigned int flags);
LIBBPF_API int bpf_prog_detach(int attachable_fd, enum bpf_attach_type type);
LIBBPF_API int bpf_prog_detach2(int prog_fd, int attachable_fd,
				enum bpf_attach_type type);

struct bpf_prog_attach_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	__u32 flags;
	union {
		int replace_prog_fd;
		int replace_fd;
	};
	int relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_prog_attach_opts__last_field expected_revision

struct bpf_prog_detach_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	__u32 flags;
	int relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_prog_detach_opts__last_field expected_revision

/* relative_fd and relative_id exclude each other (-EINVAL); relative_id
 * adds BPF_F_ID to flags. target is an fd or, for tcx/netkit, an ifindex. */
LIBBPF_API int bpf_prog_attach_opts(int prog_fd, int target,
				    enum bpf_attach_type type,
				    const struct bpf_prog_attach_opts *opts);
LIBBPF_API int bpf_prog_detach_opts(int prog_fd, int target,
				    enum bpf_attach_type type,
				    const struct bpf_prog_detach_opts *opts);

/* ---- links ------------------------------------------------------------- */

union bpf_iter_link_info; /* defined in linux/bpf.h */
struct bpf_link_create_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	__u32 flags;
	union bpf_iter_link_info *iter_info;
	__u32 iter_info_len;
	__u32 target_btf_id;
	union {
		struct {
			__u64 bpf_cookie;
		} perf_event;
		struct {
			__u32 flags;
			__u32 cnt;
			const char **syms;
			const unsigned long *addrs;
			const __u64 *cookies;
		} kprobe_multi;
		struct {
			__u32 flags;
			__u32 cnt;
			const char *path;
			const unsigned long *offsets;
			const unsigned long *ref_ctr_offsets;
			const __u64 *cookies;
			__u32 pid;
		} uprobe_multi;
		struct {
			__u64 cookie;
		} tracing;
		struct {
			__u32 pf;
			__u32 hooknum;
			__s32 priority;
			__u32 flags;
		} netfilter;
		struct {
			__u32 relative_fd;
			__u32 relative_id;
			__u64 expected_revision;
		} tcx;
		struct {
			__u32 relative_fd;
			__u32 relative_id;
			__u64 expected_revision;
		} netkit;
		struct {
			__u32 relative_fd;
			__u32 relative_id;
			__u64 expected_revision;
		} cgroup;
	};
	size_t :0;
};
#define bpf_link_create_opts__last_field uprobe_multi.pid

/* BPF_LINK_CREATE, attr size 64 (the whole link_create member, Linux 6.6+
 * layout; the fields a kernel lacks are zero). The opts union member used
 * is chosen by attach_type, as libbpf does: BPF_TRACE_ITER iter_info;
 * BPF_PERF_EVENT perf_event; BPF_TRACE_KPROBE_MULTI/_SESSION kprobe_multi;
 * BPF_TRACE_UPROBE_MULTI/_SESSION uprobe_multi (path, offsets and cnt
 * required); BPF_TRACE_RAW_TP/FENTRY/FEXIT/MODIFY_RETURN/LSM_MAC tracing;
 * BPF_NETFILTER netfilter; BPF_TCX_* tcx; BPF_NETKIT_* netkit; cgroup
 * attach types cgroup (Linux 6.16+ ordering). Bytes of opts past the member
 * used must be zero (-EINVAL); target_btf_id excludes iter_info and every
 * union member. relative_fd and relative_id exclude each other;
 * relative_id adds BPF_F_ID to flags. */
LIBBPF_API int bpf_link_create(int prog_fd, int target_fd,
			       enum bpf_attach_type attach_type,
			       const struct bpf_link_create_opts *opts);

/* BPF_LINK_DETACH, attr size 4. */
LIBBPF_API int bpf_link_detach(int link_fd);

struct bpf_link_update_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	__u32 flags;	   /* extra flags */
	__u32 old_prog_fd; /* expected old program FD */
	__u32 old_map_fd;  /* expected old map FD */
};
#define bpf_link_update_opts__last_field old_map_fd

/* BPF_LINK_UPDATE, attr size 16. old_prog_fd and old_map_fd exclude each
 * other (-EINVAL). */
LIBBPF_API int bpf_link_update(int link_fd, int new_prog_fd,
			       const struct bpf_link_update_opts *opts);

/* BPF_ITER_CREATE, attr size 8: an fd to read the iterator's output. */
LIBBPF_API int bpf_iter_create(int link_fd);

struct bpf_raw_tp_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	const char *tp_name;
	__u64 cookie;
	size_t :0;
};
#define bpf_raw_tp_opts__last_field cookie

/* BPF_RAW_TRACEPOINT_OPEN, attr size 24 (up to cookie, Linux 6.10; zero on
 * older kernels). tp_name may be NULL for tp_btf/tracing programs. Returns
 * a kernel link fd. */
LIBBPF_API int bpf_raw_tracepoint_open_opts(int prog_fd,
					    struct bpf_raw_tp_opts *opts);
LIBBPF_API int bpf_raw_tracepoint_open(const char *name, int prog_fd);

/* ---- ids, fds and info ------------------------------------------------- */

/* BPF_*_GET_NEXT_ID, attr size 12: 0 and *next_id set, or -ENOENT after
 * the last id. next_id non-NULL. */
LIBBPF_API int bpf_prog_get_next_id(__u32 start_id, __u32 *next_id);
LIBBPF_API int bpf_map_get_next_id(__u32 start_id, __u32 *next_id);
LIBBPF_API int bpf_btf_get_next_id(__u32 start_id, __u32 *next_id);
LIBBPF_API int bpf_link_get_next_id(__u32 start_id, __u32 *next_id);

struct bpf_get_fd_by_id_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	__u32 open_flags; /* permissions requested for the operation on fd */
	size_t :0;
};
#define bpf_get_fd_by_id_opts__last_field open_flags

/* BPF_*_GET_FD_BY_ID, attr size 12 (up to open_flags). */
LIBBPF_API int bpf_prog_get_fd_by_id(__u32 id);
LIBBPF_API int bpf_prog_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts);
LIBBPF_API int bpf_map_get_fd_by_id(__u32 id);
LIBBPF_API int bpf_map_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts);
LIBBPF_API int bpf_btf_get_fd_by_id(__u32 id);
LIBBPF_API int bpf_btf_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts);
LIBBPF_API int bpf_link_get_fd_by_id(__u32 id);
LIBBPF_API int bpf_link_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts);

/* BPF_OBJ_GET_INFO_BY_FD, attr size 16. info and info_len non-NULL,
 * *info_len > 0; on success *info_len is the size the kernel filled.
 * info should be zeroed by the caller (the kernel reads some fields). */
LIBBPF_API int bpf_obj_get_info_by_fd(int bpf_fd, void *info, __u32 *info_len);
LIBBPF_API int bpf_prog_get_info_by_fd(int prog_fd, struct bpf_prog_info *info,
				       __u32 *info_len);
LIBBPF_API int bpf_map_get_info_by_fd(int map_fd, struct bpf_map_info *info,
				      __u32 *info_len);
LIBBPF_API int bpf_btf_get_info_by_fd(int btf_fd, struct bpf_btf_info *info,
				      __u32 *info_len);
LIBBPF_API int bpf_link_get_info_by_fd(int link_fd, struct bpf_link_info *info,
				       __u32 *info_len);

/* ---- test run ---------------------------------------------------------- */

struct bpf_test_run_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	const void *data_in; /* optional */
	void *data_out;      /* optional */
	__u32 data_size_in;
	__u32 data_size_out; /* in: max length of data_out
			      * out: length of data_out
			      */
	const void *ctx_in; /* optional */
	void *ctx_out;      /* optional */
	__u32 ctx_size_in;
	__u32 ctx_size_out; /* in: max length of ctx_out
			     * out: length of cxt_out
			     */
	__u32 retval;        /* out: return code of the BPF program */
	int repeat;
	__u32 duration;      /* out: average per repetition in ns */
	__u32 flags;
	__u32 cpu;
	__u32 batch_size;
};
#define bpf_test_run_opts__last_field batch_size

/* BPF_PROG_TEST_RUN, attr size 76 (up to batch_size). The outputs
 * (retval, duration, data_size_out, ctx_size_out) are written back into
 * opts where they fit in opts->sz, after the call whatever its result (as
 * libbpf does). */
LIBBPF_API int bpf_prog_test_run_opts(int prog_fd,
				      struct bpf_test_run_opts *opts);

#ifdef __cplusplus
}
#endif

#endif
