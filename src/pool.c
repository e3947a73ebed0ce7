/* The link pool: BPFLINK_MAX_LINKS slots, a FIFO ring of free slots over a
 * permutation with its inverse (see struct bl_pool in link.h), O(1)
 * allocation and release under a small lock. No system call here. */
#include <linux/errno.h>

#include "link.h"

struct bpf_link bl_links[BPFLINK_MAX_LINKS];
struct bl_pool bl_pool;

/* Reset one slot to its free, empty shape (state set by the caller). */
/*@ requires \valid(l);
    assigns l->kind, l->disconnected, l->fd, l->perf_fd, l->target_fd,
            l->prog_fd, l->attach_type, l->legacy_flags, l->pin_len,
            l->pin_path[0], l->legacy_name[0];
    ensures l->kind == BL_LINK_NONE && !l->disconnected;
    ensures l->fd == -1 && l->perf_fd == -1;
    ensures l->target_fd == -1 && l->prog_fd == -1;
    ensures l->pin_len == 0 && l->pin_path[0] == 0; */
static void bl_slot_clear(struct bpf_link *l)
{
	l->kind = BL_LINK_NONE;
	l->disconnected = false;
	l->fd = -1;
	l->perf_fd = -1;
	l->target_fd = -1;
	l->prog_fd = -1;
	l->attach_type = 0;
	l->legacy_flags = 0;
	l->pin_len = 0;
	l->pin_path[0] = '\0';
	l->legacy_name[0] = '\0';
}

/* First use: every slot free, the ring the identity, head 0. Generations
 * are kept (zero at start, never lowered). */
/*@ requires bl_pool.ready != 1;
    assigns bl_pool, bl_links[0 .. BPFLINK_MAX_LINKS - 1];
    ensures bl_pool.ready == 1 && bl_pool_inv && bl_pool.nfree == BL_N;
    ensures bl_gens_grow{Pre, Post}; */
static void bl_pool_init(void)
{
	uint32_t i;

	/*@ loop invariant 0 <= i <= BL_N;
	    loop invariant \forall integer s; 0 <= s < i ==>
	      bl_links[s].index == s && bl_links[s].state == BL_SLOT_FREE &&
	      bl_links[s].pin_len == 0 && bl_links[s].pin_path[0] == 0 &&
	      bl_pool.ring[s] == s && bl_pool.pos[s] == s;
	    loop invariant \forall integer s; 0 <= s < BL_N ==>
	      bl_links[s].generation == \at(bl_links[s].generation, Pre);
	    loop invariant bl_pool.ready != 1;
	    loop assigns i, bl_pool.ring[0 .. BPFLINK_MAX_LINKS - 1],
	                 bl_pool.pos[0 .. BPFLINK_MAX_LINKS - 1],
	                 bl_links[0 .. BPFLINK_MAX_LINKS - 1];
	    loop variant BL_N - i; */
	for (i = 0U; i < BL_MAX_LINKS_U; i++) {
		bl_links[i].index = i;
		bl_links[i].state = BL_SLOT_FREE;
		bl_slot_clear(&bl_links[i]);
		bl_pool.ring[i] = i;
		bl_pool.pos[i] = i;
	}
	bl_pool.head = 0U;
	bl_pool.nfree = BL_MAX_LINKS_U;
	bl_pool.high_water = 0U;
	bl_pool.exhausted = 0U;
	bl_pool.ready = 1U;
}

/* Take the slot at the head of the free ring and make it live. */
/*@ requires bl_pool.ready == 1 && bl_pool_inv && bl_pool.nfree > 0;
    requires BL_LINK_NONE < kind <= BL_LINK_LEGACY_PROBE;
    assigns bl_pool.head, bl_pool.nfree, bl_pool.high_water,
            bl_links[0 .. BPFLINK_MAX_LINKS - 1];
    ensures bl_pool.ready == 1 && bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures bl_is_slot(\result);
    ensures \result->state == BL_SLOT_LIVE && \result->kind == kind;
    ensures \result->fd == -1 && \result->perf_fd == -1;
    ensures \result->pin_len == 0 && !\result->disconnected;
    ensures bl_pool.nfree == \old(bl_pool.nfree) - 1; */
static struct bpf_link *bl_pool_take(enum bl_link_kind kind)
{
	struct bpf_link *l;
	uint32_t s;
	uint32_t h;
	uint32_t used;

	h = bl_pool.head;
	s = bl_pool.ring[h];
	//@ assert s < BL_N && bl_pool.pos[s] == h && bl_links[s].state == BL_SLOT_FREE;
	if ((h + 1U) < BL_MAX_LINKS_U) {
		bl_pool.head = h + 1U;
	} else {
		bl_pool.head = 0U;
	}
	bl_pool.nfree--;
	/*@ assert window: \forall integer p; 0 <= p < BL_N ==>
	      (bl_in_window(p) <==> (\at(bl_in_window(p), Pre) && p != h)); */
	used = BL_MAX_LINKS_U - bl_pool.nfree;
	if (bl_pool.high_water < used) {
		bl_pool.high_water = used;
	}
	l = &bl_links[s];
	bl_slot_clear(l);
	l->kind = (uint32_t)kind;
	l->state = BL_SLOT_LIVE;
	/*@ assert others: \forall integer t; 0 <= t < BL_N && t != s ==>
	      bl_links[t].state == \at(bl_links[t].state, Pre) &&
	      bl_links[t].pin_len == \at(bl_links[t].pin_len, Pre) &&
	      bl_links[t].index == \at(bl_links[t].index, Pre) &&
	      (bl_pin_ok(&bl_links[t]) <==> \at(bl_pin_ok(&bl_links[t]), Pre)); */
	//@ assert bl_ring_ok;
	//@ assert bl_slots_index;
	//@ assert bl_slots_state;
	//@ assert bl_slots_window;
	//@ assert bl_slots_pin;
	return l;
}

/* Initialise the pool on first use. */
/*@ requires bl_pool_inv;
    assigns bl_pool, bl_links[0 .. BPFLINK_MAX_LINKS - 1];
    ensures bl_pool.ready == 1 && bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures \old(bl_pool.ready) == 1 ==> bl_pool_unchanged{Pre, Post};
    ensures \old(bl_pool.ready) != 1 ==> bl_pool.nfree == BL_N; */
static void bl_pool_ensure_ready(void)
{
	if (bl_pool.ready != 1U) {
		bl_pool_init();
	}
}

struct bpf_link *bl_link_alloc(enum bl_link_kind kind)
{
	struct bpf_link *l;

	bl_lock_acquire();
	bl_pool_ensure_ready();
	if (bl_pool.nfree == 0U) {
		if (bl_pool.exhausted < UINT32_MAX) {
			bl_pool.exhausted++;
		}
		bl_lock_release();
		(void)bl_set_error(-ENOSPC);
		return NULL;
	}
	l = bl_pool_take(kind);
	bl_lock_release();
	return l;
}

void bl_link_free(struct bpf_link *link)
{
	uint32_t s = link->index;
	uint32_t t;
	uint32_t p;
	uint32_t other;

	bl_lock_acquire();
	/* tail: the first ring position after the free window; it holds a
	 * live slot (maybe this one): swap this slot there. */
	t = bl_pool.head + bl_pool.nfree;
	if (t >= BL_MAX_LINKS_U) {
		t -= BL_MAX_LINKS_U;
	}
	p = bl_pool.pos[s];
	other = bl_pool.ring[t];
	bl_pool.ring[t] = s;
	bl_pool.pos[s] = t;
	bl_pool.ring[p] = other;
	bl_pool.pos[other] = p;
	bl_pool.nfree++;
	//@ assert bl_ring_ok;
	/*@ assert window: \forall integer q; 0 <= q < BL_N ==>
	      (bl_in_window(q) <==> (\at(bl_in_window(q), Pre) || q == t)); */
	bl_slot_clear(link);
	link->state = BL_SLOT_FREE;
	if (link->generation < UINT32_MAX) {
		link->generation++;
	}
	//@ assert bl_slots_index;
	//@ assert bl_slots_state;
	//@ assert bl_slots_window;
	//@ assert bl_slots_pin;
	bl_lock_release();
}

/*@ requires bl_pool_inv;
    requires st == \null || \valid(st);
    requires st == \null || \separated(st, &bl_pool, &bl_lock_word,
                                         bl_links + (0 .. BPFLINK_MAX_LINKS - 1));
    assigns *st, bl_pool, bl_links[0 .. BPFLINK_MAX_LINKS - 1], bl_lock_word;
    ensures bl_pool_inv;
    ensures bl_gens_grow{Pre, Post};
    ensures st != \null ==> st->capacity == BL_N &&
            st->in_use == BL_N - bl_pool.nfree &&
            st->in_use <= st->high_water <= st->capacity; */
void bpflink_link_pool_stats(struct bpflink_pool_stats *st)
{
	if (st == NULL) {
		return;
	}
	bl_lock_acquire();
	bl_pool_ensure_ready();
	st->capacity = BL_MAX_LINKS_U;
	st->in_use = BL_MAX_LINKS_U - bl_pool.nfree;
	st->high_water = bl_pool.high_water;
	st->exhausted = bl_pool.exhausted;
	bl_lock_release();
}
