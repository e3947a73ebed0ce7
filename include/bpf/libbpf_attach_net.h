/* Attach to cgroup and network hooks: cgroup, XDP, tcx, netkit, netfilter,
 * netns, sockmap.
 *
 * libbpf's opts structs for these hooks (first field sz), and bpflink's
 * fd-based attach functions (bpflink_attach_*) that the libbpf-named
 * bpf_program__attach_* wrappers sit on once struct bpf_program exists.
 * Included by <bpf/libbpf.h>; not meant to be included on its own.
 *
 * Common rules of the functions below:
 * - NULL on failure, the reason (a negative errno) in libbpf_get_error(NULL)
 *   / bpflink_last_error(); nothing is left open or attached, and the link
 *   pool is as before.
 * - Bad arguments are refused before any system call: a negative prog fd or
 *   target fd -EBADF, ifindex 0 -EINVAL, relative_fd together with
 *   relative_id -EINVAL, invalid opts (sz too small, or unknown non-zero
 *   bytes past the known fields) -EINVAL.
 * - Every hook is attached with one BPF_LINK_CREATE (a kernel link: it can be
 *   pinned, updated with bpflink_link_update_prog_fd where the kernel
 *   allows, detached with bpf_link__detach); destroy closes the link fd.
 *   The only exception is the cgroup fallback below.
 * - A program whose type (or expected_attach_type) does not fit the hook:
 *   the kernel's -EINVAL passes through.
 * - The target must exist: an ifindex with no device gives the kernel's
 *   answer (-ENODEV for tcx/netkit, -EINVAL for XDP, whose kernel code says
 *   so); resolve names with bpflink_if_nametoindex, which gives -ENODEV for
 *   an unknown name.
 */
#ifndef BPFLINK_LIBBPF_ATTACH_NET_H
#define BPFLINK_LIBBPF_ATTACH_NET_H

#include <stdint.h>
#include <linux/types.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

struct bpf_link;

/* ---- libbpf's opts structs --------------------------------------------- */

/* Ordering among the programs of a hook (tcx 6.6, netkit 6.7, cgroup 6.16):
 * flags is BPF_F_BEFORE (1 << 3) / BPF_F_AFTER (1 << 4), optionally with
 * BPF_F_LINK (1 << 13) when the relative object is a link; the relative
 * program or link is given by fd (relative_fd) or by id (relative_id, which
 * adds BPF_F_ID, 1 << 5); both 0 with BPF_F_BEFORE / AFTER means first /
 * last. expected_revision, when non-zero, makes the kernel refuse
 * (-ESTALE) if the hook's programs changed since that revision. */
struct bpf_tcx_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	__u32 flags;
	__u32 relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_tcx_opts__last_field expected_revision

struct bpf_netkit_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	__u32 flags;
	__u32 relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_netkit_opts__last_field expected_revision

struct bpf_cgroup_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	__u32 flags;
	__u32 relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_cgroup_opts__last_field expected_revision

struct bpf_netfilter_opts {
	size_t sz; /* size of this struct for forward/backward compatibility */
	__u32 pf;      /* NFPROTO_IPV4 (2) or NFPROTO_IPV6 (10) */
	__u32 hooknum; /* NF_INET_PRE_ROUTING (0) .. NF_INET_POST_ROUTING (4) */
	__s32 priority;
	__u32 flags; /* BPF_F_NETFILTER_IP_DEFRAG (1 << 0), 6.6 */
};
#define bpf_netfilter_opts__last_field flags

/* ---- cgroup ------------------------------------------------------------ */

/* Open the cgroup directory PATH (O_RDONLY | O_DIRECTORY, close-on-exec)
 * for bpflink_attach_cgroup: the fd (>= 3), or -EINVAL when PATH is NULL or
 * not on a cgroup2 filesystem (statfs magic CGROUP2_SUPER_MAGIC; e.g. a v1
 * hierarchy or the tmpfs above it), -ENOTDIR, -ENOENT, ... from the kernel.
 * The caller closes it. 2 system calls (statfs, openat). */
LIBBPF_API int bpflink_cgroup_open(const char *path);

/* Attach PROG_FD to the cgroup CGROUP_FD at ATTACH_TYPE (any cgroup attach
 * type: BPF_CGROUP_INET_INGRESS ... BPF_CGROUP_UNIX_GETSOCKNAME), as
 * libbpf's bpf_program__attach_cgroup(_opts): BPF_LINK_CREATE, opts may be
 * NULL (ordering needs Linux 6.16; older kernels say -EINVAL).
 * Fallback: when the kernel answers -EINVAL and opts ask for no ordering
 * (flags, relative_*, expected_revision all 0), which is what a kernel
 * without cgroup links (< 5.7: no BPF_LINK_CREATE) says, the program is
 * attached with BPF_PROG_ATTACH(BPF_F_ALLOW_MULTI) instead, as
 * bpflink_attach_cgroup_legacy does. If that fails too, the first error
 * (-EINVAL) is returned. 1 system call (success on a modern kernel);
 * destroy: 1. */
LIBBPF_API struct bpf_link *
bpflink_attach_cgroup(int prog_fd, int cgroup_fd, int attach_type,
		      const struct bpf_cgroup_opts *opts);

/* The fallback on its own: BPF_PROG_ATTACH(BPF_F_ALLOW_MULTI) wrapped in a
 * link that owns duplicates (F_DUPFD_CLOEXEC) of both fds; destroy detaches
 * exactly this program (BPF_PROG_DETACH with its fd) and closes both.
 * bpf_link__fd, bpf_link__detach, bpflink_link_update_prog_fd and pinning
 * give -EOPNOTSUPP (there is no kernel link object). 3 system calls;
 * destroy: 3. */
LIBBPF_API struct bpf_link *
bpflink_attach_cgroup_legacy(int prog_fd, int cgroup_fd, int attach_type);

/* ---- XDP --------------------------------------------------------------- */

/* Attach the XDP program PROG_FD to the device IFINDEX
 * (BPF_LINK_CREATE(BPF_XDP)). FLAGS: 0 (libbpf's bpf_program__attach_xdp
 * passes 0: the kernel picks native or generic mode), or one of
 * XDP_FLAGS_SKB_MODE / DRV_MODE / HW_MODE; others give -EINVAL. A device
 * that already has an XDP program attached otherwise: the kernel's -EBUSY.
 * Supports update and detach. 1 system call; destroy: 1. */
LIBBPF_API struct bpf_link *
bpflink_attach_xdp(int prog_fd, int ifindex, uint32_t flags);

/* ---- tcx and netkit ---------------------------------------------------- */

/* tcx (Linux 6.6): attach the sched_cls program PROG_FD to IFINDEX at
 * BPF_TCX_INGRESS (46) or BPF_TCX_EGRESS (47), ordered by opts (may be
 * NULL), as libbpf's bpf_program__attach_tcx. Any other attach type:
 * -EINVAL, no system call. Supports update and detach. 1 system call;
 * destroy: 1. */
LIBBPF_API struct bpf_link *
bpflink_attach_tcx(int prog_fd, int ifindex, int attach_type,
		   const struct bpf_tcx_opts *opts);

/* netkit (Linux 6.7): as tcx, on a netkit device, at BPF_NETKIT_PRIMARY
 * (54) or BPF_NETKIT_PEER (55). A device that is not a netkit device gives
 * the kernel's -ENXIO; a kernel built without CONFIG_NETKIT, -EINVAL; a
 * kernel older than 6.7, -EINVAL. */
LIBBPF_API struct bpf_link *
bpflink_attach_netkit(int prog_fd, int ifindex, int attach_type,
		      const struct bpf_netkit_opts *opts);

/* ---- netfilter --------------------------------------------------------- */

/* netfilter (Linux 6.4): attach the BPF_PROG_TYPE_NETFILTER (32) program
 * PROG_FD at (pf, hooknum, priority, flags) in the caller's network
 * namespace (BPF_LINK_CREATE(BPF_NETFILTER)), as libbpf's
 * bpf_program__attach_netfilter. opts NULL means all zero, which the kernel
 * refuses (-EAFNOSUPPORT: no protocol family); priorities INT_MIN and
 * INT_MAX are reserved (the kernel's -ERANGE).
 * No update (the kernel's -EOPNOTSUPP passes through); detach works.
 * 1 system call; destroy: 1. */
LIBBPF_API struct bpf_link *
bpflink_attach_netfilter(int prog_fd, const struct bpf_netfilter_opts *opts);

/* ---- netns: flow_dissector, sk_lookup ---------------------------------- */

/* Attach PROG_FD to the network namespace NETNS_FD (an fd of
 * /proc/PID/ns/net or /var/run/netns/NAME) at ATTACH_TYPE
 * BPF_FLOW_DISSECTOR or BPF_SK_LOOKUP, as libbpf's
 * bpf_program__attach_netns (which takes the attach type from the
 * program). Another attach type: -EINVAL, no system call. When the kernel
 * answers -EINVAL, bpflink asks the fd for its namespace type
 * (ioctl NS_GET_NSTYPE, 1 more system call on that failure only):
 * -ENOTTY when NETNS_FD is not a network namespace, else the kernel's
 * -EINVAL stands (the program does not fit). Supports update and detach.
 * 1 system call; destroy: 1. */
LIBBPF_API struct bpf_link *
bpflink_attach_netns(int prog_fd, int netns_fd, int attach_type);

/* ---- sockmap / sockhash ------------------------------------------------ */

/* Attach the sk_msg / sk_skb program PROG_FD to the sockmap or sockhash
 * MAP_FD at ATTACH_TYPE BPF_SK_MSG_VERDICT, BPF_SK_SKB_VERDICT,
 * BPF_SK_SKB_STREAM_VERDICT or BPF_SK_SKB_STREAM_PARSER, through a kernel
 * link (Linux 6.10; older kernels -EINVAL), as libbpf's
 * bpf_program__attach_sockmap. Another attach type: -EINVAL, no system
 * call. A map of another type: the kernel's -EINVAL. Supports update and
 * detach. 1 system call; destroy: 1. */
LIBBPF_API struct bpf_link *
bpflink_attach_sockmap(int prog_fd, int map_fd, int attach_type);

/* ---- interface names --------------------------------------------------- */

/* The ifindex (> 0) of the network device NAME in the caller's network
 * namespace, without libc: ioctl SIOCGIFINDEX on an AF_UNIX datagram
 * socket. -EINVAL for NULL; -ENODEV for an unknown, empty or too long
 * (>= 16 bytes with the NUL) name; socket or ioctl errors as -errno.
 * Differs from if_nametoindex(3), which returns 0 and sets errno.
 * 3 system calls (socket, ioctl, close). */
LIBBPF_API int bpflink_if_nametoindex(const char *name);

#ifdef __cplusplus
}
#endif

#endif
