/* The one atomic primitive of the library: a test-and-test-and-set spin
 * lock guarding the link pool, and atomic int load/store for the last-error
 * cell. Compiler __atomic builtins only; not given to Frama-C (the proofs
 * take the contracts in link.h as assumptions: proofs/README.md). The fast
 * paths of acquire and release are inline in link.h. Critical
 * sections are a few dozen instructions and never make system calls, so a
 * spin lock is enough. */
#include "link.h"

int bl_link_lock_word;

/* The contended half of every spin lock of the library (the link pool's
 * here, the loader's pool and arena locks in src/object_lock.c and
 * src/object.h): spin on a plain load until the word looks free, then try
 * the exchange again. */
void bl_spin_acquire(int *word)
{
	for (;;) {
		while (__atomic_load_n(word, __ATOMIC_RELAXED) != 0) {
			/* spin on a plain load until the lock looks free */
		}
		if (__atomic_exchange_n(word, 1, __ATOMIC_ACQUIRE) == 0) {
			return;
		}
	}
}

/* The contended half of bl_lock_acquire (link.h). */
void bl_lock_spin(void)
{
	bl_spin_acquire(&bl_link_lock_word);
}

void bl_atomic_store_int(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

int bl_atomic_load_int(const int *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}
