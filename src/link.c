/* bpf_link lifecycle: destroy (per-kind detach by switch), fd, detach,
 * disconnect, program update, kernel info, link iteration.
 * Pinning and opening pinned links are in link_pin.c. */
#include <linux/bpf.h>
#include <linux/errno.h>

#include "link.h"

/* Close FD when it is one (>= 0); return ERR if it is already an error,
 * else close's result. */
/*@ requires -4095 <= err <= 0;
    assigns bl_ghost_syscalls;
    ensures -4095 <= \result <= 0;
    ensures fd < 0 ==> \result == err &&
            bl_ghost_syscalls == \old(bl_ghost_syscalls);
    ensures fd >= 0 ==> bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1; */
static int bl_close_step(int err, int fd)
{
	int r;

	if (fd < 0) {
		return err;
	}
	r = bl_sys_close(fd);
	return (err != 0) ? err : r;
}

/* BPF_PROG_DETACH for a BL_LINK_PROG_ATTACH link. */
/*@ requires \valid_read(link);
    assigns bl_ghost_syscalls;
    ensures -4095 <= \result <= 0;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls) + 1; */
static int bl_prog_detach(const struct bpf_link *link)
{
	struct bl_la_prog_detach a;
	int r;

	a.target_fd = (uint32_t)link->target_fd;
	a.attach_bpf_fd = (link->prog_fd >= 0) ? (uint32_t)link->prog_fd : 0U;
	a.attach_type = link->attach_type;
	a.attach_flags = 0U;
	r = bl_lk_bpf_prog_detach(BPF_PROG_DETACH, &a, (unsigned int)sizeof(a));
	return (r < 0) ? r : 0;
}

/* Detach (unless disconnected) and close what the link owns, by kind. */
/*@ requires \valid(link);
    assigns bl_ghost_syscalls;
    ensures -4095 <= \result <= 0; */
static int bl_link_teardown(const struct bpf_link *link)
{
	int err = 0;

	switch (link->kind) {
	case BL_LINK_FD:
		err = bl_close_step(err, link->fd);
		break;
	case BL_LINK_PERF:
	case BL_LINK_PERF_IOCTL:
	case BL_LINK_LEGACY_PROBE:
		/* the kernel link first, then the perf event it holds */
		if (link->fd != link->perf_fd) {
			err = bl_close_step(err, link->fd);
		}
		err = bl_close_step(err, link->perf_fd);
		if ((link->kind == (uint32_t)BL_LINK_LEGACY_PROBE) &&
		    !link->disconnected) {
			int r = bl_legacy_event_remove(link);

			if (err == 0) {
				err = r;
			}
		}
		break;
	case BL_LINK_PROG_ATTACH:
		if (!link->disconnected && (link->target_fd >= 0)) {
			err = bl_prog_detach(link);
		}
		err = bl_close_step(err, link->prog_fd);
		err = bl_close_step(err, link->target_fd);
		break;
	default:
		break;
	}
	return err;
}

/* Destroy of every kind but BL_LINK_FD: teardown by kind, then release.
 * Out of line (external linkage) so that destroy's common case saves no
 * register for it. */
/*@ requires bl_pool_inv && bl_is_slot(link) && link->state == BL_SLOT_LIVE;
    assigns bl_ghost_syscalls, bl_pool.nused,
            bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1], *link, bl_link_lock_word;
    ensures bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures -4095 <= \result <= 0;
    ensures bl_is_slot(link);
    ensures link->state == BL_SLOT_FREE && link->pin_len == 0;
    ensures bl_pool.nused == \old(bl_pool.nused) - 1; */
int bl_link_destroy_other(struct bpf_link *link)
{
	int err = bl_link_teardown(link);

	bl_link_free(link);
	return err;
}

/*@ requires bl_pool_inv;
    requires link == \null || bl_is_slot(link);
    assigns bl_ghost_syscalls, bl_pool.nused,
            bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1], *link, bl_link_lock_word;
    ensures bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures -4095 <= \result <= 0;
    ensures link != \null ==> link->state == BL_SLOT_FREE;
    ensures link != \null ==> bl_is_slot(link);
    behavior null:
      assumes link == \null;
      ensures \result == 0;
      ensures bl_ghost_syscalls == \old(bl_ghost_syscalls);
      ensures bl_link_lock_word == \old(bl_link_lock_word);
      ensures bl_pool_unchanged{Pre, Post};
    behavior destroyed:
      assumes link != \null && link->state == BL_SLOT_FREE;
      ensures \result == 0;
      ensures bl_ghost_syscalls == \old(bl_ghost_syscalls);
      ensures bl_link_lock_word == \old(bl_link_lock_word);
      ensures bl_pool_unchanged{Pre, Post};
    behavior live:
      assumes link != \null && link->state == BL_SLOT_LIVE;
      ensures link->state == BL_SLOT_FREE && link->pin_len == 0;
      ensures bl_pool.nused == \old(bl_pool.nused) - 1;
    complete behaviors;
    disjoint behaviors; */
int bpf_link__destroy(struct bpf_link *link)
{
	int fd;

	if ((link == NULL) || (link->state != BL_SLOT_LIVE)) {
		return 0;
	}
	if (link->kind != (uint32_t)BL_LINK_FD) {
		return bl_link_destroy_other(link);
	}
	/* the common case, straight-line: release the slot, then close the
	 * fd read from it (ours alone, whoever takes the slot next) */
	fd = link->fd;
	bl_link_free(link);
	return (fd >= 0) ? bl_sys_close(fd) : 0;
}

int bl_kernel_link_fd(const struct bpf_link *link)
{
	switch (link->kind) {
	case BL_LINK_FD:
	case BL_LINK_PERF:
		return (link->fd >= 0) ? link->fd : -EOPNOTSUPP;
	case BL_LINK_LEGACY_PROBE:
		return ((link->fd >= 0) && (link->fd != link->perf_fd)) ?
			       link->fd :
			       -EOPNOTSUPP;
	default:
		return -EOPNOTSUPP;
	}
}

/*@ requires link == \null || bl_is_slot(link);
    assigns \nothing;
    ensures link == \null ==> \result == -EINVAL;
    ensures link != \null && link->state != BL_SLOT_LIVE ==> \result == -EINVAL; */
int bpf_link__fd(const struct bpf_link *link)
{
	if ((link == NULL) || (link->state != BL_SLOT_LIVE)) {
		return -EINVAL;
	}
	if ((link->kind == (uint32_t)BL_LINK_PROG_ATTACH) || (link->fd < 0)) {
		return -EOPNOTSUPP;
	}
	return link->fd;
}

/*@ requires link == \null || bl_is_slot(link);
    assigns bl_ghost_syscalls;
    ensures -4095 <= \result <= 0;
    ensures bl_ghost_syscalls <= \old(bl_ghost_syscalls) + 1; */
int bpf_link__detach(struct bpf_link *link)
{
	struct bl_la_link_fd a;
	int fd;
	int r;

	if ((link == NULL) || (link->state != BL_SLOT_LIVE)) {
		return -EINVAL;
	}
	fd = bl_kernel_link_fd(link);
	if (fd < 0) {
		return fd;
	}
	a.link_fd = (uint32_t)fd;
	r = bl_lk_bpf_link_fd(BPF_LINK_DETACH, &a, (unsigned int)sizeof(a));
	return (r < 0) ? r : 0;
}

/*@ requires bl_pool_inv;
    requires link == \null || bl_is_slot(link);
    assigns link->disconnected;
    ensures bl_pool_inv;
    ensures link != \null && \old(link->state) == BL_SLOT_LIVE ==>
            link->disconnected; */
void bpf_link__disconnect(struct bpf_link *link)
{
	if ((link != NULL) && (link->state == BL_SLOT_LIVE)) {
		link->disconnected = true;
	}
}

/*@ requires link == \null || bl_is_slot(link);
    assigns bl_ghost_syscalls;
    ensures -4095 <= \result <= 0;
    ensures bl_ghost_syscalls <= \old(bl_ghost_syscalls) + 1; */
int bpflink_link_update_prog_fd(struct bpf_link *link, int prog_fd)
{
	struct bl_la_link_update a;
	int fd;
	int r;

	if ((link == NULL) || (link->state != BL_SLOT_LIVE)) {
		return -EINVAL;
	}
	if (prog_fd < 0) {
		return -EBADF;
	}
	fd = bl_kernel_link_fd(link);
	if (fd < 0) {
		return fd;
	}
	a.link_fd = (uint32_t)fd;
	a.new_prog_fd = (uint32_t)prog_fd;
	a.flags = 0U;
	a.old_prog_fd = 0U;
	r = bl_lk_bpf_link_update(BPF_LINK_UPDATE, &a, (unsigned int)sizeof(a));
	return (r < 0) ? r : 0;
}

int bl_link_info_by_fd(int fd, struct bpflink_link_info *out)
{
	struct bl_link_info_head h;
	struct bl_la_info a;
	int r;

	h.type = 0U;
	h.id = 0U;
	h.prog_id = 0U;
	a.bpf_fd = (uint32_t)fd;
	a.info_len = (uint32_t)sizeof(h);
	a.info = bl_lk_info_ptr(&h);
	r = bl_lk_bpf_info(BPF_OBJ_GET_INFO_BY_FD, &a, (unsigned int)sizeof(a));
	BL_KERNEL_WROTE_INFO(&h);
	if (r < 0) {
		return r;
	}
	out->type = h.type;
	out->id = h.id;
	out->prog_id = h.prog_id;
	return 0;
}

/*@ requires link == \null || bl_is_slot(link);
    requires info == \null || \valid(info);
    requires \separated(info, link);
    assigns bl_ghost_syscalls, *info;
    ensures -4095 <= \result <= 0;
    ensures bl_ghost_syscalls <= \old(bl_ghost_syscalls) + 1; */
int bpflink_link_get_info(const struct bpf_link *link,
			  struct bpflink_link_info *info)
{
	int fd;

	if ((link == NULL) || (info == NULL) ||
	    (link->state != BL_SLOT_LIVE)) {
		return -EINVAL;
	}
	fd = bl_kernel_link_fd(link);
	if (fd < 0) {
		return fd;
	}
	return bl_link_info_by_fd(fd, info);
}

/*@ requires next_id == \null || \valid(next_id);
    assigns bl_ghost_syscalls, *next_id;
    ensures -4095 <= \result <= 0;
    ensures bl_ghost_syscalls <= \old(bl_ghost_syscalls) + 1; */
int bpflink_link_next_id(uint32_t start_id, uint32_t *next_id)
{
	struct bl_la_next_id a;
	int r;

	if (next_id == NULL) {
		return -EINVAL;
	}
	a.start_id = start_id;
	a.next_id = 0U;
	a.open_flags = 0U;
	r = bl_lk_bpf_next_id(BPF_LINK_GET_NEXT_ID, &a, (unsigned int)sizeof(a));
	if (r < 0) {
		return r;
	}
	*next_id = a.next_id;
	return 0;
}
