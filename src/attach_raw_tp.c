/* bpflink_attach_raw_tracepoint: BPF_RAW_TRACEPOINT_OPEN, a kernel link of
 * type raw_tracepoint. 1 system call; destroy: 1 (close). */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "link.h"

/*@ requires bl_pool_inv;
    requires tp_name == \null || \valid_read(tp_name);
    assigns bl_ghost_syscalls, bl_pool, bl_links[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1], bl_link_lock_word, bl_last_err;
    ensures bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures bl_ghost_syscalls <= \old(bl_ghost_syscalls) + 1;
    ensures \result == \null || (bl_is_slot(\result) &&
            \result->state == BL_SLOT_LIVE && \result->kind == BL_LINK_FD &&
            \result->fd >= 0); */
struct bpf_link *bpflink_attach_raw_tracepoint(int prog_fd,
					       const char *tp_name,
					       uint64_t cookie)
{
	struct bl_la_raw_tp a;
	struct bpf_link *link;
	int fd;

	if ((prog_fd < 0) || (tp_name == NULL)) {
		(void)bl_set_error(-EINVAL);
		return NULL;
	}
	/* the attr first: nothing but the link has to live across the calls */
	a.name = bl_lk_ptr(tp_name);
	a.prog_fd = (uint32_t)prog_fd;
	a.pad = 0U;
	a.cookie = cookie;
	link = bl_link_alloc(BL_LINK_FD);
	if (link == NULL) {
		return NULL;
	}
	fd = bl_lk_bpf_raw_tp(BPF_RAW_TRACEPOINT_OPEN, &a,
			(cookie != 0U) ?
				(unsigned int)sizeof(a) :
				(unsigned int)offsetof(struct bl_la_raw_tp, cookie));
	if (fd < 0) {
		bl_link_free(link);
		(void)bl_set_error(fd);
		return NULL;
	}
	link->fd = fd;
	return link;
}
