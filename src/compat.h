/* Kernel ABI newer than the linux UAPI headers the toolchain ships.
 *
 * Debian 12's headers are Linux 6.1; bpflink must drive the running kernel
 * (6.18 on the project's machines) whatever the headers' age. Every value
 * here carries the kernel release that introduced it, and each is defined
 * only when the headers lack it. Structures whose layout grew (bpf_attr's
 * link_create, raw_tracepoint) are built by src/bpf.c from its own
 * per-command structs, so no header field is assumed to exist.
 */
#ifndef BPFLINK_COMPAT_H
#define BPFLINK_COMPAT_H

#include <linux/bpf.h>
#include <linux/fcntl.h>

/* socket(2) type flag; the UAPI has no SOCK_CLOEXEC (it equals O_CLOEXEC). */
#define BL_SOCK_CLOEXEC O_CLOEXEC

/* bpf(2) commands: BPF_TOKEN_CREATE is 6.9. Kept as our own names because
 * newer headers define them as enum members, not macros. */
#define BL_BPF_TOKEN_CREATE 36

/* enum bpf_attach_type additions. */
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

/* enum bpf_link_type additions. */
#define BL_BPF_LINK_TYPE_NETFILTER 10	/* 6.4 */
#define BL_BPF_LINK_TYPE_TCX 11		/* 6.6 */
#define BL_BPF_LINK_TYPE_UPROBE_MULTI 12 /* 6.6 */
#define BL_BPF_LINK_TYPE_NETKIT 13	/* 6.7 */
#define BL_BPF_LINK_TYPE_SOCKMAP 14	/* 6.10 */

/* enum bpf_prog_type additions. */
#define BL_BPF_PROG_TYPE_NETFILTER 32	/* 6.4 */

/* Flags. */
#define BL_BPF_F_LINK (1U << 13)	/* map_flags, 6.4: struct_ops link */
#define BL_BPF_F_UPROBE_MULTI_RETURN (1U << 0) /* uprobe_multi.flags, 6.6 */
#define BL_BPF_F_BEFORE (1U << 3)	/* tcx/mprog ordering, 6.6 */
#define BL_BPF_F_AFTER (1U << 4)	/* 6.6 */
#define BL_BPF_F_ID (1U << 5)		/* 6.6 */

#endif
