/* Shared step of the cgroup and network attach files (attach_cgroup.c,
 * attach_xdp.c, attach_tcx.c, attach_netfilter.c, attach_netns.c,
 * attach_sockmap.c): every one of those hooks is one BPF_LINK_CREATE, built
 * here from one argument struct, so the attr is assembled in one place
 * (through bpf_link_create, which lays out the union per attach type).
 */
#ifndef BPFLINK_NET_H
#define BPFLINK_NET_H

#include <stdint.h>

#include "bpf/libbpf.h"
#include "bpf_opts.h"
#include "link.h"

/* What a hook may set beyond prog, target and attach type. Zero means
 * absent. The ordering fields (tcx, netkit, cgroup) and the netfilter
 * fields are read by attach type; a hook that has neither leaves them 0. */
struct bl_net_args {
	uint32_t flags;
	uint32_t rel_fd;
	uint32_t rel_id;
	uint64_t revision;
	uint32_t pf;
	uint32_t hooknum;
	int32_t priority;
};

/* Read libbpf's ordering opts (bpf_tcx_opts, bpf_netkit_opts and
 * bpf_cgroup_opts share one shape) into ARGS; 0 or -EINVAL (invalid opts,
 * or relative_fd together with relative_id). LAST is the public header's
 * TYPE__last_field (see BL_OPTS_VALID). */
#define BL_NET_MPROG_ARGS(OPTS, TYPE, LAST, ARGS)                            \
	bl_net_mprog_fill((ARGS), BL_OPTS_VALID(OPTS, TYPE, LAST),           \
			  BL_OPT(OPTS, TYPE, flags, 0U),                     \
			  BL_OPT(OPTS, TYPE, relative_fd, 0U),               \
			  BL_OPT(OPTS, TYPE, relative_id, 0U),               \
			  BL_OPT(OPTS, TYPE, expected_revision, 0U))

int bl_net_mprog_fill(struct bl_net_args *a, int opts_err, uint32_t flags,
		      uint32_t rel_fd, uint32_t rel_id, uint64_t revision);

/* All zero. */
void bl_net_args_zero(struct bl_net_args *a);

/* A BL_LINK_FD link for BPF_LINK_CREATE(prog_fd, target, attach_type,
 * ARGS): -EBADF for a negative prog fd or target (no system call), the
 * pool's -ENOSPC (no system call), or the kernel's error; on failure the
 * slot is given back and NULL returned with the error recorded.
 * 1 system call. */
struct bpf_link *bl_net_link(int prog_fd, int target, int attach_type,
			     const struct bl_net_args *args);

#endif
