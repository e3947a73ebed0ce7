/* The object loader's arena lock: a spin lock held across a load's system
 * calls (src/object_load.c). Its contended half, like that of the pools'
 * lock (bl_pool_acquire, src/object.h), is bl_spin_acquire (src/lock.c).
 * Kept apart from src/object.c so that the proved parsing code
 * (proofs/prove_loader.sh) never sees the compiler atomics, as src/lock.c
 * is kept apart from the link core. Both words are defined in
 * src/object_mem.c, on the page of the free stacks. */
#include "object.h"

void bl_obj_lock(void)
{
	if (__atomic_exchange_n(&bl_arena_lock_word, 1, __ATOMIC_ACQUIRE) !=
	    0) {
		bl_spin_acquire(&bl_arena_lock_word);
	}
}

void bl_obj_unlock(void)
{
	__atomic_store_n(&bl_arena_lock_word, 0, __ATOMIC_RELEASE);
}
