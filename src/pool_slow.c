/* The contended paths of the link pool: bl_link_alloc / bl_link_free found
 * the lock busy. In a file of their own so that the compiler cannot fold
 * them into the fast paths (src/pool.c), which then make only tail calls
 * and save no register. Contracts in link.h. */
#include "link.h"

struct bpf_link *bl_alloc_contended(enum bl_link_kind kind)
{
	bl_lock_spin();
	return bl_pool_take(kind);
}

void bl_free_contended(struct bpf_link *link)
{
	bl_lock_spin();
	bl_pool_put(link);
}
