/* The object loader's locks: the arena lock, a spin lock held across a
 * load's system calls (src/object_load.c), and the contended half of the
 * pools' lock (bl_pool_acquire, src/object.h). Kept apart from src/object.c
 * so that the proved parsing code (proofs/prove_loader.sh) never sees the
 * compiler atomics, as src/lock.c is kept apart from the link core. Both
 * words are defined in src/object_mem.c, on the page of the free stacks. */
#include "object.h"

/* The contended half of bl_pool_acquire: spin on a plain load until the
 * lock looks free, then try the exchange again. */
void bl_pool_spin(void)
{
	for (;;) {
		while (__atomic_load_n(&bl_lock_word, __ATOMIC_RELAXED) != 0) {
			/* spin until the holder releases it */
		}
		if (__atomic_exchange_n(&bl_lock_word, 1, __ATOMIC_ACQUIRE) ==
		    0) {
			return;
		}
	}
}

void bl_obj_lock(void)
{
	for (;;) {
		if (__atomic_exchange_n(&bl_arena_lock_word, 1,
					__ATOMIC_ACQUIRE) == 0) {
			return;
		}
		while (__atomic_load_n(&bl_arena_lock_word, __ATOMIC_RELAXED) !=
		       0) {
			/* spin until the holder releases it */
		}
	}
}

void bl_obj_unlock(void)
{
	__atomic_store_n(&bl_arena_lock_word, 0, __ATOMIC_RELEASE);
}
