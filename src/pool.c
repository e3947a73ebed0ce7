/* The link pool: BPFLINK_MAX_LINKS slots and a FIFO ring of the free ones
 * (see struct bl_pool in link.h), O(1) allocation and release under a
 * small lock. The all-zero .bss is the valid empty pool: nothing
 * initialises it, and a slot is written only when it is first handed out.
 * No system call here. */
#include <linux/errno.h>

#include "link.h"

struct bpf_link bl_links[BPFLINK_MAX_LINKS];
struct bl_link_cold bl_link_cold[BPFLINK_MAX_LINKS];
struct bl_pool bl_pool;
/*@ ghost uint32_t bl_g_ring[BPFLINK_MAX_LINKS]; */
/*@ ghost uint32_t bl_g_pos[BPFLINK_MAX_LINKS]; */

/* The pool is full: count the refusal, release the lock, record -ENOSPC. */
/*@ requires bl_pool_inv && bl_pool.nused == BL_N;
    assigns bl_pool.exhausted, bl_link_lock_word, bl_last_err;
    ensures bl_pool_inv;
    ensures \result == \null && bl_last_err == -28; */
static struct bpf_link *bl_pool_refuse(void)
{
	if (bl_pool.exhausted < UINT32_MAX) {
		bl_pool.exhausted++;
	}
	bl_lock_release();
	(void)bl_set_error(-ENOSPC);
	return NULL;
}

struct bpf_link *bl_pool_take(enum bl_link_kind kind)
{
	struct bpf_link *l;
	uint32_t h;
	uint32_t v;
	uint32_t s;
	uint32_t used;

	used = bl_pool.nused;
	if (used >= BL_MAX_LINKS_U) {
		return bl_pool_refuse();
	}
	h = bl_pool.head;
	v = bl_pool.ring[h];
	s = h;
	if (v != 0U) {
		s = v - 1U;
	}
	//@ assert s == bl_gring(h) && bl_gpos(s) == h;
	//@ assert bl_links[s].state == BL_SLOT_FREE;
	if ((h + 1U) < BL_MAX_LINKS_U) {
		bl_pool.head = h + 1U;
	} else {
		bl_pool.head = 0U;
	}
	used++;
	bl_pool.nused = used;
	if (bl_pool.high_water < used) {
		bl_pool.high_water = used;
	}
	/*@ assert window: \forall integer p; 0 <= p < BL_N ==>
	      (bl_in_window(p) <==> (\at(bl_in_window(p), Pre) && p != h)); */
	l = &bl_links[s];
	l->kind = (uint32_t)kind;
	l->state = BL_SLOT_LIVE;
	l->fd = -1;
	l->perf_fd = -1;
	l->target_fd = -1;
	l->prog_fd = -1;
	l->disconnected = false;
	l->index = s;
	/*@ assert others: \forall integer t; 0 <= t < BL_N && t != s ==>
	      bl_links[t].state == \at(bl_links[t].state, Pre) &&
	      bl_links[t].pin_len == \at(bl_links[t].pin_len, Pre) &&
	      bl_links[t].index == \at(bl_links[t].index, Pre); */
	//@ assert bl_ring_real;
	//@ assert bl_slots_index;
	//@ assert bl_slots_state;
	//@ assert bl_slots_window;
	//@ assert bl_slots_pin;
	bl_lock_release();
	return l;
}

struct bpf_link *bl_link_alloc(enum bl_link_kind kind)
{
	if (!bl_lock_try()) {
		return bl_alloc_contended(kind);
	}
	return bl_pool_take(kind);
}

void bl_pool_put(struct bpf_link *link)
{
	uint32_t s = link->index;
	uint32_t t;
	/*@ ghost uint32_t p; */
	/*@ ghost uint32_t other; */

	/* tail: the first ring position after the free window */
	t = bl_pool.head + (BL_MAX_LINKS_U - bl_pool.nused);
	if (t >= BL_MAX_LINKS_U) {
		t -= BL_MAX_LINKS_U;
	}
	//@ assert !bl_in_window(t);
	bl_pool.ring[t] = s + 1U;
	/* the proofs' permutation: swap S (live, outside the window) to t */
	/*@ ghost
	  p = (bl_g_pos[s] != 0U) ? (bl_g_pos[s] - 1U) : s;
	  other = (bl_g_ring[t] != 0U) ? (bl_g_ring[t] - 1U) : t;
	  bl_g_ring[t] = s + 1U;
	  bl_g_pos[s] = t + 1U;
	  bl_g_ring[p] = other + 1U;
	  bl_g_pos[other] = p + 1U;
	*/
	bl_pool.nused--;
	//@ assert bl_ring_ok;
	/*@ assert window: \forall integer q; 0 <= q < BL_N ==>
	      (bl_in_window(q) <==> (\at(bl_in_window(q), Pre) || q == t)); */
	//@ assert bl_ring_real;
	link->state = BL_SLOT_FREE;
	link->pin_len = 0U;
	if (link->generation < UINT32_MAX) {
		link->generation++;
	}
	//@ assert bl_slots_index;
	//@ assert bl_slots_state;
	//@ assert bl_slots_window;
	//@ assert bl_slots_pin;
	bl_lock_release();
}

void bl_link_free(struct bpf_link *link)
{
	if (bl_lock_try()) {
		bl_pool_put(link);
	} else {
		bl_free_contended(link);
	}
}

char *bl_link_legacy_name(const struct bpf_link *link)
{
	return bl_link_cold[link->index].legacy_name;
}

/*@ requires bl_pool_inv;
    requires st == \null || \valid(st);
    requires st == \null || \separated(st, &bl_pool, &bl_link_lock_word);
    assigns *st, bl_link_lock_word;
    ensures bl_pool_inv;
    ensures st != \null ==> st->capacity == BL_N &&
            st->in_use == bl_pool.nused &&
            st->in_use <= st->high_water <= st->capacity; */
void bpflink_link_pool_stats(struct bpflink_pool_stats *st)
{
	if (st == NULL) {
		return;
	}
	bl_lock_acquire();
	st->capacity = BL_MAX_LINKS_U;
	st->in_use = bl_pool.nused;
	st->high_water = bl_pool.high_water;
	st->exhausted = bl_pool.exhausted;
	bl_lock_release();
}
