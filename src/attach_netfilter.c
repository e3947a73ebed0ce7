/* netfilter links (Linux 6.4): BPF_LINK_CREATE(BPF_NETFILTER) with
 * (pf, hooknum, priority, flags) from libbpf's bpf_netfilter_opts, in the
 * caller's network namespace. 1 system call; destroy: 1 (close). */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "compat.h"
#include "net.h"

#define NF bpf_netfilter_opts

struct bpf_link *bpflink_attach_netfilter(int prog_fd,
					  const struct bpf_netfilter_opts *opts)
{
	struct bl_net_args a;
	int err = BL_OPTS_VALID(opts, NF, bpf_netfilter_opts__last_field);

	if (err != 0) {
		return bl_err_ptr(err);
	}
	bl_net_args_zero(&a);
	a.pf = BL_OPT(opts, NF, pf, 0U);
	a.hooknum = BL_OPT(opts, NF, hooknum, 0U);
	a.priority = BL_OPT(opts, NF, priority, 0);
	a.flags = BL_OPT(opts, NF, flags, 0U);
	/* the target fd is unused: the hook is in the caller's netns */
	return bl_net_link(prog_fd, 0, BL_BPF_NETFILTER, &a);
}
