/* netns links: flow_dissector and sk_lookup programs on a network
 * namespace fd (BPF_LINK_CREATE). On the kernel's -EINVAL, one ioctl
 * (NS_GET_NSTYPE) tells a fd that is not a network namespace (-ENOTTY)
 * from a program that does not fit (-EINVAL stays). 1 system call per
 * attach; destroy: 1 (close). */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "compat.h"
#include "net.h"

/* <linux/sched.h>'s CLONE_NEWNET, the value NS_GET_NSTYPE gives for a
 * network namespace. */
#define BL_CLONE_NEWNET 0x40000000

struct bpf_link *bpflink_attach_netns(int prog_fd, int netns_fd,
				      int attach_type)
{
	struct bl_net_args a;
	struct bpf_link *link;
	int t;

	if ((attach_type != (int)BPF_FLOW_DISSECTOR) &&
	    (attach_type != (int)BPF_SK_LOOKUP)) {
		return bl_err_ptr(-EINVAL);
	}
	bl_net_args_zero(&a);
	link = bl_net_link(prog_fd, netns_fd, attach_type, &a);
	if ((link != NULL) || (bpflink_last_error() != -EINVAL)) {
		return link;
	}
	t = bl_sys_ioctl(netns_fd, BL_NS_GET_NSTYPE, 0UL);
	return bl_err_ptr((t == BL_CLONE_NEWNET) ? -EINVAL : -ENOTTY);
}
