/* tcx (Linux 6.6) and netkit (6.7) links: BPF_LINK_CREATE on an ifindex
 * with mprog ordering (before / after a program or link, by fd or id,
 * expected_revision), through the shared step of src/net.h.
 * 1 system call per attach; destroy: 1 (close). */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "compat.h"
#include "net.h"

struct bpf_link *bpflink_attach_tcx(int prog_fd, int ifindex, int attach_type,
				    const struct bpf_tcx_opts *opts)
{
	struct bl_net_args a;
	int err = BL_NET_MPROG_ARGS(opts, bpf_tcx_opts,
				    bpf_tcx_opts__last_field, &a);

	if (err != 0) {
		return bl_err_ptr(err);
	}
	if ((ifindex <= 0) || ((attach_type != BL_BPF_TCX_INGRESS) &&
			       (attach_type != BL_BPF_TCX_EGRESS))) {
		return bl_err_ptr(-EINVAL);
	}
	return bl_net_link(prog_fd, ifindex, attach_type, &a);
}

struct bpf_link *bpflink_attach_netkit(int prog_fd, int ifindex,
				       int attach_type,
				       const struct bpf_netkit_opts *opts)
{
	struct bl_net_args a;
	int err = BL_NET_MPROG_ARGS(opts, bpf_netkit_opts,
				    bpf_netkit_opts__last_field, &a);

	if (err != 0) {
		return bl_err_ptr(err);
	}
	if ((ifindex <= 0) || ((attach_type != BL_BPF_NETKIT_PRIMARY) &&
			       (attach_type != BL_BPF_NETKIT_PEER))) {
		return bl_err_ptr(-EINVAL);
	}
	return bl_net_link(prog_fd, ifindex, attach_type, &a);
}
