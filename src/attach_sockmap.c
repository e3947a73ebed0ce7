/* sockmap / sockhash links (Linux 6.10): sk_msg and sk_skb programs
 * attached to a map fd through BPF_LINK_CREATE (link type sockmap).
 * 1 system call; destroy: 1 (close). */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "net.h"

struct bpf_link *bpflink_attach_sockmap(int prog_fd, int map_fd,
					int attach_type)
{
	struct bl_net_args a;

	switch (attach_type) {
	case BPF_SK_MSG_VERDICT:
	case BPF_SK_SKB_VERDICT:
	case BPF_SK_SKB_STREAM_VERDICT:
	case BPF_SK_SKB_STREAM_PARSER:
		break;
	default:
		return bl_err_ptr(-EINVAL);
	}
	bl_net_args_zero(&a);
	return bl_net_link(prog_fd, map_fd, attach_type, &a);
}
