/* The object loader's arena lock: a spin lock held across a load's system
 * calls (src/object_load.c). Kept apart from src/object.c so that the
 * proved parsing code (proofs/prove_loader.sh) never sees the compiler
 * atomics, as src/lock.c is kept apart from the link core. */
#include "object.h"

static int bl_arena_lock_word;

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
