/* API-level properties of the link core, stated as harness functions whose
 * contracts are the properties (proofs/README.md). Proved by WP against the
 * contracts of bpf_link__destroy, bpf_link__pin and bpf_link__unpin; never
 * compiled into the library. */
#include "link.h"

/* destroy(NULL) returns 0, issues no system call, changes nothing. */
/*@ requires bl_pool_inv;
    assigns bl_ghost_syscalls, bl_pool.nused,
            bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1], bl_link_lock_word;
    ensures \result == 0;
    ensures bl_ghost_syscalls == \old(bl_ghost_syscalls);
    ensures bl_link_lock_word == \old(bl_link_lock_word);
    ensures bl_pool_unchanged{Pre, Post};
    ensures bl_pool_inv; */
int harness_destroy_null(void)
{
	return bpf_link__destroy((struct bpf_link *)0);
}

/* Destroy twice: the second call returns 0, issues no system call and
 * leaves the pool unchanged; the invariant holds after both; generations
 * only grow. */
/*@ requires bl_pool_inv && bl_is_slot(link);
    assigns bl_ghost_syscalls, bl_pool.nused,
            bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_ring[0 .. BPFLINK_MAX_LINKS - 1],
            bl_g_pos[0 .. BPFLINK_MAX_LINKS - 1], *link, bl_link_lock_word;
    ensures \result == 0;
    ensures bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures link->state == BL_SLOT_FREE; */
int harness_destroy_twice(struct bpf_link *link)
{
	int r;

	(void)bpf_link__destroy(link);
	//@ assert link->state == BL_SLOT_FREE;
Second:
	r = bpf_link__destroy(link);
	//@ check second_returns_0: r == 0;
	//@ check second_no_syscall: bl_ghost_syscalls == \at(bl_ghost_syscalls, Second);
	//@ check second_pool_unchanged: bl_pool_unchanged{Second, Here};
	return r;
}

/* Pin then unpin: the stored path follows the pinned state at each step;
 * the invariant (which includes bl_pin_ok for every slot) holds. */
/*@ requires bl_pool_inv && bl_is_slot(link);
    requires link->state == BL_SLOT_LIVE && !bl_pinned(link);
    requires \valid_read(path + (0 .. BPFLINK_PIN_PATH_MAX - 1));
    requires \separated(link, path + (0 .. BPFLINK_PIN_PATH_MAX - 1));
    assigns bl_ghost_syscalls,
            bl_link_cold[link->index].pin_path[0 .. BPFLINK_PIN_PATH_MAX - 1],
            link->pin_len;
    ensures bl_pool_inv;
    ensures bl_pin_ok(link->index); */
int harness_pin_unpin(struct bpf_link *link, const char *path)
{
	int r = bpf_link__pin(link, path);

	//@ check pin_consistent: r == 0 <==> bl_pinned(link);
	if (r != 0)
		return r;
	r = bpf_link__unpin(link);
	//@ check unpin_consistent: r == 0 <==> !bl_pinned(link);
	return r;
}

/* The all-zero .bss is the valid empty pool: with every field of the pool,
 * the slots and the proofs' permutation zero (as a fresh process has them,
 * no initialisation pass), the invariant holds, nothing is in use and
 * every slot is free. */
/*@ requires bl_pool.head == 0 && bl_pool.nused == 0 &&
             bl_pool.high_water == 0 && bl_pool.exhausted == 0;
    requires \forall integer k; 0 <= k < BL_N ==>
             bl_pool.ring[k] == 0 && bl_g_ring[k] == 0 && bl_g_pos[k] == 0;
    requires \forall integer s; 0 <= s < BL_N ==>
             bl_links[s].state == 0 && bl_links[s].pin_len == 0;
    assigns \nothing;
    ensures bl_pool_inv;
    ensures bl_nfree == BL_N;
    ensures \forall integer s; 0 <= s < BL_N ==>
            bl_links[s].state == BL_SLOT_FREE; */
void harness_zero_pool(void)
{
}
