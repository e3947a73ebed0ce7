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

/* enum bpf_prog_type additions (6.1 ends at SYSCALL = 31). */
#define BL_BPF_PROG_TYPE_NETFILTER 32	/* 6.4 */

/* Flags, as unsigned constants (a shift of 1U past its 8-bit essential
 * type is MISRA 12.2): the kernel writes them as 1U << n. */
#define BL_BPF_F_LINK 0x2000U		/* 1U << 13: map_flags (6.4), mprog */
#define BL_BPF_F_TOKEN_FD 0x10000U	/* 1U << 16: map/prog/btf flags, 6.9 */
#define BL_BPF_F_UPROBE_MULTI_RETURN 0x1U /* 1U << 0: uprobe_multi.flags, 6.6 */
#define BL_BPF_F_BEFORE 0x8U		/* 1U << 3: tcx/mprog ordering, 6.6 */
#define BL_BPF_F_AFTER 0x10U		/* 1U << 4: 6.6 */
#define BL_BPF_F_ID 0x20U		/* 1U << 5: 6.6 */

/* The mprog flags (6.6) share prog_attach's attach_flags and
 * link_create's flags with the 6.1 attach flags, and bpflink ORs BPF_F_ID
 * into the caller's flags: all distinct bits. */
_Static_assert(((BPF_F_ALLOW_OVERRIDE | BPF_F_ALLOW_MULTI | BPF_F_REPLACE) &
		(BL_BPF_F_BEFORE | BL_BPF_F_AFTER | BL_BPF_F_ID |
		 BL_BPF_F_LINK)) == 0U,
	       "mprog flags are bits of their own");

/* ioctl request numbers, as unsigned constants (the UAPI's _IO() macros
 * shift signed ints: MISRA 10.1/12.2). tests/unit/test_attach_net.c's fake
 * ioctl compares the requests it receives with the UAPI macros. */
#define BL_NS_GET_NSTYPE 0xb703U /* <linux/nsfs.h> NS_GET_NSTYPE (_IO) */
#define BL_SIOCGIFINDEX 0x8933U	/* <linux/sockios.h> SIOCGIFINDEX */

/* Each layout below is checked field by field. offsetof's size_t is cast
 * to size_t for cppcheck, which does not know offsetof's type (as in
 * offsetofend, include/bpf/libbpf_common.h). */

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
_Static_assert((size_t)offsetof(struct bl_attr_map_create, map_name) == 28U,
	       "bl_attr_map_create.map_name");
_Static_assert((size_t)offsetof(struct bl_attr_map_create,
				btf_vmlinux_value_type_id) == 60U,
	       "bl_attr_map_create.btf_vmlinux_value_type_id");
_Static_assert((size_t)offsetof(struct bl_attr_map_create, map_extra) == 64U,
	       "bl_attr_map_create.map_extra");
_Static_assert((size_t)offsetof(struct bl_attr_map_create, map_token_fd) == 76U,
	       "bl_attr_map_create.map_token_fd");

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
_Static_assert((size_t)offsetof(struct bl_attr_prog_load, log_buf) == 32U,
	       "bl_attr_prog_load.log_buf");
_Static_assert((size_t)offsetof(struct bl_attr_prog_load, prog_name) == 48U,
	       "bl_attr_prog_load.prog_name");
_Static_assert((size_t)offsetof(struct bl_attr_prog_load,
				expected_attach_type) == 68U,
	       "bl_attr_prog_load.expected_attach_type");
_Static_assert((size_t)offsetof(struct bl_attr_prog_load, func_info) == 80U,
	       "bl_attr_prog_load.func_info");
_Static_assert((size_t)offsetof(struct bl_attr_prog_load, line_info) == 96U,
	       "bl_attr_prog_load.line_info");
_Static_assert((size_t)offsetof(struct bl_attr_prog_load,
				attach_btf_id) == 108U,
	       "bl_attr_prog_load.attach_btf_id");
_Static_assert((size_t)offsetof(struct bl_attr_prog_load, fd_array) == 120U,
	       "bl_attr_prog_load.fd_array");
_Static_assert((size_t)offsetof(struct bl_attr_prog_load,
				log_true_size) == 140U,
	       "bl_attr_prog_load.log_true_size");
_Static_assert((size_t)offsetof(struct bl_attr_prog_load,
				prog_token_fd) == 144U,
	       "bl_attr_prog_load.prog_token_fd");

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
_Static_assert((size_t)offsetof(struct bl_attr_btf_load,
				btf_log_true_size) == 28U,
	       "bl_attr_btf_load.btf_log_true_size");
_Static_assert((size_t)offsetof(struct bl_attr_btf_load, btf_token_fd) == 36U,
	       "bl_attr_btf_load.btf_token_fd");

/* BPF_OBJ_PIN / BPF_OBJ_GET. path_fd 6.5. src/bpf.c sends 20 bytes. */
struct bl_attr_obj {
	__aligned_u64 pathname;
	__u32 bpf_fd;
	__u32 file_flags;
	__s32 path_fd;
};
_Static_assert((size_t)offsetof(struct bl_attr_obj, path_fd) == 16U,
	       "bl_attr_obj.path_fd");

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
_Static_assert((size_t)offsetof(struct bl_attr_prog_attach, relative_fd) == 20U,
	       "bl_attr_prog_attach.relative_fd");
_Static_assert((size_t)offsetof(struct bl_attr_prog_attach,
				expected_revision) == 24U,
	       "bl_attr_prog_attach.expected_revision");

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
_Static_assert((size_t)offsetof(struct bl_attr_link_create,
				target_btf_id) == 16U,
	       "bl_attr_link_create.target_btf_id");
_Static_assert((size_t)offsetof(struct bl_attr_link_create,
				iter.iter_info_len) == 24U,
	       "bl_attr_link_create.iter.iter_info_len");
_Static_assert((size_t)offsetof(struct bl_attr_link_create,
				kprobe_multi.cookies) == 40U,
	       "bl_attr_link_create.kprobe_multi.cookies");
_Static_assert((size_t)offsetof(struct bl_attr_link_create,
				tracing.cookie) == 24U,
	       "bl_attr_link_create.tracing.cookie");
_Static_assert((size_t)offsetof(struct bl_attr_link_create,
				netfilter.flags) == 28U,
	       "bl_attr_link_create.netfilter.flags");
_Static_assert((size_t)offsetof(struct bl_attr_link_create,
				mprog.expected_revision) == 24U,
	       "bl_attr_link_create.mprog.expected_revision");
_Static_assert((size_t)offsetof(struct bl_attr_link_create,
				uprobe_multi.cnt) == 48U,
	       "bl_attr_link_create.uprobe_multi.cnt");
_Static_assert((size_t)offsetof(struct bl_attr_link_create,
				uprobe_multi.pid) == 56U,
	       "bl_attr_link_create.uprobe_multi.pid");
_Static_assert(sizeof(struct bl_attr_link_create) == 64U, "link_create");

/* BPF_RAW_TRACEPOINT_OPEN. cookie 6.10. src/bpf.c sends 24 bytes. */
struct bl_attr_raw_tp {
	__u64 name;
	__u32 prog_fd;
	__u32 pad;
	__aligned_u64 cookie;
};
_Static_assert((size_t)offsetof(struct bl_attr_raw_tp, cookie) == 16U,
	       "bl_attr_raw_tp.cookie");

/* enum bpf_link_type additions (6.1 ends at BPF_LINK_TYPE_KPROBE_MULTI = 8
 * with STRUCT_OPS = 9 declared but not reported in bpf_link_info). */
#define BL_BPF_LINK_TYPE_STRUCT_OPS 9U		/* info: 6.4 */
#define BL_BPF_LINK_TYPE_NETFILTER 10U		/* 6.4 */
#define BL_BPF_LINK_TYPE_TCX 11U		/* 6.6 */
#define BL_BPF_LINK_TYPE_UPROBE_MULTI 12U	/* 6.6 */
#define BL_BPF_LINK_TYPE_NETKIT 13U		/* 6.7 */
#define BL_BPF_LINK_TYPE_SOCKMAP 14U		/* 6.10 */
#define BL_BPF_LINK_TYPE_KPROBE_MULTI 8U	/* info: 6.6 */
#define BL_BPF_LINK_TYPE_PERF_EVENT 7U		/* info: 6.6 */

/* enum bpf_perf_event_type (6.6): perf_event.type of struct bl_link_info. */
#define BL_BPF_PERF_EVENT_UPROBE 1U
#define BL_BPF_PERF_EVENT_URETPROBE 2U
#define BL_BPF_PERF_EVENT_KPROBE 3U
#define BL_BPF_PERF_EVENT_KRETPROBE 4U
#define BL_BPF_PERF_EVENT_TRACEPOINT 5U
#define BL_BPF_PERF_EVENT_EVENT 6U

/* struct bpf_link_info as of 6.18 (BPF_OBJ_GET_INFO_BY_FD on a link). 6.1's
 * union ends at xdp; struct_ops.map_id 6.4, netfilter 6.4, kprobe_multi
 * 6.6 (missed 6.9, cookies 6.10), uprobe_multi 6.8, perf_event 6.6 (the
 * cookies 6.10), tcx 6.6, netkit 6.7, sockmap 6.10, raw_tracepoint.cookie
 * 6.10, tracing.cookie 6.15. The kernel copies min(its size, the size
 * passed) and wants the input zero apart from the buffer pointers and
 * lengths of the link's own member. src/cmd/cmd_link.c reads it. */
struct bl_link_info {
	__u32 type;
	__u32 id;
	__u32 prog_id;
	__u32 pad;
	union {
		struct {
			__aligned_u64 tp_name;
			__u32 tp_name_len;
			__u32 pad;
			__u64 cookie;
		} raw_tracepoint;
		struct {
			__u32 attach_type;
			__u32 target_obj_id;
			__u32 target_btf_id;
			__u32 pad;
			__u64 cookie;
		} tracing;
		struct {
			__u64 cgroup_id;
			__u32 attach_type;
		} cgroup;
		struct {
			__aligned_u64 target_name;
			__u32 target_name_len;
			__u32 map_id;
			__u64 cgroup_id; /* or tid, pid (two __u32) */
			__u32 order;
		} iter;
		struct {
			__u32 netns_ino;
			__u32 attach_type;
		} netns;
		struct {
			__u32 ifindex;
		} xdp;
		struct {
			__u32 map_id;
		} struct_ops;
		struct {
			__u32 pf;
			__u32 hooknum;
			__s32 priority;
			__u32 flags;
		} netfilter;
		struct {
			__aligned_u64 addrs;
			__u32 count;
			__u32 flags;
			__u64 missed;
			__aligned_u64 cookies;
		} kprobe_multi;
		struct {
			__aligned_u64 path;
			__aligned_u64 offsets;
			__aligned_u64 ref_ctr_offsets;
			__aligned_u64 cookies;
			__u32 path_size;
			__u32 count;
			__u32 flags;
			__u32 pid;
		} uprobe_multi;
		struct {
			__u32 type; /* BL_BPF_PERF_EVENT_* */
			__u32 pad;
			/* uprobe: file_name, name_len, offset, cookie,
			 * ref_ctr_offset; kprobe: func_name, name_len, offset,
			 * addr, missed, cookie; tracepoint: tp_name, name_len,
			 * pad, cookie; event: config, type, pad, cookie. The
			 * name (or config) and its length sit at the same
			 * offsets in all four. */
			__aligned_u64 name; /* or config */
			__u32 name_len; /* or the perf type of an event */
			__u32 offset;
			__u64 addr; /* uprobe, tracepoint, event: cookie */
			__u64 missed; /* uprobe: ref_ctr_offset */
			__u64 kprobe_cookie;
		} perf_event;
		struct {
			__u32 ifindex;
			__u32 attach_type;
		} tcx; /* and netkit */
		struct {
			__u32 map_id;
			__u32 attach_type;
		} sockmap;
	};
};
_Static_assert((size_t)offsetof(struct bl_link_info, raw_tracepoint) == 16U,
	       "bl_link_info union");
_Static_assert((size_t)offsetof(struct bl_link_info,
				raw_tracepoint.cookie) == 32U,
	       "bl_link_info.raw_tracepoint.cookie");
_Static_assert((size_t)offsetof(struct bl_link_info, tracing.cookie) == 32U,
	       "bl_link_info.tracing.cookie");
_Static_assert((size_t)offsetof(struct bl_link_info, cgroup.attach_type) == 24U,
	       "bl_link_info.cgroup.attach_type");
_Static_assert((size_t)offsetof(struct bl_link_info, iter.map_id) == 28U,
	       "bl_link_info.iter.map_id");
_Static_assert((size_t)offsetof(struct bl_link_info, iter.order) == 40U,
	       "bl_link_info.iter.order");
_Static_assert((size_t)offsetof(struct bl_link_info,
				netfilter.priority) == 24U,
	       "bl_link_info.netfilter.priority");
_Static_assert((size_t)offsetof(struct bl_link_info,
				kprobe_multi.missed) == 32U,
	       "bl_link_info.kprobe_multi.missed");
_Static_assert((size_t)offsetof(struct bl_link_info,
				kprobe_multi.cookies) == 40U,
	       "bl_link_info.kprobe_multi.cookies");
_Static_assert((size_t)offsetof(struct bl_link_info,
				uprobe_multi.path_size) == 48U,
	       "bl_link_info.uprobe_multi.path_size");
_Static_assert((size_t)offsetof(struct bl_link_info, uprobe_multi.pid) == 60U,
	       "bl_link_info.uprobe_multi.pid");
_Static_assert((size_t)offsetof(struct bl_link_info, perf_event.name) == 24U,
	       "bl_link_info.perf_event.name");
_Static_assert((size_t)offsetof(struct bl_link_info, perf_event.offset) == 36U,
	       "bl_link_info.perf_event.offset");
_Static_assert((size_t)offsetof(struct bl_link_info,
				perf_event.kprobe_cookie) == 56U,
	       "bl_link_info.perf_event.kprobe_cookie");
_Static_assert((size_t)offsetof(struct bl_link_info, tcx.attach_type) == 20U,
	       "bl_link_info.tcx.attach_type");
_Static_assert((size_t)offsetof(struct bl_link_info,
				sockmap.attach_type) == 20U,
	       "bl_link_info.sockmap.attach_type");
_Static_assert(sizeof(struct bl_link_info) == 64U, "bl_link_info");

#endif
