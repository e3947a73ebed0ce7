/* Kernel ABI newer than the linux UAPI headers the toolchain ships.
 *
 * Debian 12's headers are Linux 6.1; bpflink must drive the running kernel
 * (6.18 on the project's machines) whatever the headers' age. Every value
 * here carries the kernel release that introduced it and was checked
 * against the kernel's include/uapi/linux/bpf.h. Values are bpflink's own
 * BL_ names, so they never clash with a newer header's enum members.
 *
 * The bpf_attr layouts whose members grew after 6.1 (or that src/bpf.c
 * fills up to a newer field) are given as per-command structs below, with
 * every offset asserted; src/bpf.c builds these instead of relying on the
 * header's union bpf_attr, and unit tests decode recorded attrs with them.
 */
#ifndef BPFLINK_COMPAT_H
#define BPFLINK_COMPAT_H

#include <stddef.h>
#include <linux/bpf.h>
#include <linux/fcntl.h>
#include <linux/types.h>

/* socket(2) type flag; the UAPI has no SOCK_CLOEXEC (it equals O_CLOEXEC). */
#define BL_SOCK_CLOEXEC O_CLOEXEC

/* bpf(2) commands: BPF_TOKEN_CREATE is 6.9. */
#define BL_BPF_TOKEN_CREATE 36

/* enum bpf_attach_type additions (6.1 ends at BPF_LSM_CGROUP = 43). */
#define BL_BPF_STRUCT_OPS 44		/* 6.4 (as attach type) */
#define BL_BPF_NETFILTER 45		/* 6.4 */
#define BL_BPF_TCX_INGRESS 46		/* 6.6 */
#define BL_BPF_TCX_EGRESS 47		/* 6.6 */
#define BL_BPF_TRACE_UPROBE_MULTI 48	/* 6.6 */
#define BL_BPF_CGROUP_UNIX_CONNECT 49	/* 6.7 */
#define BL_BPF_CGROUP_UNIX_SENDMSG 50	/* 6.7 */
#define BL_BPF_CGROUP_UNIX_RECVMSG 51	/* 6.7 */
#define BL_BPF_CGROUP_UNIX_GETPEERNAME 52 /* 6.7 */
#define BL_BPF_CGROUP_UNIX_GETSOCKNAME 53 /* 6.7 */
#define BL_BPF_NETKIT_PRIMARY 54	/* 6.7 */
#define BL_BPF_NETKIT_PEER 55		/* 6.7 */
#define BL_BPF_TRACE_KPROBE_SESSION 56	/* 6.10 */
#define BL_BPF_TRACE_UPROBE_SESSION 57	/* 6.13 */

/* enum bpf_link_type additions (6.1 ends at STRUCT_OPS = 9). */
#define BL_BPF_LINK_TYPE_NETFILTER 10	/* 6.4 */
#define BL_BPF_LINK_TYPE_TCX 11		/* 6.6 */
#define BL_BPF_LINK_TYPE_UPROBE_MULTI 12 /* 6.6 */
#define BL_BPF_LINK_TYPE_NETKIT 13	/* 6.7 */
#define BL_BPF_LINK_TYPE_SOCKMAP 14	/* 6.10 */

/* enum bpf_prog_type additions (6.1 ends at SYSCALL = 31). */
#define BL_BPF_PROG_TYPE_NETFILTER 32	/* 6.4 */

/* Flags. */
#define BL_BPF_F_LINK (1U << 13)	/* map_flags, 6.4: struct_ops link */
#define BL_BPF_F_PATH_FD (1U << 14)	/* obj pin/get file_flags, 6.5 */
#define BL_BPF_F_TOKEN_FD (1U << 16)	/* map/prog/btf flags, 6.9 */
#define BL_BPF_F_UPROBE_MULTI_RETURN (1U << 0) /* uprobe_multi.flags, 6.6 */
#define BL_BPF_F_BEFORE (1U << 3)	/* tcx/mprog ordering, 6.6 */
#define BL_BPF_F_AFTER (1U << 4)	/* 6.6 */
#define BL_BPF_F_ID (1U << 5)		/* 6.6 */

#define BL_ATTR_ASSERT(T, F, OFF)                                            \
	_Static_assert(offsetof(struct T, F) == (OFF), #T "." #F)

/* BPF_MAP_CREATE. map_extra 5.16, value_type_btf_obj_fd and map_token_fd
 * 6.9. src/bpf.c sends 80 bytes. */
struct bl_attr_map_create {
	__u32 map_type;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 map_flags;
	__u32 inner_map_fd;
	__u32 numa_node;
	char map_name[16];
	__u32 map_ifindex;
	__u32 btf_fd;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_vmlinux_value_type_id;
	__u64 map_extra;
	__s32 value_type_btf_obj_fd;
	__s32 map_token_fd;
};
BL_ATTR_ASSERT(bl_attr_map_create, map_name, 28);
BL_ATTR_ASSERT(bl_attr_map_create, btf_vmlinux_value_type_id, 60);
BL_ATTR_ASSERT(bl_attr_map_create, map_extra, 64);
BL_ATTR_ASSERT(bl_attr_map_create, map_token_fd, 76);

/* BPF_PROG_LOAD. log_true_size 6.4, prog_token_fd 6.9 (fd_array_cnt, 6.14,
 * is not used). src/bpf.c sends 148 bytes. */
struct bl_attr_prog_load {
	__u32 prog_type;
	__u32 insn_cnt;
	__aligned_u64 insns;
	__aligned_u64 license;
	__u32 log_level;
	__u32 log_size;
	__aligned_u64 log_buf;
	__u32 kern_version;
	__u32 prog_flags;
	char prog_name[16];
	__u32 prog_ifindex;
	__u32 expected_attach_type;
	__u32 prog_btf_fd;
	__u32 func_info_rec_size;
	__aligned_u64 func_info;
	__u32 func_info_cnt;
	__u32 line_info_rec_size;
	__aligned_u64 line_info;
	__u32 line_info_cnt;
	__u32 attach_btf_id;
	__u32 attach_prog_fd; /* or attach_btf_obj_fd */
	__u32 core_relo_cnt;
	__aligned_u64 fd_array;
	__aligned_u64 core_relos;
	__u32 core_relo_rec_size;
	__u32 log_true_size;
	__s32 prog_token_fd;
	__u32 fd_array_cnt;
};
BL_ATTR_ASSERT(bl_attr_prog_load, log_buf, 32);
BL_ATTR_ASSERT(bl_attr_prog_load, prog_name, 48);
BL_ATTR_ASSERT(bl_attr_prog_load, expected_attach_type, 68);
BL_ATTR_ASSERT(bl_attr_prog_load, func_info, 80);
BL_ATTR_ASSERT(bl_attr_prog_load, line_info, 96);
BL_ATTR_ASSERT(bl_attr_prog_load, attach_btf_id, 108);
BL_ATTR_ASSERT(bl_attr_prog_load, fd_array, 120);
BL_ATTR_ASSERT(bl_attr_prog_load, log_true_size, 140);
BL_ATTR_ASSERT(bl_attr_prog_load, prog_token_fd, 144);

/* BPF_BTF_LOAD. btf_log_true_size 6.4, btf_flags/btf_token_fd 6.9.
 * src/bpf.c sends 40 bytes. */
struct bl_attr_btf_load {
	__aligned_u64 btf;
	__aligned_u64 btf_log_buf;
	__u32 btf_size;
	__u32 btf_log_size;
	__u32 btf_log_level;
	__u32 btf_log_true_size;
	__u32 btf_flags;
	__s32 btf_token_fd;
};
BL_ATTR_ASSERT(bl_attr_btf_load, btf_log_true_size, 28);
BL_ATTR_ASSERT(bl_attr_btf_load, btf_token_fd, 36);

/* BPF_OBJ_PIN / BPF_OBJ_GET. path_fd 6.5. src/bpf.c sends 20 bytes. */
struct bl_attr_obj {
	__aligned_u64 pathname;
	__u32 bpf_fd;
	__u32 file_flags;
	__s32 path_fd;
};
BL_ATTR_ASSERT(bl_attr_obj, path_fd, 16);

/* BPF_PROG_ATTACH / BPF_PROG_DETACH. replace_bpf_fd 5.6, relative_fd /
 * relative_id and expected_revision 6.6. src/bpf.c sends 32 bytes. */
struct bl_attr_prog_attach {
	__u32 target_fd; /* or target_ifindex */
	__u32 attach_bpf_fd;
	__u32 attach_type;
	__u32 attach_flags;
	__u32 replace_bpf_fd;
	__u32 relative_fd; /* or relative_id */
	__u64 expected_revision;
};
BL_ATTR_ASSERT(bl_attr_prog_attach, relative_fd, 20);
BL_ATTR_ASSERT(bl_attr_prog_attach, expected_revision, 24);

/* BPF_LINK_CREATE. The union at offset 16 grew: tracing.cookie 5.19,
 * netfilter 6.4, tcx 6.6, uprobe_multi 6.6 (pid 6.7), netkit 6.7, cgroup
 * (mprog ordering) 6.16. src/bpf.c sends the whole 64 bytes. */
struct bl_attr_link_create {
	__u32 prog_fd; /* or map_fd (struct_ops) */
	__u32 target_fd; /* or target_ifindex */
	__u32 attach_type;
	__u32 flags;
	union {
		__u32 target_btf_id;
		struct {
			__aligned_u64 iter_info;
			__u32 iter_info_len;
		} iter;
		struct {
			__u64 bpf_cookie;
		} perf_event;
		struct {
			__u32 flags;
			__u32 cnt;
			__aligned_u64 syms;
			__aligned_u64 addrs;
			__aligned_u64 cookies;
		} kprobe_multi;
		struct {
			__u32 target_btf_id;
			__u32 pad;
			__u64 cookie;
		} tracing;
		struct {
			__u32 pf;
			__u32 hooknum;
			__s32 priority;
			__u32 flags;
		} netfilter;
		struct { /* tcx, netkit and cgroup share this shape */
			__u32 relative_fd; /* or relative_id (BPF_F_ID) */
			__u32 pad;
			__u64 expected_revision;
		} mprog;
		struct {
			__aligned_u64 path;
			__aligned_u64 offsets;
			__aligned_u64 ref_ctr_offsets;
			__aligned_u64 cookies;
			__u32 cnt;
			__u32 flags;
			__u32 pid;
		} uprobe_multi;
	};
};
BL_ATTR_ASSERT(bl_attr_link_create, target_btf_id, 16);
BL_ATTR_ASSERT(bl_attr_link_create, iter.iter_info_len, 24);
BL_ATTR_ASSERT(bl_attr_link_create, kprobe_multi.cookies, 40);
BL_ATTR_ASSERT(bl_attr_link_create, tracing.cookie, 24);
BL_ATTR_ASSERT(bl_attr_link_create, netfilter.flags, 28);
BL_ATTR_ASSERT(bl_attr_link_create, mprog.expected_revision, 24);
BL_ATTR_ASSERT(bl_attr_link_create, uprobe_multi.cnt, 48);
BL_ATTR_ASSERT(bl_attr_link_create, uprobe_multi.pid, 56);
_Static_assert(sizeof(struct bl_attr_link_create) == 64, "link_create");

/* BPF_RAW_TRACEPOINT_OPEN. cookie 6.10. src/bpf.c sends 24 bytes. */
struct bl_attr_raw_tp {
	__u64 name;
	__u32 prog_fd;
	__u32 pad;
	__aligned_u64 cookie;
};
BL_ATTR_ASSERT(bl_attr_raw_tp, cookie, 16);

#endif
