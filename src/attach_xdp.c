/* XDP links (BPF_LINK_CREATE(BPF_XDP) on an ifindex), and bl_net_link: the
 * one BPF_LINK_CREATE step every cgroup / network hook uses (src/net.h).
 * 1 system call per attach; destroy: 1 (close). */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "compat.h"
#include "net.h"

void bl_net_args_zero(struct bl_net_args *a)
{
	a->flags = 0U;
	a->rel_fd = 0U;
	a->rel_id = 0U;
	a->revision = 0U;
	a->pf = 0U;
	a->hooknum = 0U;
	a->priority = 0;
}

int bl_net_mprog_fill(struct bl_net_args *a, int opts_err, uint32_t flags,
		      uint32_t rel_fd, uint32_t rel_id, uint64_t revision)
{
	bl_net_args_zero(a);
	if (opts_err != 0) {
		return opts_err;
	}
	if ((rel_fd != 0U) && (rel_id != 0U)) {
		return -EINVAL;
	}
	a->flags = flags;
	a->rel_fd = rel_fd;
	a->rel_id = rel_id;
	a->revision = revision;
	return 0;
}

/* link_create opts for ATTACH_TYPE from ARGS: the ordering fields go to
 * the union member bpf_link_create reads for that type (tcx, netkit, or
 * cgroup for the cgroup types; for other types they are 0 and unread). */
static void bl_net_opts(struct bpf_link_create_opts *lc, int attach_type,
			const struct bl_net_args *a)
{
	__builtin_memset(lc, 0, sizeof(*lc));
	lc->sz = sizeof(*lc);
	lc->flags = a->flags;
	switch (attach_type) {
	case BL_BPF_NETFILTER:
		lc->netfilter.pf = a->pf;
		lc->netfilter.hooknum = a->hooknum;
		lc->netfilter.priority = a->priority;
		lc->netfilter.flags = a->flags;
		lc->flags = 0U;
		break;
	case BL_BPF_TCX_INGRESS:
	case BL_BPF_TCX_EGRESS:
		lc->tcx.relative_fd = a->rel_fd;
		lc->tcx.relative_id = a->rel_id;
		lc->tcx.expected_revision = a->revision;
		break;
	case BL_BPF_NETKIT_PRIMARY:
	case BL_BPF_NETKIT_PEER:
		lc->netkit.relative_fd = a->rel_fd;
		lc->netkit.relative_id = a->rel_id;
		lc->netkit.expected_revision = a->revision;
		break;
	default:
		lc->cgroup.relative_fd = a->rel_fd;
		lc->cgroup.relative_id = a->rel_id;
		lc->cgroup.expected_revision = a->revision;
		break;
	}
}

struct bpf_link *bl_net_link(int prog_fd, int target, int attach_type,
			     const struct bl_net_args *args)
{
	struct bpf_link_create_opts lc;
	struct bpf_link *link;
	int fd;

	if ((prog_fd < 0) || (target < 0)) {
		return bl_err_ptr(-EBADF);
	}
	bl_net_opts(&lc, attach_type, args);
	link = bl_link_alloc(BL_LINK_FD);
	if (link == NULL) {
		return NULL;
	}
	fd = bpf_link_create(prog_fd, target, (enum bpf_attach_type)attach_type,
			     &lc);
	if (fd < 0) {
		bl_link_free(link);
		return bl_err_ptr(fd);
	}
	link->fd = fd;
	link->attach_type = (uint32_t)attach_type;
	return link;
}

struct bpf_link *bpflink_attach_xdp(int prog_fd, int ifindex, uint32_t flags)
{
	struct bl_net_args a;

	if (ifindex <= 0) {
		return bl_err_ptr(-EINVAL);
	}
	bl_net_args_zero(&a);
	a.flags = flags;
	return bl_net_link(prog_fd, ifindex, BPF_XDP, &a);
}
